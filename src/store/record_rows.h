// What the stores of an emergency's repeated records share (incident_rows.cpp,
// disaster_rows.cpp): one row per record, keyed "<key>/<kind>/<local id>", whose `data` is the
// record's canonical JSON, under the column that names its owner.
#pragma once

#include <functional>
#include <string>
#include <vector>

#include "base/error.h"
#include "codec/disaster_json.h"
#include "codec/incident_json.h"
#include "codec/json_reader.h"
#include "store/journal.h"
#include "store/store.h"

namespace sokuo::store {

// A row for each of `items` in `records`, keyed `key`/`kind`/`local(item)`, `owner_column`
// naming `key`.
template <class T>
void AddRecords(Table& records, const char* owner_column, const std::string& key, const char* kind,
                const std::vector<T>& items, const std::function<std::string(const T&)>& local) {
  for (const T& item : items) {
    std::string id = key + "/" + kind + "/" + local(item);
    records[id] = {{"id", id},
                   {owner_column, key},
                   {"kind", kind},
                   {"data", CanonicalJson(codec::ToJson(item))}};
  }
}

// A row's `data` parsed; kStorage when it is not JSON.
[[nodiscard]] Result<codec::Json> DataOf(const Row& row);
// The error for a stored row that no longer reads as its record.
Error Corrupt(const std::string& id, const Error& e);

// Reads a record row's data as T and appends it to `list`.
template <class T>
[[nodiscard]] Result<void> ReadRecord(const std::string& id, const codec::Json& data,
                                      std::vector<T>& list) {
  auto r = codec::ReadAll<T>(data, [](codec::JsonReader& rd, T& x) { Read(rd, x); });
  if (!r) return Fail(Corrupt(id, r.error()));
  list.push_back(std::move(*r));
  return {};
}

// "000042": fixed-width local ids keep the records' id order equal to their creation order.
std::string FixedWidth(int n);

}  // namespace sokuo::store
