#include "core/disaster.h"

#include <cstdio>

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

bool SameKey(const SurveyEntry& a, const SurveyEntry& b) {
  return a.department == b.department && a.site == b.site && a.item == b.item &&
         a.target == b.target;
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
  std::vector<const SurveyEntry*> out;
  for (const SurveyEntry& e : d.survey) {
    bool seen = false;
    for (const SurveyEntry* x : out) seen = seen || SameKey(*x, e);
    if (!seen) out.push_back(&e);
  }
  for (size_t k : ByEventTime(d.survey)) {
    for (const SurveyEntry*& x : out) {
      if (SameKey(*x, d.survey[k])) x = &d.survey[k];
    }
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
