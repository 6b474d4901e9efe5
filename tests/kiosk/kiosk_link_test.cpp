// The ticket's QR holds its public link (docs/public-page.md): the kiosk takes the
// link from a real server's issue reply and prints it as the QR.
#include <algorithm>

#include <catch2/catch.hpp>

#include "antre/kiosk/qr.hpp"
#include "antre/kiosk/state.hpp"
#include "antre/kiosk/ticket_print.hpp"
#include "test_support.hpp"

namespace kiosk_link_test {

using namespace antre;
using namespace antre::kiosk;

TEST_CASE("kiosk: the ticket's QR is its public link from the issue reply", "[kiosk][public]") {
    antre::test::TestOffice office;
    auto client = antre::test::connect(office.port(), {{"role", "kiosk"}});
    const auto reply = client->call("issue", {{"service", "KTP"}});
    REQUIRE(reply.ok);
    const std::string link = reply.body["link"];
    REQUIRE(link.find("/t/" + reply.body["code"].get<std::string>()) != std::string::npos);

    KioskState s;
    s.screen = Screen::issuing;
    apply_issue_reply(s, reply, office.clock().now());
    REQUIRE(s.ticket);
    CHECK(s.ticket->link == link);
    CHECK(ticket_qr_text(s.ticket->id, s.ticket->link) == link);
    // A server that sends no link: the old text.
    CHECK(ticket_qr_text(11, "") == "ANTRE:TICKET:11");

    // The printed QR is the link's, module by module.
    const auto doc = ticket_document("Dukcapil", "Asia/Jayapura", *s.ticket, Language::id, Paper::mm80);
    const auto line = std::find_if(doc.lines.begin(), doc.lines.end(),
                                   [](const PrintLine& l) { return l.kind == PrintLine::Kind::image; });
    REQUIRE(line != doc.lines.end());
    const auto expected = qr_code(link);
    REQUIRE(line->image.width == expected.width);
    int mismatches = 0;
    for (int y = 0; y < expected.height; ++y)
        for (int x = 0; x < expected.width; ++x) mismatches += line->image.at(x, y) != expected.at(x, y) ? 1 : 0;
    CHECK(mismatches == 0);
}

}  // namespace kiosk_link_test
