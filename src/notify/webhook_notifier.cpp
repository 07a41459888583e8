#include "notify/webhook_notifier.h"

#include <ctime>

#include <nlohmann/json.hpp>

#include "notify/curl.h"

namespace sokuo::notify {
namespace {

size_t Discard(char*, size_t size, size_t count, void*) { return size * count; }

// Slack's mrkdwn: &, < and > are its control characters (<!channel>, <url|text>), so a reporter's
// words cannot ping a channel or make a link.
std::string SlackText(const std::string& text) {
  std::string out;
  for (char c : text) {
    if (c == '&') {
      out += "&amp;";
    } else if (c == '<') {
      out += "&lt;";
    } else if (c == '>') {
      out += "&gt;";
    } else {
      out += c;
    }
  }
  return out;
}

// Teams reads the text as Markdown: every character that could make a link, an image or markup
// is escaped.
std::string TeamsText(const std::string& text) {
  std::string out;
  for (char c : text) {
    if (std::string_view("\\`*_{}[]()<>#+-.!|").find(c) != std::string_view::npos) out += '\\';
    out += c;
  }
  return out;
}

}  // namespace

std::string WebhookBody(const store::Delivery& d, core::WebhookFormat format) {
  using nlohmann::json;
  switch (format) {
    case core::WebhookFormat::kSlack:
      return json{{"text", "*" + SlackText(d.title) + "*\n" + SlackText(d.body)}}.dump();
    case core::WebhookFormat::kTeams: {
      json card = {{"@type", "MessageCard"},
                   {"@context", "https://schema.org/extensions"},
                   {"summary", d.title},
                   {"title", TeamsText(d.title)},
                   {"text", TeamsText(d.body)}};
      if (!d.link.empty()) {
        card["potentialAction"] =
            json::array({{{"@type", "OpenUri"},
                          {"name", "sokuo"},
                          {"targets", json::array({{{"os", "default"}, {"uri", d.link}}})}}});
      }
      return card.dump();
    }
    case core::WebhookFormat::kJson:
      break;
  }
  return json{{"id", d.id},       {"kind", d.kind}, {"subject", d.subject},
              {"title", d.title}, {"body", d.body}, {"link", d.link}}
      .dump();
}

Result<void> WebhookNotifier::Send(const store::Delivery& d, const core::Notifications& settings) {
  const core::Webhook* hook = nullptr;
  for (const auto& w : settings.webhooks) {
    if (w.id == d.recipient) hook = &w;
  }
  if (hook == nullptr) {
    return Fail(ErrorCode::kInvalidInput, Msg("notify.no_webhook", {{"id", d.recipient}}));
  }
  std::string url = hook->url;
  if (url.empty()) {
    ASSIGN_OR_RETURN(url, FromEnvironment(hook->url_env));
  }
  if (url.rfind("http://", 0) != 0 && url.rfind("https://", 0) != 0) {
    return Fail(ErrorCode::kInvalidInput,
                Msg("org.url_scheme", {{"url", hook->url_env}, {"schemes", "http:// | https://"}}));
  }
  std::string body = WebhookBody(d, hook->format);
  CurlList headers;
  Append(headers, "Content-Type: application/json; charset=utf-8");
  if (IsOneLine(d.id)) Append(headers, "X-Sokuo-Idempotency-Key: " + d.id);
  if (!hook->secret_env.empty()) {
    ASSIGN_OR_RETURN(std::string key, FromEnvironment(hook->secret_env));
    std::string stamp = std::to_string(std::time(nullptr));
    Append(headers, "X-Sokuo-Timestamp: " + stamp);
    Append(headers, "X-Sokuo-Signature: sha256=" + HmacSha256Hex(key, stamp + "." + body));
  }
  ASSIGN_OR_RETURN(CurlHandle h, NewHandle());
  CURL* c = h.get();
  curl_easy_setopt(c, CURLOPT_URL, url.c_str());
  curl_easy_setopt(c, CURLOPT_PROTOCOLS_STR, "http,https");
  curl_easy_setopt(c, CURLOPT_HTTPHEADER, headers.get());
  curl_easy_setopt(c, CURLOPT_POSTFIELDS, body.c_str());
  curl_easy_setopt(c, CURLOPT_POSTFIELDSIZE_LARGE, static_cast<curl_off_t>(body.size()));
  curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, Discard);
  char detail[CURL_ERROR_SIZE] = {};
  curl_easy_setopt(c, CURLOPT_ERRORBUFFER, detail);
  CURLcode rc = curl_easy_perform(c);
  if (rc != CURLE_OK) {
    return Fail(ErrorCode::kUnavailable,
                Msg("notify.webhook_failed",
                    {{"detail", detail[0] != '\0' ? detail : curl_easy_strerror(rc)}}));
  }
  long status = 0;
  curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, &status);
  if (status >= 200 && status < 300) return {};
  ErrorCode code = status == 408 || status == 429 || status >= 500 ? ErrorCode::kUnavailable
                                                                   : ErrorCode::kInvalidInput;
  return Fail(code, Msg("notify.webhook_status", {{"status", std::to_string(status)}}));
}

}  // namespace sokuo::notify
