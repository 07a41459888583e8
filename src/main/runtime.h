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

// A store with its evidence files and the application over them.
struct OpenedStore {
  std::unique_ptr<store::Store> store;
  std::unique_ptr<BlobStore> blobs;  // DIR/evidence, or the PostgreSQL database
  std::unique_ptr<app::App> app;
};

class ProcessRuntime final : public cli::Runtime {
 public:
  explicit ProcessRuntime(Globals& g);

  // The store at `location`: "sqlite:DIR" (DIR/sokuo.db and DIR/evidence) or a PostgreSQL URL.
  // kExisting: kNotFound when DIR has no database. App() is this at the process's own store.
  Result<std::unique_ptr<OpenedStore>> OpenAt(const std::string& location, Open open);

  Result<app::App*> App(Open open) override;
  Result<app::Actor> Actor() override;
  cli::Output& out() override;
  const std::string& data_dir() const override { return g_.data; }

 private:
  Globals& g_;
  cli::Output output_;
  platform::SystemClock clock_;
  platform::SodiumRandom random_;
  platform::HashTurns hash_turns_{platform::DefaultHashTurns()};
  platform::Argon2Hasher hasher_{platform::PasswordCostFromEnvironment(), hash_turns_};
  // The channels' senders (G4.3.2, G4.4.3): `sokuo serve` sends with them every second, and
  // `sokuo journal witness` at once.
  notify::SmtpNotifier smtp_;
  notify::WebhookNotifier webhooks_;
  notify::FileNotifier file_;
  std::unique_ptr<OpenedStore> opened_;  // the process's own store, on first use
};

// `init`, `serve`, `demo` and `version`: the commands that build the process itself.
std::vector<cli::Command> ProcessCommands();
// `store copy`: a store copied into another (store_command.cpp).
std::vector<cli::Command> StoreCommands();

}  // namespace sokuo
