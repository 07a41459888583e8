// libsodium: a secure random source and Argon2id password hashes.
#pragma once

#include "base/secrets.h"

namespace sokuo::platform {

// Initializes libsodium; false when it cannot be used (then sokuo must not start).
bool InitSodium();

class SodiumRandom final : public Random {
 public:
  std::string Hex(size_t bytes) override;
};

enum class PasswordCost {
  kInteractive,  // libsodium's interactive limits: about 70 ms and 64 MiB per hash here
  kModerate,     // about 0.4 s and 256 MiB
  kMinimum,      // for tests only: fast and weak
};

// Argon2id (crypto_pwhash_str). Thread-safe.
class Argon2Hasher final : public PasswordHasher {
 public:
  explicit Argon2Hasher(PasswordCost cost) : cost_(cost) {}
  Result<std::string> Hash(std::string_view password) override;
  bool Verify(std::string_view hash, std::string_view password) override;

 private:
  PasswordCost cost_;
};

// SOKUO_PASSWORD_COST=interactive|moderate|min, default interactive.
PasswordCost PasswordCostFromEnvironment();

}  // namespace sokuo::platform
