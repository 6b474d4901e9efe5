#include "outcome.hpp"

#include "antre/errors.hpp"
#include "sqlite.hpp"

namespace antre {

using protocol::json;

Outcome Outcome::success(json id, json fields, bool subscribe) {
    Outcome o;
    o.id = std::move(id);
    o.fields = std::move(fields);
    o.subscribe = subscribe;
    return o;
}

Outcome Outcome::refusal(json id, std::string_view code, std::string_view message, const json& details) {
    Outcome o;
    o.id = std::move(id);
    o.ok = false;
    o.fields = protocol::error_fields(code, message, details);
    return o;
}

Outcome Outcome::written(json id, std::string fields_text) {
    Outcome o;
    o.id = std::move(id);
    o.text = std::move(fields_text);
    return o;
}

std::string Outcome::fields_text() const { return text.empty() ? fields.dump() : text; }

json Outcome::whole() && {
    if (!text.empty()) fields = json::parse(text);
    fields.emplace("id", std::move(id));
    fields.emplace("ok", ok);
    return std::move(fields);
}

std::string Outcome::line() && {
    if (!text.empty()) return protocol::encode_reply(std::string_view(text), id, ok);
    return protocol::encode_reply(std::move(fields), id, ok);
}

Outcome storage_refusal(const json& id, const std::exception& err) {
    const auto* db = dynamic_cast<const sql::Error*>(&err);
    if (db && db->unavailable())
        return Outcome::refusal(id, errc::storage_unavailable,
                                "Penyimpanan sedang tidak dapat ditulis; permintaan tidak dijalankan, "
                                "coba lagi nanti");
    return Outcome::refusal(id, errc::storage_error, "Penyimpanan gagal; permintaan tidak dijalankan");
}

}  // namespace antre
