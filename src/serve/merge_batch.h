// Group commit for merges: callers that stored documents each need a merge that began after
// their documents were committed, and one merge serves every caller waiting when it begins.
//
// A POST re-merges the stored reports and reloads the server's snapshot (tens of milliseconds
// on a small database, more on a large one). One merge per POST, one after another, makes
// posts that arrive faster than that queue behind each other without end (at 100 posts/s on
// the example articles' database: p50 564 ms, p99 1.6 s; docs/PERFORMANCE.md). Here the first
// caller to find no merge running runs one for everyone who arrived so far (the leader); those
// who arrive while it runs wait, and the first of them to wake runs the next one for all of
// them. So at most two merges stand between a caller and its answer, whatever the rate.
#pragma once

#include <condition_variable>
#include <exception>
#include <functional>
#include <mutex>
#include <optional>

namespace sitrep::serve {

template <typename Outcome>
class MergeBatch {
 public:
  using Merge = std::function<Outcome()>;

  // Call after your documents are committed. Returns the outcome of a merge that began after
  // this call (run by this thread or by another caller's): it has read your documents. Merges
  // never overlap. A merge that throws throws to every caller it was run for; the next caller
  // runs a new one.
  Outcome merged(const Merge& merge) {
    std::unique_lock lock(mutex_);
    const long long ticket = ++requested_;
    while (completed_ < ticket) {
      if (running_) {
        done_.wait(lock);
        continue;
      }
      running_ = true;
      const long long covers = requested_;  // every caller so far committed before this point
      lock.unlock();
      std::optional<Outcome> outcome;
      std::exception_ptr failure;
      try {
        outcome.emplace(merge());
      } catch (...) {
        failure = std::current_exception();
      }
      lock.lock();
      running_ = false;
      completed_ = covers;
      last_ = std::move(outcome);
      failure_ = failure;
      ++merges_;
      done_.notify_all();
    }
    if (failure_) std::rethrow_exception(failure_);
    return *last_;
  }

  // How many merges ran (for tests and benchmarks).
  long long merges() {
    std::lock_guard lock(mutex_);
    return merges_;
  }

 private:
  std::mutex mutex_;
  std::condition_variable done_;
  long long requested_ = 0;  // callers so far
  long long completed_ = 0;  // every caller up to this one has had a merge that began after it
  long long merges_ = 0;
  bool running_ = false;
  std::optional<Outcome> last_;  // of the last merge, unless it threw
  std::exception_ptr failure_;   // what the last merge threw
};

}  // namespace sitrep::serve
