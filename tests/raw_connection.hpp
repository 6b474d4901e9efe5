// A plain TCP connection for tests that must send what no client library would:
// broken bytes, endless lines, requests it never reads the replies of.
#pragma once

#include <chrono>
#include <optional>
#include <string>

namespace antre::test {

class RawConnection {
public:
    /// Connects to 127.0.0.1:`port`, or throws; from the loopback address `from`
    /// (e.g. "127.0.0.2", another machine as the server sees it) when it is given.
    explicit RawConnection(unsigned short port, const std::string& from = "");
    ~RawConnection();
    RawConnection(const RawConnection&) = delete;
    RawConnection& operator=(const RawConnection&) = delete;

    /// Sends all of `bytes`; false once the server has closed or reset the connection.
    bool send(const std::string& bytes);
    /// The next line (without '\n'), or nothing when the connection ended or
    /// `timeout` passed first.
    std::optional<std::string> read_line(std::chrono::milliseconds timeout = std::chrono::seconds(10));
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

/// The server process's peak resident memory (VmHWM), in KiB.
long peak_rss_kib(int pid);

}  // namespace antre::test
