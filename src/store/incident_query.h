// One page of an incident list, asked of the store: the filters, need-to-know and keyset
// pagination in one query, so that a list costs the page and not the whole table. The SQLite
// store answers it with SQL (store/sqlite/incident_list.cpp: indexes, and FTS5 with the trigram
// tokenizer for the text), PostgreSQL with jsonb operators (store/postgres/pg_lists.cpp); a
// store without its own query uses ListIncidentsInMemory, which is also the reference the SQL of
// both is tested against.
#pragma once

#include <cstddef>
#include <functional>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "core/access.h"
#include "core/incident.h"
#include "store/row_page.h"
#include "store/store.h"

namespace sokuo::store {

struct IncidentQuery {
  core::VisibilityScope scope;  // need-to-know (core::ScopeOf)
  std::optional<core::IncidentState> state;
  bool open_only = false;
  std::string system;      // among the affected systems
  std::string department;  // affected, or the reporter's
  std::string category;
  // Reported at or after / before these instants (RFC 3339 UTC, as stored); empty: no bound.
  std::string reported_since;
  std::string reported_before;
  // Title or summary contains this, ignoring the case of Latin letters; empty: any.
  std::string text;
  // Keyset pagination: only incidents older than this (year, number), newest first.
  std::optional<std::pair<int, int>> after;
  size_t offset = 0;  // skipped after `after`
  size_t limit = 50;
  // Whether the total is counted (IncidentHeaders::total, 0 when not): a count reads every
  // matching row, which a walk over all the pages (EachIncident) would do once per page.
  bool count = true;
};

// Whether `i` passes the query's filters and need-to-know (not its pagination).
bool Matches(const IncidentQuery& q, const core::Incident& i);

// The reference: every header read and decoded, filtered with Matches.
[[nodiscard]] Result<RowPage> ListIncidentsInMemory(Store& store, const IncidentQuery& q);

// The incidents of one page, decoded (records left empty), and the total.
struct IncidentHeaders {
  std::vector<core::Incident> items;
  size_t total = 0;
};
[[nodiscard]] Result<IncidentHeaders> ListIncidents(Store& store, const IncidentQuery& q);

// Calls `each` with the header of every incident that `q` finds, newest first, reading 200 at
// a time (q's own pagination is not used): memory stays that of one page however many there are.
[[nodiscard]] Result<void> EachIncident(Store& store, IncidentQuery q,
                                        const std::function<Result<void>(core::Incident&)>& each);

}  // namespace sokuo::store
