#include "hub_support.hpp"

#include <chrono>
#include <thread>

#include "sqlite.hpp"

namespace antre::test {

std::vector<hub::ShippedEvent> office_log(const std::string& db_path) {
    sql::Database db(db_path, true);
    sql::Statement q(db,
                     "SELECT seq, at, day, type, ticket, service, counter, officer, detail FROM events ORDER BY seq");
    std::vector<hub::ShippedEvent> out;
    while (q.step()) {
        hub::ShippedEvent e;
        e.seq = q.int64(0);
        e.event.at = q.int64(1);
        e.event.day = q.text(2);
        e.event.type = q.text(3);
        e.event.ticket = q.opt_int64(4);
        e.event.service = q.text(5);
        e.event.counter = q.integer(6);
        e.event.officer = q.text(7);
        e.event.detail = q.text(8);
        out.push_back(std::move(e));
    }
    return out;
}

namespace {

bool same(const std::vector<hub::ShippedEvent>& a, const std::vector<hub::ShippedEvent>& b) {
    if (a.size() != b.size()) return false;
    for (std::size_t i = 0; i < a.size(); ++i)
        if (a[i].seq != b[i].seq || !(a[i].event == b[i].event)) return false;
    return true;
}

}  // namespace

bool hub_matches(const std::string& conninfo, const std::string& office, const std::string& db) {
    for (int i = 0; i < 600; ++i) {
        if (same(hub::HubStore(conninfo).events(office), office_log(db))) return true;
        std::this_thread::sleep_for(std::chrono::milliseconds(100));
    }
    return false;
}

void ship_to(AppOptions& o, const std::string& office, const std::string& secret, unsigned short hub_port,
             const std::string& tls_ca) {
    o.hub.url = (tls_ca.empty() ? "tcp://127.0.0.1:" : "tls://127.0.0.1:") + std::to_string(hub_port);
    o.hub.tls_ca = tls_ca;
    o.hub.office_id = office;
    o.hub.secret = secret;
    o.hub.batch = 7;  // small batches: many round trips
    o.hub.max_backoff_ms = 500;
}

ShippingOffice::ShippingOffice(const std::string& office, const std::string& office_secret, unsigned short port,
                               const std::vector<OfficerSeed>& officers, std::string ca)
    : config(write_test_config(dir)),
      db(dir.file("antre.db")),
      id(office),
      secret(office_secret),
      hub_port(port),
      tls_ca(std::move(ca)) {
    for (const auto& o : officers) add_officer(db, o.nip, o.name, o.role, o.pin);
    restart();
}

void ShippingOffice::restart() {
    server.reset();
    server = std::make_unique<RunningServer>(config, db, nullptr,
                                             [&](AppOptions& o) { ship_to(o, id, secret, hub_port, tls_ca); });
}

}  // namespace antre::test
