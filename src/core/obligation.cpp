#include "core/obligation.h"

#include <algorithm>

#include "core/incident_rules.h"
#include "core/japanese_holidays.h"

namespace sokuo::core {
namespace {

bool Maybe(Likelihood l) { return l == Likelihood::kYes || l == Likelihood::kPossibly; }

bool Holds(const std::vector<std::string>& facts, const std::vector<std::string>& names) {
  return std::any_of(names.begin(), names.end(), [&](const std::string& n) {
    return std::find(facts.begin(), facts.end(), n) != facts.end();
  });
}

const Filing* FilingOf(const Incident& i, const std::string& obligation) {
  const Filing* last = nullptr;
  for (const Filing& f : i.filings) {
    if (f.obligation == obligation) last = &f;
  }
  return last;
}

// Whole days from `due` to `at`, a part of a day counting as one.
int DaysLate(Timestamp due, Timestamp at) {
  if (at <= due) return 0;
  auto seconds = (at - due).count();
  return static_cast<int>((seconds + 86399) / 86400);
}

}  // namespace

bool IsObligationTrigger(std::string_view name) {
  return std::find(kObligationTriggers.begin(), kObligationTriggers.end(), name) !=
         kObligationTriggers.end();
}

std::string DutyName(const Obligation& o) {
  return o.name_en.empty() || o.name_en == o.name ? o.name : o.name + " / " + o.name_en;
}

std::vector<std::string> FactsOf(const Incident& i, const Organization& org) {
  std::vector<std::string> facts;
  auto add = [&](bool holds, std::string_view name) {
    if (holds) facts.emplace_back(name);
  };
  const Assessment* a = i.assessment ? &*i.assessment : nullptr;
  bool personal = false;
  int persons = 0;
  if (a != nullptr) {
    for (const auto& p : a->personal_data) personal = personal || Maybe(p.leaked);
    for (const auto& l : a->leaks) {
      personal = personal || l.personal_data;
      persons += l.persons.value_or(0);
    }
    persons = std::max(persons, a->persons.value_or(0));
  }
  add(personal, "personal_data");
  add(a != nullptr && Maybe(a->sensitive_personal_data), "sensitive_personal_data");
  add(a != nullptr && Maybe(a->financial_harm), "financial_harm");
  add(a != nullptr && Maybe(a->unauthorized_purpose), "unauthorized_purpose");
  add(persons > 1000, "over_1000_persons");
  add(i.harm == Harm::kPossible || i.harm == Harm::kSerious, "customers_affected");
  Priority p = ComputePriority(i, org).priority;
  add(p == Priority::kP1 || p == Priority::kP2, "significant");
  return facts;
}

Result<Timestamp> DueOf(const Obligation& o, Timestamp start, const Calendar& calendar) {
  if (o.hours) return start + std::chrono::hours(*o.hours);
  Day first = calendar.LocalDay(start);
  Day last = first;
  if (o.days) {
    last = o.next_open_day ? DeadlineDay(first, *o.days)
                           : Day(std::chrono::sys_days(first) + std::chrono::days(*o.days - 1));
  } else if (o.months) {
    // The same day N months on, or the month's last day when it has no such day.
    Day moved = first + std::chrono::months(*o.months);
    if (!moved.ok()) moved = moved.year() / moved.month() / std::chrono::last;
    last = o.next_open_day ? DeadlineDay(moved, 1) : moved;
  }
  return calendar.EndOfDay(last);
}

std::vector<ObligationClock> ClocksOf(const Incident& i, const Organization& org, Timestamp now) {
  std::vector<ObligationClock> out;
  auto calendar = Calendar::Create(org.company.time_zone);
  auto aware = ParseRfc3339(i.aware_at);
  if (!calendar || !aware) return out;
  std::vector<std::string> facts = FactsOf(i, org);
  for (const Obligation& o : org.obligations) {
    const Filing* filing = FilingOf(i, o.id);
    bool triggered = Holds(facts, o.when) && !Holds(facts, o.unless);
    if (!triggered && filing == nullptr) continue;
    ObligationClock c{
        .obligation = o.id, .name = o.name, .name_en = o.name_en, .recipient = o.recipient};
    if (filing != nullptr) c.filing = *filing;
    // Counted from awareness, or from the filing of the duty it follows.
    std::optional<Timestamp> start = *aware;
    if (!o.after.empty()) {
      start.reset();
      if (const Filing* before = FilingOf(i, o.after); before && !before->waived) {
        if (auto filed = ParseRfc3339(before->filed_at)) start = *filed;
      }
    }
    if (!start) {
      c.state = filing && filing->waived ? ClockState::kWaived : ClockState::kWaiting;
      out.push_back(std::move(c));
      continue;
    }
    c.started_at = FormatRfc3339(*start);
    auto due = DueOf(o, *start, *calendar);
    if (!due) continue;
    c.due = FormatRfc3339(*due);
    if (filing && filing->waived) {
      c.state = ClockState::kWaived;
    } else if (filing) {
      auto at = ParseRfc3339(filing->filed_at);
      c.late_days = at ? DaysLate(*due, *at) : 0;
      c.state = c.late_days > 0 ? ClockState::kLate : ClockState::kFiled;
    } else {
      c.late_days = DaysLate(*due, now);
      c.state = c.late_days > 0 ? ClockState::kLate : ClockState::kOpen;
    }
    out.push_back(std::move(c));
  }
  return out;
}

}  // namespace sokuo::core
