#include "core/disaster.h"

#include <cstdio>
#include <map>
#include <string_view>
#include <tuple>

namespace sokuo::core {
namespace {

// The indexes of `records` in event order (EventOrder over their `at`).
template <class T>
std::vector<size_t> ByEventTime(const std::vector<T>& records) {
  std::vector<std::string> times;
  times.reserve(records.size());
  for (const T& r : records) times.push_back(r.at);
  return EventOrder(times);
}

}  // namespace

std::string DisasterKey(int year, int number) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "DIS-%04d-%04d", year, number);
  return buf;
}

const Availability* LatestAvailability(const Disaster& d, const std::string& person) {
  const Availability* latest = nullptr;
  for (size_t k : ByEventTime(d.roll_call)) {
    if (d.roll_call[k].person == person) latest = &d.roll_call[k];
  }
  return latest;
}

std::vector<const SurveyEntry*> LatestSurvey(const Disaster& d) {
  // One slot per key, in the order each key was first recorded; the event order fills them.
  using Key = std::tuple<std::string_view, std::string_view, SurveyItem, std::string_view>;
  std::map<Key, size_t> slot;
  std::vector<const SurveyEntry*> out;
  for (const SurveyEntry& e : d.survey) {
    if (slot.emplace(Key{e.department, e.site, e.item, e.target}, out.size()).second) {
      out.push_back(&e);
    }
  }
  for (size_t k : ByEventTime(d.survey)) {
    const SurveyEntry& e = d.survey[k];
    out[slot.at(Key{e.department, e.site, e.item, e.target})] = &e;
  }
  return out;
}

const SystemProgress* LatestProgress(const Disaster& d, const std::string& system) {
  const SystemProgress* latest = nullptr;
  for (size_t k : ByEventTime(d.progress)) {
    if (d.progress[k].system == system) latest = &d.progress[k];
  }
  return latest;
}

bool UnderContract(const ExternalContact& c, Day day) {
  if (!c.contract) return false;
  if (c.contract->expires.empty()) return true;
  auto expires = ParseDay(c.contract->expires);
  return !expires || day <= *expires;
}

}  // namespace sokuo::core
