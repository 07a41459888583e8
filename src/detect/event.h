// One decoded log record as the rules see it: the raw text, the Sigma log source it came from,
// when it happened, and named fields. An Event is reused record after record; its storage keeps
// its capacity, so decoding a stream allocates nothing once warmed up.
#pragma once

#include <array>
#include <cstddef>
#include <deque>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "base/time.h"

namespace sokuo::detect {

// A Sigma log source (lower case, empty = not known). An event may answer to two services: the
// stream's ("auth", "syslog", "access") and the program's ("sshd", "sudo", "cron").
struct LogSource {
  std::string category;
  std::string product;
  std::string service;
};

struct Field {
  std::string_view name;
  std::string_view value;
};

// The value of a field that is present but null (a JSON null): compare with IsNull, by identity.
std::string_view NullValue();
inline bool IsNull(std::string_view value) { return value.data() == NullValue().data(); }

class Event {
 public:
  Event() = default;
  Event(const Event&) = delete;
  Event& operator=(const Event&) = delete;

  // Starts a new record over `raw`, which the caller keeps alive while the event is used.
  void Reset(std::string_view raw);

  std::string_view raw() const { return raw_; }
  // The text keyword searches look at: the whole record (a syslog line with its header, an
  // access-log line), or a journal entry's MESSAGE.
  std::string_view message() const { return message_; }
  void set_message(std::string_view m) { message_ = m; }

  // When it happened (UTC); nullopt when the record does not say.
  std::optional<Timestamp> time;
  // Where it came from. Views of static strings or of the decoder's options.
  std::string_view category;
  std::string_view product;
  std::array<std::string_view, 2> services{};

  // A field whose name and value outlive the event: slices of raw() or static strings.
  void Add(std::string_view name, std::string_view value) { fields_.push_back({name, value}); }
  // A field whose name or value is built by the decoder (unescaped JSON, a joined URI): both
  // are copied into the event's own storage.
  void AddCopy(std::string_view name, std::string_view value);
  // The first field of that name (names are case-sensitive, as in Sigma rules). An array gives
  // one field per element, all of the same name.
  std::optional<std::string_view> Get(std::string_view name) const;
  std::span<const Field> fields() const { return fields_; }

  // A copy of `text` in the event's own storage, valid until the next Reset: for values that
  // are not fields (a lower-cased service name) or a field whose name alone is built.
  std::string_view Keep(std::string_view text);
  // Whether `text` lies in the event's own storage (for invariant checks in tests and fuzzing).
  bool Owns(std::string_view text) const;

 private:
  std::string_view raw_;
  std::string_view message_;
  std::vector<Field> fields_;
  std::string buffer_;             // reserved at Reset, so views into it stay valid
  std::deque<std::string> spill_;  // what did not fit in buffer_
};

}  // namespace sokuo::detect
