#include "antre/kiosk/texts_checkin.hpp"

#include "antre/errors.hpp"
#include "antre/gui/language.hpp"

namespace antre::kiosk {

namespace {

constexpr CheckinTexts indonesian_checkin{
    "Sudah pesan online?",
    "Check-in",
    "Check-in pemesanan daring",
    "Pindai kode QR pemesanan Anda, atau ketik kodenya",
    "Tunjukkan kode QR dari halaman pemesanan ke pemindai kiosk. Kode pemesanan terdiri atas 8 huruf dan angka.",
    "Hapus",
    "Check-in",
    "Memeriksa pemesanan Anda\u2026",
    "Ambil nomor antrean biasa",
    "Kembali ke awal",
    "Ketik ulang kode",
    "Daring",
    "Pemesanan daring",
    "Sesi",
    "Kode pemesanan",
};

constexpr CheckinTexts english_checkin{
    "Booked online?",
    "Check in",
    "Check in an online booking",
    "Scan your booking's QR code, or type its code",
    "Show the QR code from the booking page to the kiosk's scanner. A booking code has 8 letters and digits.",
    "Erase",
    "Check in",
    "Checking your booking\u2026",
    "Take a regular number",
    "Back to start",
    "Type the code again",
    "Daring",
    "Online booking",
    "Session",
    "Booking code",
};

struct Refusal {
    const char* code;
    const char* title_id;
    const char* title_en;
    const char* text_id;  // when the server sent no sentence
    const char* text_en;
};

constexpr Refusal refusals[] = {
    {errc::unknown_booking, "Kode tidak dikenal", "Code not known",
     "Kode pemesanan tidak dikenal: periksa kodenya lagi. Silakan ambil nomor antrean biasa.",
     "This booking code is not known: check the code again. You may take a regular queue number."},
    {errc::booking_other_day, "Bukan untuk hari ini", "Not for today",
     "Pemesanan ini untuk hari lain. Silakan datang pada hari itu.",
     "This booking is for another day. Please come on the booked day."},
    {errc::booking_cancelled, "Pemesanan dibatalkan", "Booking cancelled",
     "Pemesanan ini sudah dibatalkan. Silakan ambil nomor antrean biasa.",
     "This booking was cancelled. You may take a regular queue number."},
    {errc::booking_used, "Sudah check-in", "Already checked in",
     "Pemesanan ini sudah dipakai: nomor antreannya sudah diambil.",
     "This booking was already used: its queue number has been taken."},
    {errc::booking_too_early, "Terlalu awal", "Too early", "Check-in dibuka 60 menit sebelum sesi dimulai.",
     "Check-in opens 60 minutes before the session starts."},
    {errc::booking_missed, "Sesi sudah lewat", "Session missed",
     "Sesi pemesanan ini sudah lewat, termasuk batas keterlambatannya. Silakan ambil nomor antrean biasa.",
     "The booked session is over, grace period included. You may take a regular queue number."},
    {errc::service_closed, "Layanan ditutup", "Service closed",
     "Layanan ini sedang ditutup. Silakan tanyakan kepada petugas.",
     "This service is closed now. Please ask an officer."},
    {"unreadable", "Bukan kode pemesanan", "Not a booking code",
     "Kode yang dipindai bukan kode pemesanan. Pindai kode QR dari halaman pemesanan Anda, atau ketik kodenya.",
     "The code scanned is not a booking code. Scan the QR code from your booking page, or type its code."},
};

constexpr Refusal failed{"", "Check-in belum berhasil", "Check-in did not succeed",
                         "Check-in belum dapat dilakukan. Silakan coba lagi atau hubungi petugas.",
                         "Check-in is not possible right now. Please try again or ask an officer."};

const Refusal& refusal_for(const std::string& code) {
    for (const auto& r : refusals)
        if (code == r.code) return r;
    return failed;
}

}  // namespace

const CheckinTexts& checkin_texts(Language language) {
    return gui::in_language(language, indonesian_checkin, english_checkin);
}

std::string booking_mark_text(Language language, const IssuedTicket& t) {
    const auto& tx = checkin_texts(language);
    std::string text = tx.mark;
    if (!t.booking_session.empty()) text += std::string(" \u00b7 ") + tx.session + " " + t.booking_session;
    return text;
}

std::string code_missing_text(Language language, int missing) {
    if (language == Language::en)
        return std::to_string(missing) + (missing == 1 ? " character" : " characters") + " to go";
    return "Kurang " + std::to_string(missing) + " karakter";
}

std::string checkin_refusal_title(Language language, const std::string& code) {
    const auto& r = refusal_for(code);
    return language == Language::en ? r.title_en : r.title_id;
}

std::string checkin_refusal_text(Language language, const std::string& code, const std::string& server_message) {
    const auto& r = refusal_for(code);
    if (language == Language::en) return r.text_en;
    // The server's own sentence names the day, the session and its limits; a link
    // failure's message is the client library's, not meant for citizens.
    const bool from_server = &r != &failed && code != "unreadable";
    return from_server && !server_message.empty() ? server_message : r.text_id;
}

bool refusal_offers_walk_in(const std::string& code) {
    return code == errc::booking_missed || code == errc::booking_cancelled || code == errc::unknown_booking;
}

bool refusal_offers_retry(const std::string& code) {
    return code == errc::unknown_booking || code == "unreadable" || &refusal_for(code) == &failed;
}

}  // namespace antre::kiosk
