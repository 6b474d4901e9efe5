#include "hub_protocol.hpp"

#include <chrono>

#include <nlohmann/json.hpp>

#include "hub_reports.hpp"
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

TicketFacts ticket_from(const json& j) {
    TicketFacts f;
    f.id = j.at("id").get<std::int64_t>();
    f.label = j.at("label").get<std::string>();
    auto opt = [&](const char* k) {
        return j.contains(k) && !j.at(k).is_null() ? std::optional<std::int64_t>(j.at(k).get<std::int64_t>())
                                                   : std::nullopt;
    };
    if (auto w = opt("estimated_wait_s")) f.estimated_wait_s = static_cast<int>(*w);
    f.called_at = opt("called_at");
    f.service_started_at = opt("service_started_at");
    f.estimated_call_from = opt("estimated_call_from");
    f.estimated_call_to = opt("estimated_call_to");
    return f;
}

Millis now_ms() {
    return std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::system_clock::now().time_since_epoch())
        .count();
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
        if (op == "hello" && req.contains("reader")) {
            // A reader: the people who evaluate offices read figures, never ship.
            const std::string reader = req.value("reader", "");
            const std::string secret = req.value("secret", "");
            const auto record = store().reader(reader);
            if (!record || secret.empty() || secret.size() > 256 || !password::verify_pin(secret, record->secret_hash))
                return error(id, "unauthorized", "unknown reader or wrong secret").dump();
            office_.reset();
            reader_ = record;
            Figures figures(store(), store().scope_of(*reader_), 0);
            return json{{"id", id}, {"ok", true}, {"offices", figures.readable()}}.dump();
        }
        if (op == "hello") {
            const std::string office = req.value("office", "");
            const std::string secret = req.value("secret", "");
            const auto hash = store().secret_hash(office);
            // The same answer for an unknown office and a wrong secret.
            if (!hash || secret.empty() || secret.size() > 256 || !password::verify_pin(secret, *hash))
                return error(id, "unauthorized", "unknown office or wrong secret").dump();
            office_ = office;
            reader_.reset();
            return json{{"id", id}, {"ok", true}, {"acked_seq", store().acked_seq(office)}}.dump();
        }
        if (reader_) {
            if (op == "ship" || op == "state") return error(id, "forbidden", "a reader does not ship").dump();
            Figures figures(store(), store().scope_of(*reader_), now_ms());
            json reply = figures.run(op, req);
            reply["id"] = id;
            reply["ok"] = true;
            return reply.dump();
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
            std::vector<TicketFacts> tickets;
            if (req.contains("tickets")) {
                const auto& facts = req.at("tickets");
                if (!facts.is_array() || facts.size() > max_batch_events)
                    return error(id, "invalid_value",
                                 "tickets must be an array of at most " + std::to_string(max_batch_events))
                        .dump();
                for (const auto& j : facts) tickets.push_back(ticket_from(j));
            }
            const auto as_of = req.value("tickets_as_of", std::int64_t{0});
            const auto r = store().store_events(*office_, std::move(events), tickets, as_of);
            return json{{"id", id}, {"ok", true}, {"acked_seq", r.acked_seq}, {"stored", r.inserted}}.dump();
        }
        if (op == "state") {
            const auto& state = req.at("state");
            if (!state.is_object()) return error(id, "invalid_value", "state must be an object").dump();
            const bool changed = store().store_state(*office_, state.dump());
            return json{{"id", id}, {"ok", true}, {"changed", changed}}.dump();
        }
        return error(id, "unknown_op", "unknown op \"" + op + "\"").dump();
    } catch (const Refused& e) {
        return error(id, e.code, e.what()).dump();
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
