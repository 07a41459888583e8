#include "platform/log.h"

#include <unistd.h>

#include <spdlog/sinks/stdout_sinks.h>
#include <spdlog/spdlog.h>

namespace sokuo::platform {
namespace {

bool json_format = false;

std::string_view LevelName(LogLevel level) {
  switch (level) {
    case LogLevel::kWarn:
      return "warn";
    case LogLevel::kError:
      return "error";
    default:
      return "info";
  }
}

void AppendJsonString(std::string& out, std::string_view s) {
  out.push_back('"');
  for (char c : s) {
    switch (c) {
      case '"':
        out += "\\\"";
        break;
      case '\\':
        out += "\\\\";
        break;
      case '\n':
        out += "\\n";
        break;
      case '\r':
        out += "\\r";
        break;
      case '\t':
        out += "\\t";
        break;
      default:
        if (static_cast<unsigned char>(c) < 0x20) {
          char buf[8];
          std::snprintf(buf, sizeof buf, "\\u%04x", c);
          out += buf;
        } else {
          out.push_back(c);
        }
    }
  }
  out.push_back('"');
}

}  // namespace

void InitLogging(LogFormat format) {
  json_format = format == LogFormat::kJson || (format == LogFormat::kAuto && !::isatty(2));
  auto logger = spdlog::stderr_logger_mt("sokuo");
  logger->set_pattern(
      json_format ? R"({"time":"%Y-%m-%dT%H:%M:%S.%fZ",%v})" : "%Y-%m-%d %H:%M:%S %v",
      spdlog::pattern_time_type::utc);
  logger->flush_on(spdlog::level::info);
  spdlog::set_default_logger(logger);
}

std::string JsonLogLine(LogLevel level, std::string_view event, LogFields fields) {
  std::string line = "\"level\":";
  AppendJsonString(line, LevelName(level));
  line += ",\"event\":";
  AppendJsonString(line, event);
  for (const auto& [key, value] : fields) {
    line.push_back(',');
    AppendJsonString(line, key);
    line.push_back(':');
    AppendJsonString(line, value);
  }
  return line;
}

void Log(LogLevel level, std::string_view event, LogFields fields) {
  std::string line;
  if (json_format) {
    line = JsonLogLine(level, event, fields);
  } else {
    line = std::string(LevelName(level)) + " " + std::string(event);
    for (const auto& [key, value] : fields) line += " " + std::string(key) + "=" + value;
  }
  auto spd = level == LogLevel::kError  ? spdlog::level::err
             : level == LogLevel::kWarn ? spdlog::level::warn
                                        : spdlog::level::info;
  spdlog::log(spd, "{}", line);
}

}  // namespace sokuo::platform
