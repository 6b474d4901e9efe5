#include "dropping_proxy.hpp"

#include <atomic>
#include <set>
#include <thread>

#include <utility>  // before Asio: Boost 1.74's awaitable.hpp needs std::exchange

#include <boost/asio/buffers_iterator.hpp>
#include <boost/asio/connect.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/read_until.hpp>
#include <boost/asio/streambuf.hpp>
#include <boost/asio/write.hpp>
#include <nlohmann/json.hpp>

namespace antre::test {

namespace asio = boost::asio;
using asio::ip::tcp;
using boost::system::error_code;

struct DroppingProxy::Impl {
    asio::io_context io;
    tcp::acceptor acceptor{io, tcp::endpoint(asio::ip::address_v4::loopback(), 0)};
    unsigned short server_port = 0;
    std::string op;
    int drops_left = 0;
    std::atomic<int> seen{0};
    std::atomic<int> dropped{0};
    std::thread thread;

    // One relayed connection: two sockets, each direction read a line at a time.
    struct Link : std::enable_shared_from_this<Link> {
        Link(Impl& owner, tcp::socket c) : proxy(owner), client(std::move(c)), server(owner.io) {}
        Impl& proxy;
        tcp::socket client;
        tcp::socket server;
        asio::streambuf from_client;
        asio::streambuf from_server;
        std::set<std::int64_t> doomed;  // ids of requests whose reply is to be lost

        void cut() {
            error_code ignored;
            client.close(ignored);
            server.close(ignored);
        }
        static std::string take_line(asio::streambuf& buf, std::size_t n) {
            std::string line(asio::buffers_begin(buf.data()),
                             asio::buffers_begin(buf.data()) + static_cast<std::ptrdiff_t>(n));
            buf.consume(n);
            return line;
        }
        void relay_requests() {
            asio::async_read_until(
                client, from_client, '\n', [self = shared_from_this()](error_code ec, std::size_t n) {
                    if (ec) return self->cut();
                    auto line = std::make_shared<std::string>(take_line(self->from_client, n));
                    const auto j = nlohmann::json::parse(*line, nullptr, false);
                    if (j.is_object() && j.value("op", "") == self->proxy.op && j.contains("id") &&
                        j["id"].is_number_integer()) {
                        ++self->proxy.seen;
                        if (self->proxy.drops_left > 0) {
                            --self->proxy.drops_left;
                            self->doomed.insert(j["id"].get<std::int64_t>());
                        }
                    }
                    asio::async_write(self->server, asio::buffer(*line), [self, line](error_code ec2, std::size_t) {
                        if (ec2) return self->cut();
                        self->relay_requests();
                    });
                });
        }
        void relay_replies() {
            asio::async_read_until(
                server, from_server, '\n', [self = shared_from_this()](error_code ec, std::size_t n) {
                    if (ec) return self->cut();
                    auto line = std::make_shared<std::string>(take_line(self->from_server, n));
                    const auto j = nlohmann::json::parse(*line, nullptr, false);
                    if (j.is_object() && j.contains("id") && j["id"].is_number_integer() &&
                        self->doomed.count(j["id"].get<std::int64_t>()) > 0) {
                        ++self->proxy.dropped;
                        return self->cut();  // the server applied it; the client never hears
                    }
                    asio::async_write(self->client, asio::buffer(*line), [self, line](error_code ec2, std::size_t) {
                        if (ec2) return self->cut();
                        self->relay_replies();
                    });
                });
        }
    };

    void do_accept() {
        // Handlers hold `this` plainly: the destructor joins the thread before Impl goes,
        // and the io_context then destroys what is left of the links.
        acceptor.async_accept([this](error_code ec, tcp::socket socket) {
            if (ec) return;
            auto link = std::make_shared<Link>(*this, std::move(socket));
            link->server.async_connect(tcp::endpoint(asio::ip::address_v4::loopback(), server_port),
                                       [link](error_code ec2) {
                                           if (ec2) return link->cut();
                                           link->relay_requests();
                                           link->relay_replies();
                                       });
            do_accept();
        });
    }
};

DroppingProxy::DroppingProxy(unsigned short server_port, std::string op, int drops) : impl_(std::make_unique<Impl>()) {
    impl_->server_port = server_port;
    impl_->op = std::move(op);
    impl_->drops_left = drops;
    impl_->do_accept();
    impl_->thread = std::thread([impl = impl_.get()] { impl->io.run(); });
}

DroppingProxy::~DroppingProxy() {
    impl_->io.stop();
    impl_->thread.join();
}

unsigned short DroppingProxy::port() const { return impl_->acceptor.local_endpoint().port(); }
int DroppingProxy::requests_seen() const { return impl_->seen; }
int DroppingProxy::replies_dropped() const { return impl_->dropped; }

}  // namespace antre::test
