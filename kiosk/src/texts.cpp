#include "antre/kiosk/texts.hpp"

#include "antre/errors.hpp"

namespace antre::kiosk {

namespace {

constexpr Texts indonesian_screens{
    "id",
    "English",
    "Silakan pilih layanan",
    "Sentuh salah satu tombol untuk mengambil nomor antrean",
    "Antrean prioritas",
    // No-break spaces keep each group on one line when the button wraps them.
    "Lansia \u00b7 Penyandang\u00a0disabilitas \u00b7 Ibu\u00a0hamil \u00b7 Anak-anak",
    "Antrean prioritas",
    "Pilih yang sesuai dengan Anda",
    "Nomor prioritas",
    "Batal",
    "Kembali",
    "Tidak ada antrean",
    "Mohon tunggu, nomor Anda sedang dibuat\u2026",
    "Nomor antrean Anda",
    "Di depan Anda",
    "Perkiraan waktu tunggu",
    "Silakan menunggu nomor antrean Anda dipanggil",
    "Tiket sedang dicetak\u2026",
    "Silakan ambil tiket Anda",
    "Tiket tidak dapat dicetak. Mohon ingat nomor Anda.",
    "Sentuh layar untuk kembali",
    "Layanan antrean sedang tidak tersedia",
    "Mohon tunggu sebentar. Kiosk akan tersambung kembali dengan sendirinya.",
    "Bila perlu bantuan, silakan hubungi petugas.",
    "Maaf, nomor antrean belum dapat diberikan",
    "Printer tiket sedang bermasalah: nomor Anda tetap tampil di layar",
    "Keluar dari mode kiosk",
    "NIP petugas",
    "PIN",
    "Memeriksa\u2026",
    "Khusus petugas: masukkan NIP dan PIN administrator",
    "OK",
    "Prioritas",
    "NOMOR ANTREAN",
    "Kemungkinan tidak terlayani hari ini",
    "Menurut perkiraan, nomor yang diambil sekarang baru dipanggil setelah layanan ini tutup. "
    "Anda tetap boleh mengambil nomor, atau kembali lain hari.",
    "Tetap ambil nomor",
    "Mungkin tidak terlayani hari ini",
};

constexpr Texts english_screens{
    "en",
    "Bahasa Indonesia",
    "Please choose a service",
    "Touch a button to take a queue number",
    "Priority queue",
    "Elderly \u00b7 Disability \u00b7 Pregnant \u00b7 Children",
    "Priority queue",
    "Choose what applies to you",
    "Priority number",
    "Cancel",
    "Back",
    "No one waiting",
    "Please wait, your number is being issued\u2026",
    "Your queue number",
    "Ahead of you",
    "Estimated wait",
    "Please wait until your number is called",
    "Printing your ticket\u2026",
    "Please take your ticket",
    "The ticket could not be printed. Please remember your number.",
    "Touch the screen to go back",
    "The queue service is not available right now",
    "Please wait a moment. The kiosk reconnects by itself.",
    "If you need help, please ask an officer.",
    "Sorry, a queue number cannot be issued",
    "The ticket printer has a problem: your number is shown on screen",
    "Leave kiosk mode",
    "Officer NIP",
    "PIN",
    "Checking\u2026",
    "Officers only: enter an administrator's NIP and PIN",
    "OK",
    "Priority",
    "QUEUE NUMBER",
    "You may not be served today",
    "By our estimate, a number taken now would be called after this service closes. "
    "You may still take one, or come back another day.",
    "Take a number anyway",
    "May not be served today",
};

}  // namespace

const Texts& texts(Language language) { return gui::in_language(language, indonesian_screens, english_screens); }

std::string people_waiting(Language l, int people) {
    if (people <= 0) return texts(l).nobody_waiting;
    if (gui::is_indonesian(l)) return std::to_string(people) + " orang menunggu";
    return std::to_string(people) + (people == 1 ? " person waiting" : " people waiting");
}

std::string people_ahead(Language l, int people) {
    if (people <= 0) return gui::is_indonesian(l) ? "Tidak ada" : "No one";
    // U+00A0 keeps a value with its unit when a line wraps, on screen and on paper.
    if (gui::is_indonesian(l)) return std::to_string(people) + "\u00a0orang";
    return std::to_string(people) + (people == 1 ? "\u00a0person" : "\u00a0people");
}

std::string door_line(Language l, const std::string& time_zone, const ServiceView& s, Priority priority) {
    const DoorEstimate* door = door_for(s, priority);
    if (!door) return wait_line(l, estimated_wait_for(s, priority));
    if (door->past_closing) return texts(l).late_tile;
    if (door->call_from && door->call_to) return call_interval_text(l, time_zone, *door->call_from, *door->call_to);
    return wait_line(l, door->wait_s);
}

std::string wait_line(Language l, int seconds) {
    if (seconds <= 0) return wait_text(l, seconds);
    return (gui::is_indonesian(l) ? "Tunggu " : "Wait ") + wait_text(l, seconds);
}

std::string availability_text(Language l, Availability a) {
    switch (a) {
        case Availability::available:
            return "";
        case Availability::closed:
            return gui::is_indonesian(l) ? "Layanan ditutup sementara" : "Temporarily closed";
        case Availability::outside_hours:
            return gui::is_indonesian(l) ? "Di luar jam pelayanan" : "Outside service hours";
        case Availability::quota_used_up:
            return gui::is_indonesian(l) ? "Kuota hari ini habis" : "Today's quota is used up";
    }
    return "";
}

std::string priority_name(Language l, Priority p) {
    switch (p) {
        case Priority::none:
            return gui::is_indonesian(l) ? "Umum" : "Regular";
        case Priority::lansia:
            return gui::is_indonesian(l) ? "Lansia" : "Elderly";
        case Priority::disabilitas:
            return gui::is_indonesian(l) ? "Penyandang\u00a0disabilitas" : "Person with a\u00a0disability";
        case Priority::ibu_hamil:
            return gui::is_indonesian(l) ? "Ibu\u00a0hamil" : "Pregnant\u00a0woman";
        case Priority::anak:
            return gui::is_indonesian(l) ? "Anak-anak" : "Children";
    }
    return "";
}

std::string service_title(Language l, const ServiceView& s) { return gui::is_indonesian(l) ? s.name_id : s.name_en; }

std::string service_subtitle(Language l, const ServiceView& s) { return gui::is_indonesian(l) ? s.name_en : s.name_id; }

std::string refusal_text(Language l, const std::string& code, const std::string& service) {
    const std::string name = service.empty() ? (gui::is_indonesian(l) ? "layanan ini" : "this service") : service;
    if (code == errc::quota_reached)
        return gui::is_indonesian(l) ? "Kuota hari ini untuk " + name + " sudah habis."
                                     : "Today's quota for " + name + " is used up.";
    if (code == errc::service_closed)
        return gui::is_indonesian(l) ? name + " sedang tidak menerima antrean."
                                     : name + " is not taking numbers right now.";
    if (code == errc::connection_lost || code == errc::timeout)
        return gui::is_indonesian(l) ? "Sambungan ke server terputus. Silakan coba sekali lagi."
                                     : "The connection to the server was lost. Please try again.";
    return gui::is_indonesian(l) ? "Terjadi gangguan. Silakan hubungi petugas."
                                 : "Something went wrong. Please ask an officer.";
}

std::string admin_error_text(Language l, const std::string& code) {
    if (code == errc::bad_credentials) return gui::is_indonesian(l) ? "NIP atau PIN salah" : "Wrong NIP or PIN";
    if (code == errc::forbidden)
        return gui::is_indonesian(l) ? "Hanya administrator yang dapat menutup kiosk"
                                     : "Only an administrator can close the kiosk";
    return gui::is_indonesian(l) ? "Server tidak terjangkau; PIN tidak dapat diperiksa"
                                 : "Server unreachable; the PIN cannot be checked";
}

std::string printer_fault_text(Language l, const std::string& fault) {
    if (fault == "no_paper") return gui::is_indonesian(l) ? "Kertas printer habis" : "The printer is out of paper";
    if (fault == "missing") return gui::is_indonesian(l) ? "Printer tidak ditemukan" : "The printer cannot be found";
    if (fault == "offline") return gui::is_indonesian(l) ? "Printer tidak siap" : "The printer is not ready";
    return gui::is_indonesian(l) ? "Printer gagal mencetak" : "The printer failed";
}

}  // namespace antre::kiosk
