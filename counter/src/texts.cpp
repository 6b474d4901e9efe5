#include "antre/counter/texts.hpp"

#include <algorithm>
#include <cmath>

namespace antre::counter {

namespace {

const Texts indonesian{
    .other_language = "English",
    .app_title = "Antre \u2014 Loket Petugas",
    .login_title = "Masuk ke loket",
    .login_counter = "Nomor loket",
    .login_nip = "NIP",
    .login_pin = "PIN",
    .login_submit = "Masuk",
    .login_hint = "Tab atau \u2191\u2193: pindah kolom \u00b7 Enter: masuk \u00b7 F9: English",
    .login_missing = "Isi nomor loket, NIP, dan PIN (4\u201312 angka).",
    .login_checking = "Memeriksa NIP dan PIN\u2026",
    .login_unreachable = "Server belum terjangkau; mencoba lagi",
    .login_cancel_hint = "Esc: batal",
    .signed_out = "Anda sudah keluar dari loket.",
    .counter_closed = "Loket ini sudah ditutup. Silakan masuk lagi.",
    .server = "Server",
    .call_next = "Panggil Berikutnya",
    .recall = "Panggil Ulang",
    .start = "Mulai Layanan",
    .finish = "Selesai",
    .no_show = "Tidak Hadir",
    .transfer = "Alihkan",
    .call_ticket = "Panggil Nomor",
    .pause = "Istirahat",
    .resume = "Lanjut",
    .logout = "Keluar",
    .link_lost = "Koneksi terputus",
    .reconnecting = "menyambung ulang otomatis; data dipulihkan dari server setelah tersambung",
    .active_heading = "Nomor aktif",
    .no_active = "Belum ada nomor aktif",
    .no_active_hint = "Tekan F1 atau Enter untuk memanggil nomor berikutnya",
    .paused_title = "Loket sedang istirahat",
    .paused_hint = "Tekan F8 untuk melanjutkan pelayanan",
    .offline_hint = "Tombol tidak aktif sampai tersambung kembali ke server",
    .since_call = "sejak dipanggil",
    .service_time = "lama layanan",
    .standard = "standar",
    .over = "lewat",
    .recalled = "dipanggil ulang",
    .transferred_from = "dialihkan dari",
    .booked = "Daring",
    .booking_session = "sesi",
    .booking_loading = "Memuat NIK pemesan\u2026",
    .booking_failed = "NIK pemesan tidak dapat dimuat",
    .booking_erased = "NIK sudah dihapus (masa simpan habis)",
    .queue_heading = "Antrean loket ini",
    .waiting = "menunggu",
    .priority_short = "prioritas",
    .oldest = "terlama",
    .nobody_waiting = "tidak ada yang menunggu",
    .tally_heading = "Kinerja saya hari ini",
    .served = "Dilayani",
    .no_shows = "Tidak hadir",
    .transfers = "Dialihkan",
    .median_service = "Median layanan",
    .within_standard = "Sesuai standar",
    .open = "Buka",
    .paused = "Istirahat",
    .transfer_title = "Alihkan ke layanan",
    .call_title = "Panggil nomor tertentu",
    .call_input_hint = "Ketik nomor, mis. A-007",
    .call_empty = "Tidak ada nomor menunggu yang cocok; Enter tetap mengirim nomor yang diketik",
    .pause_title = "Alasan istirahat",
    .pause_input_hint = "Pilih 1\u20134, atau ketik alasan lain",
    .other_reason = "Alasan lain",
    .logout_title = "Keluar dari loket?",
    .logout_body = "Loket ditutup dan tidak menerima panggilan sampai petugas masuk lagi.",
    .ok = "OK",
    .cancel = "Batal",
    .dialog_hint = "\u2191\u2193 pilih \u00b7 Enter kirim \u00b7 Esc batal",
    .transfer_hint = "Ketik huruf layanan \u00b7 \u2191\u2193 pilih \u00b7 Enter kirim \u00b7 Esc batal",
    .sending = "Mengirim",
    .resending = "jawaban tidak sampai, mengirim ulang dengan kunci yang sama, percobaan",
    .refused = "Ditolak server",
    .no_answer = "Tidak ada jawaban dari server. Periksa layar setelah tersambung sebelum menekan lagi.",
    .done_called = "dipanggil",
    .done_started = "mulai dilayani",
    .done_finished = "selesai dilayani",
    .done_requeued = "tidak hadir; dikembalikan ke antrean",
    .done_no_show = "tidak hadir; nomor ditutup",
    .done_transferred = "dialihkan ke",
    .done_paused = "Loket istirahat",
    .done_resumed = "Loket melayani lagi",
    .why_offline = "Tidak tersambung ke server",
    .why_pending = "Masih menunggu jawaban server atas tindakan sebelumnya",
    .why_paused = "Loket sedang istirahat; tekan F8 untuk lanjut",
    .why_no_active = "Belum ada nomor aktif",
    .why_has_active = "Selesaikan, alihkan, atau tandai tidak hadir nomor aktif dulu",
    .why_queue_empty = "Tidak ada yang menunggu di layanan loket ini",
    .why_serving = "Layanan sudah dimulai",
    .why_no_target = "Tidak ada layanan lain untuk tujuan pengalihan",
};

const Texts english{
    .other_language = "Bahasa Indonesia",
    .app_title = "Antre \u2014 Officer Counter",
    .login_title = "Sign in to a counter",
    .login_counter = "Counter number",
    .login_nip = "NIP",
    .login_pin = "PIN",
    .login_submit = "Sign in",
    .login_hint = "Tab or \u2191\u2193: next field \u00b7 Enter: sign in \u00b7 F9: Bahasa Indonesia",
    .login_missing = "Enter the counter number, NIP and PIN (4\u201312 digits).",
    .login_checking = "Checking NIP and PIN\u2026",
    .login_unreachable = "Server not reachable yet; retrying",
    .login_cancel_hint = "Esc: cancel",
    .signed_out = "You have signed out of the counter.",
    .counter_closed = "This counter has been closed. Please sign in again.",
    .server = "Server",
    .call_next = "Call Next",
    .recall = "Call Again",
    .start = "Start Service",
    .finish = "Finish",
    .no_show = "No-show",
    .transfer = "Transfer",
    .call_ticket = "Call Number",
    .pause = "Break",
    .resume = "Resume",
    .logout = "Sign Out",
    .link_lost = "Connection lost",
    .reconnecting = "reconnecting automatically; the server's data is restored once connected",
    .active_heading = "Current ticket",
    .no_active = "No current ticket",
    .no_active_hint = "Press F1 or Enter to call the next number",
    .paused_title = "Counter on a break",
    .paused_hint = "Press F8 to resume service",
    .offline_hint = "The keys are off until the link to the server is back",
    .since_call = "since called",
    .service_time = "service time",
    .standard = "standard",
    .over = "over by",
    .recalled = "called again",
    .transferred_from = "transferred from",
    .booked = "Online",
    .booking_session = "session",
    .booking_loading = "Loading the booker's NIK\u2026",
    .booking_failed = "The booker's NIK could not be loaded",
    .booking_erased = "NIK erased (retention ended)",
    .queue_heading = "This counter's queue",
    .waiting = "waiting",
    .priority_short = "priority",
    .oldest = "longest",
    .nobody_waiting = "nobody waiting",
    .tally_heading = "My figures today",
    .served = "Served",
    .no_shows = "No-shows",
    .transfers = "Transferred",
    .median_service = "Median service",
    .within_standard = "Within standard",
    .open = "Open",
    .paused = "On a break",
    .transfer_title = "Transfer to service",
    .call_title = "Call a specific number",
    .call_input_hint = "Type a number, e.g. A-007",
    .call_empty = "No waiting number matches; Enter still sends the typed number",
    .pause_title = "Reason for the break",
    .pause_input_hint = "Choose 1\u20134, or type another reason",
    .other_reason = "Other reason",
    .logout_title = "Sign out of the counter?",
    .logout_body = "The counter closes and takes no calls until an officer signs in again.",
    .ok = "OK",
    .cancel = "Cancel",
    .dialog_hint = "\u2191\u2193 choose \u00b7 Enter send \u00b7 Esc cancel",
    .transfer_hint = "Type the service's letter \u00b7 \u2191\u2193 choose \u00b7 Enter send \u00b7 Esc cancel",
    .sending = "Sending",
    .resending = "reply lost, sending again with the same key, attempt",
    .refused = "Refused by the server",
    .no_answer = "No answer from the server. Check the screen once reconnected before pressing again.",
    .done_called = "called",
    .done_started = "service started",
    .done_finished = "finished",
    .done_requeued = "no-show; put back in the queue",
    .done_no_show = "no-show; ticket closed",
    .done_transferred = "transferred to",
    .done_paused = "Counter on a break",
    .done_resumed = "Counter serving again",
    .why_offline = "Not connected to the server",
    .why_pending = "Still waiting for the server to answer the previous action",
    .why_paused = "The counter is on a break; press F8 to resume",
    .why_no_active = "There is no current ticket",
    .why_has_active = "Finish, transfer or mark the current ticket first",
    .why_queue_empty = "Nobody is waiting for this counter's services",
    .why_serving = "Service has already started",
    .why_no_target = "There is no other service to transfer to",
};

}  // namespace

const Texts& texts(Language language) { return gui::in_language(language, indonesian, english); }

std::string priority_name(Language language, std::string_view p) {
    const bool id = language == Language::id;
    if (p == "lansia") return id ? "Lansia" : "Elderly";
    if (p == "disabilitas") return id ? "Penyandang disabilitas" : "Person with disability";
    if (p == "ibu_hamil") return id ? "Ibu hamil" : "Pregnant woman";
    if (p == "anak") return id ? "Anak-anak" : "Child";
    return id ? "Reguler" : "Regular";
}

std::string status_name(Language language, std::string_view status) {
    const bool id = language == Language::id;
    if (status == "waiting") return id ? "Menunggu" : "Waiting";
    if (status == "called") return id ? "Dipanggil" : "Called";
    if (status == "serving") return id ? "Sedang Dilayani" : "Being served";
    if (status == "done") return id ? "Selesai" : "Done";
    if (status == "no_show") return id ? "Tidak Hadir" : "No-show";
    if (status == "cancelled") return id ? "Dibatalkan" : "Cancelled";
    if (status == "expired") return id ? "Kedaluwarsa" : "Expired";
    return std::string(status);
}

std::string clock_duration(Millis ms) {
    const std::int64_t total = ms > 0 ? ms / 1000 : 0;
    const auto h = total / 3600, m = total / 60 % 60, sec = total % 60;
    auto two = [](std::int64_t v) { return (v < 10 ? "0" : "") + std::to_string(v); };
    if (h > 0) return std::to_string(h) + ":" + two(m) + ":" + two(sec);
    return std::to_string(m) + ":" + two(sec);
}

std::string duration_words(Language language, std::int64_t seconds) {
    const bool id = language == Language::id;
    if (seconds < 0) seconds = 0;
    const auto h = seconds / 3600, m = seconds / 60 % 60, sec = seconds % 60;
    const std::string hw = id ? " jam" : " h", mw = id ? " mnt" : " min", sw = id ? " dtk" : " s";
    if (h > 0) return std::to_string(h) + hw + (m ? " " + std::to_string(m) + mw : "");
    if (m > 0) return std::to_string(m) + mw + (sec ? " " + std::to_string(sec) + sw : "");
    return std::to_string(sec) + sw;
}

std::string waited_words(Language language, Millis ms) {
    const std::int64_t secs = std::max<Millis>(0, ms) / 1000;
    return duration_words(language, secs >= 60 ? secs / 60 * 60 : secs);
}

std::string percent(std::optional<double> share) {
    if (!share) return "\u2013";
    return std::to_string(static_cast<int>(std::lround(*share * 100.0))) + "%";
}

std::string pause_reason_name(Language language, const std::string& reason) {
    const bool id = language == Language::id;
    if (reason == "istirahat") return id ? "Istirahat" : "Break";
    if (reason == "sholat") return id ? "Sholat" : "Prayer (sholat)";
    if (reason == "makan siang") return id ? "Makan siang" : "Lunch";
    if (reason == "tugas lain") return id ? "Tugas lain" : "Other duties";
    return reason;
}

}  // namespace antre::counter
