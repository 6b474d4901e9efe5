// Central figures (docs/hub.md "Figures at the hub"): reports, IKM and officer
// sheets of one office, a set, or all, computed with the office's own code
// (server/domain/reports.*, the metrics accumulator) from the events and state the
// offices shipped; and the offices ranked by share within standard or by IKM.
#pragma once

#include <functional>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "antre/domain.hpp"
#include "hub_store.hpp"
#include "reports.hpp"

namespace antre::hub {

/// A request the hub refuses; `code` as in docs/hub.md.
struct Refused : std::runtime_error {
    Refused(std::string c, const std::string& message) : std::runtime_error(message), code(std::move(c)) {}
    std::string code;
};

/// The read ops of one reader's connection.
class Figures {
public:
    /// `scope`: the offices the reader may read (nullopt: all); `now` closes
    /// counter sessions still open, as the office's `now` does.
    Figures(HubStore& store, std::optional<std::vector<std::string>> scope, Millis now);

    /// The offices the reader may read (those that exist), sorted.
    std::vector<std::string> readable();
    /// `report`, `ikm`, `officer_sheet` or `ranking`; throws Refused.
    nlohmann::json run(const std::string& op, const nlohmann::json& request);

    /// The kinds of a closed month's figures computed ahead of any read: what the
    /// central dashboard and the ranking read (docs/hub.md "Months kept").
    static const std::vector<std::string>& ahead_kinds();
    /// Computes and keeps, for each of the office's closed months that its ack has
    /// passed, the ahead_kinds() not kept at the month's version from the office's
    /// current inputs; returns how many replies it kept. `stop` is asked between months.
    std::size_t keep_ahead(const std::string& office, const std::function<bool()>& stop = {});
    /// How many replies this object computed from the events (the others were kept).
    std::size_t replays() const { return replays_; }

private:
    struct Office;
    /// The offices a request names in `offices` (every readable one when absent).
    std::vector<Office> offices_of(const nlohmann::json& request);
    Office load(const std::string& id);
    nlohmann::json report(const nlohmann::json& request);
    nlohmann::json ikm(const nlohmann::json& request);
    nlohmann::json officer_sheet(const nlohmann::json& request);
    nlohmann::json ranking(const nlohmann::json& request);
    /// The reply of `kind` for the office's period: kept when the period is a whole
    /// closed month (read as kept, or computed and kept), else computed.
    nlohmann::json report_of(const Office& o, const reports::Period& p, metrics::GroupBy by);
    nlohmann::json ikm_of(const Office& o, const reports::Period& p, const std::string& service);
    nlohmann::json figures_of(const Office& o, const reports::Period& p, const std::string& kind);
    /// The reply of `kind` (`report:BY`, `ikm:SERVICE`, `officer_sheets`) computed from `events`.
    nlohmann::json compute(const Office& o, const reports::Period& p, const std::string& kind,
                           const reports::EventSource& events);

    HubStore& store_;
    std::optional<std::vector<std::string>> scope_;
    Millis now_;
    std::size_t replays_ = 0;
};

}  // namespace antre::hub
