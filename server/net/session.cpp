#include "session.hpp"

#include <iostream>
#include <type_traits>

#include "antre/errors.hpp"
#include "server.hpp"

namespace antre {

namespace asio = boost::asio;
using boost::system::error_code;

Session::Session(asio::ip::tcp::socket socket, const std::shared_ptr<tls::Context>& tls, Server& server,
                 Handler& handler)
    : stream_(std::move(socket), tls),
      server_(server),
      handler_(handler),
      // One byte more than the limit, so that a full buffer without '\n' means "too long".
      in_(protocol::max_line_bytes + 1),
      idle_timer_(stream_.socket().get_executor()) {
    error_code ec;
    auto ep = stream_.socket().remote_endpoint(ec);
    ctx_.address = ec ? std::string("?") : ep.address().to_string();
    ctx_.peer = ec ? std::string("?") : ctx_.address + ":" + std::to_string(ep.port());
    server_.join(this);
}

Session::~Session() {
    if (!closing_) server_.released(out_bytes_);
    server_.leave(this);
}

void Session::start() {
    // The handler ends a staff session through this when its officer is deactivated
    // or loses the role; it never keeps the session alive.
    ctx_.end = std::make_shared<const std::function<void()>>([weak = weak_from_this()] {
        if (auto self = weak.lock()) self->close();
    });
    arm_idle_timer();  // also bounds a handshake that never ends
    stream_.async_handshake(asio::ssl::stream_base::server,
                            [self = shared_from_this()](error_code ec) { self->on_handshake(ec); });
}

void Session::on_handshake(error_code ec) {
    if (ec) return fail(ec, "TLS handshake");
    do_read();
}

void Session::arm_idle_timer() {
    idle_timer_.expires_after(server_.options().idle_timeout);
    idle_timer_.async_wait([weak = weak_from_this()](error_code ec) {
        if (ec) return;
        if (auto self = weak.lock()) {
            std::cerr << "antre-server: " << self->ctx_.peer << ": idle timeout, closing\n";
            self->close();
        }
    });
}

void Session::do_read() {
    if (closing_) return;
    stream_.visit([this](auto& s) {
        asio::async_read_until(s, in_, '\n',
                               [self = shared_from_this()](error_code ec, std::size_t n) { self->on_read(ec, n); });
    });
}

void Session::on_read(error_code ec, std::size_t n) {
    if (ec == asio::error::not_found) {
        // The buffer filled without a newline: the framing is lost, so answer and hang up.
        close_when_flushed_ = true;
        send(std::make_shared<const std::string>(protocol::encode_error(
            nullptr, errc::line_too_long,
            "line longer than " + std::to_string(protocol::max_line_bytes) + " bytes; closing the connection")));
        return;
    }
    if (ec) return fail(ec, "read");
    arm_idle_timer();
    std::string line(asio::buffers_begin(in_.data()),
                     asio::buffers_begin(in_.data()) + static_cast<std::ptrdiff_t>(n) - 1);
    in_.consume(n);
    if (!line.empty() && line.back() == '\r') line.pop_back();
    on_line(std::move(line));
}

void Session::on_line(std::string line) {
    if (line.find_first_not_of(" \t") == std::string::npos) return do_read();  // blank lines are ignored
    auto decoded = protocol::decode_request(line);
    if (auto* err = std::get_if<protocol::DecodeError>(&decoded)) {
        send(std::make_shared<const std::string>(protocol::encode_error(err->id, err->code, err->message)));
        return do_read();
    }
    // The next line is read only when this request is answered: replies keep request order.
    handler_.handle(ctx_, std::get<protocol::Request>(decoded), [self = shared_from_this()](Outcome out) {
        const bool subscribe = out.subscribe;
        self->send(std::make_shared<const std::string>(std::move(out).line()));
        if (subscribe) self->ctx_.subscribed = true;
        self->do_read();
    });
}

void Session::send(std::shared_ptr<const std::string> line) {
    send(std::vector<std::shared_ptr<const std::string>>{std::move(line)});
}

void Session::send(const std::vector<std::shared_ptr<const std::string>>& lines) {
    if (closing_ || lines.empty()) return;
    const auto& opt = server_.options();
    const bool idle = out_.empty();
    for (const auto& line : lines) {
        const std::size_t bytes = line->size() + 1;
        if (out_.size() >= opt.send_queue_limit || out_bytes_ + bytes > opt.send_bytes_limit) {
            server_.log_drop(ctx_, "its queue is full (--send-queue-limit, --send-bytes-limit)");
            close();
            return;
        }
        if (!server_.make_room(this, bytes)) return;  // this session had the most queued: dropped
        out_bytes_ += bytes;
        out_.push_back(line);
    }
    // All of them in one write when nothing is in flight; otherwise they follow it.
    if (idle) do_write();
}

int Session::direct_fd() {
    if (closing_ || !out_.empty()) return -1;
    return stream_.visit([](auto& s) -> int {
        if constexpr (std::is_same_v<std::decay_t<decltype(s)>, tls::Stream::Socket>)
            return s.is_open() ? s.native_handle() : -1;
        else
            return -1;
    });
}

void Session::sent_directly(const DirectWrites::Job& job) {
    if (job.written < 0) {
        // The peer is gone: the session ends, as after a failed asynchronous write.
        return fail(error_code(job.error, boost::system::system_category()), "write");
    }
    const std::size_t total = DirectWrites::bytes(*job.lines);
    const auto written = static_cast<std::size_t>(job.written);
    if (written >= total) return;
    // What is left, as one line: the text up to the last line's '\n', which
    // do_write adds again.
    std::string rest;
    rest.reserve(total - written);
    std::size_t at = 0;
    for (const auto& line : *job.lines) {
        const std::size_t end = at + line->size() + 1;
        if (end > written) {
            const std::size_t from = written > at ? written - at : 0;
            if (from < line->size()) rest.append(*line, from);
            rest.push_back('\n');
        }
        at = end;
    }
    rest.pop_back();
    send(std::make_shared<const std::string>(std::move(rest)));
}

// Everything queued goes out in one gathered write (one syscall for a whole
// batch of events), while new lines queue up behind it.
void Session::do_write() {
    static const char newline = '\n';
    writing_ = std::min(out_.size(), max_lines_per_write);
    buffers_.clear();
    for (std::size_t i = 0; i < writing_; ++i) {
        buffers_.push_back(asio::buffer(*out_[i]));
        buffers_.push_back(asio::buffer(&newline, 1));
    }
    stream_.visit([this](auto& s) {
        asio::async_write(s, buffers_,
                          [self = shared_from_this()](error_code ec, std::size_t n) { self->on_write(ec, n); });
    });
}

void Session::on_write(error_code ec, std::size_t) {
    if (ec) return fail(ec, "write");
    for (std::size_t i = 0; i < writing_; ++i) {
        const std::size_t bytes = out_.front()->size() + 1;
        out_bytes_ -= bytes;
        if (!closing_) server_.released(bytes);  // a closing session released all at once
        out_.pop_front();
    }
    writing_ = 0;
    if (!out_.empty()) return do_write();
    if (close_when_flushed_) close();
}

void Session::fail(error_code ec, const char* what) {
    // A TLS peer that just closes its socket (as Antre's clients do) ends with
    // stream_truncated: an ordinary hang-up, like eof on plain TCP.
    if (ec != asio::error::eof && ec != asio::error::operation_aborted && ec != asio::error::connection_reset &&
        ec != asio::ssl::error::stream_truncated)
        std::cerr << "antre-server: " << ctx_.peer << ": " << what << ": " << ec.message() << "\n";
    close();
}

void Session::close() {
    if (closing_) return;
    // Every queued byte leaves the budget of all queues now, the write in flight
    // too (it ends with the socket); what is queued behind it is let go. (The
    // budget once got back only the write in flight: the rest stayed counted for
    // good, and a board that reads was dropped for a few bytes once enough slow
    // readers had been.)
    server_.released(out_bytes_);
    for (std::size_t i = writing_; i < out_.size(); ++i) out_bytes_ -= out_[i]->size() + 1;
    out_.erase(out_.begin() + static_cast<std::ptrdiff_t>(writing_), out_.end());
    closing_ = true;
    ctx_.subscribed = false;
    idle_timer_.cancel();
    stream_.close();
}

}  // namespace antre
