#include "antre/protocol.hpp"

#include <cstdint>

#include "antre/config.hpp"
#include "antre/config_json.hpp"
#include "antre/errors.hpp"

namespace antre::protocol {
namespace {

template <class T>
std::optional<T> get_opt(const json& j, const char* key) {
    auto it = j.find(key);
    if (it == j.end() || it->is_null()) return std::nullopt;
    return it->get<T>();
}

}  // namespace

std::variant<Request, DecodeError> decode_request(std::string_view line) {
    json j = json::parse(line.begin(), line.end(), nullptr, false);
    if (j.is_discarded()) return DecodeError{nullptr, errc::bad_json, "the line is not valid JSON"};
    if (!j.is_object()) return DecodeError{nullptr, errc::bad_request, "a request must be a JSON object"};
    json id = j.contains("id") ? j["id"] : json(nullptr);
    if (!(id.is_number_integer() || id.is_string()))
        return DecodeError{nullptr, errc::bad_request, "field 'id' is required: an integer or a string"};
    auto op = j.find("op");
    if (op == j.end() || !op->is_string())
        return DecodeError{id, errc::bad_request, "field 'op' is required: a string"};
    return Request{id, op->get<std::string>(), std::move(j)};
}

std::string encode_reply(json fields, const json& id, bool ok) {
    fields.emplace("id", id);
    fields.emplace("ok", ok);
    return json_line(fields);
}

namespace {

// The end of the JSON value that starts at `at` in `text` (written by JsonText or
// nlohmann: no spaces): strings are skipped with their escapes, objects and arrays by depth.
std::size_t value_end(std::string_view text, std::size_t at) {
    int depth = 0;
    bool in_string = false;
    for (std::size_t i = at; i < text.size(); ++i) {
        const char c = text[i];
        if (in_string) {
            if (c == '\\')
                ++i;
            else if (c == '"') {
                in_string = false;
                if (depth == 0) return i + 1;
            }
            continue;
        }
        if (c == '"')
            in_string = true;
        else if (c == '{' || c == '[')
            ++depth;
        else if (c == '}' || c == ']') {
            if (depth == 0) return i;  // the end of the enclosing object: a bare value ended
            if (--depth == 0) return i + 1;
        } else if (c == ',' && depth == 0)
            return i;
    }
    return text.size();
}

}  // namespace

std::string encode_reply(std::string_view fields_text, const json& id, bool ok) {
    // Members in key order: "id" and "ok" go before the first key that sorts after them,
    // unless the fields name them already (as encode_reply's emplace keeps theirs).
    struct Extra {
        std::string_view key;
        std::string value;
        bool placed = false;
    };
    Extra extras[] = {{"id", json_line(id)}, {"ok", ok ? "true" : "false"}};
    std::string out;
    out.reserve(fields_text.size() + extras[0].value.size() + 16);
    out += '{';
    auto separate = [&] {
        if (out.size() > 1) out += ',';
    };
    auto place = [&](Extra& e) {
        separate();
        out.append("\"").append(e.key).append("\":").append(e.value);
        e.placed = true;
    };
    std::size_t at = fields_text.find('{');
    at = at == std::string_view::npos ? fields_text.size() : at + 1;
    while (at < fields_text.size() && fields_text[at] == '"') {
        const std::size_t key_end = value_end(fields_text, at);  // past the key's closing quote
        const std::string_view key = fields_text.substr(at + 1, key_end - at - 2);
        const std::size_t end = value_end(fields_text, key_end + 1);  // past ':' and the value
        for (auto& e : extras) {
            if (!e.placed && e.key < key) place(e);
            if (e.key == key) e.placed = true;  // the fields' own wins
        }
        separate();
        out += fields_text.substr(at, end - at);
        at = end < fields_text.size() && fields_text[end] == ',' ? end + 1 : end;
    }
    for (auto& e : extras)
        if (!e.placed) place(e);
    out += '}';
    return out;
}

json error_fields(std::string_view code, std::string_view message, const json& details) {
    json error = {{"code", code}, {"message", message}};
    for (const auto& [k, v] : details.items()) error[k] = v;
    return {{"error", std::move(error)}};
}

std::string encode_ok(const json& id, json result) { return encode_reply(std::move(result), id, true); }

std::string encode_error(const json& id, std::string_view code, std::string_view message) {
    return encode_reply(error_fields(code, message), id, false);
}

std::string encode_error(const json& id, std::string_view code, std::string_view message, const json& details) {
    return encode_reply(error_fields(code, message, details), id, false);
}

std::string encode_event(std::string_view type, json fields) {
    json j = json::object();
    j["event"] = type;
    for (auto& [k, v] : fields.items()) j[k] = std::move(v);
    return json_line(j);
}

static const json& field_or_throw(const json& body, const char* field) {
    auto it = body.find(field);
    if (it == body.end() || it->is_null())
        throw Refusal(errc::bad_request, std::string("field '") + field + "' is required");
    return *it;
}

std::string get_string(const json& body, const char* field) {
    const json& v = field_or_throw(body, field);
    if (!v.is_string()) throw Refusal(errc::bad_request, std::string("field '") + field + "' must be a string");
    return v.get<std::string>();
}

std::optional<std::string> opt_string(const json& body, const char* field) {
    if (!body.contains(field) || body[field].is_null()) return std::nullopt;
    return get_string(body, field);
}

std::int64_t get_int(const json& body, const char* field) {
    const json& v = field_or_throw(body, field);
    if (!v.is_number_integer())
        throw Refusal(errc::bad_request, std::string("field '") + field + "' must be an integer");
    // An unsigned number above INT64_MAX would otherwise wrap to a negative one.
    if (v.is_number_unsigned() && v.get<std::uint64_t>() > static_cast<std::uint64_t>(INT64_MAX))
        throw Refusal(errc::bad_request, std::string("field '") + field + "' is out of range");
    return v.get<std::int64_t>();
}

std::optional<std::int64_t> opt_int(const json& body, const char* field) {
    if (!body.contains(field) || body[field].is_null()) return std::nullopt;
    return get_int(body, field);
}

std::optional<bool> opt_bool(const json& body, const char* field) {
    if (!body.contains(field) || body[field].is_null()) return std::nullopt;
    if (!body[field].is_boolean())
        throw Refusal(errc::bad_request, std::string("field '") + field + "' must be true or false");
    return body[field].get<bool>();
}

json to_json(const Ticket& t) {
    return json_object([&](JsonDom& o) { write_ticket(o, t, {}, [](JsonDom&) {}); });
}

Ticket ticket_from_json(const json& j) {
    Ticket t;
    t.id = j.at("id").get<TicketId>();
    t.label = j.at("label").get<std::string>();
    t.day = j.value("day", "");
    t.service = j.at("service").get<std::string>();
    t.origin_service = j.value("origin_service", t.service);
    t.number = j.value("number", 0);
    t.priority = parse_priority(j.value("priority", "none")).value_or(Priority::none);
    t.status = parse_ticket_status(j.value("status", "waiting")).value_or(TicketStatus::waiting);
    t.issued_at = j.value("issued_at", Millis{0});
    t.counter = j.value("counter", 0);
    t.officer = j.value("officer", "");
    t.recalls = j.value("recalls", 0);
    t.no_shows = j.value("no_shows", 0);
    t.transfers = j.value("transfers", 0);
    t.first_called_at = get_opt<Millis>(j, "first_called_at");
    t.called_at = get_opt<Millis>(j, "called_at");
    t.service_started_at = get_opt<Millis>(j, "service_started_at");
    t.finished_at = get_opt<Millis>(j, "finished_at");
    t.estimated_wait_s = get_opt<int>(j, "estimated_wait_s");
    t.estimated_call_from = get_opt<Millis>(j, "estimated_call_from");
    t.estimated_call_to = get_opt<Millis>(j, "estimated_call_to");
    t.rating = get_opt<int>(j, "rating");
    t.booking = get_opt<std::int64_t>(j, "booking");
    t.waits_from = get_opt<Millis>(j, "waits_from");
    return t;
}

json to_json(const Service& s) { return service_as_json(s); }

}  // namespace antre::protocol
