// Every `antre` command and option, declared once for CLI11: the parser checks
// them (names, required ones, numbers in range, known priorities and roles) and
// writes each command's --help from the same declarations.
#include "cli_options.hpp"

#include <algorithm>
#include <cctype>

#include <CLI/CLI.hpp>

#include "antre/command_line.hpp"
#include "antre/domain.hpp"
#include "antre/ids.hpp"
#include "antre/protocol.hpp"

namespace antre::cli {

std::string Cli::word(std::size_t i, const char* what) const {
    if (i >= words.size()) throw UsageError(std::string("missing ") + what);
    return words[i];
}

std::optional<std::string> Cli::flag(const std::string& name) const {
    auto it = flags.find(name);
    return it == flags.end() ? std::nullopt : std::optional(it->second);
}

std::string Cli::need(const std::string& name) const {
    if (auto v = flag(name)) return *v;
    throw UsageError("missing --" + name);
}

std::optional<std::string> Cli::nip_flag(const std::string& name) const {
    auto v = flag(name);
    if (v && !valid_nip(*v)) throw UsageError("--" + name + ": " + nip_rule);
    return v;
}

std::string Cli::need_nip(const std::string& name) const {
    if (auto v = nip_flag(name)) return *v;
    throw UsageError("missing --" + name);
}

int Cli::counter() const { return std::stoi(need("counter")); }

namespace {

using command_line::whole;

const char* const citizens = "Citizens and boards (no log-in)";
const char* const officers = "Counter officers (log in once per counter; the token is kept in ~/.config/antre)";
const char* const staff = "Managers and administrators (log in with: antre login --role manager|admin --nip NIP)";
const char* const feedback = "Citizens' feedback (as a kiosk; normally the kiosk program does this)";

// A value that the domain's own table of names knows (one list, in shared/domain.cpp).
template <typename Parse>
CLI::Validator known(const std::string& what, Parse parse, const std::string& names) {
    return CLI::Validator(
        [what, parse, names](std::string& text) -> std::string {
            return parse(text) ? "" : "expected " + names + ", got \"" + text + "\"";
        },
        names, what);
}

const std::string priority_names = "lansia|disabilitas|ibu_hamil|anak";

CLI::Validator priority_check() {
    return known(
        "priority", [](const std::string& s) { return parse_priority(s).has_value(); }, "none|" + priority_names);
}

CLI::Validator staff_role_check() {
    return known(
        "role", [](const std::string& s) { return s == "manager" || s == "admin"; }, "manager|admin");
}

CLI::Validator officer_role_check() {
    return known(
        "role", [](const std::string& s) { return parse_officer_role(s).has_value(); }, "officer|manager|admin");
}

CLI::Validator date_check() {
    return CLI::Validator(
        [](std::string& text) -> std::string {
            const bool shape = text.size() == 10 && text[4] == '-' && text[7] == '-' &&
                               std::all_of(text.begin(), text.end(), [](char c) {
                                   return c == '-' || std::isdigit(static_cast<unsigned char>(c));
                               });
            return shape ? "" : "expected a date YYYY-MM-DD, got \"" + text + "\"";
        },
        "YYYY-MM-DD", "date");
}

CLI::App* command(CLI::App& app, const std::string& name, const std::string& what, const char* group) {
    CLI::App* c = app.add_subcommand(name, what);
    c->group(group);
    return c;
}

void counter_option(CLI::App* c, bool required = true) {
    auto* o = c->add_option("--counter", "the counter (loket) number, 1-999")->check(whole(1, 999));
    if (required) o->required();
}

// A manager's or administrator's command: a saved log-in, or these for this command alone.
void staff_options(CLI::App* c, bool with_nip = true) {
    if (with_nip) c->add_option("--nip", "log in for this command alone as this NIP (else the saved log-in)");
    c->add_option("--role", "with --nip: the role to log in as (default admin)")->check(staff_role_check());
    c->add_option("--pin", "with --nip: the PIN (else ANTRE_PIN, else asked)");
}

void period_options(CLI::App* c, bool required) {
    auto* from = c->add_option("--from", "first office day")->check(date_check());
    auto* to = c->add_option("--to", "last office day")->check(date_check());
    if (required) {
        from->required();
        to->required();
    }
}

// Figures read from antre-hub instead of this office's server (docs/hub.md).
void hub_options(CLI::App* c, bool required = false) {
    auto* hub =
        c->add_option("--hub", "read the figures from antre-hub at tcp://HOST:PORT or tls://HOST:PORT (or ANTRE_HUB)")
            ->envname("ANTRE_HUB");
    if (required) hub->required();
    c->add_option("--office", "with --hub: the office id, or several separated by commas (default: every office)");
    c->add_option("--reader", "with --hub: the reader id (antre-hub reader-add; or ANTRE_HUB_READER)")
        ->envname("ANTRE_HUB_READER");
    c->add_option("--secret-file", "with --hub: the file holding the reader's secret (or ANTRE_HUB_SECRET_FILE)")
        ->envname("ANTRE_HUB_SECRET_FILE");
    c->add_option("--hub-tls-ca",
                  "with a tls:// --hub: the CA file (PEM) the hub's certificate must chain to (default: the system's; "
                  "or ANTRE_HUB_TLS_CA)")
        ->envname("ANTRE_HUB_TLS_CA");
}

void format_option(CLI::App* c, const std::string& formats) {
    c->add_option("--format")
        ->description("output: " + formats + " (default table; json with --json)")
        ->check(known(
            "format",
            [formats](const std::string& s) { return ("|" + formats + "|").find("|" + s + "|") != std::string::npos; },
            formats));
}

void declare(CLI::App& app, Cli& cli) {
    app.description("antre: the command-line client of the Antre queue server");
    app.add_option("--host", cli.host, "the server's address (or ANTRE_HOST)")
        ->envname("ANTRE_HOST")
        ->capture_default_str();
    app.add_option("--port", cli.port, "the server's port (or ANTRE_PORT)")
        ->envname("ANTRE_PORT")
        ->check(command_line::port())
        ->capture_default_str();
    app.add_flag("--tls", cli.tls, "talk TLS to a server started with --tls-cert/--tls-key (or ANTRE_TLS=1)")
        ->envname("ANTRE_TLS");
    app.add_option("--tls-ca", cli.tls_ca,
                   "the certificate the server's must chain to; implies --tls (or ANTRE_TLS_CA)")
        ->envname("ANTRE_TLS_CA");
    app.add_flag("--json", cli.as_json, "print the server's reply as JSON, for scripts");
    app.require_subcommand(1);
    // The options above may also follow the command: `antre status --port 7500`.
    app.fallthrough();
    app.footer(
        "Each command has its own --help, e.g. antre report --help.\n"
        "Exit status: 0 done, 1 refused by the server, 2 usage, 3 server unreachable.");

    auto* issue = command(app, "issue", "take a ticket for SERVICE", citizens);
    issue->add_option("SERVICE", "the service code, e.g. KTP")->required();
    issue->add_option("--priority")->description("a priority group: " + priority_names)->check(priority_check());
    command(app, "status", "queues and counters now", citizens);
    command(app, "ticket", "one of today's tickets", citizens)->add_option("LABEL", "e.g. A-001")->required();
    command(app, "watch", "print events as they come (snapshot first)", citizens)
        ->add_option("--count", "stop after this many")
        ->check(whole(0));

    auto* login = command(app, "login", "log in at a counter, or as a manager or administrator", officers);
    login->add_option("--nip", "the officer's NIP")->required();
    auto* at = login->add_option("--counter", "log in at this counter (1-999)")->check(whole(1, 999));
    login->add_option("--role", "manager|admin without --counter (default admin)")
        ->check(staff_role_check())
        ->excludes(at);
    login->add_option("--pin", "the PIN (else ANTRE_PIN, else asked)");
    counter_option(command(app, "logout", "log out and close the counter", officers));
    for (const auto& [name, what] :
         std::initializer_list<std::pair<const char*, const char*>>{{"call-next", "call the next ticket"},
                                                                    {"recall", "call the active ticket again"},
                                                                    {"start", "mark the start of service"},
                                                                    {"finish", "finish the active ticket"},
                                                                    {"no-show", "the called citizen did not come"},
                                                                    {"resume", "end a pause"},
                                                                    {"my-day", "the officer's own figures for today"}})
        counter_option(command(app, name, what, officers));
    auto* call = command(app, "call", "call a particular waiting ticket", officers);
    call->add_option("LABEL", "e.g. A-007")->required();
    counter_option(call);
    auto* transfer = command(app, "transfer", "send the active ticket to SERVICE, keeping its number", officers);
    transfer->add_option("SERVICE", "the service code")->required();
    counter_option(transfer);
    auto* pause = command(app, "pause", "pause the counter (istirahat)", officers);
    counter_option(pause);
    pause->add_option("--reason", "why, shown on the board");
    auto* cancel = command(app, "cancel", "cancel a ticket (at a counter, or as a manager)", officers);
    cancel->add_option("LABEL", "e.g. A-007")->required();
    cancel->add_option("--reason", "why");
    counter_option(cancel, false);
    staff_options(cancel);
    auto* priority = command(app, "priority", "correct a ticket's priority group", officers);
    priority->add_option("LABEL", "e.g. A-007")->required();
    priority->add_option("PRIORITY")->description("none|" + priority_names)->required()->check(priority_check());
    counter_option(priority, false);
    staff_options(priority);

    staff_options(command(app, "officers", "list the officers", staff));
    auto* officer = command(app, "officer", "add or change an officer (administrators)", staff);
    officer->require_subcommand(1);
    auto* add = officer->add_subcommand("add", "add an officer");
    add->add_option("--nip", "the new officer's NIP")->required();
    add->add_option("--name", "the officer's name")->required();
    add->add_option("--role", "officer|manager|admin (default officer)")->check(officer_role_check());
    add->add_option("--pin", "the new officer's PIN (else ANTRE_PIN, else asked)");
    auto* set = officer->add_subcommand("set", "change an officer: only the options given change");
    set->add_option("--nip", "the officer's NIP")->required();
    set->add_option("--name", "a new name");
    set->add_option("--role", "officer|manager|admin")->check(officer_role_check());
    set->add_option("--pin", "a new PIN");
    set->add_option("--active", "true|false")->check(CLI::IsMember({"true", "false"}));

    auto* service = command(app, "service", "open, close or define a service", staff);
    service->require_subcommand(1);
    for (const auto& [name, what] : std::initializer_list<std::pair<const char*, const char*>>{
             {"close", "close a service for today's new tickets"}, {"open", "open a closed service again"}}) {
        auto* s = service->add_subcommand(name, what);
        s->add_option("CODE", "the service code")->required();
        staff_options(s);
    }
    auto* service_set = service->add_subcommand("set", "add or change a service from a JSON file (docs/protocol.md)");
    service_set->add_option("FILE", "FILE.json")->required();
    staff_options(service_set);
    auto* counter = command(app, "counter", "define or close a counter", staff);
    counter->require_subcommand(1);
    auto* counter_set = counter->add_subcommand("set", "add or change a counter from a JSON file (docs/protocol.md)");
    counter_set->add_option("FILE", "FILE.json")->required();
    staff_options(counter_set);
    auto* counter_close = counter->add_subcommand("close", "close a counter, logging its officer out");
    counter_close->add_option("N", "the counter number, 1-999")->required()->check(whole(1, 999));
    staff_options(counter_close);

    auto* events = command(app, "events", "the event log, oldest first", staff);
    events->add_option("--after", "only events after this sequence number")->check(whole(0));
    events->add_option("--limit", "at most this many (1-1000, default 100)")->check(whole(1, 1000));
    staff_options(events);
    auto* report = command(app, "report", "queue figures over office days (docs/metrics.md)", staff);
    report->add_option("--by", "officer|service|counter|day|hour|office")->required();
    period_options(report, true);
    format_option(report, "table|csv|json");
    staff_options(report);
    hub_options(report);
    auto* ikm = command(app, "ikm", "the SKM survey's NRR per unsur, IKM and grade", staff);
    period_options(ikm, true);
    ikm->add_option("--service", "one service only");
    ikm->add_option("--pdf", "write the SKM report as an A4 PDF to this file (PermenPANRB 14/2017 layout)");
    format_option(ikm, "table|csv|json");
    staff_options(ikm);
    hub_options(ikm);
    auto* sheet = command(app, "sheet", "one officer's figures beside the service standard", staff);
    sheet->add_option("--officer", "the officer's NIP")->required();
    period_options(sheet, true);
    format_option(sheet, "table|json");
    staff_options(sheet);
    hub_options(sheet);
    auto* ranking = command(app, "ranking", "offices ranked by share within standard or IKM (antre-hub)", staff);
    ranking->add_option("--by", "wait_within|service_within|ikm")
        ->required()
        ->check(CLI::IsMember({"wait_within", "service_within", "ikm"}));
    period_options(ranking, true);
    format_option(ranking, "table|json");
    hub_options(ranking, true);
    auto* booking_report =
        command(app, "booking-report", "online bookings over office days: came, missed, called in session", staff);
    booking_report->add_option("--by", "day|service (default day)")->check(CLI::IsMember({"day", "service"}));
    period_options(booking_report, true);
    format_option(booking_report, "table|csv|json");
    staff_options(booking_report);
    auto* audit = command(app, "audit", "administrative changes and who made them", staff);
    period_options(audit, false);
    staff_options(audit);

    auto* rate = command(app, "rate", "a citizen's rating after service", feedback);
    rate->add_option("LABEL", "the ticket, e.g. A-001")->required();
    rate->add_option("RATING", "4 Sangat Puas, 3 Puas, 2 Kurang Puas, 1 Tidak Puas")->required()->check(whole(1, 4));
    counter_option(rate, false);
    auto* survey = command(app, "survey", "one SKM survey: nine answers 1-4", feedback);
    survey->add_option("ANSWERS", "A1,A2,...,A9, e.g. 4,3,4,4,3,3,4,4,3")->required();
    survey->add_option("--service", "the service the citizen used");
    survey->add_option("--jenis-kelamin", "L or P");
    survey->add_option("--umur", "<20, 20-29, 30-39, 40-49, 50-59 or 60+");
    survey->add_option("--pendidikan", "SD, SMP, SMA, D, S1, S2 or S3");
    survey->add_option("--pekerjaan", "PNS, TNI, POLRI, SWASTA, WIRAUSAHA or LAINNYA");
    survey->add_option("--saran", "a suggestion or complaint, at most 1000 characters");
}

// The chosen command's path and values, in the shape the commands read.
void collect(const CLI::App& app, Cli& cli) {
    const CLI::App* at = &app;
    while (!at->get_subcommands().empty()) {
        at = at->get_subcommands().front();
        cli.words.push_back(at->get_name());
        for (const CLI::Option* o : at->get_options()) {
            if (o == at->get_help_ptr() || o->count() == 0) continue;
            if (o->get_positional()) {
                for (const auto& r : o->results()) cli.words.push_back(r);
            } else {
                cli.flags[o->get_lnames().front()] = o->results().back();
            }
        }
    }
}

}  // namespace

std::variant<Cli, int> read_command_line(int argc, char** argv) {
    Cli cli;
    cli.port = protocol::default_port;
    CLI::App app{"", "antre"};
    declare(app, cli);
    command_line::name_values(app);
    if (auto status = command_line::parse(app, argc, argv)) return *status;
    collect(app, cli);
    if (!cli.tls_ca.empty()) cli.tls = true;
    return cli;
}

}  // namespace antre::cli
