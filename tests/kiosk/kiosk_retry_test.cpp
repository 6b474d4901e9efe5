// The kiosk's "only acknowledged numbers, never two" when the link drops after the
// server issued the ticket: the client library resends the issue with its key and
// the citizen gets the one number the server gave.
#include <catch2/catch.hpp>

#include "antre/kiosk/controller.hpp"
#include "antre/kiosk/layout.hpp"
#include "dropping_proxy.hpp"
#include "kiosk_pump.hpp"
#include "test_support.hpp"

namespace kiosk_retry_test {

using namespace antre;
using namespace antre::kiosk;
using antre::test::pump_until;

TEST_CASE("an issue whose reply is lost with the link gives the citizen one number", "[kiosk][integration]") {
    antre::test::TestOffice office;
    auto& clock = office.clock();
    antre::test::DroppingProxy proxy(office.port(), "issue");
    ControllerOptions o;
    o.port = proxy.port();
    Controller kiosk(o);
    kiosk.start();
    REQUIRE(pump_until(kiosk, clock, [](const KioskState& s) { return s.screen == Screen::home; }));

    KioskState home = kiosk.state();
    const auto layout = compute_layout(home, 1920, 1080);
    const auto* button = layout.find(TargetKind::service, find_service(home, "KTP"));
    REQUIRE(button);
    kiosk.tap(button->rect.x + button->rect.w / 2, button->rect.y + button->rect.h / 2, 1920, 1080, clock.now());
    REQUIRE(pump_until(kiosk, clock, [](const KioskState& s) { return s.screen == Screen::ticket; }));
    CHECK(kiosk.state().ticket->label == "A-001");
    CHECK(proxy.replies_dropped() == 1);
    CHECK(proxy.requests_seen() == 2);

    auto other = antre::test::connect(office.port(), {{"role", "kiosk"}});
    CHECK(other->call("issue", {{"service", "KTP"}}).body["ticket"]["label"] == "A-002");
}

}  // namespace kiosk_retry_test
