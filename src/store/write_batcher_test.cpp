// RunEach's bookkeeping for a batch, with savepoint steps that succeed or fail as each case
// needs: what each work is told, and when the batch gives up.
#include "store/write_batcher.h"

#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <functional>
#include <map>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

namespace sokuo::store {
namespace {

using Outcome = std::function<Result<void>()>;

// Works whose outcomes are given: RunEach runs each through `run`, which answers for it.
struct Batch {
  std::vector<Outcome> outcomes;
  std::vector<WriteBatcher::Work> works;
  std::vector<WriteBatcher::Queued> queued;
  std::vector<WriteBatcher::Queued*> pointers;

  explicit Batch(std::vector<Outcome> o) : outcomes(std::move(o)), works(outcomes.size()) {
    queued.reserve(works.size());
    for (const auto& work : works) queued.push_back({&work, {}, false});
    for (auto& q : queued) pointers.push_back(&q);
  }
  bool Run(const WriteBatcher::Savepoint& sp) {
    return WriteBatcher::RunEach(
        pointers,
        [this](const WriteBatcher::Work& w) {
          return outcomes[static_cast<size_t>(&w - works.data())]();
        },
        sp);
  }
};

Result<void> Ok() { return {}; }
Result<void> Refused() { return Fail(ErrorCode::kInvalidInput, Msg("error.invalid_input")); }
Result<void> Fine() { return {}; }

TEST(WriteBatcherTest, AFailingWorkIsUndoneAloneAndTheRestCommit) {
  std::string log;
  Batch batch({Ok, Refused, Ok});
  bool any = batch.Run({.begin = [&] { return log += "b", Fine(); },
                        .undo = [&] { return log += "u", Fine(); },
                        .release = [&] { return log += "r", Fine(); },
                        .settled = [&] { return log += "s", Fine(); }});
  EXPECT_TRUE(any);
  EXPECT_EQ(log,
            "bsr"
            "bur"
            "bsr");
  EXPECT_TRUE(batch.queued[0].result);
  ASSERT_FALSE(batch.queued[1].result);
  EXPECT_EQ(batch.queued[1].result.error().msg.code, "error.invalid_input");
  EXPECT_TRUE(batch.queued[2].result);
}

TEST(WriteBatcherTest, AnUnmetReferenceFailsItsWorkAlone) {
  int checks = 0;
  Batch batch({Ok, Ok});
  bool any =
      batch.Run({.begin = Fine, .undo = Fine, .release = Fine, .settled = [&]() -> Result<void> {
                   if (++checks == 1) {
                     return Fail(ErrorCode::kConflict, Msg("store.reference_missing"));
                   }
                   return {};
                 }});
  EXPECT_TRUE(any);
  ASSERT_FALSE(batch.queued[0].result);
  EXPECT_EQ(batch.queued[0].result.error().msg.code, "store.reference_missing");
  EXPECT_TRUE(batch.queued[1].result);
}

// The first failure is undone; the second cannot be, and the batch ends there: each work that
// failed keeps its own error, the others (done or not yet run) are told why none was made.
TEST(WriteBatcherTest, ASavepointThatCannotBeUndoneFailsTheBatchButKeepsTheWorksOwnError) {
  Batch batch({Refused, Ok, Refused, Ok});
  int undos = 0;
  bool any = batch.Run({.begin = Fine,
                        .undo = [&]() -> Result<void> {
                          if (++undos == 1) return {};
                          return Fail(ErrorCode::kStorage, Msg("store.unavailable"));
                        },
                        .release = Fine,
                        .settled = Fine});
  EXPECT_FALSE(any) << "nothing of the batch is committed";
  for (size_t i : {1u, 3u}) {
    ASSERT_FALSE(batch.queued[i].result) << i;
    EXPECT_EQ(batch.queued[i].result.error().msg.code, "store.unavailable") << i;
  }
  for (size_t i : {0u, 2u}) {
    ASSERT_FALSE(batch.queued[i].result) << i;
    EXPECT_EQ(batch.queued[i].result.error().msg.code, "error.invalid_input") << "why it failed";
  }
}

TEST(WriteBatcherTest, AWorkAloneNeedsNoSavepoint) {
  Batch batch({Refused});
  auto never = []() -> Result<void> {
    ADD_FAILURE() << "no savepoint for one work";
    return {};
  };
  EXPECT_FALSE(batch.Run({.begin = never, .undo = never, .release = never, .settled = never}));
  EXPECT_FALSE(batch.queued[0].result);
}

// A work alone has no savepoint to undo, but is told of an unmet reference as in a batch (and
// then nothing is committed).
TEST(WriteBatcherTest, AWorkAloneIsToldOfAnUnmetReferenceTheSameWay) {
  auto never = []() -> Result<void> {
    ADD_FAILURE() << "no savepoint for one work";
    return {};
  };
  Batch batch({Ok});
  EXPECT_FALSE(batch.Run({.begin = never, .undo = never, .release = never, .settled = [] {
                            return Fail(ErrorCode::kConflict, Msg("store.reference_missing"));
                          }}));
  ASSERT_FALSE(batch.queued[0].result);
  EXPECT_EQ(batch.queued[0].result.error().msg.code, "store.reference_missing");
  Batch fine({Ok});
  EXPECT_TRUE(fine.Run({.begin = never, .undo = never, .release = never, .settled = Fine}));
  EXPECT_TRUE(fine.queued[0].result);  // A store that leaves the check to its commit gives none.
  Batch unchecked({Ok});
  EXPECT_TRUE(unchecked.Run({.begin = never, .undo = never, .release = never}));
  EXPECT_TRUE(unchecked.queued[0].result);
}

// Many writers at once: each is answered once, with its own work's result, whether its work
// led a batch, was handed the lead or waited in another's; batches follow each other and hold
// several works.
TEST(WriteBatcherTest, EveryWriterIsAnsweredOnceWithItsOwnResult) {
  WriteBatcher batcher;
  std::mutex mu;
  std::map<const WriteBatcher::Work*, int> ids;  // each work's writer and number
  std::map<int, int> runs;                       // how often each was committed
  std::vector<size_t> sizes;
  auto commit = [&](const std::vector<WriteBatcher::Queued*>& batch) {
    std::this_thread::sleep_for(std::chrono::microseconds(200));
    std::lock_guard lock(mu);
    sizes.push_back(batch.size());
    for (WriteBatcher::Queued* q : batch) {
      int id = ids.at(q->work);
      ++runs[id];
      if (id % 3 == 0)
        q->result = Fail(ErrorCode::kConflict, Msg("store.busy", {{"id", std::to_string(id)}}));
    }
  };
  constexpr int kWriters = 16, kEach = 100;
  std::atomic<int> wrong = 0;
  std::vector<std::thread> writers;
  for (int w = 0; w < kWriters; ++w) {
    writers.emplace_back([&, w] {
      for (int k = 0; k < kEach; ++k) {
        int id = w * kEach + k;
        WriteBatcher::Work work = [](Tx&) -> Result<void> { return {}; };
        {
          std::lock_guard lock(mu);
          ids[&work] = id;
        }
        Result<void> r = batcher.Write(work, commit);
        bool right = id % 3 == 0 ? !r && r.error().msg.params.at(0).second == std::to_string(id)
                                 : r.has_value();
        if (!right) ++wrong;
        std::lock_guard lock(mu);
        ids.erase(&work);
      }
    });
  }
  for (auto& t : writers) t.join();
  EXPECT_EQ(wrong, 0);
  ASSERT_EQ(runs.size(), size_t{kWriters * kEach});
  for (const auto& [id, n] : runs) EXPECT_EQ(n, 1) << id;
  size_t largest = 0, total = 0;
  for (size_t n : sizes) {
    largest = std::max(largest, n);
    total += n;
  }
  EXPECT_EQ(total, size_t{kWriters * kEach});
  EXPECT_GT(largest, 1u);  // writers that waited went together
}

}  // namespace
}  // namespace sokuo::store
