#pragma once

#include <array>
#include <cstdint>
#include <initializer_list>
#include <string>
#include <string_view>

namespace sokuo {

using Sha256Digest = std::array<uint8_t, 32>;

// SHA-256 of the pieces one after another, as its 32 bytes.
Sha256Digest Sha256Of(std::initializer_list<std::string_view> pieces);
// Lower-case hex of a digest's bytes.
std::string HexOf(const Sha256Digest& digest);

// Lower-case hex SHA-256 of the bytes.
std::string Sha256Hex(std::string_view bytes);
// Of the pieces one after another, without joining them first.
std::string Sha256Hex(std::initializer_list<std::string_view> pieces);

// SHA-256 over bytes that arrive in pieces (a file read in chunks). Not copyable: it owns an
// OpenSSL digest context.
class Sha256 {
 public:
  Sha256();
  ~Sha256();
  Sha256(const Sha256&) = delete;
  Sha256& operator=(const Sha256&) = delete;
  void Update(std::string_view bytes);
  // Lower-case hex of everything given to Update; call once.
  std::string HexDigest();

 private:
  void* ctx_;  // EVP_MD_CTX, kept out of this header
};

}  // namespace sokuo
