// The schema of every store, as one numbered list (migrations.cpp). Each migration is written
// once, in the SQL that SQLite and PostgreSQL both read: TEXT and INTEGER columns, a text
// primary key `id` for every journaled table, REFERENCES … DEFERRABLE INITIALLY DEFERRED, plain
// and partial indexes. A store renders it for its engine (PostgreSQL: postgres/pg_schema.cpp,
// which makes INTEGER a 64-bit BIGINT and adds the foreign keys once every table of the
// migration exists). Only what is derived from the journaled tables to answer lists fast (the
// filters and text search of migrations 18 and 19) is each engine's own: `postgres` then holds
// PostgreSQL's text.
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "base/error.h"

namespace sokuo::store {

struct Migration {
  int version;
  const char* name;
  const char* sql;                 // SQLite's text, and the description the others render
  const char* postgres = nullptr;  // PostgreSQL's own text; nullptr: rendered from `sql`
};

// The journal's columns in the order of JournalEntry's fields, for `SELECT kEntryColumns FROM
// journal` and its INSERT.
inline constexpr const char* kEntryColumns =
    "seq, at, actor, action, subject, body, prev_hash, hash";

// In order, from version 1; append only.
const std::vector<Migration>& Migrations();

// The version of the newest migration.
int64_t NewestMigration();

// Runs `apply` (the migration in the engine's SQL, then its number recorded) for each migration
// after `current`, in order. store.schema_newer when `current` is newer than this sokuo; a
// failure of `apply` is store.migration_failed, with its message as the reason.
[[nodiscard]] Result<void> ApplyMigrations(
    int64_t current, const std::function<Result<void>(const Migration&)>& apply);

}  // namespace sokuo::store
