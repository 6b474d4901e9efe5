#include "raw_connection.hpp"

#include <catch2/catch.hpp>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <sstream>
#include <stdexcept>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

namespace antre::test {

RawConnection::RawConnection(unsigned short port, const RawOptions& options) {
    fd_ = ::socket(AF_INET, SOCK_STREAM, 0);
    if (fd_ < 0) throw std::runtime_error("socket: out of file descriptors?");
    if (options.receive_buffer > 0)
        ::setsockopt(fd_, SOL_SOCKET, SO_RCVBUF, &options.receive_buffer, sizeof options.receive_buffer);
    if (options.max_segment > 0)
        ::setsockopt(fd_, IPPROTO_TCP, TCP_MAXSEG, &options.max_segment, sizeof options.max_segment);
    if (!options.source_address.empty()) {
        sockaddr_in local{};
        local.sin_family = AF_INET;
        if (::inet_pton(AF_INET, options.source_address.c_str(), &local.sin_addr) != 1 ||
            ::bind(fd_, reinterpret_cast<sockaddr*>(&local), sizeof local) != 0) {
            ::close(fd_);
            throw std::runtime_error("cannot connect from " + options.source_address);
        }
    }
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_port = htons(port);
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    if (::connect(fd_, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0) {
        ::close(fd_);
        throw std::runtime_error("cannot connect to port " + std::to_string(port));
    }
}

RawConnection::~RawConnection() {
    if (fd_ >= 0) ::close(fd_);
}

bool RawConnection::send(const std::string& bytes) {
    std::size_t sent = 0;
    while (sent < bytes.size()) {
        const auto n = ::send(fd_, bytes.data() + sent, bytes.size() - sent, MSG_NOSIGNAL);
        if (n <= 0) return false;
        sent += static_cast<std::size_t>(n);
    }
    return true;
}

bool RawConnection::fill(std::chrono::milliseconds timeout) {
    if (ended_) return false;
    pollfd p{fd_, POLLIN, 0};
    if (::poll(&p, 1, static_cast<int>(timeout.count())) <= 0) return false;
    char chunk[65536];
    const auto n = ::recv(fd_, chunk, sizeof chunk, 0);
    if (n <= 0) {
        ended_ = true;  // closed (0) or reset (-1)
        return false;
    }
    buffer_.append(chunk, static_cast<std::size_t>(n));
    return true;
}

std::optional<std::string> RawConnection::read_line(std::chrono::milliseconds timeout) {
    const auto deadline = std::chrono::steady_clock::now() + timeout;
    while (true) {
        if (auto nl = buffer_.find('\n'); nl != std::string::npos) {
            std::string line = buffer_.substr(0, nl);
            buffer_.erase(0, nl + 1);
            return line;
        }
        const auto left =
            std::chrono::duration_cast<std::chrono::milliseconds>(deadline - std::chrono::steady_clock::now());
        if (left.count() <= 0 || !fill(left)) return std::nullopt;
    }
}

nlohmann::json RawConnection::request(const nlohmann::json& request) {
    REQUIRE(send(request.dump() + "\n"));
    const auto line = read_line();
    REQUIRE(line);
    return nlohmann::json::parse(*line);
}

bool RawConnection::closed_by_peer(std::chrono::milliseconds timeout) {
    const auto deadline = std::chrono::steady_clock::now() + timeout;
    while (!ended_ && buffer_.find('\n') == std::string::npos) {
        const auto left =
            std::chrono::duration_cast<std::chrono::milliseconds>(deadline - std::chrono::steady_clock::now());
        if (left.count() <= 0 || !fill(left)) break;
    }
    return ended_ && buffer_.find('\n') == std::string::npos;
}

bool RawConnection::wait_closed(std::chrono::milliseconds timeout, std::size_t* lines) {
    const auto deadline = std::chrono::steady_clock::now() + timeout;
    while (!ended_) {
        const auto left =
            std::chrono::duration_cast<std::chrono::milliseconds>(deadline - std::chrono::steady_clock::now());
        if (left.count() <= 0) return false;
        fill(left);
        if (lines) *lines += static_cast<std::size_t>(std::count(buffer_.begin(), buffer_.end(), '\n'));
        buffer_.erase(0, buffer_.rfind('\n') == std::string::npos ? 0 : buffer_.rfind('\n') + 1);
    }
    return true;
}

WithoutAsanHoldings::WithoutAsanHoldings() {
    const char* v = std::getenv("ASAN_OPTIONS");
    saved_ = v ? std::optional<std::string>(v) : std::nullopt;
    const std::string options =
        (saved_ && !saved_->empty() ? *saved_ + ":" : "") + "quarantine_size_mb=0:detect_stack_use_after_return=0";
    ::setenv("ASAN_OPTIONS", options.c_str(), 1);
}

WithoutAsanHoldings::~WithoutAsanHoldings() {
    if (saved_)
        ::setenv("ASAN_OPTIONS", saved_->c_str(), 1);
    else
        ::unsetenv("ASAN_OPTIONS");
}

long peak_rss_kib(int pid) {
    std::ifstream in("/proc/" + std::to_string(pid) + "/status");
    std::string key;
    long value = 0;
    while (in >> key) {
        if (key == "VmHWM:") {
            in >> value;
            return value;
        }
        in.ignore(4096, '\n');
    }
    return -1;
}

void reset_peak_rss(int pid) {
    std::ofstream("/proc/" + std::to_string(pid) + "/clear_refs") << "5";  // proc(5)
}

long cpu_time_ms(int pid) {
    std::ifstream in("/proc/" + std::to_string(pid) + "/stat");
    std::string stat((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    // The fields after the command name, which is in parentheses and may hold spaces:
    // state is field 3, utime 14 and stime 15 (proc(5)), in clock ticks.
    std::istringstream rest(stat.substr(stat.rfind(')') + 2));
    std::string field;
    long utime = 0, stime = 0;
    for (int i = 3; i <= 15 && rest >> field; ++i) {
        if (i == 14) utime = std::stol(field);
        if (i == 15) stime = std::stol(field);
    }
    return (utime + stime) * 1000 / ::sysconf(_SC_CLK_TCK);
}

std::size_t open_files(int pid) {
    const auto dir = std::filesystem::path("/proc") / std::to_string(pid) / "fd";
    return static_cast<std::size_t>(std::distance(std::filesystem::directory_iterator(dir), {}));
}

}  // namespace antre::test
