// antre-sim: replays a synthetic (or learned) office day through the real queue
// engine with a simulated clock and reports waits and how well the printed waits
// came true (docs/queue.md "Simulator"). The one file of antre-sim with CLI11.
#include <iostream>
#include <string>
#include <vector>

#include "antre/calendar.hpp"
#include "antre/command_line.hpp"
#include "antre/config.hpp"
#include "history.hpp"
#include "run.hpp"

int main(int argc, char** argv) {
    using namespace antre;
    CLI::App app(
        "Simulates an office day through the real queue engine: waits per service against the "
        "service standard, and the calibration of the estimated waits.",
        "antre-sim");
    app.footer("Exit status: 0 done, 1 failed (a bad config or database), 2 usage.");
    std::string config_path = "config/sorong.json";
    std::uint64_t seed = 1;
    double arrivals = 500;
    std::string date = "2026-12-07";
    std::string policy = "config";
    int runs = 0;
    bool json = false;
    std::string history_db, month;
    std::vector<std::string> add_counters;
    app.add_option("--config", config_path, "the office: services, counters, call policy")->capture_default_str();
    app.add_option("--seed", seed, "seed of the random day (the same seed gives the same report)")
        ->capture_default_str()
        ->check(command_line::whole(0));
    app.add_option("--arrivals", arrivals, "expected citizens over the day (synthetic day)")
        ->capture_default_str()
        ->check(command_line::whole(1, 100000));
    auto* date_opt = app.add_option("--date", date, "the office day simulated, YYYY-MM-DD (its weekday and hours)")
                         ->capture_default_str();
    app.add_option("--policy", policy, "call policy: config, urgency, strict (priority-first) or interleave:N")
        ->capture_default_str();
    app.add_option("--runs", runs, "days simulated and pooled (default 1; 20 with --add-counter)")
        ->check(command_line::whole(1, 1000));
    app.add_flag("--json", json, "print the report as JSON");
    auto* hist = app.add_option("--from-history", history_db, "learn the day from this office database (read-only)");
    auto* month_opt = app.add_option("--month", month, "the month of history to learn from, YYYY-MM");
    hist->needs(month_opt);
    month_opt->needs(hist);
    app.add_option("--add-counter", add_counters,
                   "what if one more counter served SERVICE[,SERVICE...] on DAY (e.g. KTP@Mon): waits before and after")
        ->type_name("SERVICES@DAY");
    if (auto status = command_line::parse(app, argc, argv)) return *status;

    try {
        OfficeConfig office = load_config(config_path);
        sim::apply_policy(office, policy);
        const OfficeCalendar calendar(office.time_zone);
        try {
            calendar.day_start(date);
        } catch (const std::invalid_argument&) {
            std::cerr << "antre-sim: --date: expected YYYY-MM-DD, got \"" << date << "\"\n";
            return command_line::usage_status;
        }
        std::vector<sim::AddCounter> added;
        for (const auto& text : add_counters) added.push_back(sim::parse_add_counter(text, office));
        for (const auto& a : added) {
            if (a.weekday != added.front().weekday) throw std::invalid_argument("--add-counter: name one day for all");
            if (calendar.local(calendar.day_start(date)).weekday != a.weekday) {
                if (date_opt->count() > 0)
                    throw std::invalid_argument("--add-counter " + a.text + ": --date " + date + " is another weekday");
                date = sim::next_weekday(date, a.weekday, office.time_zone);
            }
        }
        const int weekday = calendar.local(calendar.day_start(date)).weekday;
        const sim::DayModel model = history_db.empty()
                                        ? sim::synthetic_model(office, weekday, arrivals)
                                        : sim::read_history(history_db, month, office).model_for(office, weekday);
        if (runs == 0) runs = added.empty() ? 1 : 20;
        if (added.empty()) {
            const sim::Report report = sim::run_days(office, model, date, seed, runs);
            std::cout << (json ? sim::to_json(report).dump(2) + "\n" : sim::to_text(report));
            return 0;
        }
        const sim::WhatIf w = sim::what_if(office, model, added, date, seed, runs);
        std::cout << (json ? sim::compare_json(w.before, w.after, w.change).dump(2) + "\n"
                           : sim::compare_text(w.before, w.after, w.change));
        return 0;
    } catch (const std::invalid_argument& e) {
        std::cerr << "antre-sim: " << e.what() << "\n";
        return command_line::usage_status;
    } catch (const ConfigError& e) {
        std::cerr << "antre-sim: " << config_path << ": " << (e.field().empty() ? "" : e.field() + ": ") << e.what()
                  << "\n";
        return 1;
    } catch (const std::exception& e) {
        std::cerr << "antre-sim: " << e.what() << "\n";
        return 1;
    }
}
