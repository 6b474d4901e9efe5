// The shipping protocol's hub side as a pure line handler (docs/hub.md): one JSON
// object per line in, one reply line out. The connection only moves the lines.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>

#include "hub_store.hpp"

namespace antre::hub {

/// The longest line the hub reads: a full batch of events with room to spare.
inline constexpr std::size_t max_hub_line_bytes = 4 * 1024 * 1024;
/// The most events one `ship` may carry.
inline constexpr std::size_t max_batch_events = 2000;

/// One connection's conversation: `hello` first; then an office ships (`ship`,
/// `state`) and a reader reads figures (`report`, `ikm`, `officer_sheet`, `ranking`).
class OfficeConversation {
public:
    /// `connect` opens a store connection (again after PostgreSQL went away).
    explicit OfficeConversation(std::function<std::unique_ptr<HubStore>()> connect);
    /// The reply to one request line (without the newline).
    std::string handle(const std::string& line);
    /// The office this connection authenticated as, if any.
    const std::optional<std::string>& office() const { return office_; }

private:
    HubStore& store();
    std::function<std::unique_ptr<HubStore>()> connect_;
    std::unique_ptr<HubStore> store_;
    std::optional<std::string> office_;
    std::optional<ReaderRecord> reader_;
};

}  // namespace antre::hub
