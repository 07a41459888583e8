#include "platform/log.h"

#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <mutex>

#include <spdlog/sinks/base_sink.h>
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

// stderr: a write per line, or, once batching (BatchLogLines), lines gathered in memory until
// a flush (the logger's, on a warning or once a second) or until 64 KiB have gathered.
class StderrSink final : public spdlog::sinks::base_sink<std::mutex> {
 public:
  ~StderrSink() override { flush(); }
  void Batch() {
    std::lock_guard lock(mutex_);
    batch_ = true;
  }

 protected:
  void sink_it_(const spdlog::details::log_msg& msg) override {
    spdlog::memory_buf_t formatted;
    formatter_->format(msg, formatted);
    pending_.append(formatted.data(), formatted.size());
    if (!batch_ || pending_.size() >= kMaxPending) flush_();
  }
  void flush_() override {
    size_t done = 0;
    while (done < pending_.size()) {
      ssize_t n = ::write(2, pending_.data() + done, pending_.size() - done);
      if (n < 0 && errno == EINTR) continue;
      if (n <= 0) break;  // stderr is gone: nothing else can be told
      done += static_cast<size_t>(n);
    }
    pending_.clear();
  }

 private:
  static constexpr size_t kMaxPending = size_t{64} * 1024;
  std::string pending_;
  bool batch_ = false;  // guarded by mutex_
};

std::shared_ptr<StderrSink> stderr_sink;

}  // namespace

void BatchLogLines() {
  if (!stderr_sink) return;
  stderr_sink->Batch();
  spdlog::flush_every(std::chrono::seconds(1));
}

void FlushLog() { spdlog::default_logger()->flush(); }

void InitLogging(LogFormat format) {
  json_format = format == LogFormat::kJson || (format == LogFormat::kAuto && !::isatty(2));
  stderr_sink = std::make_shared<StderrSink>();
  auto logger = std::make_shared<spdlog::logger>("sokuo", stderr_sink);
  logger->set_pattern(
      json_format ? R"({"time":"%Y-%m-%dT%H:%M:%S.%fZ",%v})" : "%Y-%m-%d %H:%M:%S %v",
      spdlog::pattern_time_type::utc);
  // A warning or an error is written at once, with every line gathered before it.
  logger->flush_on(spdlog::level::warn);
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
