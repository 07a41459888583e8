#include "http/encoding.h"

#include <zlib.h>

#include <cctype>
#include <climits>

namespace sokuo::http {
namespace {

std::string_view Trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

bool EqualsIgnoringCase(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (size_t i = 0; i < a.size(); ++i) {
    if (std::tolower(static_cast<unsigned char>(a[i])) !=
        std::tolower(static_cast<unsigned char>(b[i]))) {
      return false;
    }
  }
  return true;
}

// The weight of one list member's parameters ("q=0.5"): 1 when there is none, nullopt when it
// is malformed (RFC 9110 §12.4.2: "0", "1", or up to three decimals).
std::optional<int> Weight(std::string_view params) {
  int weight = 1000;
  while (!params.empty()) {
    size_t semi = params.find(';');
    std::string_view param = Trim(params.substr(0, semi));
    params = semi == std::string_view::npos ? std::string_view() : params.substr(semi + 1);
    size_t eq = param.find('=');
    if (eq == std::string_view::npos) return std::nullopt;
    if (!EqualsIgnoringCase(Trim(param.substr(0, eq)), "q")) continue;
    std::string_view q = Trim(param.substr(eq + 1));
    if (q.empty() || (q[0] != '0' && q[0] != '1')) return std::nullopt;
    int value = (q[0] - '0') * 1000;
    if (q.size() > 1) {
      if (q[1] != '.' || q.size() > 5) return std::nullopt;
      int scale = 100;
      for (char c : q.substr(2)) {
        if (c < '0' || c > '9') return std::nullopt;
        value += (c - '0') * scale;
        scale /= 10;
      }
    }
    if (value > 1000) return std::nullopt;
    weight = value;
  }
  return weight;
}

}  // namespace

bool AcceptsGzip(std::string_view accept_encoding) {
  std::optional<int> gzip, any;
  while (!accept_encoding.empty()) {
    size_t comma = accept_encoding.find(',');
    std::string_view member = accept_encoding.substr(0, comma);
    accept_encoding =
        comma == std::string_view::npos ? std::string_view() : accept_encoding.substr(comma + 1);
    size_t semi = member.find(';');
    std::string_view coding = Trim(member.substr(0, semi));
    if (coding.empty()) continue;
    std::optional<int> weight =
        Weight(semi == std::string_view::npos ? std::string_view() : member.substr(semi + 1));
    if (!weight) return false;
    if (EqualsIgnoringCase(coding, "gzip") || EqualsIgnoringCase(coding, "x-gzip")) {
      gzip = *weight;
    } else if (coding == "*") {
      any = *weight;
    }
  }
  if (gzip) return *gzip > 0;
  return any && *any > 0;
}

bool Compressible(std::string_view content_type, size_t size) {
  if (size < kMinCompressed) return false;
  std::string_view type = Trim(content_type.substr(0, content_type.find(';')));
  for (std::string_view prefix : {"text/", "application/json", "application/problem+json",
                                  "application/javascript", "image/svg+xml"}) {
    if (type.starts_with(prefix)) return true;
  }
  return false;
}

std::optional<std::string> Gzip(std::string_view text, int level) {
  z_stream z{};
  // 15 + 16: the largest window, with the gzip header and trailer.
  if (deflateInit2(&z, level, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY) != Z_OK) {
    return std::nullopt;
  }
  std::string out;
  out.resize(deflateBound(&z, static_cast<uLong>(text.size())));
  z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(text.data()));
  z.avail_in = static_cast<uInt>(text.size());
  z.next_out = reinterpret_cast<Bytef*>(out.data());
  z.avail_out = static_cast<uInt>(out.size());
  int rc = text.size() > UINT_MAX ? Z_BUF_ERROR : deflate(&z, Z_FINISH);
  out.resize(z.total_out);
  deflateEnd(&z);
  if (rc != Z_STREAM_END) return std::nullopt;
  return out;
}

bool IfNoneMatchNames(std::string_view if_none_match, std::string_view etag) {
  std::string_view wanted = etag.starts_with("W/") ? etag.substr(2) : etag;
  if (wanted.size() < 2 || wanted.front() != '"' || wanted.back() != '"') return false;
  std::string_view rest = Trim(if_none_match);
  if (rest == "*") return true;
  bool named = false;
  while (!rest.empty()) {
    if (rest.front() == ',') {  // an empty element, which a recipient ignores (RFC 9110 §5.6.1)
      rest = Trim(rest.substr(1));
      continue;
    }
    std::string_view tag = rest.starts_with("W/") ? rest.substr(2) : rest;
    // An entity tag is a quoted string without quotes inside (RFC 9110 §8.8.3).
    size_t close = tag.size() < 2 || tag.front() != '"' ? std::string_view::npos : tag.find('"', 1);
    if (close == std::string_view::npos) return false;
    named = named || tag.substr(0, close + 1) == wanted;
    rest = Trim(tag.substr(close + 1));
    if (!rest.empty() && rest.front() != ',') return false;
  }
  return named;
}

std::string GzipEtag(const std::string& etag) {
  if (etag.size() < 2 || etag.back() != '"') return etag;
  return etag.substr(0, etag.size() - 1) + "-gzip\"";
}

}  // namespace sokuo::http
