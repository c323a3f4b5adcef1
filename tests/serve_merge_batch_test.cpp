// MergeBatch (serve/merge_batch.h): callers that arrive while a merge runs share the next one,
// every caller gets a merge that began after its call, and merges never overlap.
#include "serve/merge_batch.h"

#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <memory>
#include <stdexcept>
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

// A merge that throws (out of memory, a store error thrown) must not leave the batch marked
// busy: every later POST would wait for it forever.
TEST(MergeBatch, AMergeThatThrowsThrowsToItsCallersAndTheNextCallerRunsANewOne) {
  // Shared with the second caller's thread, which may outlive the test if it hangs.
  auto batch = std::make_shared<sitrep::serve::MergeBatch<int>>();
  auto returned = std::make_shared<std::atomic<int>>(0);
  EXPECT_THROW(batch->merged([]() -> int { throw std::runtime_error("store failed"); }),
               std::runtime_error);
  std::thread next([batch, returned] { *returned = batch->merged([] { return 7; }); });
  for (int i = 0; i < 400 && *returned == 0; ++i) std::this_thread::sleep_for(5ms);
  EXPECT_EQ(*returned, 7) << "the caller after a failed merge waits forever";
  if (*returned == 0)
    next.detach();  // it hangs (the expectation above failed); don't hang the suite with it
  else
    next.join();
}

}  // namespace
