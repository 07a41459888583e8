// Compressed answers: a client that says it accepts gzip (Accept-Encoding) is sent large text
// bodies gzip-compressed. A phone on a crowded network at 3 a.m. gets the incident list in a
// tenth of the bytes. Request bodies are never inflated (server.cpp): only what sokuo sends.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace sokuo::http {

// Whether an Accept-Encoding header value accepts gzip (RFC 9110 §12.5.3): "gzip", "x-gzip" or
// "*" with a weight above zero, unless gzip itself is given weight zero. Outside data: anything
// not understood counts as not accepting, and the answer goes uncompressed.
bool AcceptsGzip(std::string_view accept_encoding);

// Whether a body of this type and size is worth compressing: text (JSON, HTML, CSS, JavaScript,
// SVG) of at least kMinCompressed bytes. Smaller bodies gain less than the header costs.
inline constexpr size_t kMinCompressed = 1024;
bool Compressible(std::string_view content_type, size_t size);

// `text` in the gzip format at zlib's `level` (1 fastest … 9 smallest); nullopt only when zlib
// fails (no memory), and the answer then goes uncompressed.
std::optional<std::string> Gzip(std::string_view text, int level);

// The strong validator of the gzip form of a body whose validator is `etag` ("\"abc\"" →
// "\"abc-gzip\""): two representations never share a strong ETag.
std::string GzipEtag(const std::string& etag);

// Whether an If-None-Match header value names the current representation, whose validator is
// `etag` (RFC 9110 §13.1.2): "*", or a list of entity tags one of which is `etag` by the weak
// comparison (a "W/" prefix is ignored on either side); empty list elements are ignored.
// Outside data: a list not understood to its end names nothing, and the full answer is sent.
bool IfNoneMatchNames(std::string_view if_none_match, std::string_view etag);

}  // namespace sokuo::http
