// Broadcast lines written straight to the sockets of idle plain-TCP sessions, shared
// between the I/O thread and one helper thread: a call reaching a thousand boards is
// a thousand sendmsg calls, nearly all of it the kernel's work, and no asynchronous
// write and completion handler per board (docs/decisions.md, "Broadcasts written
// straight to the boards' sockets, on two threads").
#pragma once

#include <condition_variable>
#include <cstddef>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include <sys/uio.h>

namespace antre {

using Lines = std::vector<std::shared_ptr<const std::string>>;

class DirectWrites {
public:
    /// One socket's share of a broadcast: its descriptor and its audience's lines.
    struct Job {
        int fd = -1;
        const Lines* lines = nullptr;
        /// Bytes the kernel took (each line and its '\n'); -1 with `error` set on failure.
        long written = 0;
        int error = 0;
        /// `lines` as the write's buffers, set by run(): one array per audience.
        const std::vector<iovec>* buffers = nullptr;
    };

    DirectWrites();
    ~DirectWrites();
    DirectWrites(const DirectWrites&) = delete;
    DirectWrites& operator=(const DirectWrites&) = delete;

    /// Writes every job without blocking, the second half of them on the helper
    /// thread when there are enough to pay for waking it; returns when all are done.
    void run(std::vector<Job>& jobs);

    /// The bytes of `lines` with their newlines.
    static std::size_t bytes(const Lines& lines);

private:
    /// One non-blocking gathered write of the job's buffers.
    static void write(Job& job);
    void helper();

    std::mutex mutex_;
    std::condition_variable wake_, done_;
    Job* first_ = nullptr;  // the helper's share, under mutex_
    Job* last_ = nullptr;
    bool busy_ = false;
    bool stop_ = false;
    std::thread thread_;
};

}  // namespace antre
