// Seams to the cryptography sokuo needs for accounts: random tokens and password hashes. The
// real ones (platform/, libsodium) are used in tests too; only their cost can be lowered there.
#pragma once

#include <string>
#include <string_view>

#include "base/error.h"

namespace sokuo {

class Random {
 public:
  virtual ~Random() = default;
  // `bytes` random bytes from a cryptographically secure source, as lower-case hex.
  virtual std::string Hex(size_t bytes) = 0;
};

class PasswordHasher {
 public:
  virtual ~PasswordHasher() = default;
  // A self-describing hash string (algorithm, parameters, salt, digest).
  [[nodiscard]] virtual Result<std::string> Hash(std::string_view password) = 0;
  virtual bool Verify(std::string_view hash, std::string_view password) = 0;
};

}  // namespace sokuo
