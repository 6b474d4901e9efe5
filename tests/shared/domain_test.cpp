#include <catch2/catch.hpp>

#include "antre/domain.hpp"

namespace domain_test {

using namespace antre;

TEST_CASE("ticket labels pad the number to three digits") {
    CHECK(ticket_label("A", 1) == "A-001");
    CHECK(ticket_label("A", 42) == "A-042");
    CHECK(ticket_label("B", 999) == "B-999");
    CHECK(ticket_label("A", 1234) == "A-1234");
    CHECK(ticket_label("AK", 7) == "AK-007");
}

TEMPLATE_TEST_CASE("enum names round trip", "", Priority, TicketStatus, CounterState, Role, OfficerRole) {
    const auto parse = [](std::string_view s) {
        if constexpr (std::is_same_v<TestType, Priority>) return parse_priority(s);
        if constexpr (std::is_same_v<TestType, TicketStatus>) return parse_ticket_status(s);
        if constexpr (std::is_same_v<TestType, CounterState>) return parse_counter_state(s);
        if constexpr (std::is_same_v<TestType, Role>) return parse_role(s);
        if constexpr (std::is_same_v<TestType, OfficerRole>) return parse_officer_role(s);
    };
    // Every enum starts at 0 and has at least three values.
    for (int i = 0; i < 3; ++i) {
        const auto value = static_cast<TestType>(i);
        const auto name = to_string(value);
        CHECK_FALSE(name.empty());
        CHECK(parse(name) == value);
    }
    CHECK_FALSE(parse("").has_value());
    CHECK_FALSE(parse("Waiting").has_value());
    CHECK_FALSE(parse("bogus").has_value());
}

TEST_CASE("enum names are exactly the wire strings") {
    SECTION("priority") {
        CHECK(to_string(Priority::none) == "none");
        CHECK(to_string(Priority::lansia) == "lansia");
        CHECK(to_string(Priority::disabilitas) == "disabilitas");
        CHECK(to_string(Priority::ibu_hamil) == "ibu_hamil");
        CHECK(to_string(Priority::anak) == "anak");
        CHECK(parse_priority("ibu_hamil") == Priority::ibu_hamil);
        CHECK(parse_priority("anak") == Priority::anak);
    }
    SECTION("ticket status") {
        const TicketStatus all[] = {TicketStatus::waiting, TicketStatus::called,  TicketStatus::serving,
                                    TicketStatus::done,    TicketStatus::no_show, TicketStatus::cancelled,
                                    TicketStatus::expired};
        const char* names[] = {"waiting", "called", "serving", "done", "no_show", "cancelled", "expired"};
        for (std::size_t i = 0; i < std::size(all); ++i) {
            CHECK(to_string(all[i]) == names[i]);
            CHECK(parse_ticket_status(names[i]) == all[i]);
        }
    }
    SECTION("counter state") {
        CHECK(to_string(CounterState::closed) == "closed");
        CHECK(to_string(CounterState::open) == "open");
        CHECK(to_string(CounterState::paused) == "paused");
    }
    SECTION("roles") {
        CHECK(to_string(Role::kiosk) == "kiosk");
        CHECK(to_string(Role::display) == "display");
        CHECK(to_string(Role::counter) == "counter");
        CHECK(to_string(Role::manager) == "manager");
        CHECK(to_string(Role::admin) == "admin");
        CHECK(parse_role("admin") == Role::admin);
        CHECK(to_string(OfficerRole::officer) == "officer");
        CHECK(to_string(OfficerRole::manager) == "manager");
        CHECK(to_string(OfficerRole::admin) == "admin");
        CHECK(parse_officer_role("admin") == OfficerRole::admin);
        CHECK_FALSE(parse_officer_role("kiosk").has_value());
    }
}

TEST_CASE("status words are Indonesian") {
    CHECK(status_word_id(TicketStatus::waiting) == "Menunggu");
    CHECK(status_word_id(TicketStatus::called) == "Dipanggil");
    CHECK(status_word_id(TicketStatus::serving) == "Sedang Dilayani");
    CHECK(status_word_id(TicketStatus::done) == "Selesai");
    CHECK(status_word_id(TicketStatus::no_show) == "Tidak Hadir");
    CHECK(status_word_id(TicketStatus::cancelled) == "Dibatalkan");
    CHECK(status_word_id(TicketStatus::expired) == "Kedaluwarsa");
}

}  // namespace domain_test
