// Printed tickets: the ESC/POS byte stream read back by a small decoder
// (escpos_decode.hpp), the printer sinks (file, missing device, a fake TCP printer
// on port 0), and the PNG preview of the same ticket. How the lines wrap on either
// paper: kiosk_ticket_wrap_test.cpp.
#include <algorithm>
#include <atomic>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <optional>
#include <thread>

#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <catch2/catch.hpp>

#include "antre/gui/sdl.hpp"
#include "antre/kiosk/escpos.hpp"
#include "antre/kiosk/printer.hpp"
#include "antre/kiosk/ticket_png.hpp"
#include "escpos_decode.hpp"
#include "kiosk_fixtures.hpp"

namespace kiosk_escpos_test {

using namespace antre;
using namespace antre::kiosk;
using namespace antre::kiosk::test;

namespace {

TicketDocument known_document(Paper paper, Priority priority = Priority::none) {
    auto t = known_ticket();
    t.priority = priority;
    return ticket_document(sorong_office, "Asia/Jayapura", t, Language::id, paper);
}

// A network printer on a free loopback port that takes one job; it can answer
// the paper-status request with `status`.
class FakePrinter {
public:
    explicit FakePrinter(std::optional<std::uint8_t> status = std::nullopt) {
        listen_ = ::socket(AF_INET, SOCK_STREAM, 0);
        sockaddr_in a{};
        a.sin_family = AF_INET;
        a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
        REQUIRE(::bind(listen_, reinterpret_cast<sockaddr*>(&a), sizeof a) == 0);
        REQUIRE(::listen(listen_, 1) == 0);
        socklen_t len = sizeof a;
        ::getsockname(listen_, reinterpret_cast<sockaddr*>(&a), &len);
        port_ = ntohs(a.sin_port);
        thread_ = std::thread([this, status] { serve(status); });
    }
    ~FakePrinter() {
        if (thread_.joinable()) thread_.join();
        ::close(listen_);
    }
    unsigned short port() const { return port_; }
    /// Everything received until the kiosk closed the connection.
    std::vector<std::uint8_t> received() {
        if (thread_.joinable()) thread_.join();
        return data_;
    }

private:
    void serve(std::optional<std::uint8_t> status) {
        pollfd p{listen_, POLLIN, 0};
        if (::poll(&p, 1, 10000) != 1) return;
        const int c = ::accept(listen_, nullptr, nullptr);
        bool answered = false;
        std::uint8_t buf[4096];
        for (;;) {
            pollfd q{c, POLLIN, 0};
            if (::poll(&q, 1, 10000) != 1) break;
            const ssize_t n = ::read(c, buf, sizeof buf);
            if (n <= 0) break;
            data_.insert(data_.end(), buf, buf + n);
            if (status && !answered && data_.size() >= 3) {
                ::write(c, &*status, 1);
                answered = true;
            }
        }
        ::close(c);
    }

    int listen_ = -1;
    unsigned short port_ = 0;
    std::thread thread_;
    std::vector<std::uint8_t> data_;
};

}  // namespace

TEST_CASE("the ESC/POS job of a known ticket decodes to what the ticket says", "[kiosk][escpos]") {
    const auto doc = known_document(Paper::mm58);
    const auto bytes = escpos::encode(doc);
    CHECK(std::count(bytes.begin(), bytes.end(), std::uint8_t{0}) > 0);  // NUL bytes survive
    const auto d = decode(bytes);
    CHECK(d.errors.empty());
    CHECK(d.inits == 1);
    CHECK(d.cuts == 1);
    CHECK(d.cut_is_last);

    const auto* number = d.find("A-001");
    REQUIRE(number);
    CHECK(number->width == 4);
    CHECK(number->height == 4);
    CHECK(number->bold);
    CHECK(number->align == 1);
    const auto* name = d.find("Dinas Kependudukan dan");
    REQUIRE(name);  // wrapped to 32 columns
    CHECK(name->bold);
    CHECK(d.find("NOMOR ANTREAN"));
    CHECK(d.find("KTP-el"));
    CHECK(d.find("Senin, 30 November 2026"));
    CHECK(d.find("09:41 WIT"));
    CHECK(d.find("Di depan Anda: 3 orang"));
    CHECK(d.find("Perkiraan waktu tunggu:"));  // 32 columns: the value and its unit together
    CHECK(d.find("+/- 15 menit"));
    for (const auto& l : d.lines) {
        CHECK(static_cast<int>(l.text.size()) * l.width <= 32);
        CHECK(l.width == (l.text == "A-001" ? 4 : 1));
    }

    // The QR raster is as wide as the paper and holds the ticket's id, module by module.
    REQUIRE(d.images.size() == 1);
    const auto& img = d.images[0];
    CHECK(img.width == 384);
    const auto qr = qr_code("ANTRE:TICKET:1842");
    const auto& line = *std::find_if(doc.lines.begin(), doc.lines.end(),
                                     [](const PrintLine& l) { return l.kind == PrintLine::Kind::image; });
    const int m = line.dots_per_module;
    const int side = (qr.width + 8) * m;
    CHECK(img.height == side);
    const int left = (384 - side) / 2 + 4 * m;
    int mismatches = 0;
    for (int y = 0; y < qr.height; ++y)
        for (int x = 0; x < qr.width; ++x)
            mismatches += img.at(left + x * m + m / 2, 4 * m + y * m + m / 2) != qr.at(x, y) ? 1 : 0;
    CHECK(mismatches == 0);
    CHECK_FALSE(img.at(left - 1, img.height / 2));  // quiet zone
}

TEST_CASE("80 mm paper has 48 columns and a 576-dot raster and prints the priority", "[kiosk][escpos]") {
    const auto d = decode(escpos::encode(known_document(Paper::mm80, Priority::lansia)));
    CHECK(d.errors.empty());
    CHECK(d.find("Dinas Kependudukan dan Pencatatan Sipil Kota"));
    CHECK(d.find("Prioritas: Lansia"));
    REQUIRE(d.images.size() == 1);
    CHECK(d.images[0].width == 576);
}

TEST_CASE("printer targets from the command line", "[kiosk][printer]") {
    CHECK(parse_printer_target("none").kind == PrinterTarget::Kind::none);
    const auto dev = parse_printer_target("/dev/usb/lp0");
    CHECK(dev.kind == PrinterTarget::Kind::file);
    CHECK(dev.path == "/dev/usb/lp0");
    const auto net = parse_printer_target("tcp:192.168.1.50:9100");
    CHECK(net.kind == PrinterTarget::Kind::tcp);
    CHECK(net.host == "192.168.1.50");
    CHECK(net.port == 9100);
    CHECK(parse_printer_target("tcp:printer.local").port == 9100);
    CHECK(parse_printer_target("tcp:[::1]:9101").host == "::1");
    CHECK(parse_printer_target("tcp:[::1]:9101").port == 9101);
    CHECK_THROWS_AS(parse_printer_target("tcp:host:99999"), std::invalid_argument);
    CHECK_THROWS_AS(parse_printer_target("tcp:"), std::invalid_argument);
    CHECK_THROWS_AS(parse_printer_target(""), std::invalid_argument);
}

TEST_CASE("a file printer appends each job and a missing device is reported", "[kiosk][printer]") {
    const auto path = std::filesystem::temp_directory_path() / ("antre-kiosk-print-" + std::to_string(::getpid()));
    std::filesystem::remove(path);
    const auto job = escpos::encode(known_document(Paper::mm58));
    CHECK(send_to_printer(parse_printer_target(path.string()), job).ok);
    CHECK(send_to_printer(parse_printer_target(path.string()), job).ok);
    std::ifstream in(path, std::ios::binary);
    const std::vector<std::uint8_t> written{std::istreambuf_iterator<char>(in), {}};
    CHECK(decode(written).cuts == 2);
    std::filesystem::remove(path);

    const auto missing = send_to_printer(parse_printer_target("/dev/usb/antre-no-such-lp"), job);
    CHECK_FALSE(missing.ok);
    CHECK(missing.fault == "missing");
    const auto unwritable = send_to_printer(parse_printer_target("/proc/antre-no-such-dir/x"), job);
    CHECK_FALSE(unwritable.ok);
}

TEST_CASE("a fake TCP printer receives the whole job", "[kiosk][printer]") {
    FakePrinter printer;
    const auto job = escpos::encode(known_document(Paper::mm80));
    const auto r = send_to_printer(parse_printer_target("tcp:127.0.0.1:" + std::to_string(printer.port())), job);
    CHECK(r.ok);
    const auto got = printer.received();
    const auto d = decode(got);
    CHECK(d.errors.empty());
    CHECK(d.status_requests == 1);  // the paper check comes first
    CHECK(d.cuts == 1);
    CHECK(d.find("A-001"));
    CHECK(got.size() == job.size() + 3);
}

TEST_CASE("a TCP printer out of paper gets no job, and says so", "[kiosk][printer]") {
    FakePrinter printer(std::uint8_t{0x12 | 0x60});
    const auto job = escpos::encode(known_document(Paper::mm80));
    const auto r = send_to_printer(parse_printer_target("tcp:127.0.0.1:" + std::to_string(printer.port())), job);
    CHECK_FALSE(r.ok);
    CHECK(r.fault == "no_paper");
    CHECK(printer.received().size() == 3);
}

TEST_CASE("a TCP printer that is not there is off-line, within the deadline", "[kiosk][printer]") {
    unsigned short port = 0;
    {
        FakePrinter closed_soon;
        port = closed_soon.port();
        // Connect once so the fake ends, then its port is free and refuses.
        send_to_printer(parse_printer_target("tcp:127.0.0.1:" + std::to_string(port)), {0x0a});
    }
    // A refused connection is off-line at once, not at the deadline: the deadline is a
    // generous limit that a busy machine never reaches.
    const auto deadline = std::chrono::seconds(60);
    const auto start = std::chrono::steady_clock::now();
    const auto r = send_to_printer(parse_printer_target("tcp:127.0.0.1:" + std::to_string(port)), {0x0a},
                                   std::chrono::duration_cast<std::chrono::milliseconds>(deadline));
    CHECK_FALSE(r.ok);
    CHECK(r.fault == "offline");
    CHECK(std::chrono::steady_clock::now() - start < deadline);
}

TEST_CASE("the print queue prints in the background and reports each job", "[kiosk][printer]") {
    FakePrinter printer;
    std::atomic<int> done{0};
    std::atomic<bool> ok{false};
    {
        PrintQueue q(parse_printer_target("tcp:127.0.0.1:" + std::to_string(printer.port())),
                     [&](std::int64_t id, const PrintResult& r) {
                         ok = r.ok && id == 1842;
                         ++done;
                     });
        CHECK(q.submit(1842, escpos::encode(known_document(Paper::mm58))));
        const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(30);
        while (done == 0 && std::chrono::steady_clock::now() < deadline)
            std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
    CHECK(done == 1);
    CHECK(ok);
}

TEST_CASE("the PNG preview shows the same ticket as the printer prints", "[kiosk][escpos][screens]") {
    gui::SdlLibrary sdl(0);
    const auto doc = known_document(Paper::mm80, Priority::lansia);
    auto canvas = render_ticket(doc);
    CHECK(canvas.width == 576 + 2 * ticket_png_margin);
    // Black dots where the QR raster is, white paper around it.
    const auto at =
        static_cast<std::size_t>(std::find_if(doc.lines.begin(), doc.lines.end(),
                                              [](const PrintLine& l) { return l.kind == PrintLine::Kind::image; }) -
                                 doc.lines.begin());
    const auto& img = doc.lines[at];
    const auto raster = escpos::scaled_image(img.image, img.dots_per_module, 576, img.align);
    const int y0 = ticket_line_top(doc, at);
    int black = 0, expected = 0;
    for (int y = 0; y < raster.height; y += 2)
        for (int x = 0; x < raster.width; x += 2) {
            expected += raster.at(x, y) ? 1 : 0;
            black +=
                raster.at(x, y) && gui::read_pixel(canvas.renderer.get(), x + ticket_png_margin, y0 + y).r < 50 ? 1 : 0;
        }
    CHECK(black == expected);
    const auto paper = gui::read_pixel(canvas.renderer.get(), 2, 2);
    CHECK(paper.r == 0xff);
    gui::save_png(canvas.renderer.get(), canvas.width, canvas.height, screenshot_path("kiosk_ticket_print.png"));
    save_ticket_png(known_document(Paper::mm58), screenshot_path("kiosk_ticket_print_58.png"));
}

}  // namespace kiosk_escpos_test
