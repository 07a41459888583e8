#include "base/sha256.h"

#include <openssl/evp.h>

#include <array>
#include <cstdlib>
#include <memory>

namespace sokuo {

namespace {

std::string Hex(const unsigned char* digest, size_t length) {
  static constexpr char kHex[] = "0123456789abcdef";
  std::string out(length * 2, '0');
  for (size_t i = 0; i < length; ++i) {
    out[2 * i] = kHex[digest[i] >> 4];
    out[2 * i + 1] = kHex[digest[i] & 0xf];
  }
  return out;
}

// The EVP calls fail only on allocation failure or a broken OpenSSL install; neither is
// something a caller could handle, and a wrong hash would silently break the journal.
void Check(int ok) {
  if (ok != 1) std::abort();
}

// SHA-256 fetched from the provider once: OpenSSL 3 otherwise looks it up (under a lock) on
// every digest, which costs more than hashing a short row image.
const EVP_MD* Sha256Md() {
  static EVP_MD* const md = [] {
    EVP_MD* fetched = EVP_MD_fetch(nullptr, "SHA256", nullptr);
    if (fetched == nullptr) std::abort();
    return fetched;
  }();
  return md;
}

struct CtxFree {
  void operator()(EVP_MD_CTX* ctx) const { EVP_MD_CTX_free(ctx); }
};

}  // namespace

std::string Sha256Hex(std::string_view bytes) { return Sha256Hex({bytes}); }

std::string Sha256Hex(std::initializer_list<std::string_view> pieces) {
  return HexOf(Sha256Of(pieces));
}

Sha256Digest Sha256Of(std::initializer_list<std::string_view> pieces) {
  // One context per thread, reused: a journal verification hashes millions of short texts.
  thread_local std::unique_ptr<EVP_MD_CTX, CtxFree> ctx(EVP_MD_CTX_new());
  if (ctx == nullptr) std::abort();
  Sha256Digest digest{};
  unsigned int length = 0;
  Check(EVP_DigestInit_ex(ctx.get(), Sha256Md(), nullptr));
  for (std::string_view piece : pieces) {
    Check(EVP_DigestUpdate(ctx.get(), piece.data(), piece.size()));
  }
  Check(EVP_DigestFinal_ex(ctx.get(), digest.data(), &length));
  if (length != digest.size()) std::abort();
  return digest;
}

std::string HexOf(const Sha256Digest& digest) { return Hex(digest.data(), digest.size()); }

Sha256::Sha256() : ctx_(EVP_MD_CTX_new()) {
  if (ctx_ == nullptr) std::abort();
  Check(EVP_DigestInit_ex(static_cast<EVP_MD_CTX*>(ctx_), Sha256Md(), nullptr));
}

Sha256::~Sha256() { EVP_MD_CTX_free(static_cast<EVP_MD_CTX*>(ctx_)); }

void Sha256::Update(std::string_view bytes) {
  Check(EVP_DigestUpdate(static_cast<EVP_MD_CTX*>(ctx_), bytes.data(), bytes.size()));
}

std::string Sha256::HexDigest() {
  std::array<unsigned char, EVP_MAX_MD_SIZE> digest{};
  unsigned int length = 0;
  Check(EVP_DigestFinal_ex(static_cast<EVP_MD_CTX*>(ctx_), digest.data(), &length));
  return Hex(digest.data(), length);
}

}  // namespace sokuo
