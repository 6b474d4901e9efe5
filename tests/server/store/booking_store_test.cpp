// Bookings in the store (server/store/booking_store.cpp): committed with their
// events through Store::apply, read back after a reopen, and their personal data
// erased after the retention while the counts stay.
#include <catch2/catch.hpp>

#include <filesystem>
#include <random>

#include "antre/config.hpp"
#include "bookings.hpp"
#include "sqlite.hpp"
#include "store.hpp"

namespace booking_store_test {

using namespace antre;

namespace {

std::string temp_path() {
    std::random_device rd;
    return (std::filesystem::temp_directory_path() /
            ("antre-booking-store-" + std::to_string(rd()) + std::to_string(rd()) + ".sqlite"))
        .string();
}

struct TempFile {
    std::string path = temp_path();
    ~TempFile() {
        std::error_code ec;
        for (const char* suffix : {"", "-wal", "-shm"}) std::filesystem::remove(path + suffix, ec);
    }
};

const OfficeConfig& sorong() {
    static const OfficeConfig office = load_config(std::string(ANTRE_SOURCE_DIR) + "/config/sorong.json");
    return office;
}

std::string query_text(const std::string& path, const std::string& sql) {
    sql::Database db(path);
    sql::Statement q(db, sql);
    REQUIRE(q.step());
    return q.text(0);
}

}  // namespace

TEST_CASE("store: bookings survive a reopen and their personal data is erased after retention", "[store][bookings]") {
    TempFile file;
    const ServiceState ktp{*sorong().find_service("KTP")};
    Bookings book(sorong(), {}, {}, 1);
    // Thursday 3 December 2026, 10:00 WIT; Monday the 7th is bookable.
    const Millis now = book.calendar().day_start("2026-12-03") + 10 * 3600 * 1000LL;
    std::string kept_code;
    {
        Store store(file.path);
        Effect a = book.book(ktp, {"KTP", "2026-12-07", 8 * 60, "9271011205900001", "Budi", "0812"}, "AAAAAAAA", now);
        Effect b = book.book(ktp, {"KTP", "2026-12-07", 9 * 60, "9271015205900002", "Sari", ""}, "BBBBBBBB", now);
        Effect c = book.cancel("9271011205900001", "AAAAAAAA", now);
        Effect d = book.close("KTP", "2026-12-08", -1, "Rapat dinas", "197812312003121001", now);
        const auto seqs = store.apply(std::vector<Effect>{a, b, c, d});  // one group commit
        CHECK(seqs.size() == 4);
        kept_code = "BBBBBBBB";
    }
    Store store(file.path);
    BookingState s = store.load_bookings("2026-12-03");
    REQUIRE(s.bookings.size() == 2);
    CHECK(s.next_id == 3);
    CHECK(s.bookings[0].status == BookingStatus::cancelled);
    CHECK(s.bookings[1].nik == "9271015205900002");
    CHECK(s.bookings[1].session_end == 10 * 60);
    REQUIRE(s.closures.size() == 1);
    CHECK(s.closures[0].reason == "Rapat dinas");
    Bookings again(sorong(), s.bookings, s.closures, s.next_id);
    CHECK(again.find("9271015205900002", kept_code) != nullptr);
    CHECK(again.sessions(ktp, "2026-12-07")[1].remaining == 19);
    CHECK(again.sessions(ktp, "2026-12-08")[0].closed == "Rapat dinas");
    CHECK(store.load_bookings("2026-12-08").bookings.empty());

    SECTION("the retention erases NIK, name and phone, and keeps the counts") {
        Effect erase;
        erase.records.erase_personal_before = "2026-12-08";
        store.apply(erase);
        CHECK(query_text(file.path, "SELECT group_concat(nik || name || phone, '') FROM bookings") == "");
        CHECK(store.booking_count("2026-12-07", BookingStatus::active) == 1);
        CHECK(store.booking_count("", BookingStatus::cancelled) == 1);
    }
    SECTION("no NIK in the event log") {
        CHECK(query_text(file.path, "SELECT count(*) FROM events WHERE detail LIKE '%92710%'") == "0");
        CHECK(query_text(file.path, "SELECT group_concat(type, ',') FROM (SELECT type FROM events ORDER BY seq)") ==
              "booking_made,booking_made,booking_cancelled,booking_day_closed");
    }
}

}  // namespace booking_store_test
