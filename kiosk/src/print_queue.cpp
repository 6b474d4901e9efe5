#include "antre/kiosk/printer.hpp"

namespace antre::kiosk {

PrintQueue::PrintQueue(PrinterTarget target, Done done)
    : target_(std::move(target)), done_(std::move(done)), thread_([this] { run(); }) {}

PrintQueue::~PrintQueue() {
    {
        std::lock_guard lock(mutex_);
        stopping_ = true;
        jobs_.clear();
    }
    wake_.notify_all();
    thread_.join();
}

bool PrintQueue::submit(std::int64_t ticket_id, std::vector<std::uint8_t> job) {
    {
        std::lock_guard lock(mutex_);
        if (jobs_.size() >= queue_limit) return false;
        jobs_.emplace_back(ticket_id, std::move(job));
    }
    wake_.notify_one();
    return true;
}

void PrintQueue::run() {
    for (;;) {
        std::pair<std::int64_t, std::vector<std::uint8_t>> job;
        {
            std::unique_lock lock(mutex_);
            wake_.wait(lock, [this] { return stopping_ || !jobs_.empty(); });
            if (stopping_) return;
            job = std::move(jobs_.front());
            jobs_.pop_front();
        }
        const auto result = send_to_printer(target_, job.second);
        if (done_) done_(job.first, result);
    }
}

}  // namespace antre::kiosk
