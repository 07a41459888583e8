#include "platform/syslog_framer.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace sokuo::platform {
namespace {

struct Framed {
  std::vector<std::string> messages;  // a cut message ends in "…"
  SyslogFramer::Step end = SyslogFramer::Step::kMore;
};

// The bytes fed one at a time (the hardest split), every message read, then the end.
Framed Frame(std::string_view bytes, size_t max = 64) {
  SyslogFramer framer(max);
  Framed out;
  std::string m;
  bool cut = false;
  for (char c : bytes) {
    framer.Append(std::string_view(&c, 1));
    while (framer.Next(m, cut) == SyslogFramer::Step::kMessage) {
      out.messages.push_back(cut ? m + "…" : m);
    }
  }
  out.end = framer.Finish(m, cut);
  if (out.end == SyslogFramer::Step::kMessage) out.messages.push_back(cut ? m + "…" : m);
  return out;
}

using Messages = std::vector<std::string>;
using Step = SyslogFramer::Step;

TEST(SyslogFramerTest, EachFramingAndWhatIsNotAnOctetCount) {
  struct Case {
    const char* name;
    std::string bytes;
    Messages expected;
    Step end;
  };
  const Case cases[] = {
      {"octet counted", "11 <13>counted6 <14>ab", {"<13>counted", "<14>ab"}, Step::kMore},
      {"LF, CRLF and NUL",
       std::string("<13>a\n<13>b\r\n<13>c\0", 19),
       {"<13>a", "<13>b", "<13>c"},
       Step::kMore},
      {"empty lines are skipped", "\n\r\n<13>x\n\n", {"<13>x"}, Step::kMore},
      {"a counted message keeps its own LF", "5 <13>\n", {"<13>"}, Step::kMore},
      {"a date without PRI is a line",
       "2026-11-27 h app: x\n",
       {"2026-11-27 h app: x"},
       Step::kMore},
      {"digits and a letter", "12x y\n", {"12x y"}, Step::kMore},
      {"more digits than a count has", "12345678901 y\n", {"12345678901 y"}, Step::kMore},
      {"a zero is no count", "0 y\n", {"0 y"}, Step::kMore},
      {"the last line without an end", "<13>a\n<13>tail", {"<13>a", "<13>tail"}, Step::kMessage},
      {"digits alone at the end", "42", {"42"}, Step::kMessage},
      {"the stream ends inside a counted message", "20 <13>short", {}, Step::kError},
      {"the stream ends after a count", "20 ", {}, Step::kError},
  };
  for (const Case& c : cases) {
    Framed f = Frame(c.bytes);
    EXPECT_EQ(f.messages, c.expected) << c.name;
    EXPECT_EQ(f.end, c.end) << c.name;
  }
}

TEST(SyslogFramerTest, LongMessagesAreCutAndTheRestSkipped) {
  EXPECT_EQ(Frame("<13>abcdefgh\n<13>ok\n", 6).messages, (Messages{"<13>ab…", "<13>ok"}));
  EXPECT_EQ(Frame("12 <13>abcdefgh5 <13>k", 6).messages, (Messages{"<13>ab…", "<13>k"}));
  // Exactly the limit is whole, with or without a CR before the LF.
  EXPECT_EQ(Frame("<13>ab\r\n<13>cd\n", 6).messages, (Messages{"<13>ab", "<13>cd"}));
}

TEST(SyslogFramerTest, TheTrailerIsOneEnd) {
  EXPECT_EQ(StripTrailer("a\r\n"), "a");
  EXPECT_EQ(StripTrailer("a\n\n"), "a\n");
  EXPECT_EQ(StripTrailer(std::string_view("a\0", 2)), "a");
  EXPECT_EQ(StripTrailer("a\r"), "a\r");
  EXPECT_EQ(StripTrailer(""), "");
}

}  // namespace
}  // namespace sokuo::platform
