// The emergency binder (G5): what the committee and the IS department need on paper when sokuo
// itself cannot be reached, as one self-contained HTML document (no outside resources) that
// prints in a few pages.
#pragma once

#include <string>

#include "base/message.h"
#include "base/time.h"
#include "core/organization.h"

namespace sokuo::report {

// Where the binder stands in the record: when it was made and the journal head then, so a
// reader can tell an old copy and an auditor can tie it to the journal.
struct BinderStamp {
  std::string generated_at;  // RFC 3339
  int64_t head_seq = 0;
  std::string head_hash;
};

// The committee and its chair with their phones; the contact tree (the steering council chair,
// the IS department, each department's head and action-plan roles with their deputies in
// order); the outside contacts, public agencies first, with contracts and support hours; the
// systems by tier with what they depend on, RTO, backup, alternate site and workaround; blank
// damage-survey and roll-call forms to fill in by hand. Times on `calendar`, words in `lang`.
std::string BinderHtml(const core::Organization& org, const BinderStamp& stamp,
                       const Calendar& calendar, Lang lang);

}  // namespace sokuo::report
