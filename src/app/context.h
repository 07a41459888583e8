// What every area's service shares: the store, the clock, the evidence vault, the password
// hasher, randomness, the account options, and the organization as of the journal head. One
// Context serves every area; services hold a reference to it and nothing else of each other.
//
// Thread-safety: the Context is shared by every request thread; the organization cache is
// guarded by a mutex, the rest is as thread-safe as the objects it points to.
#pragma once

#include <memory>
#include <mutex>
#include <string>
#include <utility>

#include "app/auth.h"
#include "base/blob_store.h"
#include "base/clock.h"
#include "base/error.h"
#include "base/secrets.h"
#include "core/access.h"
#include "core/organization.h"
#include "report/words.h"
#include "store/store.h"

namespace sokuo::app {

// Who acts: a person id of the organization, "cli:<os user>" for the local operator, or
// "system" for sokuo's own timers.
struct Actor {
  std::string id;
  core::Principal principal = core::Operator();  // the local operator unless authenticated
};

class Context {
 public:
  // All must outlive the Context. Without a vault evidence cannot be added; without a hasher
  // and randomness accounts cannot be made.
  Context(store::Store& store, const Clock& clock, BlobStore* vault = nullptr,
          PasswordHasher* hasher = nullptr, Random* random = nullptr, AuthOptions auth = {})
      : store_(store),
        clock_(clock),
        vault_(vault),
        hasher_(hasher),
        random_(random),
        auth_(auth) {}
  Context(const Context&) = delete;
  Context& operator=(const Context&) = delete;

  store::Store& store() const { return store_; }
  const Clock& clock() const { return clock_; }
  BlobStore* vault() const { return vault_; }
  PasswordHasher* hasher() const { return hasher_; }
  Random* random() const { return random_; }
  const AuthOptions& auth() const { return auth_; }

  // The organization as of the journal head. Every request needs it (roles, references) and
  // reading it costs about 0.7 ms, so the last one read is kept while the newest entry that
  // changed an organization table is the same (Store::LastChange), and is checked again only
  // when the journal has moved. A change made by another process (the CLI) is journaled too, so
  // the copy is never older than the newest entry.
  // Shared and immutable: a request reads it without copying.
  [[nodiscard]] Result<std::shared_ptr<const core::Organization>> Organization();
  // The organization as a write transaction sees it: the copy above when the transaction sees
  // the same last change of the organization tables (an incident reported keeps it), else read
  // inside the transaction.
  [[nodiscard]] Result<std::shared_ptr<const core::Organization>> OrganizationIn(store::Tx& tx);
  // Now and the journal head now: what a printed document says it was made from.
  [[nodiscard]] Result<report::Stamp> Stamp() const;

 private:
  store::Store& store_;
  const Clock& clock_;
  BlobStore* vault_;
  PasswordHasher* hasher_;
  Random* random_;
  AuthOptions auth_;
  std::mutex org_mu_;
  // Guarded by org_mu_: the organization as of the newest entry that changed its tables, whose
  // hash is org_change_, and a journal head at which that was so ("" when none is known).
  std::string org_change_;
  std::string org_head_;
  std::shared_ptr<const core::Organization> org_cache_;
  // Keeps `org`, read when the organization's last change was `change`; returns it.
  std::shared_ptr<const core::Organization> Keep(core::Organization org, std::string change,
                                                 std::string head);
};

}  // namespace sokuo::app
