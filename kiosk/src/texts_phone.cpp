#include "antre/kiosk/texts_phone.hpp"

#include "antre/errors.hpp"
#include "antre/gui/language.hpp"

namespace antre::kiosk {

namespace {

constexpr PhoneTexts indonesian_phone{
    "Tiket tidak dapat dicetak",
    "Foto kode QR ini dengan ponsel Anda. Halamannya menunjukkan nomor Anda dan kapan Anda dipanggil.",
    "Cek nomor",
    "Cek nomor antrean",
    "Pindai kode QR tiket Anda, atau ketik nomornya",
    "Hapus",
    "Cek",
    "Mencari nomor Anda\u2026",
    "Status nomor antrean",
    "Perkiraan dipanggil",
    "Sebentar lagi giliran Anda",
    "Giliran Anda!",
    "Nomor tidak ditemukan",
};

constexpr PhoneTexts english_phone{
    "The ticket could not be printed",
    "Take a photo of this QR code with your phone. Its page shows your number and when you are called.",
    "Check number",
    "Check a queue number",
    "Scan your ticket's QR code, or type its number",
    "Erase",
    "Check",
    "Looking up your number\u2026",
    "Queue number status",
    "Estimated call",
    "Your turn is close",
    "Your turn!",
    "Number not found",
};

}  // namespace

const PhoneTexts& phone_texts(Language language) { return gui::in_language(language, indonesian_phone, english_phone); }

std::string check_state_text(Language language, const CheckedTicket& t) {
    const bool id = language == Language::id;
    const std::string& counter = t.counter_name;
    if (t.state == "called")
        return id ? "Dipanggil \u2014 silakan ke " + counter : "Called \u2014 please go to " + counter;
    if (t.state == "serving") return id ? "Sedang dilayani" : "Being served";
    if (t.state == "done") return id ? "Selesai" : "Done";
    if (t.state == "no_show") return id ? "Tidak hadir" : "Did not show up";
    if (t.state == "cancelled") return id ? "Dibatalkan" : "Cancelled";
    if (t.state == "requeued")
        return id ? "Tidak hadir, dikembalikan ke antrean" : "Missed your call, back in the queue";
    if (t.state == "transferred") return id ? "Dialihkan ke " + t.transferred_id : "Transferred to " + t.transferred_en;
    return id ? "Menunggu" : "Waiting";
}

std::string check_error_text(Language language, const std::string& code, const std::string& asked) {
    const bool id = language == Language::id;
    if (code == "unreadable")
        return id ? "Kode yang dipindai bukan tiket antrean. Pindai kode QR pada tiket Anda."
                  : "The code scanned is not a queue ticket. Scan the QR code on your ticket.";
    if (code == errc::unknown_ticket || code == errc::invalid_value) {
        const std::string what =
            asked == "QR" ? (id ? "Tiket ini" : "This ticket") : (id ? "Nomor " : "Number ") + asked;
        return id ? what + " tidak ditemukan hari ini. Tiket hanya berlaku pada hari diambil."
                  : what + " is not found today. A ticket is valid on the day it was taken.";
    }
    return id ? "Status nomor belum dapat diperiksa. Silakan coba lagi atau hubungi petugas."
              : "The number cannot be checked right now. Please try again or ask an officer.";
}

}  // namespace antre::kiosk
