// For tests: the two seams of accounts (base/secrets.h) without libsodium, fast and repeatable.
// The real ones (platform/sodium.h) are used by the server tests.
#pragma once

#include <string>
#include <string_view>

#include "base/secrets.h"
#include "base/sha256.h"

namespace sokuo {

// Numbered "random" hex: each call differs from the last, the same in every run.
class CountingRandom final : public Random {
 public:
  std::string Hex(size_t bytes) override {
    std::string s = Sha256Hex(std::to_string(++n_));
    while (s.size() < bytes * 2) s += s;
    return s.substr(0, bytes * 2);
  }

 private:
  int n_ = 0;
};

// A salted SHA-256 in place of Argon2id; counts its verifications, so that a test can check that
// a login costs one verification whatever the account (its time must not tell them apart).
class SaltedHasher final : public PasswordHasher {
 public:
  Result<std::string> Hash(std::string_view password) override {
    return "salted$" + Sha256Hex("salt" + std::string(password));
  }
  bool Verify(std::string_view hash, std::string_view password) override {
    ++verifications;
    return hash == "salted$" + Sha256Hex("salt" + std::string(password));
  }
  int verifications = 0;
};

}  // namespace sokuo
