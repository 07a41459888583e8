#include "base/message.h"

#include <algorithm>
#include <cctype>
#include <filesystem>
#include <fstream>
#include <map>
#include <regex>
#include <set>
#include <sstream>

#include <gtest/gtest.h>

#include "base/error.h"

namespace sokuo {
namespace {

// The placeholders of a template, "{name}" and "{name|prefix}" alike, in order of appearance.
std::multiset<std::string> Placeholders(std::string_view tmpl) {
  std::multiset<std::string> out;
  for (size_t open = tmpl.find('{'); open != std::string_view::npos;
       open = tmpl.find('{', open + 1)) {
    size_t close = tmpl.find('}', open);
    if (close == std::string_view::npos) break;
    out.insert(std::string(tmpl.substr(open, close - open + 1)));
  }
  return out;
}

TEST(MessageCatalogTest, EveryCodeHasBothTextsOnceWithTheSamePlaceholders) {
  std::set<std::string_view> seen;
  ASSERT_FALSE(Catalog().empty());
  for (const CatalogEntry& e : Catalog()) {
    EXPECT_TRUE(seen.insert(e.code).second) << "code listed twice: " << e.code;
    EXPECT_FALSE(e.ja.empty()) << "no Japanese text: " << e.code;
    EXPECT_FALSE(e.en.empty()) << "no English text: " << e.code;
    EXPECT_EQ(Placeholders(e.ja), Placeholders(e.en)) << "placeholders differ: " << e.code;
    if (e.code != "hint.did_you_mean") {
      EXPECT_EQ(Placeholders(e.ja).count("{suggestion}"), 0u)
          << "Render appends the suggestion itself: " << e.code;
    }
    bool lower_dotted = e.code.find('.') != std::string_view::npos;
    for (char c : e.code) {
      lower_dotted &= (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' || c == '.';
    }
    EXPECT_TRUE(lower_dotted) << "codes are lowercase area.what: " << e.code;
  }
}

// Every Msg("code" ...) literal under src/ must name a catalog code.
TEST(MessageCatalogTest, EveryCodeUsedInTheSourceIsInTheCatalog) {
  std::set<std::string_view> known;
  for (const CatalogEntry& e : Catalog()) known.insert(e.code);
  const std::string needle = "Msg(\"";
  size_t files = 0;
  size_t used = 0;
  std::map<std::string, std::string> missing;  // code → first file
  for (const auto& entry : std::filesystem::recursive_directory_iterator(SOKUO_SOURCE_DIR "/src")) {
    auto ext = entry.path().extension();
    if (!entry.is_regular_file() || (ext != ".cpp" && ext != ".h")) continue;
    if (entry.path().filename() == "message_test.cpp") continue;  // its literals are test data
    ++files;
    std::ifstream in(entry.path());
    std::stringstream text;
    text << in.rdbuf();
    std::string s = text.str();
    for (size_t at = s.find(needle); at != std::string::npos; at = s.find(needle, at + 1)) {
      size_t begin = at + needle.size();
      size_t end = s.find('"', begin);
      if (end == std::string::npos) break;
      std::string code = s.substr(begin, end - begin);
      ++used;
      if (known.count(code) == 0) missing.emplace(code, entry.path().string());
    }
  }
  EXPECT_GT(files, 20u) << "the scan found too few files to be looking in src/";
  EXPECT_GT(used, 0u) << "no Msg(\"...\") found: the scan is broken";
  for (const auto& [code, file] : missing) {
    ADD_FAILURE() << "code '" << code << "' used in " << file << " is not in the catalog";
  }
}

TEST(MessageTest, RenderFillsPlaceholdersInEitherLanguage) {
  struct Case {
    Message m;
    Lang lang;
    std::string want;
  };
  const Case cases[] = {
      {Msg("field.required"), Lang::kEn, "is required"},
      {Msg("field.required"), Lang::kJa, "必須です"},
      {Msg("field.too_long", {{"max", "200"}}), Lang::kEn, "is longer than 200 bytes"},
      {Msg("field.too_long", {{"max", "200"}}), Lang::kJa, "200 バイトを超えています"},
      // {what|term} renders the term in the same language; an unknown term shows as it is.
      {Msg("ref.unknown", {{"what", "person"}, {"id", "p-x"}, {"suggestion", ""}}), Lang::kEn,
       "unknown person 'p-x'"},
      {Msg("ref.unknown", {{"what", "person"}, {"id", "p-x"}, {"suggestion", ""}}), Lang::kJa,
       "人物「p-x」は登録されていません"},
      {Msg("ref.unknown", {{"what", "gadget"}, {"id", "g"}}), Lang::kEn, "unknown gadget 'g'"},
      // A non-empty suggestion appends the hint.
      {Msg("ref.unknown", {{"what", "system"}, {"id", "erq"}, {"suggestion", "erp"}}), Lang::kEn,
       "unknown system 'erq' (did you mean 'erp'?)"},
      {Msg("ref.unknown", {{"what", "system"}, {"id", "erq"}, {"suggestion", "erp"}}), Lang::kJa,
       "システム「erq」は登録されていません（「erp」の誤りではありませんか？）"},
      {Msg("incident.move_refused", {{"from", "reported"}, {"to", "closed"}}), Lang::kJa,
       "「報告済み」から「完了」へ進めません"},
      // A missing parameter stays visible; parameter order does not matter.
      {Msg("field.too_long"), Lang::kEn, "is longer than {max} bytes"},
      {Msg("incident.move_refused", {{"to", "closed"}}), Lang::kEn,
       "cannot move from {from|state} to closed"},
      // Values are not templates: braces in a value are copied as they are.
      {Msg("json.unknown_key", {{"key", "{max}"}, {"suggestion", ""}}), Lang::kEn,
       "unknown key '{max}'"},
      // An unknown code renders as itself and its parameters.
      {Msg("no.such_code"), Lang::kJa, "no.such_code"},
      {Msg("no.such_code", {{"a", "1"}, {"b", "x"}}), Lang::kEn, "no.such_code (a=1, b=x)"},
      {Msg(""), Lang::kEn, ""},
  };
  for (const Case& c : cases) {
    EXPECT_EQ(Render(c.m, c.lang), c.want) << c.m.code;
  }
}

TEST(MessageTest, ParseLangReadsTagsAndLocales) {
  struct Case {
    std::string_view in;
    std::optional<Lang> want;
  };
  const Case cases[] = {
      {"ja", Lang::kJa},          {"en", Lang::kEn},          {"ja-JP", Lang::kJa},
      {"EN-us", Lang::kEn},       {"en_US.UTF-8", Lang::kEn}, {"ja_JP.eucJP", Lang::kJa},
      {"en@euro", Lang::kEn},     {"C", std::nullopt},        {"C.UTF-8", std::nullopt},
      {"POSIX", std::nullopt},    {"fr", std::nullopt},       {"", std::nullopt},
      {"japanese", std::nullopt}, {"jav", std::nullopt},
  };
  for (const Case& c : cases) EXPECT_EQ(ParseLang(c.in), c.want) << "'" << c.in << "'";
}

TEST(MessageTest, AcceptLanguagePicksTheHeaviestOfJapaneseAndEnglish) {
  struct Case {
    std::string_view header;
    Lang fallback;
    Lang want;
  };
  const Case cases[] = {
      {"en-US,en;q=0.9", Lang::kJa, Lang::kEn},
      {"ja,en;q=0.5", Lang::kEn, Lang::kJa},
      {"en;q=0.5, ja", Lang::kEn, Lang::kJa},
      {"fr-FR, en;q=0.8, ja;q=0.9", Lang::kEn, Lang::kJa},
      {"fr", Lang::kJa, Lang::kJa},
      {"fr", Lang::kEn, Lang::kEn},
      {"", Lang::kJa, Lang::kJa},
      {"", Lang::kEn, Lang::kEn},
      {"*", Lang::kJa, Lang::kJa},
      {"*", Lang::kEn, Lang::kEn},
      {"ja;q=0, en;q=0.1", Lang::kJa, Lang::kEn},  // q=0 means "not acceptable"
      {"en;q=0", Lang::kJa, Lang::kJa},
      {"en;q=0.5, ja;q=0.5", Lang::kJa, Lang::kEn},  // equal weights: the first wins
      {" en-GB ; q=1.0 , ja ; q=0.999", Lang::kJa, Lang::kEn},
      {"en;q=abc, ja;q=0.2", Lang::kEn, Lang::kJa},  // a bad q-value counts as 0
  };
  for (const Case& c : cases) {
    EXPECT_EQ(LangFromAcceptLanguage(c.header, c.fallback), c.want) << "'" << c.header << "'";
  }
}

TEST(MessageTest, FailWithAMessageKeepsEnglishTextForLogs) {
  Result<int> r =
      Fail(ErrorCode::kConflict, Msg("incident.already_in_state", {{"state", "closed"}}), "/state");
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().message, "the incident is already closed");
  EXPECT_EQ(r.error().where, "/state");
  EXPECT_EQ(r.error().Text(Lang::kJa), "インシデントはすでに「完了」です");
  EXPECT_EQ(r.error().Text(Lang::kEn), "the incident is already closed");

  // No text at all: the error code's own message.
  EXPECT_EQ(Error{ErrorCode::kNotFound}.Text(Lang::kJa), "見つかりません");
  EXPECT_EQ(Error{ErrorCode::kNotFound}.Text(Lang::kEn), "not found");

  Detail d = MakeDetail("/title", Msg("field.required"));
  EXPECT_EQ(d.message, "is required");
  EXPECT_EQ(d.Text(Lang::kJa), "必須です");
  EXPECT_EQ((Detail{"/x", "legacy"}.Text(Lang::kJa)), "legacy");
}

// Every error code has its default text in the catalog.
TEST(MessageTest, EveryErrorCodeHasACatalogText) {
#define SOKUO_ERROR_CHECK(name, slug, http, exit_code, message) \
  EXPECT_EQ(Error{ErrorCode::name}.Text(Lang::kEn), message);   \
  EXPECT_NE(Error{ErrorCode::name}.Text(Lang::kJa), message);
  SOKUO_ERROR_CODES(SOKUO_ERROR_CHECK)
#undef SOKUO_ERROR_CHECK
}

// Every code the web interface asks for (t('code') in web/src) is in the catalog; a code built
// from a value (t(`state.${s}`)) needs at least one code with that beginning.
TEST(MessageCatalogTest, EveryCodeTheWebInterfaceUsesIsInTheCatalog) {
  std::set<std::string_view> known;
  for (const CatalogEntry& e : Catalog()) known.insert(e.code);
  auto begins = [&](const std::string& prefix) {
    return std::any_of(known.begin(), known.end(),
                       [&](std::string_view c) { return c.substr(0, prefix.size()) == prefix; });
  };
  const std::filesystem::path web = SOKUO_SOURCE_DIR "/web/src";
  ASSERT_TRUE(std::filesystem::is_directory(web)) << web;
  size_t used = 0;
  for (const auto& entry : std::filesystem::recursive_directory_iterator(web)) {
    auto ext = entry.path().extension();
    if (!entry.is_regular_file() || (ext != ".ts" && ext != ".tsx")) continue;
    std::ifstream in(entry.path());
    std::stringstream text;
    text << in.rdbuf();
    std::string s = text.str();
    for (size_t at = s.find("t("); at != std::string::npos; at = s.find("t(", at + 2)) {
      if (at > 0 && (std::isalnum(static_cast<unsigned char>(s[at - 1])) || s[at - 1] == '_')) {
        continue;  // part of another name: set(, split(
      }
      char quote = at + 2 < s.size() ? s[at + 2] : '\0';
      if (quote != '\'' && quote != '`') continue;
      size_t end = s.find(quote, at + 3);
      if (end == std::string::npos) break;
      std::string code = s.substr(at + 3, end - at - 3);
      ++used;
      if (size_t dollar = code.find("${"); quote == '`' && dollar != std::string::npos) {
        EXPECT_TRUE(begins(code.substr(0, dollar)))
            << "no code begins with '" << code.substr(0, dollar) << "' (" << entry.path() << ")";
      } else {
        EXPECT_EQ(known.count(code), 1u)
            << "code '" << code << "' used in " << entry.path() << " is not in the catalog";
      }
    }
  }
  EXPECT_GT(used, 20u) << "the scan found too few t('...') calls to be looking at web/src";
}

// The forms' field specifications name codes too: a label, a heading (title="ui.act_…") or a
// prefix of option labels (prefix: 'ui.task' → ui.task.<value>).
TEST(MessageCatalogTest, EveryCodeAFormNamesIsInTheCatalog) {
  std::set<std::string, std::less<>> known;
  for (const CatalogEntry& e : Catalog()) known.insert(std::string(e.code));
  const std::regex named(R"re((label|title|empty|prefix)(: |=)['"]([a-z_]+(\.[a-z_0-9]+)+)['"])re");
  size_t used = 0;
  for (const auto& entry :
       std::filesystem::recursive_directory_iterator(SOKUO_SOURCE_DIR "/web/src")) {
    if (!entry.is_regular_file() || entry.path().extension() != ".tsx") continue;
    std::ifstream in(entry.path());
    std::stringstream text;
    text << in.rdbuf();
    std::string s = text.str();
    for (std::sregex_iterator m(s.begin(), s.end(), named), end; m != end; ++m) {
      ++used;
      std::string code = (*m)[3];
      if ((*m)[1] == "prefix") {
        auto next = known.lower_bound(code + ".");
        EXPECT_TRUE(next != known.end() && next->starts_with(code + "."))
            << "no code begins with '" << code << ".' (" << entry.path() << ")";
      } else {
        EXPECT_EQ(known.count(code), 1u)
            << "code '" << code << "' named in " << entry.path() << " is not in the catalog";
      }
    }
  }
  EXPECT_GT(used, 50u) << "the scan found too few field specifications to be looking at web/src";
}

}  // namespace
}  // namespace sokuo
