// Every word the counter client shows, in Bahasa Indonesia (KBBI spelling) and
// English. Kept in one place so that a change of wording is one edit. Server
// messages are shown as the server wrote them.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "antre/domain.hpp"
#include "antre/gui/language.hpp"

namespace antre::counter {

using Language = gui::Language;

/// The fixed phrases of one language.
struct Texts {
    const char* other_language;  ///< the language button: "English" / "Bahasa Indonesia"
    const char* app_title;
    const char* login_title;
    const char* login_counter;
    const char* login_nip;
    const char* login_pin;
    const char* login_submit;
    const char* login_hint;
    const char* login_missing;  ///< a field is empty or malformed (no hint which)
    const char* login_checking;
    const char* login_unreachable;  ///< the server cannot be reached yet
    const char* login_cancel_hint;
    const char* signed_out;      ///< after Keluar
    const char* counter_closed;  ///< the server closed the session's counter
    const char* server;
    // actions, as on the buttons
    const char* call_next;
    const char* recall;
    const char* start;
    const char* finish;
    const char* no_show;
    const char* transfer;
    const char* call_ticket;
    const char* pause;
    const char* resume;
    const char* logout;
    // main screen
    const char* link_lost;  ///< the banner: "Koneksi terputus"
    const char* reconnecting;
    const char* active_heading;
    const char* no_active;
    const char* no_active_hint;
    const char* paused_title;
    const char* paused_hint;
    const char* offline_hint;  ///< instead of a key's hint while every key waits for the link
    const char* since_call;    ///< the timer's caption while called
    const char* service_time;  ///< the timer's caption while serving
    const char* standard;      ///< "standar" before the minutes
    const char* over;          ///< "lewat" before the time past the standard
    const char* recalled;      ///< "dipanggil ulang"
    const char* transferred_from;
    const char* booked;           ///< the "Daring" mark of a ticket from an online booking
    const char* booking_session;  ///< before the booked session's hours
    const char* booking_loading;  ///< while ticket_booking is on its way
    const char* booking_failed;   ///< ticket_booking refused or unanswered
    const char* booking_erased;   ///< the NIK was erased after the retention
    const char* queue_heading;
    const char* waiting;
    const char* priority_short;
    const char* oldest;
    const char* nobody_waiting;
    const char* tally_heading;
    const char* served;
    const char* no_shows;
    const char* transfers;
    const char* median_service;
    const char* within_standard;
    const char* open;
    const char* paused;
    // dialogs
    const char* transfer_title;
    const char* call_title;
    const char* call_input_hint;
    const char* call_empty;
    const char* pause_title;
    const char* pause_input_hint;
    const char* other_reason;
    const char* logout_title;
    const char* logout_body;
    const char* ok;
    const char* cancel;
    const char* dialog_hint;
    const char* transfer_hint;  ///< Alihkan: the letter picks the service
    // replies
    const char* sending;
    const char* resending;
    const char* refused;
    const char* no_answer;
    const char* done_called;
    const char* done_started;
    const char* done_finished;
    const char* done_requeued;
    const char* done_no_show;
    const char* done_transferred;  ///< followed by the target service
    const char* done_paused;
    const char* done_resumed;
    // why an action is unavailable
    const char* why_offline;
    const char* why_pending;
    const char* why_paused;
    const char* why_no_active;
    const char* why_has_active;
    const char* why_queue_empty;
    const char* why_serving;
    const char* why_no_target;
};

const Texts& texts(Language language);

/// "Lansia", "Penyandang disabilitas", "Ibu hamil", "Anak-anak", "Reguler" / English.
std::string priority_name(Language language, std::string_view priority);
/// "Dipanggil", "Sedang Dilayani", ... from a wire status ("called", "serving", ...).
std::string status_name(Language language, std::string_view status);
/// A running timer: "4:07", "12:30", "1:02:03" (negative counts as zero).
std::string clock_duration(Millis ms);
/// A duration in words: "6 mnt 40 dtk", "45 dtk", "1 jam 5 mnt" / "6 min 40 s".
std::string duration_words(Language language, std::int64_t seconds);
/// A waiting time as a board would say it: seconds under a minute, then whole minutes.
std::string waited_words(Language language, Millis ms);
/// "92%", or "–" when unknown.
std::string percent(std::optional<double> share);
/// The name of a pause reason as typed or chosen, for the screen.
std::string pause_reason_name(Language language, const std::string& reason);

}  // namespace antre::counter
