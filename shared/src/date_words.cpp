#include "antre/date_words.hpp"

namespace antre {

namespace {

constexpr const char* months_id[] = {"Januari", "Februari", "Maret",     "April",   "Mei",      "Juni",
                                     "Juli",    "Agustus",  "September", "Oktober", "November", "Desember"};
constexpr const char* months_en[] = {"January", "February", "March",     "April",   "May",      "June",
                                     "July",    "August",   "September", "October", "November", "December"};
constexpr const char* days_id[] = {"Minggu", "Senin", "Selasa", "Rabu", "Kamis", "Jumat", "Sabtu"};
constexpr const char* days_en[] = {"Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"};

// The number written by the digits of `s` at [at, at + n), or -1 when one is not a digit.
int date_number(std::string_view s, std::size_t at, std::size_t n) {
    int v = 0;
    for (std::size_t i = at; i < at + n; ++i) {
        if (s[i] < '0' || s[i] > '9') return -1;
        v = v * 10 + (s[i] - '0');
    }
    return v;
}

// The month of "YYYY-MM..." (1-12), or 0 when `s` does not start that way.
int date_month(std::string_view s) {
    if (s.size() < 7 || s[4] != '-' || date_number(s, 0, 4) < 0) return 0;
    const int month = date_number(s, 5, 2);
    return month >= 1 && month <= 12 ? month : 0;
}

}  // namespace

const char* month_name(int month, std::string_view language) {
    if (month < 1 || month > 12) return "";
    return language == "id" ? months_id[month - 1] : months_en[month - 1];
}

const char* weekday_name(int weekday, std::string_view language) {
    if (weekday < 0 || weekday > 6) return "";
    return language == "id" ? days_id[weekday] : days_en[weekday];
}

std::string day_text(std::string_view day, std::string_view language) {
    const int month = date_month(day);
    const int d = day.size() == 10 && day[7] == '-' ? date_number(day, 8, 2) : -1;
    if (month == 0 || d < 1 || d > 31) return std::string(day);
    return std::to_string(d) + " " + month_name(month, language) + " " + std::string(day.substr(0, 4));
}

std::string month_text(std::string_view month, std::string_view language) {
    const int m = month.size() == 7 ? date_month(month) : 0;
    if (m == 0) return std::string(month);
    return std::string(month_name(m, language)) + " " + std::string(month.substr(0, 4));
}

}  // namespace antre
