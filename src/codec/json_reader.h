// Strict reading of JSON objects into domain values: unknown keys (with a suggestion), wrong
// types, bad enum names and missing required keys are all reported, each with the JSON pointer
// of the offending value, and reading goes on so that every problem is found at once.
#pragma once

#include <functional>
#include <initializer_list>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "base/error.h"
#include "core/enum_names.h"

namespace sokuo::codec {

using Json = nlohmann::json;

class JsonReader {
 public:
  JsonReader(const Json& value, std::string path, std::vector<Detail>& problems)
      : value_(value), path_(std::move(path)), problems_(problems) {}

  // Checks that the value is an object with only `keys`; false when it is not an object.
  bool Object(std::initializer_list<const char*> keys);
  bool Object(const std::vector<std::string>& keys);
  bool Has(const char* key) const { return value_.is_object() && value_.contains(key); }

  void Text(const char* key, std::string& out, bool required = false);
  void Int(const char* key, int& out, bool required = false);
  void Int(const char* key, std::optional<int>& out);
  void Int64(const char* key, int64_t& out);
  void Bool(const char* key, bool& out);
  void Texts(const char* key, std::vector<std::string>& out);

  template <class E, size_t N>
  void Enum(const char* key, const core::EnumNames<E, N>& names, E& out, bool required = false) {
    std::string text;
    Text(key, text, required);
    if (text.empty()) return;
    if (auto e = names.Parse(text)) {
      out = *e;
      return;
    }
    Problem(key, Msg("json.invalid_enum", {{"value", text}, {"allowed", names.Joined()}}));
  }
  template <class E, size_t N>
  void Enums(const char* key, const core::EnumNames<E, N>& names, std::vector<E>& out) {
    std::vector<std::string> texts;
    Texts(key, texts);
    for (size_t i = 0; i < texts.size(); ++i) {
      if (auto e = names.Parse(texts[i])) {
        out.push_back(*e);
      } else {
        problems_.push_back(MakeDetail(
            path_ + "/" + key + "/" + std::to_string(i),
            Msg("json.invalid_enum", {{"value", texts[i]}, {"allowed", names.Joined()}})));
      }
    }
  }

  // Reads `key` as an object with `read`; absent or null leaves `out` empty.
  template <class T>
  void Optional(const char* key, std::optional<T>& out,
                const std::function<void(JsonReader&, T&)>& read) {
    if (!Has(key) || value_[key].is_null()) return;
    T value{};
    JsonReader child(value_[key], path_ + "/" + key, problems_);
    read(child, value);
    out = std::move(value);
  }
  template <class T>
  void List(const char* key, std::vector<T>& out,
            const std::function<void(JsonReader&, T&)>& read) {
    if (!Has(key) || value_[key].is_null()) return;
    const Json& list = value_[key];
    if (!list.is_array()) {
      Problem(key, Msg("json.expected_list"));
      return;
    }
    for (size_t i = 0; i < list.size(); ++i) {
      JsonReader child(list[i], path_ + "/" + key + "/" + std::to_string(i), problems_);
      read(child, out.emplace_back());
    }
  }

  void Problem(const char* key, Message msg) {
    problems_.push_back(MakeDetail(path_ + "/" + key, std::move(msg)));
  }
  // Legacy text; prefer a Message.
  void Problem(const char* key, std::string message) {
    problems_.push_back({path_ + "/" + key, std::move(message)});
  }
  const std::string& path() const { return path_; }

 private:
  const Json* Get(const char* key, bool required);

  const Json& value_;
  std::string path_;
  std::vector<Detail>& problems_;
};

// Runs `read` on `value`; kInvalidInput with every problem, or the value.
template <class T>
Result<T> ReadAll(const Json& value, const std::function<void(JsonReader&, T&)>& read) {
  std::vector<Detail> problems;
  T out{};
  JsonReader reader(value, "", problems);
  read(reader, out);
  if (!problems.empty()) return Invalid(std::move(problems));
  return out;
}

// Helpers the codecs share.
template <class E, size_t N>
std::string Name(const core::EnumNames<E, N>& names, E v) {
  return std::string(names.Name(v));
}
// Empty text and absent numbers are left out; the readers treat absence as empty.
inline void Put(Json& j, const char* key, const std::string& v) {
  if (!v.empty()) j[key] = v;
}
inline void Put(Json& j, const char* key, const std::optional<int>& v) {
  if (v) j[key] = *v;
}
// A reader for the Read overload of T, for JsonReader::List and Optional.
template <class T>
std::function<void(JsonReader&, T&)> Reader() {
  return [](JsonReader& r, T& x) { Read(r, x); };
}

// Optional fields of an update: present means "set".
template <class T, class ReadFn>
void Maybe(JsonReader& r, const char* key, std::optional<T>& out, ReadFn read) {
  if (!r.Has(key)) return;
  T value{};
  read(key, value);
  out = std::move(value);
}

// Refuses the keys of `j` that sokuo sets itself (who recorded it, ids), each by its pointer.
[[nodiscard]] Result<void> RefuseSetBySokuo(const Json& j, std::initializer_list<const char*> keys);

// Reads a record with its own codec (Read of T), once RefuseSetBySokuo found none of `keys`.
template <class T>
Result<T> RecordFromJson(const Json& j, std::initializer_list<const char*> set_by_sokuo) {
  TRY(RefuseSetBySokuo(j, set_by_sokuo));
  return ReadAll<T>(j, [](JsonReader& r, T& x) { Read(r, x); });
}

// Reads the header of a record that has one (ReadHeader of T: an incident, a disaster).
template <class T>
Result<T> ReadHeaderOf(const Json& value) {
  return ReadAll<T>(value, [](JsonReader& r, T& x) { ReadHeader(r, x); });
}

// Parses request text as JSON; a syntax error names its byte offset.
[[nodiscard]] Result<Json> ParseJson(const std::string& text);

}  // namespace sokuo::codec
