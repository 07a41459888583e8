// The checks every record of an emergency (incident_rules.h, disaster_rules.h) makes of its
// fields: text length and encoding, RFC 3339 times, and references into the organization, each
// problem as a Detail with a JSON pointer relative to the record and a message code.
#pragma once

#include <algorithm>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "base/error.h"
#include "base/text.h"
#include "base/time.h"
#include "core/organization.h"

namespace sokuo::core {

// `what` is a term code suffix ("person" → term.person).
inline Message UnknownRef(std::string_view what, const std::string& id,
                          std::span<const std::string> candidates) {
  return Msg("ref.unknown", {{"what", std::string(what)},
                             {"id", id},
                             {"suggestion", Suggest(id, candidates).value_or("")}});
}

// "/systems/3"
inline std::string ListItem(const char* list, size_t i) {
  return std::string("/") + list + "/" + std::to_string(i);
}

class RecordCheck {
 public:
  explicit RecordCheck(const Organization& org) : org_(org) {}

  void Add(std::string where, Message msg) {
    out_.push_back(MakeDetail(std::move(where), std::move(msg)));
  }
  void Text(const std::string& value, const std::string& where, size_t max, bool required) {
    if (required && value.empty()) Add(where, Msg("field.required"));
    if (value.size() > max) Add(where, Msg("field.too_long", {{"max", std::to_string(max)}}));
    if (auto bad = FirstInvalidUtf8(value)) Add(where, Msg("field.not_utf8"));
  }
  void Time(const std::string& value, const std::string& where) {
    if (value.empty()) return;
    if (auto t = ParseRfc3339(value); !t) Add(where, t.error().msg);
  }
  void Date(const std::string& value, const std::string& where) {
    if (value.empty()) return;
    if (auto d = ParseDay(value); !d) Add(where, d.error().msg);
  }
  template <class T>
  void Ref(const std::string& id, const std::vector<T>& items, const std::string& where,
           std::string_view what, bool required = false) {
    if (id.empty()) {
      if (required) Add(where, Msg("field.required"));
      return;
    }
    std::vector<std::string> ids;
    ids.reserve(items.size());
    for (const T& x : items) ids.push_back(x.id);
    if (std::find(ids.begin(), ids.end(), id) == ids.end()) Add(where, UnknownRef(what, id, ids));
  }
  void Person(const std::string& id, const std::string& where, bool required = false) {
    // The local operator acts as "cli:<user>", sokuo's own policies and timers as "system";
    // every other actor is a person.
    if (id == "system" || id.rfind("cli:", 0) == 0) return;
    Ref(id, org_.people, where, "person", required);
  }
  void System(const std::string& id, const std::string& where, bool required = false) {
    Ref(id, org_.systems, where, "system", required);
  }
  void Department(const std::string& id, const std::string& where, bool required = false) {
    Ref(id, org_.departments, where, "department", required);
  }
  // Each value of `list` at most once.
  void Unique(const std::vector<std::string>& v, const char* list) {
    for (size_t k = 0; k < v.size(); ++k) {
      auto end = v.begin() + static_cast<std::ptrdiff_t>(k);
      if (std::find(v.begin(), end, v[k]) != end) {
        Add(ListItem(list, k), Msg("list.duplicate", {{"value", v[k]}}));
      }
    }
  }
  std::vector<Detail> Done() { return std::move(out_); }

 private:
  const Organization& org_;
  std::vector<Detail> out_;
};

}  // namespace sokuo::core
