#include "hub_web.hpp"

#include <algorithm>
#include <condition_variable>
#include <deque>
#include <iostream>
#include <mutex>
#include <optional>
#include <thread>
#include <vector>

#include <boost/asio/executor_work_guard.hpp>
#include <boost/asio/post.hpp>

#include "hub_dashboard.hpp"
#include "hub_store.hpp"
#include "web_response.hpp"

namespace antre::hub {

namespace asio = boost::asio;

namespace {

http::HttpOptions http_options(const HubWebOptions& o) {
    http::HttpOptions h;
    h.port = o.port;
    h.tls_cert_file = o.tls_cert;
    h.tls_key_file = o.tls_key;
    h.log_name = "antre-hub";
    return h;
}

}  // namespace

struct HubWeb::Impl {
    struct Task {
        std::function<http::Response(HubStore&)> work;
        HubDashboard::Respond respond;
    };

    explicit Impl(HubWebOptions o)
        : options(std::move(o)),
          guard(asio::make_work_guard(io)),
          dashboard([this](auto work, auto respond) { offload(std::move(work), std::move(respond)); },
                    !options.tls_cert.empty()),
          server(io, options.host, http_options(options),
                 [this](const http::Request& request, const std::string& peer, HubDashboard::Respond respond) {
                     dashboard.handle(request, peer, std::move(respond));
                 }) {
        HubStore schema(options.conninfo);  // migrates, and proves the database is there
        server.start();
        for (std::size_t i = 0; i < std::max<std::size_t>(1, options.workers); ++i)
            workers.emplace_back([this] { work_loop(); });
        io_thread = std::thread([this] { io.run(); });
    }

    // On the I/O thread: queue the work, or refuse at once when too much waits.
    void offload(std::function<http::Response(HubStore&)> work, HubDashboard::Respond respond) {
        {
            std::lock_guard lock(mutex);
            if (!stopping && queue.size() < options.queue_limit) {
                queue.push_back({std::move(work), std::move(respond)});
                wake.notify_one();
                return;
            }
        }
        respond(web::dashboard_responses.error(503, "unavailable", "Pusat sedang sibuk; coba lagi sebentar lagi"));
    }

    void work_loop() {
        std::unique_ptr<HubStore> store;
        for (;;) {
            Task task;
            {
                std::unique_lock lock(mutex);
                wake.wait(lock, [&] { return stopping || !queue.empty(); });
                if (stopping) return;
                task = std::move(queue.front());
                queue.pop_front();
            }
            std::optional<http::Response> answer;
            try {
                if (!store) store = std::make_unique<HubStore>(options.conninfo);
                answer = task.work(*store);
            } catch (const pg::Error& e) {
                store.reset();  // connect again for the next request
                answer = web::dashboard_responses.error(503, "unavailable", "the hub's database is unavailable");
            } catch (const std::exception& e) {
                std::cerr << "antre-hub: http: " << e.what() << "\n";
                answer = web::dashboard_responses.error(500, "internal_error", "Kesalahan di pusat");
            }
            // The session is the I/O thread's: the answer goes back there.
            asio::post(
                io, [respond = std::move(task.respond), r = std::move(*answer)]() mutable { respond(std::move(r)); });
        }
    }

    void stop() {
        std::deque<Task> waiting;
        {
            std::lock_guard lock(mutex);
            if (stopping) return;
            stopping = true;
            waiting.swap(queue);
            wake.notify_all();
        }
        for (auto& w : workers) w.join();
        // Every answer and every session is the I/O thread's to end, while the server lives.
        asio::post(io, [this, left = std::move(waiting)]() mutable {
            for (auto& t : left) t.respond(web::dashboard_responses.error(503, "unavailable", "antre-hub berhenti"));
            left.clear();
            server.stop();
        });
        guard.reset();
        io_thread.join();
    }

    HubWebOptions options;
    asio::io_context io;
    asio::executor_work_guard<asio::io_context::executor_type> guard;
    HubDashboard dashboard;
    http::HttpServer server;
    std::mutex mutex;
    std::condition_variable wake;
    std::deque<Task> queue;
    bool stopping = false;
    std::vector<std::thread> workers;
    std::thread io_thread;
};

HubWeb::HubWeb(HubWebOptions options) : impl_(std::make_unique<Impl>(std::move(options))) {}

HubWeb::~HubWeb() { stop(); }

unsigned short HubWeb::port() const { return impl_->server.port(); }

void HubWeb::stop() { impl_->stop(); }

}  // namespace antre::hub
