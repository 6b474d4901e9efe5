// Fuzz target: one request line through the decoder and the field readers every
// op uses, the way the session and the dispatcher call them. A decoded request
// must re-encode into a reply that decodes as JSON with the same id; a refusal
// must be a Refusal or a ConfigError, never another exception or a crash.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "antre/config.hpp"
#include "antre/config_json.hpp"
#include "antre/errors.hpp"
#include "antre/protocol.hpp"

namespace {

using antre::protocol::json;

// Reads each field the ops read, in each of the ways they read it.
void read_fields(const json& body) {
    static const char* const fields[] = {"role",   "nip",   "pin", "token",    "counter", "service", "priority",
                                         "ticket", "label", "key", "reason",   "state",   "after",   "limit",
                                         "from",   "to",    "by",  "remember", "active",  "name"};
    for (const char* f : fields) {
        try {
            (void)antre::protocol::get_string(body, f);
        } catch (const antre::Refusal&) {}
        try {
            (void)antre::protocol::opt_string(body, f);
        } catch (const antre::Refusal&) {}
        try {
            (void)antre::protocol::get_int(body, f);
        } catch (const antre::Refusal&) {}
        try {
            (void)antre::protocol::opt_int(body, f);
        } catch (const antre::Refusal&) {}
        try {
            (void)antre::protocol::opt_bool(body, f);
        } catch (const antre::Refusal&) {}
    }
    // service_set and counter_set hand a nested object to the config readers.
    for (const char* f : {"service", "counter"}) {
        if (!body.contains(f) || !body[f].is_object()) continue;
        try {
            if (std::string_view(f) == "service")
                (void)antre::service_from_json(body[f], f);
            else
                (void)antre::counter_from_json(body[f], f);
        } catch (const antre::ConfigError&) {}
    }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string_view line(reinterpret_cast<const char*>(data), size);
    auto decoded = antre::protocol::decode_request(line);
    if (auto* err = std::get_if<antre::protocol::DecodeError>(&decoded)) {
        const json reply = json::parse(antre::protocol::encode_error(err->id, err->code, err->message));
        if (reply["ok"] != false) std::abort();
        return 0;
    }
    auto& req = std::get<antre::protocol::Request>(decoded);
    read_fields(req.body);
    // The reply echoes the id and carries any text (invalid UTF-8 is replaced).
    const json echo = json::parse(antre::protocol::encode_ok(req.id, {{"op", req.op}}));
    if (echo["id"] != req.id) std::abort();
    if (!json::parse(antre::protocol::encode_event(req.op, {{"body", req.body}})).is_object()) std::abort();
    return 0;
}
