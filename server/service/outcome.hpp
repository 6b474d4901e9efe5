// The answer to one request, as the handler's files make it and its callers read it.
#pragma once

#include <exception>
#include <functional>
#include <string>
#include <string_view>

#include "antre/protocol.hpp"

namespace antre {

/// The answer to one request (events go out through the broadcast sink), kept as
/// fields until someone writes it: the client port's session encodes it once as its
/// line (line()), the dashboard and the public port read it as JSON (whole()), and
/// a keyed request's answer is kept from its fields.
struct Outcome {
    protocol::json id;  ///< the request's id, echoed
    bool ok = true;
    /// A success's fields besides id and ok; a refusal's {"error": {"code", "message"}}.
    protocol::json fields = protocol::json::object();
    /// Instead of `fields`, for the ops answered most (issue, call, finish, ...): the
    /// fields already written as one JSON object's text, keys in order (written()).
    std::string text;
    bool subscribe = false;  ///< the session receives broadcasts from now on
    /// What the request changes in its session (a log-in's role, a log-out), made
    /// once its batch is committed, just before the reply is delivered; never when
    /// the commit fails, so a refused log-in can be tried again.
    std::function<void()> committed{};

    /// {"id": id, "ok": true, ...fields}.
    static Outcome success(protocol::json id, protocol::json fields = protocol::json::object(), bool subscribe = false);
    /// {"id": id, "ok": false, "error": {"code": code, "message": message, ...details}}.
    static Outcome refusal(protocol::json id, std::string_view code, std::string_view message,
                           const protocol::json& details = protocol::json::object());

    /// A success whose fields `fields_text` already holds, written by JsonText.
    static Outcome written(protocol::json id, std::string fields_text);

    /// The fields as text, as a keyed answer is kept: `text`, or `fields` printed.
    std::string fields_text() const;
    /// The reply as one JSON object, id and ok included.
    protocol::json whole() &&;
    /// The reply as the client port's line (without '\n').
    std::string line() &&;
};

/// The answer to a failed database call: the disk or the file refusing (full,
/// read-only, locked) is storage_unavailable, a state that passes; anything else is
/// storage_error. Either way nothing of the request was applied.
Outcome storage_refusal(const protocol::json& id, const std::exception& err);

}  // namespace antre
