// What every printed document says the same way: catalog texts in the reader's language, the
// names of people, departments, systems and outside contacts as the organization file gives
// them (English names in English when there are some), times on the company's clock, and HTML
// table rows whose cells are escaped.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "base/message.h"
#include "base/time.h"
#include "core/organization.h"
#include "report/html.h"

namespace sokuo::report {

class Words {
 public:
  Words(const core::Organization& org, const Calendar& calendar, Lang lang)
      : org_(org), calendar_(calendar), lang_(lang) {}

  Lang lang() const { return lang_; }
  const core::Organization& org() const { return org_; }

  std::string T(const char* code, MessageParams params = {}) const {
    return Render(Msg(code, std::move(params)), lang_);
  }
  std::string T(const Message& m) const { return Render(m, lang_); }
  template <class X>
  std::string NameOf(const X& x) const {
    return lang_ == Lang::kEn && !x.name_en.empty() ? x.name_en : x.name;
  }
  std::string Company() const { return NameOf(org_.company); }
  // A person's name; "cli:<user>" and unknown ids stay as they are.
  std::string Person(const std::string& id) const;
  std::string Department(const std::string& id) const;
  std::string System(const std::string& id) const;
  std::string Contact(const std::string& id) const;
  // Several of them, "a, b".
  std::string PersonList(const std::vector<std::string>& ids) const;
  std::string DepartmentList(const std::vector<std::string>& ids) const;
  std::string SystemList(const std::vector<std::string>& ids) const;
  // A person's phones: "携帯 090-… / 会社 03-…".
  std::string Phones(const std::string& id) const;
  // An RFC 3339 time on the company's clock; "" for "".
  std::string Time(const std::string& rfc3339) const {
    return rfc3339.empty() ? "" : calendar_.FormatLocal(std::string_view(rfc3339));
  }
  const std::string& TimeZone() const { return org_.company.time_zone; }

  // One table row: the cells escaped; a cell's line breaks become <br>.
  static void Row(Html& h, const std::vector<std::string>& cells, bool head = false);
  // `text` escaped, its line breaks as <br>.
  static void Lines(Html& h, const std::string& text);

 private:
  const core::Organization& org_;
  const Calendar& calendar_;
  Lang lang_;
};

// Where a document stands in the record: when it was made and the journal head then, so a
// reader can tell an old copy and an auditor can tie it to the journal.
struct Stamp {
  std::string generated_at;  // RFC 3339
  int64_t head_seq = 0;
  std::string head_hash;
};

// The start of a printable document (A4, plain type, ruled tables) up to its header: the
// title, when it was made, the journal head; End closes it.
void Begin(Html& h, const Words& w, const std::string& title, const Stamp& stamp);
void End(Html& h);

// "a, b, c".
std::string JoinWords(const std::vector<std::string>& items, const char* separator = ", ");

}  // namespace sokuo::report
