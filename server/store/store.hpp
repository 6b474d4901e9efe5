// The durable store: one SQLite file in WAL mode with synchronous=FULL. Every
// Effect of the engine is written in one transaction (events appended, current
// state updated) and committed before anyone is told about it.
#pragma once

#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "antre/domain.hpp"
#include "booking_store.hpp"
#include "fatal_error.hpp"
#include "learned_holds.hpp"
#include "metrics.hpp"
#include "records.hpp"

namespace antre {

namespace sql {
class Database;
}

/// An officer (petugas/ASN) as stored; the PIN only as an argon2id hash.
struct OfficerRecord {
    std::string nip;
    std::string name;
    OfficerRole role = OfficerRole::officer;
    std::string pin_hash;
    bool active = true;
};

/// A log-in token handed to a client so it can reconnect without the PIN.
struct TokenRecord {
    std::string nip;
    int counter = 0;
    Millis expires_at = 0;
};

/// The answer to a request that carried a "key", kept so that a retry is answered,
/// not applied again, also after a restart.
struct KeyedAnswer {
    std::string key;     ///< who asked and what: role|nip|counter|op|key
    std::string answer;  ///< the reply's fields (without id and ok), as JSON text
};

/// A change to the log-in records that is committed in a batch's transaction, after
/// the batch's effects (Store::apply): a write the batch's answers depend on is on disk
/// exactly when they are.
struct AccountWrite {
    enum class Kind { save_officer, save_token, delete_tokens };
    Kind kind = Kind::save_token;
    OfficerRecord officer{};   ///< save_officer: the record as it becomes
    std::string event_type{};  ///< save_officer: officer_created or officer_updated
    std::string actor{};       ///< save_officer: who made the change
    Millis at = 0;             ///< save_officer: when
    std::string day{};         ///< save_officer: the office day
    std::string token_hash{};  ///< save_token
    TokenRecord token{};       ///< save_token
    std::string nip{};         ///< delete_tokens: every token of this officer
};

/// A survey's saran/pengaduan and the manager's answer to it.
struct SurveyNote {
    std::int64_t seq = 0;  ///< the survey_submitted event's sequence number: the note's id
    std::string day;
    Millis at = 0;
    std::string service;
    std::string text;
    std::optional<std::string> reply;
    std::string replied_by;  ///< the manager's NIP; "" without an answer
    std::optional<Millis> replied_at;
};

/// The saran/pengaduan of a period, counted: all of them, and those answered.
struct SurveyNoteCounts {
    int total = 0;
    int answered = 0;
};

/// One officer's work on one office day, from the event log.
struct OfficerDay {
    int served = 0;
    int no_shows = 0;
    int transfers = 0;
    /// (service code, service time in ms) of each ticket the officer finished.
    std::vector<std::pair<std::string, Millis>> service_times;
};

/// Where the events of a closed day are read from: its digest where one is kept
/// (day_digest.hpp), or the event log and the tickets row by row. Both give the same.
enum class EventSource { digests, log };

/// The metrics' events whose office day is in [from_day, to_day], in seq order;
/// calls carry labels and shown estimates, finishes labels and the finished leg's call
/// and start. Works on any connection to the file.
std::vector<metrics::LoggedEvent> read_events_between(sql::Database& db, const std::string& from_day,
                                                      const std::string& to_day,
                                                      EventSource source = EventSource::digests);

/// The same events handed to `visit` one at a time and not kept (a year is about two
/// million); the object passed is reused between calls. Returns how many.
std::size_t for_each_event_between(sql::Database& db, const std::string& from_day, const std::string& to_day,
                                   const std::function<void(const metrics::LoggedEvent&)>& visit,
                                   EventSource source = EventSource::digests);

/// A second, read-only use of the store's file for reports, on a thread of its own:
/// WAL lets it read committed data while the server goes on writing.
class EventReader {
public:
    explicit EventReader(const std::string& path);
    ~EventReader();
    std::size_t for_each_between(const std::string& from_day, const std::string& to_day,
                                 const std::function<void(const metrics::LoggedEvent&)>& visit);

private:
    std::unique_ptr<sql::Database> db_;
};

class Store {
public:
    /// Opens or creates the database and brings its schema to the current version.
    explicit Store(const std::string& path);
    ~Store();

    /// The schema version this build writes (PRAGMA user_version).
    static int schema_version();
    /// True when the database holds no office yet (a first start).
    bool is_new() const;
    /// Everything the engine needs to continue where it stopped.
    EngineState load();
    /// The bookings from office day `from_day` on, and the closed days and sessions.
    BookingState load_bookings(const std::string& from_day);
    /// The bookings of office days `from_day` to `to_day` with their check-in tickets.
    std::vector<booking_report::Fact> booking_facts(const std::string& from_day, const std::string& to_day);
    /// How many bookings of `day` ("" = every day) have `status` (kept after erasure).
    int booking_count(const std::string& day, BookingStatus status);
    /// Writes the effect's events and the records it carries in one committed transaction;
    /// returns the events' sequence numbers. Throws sql::Error and writes nothing when
    /// the commit fails and may be tried again (the disk full, read-only or locked). A
    /// file that was read-only is opened afresh before each try.
    /// Throws FatalError, now and on every later write, when what is on disk is in
    /// doubt: a write, fsync or truncate failed (sql::Error::io_failure), or the file
    /// or its -wal is no longer the one opened (deleted or replaced; what the server
    /// held is rescued first, see docs/architecture.md "When a commit fails").
    std::vector<std::int64_t> apply(const Effect& effect);
    /// The same for several effects, in order, in one transaction (group commit), with
    /// the answers to the keyed requests among them and the log-in records they wrote
    /// (in order, after the effects): the file ends exactly as if each had been
    /// committed on its own. The sequence numbers are those of the effects' events.
    std::vector<std::int64_t> apply(const std::vector<Effect>& effects, const std::vector<KeyedAnswer>& answers = {},
                                    const std::vector<AccountWrite>& accounts = {});

    /// How many keyed answers are kept: the latest, whatever their day.
    static constexpr std::size_t answers_kept = 4096;
    /// The older ones are deleted this many at a time: the table holds between
    /// answers_kept and answers_kept + answers_pruned_together (and a batch).
    static constexpr std::size_t answers_pruned_together = 1024;
    /// The kept keyed answers, oldest first.
    std::vector<KeyedAnswer> keyed_answers();

    std::optional<OfficerRecord> find_officer(const std::string& nip);
    std::vector<OfficerRecord> officers();
    /// Inserts or replaces an officer, with an audit event by `actor`, in one transaction.
    void save_officer(const OfficerRecord& officer, const std::string& event_type, const std::string& actor, Millis now,
                      const std::string& day);

    void save_token(const std::string& token_hash, const TokenRecord& token);
    std::optional<TokenRecord> find_token(const std::string& token_hash);
    void delete_tokens(const std::string& nip);
    /// Removes one token by its digest (a log-out).
    void delete_token(const std::string& token_hash);

    /// What the officer finished, marked no-show and transferred on `day`.
    OfficerDay officer_day(const std::string& nip, const std::string& day);

    /// Events in sequence order after `after_seq`, at most `limit`, as stored.
    std::vector<std::pair<std::int64_t, Event>> events(std::int64_t after_seq, int limit);

    /// Events of the given types (plain names) whose office day is in [from_day,
    /// to_day], in sequence order after `after_seq`, at most `limit`.
    std::vector<std::pair<std::int64_t, Event>> events_of_types(const std::vector<std::string>& types,
                                                                const std::string& from_day, const std::string& to_day,
                                                                std::int64_t after_seq, int limit);

    /// The metrics' events whose office day is in [from_day, to_day], in seq order, joined as above.
    std::vector<metrics::LoggedEvent> events_between(const std::string& from_day, const std::string& to_day);
    /// The done tickets of office days [from_day, to_day] (finished_legs()), on the
    /// store's own connection: for a store with no second connection (reader_path()).
    std::vector<FinishedLeg> finished_legs(const std::string& from_day, const std::string& to_day);
    /// The same, one event at a time (for_each_event_between).
    std::size_t for_each_event(const std::string& from_day, const std::string& to_day,
                               const std::function<void(const metrics::LoggedEvent&)>& visit,
                               EventSource source = EventSource::digests);
    /// The saran/pengaduan of the surveys whose office day is in [from_day, to_day],
    /// newest first, after `before_seq` going back (0: from the newest), at most
    /// `limit`; only those without an answer when `open_only` (survey_notes.cpp).
    std::vector<SurveyNote> survey_notes(const std::string& from_day, const std::string& to_day, bool open_only,
                                         std::int64_t before_seq, int limit);
    /// The saran/pengaduan of office days [from_day, to_day] left with a survey of
    /// `service` (of any, "" included, when `service` is ""), oldest first, at most
    /// `limit`: the list the SKM report prints (survey_notes.cpp).
    std::vector<SurveyNote> period_notes(const std::string& from_day, const std::string& to_day,
                                         const std::string& service, int limit);
    /// How many notes period_notes() has in all, and how many of them are answered.
    SurveyNoteCounts count_period_notes(const std::string& from_day, const std::string& to_day,
                                        const std::string& service);
    /// One note by the sequence number of its survey_submitted event.
    std::optional<SurveyNote> find_survey_note(std::int64_t seq);

    /// The file an EventReader can open beside this store; "" for an in-memory database.
    std::string reader_path() const { return path_ == ":memory:" ? std::string() : path_; }

private:
    struct Statements;
    /// A file's identity (device, inode), to notice it deleted or replaced.
    using FileId = std::pair<unsigned long long, unsigned long long>;
    void open();
    void reopen();
    void migrate();
    std::vector<std::int64_t> write(const std::vector<Effect>& effects, const std::vector<KeyedAnswer>& answers,
                                    const std::vector<AccountWrite>& accounts);
    /// An officer's row and its audit event, inside the caller's transaction.
    void insert_officer(const OfficerRecord& officer, const std::string& event_type, const std::string& actor,
                        Millis now, const std::string& day);
    void write_answers(const std::vector<KeyedAnswer>& answers);
    /// The note of a survey_submitted event (stored as `seq`), or the answer a
    /// survey_replied event records; nothing for other events.
    void write_survey_note(const Effect& fx, const Event& e, std::int64_t seq);
    void write_officer(const OfficerRecord& officer, const std::string& event_type, const std::string& actor,
                       Millis now, const std::string& day);
    void write_token(const std::string& token_hash, const TokenRecord& token);
    std::int64_t insert_event(const Event& e);
    /// Runs a write; an I/O failure in it makes the store fail (below).
    void guarded(const std::function<void()>& write);
    /// Notes which files the connection has open.
    void remember_files();
    /// Fails when the file or its -wal is not the one opened, after rescuing what the
    /// connection still holds.
    void check_files();
    std::string rescue_copy();
    /// Leaves the -wal as it is at close, and throws FatalError(why) now and at every
    /// later write.
    [[noreturn]] void fail(const std::string& why);

    std::string path_;
    std::unique_ptr<sql::Database> db_;
    std::unique_ptr<Statements> st_;
    std::optional<FileId> db_file_, wal_file_;
    std::string failed_;      // why the store failed; empty while it works
    std::string newest_day_;  // the latest office day of an event written
};

}  // namespace antre
