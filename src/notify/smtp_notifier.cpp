#include "notify/smtp_notifier.h"

#include <sodium.h>

#include <algorithm>
#include <ctime>

#include "base/sha256.h"
#include "notify/curl.h"

namespace sokuo::notify {
namespace {

std::string Base64(const std::string& bytes) {
  std::string out(sodium_base64_ENCODED_LEN(bytes.size(), sodium_base64_VARIANT_ORIGINAL), '\0');
  sodium_bin2base64(out.data(), out.size(), reinterpret_cast<const unsigned char*>(bytes.data()),
                    bytes.size(), sodium_base64_VARIANT_ORIGINAL);
  out.resize(out.size() - 1);  // the terminating NUL
  return out;
}

// RFC 2047: a header text that is not ASCII travels as base64 UTF-8, in encoded words of at most
// 75 characters (45 bytes each, cut between characters), on folded lines.
std::string EncodedWords(const std::string& text) {
  std::string out;
  size_t at = 0;
  while (at < text.size() || out.empty()) {
    size_t end = std::min(at + 45, text.size());
    // Back to the start of a character: UTF-8 continuation bytes are 10xxxxxx.
    while (end < text.size() && end > at &&
           (static_cast<unsigned char>(text[end]) & 0xC0) == 0x80) {
      --end;
    }
    if (!out.empty()) out += "\r\n ";
    out += "=?UTF-8?B?" + Base64(text.substr(at, end - at)) + "?=";
    at = end;
    if (text.empty()) break;
  }
  return out;
}

std::string Now822() {
  std::time_t t = std::time(nullptr);
  std::tm utc{};
  gmtime_r(&t, &utc);
  char buf[64];
  std::strftime(buf, sizeof buf, "%a, %d %b %Y %H:%M:%S +0000", &utc);
  return buf;
}

struct Upload {
  const std::string* text;
  size_t at = 0;
};

size_t ReadChunk(char* buffer, size_t size, size_t count, void* user) {
  auto* up = static_cast<Upload*>(user);
  size_t n = std::min(size * count, up->text->size() - up->at);
  std::copy_n(up->text->data() + up->at, n, buffer);
  up->at += n;
  return n;
}

}  // namespace

std::string MailText(const store::Delivery& d, const std::string& from, const std::string& date) {
  // The body in base64 lines of 76, as RFC 2045 asks.
  std::string body = Base64(d.body);
  std::string wrapped;
  for (size_t i = 0; i < body.size(); i += 76) wrapped += body.substr(i, 76) + "\r\n";
  return "Date: " + date + "\r\nFrom: <" + from + ">\r\nTo: <" + d.address +
         ">\r\nSubject: " + EncodedWords(d.title) + "\r\nMessage-ID: <" + Sha256Hex(d.id) +
         "@sokuo>\r\nX-Sokuo-Idempotency-Key: " + d.id + "\r\nX-Sokuo-Kind: " + d.kind +
         "\r\nContent-Language: " + d.lang + "\r\nAuto-Submitted: auto-generated" +
         "\r\nMIME-Version: 1.0\r\nContent-Type: text/plain; charset=UTF-8\r\n"
         "Content-Transfer-Encoding: base64\r\n\r\n" +
         wrapped;
}

Result<void> SmtpNotifier::Send(const store::Delivery& d, const core::Notifications& settings) {
  if (!settings.email) {
    return Fail(ErrorCode::kInvalidInput, Msg("notify.no_email"));
  }
  const core::EmailSettings& email = *settings.email;
  // An address or id that could add header lines is refused rather than sent.
  for (const std::string* field : {&d.address, &d.id, &d.kind, &email.from}) {
    if (!IsOneLine(*field) || field->find_first_of("<>") != std::string::npos) {
      return Fail(ErrorCode::kInvalidInput,
                  Msg("notify.smtp_refused", {{"detail", "not one line: " + *field}}));
    }
  }
  ASSIGN_OR_RETURN(CurlHandle h, NewHandle());
  std::string password;
  if (!email.user.empty() && !email.password_env.empty()) {
    ASSIGN_OR_RETURN(password, FromEnvironment(email.password_env));
  }
  std::string text = MailText(d, email.from, Now822());
  Upload upload{&text};
  CurlList rcpt;
  Append(rcpt, "<" + d.address + ">");
  std::string from = "<" + email.from + ">";
  CURL* c = h.get();
  curl_easy_setopt(c, CURLOPT_URL, email.smtp.c_str());
  curl_easy_setopt(c, CURLOPT_MAIL_FROM, from.c_str());
  curl_easy_setopt(c, CURLOPT_MAIL_RCPT, rcpt.get());
  curl_easy_setopt(c, CURLOPT_READFUNCTION, ReadChunk);
  curl_easy_setopt(c, CURLOPT_READDATA, &upload);
  curl_easy_setopt(c, CURLOPT_UPLOAD, 1L);
  long tls = email.starttls == core::StartTls::kNone  ? static_cast<long>(CURLUSESSL_NONE)
             : email.starttls == core::StartTls::kTry ? static_cast<long>(CURLUSESSL_TRY)
                                                      : static_cast<long>(CURLUSESSL_ALL);
  curl_easy_setopt(c, CURLOPT_USE_SSL, tls);
  if (!email.user.empty()) {
    curl_easy_setopt(c, CURLOPT_USERNAME, email.user.c_str());
    curl_easy_setopt(c, CURLOPT_PASSWORD, password.c_str());
  }
  char detail[CURL_ERROR_SIZE] = {};
  curl_easy_setopt(c, CURLOPT_ERRORBUFFER, detail);
  CURLcode rc = curl_easy_perform(c);
  if (rc == CURLE_OK) return {};
  long reply = 0;
  curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, &reply);
  std::string why = detail[0] != '\0' ? detail : curl_easy_strerror(rc);
  if (reply >= 500 && reply < 600) {
    // A permanent refusal (no such mailbox, relaying denied): waiting will not help.
    return Fail(ErrorCode::kInvalidInput,
                Msg("notify.smtp_refused", {{"detail", std::to_string(reply) + " " + why}}));
  }
  return Fail(ErrorCode::kUnavailable, Msg("notify.smtp_failed", {{"detail", why}}));
}

}  // namespace sokuo::notify
