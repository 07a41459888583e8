// The emergency binder (G5): what the committee and the IS department need on paper when sokuo
// itself cannot be reached, as one self-contained HTML document (no outside resources) that
// prints in a few pages.
#pragma once

#include <string>

#include "base/message.h"
#include "base/time.h"
#include "core/organization.h"
#include "report/words.h"

namespace sokuo::report {

// The committee and its chair with their phones; the contact tree (the steering council chair,
// the IS department, each department's head and action-plan roles with their deputies in
// order); the outside contacts, public agencies first, with contracts and support hours; the
// systems by tier with what they depend on, RTO, backup, alternate site and workaround; blank
// damage-survey and roll-call forms to fill in by hand. Times on `calendar`, words in `lang`.
std::string BinderHtml(const core::Organization& org, const Stamp& stamp, const Calendar& calendar,
                       Lang lang);

}  // namespace sokuo::report
