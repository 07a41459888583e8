#include "store/migrations.h"

#include <string>

namespace sokuo::store {

// Append only: a released migration is never edited, because databases in the field have
// already applied it. Every journaled table has a text primary key `id` (store.h). Never add a
// column to a journaled table: journal entries hold whole row images and would no longer match
// the rows they wrote; put new data in a new table instead.

constexpr const char* kMigration1 = R"sql(
CREATE TABLE journal (
  seq INTEGER PRIMARY KEY,
  at TEXT NOT NULL,
  actor TEXT NOT NULL,
  action TEXT NOT NULL,
  subject TEXT NOT NULL,
  body TEXT NOT NULL,
  prev_hash TEXT NOT NULL,
  hash TEXT NOT NULL UNIQUE
);
CREATE INDEX journal_subject ON journal(subject, seq);

CREATE TABLE company (
  id TEXT PRIMARY KEY CHECK (id = 'company'),
  name TEXT NOT NULL,
  name_en TEXT NOT NULL,
  time_zone TEXT NOT NULL
);
CREATE TABLE holidays (
  id TEXT PRIMARY KEY,
  position INTEGER NOT NULL,
  name TEXT NOT NULL
);
CREATE TABLE departments (
  id TEXT PRIMARY KEY,
  position INTEGER NOT NULL,
  name TEXT NOT NULL,
  name_en TEXT NOT NULL,
  kind TEXT NOT NULL,
  head TEXT REFERENCES people(id) DEFERRABLE INITIALLY DEFERRED,
  parent TEXT REFERENCES departments(id) DEFERRABLE INITIALLY DEFERRED
);
CREATE TABLE people (
  id TEXT PRIMARY KEY,
  position INTEGER NOT NULL,
  name TEXT NOT NULL,
  name_en TEXT NOT NULL,
  email TEXT NOT NULL,
  phones TEXT NOT NULL,
  department TEXT REFERENCES departments(id) DEFERRABLE INITIALLY DEFERRED,
  title TEXT NOT NULL,
  skills TEXT NOT NULL
);
CREATE TABLE roles (
  id TEXT PRIMARY KEY,
  position INTEGER NOT NULL,
  role TEXT NOT NULL,
  person TEXT REFERENCES people(id) DEFERRABLE INITIALLY DEFERRED,
  department TEXT REFERENCES departments(id) DEFERRABLE INITIALLY DEFERRED,
  title TEXT NOT NULL,
  deputies TEXT NOT NULL
);
CREATE TABLE contacts (
  id TEXT PRIMARY KEY,
  position INTEGER NOT NULL,
  name TEXT NOT NULL,
  name_en TEXT NOT NULL,
  kind TEXT NOT NULL,
  person TEXT NOT NULL,
  channels TEXT NOT NULL,
  contract TEXT,
  note TEXT NOT NULL
);
CREATE TABLE systems (
  id TEXT PRIMARY KEY,
  position INTEGER NOT NULL,
  name TEXT NOT NULL,
  name_en TEXT NOT NULL,
  category TEXT NOT NULL,
  tier TEXT NOT NULL,
  owner TEXT REFERENCES departments(id) DEFERRABLE INITIALLY DEFERRED,
  customer_service INTEGER NOT NULL,
  product_development INTEGER NOT NULL,
  data TEXT NOT NULL,
  depends_on TEXT NOT NULL,
  rto_hours INTEGER,
  rpo_hours INTEGER,
  backup_method TEXT NOT NULL,
  backup_frequency TEXT NOT NULL,
  backup_last_verified TEXT NOT NULL,
  redundancy TEXT NOT NULL,
  alternate_site TEXT NOT NULL,
  vendor TEXT REFERENCES contacts(id) DEFERRABLE INITIALLY DEFERRED,
  degraded_mode TEXT NOT NULL,
  workaround TEXT NOT NULL
);
CREATE TABLE media (
  id TEXT PRIMARY KEY,
  position INTEGER NOT NULL,
  name TEXT NOT NULL,
  kind TEXT NOT NULL,
  owner TEXT REFERENCES departments(id) DEFERRABLE INITIALLY DEFERRED,
  location TEXT NOT NULL,
  system TEXT REFERENCES systems(id) DEFERRABLE INITIALLY DEFERRED,
  confidentiality TEXT NOT NULL,
  contents TEXT NOT NULL
);
)sql";

constexpr const char* kMigration2 = R"sql(
CREATE TABLE incidents (
  id TEXT PRIMARY KEY,
  year INTEGER NOT NULL,
  number INTEGER NOT NULL,
  state TEXT NOT NULL,
  reported_at TEXT NOT NULL,
  restricted INTEGER NOT NULL,
  data TEXT NOT NULL,
  UNIQUE (year, number)
);
CREATE TABLE incident_records (
  id TEXT PRIMARY KEY,
  incident TEXT NOT NULL REFERENCES incidents(id) DEFERRABLE INITIALLY DEFERRED,
  kind TEXT NOT NULL,
  data TEXT NOT NULL
);
CREATE INDEX incident_records_incident ON incident_records(incident);
CREATE TABLE outbox (
  id TEXT PRIMARY KEY,
  created_at TEXT NOT NULL,
  kind TEXT NOT NULL,
  subject TEXT NOT NULL,
  recipients TEXT NOT NULL,
  title TEXT NOT NULL,
  body TEXT NOT NULL,
  status TEXT NOT NULL,
  attempts INTEGER NOT NULL
);
CREATE INDEX outbox_status ON outbox(status, created_at);
)sql";

constexpr const char* kMigration3 = R"sql(
CREATE TABLE accounts (
  id TEXT PRIMARY KEY,
  granted TEXT NOT NULL,
  disabled INTEGER NOT NULL,
  must_change INTEGER NOT NULL,
  credential TEXT NOT NULL,
  failed_logins INTEGER NOT NULL,
  locked INTEGER NOT NULL,
  epoch INTEGER NOT NULL,
  created_at TEXT NOT NULL
);
CREATE TABLE api_tokens (
  id TEXT PRIMARY KEY,
  account TEXT NOT NULL,
  name TEXT NOT NULL,
  scope TEXT NOT NULL,
  secret TEXT NOT NULL,
  created_at TEXT NOT NULL,
  expires_at TEXT NOT NULL,
  revoked_at TEXT NOT NULL
);
CREATE INDEX api_tokens_account ON api_tokens(account);
CREATE TABLE credentials (
  id TEXT PRIMARY KEY,
  hash TEXT NOT NULL
);
CREATE TABLE sessions (
  id TEXT PRIMARY KEY,
  account TEXT NOT NULL,
  csrf TEXT NOT NULL,
  created_at TEXT NOT NULL,
  last_seen TEXT NOT NULL,
  epoch INTEGER NOT NULL
);
CREATE INDEX sessions_account ON sessions(account);
)sql";

constexpr const char* kMigration4 = R"sql(
CREATE TABLE org_settings (
  id TEXT PRIMARY KEY,
  value TEXT NOT NULL
);
)sql";

constexpr const char* kMigration5 = R"sql(
CREATE TABLE org_extensions (
  id TEXT PRIMARY KEY,
  value TEXT NOT NULL
);
)sql";

// Private (not journaled): when failed logins delay an account's next login attempt.
constexpr const char* kMigration6 = R"sql(
CREATE TABLE login_delays (
  id TEXT PRIMARY KEY,
  until TEXT NOT NULL
);
)sql";

// Lookups that every report and every message make: the notification messages of an incident.
// (The newest number of a year is found through UNIQUE (year, number).)
constexpr const char* kMigration7 = R"sql(
CREATE INDEX outbox_subject ON outbox(subject);
)sql";

// What a person chose for themselves: the language of the web interface, whatever device they
// log in from. Journaled like every change.
constexpr const char* kMigration8 = R"sql(
CREATE TABLE preferences (
  id TEXT PRIMARY KEY,
  lang TEXT NOT NULL
);
)sql";

// G4.3.2: each message on its way to one recipient over one channel: its attempts, its outcome
// and who acknowledged it. Journaled like every change.
constexpr const char* kMigration9 = R"sql(
CREATE TABLE deliveries (
  id TEXT PRIMARY KEY,
  message TEXT NOT NULL REFERENCES outbox(id) DEFERRABLE INITIALLY DEFERRED,
  subject TEXT NOT NULL,
  kind TEXT NOT NULL,
  channel TEXT NOT NULL,
  recipient TEXT NOT NULL,
  address TEXT NOT NULL,
  lang TEXT NOT NULL,
  title TEXT NOT NULL,
  body TEXT NOT NULL,
  link TEXT NOT NULL,
  status TEXT NOT NULL,
  attempts INTEGER NOT NULL,
  next_at TEXT NOT NULL,
  error TEXT NOT NULL,
  sent_at TEXT NOT NULL,
  acknowledged_at TEXT NOT NULL
);
CREATE INDEX deliveries_status ON deliveries(status, next_at);
CREATE INDEX deliveries_subject ON deliveries(subject);
CREATE INDEX deliveries_message ON deliveries(message);
)sql";

// G4.3.3, G4.3.2: the reminders sent (a measure overdue, a contact's follow-up due), one row
// each, so that each is sent once. Journaled like every change.
constexpr const char* kMigration10 = R"sql(
CREATE TABLE reminders (
  id TEXT PRIMARY KEY,
  subject TEXT NOT NULL,
  at TEXT NOT NULL
);
)sql";

// G5: large-scale disasters, as incidents are kept: the header row and one row per record.
constexpr const char* kMigration11 = R"sql(
CREATE TABLE disasters (
  id TEXT PRIMARY KEY,
  year INTEGER NOT NULL,
  number INTEGER NOT NULL,
  state TEXT NOT NULL,
  declared_at TEXT NOT NULL,
  data TEXT NOT NULL,
  UNIQUE (year, number)
);
CREATE TABLE disaster_records (
  id TEXT PRIMARY KEY,
  disaster TEXT NOT NULL REFERENCES disasters(id) DEFERRABLE INITIALLY DEFERRED,
  kind TEXT NOT NULL,
  data TEXT NOT NULL
);
CREATE INDEX disaster_records_disaster ON disaster_records(disaster);
)sql";

// G4.2.3: alerts of the log monitoring, and the log lines kept with each (one row per line, so
// that a line is journaled once).
constexpr const char* kMigration12 = R"sql(
CREATE TABLE alerts (
  id TEXT PRIMARY KEY,
  year INTEGER NOT NULL,
  number INTEGER NOT NULL,
  state TEXT NOT NULL,
  grp TEXT NOT NULL,
  last_at TEXT NOT NULL,
  data TEXT NOT NULL,
  UNIQUE (year, number)
);
CREATE INDEX alerts_grp ON alerts(grp);
CREATE TABLE alert_lines (
  id TEXT PRIMARY KEY,
  alert TEXT NOT NULL REFERENCES alerts(id) DEFERRABLE INITIALLY DEFERRED,
  place INTEGER NOT NULL,
  data TEXT NOT NULL
);
CREATE INDEX alert_lines_alert ON alert_lines(alert);
)sql";

// G4.1, G4.2: the occurrences of the routine controls, one row each as its schedule comes round.
constexpr const char* kMigration13 = R"sql(
CREATE TABLE control_occurrences (
  id TEXT PRIMARY KEY,
  control TEXT NOT NULL,
  starts INTEGER NOT NULL,
  done INTEGER NOT NULL,
  data TEXT NOT NULL
);
CREATE INDEX control_occurrences_control ON control_occurrences(control, starts);
CREATE INDEX control_occurrences_done ON control_occurrences(done);
)sql";

// G4.2.4: the reviews of user-management settings, one row per host and occurrence.
constexpr const char* kMigration14 = R"sql(
CREATE TABLE account_reviews (
  id TEXT PRIMARY KEY,
  occurrence TEXT NOT NULL,
  control TEXT NOT NULL,
  host TEXT NOT NULL,
  starts INTEGER NOT NULL,
  data TEXT NOT NULL
);
CREATE INDEX account_reviews_occurrence ON account_reviews(occurrence);
CREATE INDEX account_reviews_control ON account_reviews(control, host, starts);
)sql";

// G4.1.4, G4.2.5: the virus scans the hosts send, one row per scan report.
constexpr const char* kMigration15 = R"sql(
CREATE TABLE virus_scans (
  id TEXT PRIMARY KEY,
  host TEXT NOT NULL,
  finished INTEGER NOT NULL,
  data TEXT NOT NULL
);
CREATE INDEX virus_scans_host ON virus_scans(host);
CREATE INDEX virus_scans_finished ON virus_scans(finished);
)sql";

// The state digest of the journaled tables (store/journal.h), kept up to date by every write so
// that checkpoint entries can record it without summing every table; `seq` is the entry it
// describes, so a stale row is recognised and summed again. Not journaled: the checkpoints that
// record it are, and verification recomputes it. The partial index finds the newest checkpoint
// for `journal verify --from` without reading the journal.
constexpr const char* kMigration16 = R"sql(
CREATE TABLE journal_state (
  id TEXT PRIMARY KEY,
  seq INTEGER NOT NULL,
  digest TEXT NOT NULL,
  rows INTEGER NOT NULL
);
CREATE INDEX journal_checkpoints ON journal(seq) WHERE action = 'journal.checkpoint';
)sql";

// For each journaled table, the newest journal entry that changed one of its rows
// (Tx::LastChange), so that a copy of the organization outlives writes to other tables. The row
// "*" stands for every table: a database from before this migration knows only its head. Not
// journaled: it is derived from the journal, and a wrong row can only make a copy be read again
// or, if written by hand, be kept by a running server until the table changes once more.
constexpr const char* kMigration17 = R"sql(
CREATE TABLE table_changes (
  tbl TEXT PRIMARY KEY,
  seq INTEGER NOT NULL,
  hash TEXT NOT NULL
);
INSERT INTO table_changes (tbl, seq, hash) SELECT '*', seq, hash FROM journal
  ORDER BY seq DESC LIMIT 1;
)sql";

// What incident lists filter on (store/incident_query.h), kept by triggers (until migration 25)
// from each incident's header, so that nothing that writes incidents can forget them:
// `incident_terms` names the affected systems, the concerned departments (affected and the
// reporter's), the people named (reporter and participants) and the category; `incident_text` is
// the title and summary for substring search (FTS5's trigram tokenizer, which needs no word
// boundaries and so reads Japanese), its rowid year * 1000000 + number. Not journaled: derived from
// the incidents table, as an index is. The last statement fills them for the incidents already
// there.
namespace {

// `row` is "new" or "old", in a trigger on `incidents`: its terms.
std::string IndexTerms(const std::string& row) {
  auto field = [&](const char* path) { return "json_extract(" + row + ".data, '" + path + "')"; };
  // DISTINCT, not OR IGNORE: a trigger takes the conflict policy of the statement that fired it.
  return "INSERT INTO incident_terms (kind, value, incident) SELECT DISTINCT kind, value, " + row +
         ".id FROM (SELECT 'system' AS kind, value FROM json_each(" + row +
         ".data, '$.systems') UNION ALL SELECT 'department', value FROM json_each(" + row +
         ".data, '$.departments') UNION ALL SELECT 'department', " +
         field("$.reporter_department") + " UNION ALL SELECT 'person', " + field("$.reported_by") +
         " UNION ALL SELECT 'person', json_extract(value, '$.person') FROM json_each(" + row +
         ".data, '$.participants') UNION ALL SELECT 'category', " + field("$.category") +
         ") WHERE value IS NOT NULL AND value <> '';\n";
}

// The rowid of `row`'s text: year * 1000000 + number.
std::string TextId(const std::string& row) { return row + ".year * 1000000 + " + row + ".number"; }

// `row`'s title and summary, as SQL values.
std::string TextValues(const std::string& row) {
  auto field = [&](const char* path) { return "json_extract(" + row + ".data, '" + path + "')"; };
  return "coalesce(" + field("$.title") + ", ''), coalesce(" + field("$.summary") + ", '')";
}

std::string IndexIncident(const std::string& row) {
  return IndexTerms(row) + "INSERT INTO incident_text (rowid, title, summary) VALUES (" +
         TextId(row) + ", " + TextValues(row) + ");\n";
}

std::string UnindexTerms(const std::string& row) {
  return "DELETE FROM incident_terms WHERE incident = " + row + ".id;\n";
}

std::string UnindexIncident(const std::string& row) {
  return UnindexTerms(row) + "DELETE FROM incident_text WHERE rowid = " + TextId(row) + ";\n";
}

// Queues `row`'s text for the text index, or its removal (`present` 0).
std::string QueueText(const std::string& row, bool present) {
  return "INSERT INTO incident_text_queue (doc, title, summary, present) VALUES (" + TextId(row) +
         ", " + (present ? TextValues(row) : std::string("'', ''")) + ", " + (present ? "1" : "0") +
         ") ON CONFLICT (doc) DO UPDATE SET title = excluded.title, summary = excluded.summary, "
         "present = excluded.present;\n";
}

std::string Migration18() {
  return "CREATE TABLE incident_terms (\n"
         "  kind TEXT NOT NULL,\n"
         "  value TEXT NOT NULL,\n"
         "  incident TEXT NOT NULL,\n"
         "  PRIMARY KEY (kind, value, incident)\n"
         ") WITHOUT ROWID;\n"
         "CREATE INDEX incident_terms_incident ON incident_terms(incident);\n"
         "CREATE VIRTUAL TABLE incident_text USING fts5(title, summary, tokenize = 'trigram');\n"
         "CREATE INDEX incidents_state ON incidents(state, year, number);\n"
         "CREATE INDEX incidents_reported ON incidents(reported_at);\n"
         "CREATE TRIGGER incidents_index_insert AFTER INSERT ON incidents BEGIN\n" +
         UnindexIncident("new") + IndexIncident("new") +
         "END;\n"
         "CREATE TRIGGER incidents_index_update AFTER UPDATE ON incidents BEGIN\n" +
         UnindexIncident("old") + UnindexIncident("new") + IndexIncident("new") +
         "END;\n"
         "CREATE TRIGGER incidents_index_delete AFTER DELETE ON incidents BEGIN\n" +
         UnindexIncident("old") +
         "END;\n"
         "UPDATE incidents SET data = data;\n";
}

// Migration 18's text index is kept through a queue: the triggers put each incident's title and
// summary (or its removal) in `incident_text_queue`, and the store moves them into
// `incident_text` once per transaction, just before it commits (sqlite_store.cpp,
// IndexQueuedTexts). FTS5 writes its pending terms out at every savepoint, and group commit
// gives each write one: indexed in the triggers, a batch of reports wrote a segment each. The
// queue is empty in every committed state. Not journaled, as migration 18's tables.
std::string Migration23() {
  return "CREATE TABLE incident_text_queue (\n"
         "  doc INTEGER PRIMARY KEY,\n"
         "  title TEXT NOT NULL,\n"
         "  summary TEXT NOT NULL,\n"
         "  present INTEGER NOT NULL\n"
         ");\n"
         "DROP TRIGGER incidents_index_insert;\n"
         "DROP TRIGGER incidents_index_update;\n"
         "DROP TRIGGER incidents_index_delete;\n"
         "CREATE TRIGGER incidents_index_insert AFTER INSERT ON incidents BEGIN\n" +
         UnindexTerms("new") + IndexTerms("new") + QueueText("new", true) +
         "END;\n"
         "CREATE TRIGGER incidents_index_update AFTER UPDATE ON incidents BEGIN\n" +
         UnindexTerms("old") + UnindexTerms("new") + IndexTerms("new") + QueueText("old", false) +
         QueueText("new", true) +
         "END;\n"
         "CREATE TRIGGER incidents_index_delete AFTER DELETE ON incidents BEGIN\n" +
         UnindexTerms("old") + QueueText("old", false) + "END;\n";
}

// What the alert list filters on beside `alerts` (store/alert_query.h), kept by triggers as
// migration 18's are: the rank of the alert's level (core::PolicyLevelRank: the five Sigma
// levels in order, "none" after them, anything else as medium), its incident, the rule's title
// and id and the host. Not journaled: derived from `alerts`.
std::string AlertFacts(const std::string& row) {
  auto field = [&](const char* path) {
    return "coalesce(json_extract(" + row + ".data, '" + path + "'), '')";
  };
  return "INSERT INTO alert_facts (id, rank, incident, rule_title, rule_id, host) VALUES (" + row +
         ".id, CASE json_extract(" + row +
         ".data, '$.level') WHEN 'informational' THEN 0 WHEN 'low' THEN 1 WHEN 'medium' THEN 2 "
         "WHEN 'high' THEN 3 WHEN 'critical' THEN 4 WHEN 'none' THEN 5 ELSE 2 END, " +
         field("$.incident") + ", " + field("$.rule_title") + ", " + field("$.rule_id") + ", " +
         field("$.host") + ");\n";
}

std::string Migration19() {
  return "CREATE TABLE alert_facts (\n"
         "  id TEXT PRIMARY KEY,\n"
         "  rank INTEGER NOT NULL,\n"
         "  incident TEXT NOT NULL,\n"
         "  rule_title TEXT NOT NULL,\n"
         "  rule_id TEXT NOT NULL,\n"
         "  host TEXT NOT NULL\n"
         ") WITHOUT ROWID;\n"
         "CREATE INDEX alerts_state ON alerts(state, year, number);\n"
         "CREATE TRIGGER alerts_facts_insert AFTER INSERT ON alerts BEGIN\n"
         "DELETE FROM alert_facts WHERE id = new.id;\n" +
         AlertFacts("new") +
         "END;\n"
         "CREATE TRIGGER alerts_facts_update AFTER UPDATE ON alerts BEGIN\n"
         "DELETE FROM alert_facts WHERE id = old.id OR id = new.id;\n" +
         AlertFacts("new") +
         "END;\n"
         "CREATE TRIGGER alerts_facts_delete AFTER DELETE ON alerts BEGIN\n"
         "DELETE FROM alert_facts WHERE id = old.id;\n"
         "END;\n"
         "UPDATE alerts SET data = data;\n";
}

// PostgreSQL answers incident and alert lists with jsonb operators over the rows themselves
// (postgres/pg_lists.cpp): of migrations 18 and 19 it takes the indexes on the journaled tables.
constexpr const char* kPostgres18 = R"sql(
CREATE INDEX incidents_state ON incidents(state, year, number);
CREATE INDEX incidents_reported ON incidents(reported_at);
)sql";

constexpr const char* kPostgres19 = R"sql(
CREATE INDEX alerts_state ON alerts(state, year, number);
)sql";

// Evidence files (base/blob_store.h) in PostgreSQL, in parts of 1 MiB (pg_blob_store.h), so
// that every server over the database and its replica at the backup site have them. SQLite's
// sokuo keeps them as files in the data directory: nothing to create there.
constexpr const char* kPostgres20 = R"sql(
CREATE TABLE evidence_parts (
  sha256 TEXT NOT NULL,
  part BIGINT NOT NULL,
  bytes BYTEA NOT NULL,
  PRIMARY KEY (sha256, part)
);
)sql";

// Which sender has taken a delivery, until when (app/notification_service.h): with several
// servers over one database, a delivery due is sent by the one that claimed it. Private: a
// claim is a lease, not a record.
constexpr const char* kMigration21 = R"sql(
CREATE TABLE delivery_claims (
  id TEXT PRIMARY KEY,
  owner TEXT NOT NULL,
  until TEXT NOT NULL
);
)sql";

// G4.3.2: what a message says, as message codes, until the sender writes it for each recipient
// in their language (store/notification_rows.h, kMessageUnwritten). Journaled.
constexpr const char* kMigration22 = R"sql(
CREATE TABLE outbox_texts (
  id TEXT PRIMARY KEY REFERENCES outbox(id) DEFERRABLE INITIALLY DEFERRED,
  title TEXT NOT NULL,
  body TEXT NOT NULL,
  page TEXT NOT NULL,
  incident TEXT NOT NULL
);
)sql";

// The journal without the unique index on `hash`: nothing looks an entry up by its hash, and a
// chain cannot hold a hash twice (each covers the one before it), but the index on random keys
// was about a quarter of the pages each commit wrote. SQLite cannot drop a column's UNIQUE, so
// the table is copied, entry for entry, as it is; the hashes that verification recomputes do
// not change.
constexpr const char* kMigration24 = R"sql(
CREATE TABLE journal_copy (
  seq INTEGER PRIMARY KEY,
  at TEXT NOT NULL,
  actor TEXT NOT NULL,
  action TEXT NOT NULL,
  subject TEXT NOT NULL,
  body TEXT NOT NULL,
  prev_hash TEXT NOT NULL,
  hash TEXT NOT NULL
);
INSERT INTO journal_copy (seq, at, actor, action, subject, body, prev_hash, hash)
  SELECT seq, at, actor, action, subject, body, prev_hash, hash FROM journal ORDER BY seq;
DROP TABLE journal;
ALTER TABLE journal_copy RENAME TO journal;
CREATE INDEX journal_subject ON journal(subject, seq);
CREATE INDEX journal_checkpoints ON journal(seq) WHERE action = 'journal.checkpoint';
)sql";

constexpr const char* kPostgres24 = R"sql(
ALTER TABLE journal DROP CONSTRAINT journal_hash_key;
)sql";

// The incident list's terms and queued text are written by the SQLite store with each incident
// row (store/sqlite/incident_index.h), no longer by triggers: their JSON functions were about a
// sixth of the writer's time for each report. What the triggers wrote stays; the store writes
// the same.
constexpr const char* kMigration25 = R"sql(
DROP TRIGGER IF EXISTS incidents_index_insert;
DROP TRIGGER IF EXISTS incidents_index_update;
DROP TRIGGER IF EXISTS incidents_index_delete;
)sql";

// The sender looks for convocation requests to escalate at every tick (NotificationService::
// Escalate, by kind): without an index that read the whole outbox each time, and idle servers
// over some 150,000 messages each took 12-19 % of a core reading the file.
constexpr const char* kMigration26 = R"sql(
CREATE INDEX IF NOT EXISTS outbox_kind ON outbox(kind);
)sql";

}  // namespace

// The numbered list; the SQL of each is above.
const std::vector<Migration>& Migrations() {
  static const std::string kMigration18 = Migration18();
  static const std::string kMigration19 = Migration19();
  static const std::string kMigration23 = Migration23();
  static const std::vector<Migration> kMigrations = {
      {1, "journal and organization", kMigration1},
      {2, "incidents and the notification outbox", kMigration2},
      {3, "accounts, credentials, sessions and API tokens", kMigration3},
      {4, "organization settings", kMigration4},
      // Fields described in core/org_fields.h after migration 1 (see store/org_rows.cpp): one
      // row per object that has any, keyed "table/id", value = the fields as canonical JSON.
      {5, "organization extensions", kMigration5},
      {6, "login delays", kMigration6},
      {7, "messages by subject", kMigration7},
      {8, "preferences", kMigration8},
      {9, "deliveries", kMigration9},
      {10, "reminders", kMigration10},
      {11, "disasters", kMigration11},
      {12, "alerts", kMigration12},
      {13, "routine controls", kMigration13},
      {14, "account reviews", kMigration14},
      {15, "virus scans", kMigration15},
      {16, "journal state digest and checkpoints", kMigration16},
      {17, "last change of each table", kMigration17},
      {18, "incident list filters and text search", kMigration18.c_str(), kPostgres18},
      {19, "alert list filters", kMigration19.c_str(), kPostgres19},
      {20, "evidence in PostgreSQL", "", kPostgres20},
      {21, "delivery claims", kMigration21},
      {22, "message texts written later", kMigration22},
      {23, "incident text indexed once per transaction", kMigration23.c_str(), ""},
      {24, "journal hashes without a unique index", kMigration24, kPostgres24},
      {25, "incident list index written with the incident", kMigration25, ""},
      {26, "messages by kind", kMigration26},
  };
  return kMigrations;
}

int64_t NewestMigration() { return Migrations().empty() ? 0 : Migrations().back().version; }

Result<void> ApplyMigrations(int64_t current,
                             const std::function<Result<void>(const Migration&)>& apply) {
  int64_t newest = NewestMigration();
  if (current > newest) {
    return Fail(ErrorCode::kStorage,
                Msg("store.schema_newer",
                    {{"current", std::to_string(current)}, {"newest", std::to_string(newest)}}));
  }
  for (const Migration& m : Migrations()) {
    if (m.version <= current) continue;
    if (Result<void> r = apply(m); !r) {
      return Fail(ErrorCode::kStorage,
                  Msg("store.migration_failed", {{"version", std::to_string(m.version)},
                                                 {"name", m.name},
                                                 {"reason", r.error().message}}));
    }
  }
  return {};
}

}  // namespace sokuo::store
