// The office side of the hub (docs/hub.md): a thread of its own that reads the
// committed events from the office's database file on its own SQLite connection and
// ships them to antre-hub in batches, from the last seq the hub acknowledged. The
// office never waits for it: kiosks and counters do not know it exists.
#pragma once

#include <atomic>
#include <condition_variable>
#include <cstdint>
#include <mutex>
#include <string>
#include <thread>

#include "antre/hub_link.hpp"

namespace antre {

struct HubShipOptions {
    std::string url;     ///< tcp:// or tls://HOST:PORT of antre-hub; empty: no shipping
    std::string tls_ca;  ///< tls://: the CA file the hub's certificate must chain to (empty: the system's)
    std::string office_id;
    std::string secret;        ///< read from --hub-secret-file
    std::string office_name;   ///< shipped with the state (the office's configuration)
    std::string time_zone;     ///< the office's calendar, which the hub's figures need
    std::size_t batch = 2000;  ///< events per batch: the most a hub takes (docs/hub.md)
    int idle_poll_ms = 250;    ///< how often an idle shipper looks for new commits
    int max_backoff_ms = 30000;
};

class HubShipper {
public:
    /// `db_path` is the office's database (opened read-only, WAL: readers never block
    /// the server); the acknowledged seq is kept in `db_path` + ".hub-ack".
    HubShipper(std::string db_path, HubShipOptions options);
    ~HubShipper();
    HubShipper(const HubShipper&) = delete;
    HubShipper& operator=(const HubShipper&) = delete;
    /// The highest seq the hub has acknowledged (as far as this office knows).
    std::int64_t acked() const { return acked_; }

private:
    void run();
    /// One connection's life: hello, then batches until an error or stop.
    void ship_once();
    /// Sleeps up to `ms`, or less when stopped; false once stopped.
    bool pause(int ms);
    void save_ack(std::int64_t seq);

    std::string db_path_;
    std::string ack_path_;
    HubShipOptions options_;
    hub_link::Address address_;
    std::atomic<std::int64_t> acked_{0};
    std::mutex mutex_;
    std::condition_variable wake_;
    bool stop_ = false;
    std::thread thread_;
};

}  // namespace antre
