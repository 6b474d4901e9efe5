#include "hub_protocol.hpp"

#include <nlohmann/json.hpp>

#include "password.hpp"

namespace antre::hub {

namespace {

using nlohmann::json;

json error(const json& id, const std::string& code, const std::string& message) {
    return {{"id", id}, {"ok", false}, {"error", {{"code", code}, {"message", message}}}};
}

ShippedEvent event_from(const json& j) {
    ShippedEvent e;
    e.seq = j.at("seq").get<std::int64_t>();
    e.event.at = j.at("at").get<std::int64_t>();
    e.event.day = j.at("day").get<std::string>();
    e.event.type = j.at("type").get<std::string>();
    if (j.contains("ticket") && !j.at("ticket").is_null()) e.event.ticket = j.at("ticket").get<TicketId>();
    e.event.service = j.value("service", "");
    e.event.counter = j.value("counter", 0);
    e.event.officer = j.value("officer", "");
    e.event.detail = j.value("detail", "");
    return e;
}

}  // namespace

OfficeConversation::OfficeConversation(std::function<std::unique_ptr<HubStore>()> connect)
    : connect_(std::move(connect)) {}

HubStore& OfficeConversation::store() {
    if (!store_) store_ = connect_();
    return *store_;
}

std::string OfficeConversation::handle(const std::string& line) {
    json id = nullptr;
    try {
        const json req = json::parse(line);
        if (!req.is_object()) return error(id, "bad_request", "a request is a JSON object").dump();
        id = req.value("id", json(nullptr));
        const std::string op = req.value("op", "");
        if (op == "hello") {
            const std::string office = req.value("office", "");
            const std::string secret = req.value("secret", "");
            const auto hash = store().secret_hash(office);
            // The same answer for an unknown office and a wrong secret.
            if (!hash || secret.empty() || secret.size() > 256 || !password::verify_pin(secret, *hash))
                return error(id, "unauthorized", "unknown office or wrong secret").dump();
            office_ = office;
            return json{{"id", id}, {"ok", true}, {"acked_seq", store().acked_seq(office)}}.dump();
        }
        if (!office_) return error(id, "unauthorized", "hello first").dump();
        if (op == "ship") {
            const auto& list = req.at("events");
            if (!list.is_array() || list.size() > max_batch_events)
                return error(id, "invalid_value",
                             "events must be an array of at most " + std::to_string(max_batch_events))
                    .dump();
            std::vector<ShippedEvent> events;
            events.reserve(list.size());
            for (const auto& j : list) events.push_back(event_from(j));
            const auto r = store().store_events(*office_, std::move(events));
            return json{{"id", id}, {"ok", true}, {"acked_seq", r.acked_seq}, {"stored", r.inserted}}.dump();
        }
        if (op == "state") {
            const auto& state = req.at("state");
            if (!state.is_object()) return error(id, "invalid_value", "state must be an object").dump();
            store().store_state(*office_, state.dump());
            return json{{"id", id}, {"ok", true}}.dump();
        }
        return error(id, "unknown_op", "unknown op \"" + op + "\"").dump();
    } catch (const pg::Error& e) {
        // PostgreSQL went away or refused: drop the connection to it, the office retries.
        store_.reset();
        return error(id, "unavailable", "the hub's database is unavailable").dump();
    } catch (const json::exception& e) {
        return error(id, "bad_request", e.what()).dump();
    } catch (const std::invalid_argument& e) {
        return error(id, "invalid_value", e.what()).dump();
    }
}

}  // namespace antre::hub
