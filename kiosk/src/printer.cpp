#include "antre/kiosk/printer.hpp"

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <stdexcept>

#include <fcntl.h>
#include <linux/lp.h>
#include <netdb.h>
#include <poll.h>
#include <sys/ioctl.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <unistd.h>

#include "antre/kiosk/escpos.hpp"

namespace antre::kiosk {

namespace {

using Clock = std::chrono::steady_clock;

PrintResult fault(const std::string& kind, const std::string& detail) { return {false, kind, detail}; }

std::string sys_error(const std::string& what, int err) { return what + ": " + std::strerror(err); }

// Closes the descriptor whatever path leaves the function.
struct Fd {
    int fd = -1;
    ~Fd() {
        if (fd >= 0) ::close(fd);
    }
};

int ms_left(Clock::time_point deadline) {
    const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - Clock::now()).count();
    return left > 0 ? static_cast<int>(left) : 0;
}

// Waits until `fd` is ready for `events`; false on timeout.
bool wait_for(int fd, short events, Clock::time_point deadline) {
    pollfd p{fd, events, 0};
    for (;;) {
        const int r = ::poll(&p, 1, ms_left(deadline));
        if (r > 0) return true;
        if (r == 0) return false;
        if (errno != EINTR) return false;
    }
}

PrintResult write_all(int fd, const std::vector<std::uint8_t>& bytes, Clock::time_point deadline,
                      const std::string& name) {
    std::size_t done = 0;
    while (done < bytes.size()) {
        const ssize_t n = ::write(fd, bytes.data() + done, bytes.size() - done);
        if (n > 0) {
            done += static_cast<std::size_t>(n);
            continue;
        }
        if (n < 0 && errno == EINTR) continue;
        if (n < 0 && errno != EAGAIN && errno != EWOULDBLOCK)
            return fault(errno == EIO || errno == EPIPE || errno == ECONNRESET ? "offline" : "failed",
                         sys_error(name + ": write", errno));
        if (!wait_for(fd, POLLOUT, deadline))
            return fault("offline", name + ": the printer took no data in time (" + std::to_string(done) + " of " +
                                        std::to_string(bytes.size()) + " bytes sent)");
    }
    return {};
}

// The usblp and parport drivers report paper-out and off-line through LPGETSTATUS.
PrintResult device_status(int fd, const std::string& name) {
    int status = 0;
    if (::ioctl(fd, LPGETSTATUS, &status) != 0) return {};  // not a line printer: nothing to ask
    if (status & LP_POUTPA) return fault("no_paper", name + ": out of paper");
    if (!(status & LP_PSELECD)) return fault("offline", name + ": printer is off-line");
    if (!(status & LP_PERRORP)) return fault("offline", name + ": printer reports an error");
    return {};
}

PrintResult print_file(const std::string& path, const std::vector<std::uint8_t>& job,
                       std::chrono::milliseconds timeout) {
    const auto deadline = Clock::now() + timeout;
    // A device node is never created: a missing /dev/usb/lp0 is an unplugged printer.
    const bool device_path = path.rfind("/dev/", 0) == 0;
    Fd f;
    f.fd = ::open(path.c_str(), O_WRONLY | O_APPEND | O_NONBLOCK | O_CLOEXEC | (device_path ? 0 : O_CREAT), 0644);
    if (f.fd < 0) {
        const int err = errno;
        const bool missing = err == ENOENT || err == ENODEV || err == ENXIO;
        return fault(missing ? "missing" : err == EBUSY ? "offline" : "failed", sys_error(path, err));
    }
    struct stat st {};
    if (::fstat(f.fd, &st) == 0 && S_ISCHR(st.st_mode))
        if (auto s = device_status(f.fd, path); !s.ok) return s;
    return write_all(f.fd, job, deadline, path);
}

PrintResult connect_tcp(const PrinterTarget& t, Clock::time_point deadline, Fd& out) {
    const std::string name = t.describe();
    addrinfo hints{};
    hints.ai_family = AF_UNSPEC;
    hints.ai_socktype = SOCK_STREAM;
    addrinfo* found = nullptr;
    if (const int r = ::getaddrinfo(t.host.c_str(), std::to_string(t.port).c_str(), &hints, &found); r != 0)
        return fault("missing", name + ": " + ::gai_strerror(r));
    std::string why = name + ": no address";
    for (addrinfo* a = found; a; a = a->ai_next) {
        Fd s;
        s.fd = ::socket(a->ai_family, a->ai_socktype | SOCK_NONBLOCK | SOCK_CLOEXEC, a->ai_protocol);
        if (s.fd < 0) continue;
        if (::connect(s.fd, a->ai_addr, a->ai_addrlen) != 0 && errno != EINPROGRESS) {
            why = sys_error(name + ": connect", errno);
            continue;
        }
        if (!wait_for(s.fd, POLLOUT, deadline)) {
            why = name + ": connect: no answer in time";
            continue;
        }
        int err = 0;
        socklen_t len = sizeof err;
        ::getsockopt(s.fd, SOL_SOCKET, SO_ERROR, &err, &len);
        if (err != 0) {
            why = sys_error(name + ": connect", err);
            continue;
        }
        std::swap(out.fd, s.fd);
        ::freeaddrinfo(found);
        return {};
    }
    ::freeaddrinfo(found);
    return fault("offline", why);
}

PrintResult print_tcp(const PrinterTarget& t, const std::vector<std::uint8_t>& job, std::chrono::milliseconds timeout) {
    const std::string name = t.describe();
    Fd s;
    if (auto r = connect_tcp(t, Clock::now() + timeout, s); !r.ok) return r;
    // Ask the paper sensor first. A printer that does not answer is printed to anyway:
    // not every ESC/POS printer answers on its network port.
    if (auto r = write_all(s.fd, escpos::paper_status_request(), Clock::now() + timeout, name); !r.ok) return r;
    if (wait_for(s.fd, POLLIN, Clock::now() + std::chrono::milliseconds(400))) {
        std::uint8_t status = 0;
        // A status byte has bits 1 and 4 set and bits 0 and 7 clear; bits 5-6 mean paper end.
        if (::read(s.fd, &status, 1) == 1 && (status & 0x93) == 0x12 && (status & 0x60) == 0x60)
            return fault("no_paper", name + ": out of paper");
    }
    if (auto r = write_all(s.fd, job, Clock::now() + timeout, name); !r.ok) return r;
    ::shutdown(s.fd, SHUT_WR);
    return {};
}

}  // namespace

std::string PrinterTarget::describe() const {
    switch (kind) {
        case Kind::none:
            return "none";
        case Kind::file:
            return path;
        case Kind::tcp:
            return "tcp:" + host + ":" + std::to_string(port);
    }
    return "";
}

PrinterTarget parse_printer_target(const std::string& spec) {
    PrinterTarget t;
    if (spec.empty()) throw std::invalid_argument("printer: empty; give a path, tcp:HOST:PORT or none");
    if (spec == "none") return t;
    if (spec.rfind("tcp:", 0) == 0) {
        t.kind = PrinterTarget::Kind::tcp;
        std::string host = spec.substr(4), port;
        if (!host.empty() && host.front() == '[') {  // [IPv6]:PORT
            const auto close = host.find(']');
            if (close == std::string::npos) throw std::invalid_argument("printer: bad address in " + spec);
            if (close + 1 < host.size() && host[close + 1] == ':') port = host.substr(close + 2);
            host = host.substr(1, close - 1);
        } else if (std::count(host.begin(), host.end(), ':') == 1) {
            port = host.substr(host.find(':') + 1);
            host = host.substr(0, host.find(':'));
        }
        if (host.empty()) throw std::invalid_argument("printer: no host in " + spec);
        if (!port.empty()) {
            const bool digits = port.size() <= 5 && port.find_first_not_of("0123456789") == std::string::npos;
            const int p = digits ? std::stoi(port) : 0;
            if (p <= 0 || p > 65535) throw std::invalid_argument("printer: bad port \"" + port + "\" in " + spec);
            t.port = static_cast<unsigned short>(p);
        }
        t.host = host;
        return t;
    }
    t.kind = PrinterTarget::Kind::file;
    t.path = spec;
    return t;
}

PrintResult send_to_printer(const PrinterTarget& target, const std::vector<std::uint8_t>& job,
                            std::chrono::milliseconds timeout) {
    switch (target.kind) {
        case PrinterTarget::Kind::none:
            return {};
        case PrinterTarget::Kind::file:
            return print_file(target.path, job, timeout);
        case PrinterTarget::Kind::tcp:
            return print_tcp(target, job, timeout);
    }
    return {};
}

}  // namespace antre::kiosk
