#include "direct_writes.hpp"

#include <algorithm>
#include <cerrno>
#include <deque>
#include <iterator>

#include <sys/socket.h>

namespace antre {

namespace {

// Fewer sockets than this are written by the I/O thread alone: waking the helper
// and waiting for it costs more than it saves.
constexpr std::size_t shared_from = 64;

}  // namespace

DirectWrites::DirectWrites() : thread_([this] { helper(); }) {}

DirectWrites::~DirectWrites() {
    {
        std::lock_guard lock(mutex_);
        stop_ = true;
    }
    wake_.notify_one();
    thread_.join();
}

std::size_t DirectWrites::bytes(const Lines& lines) {
    std::size_t n = 0;
    for (const auto& line : lines) n += line->size() + 1;
    return n;
}

void DirectWrites::write(Job& job) {
    const std::vector<iovec>& iov = *job.buffers;
    msghdr msg{};
    msg.msg_iov = const_cast<iovec*>(iov.data());
    msg.msg_iovlen = std::min<std::size_t>(iov.size(), IOV_MAX);
    const ssize_t n = ::sendmsg(job.fd, &msg, MSG_DONTWAIT | MSG_NOSIGNAL);
    if (n >= 0) {
        job.written = static_cast<long>(n);
        job.error = 0;
    } else {
        job.error = errno;
        job.written = job.error == EAGAIN || job.error == EWOULDBLOCK ? 0 : -1;
    }
}

void DirectWrites::run(std::vector<Job>& jobs) {
    // The sessions of an audience share its lines, and so one array of buffers (a
    // deque: what the jobs point to stays where it is as more are added).
    static const char newline = '\n';
    std::deque<std::pair<const Lines*, std::vector<iovec>>> buffers;
    for (auto& job : jobs) {
        auto it = std::find_if(buffers.begin(), buffers.end(), [&](const auto& b) { return b.first == job.lines; });
        if (it == buffers.end()) {
            std::vector<iovec> iov;
            iov.reserve(job.lines->size() * 2);
            for (const auto& line : *job.lines) {
                iov.push_back({const_cast<char*>(line->data()), line->size()});
                iov.push_back({const_cast<char*>(&newline), 1});
            }
            buffers.emplace_back(job.lines, std::move(iov));
            it = std::prev(buffers.end());
        }
        job.buffers = &it->second;
    }
    if (jobs.size() < shared_from) {
        for (auto& j : jobs) write(j);
        return;
    }
    const std::size_t half = jobs.size() / 2;
    {
        std::lock_guard lock(mutex_);
        first_ = jobs.data() + half;
        last_ = jobs.data() + jobs.size();
        busy_ = true;
    }
    wake_.notify_one();
    for (std::size_t i = 0; i < half; ++i) write(jobs[i]);
    std::unique_lock lock(mutex_);
    done_.wait(lock, [this] { return !busy_; });
}

void DirectWrites::helper() {
    std::unique_lock lock(mutex_);
    for (;;) {
        wake_.wait(lock, [this] { return stop_ || busy_; });
        if (stop_) return;
        Job* first = first_;
        Job* last = last_;
        lock.unlock();
        for (Job* j = first; j != last; ++j) write(*j);
        lock.lock();
        busy_ = false;
        done_.notify_one();
    }
}

}  // namespace antre
