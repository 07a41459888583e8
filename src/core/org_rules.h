// The rules an organization must satisfy before sokuo will use it. One rule, one place: the org
// file loader, the API and the CLI all call Validate(). Each problem names the offending field as
// a JSON pointer into the organization ("/systems/3/depends_on/1") so that a codec can turn it
// into a file position.
#pragma once

#include <string>
#include <vector>

#include "base/error.h"
#include "core/organization.h"

namespace sokuo::core {

// Every problem, in document order; empty when the organization is usable.
std::vector<Detail> Validate(const Organization& org);

// True for ids such as "it-dept", "core-network", "p-yamada": lower-case ASCII letters and
// digits, words joined by single hyphens, at most 64 characters.
bool IsSlug(std::string_view id);

// The systems that depend on `id` directly.
std::vector<std::string> Dependents(const Organization& org, std::string_view id);

}  // namespace sokuo::core
