// One line per event on stderr: JSON when stderr is not a terminal (for log collectors), plain
// text on a terminal. Events have a short name and string fields.
#pragma once

#include <initializer_list>
#include <string>
#include <string_view>
#include <utility>

namespace sokuo::platform {

enum class LogFormat { kAuto, kText, kJson };
enum class LogLevel { kInfo, kWarn, kError };

using LogFields = std::initializer_list<std::pair<std::string_view, std::string>>;

void InitLogging(LogFormat format);
// From now on informational lines are gathered and written together, at least once a second,
// instead of one write to stderr per line (a server's line per request); a warning or an error
// writes them at once, with everything gathered before it. FlushLog writes what is gathered.
void BatchLogLines();
void FlushLog();
void Log(LogLevel level, std::string_view event, LogFields fields = {});

// The JSON line for an event, without the timestamp; exposed for tests.
std::string JsonLogLine(LogLevel level, std::string_view event, LogFields fields);

}  // namespace sokuo::platform
