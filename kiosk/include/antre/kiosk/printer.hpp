// Where print jobs go: a device node (/dev/usb/lp0), a plain file, or a network
// printer on TCP (port 9100). Every write has a deadline, and every failure comes
// back as a fault the screen can name: missing, offline, no_paper or failed.
#pragma once

#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <deque>
#include <functional>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

namespace antre::kiosk {

struct PrinterTarget {
    enum class Kind { none, file, tcp } kind = Kind::none;
    std::string path;            ///< device node or file (kind file)
    std::string host;            ///< kind tcp
    unsigned short port = 9100;  ///< kind tcp

    /// "none", "tcp:HOST:PORT" or the path, as given on the command line.
    std::string describe() const;
};

/// Parses "none", "tcp:HOST[:PORT]" (port 9100 by default) or a path; throws
/// std::invalid_argument for an empty spec or a bad port.
PrinterTarget parse_printer_target(const std::string& spec);

struct PrintResult {
    bool ok = true;
    std::string fault;   ///< "missing", "offline", "no_paper" or "failed" when !ok
    std::string detail;  ///< for the log: what failed, with the system's reason
};

/// Writes `job` to the target, waiting at most `timeout` for each step (connect,
/// status, write). A TCP printer is first asked for its paper status (DLE EOT 4);
/// a device node for its line-printer status.
PrintResult send_to_printer(const PrinterTarget& target, const std::vector<std::uint8_t>& job,
                            std::chrono::milliseconds timeout = std::chrono::seconds(5));

/// One thread that prints jobs in order, so a slow or stuck printer never holds
/// up the screen. Holds at most `queue_limit` jobs; results go to `done` on that thread.
class PrintQueue {
public:
    static constexpr std::size_t queue_limit = 8;
    using Done = std::function<void(std::int64_t ticket_id, const PrintResult&)>;

    PrintQueue(PrinterTarget target, Done done);
    /// Finishes the job in hand; jobs not yet started are dropped.
    ~PrintQueue();
    PrintQueue(const PrintQueue&) = delete;
    PrintQueue& operator=(const PrintQueue&) = delete;

    /// Queues a job; false (and no job) when the queue is full.
    bool submit(std::int64_t ticket_id, std::vector<std::uint8_t> job);

private:
    void run();

    PrinterTarget target_;
    Done done_;
    std::mutex mutex_;
    std::condition_variable wake_;
    std::deque<std::pair<std::int64_t, std::vector<std::uint8_t>>> jobs_;
    bool stopping_ = false;
    std::thread thread_;
};

}  // namespace antre::kiosk
