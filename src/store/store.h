// The Store is sokuo's only way to durable state. Design note:
//
// Every journaled table is a set of rows keyed by a text id, and every row is a flat JSON object
// of its columns ("row image"). A write transaction changes rows through Tx::Put/Tx::Remove and
// then describes the change with Tx::Append, which writes one journal entry carrying the full
// image of every row changed since the previous entry. Commit refuses a transaction that changed
// rows without journaling them, so no change can bypass the journal.
//
// The journal is therefore both the work record (G4.4.3) and a replayable log: replaying the row
// images of all entries gives exactly the current content of every journaled table. `Verify`
// checks the hash chain and that replay, so any edit made outside sokuo — to a journal entry or
// to a row — is found and named. Implementations (SQLite now, PostgreSQL later) provide only
// row storage; hashing, replay, a transaction's journaling and the domain mapping are shared
// (journal.h, journaled_tx.h, org_rows.h).
#pragma once

#include <functional>
#include <map>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "base/error.h"
#include "base/time.h"

namespace sokuo::store {

using Row = nlohmann::json;                // flat object: column → string, integer or null
using Table = std::map<std::string, Row>;  // id → row
using Tables = std::map<std::string, Table>;

struct RowChange {
  std::string table;
  std::string id;
  std::optional<Row> row;  // nullopt: the row was removed
  bool created = false;    // set by Diff: the row did not exist before
  // The RowHash of the image this change replaced or removed; "" when the row did not exist.
  // Set by the Store as it writes (journal.h, "prev"); nullopt in changes it did not write.
  std::optional<std::string> prev;
  friend bool operator==(const RowChange&, const RowChange&) = default;
};

struct JournalDraft {
  Timestamp at;
  std::string actor;                               // person id, "cli:<os user>", or "system"
  std::string action;                              // dotted verb: "org.import", "incident.report"
  std::string subject;                             // what it is about: "org", "INC-2026-0001"
  nlohmann::json body = nlohmann::json::object();  // what happened, beyond the row images
};

struct JournalEntry {
  int64_t seq = 0;
  std::string at;  // RFC 3339 UTC
  std::string actor;
  std::string action;
  std::string subject;
  std::string body;  // canonical JSON text; "changes" holds the row images
  std::string prev_hash;
  std::string hash;
};

struct JournalHead {
  int64_t seq = 0;   // 0 for an empty journal
  std::string hash;  // the genesis hash for an empty journal
};

struct VerifyReport {
  int64_t entries = 0;
  JournalHead head;
  std::optional<int64_t> first_bad_seq;    // the first entry that no longer verifies
  std::vector<Message> problems;           // every discrepancy found, in order (journal.* codes)
  int64_t evidence_files = 0;              // evidence files checked (app::JournalService)
  int64_t checkpoints = 0;                 // checkpoint entries whose recorded state was checked
  std::optional<int64_t> from_checkpoint;  // VerifyFrom: the checkpoint it started from
  bool ok() const { return problems.empty(); }
};

struct JournalQuery {
  int64_t after_seq = 0;
  size_t limit = 100;
  std::string subject;  // empty: any
};

struct IncidentQuery;  // store/incident_query.h
struct AlertQuery;     // store/alert_query.h
struct RowPage;        // store/row_page.h

// One write transaction. Not thread-safe; lives only inside Store::Write.
class Tx {
 public:
  virtual ~Tx() = default;
  [[nodiscard]] virtual Result<Table> Read(const std::string& table) = 0;
  // The rows whose `column` equals `value` (a string or an integer).
  [[nodiscard]] virtual Result<Table> ReadWhere(const std::string& table, const std::string& column,
                                                const Row& value) = 0;
  // The rows whose `column` equals any of `values`: in one statement where a statement costs a
  // round trip (PostgreSQL), else by ReadWhere each.
  [[nodiscard]] virtual Result<Table> ReadWhereAny(const std::string& table,
                                                   const std::string& column,
                                                   const std::vector<std::string>& values) {
    Table rows;
    for (const std::string& value : values) {
      ASSIGN_OR_RETURN(Table found, ReadWhere(table, column, value));
      rows.merge(found);
    }
    return rows;
  }
  [[nodiscard]] virtual Result<void> Put(const std::string& table, const std::string& id,
                                         const Row& row) = 0;
  // Put of a row that is not there yet (an id just made): nothing is read first, and the write
  // is refused (kConflict) if the row is there after all.
  [[nodiscard]] virtual Result<void> Add(const std::string& table, const std::string& id,
                                         const Row& row) = 0;
  [[nodiscard]] virtual Result<void> Remove(const std::string& table, const std::string& id) = 0;
  // Rows of the private tables (tables.h), which the journal does not record.
  [[nodiscard]] virtual Result<void> PutPrivate(const std::string& table, const std::string& id,
                                                const Row& row) = 0;
  [[nodiscard]] virtual Result<void> RemovePrivate(const std::string& table,
                                                   const std::string& column, const Row& value) = 0;
  // Writes one journal entry with every row change since the previous Append.
  [[nodiscard]] virtual Result<JournalEntry> Append(const JournalDraft& draft) = 0;
  // The largest integer `column` among the rows whose `where_column` equals `value`; 0 for none.
  [[nodiscard]] virtual Result<int64_t> Max(const std::string& table, const std::string& column,
                                            const std::string& where_column, const Row& value) = 0;
  // The journal head this transaction started from: the state its reads see, before its own
  // changes.
  virtual const JournalHead& Start() const = 0;
  // The hash of the newest journal entry that changed a row of any of `tables`, as this
  // transaction sees them ("" when none has since the store began recording it); nullopt when
  // this transaction has changed one of them and not yet journaled it, or the store cannot tell.
  // A copy of what those tables hold, made when they last changed, is current while this is
  // the same: a write that reads the organization keeps it across writes to other tables.
  [[nodiscard]] virtual Result<std::optional<std::string>> LastChange(
      std::span<const std::string> tables) {
    (void)tables;
    return std::optional<std::string>();
  }
};

// Thread-safe: implementations serialize access as they need to.
class Store {
 public:
  virtual ~Store() = default;
  // Runs `work` in one transaction; commits when it succeeds and every change is journaled,
  // rolls back otherwise. Returns the error of `work` unchanged.
  [[nodiscard]] virtual Result<void> Write(const std::function<Result<void>(Tx&)>& work) = 0;
  [[nodiscard]] virtual Result<Table> Read(const std::string& table) = 0;
  [[nodiscard]] virtual Result<Table> ReadWhere(const std::string& table, const std::string& column,
                                                const Row& value) = 0;
  // The first `limit` rows whose `column` equals `value`, by `order` (a column) and then id: a
  // queue's oldest, without reading the rest where an index on (`column`, `order`) answers it.
  // The default reads every matching row.
  [[nodiscard]] virtual Result<std::vector<Row>> ReadFirst(const std::string& table,
                                                           const std::string& column,
                                                           const Row& value,
                                                           const std::string& order, size_t limit) {
    ASSIGN_OR_RETURN(Table rows, ReadWhere(table, column, value));
    std::vector<Row> out;
    out.reserve(rows.size());
    for (auto& [id, row] : rows) out.push_back(std::move(row));
    auto key = [&](const Row& r) { return std::pair(r.value(order, Row()), r.value("id", "")); };
    std::stable_sort(out.begin(), out.end(),
                     [&](const Row& a, const Row& b) { return key(a) < key(b); });
    if (out.size() > limit) out.resize(limit);
    return out;
  }
  [[nodiscard]] virtual Result<std::vector<JournalEntry>> ReadJournal(const JournalQuery& q) = 0;
  [[nodiscard]] virtual Result<JournalHead> Head() = 0;
  // The head as Head() last read it, while that is still as new as Head() would answer (no
  // commit has ended since and it is fresh); nullopt otherwise. Never waits for a read or a
  // write: for a caller that must not block, which then asks Head() elsewhere.
  virtual std::optional<JournalHead> KnownHead() { return std::nullopt; }
  // Tx::LastChange as of the last commit. A store that cannot tell answers the head's hash,
  // which changes with every entry.
  [[nodiscard]] virtual Result<std::string> LastChange(std::span<const std::string> tables) {
    (void)tables;
    ASSIGN_OR_RETURN(JournalHead head, Head());
    return head.hash;
  }
  // true while the store takes no writes: a PostgreSQL standby not yet promoted, which answers
  // reads (a write there fails with store.read_only). SQLite always takes writes.
  [[nodiscard]] virtual Result<bool> ReadOnly() { return false; }
  // Calls `on_change` after each commit of this process that added to the journal and, where
  // the store hears of them, after other processes' (PostgreSQL: LISTEN/NOTIFY, from every
  // server over the database, but not at a standby, to which PostgreSQL sends none). It runs on
  // one of the store's threads and must return at once. SQLite does not hear another process
  // (the command line beside a server): who waits for changes also looks now and then. Replaces
  // the listener before; an empty function removes it, returning once no call is running.
  virtual void OnChange(std::function<void()> on_change) { (void)on_change; }
  // One page of incidents with the query's filters and need-to-know (store/incident_query.h).
  // The default reads and decodes every incident (ListIncidentsInMemory); a store answers it
  // with its own query where it can.
  [[nodiscard]] virtual Result<RowPage> ListIncidentRows(const IncidentQuery& q);
  // One page of alerts (store/alert_query.h); the default reads every alert (ListAlertsInMemory).
  [[nodiscard]] virtual Result<RowPage> ListAlertRows(const AlertQuery& q);
  // The whole journal from its first entry (journal.h): the chain, every checkpoint's recorded
  // state, and every row of every journaled table against the replay.
  [[nodiscard]] virtual Result<VerifyReport> Verify() = 0;
  // From the newest checkpoint at or before `seq` to the head: that checkpoint's hash, the chain
  // after it, every row the later entries changed, and the rest of the tables against the
  // checkpoint's state digest (docs/security.md says what this cannot prove). kNotFound when no
  // checkpoint is at or before `seq`. A store without checkpoints verifies everything.
  [[nodiscard]] virtual Result<VerifyReport> VerifyFrom(int64_t seq) {
    (void)seq;
    return Verify();
  }
};

}  // namespace sokuo::store
