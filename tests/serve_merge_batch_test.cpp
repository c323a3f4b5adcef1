// MergeBatch (serve/merge_batch.h): callers that arrive while a merge runs share the next one,
// every caller gets a merge that began after its call, and merges never overlap.
#include "serve/merge_batch.h"

#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <thread>
#include <vector>

namespace {

using namespace std::chrono_literals;

TEST(MergeBatch, CallersWaitingTogetherShareOneMergeThatBeganAfterThem) {
  constexpr int kCallers = 8;
  sitrep::serve::MergeBatch<int> batch;
  std::atomic<int> committed{0};  // callers whose documents are "stored"
  std::atomic<bool> running{false};
  std::atomic<bool> overlapped{false};
  // A merge reports how many callers had committed when it began; the first one holds until
  // every caller has committed, so all the others arrive while it runs.
  auto merge = [&] {
    if (running.exchange(true)) overlapped = true;
    const int seen = committed.load();
    while (committed.load() < kCallers) std::this_thread::sleep_for(1ms);
    std::this_thread::sleep_for(30ms);  // the latecomers reach merged() meanwhile
    running = false;
    return seen;
  };
  std::vector<int> position(kCallers), outcome(kCallers);
  std::vector<std::thread> callers;
  for (int n = 0; n < kCallers; ++n)
    callers.emplace_back([&, n] {
      position[n] = ++committed;
      outcome[n] = batch.merged(merge);
    });
  for (auto& c : callers) c.join();
  EXPECT_FALSE(overlapped);
  for (int n = 0; n < kCallers; ++n)
    EXPECT_GE(outcome[n], position[n]) << "caller " << n << " got a merge that began before it";
  // The first merge, then at most one for everyone who came while it ran.
  EXPECT_LE(batch.merges(), 2);
  EXPECT_GE(batch.merges(), 1);
}

TEST(MergeBatch, ACallerAfterAMergeGetsANewOne) {
  sitrep::serve::MergeBatch<int> batch;
  int runs = 0;
  auto merge = [&] { return ++runs; };
  EXPECT_EQ(batch.merged(merge), 1);
  EXPECT_EQ(batch.merged(merge), 2);
  EXPECT_EQ(batch.merges(), 2);
}

}  // namespace
