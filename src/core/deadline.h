// A watchdog for work on untrusted input: runs jobs on a worker thread, each within a given time.
// A job that overruns is abandoned, not killed (C++ cannot stop a thread): it finishes in the
// background on its own worker, and the jobs after it go on a fresh one. So a job must own what
// it uses (capture shared_ptrs, never references to the caller's locals), and a process that
// abandoned a job leaves through std::_Exit once its output is flushed (see abandoned_jobs()),
// so static destructors never run under a live job.
//
// Jobs are queued (submit) and run in order while the caller goes on; their outcomes come back
// on the caller's thread, in order, from a later submit() or drain(). The caller sleeps only when
// kDepth jobs are pending (then until half are done) or in drain(), and the worker only when the
// queue is empty, so a batch costs no thread hand-off per job. Nothing polls: the worker stamps
// each job's deadline as it starts it, and the caller checks it whenever it looks at the queue
// and, when it waits, wakes by the earliest deadline a pending job can have (a coarse timer:
// 30 s by default). Jobs do not run on the caller's thread, watched by another: a job that
// hangs there would hold the thread that has to go on with the batch.
//
// Not thread-safe: one DeadlineRunner per calling thread.
#pragma once

#include <chrono>
#include <cstddef>
#include <functional>
#include <memory>
#include <thread>

namespace sitrep {

class DeadlineRunner {
 public:
  // Called with true when the job finished within its time, false when it took longer (it was
  // abandoned, or finished late: either way its results must not be used).
  using Done = std::function<void(bool finished)>;
  static constexpr std::size_t kDepth = 16;  // jobs pending before submit() waits

  DeadlineRunner() = default;
  // Drops queued jobs that have not started, without calling their `done` (call drain() first);
  // waits for a running one within its time, else abandons it.
  ~DeadlineRunner();
  DeadlineRunner(const DeadlineRunner&) = delete;
  DeadlineRunner& operator=(const DeadlineRunner&) = delete;

  // Queues `job` to run after the jobs queued before it, in at most `timeout` from its start.
  // `done` runs later on this thread, in the order of submission. A timeout <= 0 runs the job
  // here and now (after draining the queue), without a limit.
  void submit(std::function<void()> job, std::chrono::duration<double> timeout, Done done);
  // Waits for every queued job and calls their `done`.
  void drain();
  // submit() and drain(): true when `job` finished within `timeout`.
  bool run(std::function<void()> job, std::chrono::duration<double> timeout);

 private:
  struct Shared;
  // Waits until at most `most` jobs are pending, abandoning one that overran; then reports the
  // finished ones.
  void settle(std::size_t most);
  void start_worker();

  std::shared_ptr<Shared> shared_;
  std::thread worker_;  // the current worker; abandoned ones are detached
};

// How many jobs this process has abandoned so far (all DeadlineRunners).
std::size_t abandoned_jobs();

}  // namespace sitrep
