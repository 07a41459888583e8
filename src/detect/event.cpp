#include "detect/event.h"

#include <functional>

namespace sokuo::detect {

std::string_view NullValue() {
  static const char kNull[] = "null";
  return std::string_view(kNull, 4);
}

void Event::Reset(std::string_view raw) {
  raw_ = raw;
  message_ = raw;
  time.reset();
  category = {};
  product = {};
  services = {};
  fields_.clear();
  buffer_.clear();
  spill_.clear();
  size_t want = raw.size() * 2 + 64;
  if (buffer_.capacity() < want) buffer_.reserve(want);
}

std::string_view Event::Keep(std::string_view text) {
  if (buffer_.size() + text.size() <= buffer_.capacity()) {
    size_t at = buffer_.size();
    buffer_.append(text);
    return std::string_view(buffer_).substr(at, text.size());
  }
  return spill_.emplace_back(text);
}

bool Event::Owns(std::string_view text) const {
  // std::less gives a total order over pointers into unrelated objects, where < does not.
  std::less<const char*> before;
  auto inside = [&](std::string_view store) {
    return !before(text.data(), store.data()) &&
           !before(store.data() + store.size(), text.data() + text.size());
  };
  if (inside(buffer_)) return true;
  for (const std::string& s : spill_) {
    if (inside(s)) return true;
  }
  return false;
}

void Event::AddCopy(std::string_view name, std::string_view value) {
  std::string_view n = Keep(name);
  fields_.push_back({n, Keep(value)});
}

std::optional<std::string_view> Event::Get(std::string_view name) const {
  for (const Field& f : fields_) {
    if (f.name == name) return f.value;
  }
  return std::nullopt;
}

}  // namespace sokuo::detect
