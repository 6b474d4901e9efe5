// What the hub's shipping tests share: office servers shipping to a hub, and the
// comparison of an office's event log with the hub's copy.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "hub_store.hpp"
#include "test_support.hpp"

namespace antre::test {

/// The office's own event log, as the hub should hold it.
std::vector<hub::ShippedEvent> office_log(const std::string& db_path);

/// Waits up to 60 s until the hub holds exactly the office's log.
bool hub_matches(const std::string& conninfo, const std::string& office, const std::string& db);

/// A real office server (system clock) shipping to the hub on `hub_port` in small batches.
struct ShippingOffice {
    /// With `tls_ca`, it ships over tls:// and trusts that CA file.
    ShippingOffice(const std::string& id, const std::string& secret, unsigned short hub_port,
                   const std::vector<OfficerSeed>& officers = {}, std::string tls_ca = "");
    /// Stops the server and starts it again on the same database (the shipper too).
    void restart();
    TempDir dir;
    std::string config, db;
    std::string id, secret;
    unsigned short hub_port;
    std::string tls_ca;
    std::unique_ptr<RunningServer> server;
};

/// The hub's options for shipping: the office's id, its secret and the hub's port
/// (over TLS, trusting `tls_ca`, when it is given).
void ship_to(AppOptions& o, const std::string& office, const std::string& secret, unsigned short hub_port,
             const std::string& tls_ca = "");

}  // namespace antre::test
