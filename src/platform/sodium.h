// libsodium: a secure random source and Argon2id password hashes.
#pragma once

#include <semaphore>

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

// How many password hashes may be computed at the same time; the others wait their turn. A
// hash takes 64 MiB at the interactive limits, so a flood of logins costs at most so many times
// that, whatever the number of handler threads.
using HashTurns = std::counting_semaphore<>;
// As many as the cores this process may run on (its CPU affinity, which a container's CPU set
// limits), at least 2: more would only wait for a core.
std::ptrdiff_t DefaultHashTurns();

// Argon2id (crypto_pwhash_str), each hash on one of `turns`. Thread-safe.
class Argon2Hasher final : public PasswordHasher {
 public:
  Argon2Hasher(PasswordCost cost, HashTurns& turns) : cost_(cost), turns_(turns) {}
  Result<std::string> Hash(std::string_view password) override;
  bool Verify(std::string_view hash, std::string_view password) override;

 private:
  PasswordCost cost_;
  HashTurns& turns_;
};

// SOKUO_PASSWORD_COST=interactive|moderate|min, default interactive.
PasswordCost PasswordCostFromEnvironment();

}  // namespace sokuo::platform
