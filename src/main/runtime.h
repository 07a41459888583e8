// The process a command runs in: the global options, and the real objects (the store, files,
// clock, Argon2id, randomness) opened once, and only when a command needs them.
#pragma once

#include <memory>
#include <string>

#include "cli/commands.h"
#include "notify/file_notifier.h"
#include "notify/smtp_notifier.h"
#include "notify/webhook_notifier.h"
#include "platform/file_blob_store.h"
#include "platform/sodium.h"
#include "platform/system_clock.h"
#include "store/store.h"

namespace sokuo {

struct Globals {
  std::string data = "./var";
  std::string as;
  bool json = false;
  Lang lang = Lang::kJa;
  uint64_t evidence_limit_mb = 1024;  // the largest evidence file kept (MiB)
  // Where the records are kept (--store): "" for the data directory's own choice (StoreOf).
  std::string store;
};

// Where the records of `g` are kept: --store (env SOKUO_STORE) when given, else the first line
// of the data directory's file `store` when there is one, else "sqlite" (DATA/sokuo.db). A
// PostgreSQL server is named by a libpq URL, postgresql://user@host:port/database.
std::string StoreOf(const Globals& g);

// The language of messages when --lang is not given: SOKUO_LANG, then the locale (LC_ALL,
// LC_MESSAGES, LANG); Japanese when none names ja or en.
Lang LangFromEnvironment();

class ProcessRuntime final : public cli::Runtime {
 public:
  explicit ProcessRuntime(Globals& g);

  Result<app::App*> App(Open open) override;
  Result<app::Actor> Actor() override;
  cli::Output& out() override;
  const std::string& data_dir() const override { return g_.data; }

 private:
  Globals& g_;
  cli::Output output_;
  platform::SystemClock clock_;
  platform::SodiumRandom random_;
  platform::Argon2Hasher hasher_{platform::PasswordCostFromEnvironment()};
  std::unique_ptr<store::Store> store_;
  std::unique_ptr<BlobStore> blobs_;  // DATA/evidence, or the PostgreSQL database
  // The channels' senders (G4.3.2, G4.4.3): `sokuo serve` sends with them every second, and
  // `sokuo journal witness` at once.
  notify::SmtpNotifier smtp_;
  notify::WebhookNotifier webhooks_;
  notify::FileNotifier file_;
  std::unique_ptr<app::App> app_;
};

// `init`, `serve`, `demo` and `version`: the commands that build the process itself.
std::vector<cli::Command> ProcessCommands();

}  // namespace sokuo
