// Group commit, for both stores: a writer queues its work; whoever finds no batch running leads
// one, handing every work queued so far to the store's commit, which runs them in one
// transaction, each inside a savepoint so that a failing work is undone alone (RunEach), and
// commits once: one fsync, and on PostgreSQL one turn on the journal's lock, for the batch. A
// writer returns when the batch that holds its work has committed or failed, so an
// acknowledged write is durable. A work must not call the store it runs in (it would deadlock).
#pragma once

#include <condition_variable>
#include <exception>
#include <functional>
#include <mutex>
#include <vector>

#include "store/store.h"

namespace sokuo::store {

class WriteBatcher {
 public:
  using Work = std::function<Result<void>(Tx&)>;
  // A work waiting for its batch; `result` is set by the batch's leader.
  struct Queued {
    const Work* work;
    Result<void> result;
    bool done = false;
  };
  using Commit = std::function<void(const std::vector<Queued*>& batch)>;

  // Queues `work` and returns its result once the batch that holds it is done; `commit` runs
  // a batch (on whichever writer leads it) and sets every result.
  Result<void> Write(const Work& work, const Commit& commit) {
    Queued me{&work, {}, false};
    std::unique_lock lock(mu_);
    queue_.push_back(&me);
    while (!me.done) {
      if (leading_) {
        cv_.wait(lock);
        continue;
      }
      leading_ = true;
      std::vector<Queued*> batch;
      batch.swap(queue_);
      lock.unlock();
      commit(batch);
      lock.lock();
      for (Queued* q : batch) q->done = true;
      leading_ = false;
      cv_.notify_all();
    }
    return std::move(me.result);
  }

  // The statements of a savepoint named "work", run by the store on its transaction; `settled`
  // fails when the work left a deferred constraint unmet (a reference to a row that is not
  // there), which the commit would otherwise refuse for the whole batch. A store may leave it
  // empty for a batch of one work whose commit says the same (store.reference_missing).
  struct Savepoint {
    std::function<Result<void>()> begin, undo, release, settled;
  };

  // Runs each work of `batch` with `run` and sets its result: inside a savepoint when the batch
  // holds more than one, undone alone when it fails (a work that succeeded is `settled` first,
  // alone or not); a work that throws fails with
  // store.work_threw (one writer's bug must not leave the others waiting). true when any
  // succeeded (there is something to commit).
  static bool RunEach(const std::vector<Queued*>& batch,
                      const std::function<Result<void>(const Work&)>& run, const Savepoint& sp) {
    bool alone = batch.size() == 1;
    bool any = false;
    for (Queued* q : batch) {
      if (!alone) {
        if (auto begun = sp.begin(); !begun) {
          q->result = begun;
          continue;
        }
      }
      try {
        q->result = run(*q->work);
      } catch (const std::exception& e) {
        q->result = Fail(ErrorCode::kInternal, Msg("store.work_threw", {{"what", e.what()}}));
      }
      // Alone or not, a work that leaves a reference unmet is told so in the same words.
      if (q->result && sp.settled) q->result = sp.settled();
      if (!alone) {
        if (!q->result) {
          if (auto undone = sp.undo(); !undone) {
            // The batch cannot go on without its savepoint: none of it is committed. A work
            // that failed keeps its own error; the others are told why they were not made.
            for (Queued* each : batch) {
              if (each->result) each->result = undone;
            }
            return false;
          }
        }
        (void)sp.release();
      }
      any = any || q->result.has_value();
    }
    return any;
  }

 private:
  std::mutex mu_;  // guards the three below
  std::condition_variable cv_;
  std::vector<Queued*> queue_;  // works waiting for the next batch
  bool leading_ = false;        // a batch is running
};

}  // namespace sokuo::store
