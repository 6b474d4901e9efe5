#include "antre/nik.hpp"

#include <algorithm>

namespace antre {

namespace {

int two_digits(std::string_view s, std::size_t at) { return (s[at] - '0') * 10 + (s[at + 1] - '0'); }

// The year is two digits, so the century is unknown: 29 February is accepted in
// every year divisible by four (2000 was a leap year; 1900, out of living memory, not).
int days_in_month(int month, int year2) {
    static constexpr int days[] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (month == 2) return year2 % 4 == 0 ? 29 : 28;
    return days[month - 1];
}

NikRefusal refuse(std::string id, std::string en) { return {std::move(id), std::move(en)}; }

}  // namespace

std::optional<NikRefusal> check_nik(std::string_view nik) {
    if (nik.size() != 16 || !std::all_of(nik.begin(), nik.end(), [](char c) { return c >= '0' && c <= '9'; }))
        return refuse("NIK harus 16 angka (lihat KTP-el atau Kartu Keluarga)",
                      "A NIK is 16 digits (see the KTP-el or the family card)");
    if (two_digits(nik, 0) == 0)
        return refuse("Kode provinsi pada NIK (angka 1-2) tidak boleh 00",
                      "The province code of the NIK (digits 1-2) cannot be 00");
    if (two_digits(nik, 2) == 0)
        return refuse("Kode kabupaten/kota pada NIK (angka 3-4) tidak boleh 00",
                      "The regency/city code of the NIK (digits 3-4) cannot be 00");
    if (two_digits(nik, 4) == 0)
        return refuse("Kode kecamatan pada NIK (angka 5-6) tidak boleh 00",
                      "The district code of the NIK (digits 5-6) cannot be 00");
    int day = two_digits(nik, 6);
    const int month = two_digits(nik, 8), year = two_digits(nik, 10);
    if (day > 40) day -= 40;  // women: 40 is added to the day of birth
    if (month < 1 || month > 12)
        return refuse("Bulan lahir pada NIK (angka 9-10) harus 01 sampai 12",
                      "The month of birth in the NIK (digits 9-10) must be 01 to 12");
    if (day < 1 || day > days_in_month(month, year))
        return refuse(
            "Tanggal lahir pada NIK (angka 7-8) tidak ada pada bulan itu "
            "(untuk perempuan tanggal ditambah 40)",
            "The day of birth in the NIK (digits 7-8) does not exist in that month "
            "(40 is added for women)");
    if (nik.substr(12) == "0000")
        return refuse("Nomor urut pada NIK (angka 13-16) tidak boleh 0000",
                      "The serial number of the NIK (digits 13-16) cannot be 0000");
    return std::nullopt;
}

std::string masked_nik(std::string_view nik) {
    if (nik.size() != 16) return {};
    return std::string(12, '*') + std::string(nik.substr(12));
}

}  // namespace antre
