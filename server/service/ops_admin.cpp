// The managers' and administrators' changes to the office: closing and opening a
// service, and defining services and counters. Each is one engine command.
#include "antre/config_json.hpp"
#include "antre/errors.hpp"
#include "handler.hpp"
#include "views.hpp"

namespace antre {

using protocol::json;

namespace {

// An administrator's change keeps what the service or counter became in its
// event's detail, so the audit shows the new targets, hours or services.
Effect with_detail(Effect fx, const std::string& detail) {
    for (auto& e : fx.events)
        if (e.type.ends_with("_created") || e.type.ends_with("_updated")) e.detail = detail;
    return fx;
}

}  // namespace

// service_close and service_open.
std::optional<Outcome> Handler::op_service_close(Call& c) {
    const std::string code = protocol::get_string(c.body(), "service");
    const bool close = c.req.op == "service_close";
    return apply(
        c.req, [&](Engine& e, Millis t) { return e.set_service_closed(code, close, c.ctx.nip, t); },
        [&](const Effect&) -> Reply {
            return {{"service", views::service(*engine_, *engine_->find_service(code), c.now, options_.always_open,
                                               estimates_.get())}};
        });
}

std::optional<Outcome> Handler::op_service_set(Call& c) {
    const json& b = c.body();
    if (!b.contains("service") || !b["service"].is_object())
        throw Refusal(errc::bad_request, "field 'service' must be an object like a service in the office config");
    Service s;
    try {
        s = service_from_json(b["service"], "service");
    } catch (const ConfigError& err) {
        throw Refusal(errc::invalid_value, err.what());
    }
    return apply(
        c.req, [&](Engine& e, Millis t) { return with_detail(e.upsert_service(s, c.ctx.nip, t), service_to_json(s)); },
        [&](const Effect&) -> Reply {
            return {{"service", views::service(*engine_, *engine_->find_service(s.code), c.now, options_.always_open,
                                               estimates_.get())}};
        });
}

std::optional<Outcome> Handler::op_counter_set(Call& c) {
    const json& b = c.body();
    if (!b.contains("counter") || !b["counter"].is_object())
        throw Refusal(errc::bad_request, "field 'counter' must be an object like a counter in the office config");
    CounterConfig cc;
    try {
        cc = counter_from_json(b["counter"], "counter");
    } catch (const ConfigError& err) {
        throw Refusal(errc::invalid_value, err.what());
    }
    return apply(
        c.req,
        [&](Engine& e, Millis t) { return with_detail(e.upsert_counter(cc, c.ctx.nip, t), counter_to_json(cc)); },
        [&](const Effect&) -> Reply {
            return {{"counter", views::counter(*engine_, *engine_->find_counter(cc.number), c.audience)}};
        });
}

}  // namespace antre
