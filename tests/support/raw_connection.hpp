// A plain TCP connection for tests that must send what no client library would:
// broken bytes, endless lines, requests it never reads the replies of.
#pragma once

#include <chrono>
#include <optional>
#include <string>

#include <nlohmann/json.hpp>

namespace antre::test {

/// How a RawConnection connects, beyond the port.
struct RawOptions {
    /// The local address to connect from: another loopback address (127.0.0.2, ...)
    /// acts as another client machine. Empty: the system's choice.
    std::string source_address;
    /// SO_RCVBUF before connecting (0: the system's default). A small one keeps a
    /// client that never reads from parking megabytes in the kernel, so that what
    /// it is sent piles up in the server instead.
    int receive_buffer = 0;
    /// TCP_MAXSEG before connecting (0: the system's default). Loopback's segments
    /// are 64 KiB, which lets the server's kernel buffer megabytes for a client that
    /// never reads; an Ethernet-sized segment keeps that near what a LAN would see.
    int max_segment = 0;
};

class RawConnection {
public:
    /// Connects to 127.0.0.1:`port`, or throws.
    explicit RawConnection(unsigned short port, const RawOptions& options = {});
    ~RawConnection();
    RawConnection(const RawConnection&) = delete;
    RawConnection& operator=(const RawConnection&) = delete;

    /// Sends all of `bytes`; false once the server has closed or reset the connection.
    bool send(const std::string& bytes);
    /// The next line (without '\n'), or nothing when the connection ended or
    /// `timeout` passed first.
    std::optional<std::string> read_line(std::chrono::milliseconds timeout = std::chrono::seconds(10));
    /// Sends `request` as one line and parses the next line (a failed REQUIRE when none comes).
    nlohmann::json request(const nlohmann::json& request);
    /// True when the server closes the connection within `timeout` before sending another line.
    bool closed_by_peer(std::chrono::milliseconds timeout = std::chrono::seconds(10));
    /// Waits until the server closes the connection (true) or `timeout` passes,
    /// throwing away whatever arrives meanwhile; counts the lines thrown away.
    bool wait_closed(std::chrono::milliseconds timeout, std::size_t* lines = nullptr);

private:
    int fd_ = -1;
    std::string buffer_;
    bool ended_ = false;
    /// Reads what is there within `timeout`; false when the connection ended or nothing came.
    bool fill(std::chrono::milliseconds timeout);
};

/// Under AddressSanitizer (the checked build) two of the tool's own stores would count
/// in the server's RSS as if the server held them: freed memory waits in a quarantine of
/// up to 256 MB, to catch a use after free; and each thread's locals live on a "fake
/// stack" of about 22 MB (detect_stack_use_after_return) that a thread doing many calls,
/// such as the estimate worker, fills whole. A server started while this is alive has
/// neither, so a bound on its RSS measures what the server itself holds. (No effect on a
/// normal build.)
class WithoutAsanHoldings {
public:
    WithoutAsanHoldings();
    ~WithoutAsanHoldings();
    WithoutAsanHoldings(const WithoutAsanHoldings&) = delete;
    WithoutAsanHoldings& operator=(const WithoutAsanHoldings&) = delete;

private:
    std::optional<std::string> saved_;
};

/// The server process's peak resident memory (VmHWM), in KiB.
long peak_rss_kib(int pid);

/// Resets the process's peak resident memory (VmHWM) to what it holds now, so
/// that a peak measured afterwards is that of what follows (e.g. not of a log-in's
/// argon2id hash, which takes 64 MiB for a moment).
void reset_peak_rss(int pid);

/// The CPU time (user + system) a process has used so far, in milliseconds (/proc/PID/stat).
long cpu_time_ms(int pid);

/// How many file descriptors a process has open (/proc/PID/fd).
std::size_t open_files(int pid);

}  // namespace antre::test
