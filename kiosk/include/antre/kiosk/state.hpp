// The kiosk's whole screen state as a plain struct, and the reducer that moves it:
// server events, connection changes, replies, taps and the passing of time. No SDL,
// no sockets: the controller feeds it, the renderer draws it, the tests drive it.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "antre/client.hpp"
#include "antre/domain.hpp"
#include "antre/gui/estimate_text.hpp"
#include "antre/gui/language.hpp"
#include "antre/kiosk/check_state.hpp"
#include "antre/kiosk/checkin_state.hpp"

namespace antre::kiosk {

using Language = gui::Language;

enum class Screen {
    offline,   ///< no link to the server (or no snapshot yet): nothing can be issued
    home,      ///< one button per service
    priority,  ///< choose a priority group (UU 25/2009)
    issuing,   ///< a tap was sent; waiting for the server's acknowledgement
    ticket,    ///< an acknowledged ticket, shown large
    late,      ///< "Kemungkinan tidak terlayani hari ini": the citizen takes the number anyway or not
    refused,   ///< the server (or the link) refused the ticket; says why
    admin,     ///< operator keypad: NIP and PIN to leave kiosk mode
    // Feedback mode (the small screen on a counter's desk) and the SKM survey:
    feedback_idle,    ///< feedback mode between citizens: "Silakan menilai pelayanan kami"
    rating,           ///< "Bagaimana pelayanan kami?" with four faces, for a ticket just finished
    thanks,           ///< a rating or a survey was acknowledged
    not_saved,        ///< the server (or the link) refused a rating or a survey; says why
    survey_service,   ///< SKM: which service the citizen received (may be skipped)
    survey_question,  ///< SKM: one of the nine questions, four answers
    survey_profile,   ///< SKM: one of the four profile questions (skippable)
    survey_note,      ///< SKM: an optional saran/pengaduan typed on the screen's keyboard
    survey_sending,   ///< SKM: sent; waiting for the server's acknowledgement
    // "Cek nomor" (check_state.hpp): a ticket's status, as the phone page shows it.
    check_entry,    ///< type the number (or scan the QR)
    check_waiting,  ///< asked the server
    check_result,   ///< the status, or why there is none
    // Check-in of an online booking (checkin_state.hpp); its ticket is shown on `ticket`.
    checkin_entry,    ///< type the booking code (or scan its QR)
    checkin_waiting,  ///< booking_checkin sent
    checkin_refused,  ///< the server's refusal; a missed booking offers the walk-in tiles
};

/// What a thank-you or a not-saved notice is about.
enum class Submission { rating, survey };

/// What a ticket taken now would be told (the server's forward estimate, docs/queue.md).
using DoorEstimate = gui::DoorEstimate;

/// One service as the kiosk shows it, from the snapshot and queue_changed.
struct ServiceView {
    std::string code;
    std::string prefix;
    std::string name_id;
    std::string name_en;
    bool open_now = false;          ///< within opening hours and not closed
    bool closed = false;            ///< closed by a manager
    std::optional<int> quota_left;  ///< none: unlimited
    int waiting = 0;
    int estimated_wait_s = 0;                      ///< for a regular ticket taken now
    std::optional<int> priority_estimated_wait_s;  ///< for a priority ticket taken now (servers that send it)
    std::optional<DoorEstimate> door_regular, door_priority;  ///< servers that send "estimate"
    bool takes_bookings = false;                              ///< the definition has booking sessions (docs/booking.md)
};

/// The door estimate for a ticket of `priority` taken now, if the server sent one.
const DoorEstimate* door_for(const ServiceView& s, Priority priority);

/// The wait a ticket of `priority` taken now would be told: the priority
/// estimate once a group is chosen (the regular one from servers without it).
int estimated_wait_for(const ServiceView& s, Priority priority);

/// Why a service button cannot be pressed, or `available`.
enum class Availability { available, closed, outside_hours, quota_used_up };
Availability availability(const ServiceView& s);

/// A ticket the server acknowledged: everything the screen and the printer show.
struct IssuedTicket {
    std::int64_t id = 0;
    std::string label;
    std::string service;
    std::string service_name_id;
    std::string service_name_en;
    Priority priority = Priority::none;
    int people_ahead = 0;
    std::optional<int> estimated_wait_s;
    std::optional<Millis> estimated_call_from, estimated_call_to;  ///< the promised interval, if any
    Millis issued_at = 0;
    std::string link;                     ///< the ticket's public page, as its QR holds it (empty: an older server)
    std::optional<std::int64_t> booking;  ///< the online booking checked in for it: the "Daring" mark
    std::string booking_code;             ///< that booking's code and session ("10:00-11:00"), from the reply
    std::string booking_session;
};

enum class PrintStatus { none, printing, printed, failed };

/// The operator's keypad entry: NIP first, then PIN.
struct AdminEntry {
    bool entering_pin = false;
    std::string nip;
    std::string pin;
    bool checking = false;  ///< sent to the server, waiting
    std::string error;      ///< the last refusal, shown under the field
};

/// What a tap on the screen means; found by the layout's hit test.
enum class TargetKind {
    none,
    service,
    priority_open,
    priority_group,
    priority_cancel,
    back,
    language,
    dismiss,
    key_digit,
    key_erase,
    key_ok,
    key_cancel,
    rate,            ///< index: the rating, 4 Sangat Puas .. 1 Tidak Puas
    survey_open,     ///< start the SKM survey (home, feedback idle, thank-you)
    survey_service,  ///< index: service position
    survey_skip,     ///< no service named
    survey_answer,   ///< index: the answer's score, 1..4
    survey_back,
    survey_next,
    survey_cancel,
    survey_choice,  ///< index: a profile answer's position in its question
    note_key,       ///< index: the printable ASCII character typed
    note_erase,     ///< the saran's last character
    note_caps,      ///< capital letters on or off
    check_open,     ///< home: "Cek nomor"
    check_letter,   ///< index: the service's position, for its letter
    late_take,      ///< the late warning: take the number anyway
    late_cancel,    ///< the late warning: do not take it
    checkin_open,   ///< home: "Sudah pesan online? Check-in"
    code_key,       ///< index: the character's position in booking_code_alphabet
    walk_in,        ///< a check-in refusal: back to the service tiles for a walk-in ticket
    checkin_retry,  ///< a check-in refusal: type the code again
};

struct Target {
    TargetKind kind = TargetKind::none;
    int index = 0;  ///< service position, priority group (1..4) or digit
};

/// A ticket the desk's counter just finished, waiting for the citizen's rating.
struct RatingPrompt {
    std::int64_t ticket_id = 0;
    std::string label;
    std::string service;
    Millis since = 0;  ///< when the finish arrived
    int chosen = 0;    ///< the face touched (1..4), sent and not yet answered; 0 before
};

/// The ticket the desk's counter holds, shown on the desk screen between ratings.
struct DeskTicket {
    std::string label;
    bool serving = false;  ///< being served; false: called, the citizen is on the way
};

/// The number of unsur (questions) of the SKM survey, PermenPANRB 14/2017.
inline constexpr int survey_questions = 9;

/// The profile questions of the SKM form (jenis kelamin, umur, pendidikan, pekerjaan).
inline constexpr int survey_profile_questions = 4;
/// The longest saran/pengaduan, in characters: the server's limit (docs/protocol.md `survey`).
inline constexpr std::size_t survey_note_max = 1000;

/// An SKM survey being filled in.
struct SurveyEntry {
    std::string service;                                          ///< the service received, or "" (not said)
    bool asked_service = false;                                   ///< the service screen was shown (back returns to it)
    int question = 0;                                             ///< 0..8, the unsur in the regulation's order
    std::array<int, survey_questions> answers{};                  ///< 1..4; 0 not answered yet
    int profile_step = 0;                                         ///< 0..3, the profile question shown
    std::array<std::string, survey_profile_questions> profile{};  ///< the codes chosen; "" skipped
    std::string note;                                             ///< the saran typed so far (ASCII)
    bool caps = false;                                            ///< the keyboard types capitals
};

/// What the reducer asks the controller to do.
struct Command {
    enum class Kind {
        none,
        issue,
        verify_admin,
        print,
        rate,
        submit_survey,
        check_ticket,
        booking_checkin
    } kind = Kind::none;
    std::string service;
    Priority priority = Priority::none;
    std::string nip;
    std::string pin;
    std::int64_t ticket = 0;                                      ///< rate: the ticket's id
    int rating = 0;                                               ///< rate: 1..4
    int counter = 0;                                              ///< rate: the desk's counter
    std::vector<int> answers;                                     ///< submit_survey: nine answers 1..4
    std::array<std::string, survey_profile_questions> profile{};  ///< submit_survey: codes, "" unanswered
    std::string note;                                             ///< submit_survey: the saran, "" none
    std::string code;                                             ///< check_ticket: a ticket link's code (or
                                                                  ///< `label`); booking_checkin: the booking code
    std::string label;                                            ///< check_ticket: a number as typed
};

/// Timings of the screens, in milliseconds.
struct Timings {
    Millis ticket_shown = 15000;             ///< ticket screen back to home
    Millis unprinted_ticket_shown = 120000;  ///< the same when printing failed: time to note the number
    Millis ticket_tap_guard = 1500;          ///< taps ignored this long after the ticket appears
    Millis refused_shown = 8000;             ///< refusal notice back to home
    Millis choice_idle = 30000;              ///< priority choice or language forgotten when idle
    Millis admin_idle = 60000;               ///< keypad closed when idle
    Millis issue_guard = 25000;              ///< an unanswered tap gives up (the client times out first)
    Millis rating_prompt = 60000;            ///< an unanswered rating prompt goes back to idle, nothing sent
    Millis thanks_shown = 10000;             ///< thank-you screen back to idle or home
    Millis survey_idle = 90000;              ///< a survey left alone is dropped, back to idle or home
};

struct KioskState {
    Screen screen = Screen::offline;
    bool connected = false;
    bool has_snapshot = false;
    std::string offline_reason;
    Language language = Language::id;
    Language default_language = Language::id;
    bool language_from_office = true;  ///< the snapshot's office language becomes the default
    bool printer_configured = false;   ///< tickets go to a printer as well as the screen
    std::string printer_problem;       ///< the last printer failure, until a print succeeds
    std::string office_name;
    std::string time_zone = "Asia/Jayapura";
    Millis clock_offset = 0;  ///< server clock minus local clock, for the displayed time
    std::vector<ServiceView> services;

    Priority priority = Priority::none;  ///< chosen group for the next ticket
    std::string issuing_service;
    std::optional<IssuedTicket> ticket;  ///< the last acknowledged ticket
    PrintStatus print_status = PrintStatus::none;
    std::string print_error;
    std::string refusal_code;
    std::string refusal_message;
    AdminEntry admin;
    Screen before_admin = Screen::home;
    bool exit_requested = false;  ///< an administrator's PIN was accepted

    int feedback_counter = 0;               ///< feedback mode: the desk's counter; 0 for the ticket kiosk
    std::string counter_name;               ///< that counter's name from the snapshot ("Loket 2")
    std::optional<DeskTicket> desk_ticket;  ///< feedback mode: what the desk's counter holds now
    std::optional<RatingPrompt> rating;     ///< the finished ticket to rate, in feedback mode
    std::string rated_service;              ///< the service of the ticket just rated (the survey's default)
    SurveyEntry survey;
    Submission submission = Submission::rating;  ///< what thanks / not_saved is about
    bool already_rated = false;                  ///< thanks: the ticket had been rated before
    TicketCheck check;                           ///< "Cek nomor"
    BookingCheckin checkin;                      ///< check-in of an online booking

    Millis screen_since = 0;  ///< when the current screen appeared
    Millis last_input = 0;
    Timings timings;
};

/// How long the ticket screen stays untouched: longer when the ticket failed to
/// print, so that the citizen can write the number down or photograph it.
Millis ticket_shown_for(const KioskState& s);

/// Index of the service with `code`, or -1.
int find_service(const KioskState& s, const std::string& code);

/// A snapshot (from subscribe or snapshot) replaces everything the kiosk knows.
void apply_snapshot(KioskState& s, const nlohmann::json& snapshot, Millis now);
/// A server event or the client library's {"event":"snapshot"}.
void apply_event(KioskState& s, const nlohmann::json& event, Millis now);
/// The link came up (after its snapshot) or went down.
void apply_connection(KioskState& s, ConnectionState state, const std::string& reason, Millis now);
/// A tap on `target`; may ask to issue a ticket or to check an administrator.
Command tap(KioskState& s, const Target& target, Millis now);
/// The reply to an issue request. Returns a print command for an acknowledged ticket.
Command apply_issue_reply(KioskState& s, const Reply& reply, Millis now);
/// The reply to booking_checkin: its ticket is shown (and printed) like any ticket;
/// a refusal shows the server's sentence. Returns a print command for a ticket.
Command apply_checkin_reply(KioskState& s, const Reply& reply, Millis now);
/// Whether any service takes online bookings: the home screen then offers check-in.
bool takes_bookings(const KioskState& s);
/// The printer's answer for the ticket `ticket_id`.
void apply_print_result(KioskState& s, std::int64_t ticket_id, bool ok, const std::string& error);
/// The operator's key combination: opens the keypad.
void open_admin(KioskState& s, Millis now);
/// The server's answer to the administrator's NIP and PIN (code empty when accepted).
void apply_admin_result(KioskState& s, const std::string& code, Millis now);
/// Timeouts: back to home, forget choices, give up on an unanswered tap.
void tick(KioskState& s, Millis now);

/// Feedback mode: the program rates the tickets that `counter` finishes.
void enter_feedback_mode(KioskState& s, int counter);
/// The reply to a rating of ticket `ticket_id` (a reply for an older prompt changes nothing).
void apply_rating_reply(KioskState& s, std::int64_t ticket_id, const Reply& reply, Millis now);
/// The reply to a survey. Returns a resend without the service when the server does not know it.
Command apply_survey_reply(KioskState& s, const Reply& reply, Millis now);
/// Whether `screen` offers the language button.
bool has_language_button(Screen screen);
/// The screen to show when nothing is going on: offline, home, feedback idle or a waiting rating.
void settle(KioskState& s, Millis now);

}  // namespace antre::kiosk
