#include "platform/sodium.h"

#include <sched.h>
#include <sodium.h>

#include <algorithm>
#include <cstdlib>
#include <string>
#include <thread>
#include <vector>

namespace sokuo::platform {

bool InitSodium() { return sodium_init() >= 0; }

std::string SodiumRandom::Hex(size_t bytes) {
  std::vector<unsigned char> buf(bytes);
  randombytes_buf(buf.data(), buf.size());
  std::string hex(bytes * 2 + 1, '\0');
  sodium_bin2hex(hex.data(), hex.size(), buf.data(), buf.size());
  hex.pop_back();
  return hex;
}

namespace {

// Holds one of the hasher's turns while it lives.
class Turn {
 public:
  explicit Turn(HashTurns& turns) : turns_(turns) { turns_.acquire(); }
  ~Turn() { turns_.release(); }
  Turn(const Turn&) = delete;
  Turn& operator=(const Turn&) = delete;

 private:
  HashTurns& turns_;
};

}  // namespace

std::ptrdiff_t DefaultHashTurns() {
  // The cores this process may run on (a container's CPU set), not the host's.
  cpu_set_t cpus;
  CPU_ZERO(&cpus);
  std::ptrdiff_t cores = sched_getaffinity(0, sizeof(cpus), &cpus) == 0
                             ? CPU_COUNT(&cpus)
                             : static_cast<std::ptrdiff_t>(std::thread::hardware_concurrency());
  return std::max<std::ptrdiff_t>(cores, 2);
}

Result<std::string> Argon2Hasher::Hash(std::string_view password) {
  unsigned long long ops = crypto_pwhash_OPSLIMIT_INTERACTIVE;
  size_t mem = crypto_pwhash_MEMLIMIT_INTERACTIVE;
  if (cost_ == PasswordCost::kModerate) {
    ops = crypto_pwhash_OPSLIMIT_MODERATE;
    mem = crypto_pwhash_MEMLIMIT_MODERATE;
  } else if (cost_ == PasswordCost::kMinimum) {
    ops = crypto_pwhash_OPSLIMIT_MIN;
    mem = crypto_pwhash_MEMLIMIT_MIN;
  }
  char out[crypto_pwhash_STRBYTES];
  Turn turn(turns_);
  if (crypto_pwhash_str(out, password.data(), password.size(), ops, mem) != 0) {
    return Fail(ErrorCode::kInternal, Msg("password.hash_out_of_memory"));
  }
  return std::string(out);
}

bool Argon2Hasher::Verify(std::string_view hash, std::string_view password) {
  std::string h(hash);  // crypto_pwhash_str_verify needs a NUL-terminated string
  Turn turn(turns_);
  return crypto_pwhash_str_verify(h.c_str(), password.data(), password.size()) == 0;
}

PasswordCost PasswordCostFromEnvironment() {
  const char* v = std::getenv("SOKUO_PASSWORD_COST");
  std::string cost = v == nullptr ? "" : v;
  if (cost == "min") return PasswordCost::kMinimum;
  if (cost == "moderate") return PasswordCost::kModerate;
  return PasswordCost::kInteractive;
}

}  // namespace sokuo::platform
