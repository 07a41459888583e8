// G4.3.2c: reporting duties (obligations) and their clocks. The organization file lists the
// duties that apply to the company (the personal-data regulator's preliminary and final reports,
// the notice to individuals, GDPR's 72 hours, NIS2's 24 h / 72 h / one month, a customer
// contract's notice …), each with the facts that trigger it and how its deadline is counted;
// an incident whose facts trigger a duty has a clock that runs until the report is filed (or the
// committee records why it is not). Pure: time comes in as a parameter.
#pragma once

#include <array>
#include <optional>
#include <string>
#include <vector>

#include "base/time.h"
#include "core/incident.h"
#include "core/organization.h"

namespace sokuo::core {

// The facts of an incident a duty can depend on (Obligation::when, ::unless).
inline constexpr std::array<std::string_view, 7> kObligationTriggers = {
    "personal_data",  // personal data leaked, or possibly leaked (漏えい等のおそれ)
    "sensitive_personal_data",  // 要配慮個人情報, yes or possibly
    "financial_harm",           // risk of financial harm from misuse, yes or possibly
    "unauthorized_purpose",  // a suspected unauthorized purpose (不正の目的), yes or possibly
    "over_1000_persons",     // more than 1,000 persons' personal data
    "customers_affected",    // harm to customers or partners: possible or serious
    "significant",           // a significant incident (NIS2): priority P1 or P2
};
bool IsObligationTrigger(std::string_view name);

// The duty's name for a message read in either language: "速報 / Preliminary report".
std::string DutyName(const Obligation& o);

// Which of the triggers hold for `i` (in the order of kObligationTriggers).
std::vector<std::string> FactsOf(const Incident& i, const Organization& org);

enum class ClockState {
  kWaiting,  // counted from another duty's filing, which has not been filed yet
  kOpen,     // running
  kFiled,    // filed in time
  kLate,     // filed after the deadline, or still open past it
  kWaived,   // the committee recorded why it is not filed
};
inline constexpr auto kClockStates = MakeEnumNames<ClockState>(
    std::pair{ClockState::kWaiting, "waiting"}, std::pair{ClockState::kOpen, "open"},
    std::pair{ClockState::kFiled, "filed"}, std::pair{ClockState::kLate, "late"},
    std::pair{ClockState::kWaived, "waived"});

struct ObligationClock {
  std::string obligation;                // its id
  std::string name, name_en, recipient;  // the duty's, for those who read the clock
  ClockState state = ClockState::kOpen;
  std::string started_at;  // RFC 3339: awareness, or the filing it counts from
  std::string due;         // RFC 3339; empty while waiting
  int late_days = 0;       // days past the deadline: filed late, or open past it as of now
  std::optional<Filing> filing;
  friend bool operator==(const ObligationClock&, const ObligationClock&) = default;
};

// The clocks of every duty `i`'s facts trigger (and of every duty already filed for it), in the
// order of the organization's list, as of `now`.
std::vector<ObligationClock> ClocksOf(const Incident& i, const Organization& org, Timestamp now);

// The deadline of `o` for a clock started at `start` in the company's zone.
[[nodiscard]] Result<Timestamp> DueOf(const Obligation& o, Timestamp start,
                                      const Calendar& calendar);

}  // namespace sokuo::core
