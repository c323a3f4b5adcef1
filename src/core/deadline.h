// A watchdog for work on untrusted input: runs a job on a worker thread and waits for it at
// most a given time. A job that overruns is abandoned, not killed (C++ cannot stop a thread):
// it finishes in the background on its own worker, and the caller goes on with a fresh one.
// So a job must own what it uses (capture shared_ptrs, never references to the caller's
// locals), and a process that abandoned a job leaves through std::_Exit once its output is
// flushed (see abandoned_jobs()), so static destructors never run under a live job.
//
// Not thread-safe: one DeadlineRunner per calling thread.
#pragma once

#include <chrono>
#include <cstddef>
#include <functional>
#include <memory>

namespace sitrep {

class DeadlineRunner {
 public:
  DeadlineRunner() = default;
  ~DeadlineRunner();
  DeadlineRunner(const DeadlineRunner&) = delete;
  DeadlineRunner& operator=(const DeadlineRunner&) = delete;

  // Runs `job` and returns true when it finished within `timeout`; false when it was abandoned.
  // A timeout <= 0 runs the job on the calling thread, without a limit.
  bool run(std::function<void()> job, std::chrono::duration<double> timeout);

 private:
  struct Worker;
  std::shared_ptr<Worker> worker_;
};

// How many jobs this process has abandoned so far (all DeadlineRunners).
std::size_t abandoned_jobs();

}  // namespace sitrep
