#include "notify/curl.h"

#include <sodium.h>

#include <cstdlib>

namespace sokuo::notify {

Result<CurlHandle> NewHandle() {
  CurlHandle h(curl_easy_init());
  if (!h) return Fail(ErrorCode::kInternal, Msg("notify.failed", {{"detail", "curl_easy_init"}}));
  curl_easy_setopt(h.get(), CURLOPT_NOSIGNAL, 1L);
  curl_easy_setopt(h.get(), CURLOPT_CONNECTTIMEOUT, 10L);
  curl_easy_setopt(h.get(), CURLOPT_TIMEOUT, 30L);
  curl_easy_setopt(h.get(), CURLOPT_FOLLOWLOCATION, 0L);
  return h;
}

void Append(CurlList& list, const std::string& item) {
  curl_slist* grown = curl_slist_append(list.get(), item.c_str());
  if (grown != nullptr) {
    (void)list.release();
    list.reset(grown);
  }
}

Result<std::string> FromEnvironment(const std::string& name) {
  const char* value = std::getenv(name.c_str());
  if (value == nullptr || *value == '\0') {
    return Fail(ErrorCode::kInvalidInput, Msg("notify.no_env", {{"name", name}}));
  }
  return std::string(value);
}

std::string HmacSha256Hex(const std::string& key, const std::string& text) {
  crypto_auth_hmacsha256_state state;
  crypto_auth_hmacsha256_init(&state, reinterpret_cast<const unsigned char*>(key.data()),
                              key.size());
  crypto_auth_hmacsha256_update(&state, reinterpret_cast<const unsigned char*>(text.data()),
                                text.size());
  unsigned char mac[crypto_auth_hmacsha256_BYTES];
  crypto_auth_hmacsha256_final(&state, mac);
  char hex[crypto_auth_hmacsha256_BYTES * 2 + 1];
  sodium_bin2hex(hex, sizeof hex, mac, sizeof mac);
  return hex;
}

bool IsOneLine(const std::string& text) { return text.find_first_of("\r\n") == std::string::npos; }

}  // namespace sokuo::notify
