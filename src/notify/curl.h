// What the channels share about libcurl: one easy handle per send, and the environment's secrets.
#pragma once

#include <curl/curl.h>

#include <memory>
#include <string>

#include "base/error.h"

namespace sokuo::notify {

struct CurlDeleter {
  void operator()(CURL* c) const { curl_easy_cleanup(c); }
};
struct SlistDeleter {
  void operator()(curl_slist* l) const { curl_slist_free_all(l); }
};
using CurlHandle = std::unique_ptr<CURL, CurlDeleter>;
using CurlList = std::unique_ptr<curl_slist, SlistDeleter>;

// A handle with the settings every send uses: no signals, time limits, no redirects followed.
[[nodiscard]] Result<CurlHandle> NewHandle();

// Appends `item` to `list`.
void Append(CurlList& list, const std::string& item);

// The value of environment variable `name`: a configuration error (kInvalidInput) when unset.
[[nodiscard]] Result<std::string> FromEnvironment(const std::string& name);

// Lower-case hex of HMAC-SHA256(key, text).
std::string HmacSha256Hex(const std::string& key, const std::string& text);

// True when `text` holds no CR or LF (a header value cannot grow headers of its own).
bool IsOneLine(const std::string& text);

}  // namespace sokuo::notify
