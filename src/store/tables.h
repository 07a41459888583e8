#pragma once

#include <initializer_list>
#include <string>
#include <vector>

#include "base/error.h"

namespace sokuo::store {

// Every journaled table, in the order Verify reports them. A table that is written through Tx
// must be listed here, or Tx refuses to touch it.
const std::vector<std::string>& JournaledTables();

bool IsJournaledTable(const std::string& table);

// Tables outside the journal: password hashes (the journal keeps only their SHA-256, in
// `accounts`, so an old hash never lingers in the record) and sessions (short-lived, touched on
// every request) and login delays (app/auth.h; the failures that caused them are journaled), and
// which sender has claimed a delivery (app/notification_service.h).
// Written with Tx::PutPrivate.
const std::vector<std::string>& PrivateTables();
bool IsPrivateTable(const std::string& table);

// true for a name that may stand in SQL as a column (or table) name: [a-z0-9_], 1 to 64 bytes.
bool IsColumnName(const std::string& name);

// Before a table's and columns' names go into a read's SQL: the table is journaled or private
// (store.unknown_table), and every non-empty column a name (store.bad_column).
[[nodiscard]] Result<void> CheckReadNames(const std::string& table,
                                          std::initializer_list<const std::string*> columns);

}  // namespace sokuo::store
