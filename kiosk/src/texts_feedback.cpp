// The words of feedback mode and of the SKM survey. The questions follow the
// questionnaire in the annex of PermenPANRB 14/2017, one per unsur, in the order
// of the unsur list (the order of the `survey` op's answers).
#include <algorithm>

#include "antre/errors.hpp"
#include "antre/kiosk/texts.hpp"

namespace antre::kiosk {

namespace {

constexpr FeedbackTexts indonesian_feedback{
    "Silakan menilai pelayanan kami setelah dilayani",
    "Setelah petugas selesai melayani Anda, sentuh salah satu wajah di layar ini.",
    "Sedang dilayani",
    "Dipanggil",
    "Bagaimana pelayanan kami?",
    "Sentuh salah satu wajah",
    "Nomor antrean",
    "Mengirim penilaian\u2026",
    "Terima kasih",
    "Penilaian Anda membantu kami memperbaiki pelayanan.",
    "Nomor ini sudah dinilai sebelumnya.",
    "Jawaban survei Anda sudah kami terima. Survei ini tanpa nama.",
    "Isi Survei Kepuasan Masyarakat (SKM)",
    "Survei kepuasan",
    "Survei Kepuasan Masyarakat",
    "Layanan apa yang Anda terima hari ini?",
    "Boleh dilewati. Survei ini tanpa nama.",
    "Lewati",
    "Berikutnya",
    "Kirim",
    "Mohon tunggu, jawaban Anda sedang dikirim\u2026",
    "Maaf, penilaian belum tersimpan",
    "Maaf, survei belum terkirim",
    "Penilaian layanan sedang tidak tersedia",
    "Sambungan ke server sedang terputus; penilaian menunggu sambungan pulih",
};

constexpr FeedbackTexts english_feedback{
    "Please rate our service after you have been served",
    "When the officer has finished serving you, touch one of the faces on this screen.",
    "Now serving",
    "Called",
    "How was our service?",
    "Touch one of the faces",
    "Queue number",
    "Sending your rating\u2026",
    "Thank you",
    "Your rating helps us improve our service.",
    "This number has already been rated.",
    "We have received your answers. The survey is anonymous.",
    "Fill in the Public Satisfaction Survey (SKM)",
    "Satisfaction survey",
    "Public Satisfaction Survey (SKM)",
    "Which service did you receive today?",
    "You may skip this. The survey is anonymous.",
    "Skip",
    "Next",
    "Send",
    "Please wait, your answers are being sent\u2026",
    "Sorry, your rating was not saved",
    "Sorry, the survey was not sent",
    "Rating is not available right now",
    "The connection to the server is down; a rating waits for it to come back",
};

constexpr std::array<SurveyQuestion, survey_questions> questions_id{{
    {"Persyaratan",
     "Bagaimana pendapat Saudara tentang kesesuaian persyaratan pelayanan dengan jenis pelayanannya?",
     {"Tidak sesuai", "Kurang sesuai", "Sesuai", "Sangat sesuai"}},
    {"Sistem, Mekanisme, dan Prosedur",
     "Bagaimana pemahaman Saudara tentang kemudahan prosedur pelayanan di unit ini?",
     {"Tidak mudah", "Kurang mudah", "Mudah", "Sangat mudah"}},
    {"Waktu Penyelesaian",
     "Bagaimana pendapat Saudara tentang kecepatan waktu dalam memberikan pelayanan?",
     {"Tidak cepat", "Kurang cepat", "Cepat", "Sangat cepat"}},
    {"Biaya/Tarif",
     "Bagaimana pendapat Saudara tentang kewajaran biaya/tarif dalam pelayanan?",
     {"Sangat mahal", "Cukup mahal", "Murah", "Gratis"}},
    {"Produk Spesifikasi Jenis Pelayanan",
     "Bagaimana pendapat Saudara tentang kesesuaian produk pelayanan antara yang tercantum dalam standar "
     "pelayanan dengan hasil yang diberikan?",
     {"Tidak sesuai", "Kurang sesuai", "Sesuai", "Sangat sesuai"}},
    {"Kompetensi Pelaksana",
     "Bagaimana pendapat Saudara tentang kompetensi/kemampuan petugas dalam pelayanan?",
     {"Tidak kompeten", "Kurang kompeten", "Kompeten", "Sangat kompeten"}},
    {"Perilaku Pelaksana",
     "Bagaimana pendapat Saudara tentang perilaku petugas dalam pelayanan terkait kesopanan dan keramahan?",
     {"Tidak sopan dan ramah", "Kurang sopan dan ramah", "Sopan dan ramah", "Sangat sopan dan ramah"}},
    {"Penanganan Pengaduan, Saran dan Masukan",
     "Bagaimana pendapat Saudara tentang penanganan pengaduan pengguna layanan?",
     {"Tidak ada", "Ada tetapi tidak berfungsi", "Berfungsi kurang maksimal", "Dikelola dengan baik"}},
    {"Sarana dan Prasarana",
     "Bagaimana pendapat Saudara tentang kualitas sarana dan prasarana?",
     {"Buruk", "Cukup", "Baik", "Sangat baik"}},
}};

constexpr std::array<SurveyQuestion, survey_questions> questions_en{{
    {"Requirements",
     "How well do the requirements for the service suit the kind of service?",
     {"Not suitable", "Somewhat unsuitable", "Suitable", "Very suitable"}},
    {"System, mechanism and procedure",
     "How easy is the service procedure at this office to follow?",
     {"Not easy", "Not very easy", "Easy", "Very easy"}},
    {"Completion time", "How quickly was the service given?", {"Not quick", "Not very quick", "Quick", "Very quick"}},
    {"Cost/fee",
     "How fair is the cost or fee of the service?",
     {"Very expensive", "Rather expensive", "Cheap", "Free of charge"}},
    {"Service product",
     "How well does what you received match what the service standard promises?",
     {"Does not match", "Partly matches", "Matches", "Fully matches"}},
    {"Competence of the officers",
     "How competent and able are the officers who served you?",
     {"Not competent", "Not very competent", "Competent", "Very competent"}},
    {"Conduct of the officers",
     "How polite and friendly were the officers?",
     {"Not polite or friendly", "Not very polite or friendly", "Polite and friendly", "Very polite and friendly"}},
    {"Handling of complaints, suggestions and feedback",
     "How are complaints from service users handled?",
     {"There is no way to complain", "There is one, but it does not work", "It works, but not fully",
      "They are handled well"}},
    {"Facilities", "How good are the facilities and infrastructure?", {"Poor", "Fair", "Good", "Very good"}},
}};

}  // namespace

const FeedbackTexts& feedback_texts(Language language) {
    return gui::in_language(language, indonesian_feedback, english_feedback);
}

const SurveyQuestion& survey_question(Language language, int index) {
    const auto& all = gui::is_indonesian(language) ? questions_id : questions_en;
    return all[static_cast<std::size_t>(std::clamp(index, 0, survey_questions - 1))];
}

std::string rating_name(Language l, int rating) {
    switch (rating) {
        case 4:
            return gui::is_indonesian(l) ? "Sangat Puas" : "Very satisfied";
        case 3:
            return gui::is_indonesian(l) ? "Puas" : "Satisfied";
        case 2:
            return gui::is_indonesian(l) ? "Kurang Puas" : "Somewhat dissatisfied";
        case 1:
            return gui::is_indonesian(l) ? "Tidak Puas" : "Dissatisfied";
        default:
            return "";
    }
}

std::string survey_progress(Language l, int question) {
    const auto n = std::to_string(question + 1), of = std::to_string(survey_questions);
    return gui::is_indonesian(l) ? "Pertanyaan " + n + " dari " + of : "Question " + n + " of " + of;
}

std::string not_saved_text(Language l, Submission what, const std::string& code) {
    const bool rating = what == Submission::rating;
    if (code == errc::connection_lost || code == errc::timeout)
        return gui::is_indonesian(l)
                   ? (rating ? "Sambungan ke server terputus; penilaian Anda belum tercatat."
                             : "Sambungan ke server terputus; jawaban Anda belum tercatat. Silakan coba lagi.")
                   : (rating
                          ? "The connection to the server was lost; your rating was not recorded."
                          : "The connection to the server was lost; your answers were not recorded. Please try again.");
    if (code == errc::invalid_state || code == errc::unknown_ticket)
        return gui::is_indonesian(l) ? "Nomor antrean ini sudah tidak dapat dinilai."
                                     : "This queue number can no longer be rated.";
    if (code == errc::forbidden)
        return gui::is_indonesian(l) ? "Nomor antrean ini tidak dilayani di loket ini."
                                     : "This queue number was not served at this counter.";
    if (code == errc::invalid_value)
        return gui::is_indonesian(l) ? "Jawaban tidak lengkap atau tidak sah. Silakan coba lagi."
                                     : "The answers were incomplete or not valid. Please try again.";
    return gui::is_indonesian(l) ? "Terjadi gangguan. Silakan hubungi petugas."
                                 : "Something went wrong. Please ask an officer.";
}

}  // namespace antre::kiosk
