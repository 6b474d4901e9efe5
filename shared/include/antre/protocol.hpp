// The wire protocol as pure functions: one JSON object per line. Decoding a line
// yields a request or a clear error; encoding is the reverse. No sockets here.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <variant>

#include <nlohmann/json.hpp>

#include "antre/domain.hpp"
#include "antre/json_writer.hpp"

namespace antre::protocol {

using json = nlohmann::json;

/// Longest request line (without its '\n') the server accepts.
inline constexpr std::size_t max_line_bytes = 64 * 1024;
/// Longest line a client accepts from the server: a snapshot of a full day's
/// queue is far larger than any request.
inline constexpr std::size_t max_server_line_bytes = 16 * 1024 * 1024;
/// The TCP port the server listens on unless told otherwise.
inline constexpr unsigned short default_port = 7410;

struct Request {
    json id;  ///< number or string, echoed in the reply
    std::string op;
    json body;  ///< the whole object, for the op's own fields
};

struct DecodeError {
    json id;           ///< the request's id when it could be read, else null
    std::string code;  ///< bad_json or bad_request
    std::string message;
};

/// Decodes one line (without '\n'). Unknown ops are left to the dispatcher.
std::variant<Request, DecodeError> decode_request(std::string_view line);

/// {"id":..,"ok":..,...fields}: a reply's line, written once (encode_ok and
/// encode_error are this). A field of `fields` named "id" or "ok" is kept as it is.
std::string encode_reply(json fields, const json& id, bool ok);
/// The same line from the fields already written as one JSON object's text, keys in
/// ascending order (JsonText): "id" and "ok" go in at their places, the rest is copied.
std::string encode_reply(std::string_view fields_text, const json& id, bool ok);
/// {"error":{"code":..,"message":..,...details}}: a refusal's fields.
json error_fields(std::string_view code, std::string_view message, const json& details = json::object());
/// {"id":..,"ok":true, ...result fields}
std::string encode_ok(const json& id, json result = json::object());
/// {"id":..,"ok":false,"error":{"code":..,"message":..}}
std::string encode_error(const json& id, std::string_view code, std::string_view message);
/// The same with more fields in the error object (e.g. retry_after_ms).
std::string encode_error(const json& id, std::string_view code, std::string_view message, const json& details);
/// {"event":type, ...fields}
std::string encode_event(std::string_view type, json fields = json::object());

// Field access for a request's body; each throws Refusal(bad_request) naming the field.
std::string get_string(const json& body, const char* field);
std::optional<std::string> opt_string(const json& body, const char* field);
std::int64_t get_int(const json& body, const char* field);
std::optional<std::int64_t> opt_int(const json& body, const char* field);
std::optional<bool> opt_bool(const json& body, const char* field);

// Domain records on the wire, shared by server and clients.

/// What a server's view of a ticket adds to the record (views::ticket).
struct TicketView {
    bool hide_officer = false;        ///< the lobby's view: "officer" empty
    std::optional<int> people_ahead;  ///< "people_ahead", for a waiting ticket
};

/// A ticket's fields, in key order, to a JsonText or JsonDom; `estimate(o)` writes
/// the view's "estimate" (or nothing) at its place among them.
template <class Out, class Estimate>
void write_ticket(Out& o, const Ticket& t, const TicketView& view, Estimate&& estimate) {
    o.field("booking", t.booking);
    o.field("called_at", t.called_at);
    o.field("counter", t.counter);
    o.field("day", t.day);
    estimate(o);
    o.field("estimated_call_from", t.estimated_call_from);
    o.field("estimated_call_to", t.estimated_call_to);
    o.field("estimated_wait_s", t.estimated_wait_s);
    o.field("finished_at", t.finished_at);
    o.field("first_called_at", t.first_called_at);
    o.field("id", t.id);
    o.field("issued_at", t.issued_at);
    o.field("label", t.label);
    o.field("no_shows", t.no_shows);
    o.field("number", t.number);
    o.field("officer", view.hide_officer ? std::string_view() : std::string_view(t.officer));
    o.field("origin_service", t.origin_service);
    if (view.people_ahead) o.field("people_ahead", *view.people_ahead);
    o.field("priority", to_string(t.priority));
    o.field("rating", t.rating);
    o.field("recalls", t.recalls);
    o.field("service", t.service);
    o.field("service_started_at", t.service_started_at);
    o.field("status", to_string(t.status));
    o.field("transfers", t.transfers);
    o.field("waits_from", t.waits_from);
}

json to_json(const Ticket& t);
Ticket ticket_from_json(const json& j);
json to_json(const Service& s);

}  // namespace antre::protocol
