// A TCP relay between a client and the real server that loses replies on purpose:
// the reply to a request whose op is the one named is not passed on, and the
// connection is cut instead, as when a link drops after the server applied the
// request. Everything else, later connections included, is relayed line by line.
#pragma once

#include <memory>
#include <string>

namespace antre::test {

class DroppingProxy {
public:
    /// Listens on a free local port and relays to `server_port`; the replies to the first
    /// `drops` requests with op `op` are lost, each with its connection.
    DroppingProxy(unsigned short server_port, std::string op, int drops = 1);
    ~DroppingProxy();
    DroppingProxy(const DroppingProxy&) = delete;
    DroppingProxy& operator=(const DroppingProxy&) = delete;

    unsigned short port() const;
    /// Requests with op `op` the server received through this relay.
    int requests_seen() const;
    /// Replies lost so far.
    int replies_dropped() const;

private:
    struct Impl;
    std::unique_ptr<Impl> impl_;
};

}  // namespace antre::test
