// Accept-Encoding as clients send it (and as nobody should), and gzip bodies that zlib's own
// inflate turns back into the text.
#include "http/encoding.h"

#include <zlib.h>

#include <gtest/gtest.h>

namespace sokuo::http {
namespace {

std::string Gunzip(const std::string& packed) {
  z_stream z{};
  EXPECT_EQ(inflateInit2(&z, 15 + 16), Z_OK);
  std::string out(packed.size() * 50 + 1024, '\0');
  z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(packed.data()));
  z.avail_in = static_cast<uInt>(packed.size());
  z.next_out = reinterpret_cast<Bytef*>(out.data());
  z.avail_out = static_cast<uInt>(out.size());
  EXPECT_EQ(inflate(&z, Z_FINISH), Z_STREAM_END);
  out.resize(z.total_out);
  inflateEnd(&z);
  return out;
}

TEST(AcceptsGzipTest, WhatBrowsersAndToolsSend) {
  EXPECT_TRUE(AcceptsGzip("gzip, deflate, br, zstd"));  // Chromium
  EXPECT_TRUE(AcceptsGzip("gzip, deflate, br"));        // Firefox, Safari
  EXPECT_TRUE(AcceptsGzip("gzip"));                     // curl --compressed sends more
  EXPECT_TRUE(AcceptsGzip("deflate, gzip;q=1.0, *;q=0.5"));
  EXPECT_TRUE(AcceptsGzip("GZIP"));
  EXPECT_TRUE(AcceptsGzip("x-gzip"));
  EXPECT_TRUE(AcceptsGzip("*"));
  EXPECT_TRUE(AcceptsGzip(" br ,\tgzip ; q=0.001"));
  EXPECT_FALSE(AcceptsGzip(""));  // no header: the body as it is
  EXPECT_FALSE(AcceptsGzip("identity"));
  EXPECT_FALSE(AcceptsGzip("br, deflate"));
  EXPECT_FALSE(AcceptsGzip("gzip;q=0"));
  EXPECT_FALSE(AcceptsGzip("gzip;q=0.000"));
  EXPECT_FALSE(AcceptsGzip("*;q=0"));
  EXPECT_FALSE(AcceptsGzip("*, gzip;q=0")) << "gzip's own weight wins over *";
  EXPECT_FALSE(AcceptsGzip("gzips"));
}

TEST(AcceptsGzipTest, MalformedWeightsAreNotAcceptance) {
  for (const char* bad : {"gzip;q=", "gzip;q=2", "gzip;q=1.5", "gzip;q=0.5555", "gzip;q=.5",
                          "gzip;q=a", "gzip;q", "gzip;q=1.0x", "gzip;q=-1", "gzip, br;q=9"}) {
    EXPECT_FALSE(AcceptsGzip(bad)) << bad;
  }
  EXPECT_TRUE(AcceptsGzip("gzip;level=9")) << "other parameters are not weights";
}

TEST(CompressibleTest, LargeTextOnly) {
  EXPECT_TRUE(Compressible("application/json; charset=utf-8", kMinCompressed));
  EXPECT_TRUE(Compressible("application/problem+json", 5000));
  EXPECT_TRUE(Compressible("text/html; charset=utf-8", 5000));
  EXPECT_TRUE(Compressible("text/javascript", 5000));
  EXPECT_TRUE(Compressible("image/svg+xml", 5000));
  EXPECT_FALSE(Compressible("application/json", kMinCompressed - 1));
  EXPECT_FALSE(Compressible("application/pdf", 100000)) << "already compressed";
  EXPECT_FALSE(Compressible("application/zip", 100000));
  EXPECT_FALSE(Compressible("application/octet-stream", 100000)) << "evidence as it was given";
  EXPECT_FALSE(Compressible("image/png", 100000));
  EXPECT_FALSE(Compressible("", 100000));
}

TEST(GzipTest, InflatesToTheSameText) {
  std::string text;
  for (int i = 0; i < 2000; ++i) text += "{\"key\":\"INC-2026-" + std::to_string(i) + "\"},";
  text += "受付確認済み";
  for (int level : {1, 6, 9}) {
    std::optional<std::string> packed = Gzip(text, level);
    ASSERT_TRUE(packed);
    EXPECT_LT(packed->size(), text.size() / 5) << level;
    EXPECT_EQ(packed->substr(0, 2), "\x1f\x8b") << "the gzip magic";
    EXPECT_EQ(Gunzip(*packed), text);
  }
  std::optional<std::string> empty = Gzip("", 6);
  ASSERT_TRUE(empty);
  EXPECT_EQ(Gunzip(*empty), "");
}

TEST(GzipTest, TheCompressedFormHasItsOwnValidator) {
  EXPECT_EQ(GzipEtag("\"abc\""), "\"abc-gzip\"");
  EXPECT_EQ(GzipEtag(""), "");
}

// What browsers and caches send back: one validator, a list, weak ones, or "*".
TEST(IfNoneMatchTest, NamesTheValidatorInAnyOfTheForms) {
  const std::string etag = "\"3f2a\"";
  EXPECT_TRUE(IfNoneMatchNames("\"3f2a\"", etag));
  EXPECT_TRUE(IfNoneMatchNames("  \"3f2a\"  ", etag));
  EXPECT_TRUE(IfNoneMatchNames("\"old\", \"3f2a\"", etag));
  EXPECT_TRUE(IfNoneMatchNames("\"old\",\"3f2a\",\"other\"", etag));
  EXPECT_TRUE(IfNoneMatchNames("W/\"3f2a\"", etag)) << "the weak comparison";
  EXPECT_TRUE(IfNoneMatchNames("\"3f2a\"", "W/\"3f2a\""));
  EXPECT_TRUE(IfNoneMatchNames("*", etag));
  EXPECT_TRUE(IfNoneMatchNames(", \"3f2a\"", etag)) << "empty elements are ignored";
  EXPECT_TRUE(IfNoneMatchNames("\"old\", , \"3f2a\",", etag));
  EXPECT_FALSE(IfNoneMatchNames("", etag));
  EXPECT_FALSE(IfNoneMatchNames("\"old\"", etag));
  EXPECT_FALSE(IfNoneMatchNames("\"3f2a-gzip\"", etag));
  EXPECT_FALSE(IfNoneMatchNames("\"3f2\"", etag));
}

TEST(IfNoneMatchTest, WhatIsNotUnderstoodNamesNothing) {
  const std::string etag = "\"3f2a\"";
  for (const char* bad : {"3f2a", "\"3f2a", "\"3f2a\" \"old\"", "\"old\" x, \"3f2a\"", "W/",
                          "W/3f2a", "**", "\"3f2a\";x", "\"\"\"3f2a\""}) {
    EXPECT_FALSE(IfNoneMatchNames(bad, etag)) << bad;
  }
  EXPECT_FALSE(IfNoneMatchNames("\"3f2a\"", "")) << "no validator, nothing to name";
  EXPECT_FALSE(IfNoneMatchNames("*", "3f2a")) << "not a validator";
}

}  // namespace
}  // namespace sokuo::http
