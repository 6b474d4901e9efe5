#include "antre/domain.hpp"

#include <array>
#include <cstddef>
#include <cstdio>

namespace antre {
namespace {

// Each table lists the names in enum order, so the enum value is the index.
constexpr std::array<std::string_view, 5> priority_names{"none", "lansia", "disabilitas", "ibu_hamil", "anak"};
constexpr std::array<std::string_view, 7> ticket_status_names{"waiting", "called",    "serving", "done",
                                                              "no_show", "cancelled", "expired"};
constexpr std::array<std::string_view, 3> counter_state_names{"closed", "open", "paused"};
constexpr std::array<std::string_view, 5> role_names{"kiosk", "display", "counter", "manager", "admin"};
constexpr std::array<std::string_view, 3> officer_role_names{"officer", "manager", "admin"};
constexpr std::array<std::string_view, 2> call_rule_names{"strict", "urgency"};
constexpr std::array<std::string_view, 7> status_words_id{"Menunggu",    "Dipanggil",  "Sedang Dilayani", "Selesai",
                                                          "Tidak Hadir", "Dibatalkan", "Kedaluwarsa"};
constexpr std::array<std::string_view, 5> priority_words_id{"Umum", "Lansia", "Penyandang disabilitas", "Ibu hamil",
                                                            "Anak-anak"};
constexpr std::array<std::string_view, 3> counter_state_words_id{"Tutup", "Buka", "Istirahat"};
constexpr std::array<std::string_view, 3> officer_role_words_id{"petugas", "manajer", "administrator"};

template <typename Enum, std::size_t N>
std::string_view name_of(const std::array<std::string_view, N>& names, Enum e) {
    const auto i = static_cast<std::size_t>(e);
    return i < N ? names[i] : std::string_view{};
}

template <typename Enum, std::size_t N>
std::optional<Enum> parse_name(const std::array<std::string_view, N>& names, std::string_view s) {
    for (std::size_t i = 0; i < N; ++i) {
        if (names[i] == s) return static_cast<Enum>(i);
    }
    return std::nullopt;
}

}  // namespace

std::string_view to_string(Priority p) { return name_of(priority_names, p); }
std::string_view to_string(TicketStatus s) { return name_of(ticket_status_names, s); }
std::string_view to_string(CounterState s) { return name_of(counter_state_names, s); }
std::string_view to_string(Role r) { return name_of(role_names, r); }
std::string_view to_string(OfficerRole r) { return name_of(officer_role_names, r); }
std::string_view to_string(CallRule r) { return name_of(call_rule_names, r); }

std::optional<Priority> parse_priority(std::string_view s) { return parse_name<Priority>(priority_names, s); }
std::optional<TicketStatus> parse_ticket_status(std::string_view s) {
    return parse_name<TicketStatus>(ticket_status_names, s);
}
std::optional<CounterState> parse_counter_state(std::string_view s) {
    return parse_name<CounterState>(counter_state_names, s);
}
std::optional<CallRule> parse_call_rule(std::string_view s) { return parse_name<CallRule>(call_rule_names, s); }
std::optional<Role> parse_role(std::string_view s) { return parse_name<Role>(role_names, s); }
std::optional<OfficerRole> parse_officer_role(std::string_view s) {
    return parse_name<OfficerRole>(officer_role_names, s);
}

std::string_view status_word_id(TicketStatus s) { return name_of(status_words_id, s); }
std::string_view priority_word_id(Priority p) { return name_of(priority_words_id, p); }
std::string_view counter_state_word_id(CounterState s) { return name_of(counter_state_words_id, s); }
std::string_view officer_role_word_id(OfficerRole r) { return name_of(officer_role_words_id, r); }

std::string ticket_label(std::string_view prefix, int number) {
    char digits[16];
    std::snprintf(digits, sizeof digits, "%03d", number);
    std::string label(prefix);
    label += '-';
    label += digits;
    return label;
}

StandardPeriod Service::standard_on(const std::string& day) const {
    if (standard_from.empty() || day >= standard_from || earlier_standards.empty())
        return {standard_from, max_wait_minutes, max_service_minutes};
    // Days before the oldest known period keep the oldest targets.
    for (auto it = earlier_standards.rbegin(); it != earlier_standards.rend(); ++it)
        if (it->from <= day) return *it;
    return earlier_standards.front();
}

}  // namespace antre
