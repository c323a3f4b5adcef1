#include "core/deadline.h"

#include <algorithm>
#include <atomic>
#include <condition_variable>
#include <cstdint>
#include <deque>
#include <limits>
#include <mutex>
#include <utility>
#include <vector>

namespace sitrep {
namespace {

using Clock = std::chrono::steady_clock;
std::atomic<std::size_t> abandoned_count{0};

// At most ten years: as good as no limit, and now() + the timeout stays within the clock's range.
Clock::duration clock_duration(std::chrono::duration<double> timeout) {
  const std::chrono::duration<double> most = std::chrono::hours(24 * 365 * 10);
  return std::chrono::duration_cast<Clock::duration>(std::min(timeout, most));
}

struct Queued {
  std::function<void()> job;
  Clock::duration timeout;
  DeadlineRunner::Done done;
};

struct Outcome {
  DeadlineRunner::Done done;
  bool finished;
};

}  // namespace

// Everything here is guarded by `mutex`. Shared with the worker threads, which outlive the runner
// when abandoned. One condition variable per direction, each notified after unlocking and only
// when its side waits, so a thread is woken only when it has something to do and does not block
// at once on the mutex its waker still holds.
struct DeadlineRunner::Shared {
  std::mutex mutex;
  std::condition_variable work;      // for the worker: a job was queued, or quit
  std::condition_variable progress;  // for the caller: enough jobs finished
  std::deque<Queued> queued;         // not started yet
  struct {
    bool active = false;
    Clock::time_point deadline;
    Done done;
  } running;                      // the job on the current worker
  std::vector<Outcome> finished;  // in order, not yet reported to the caller
  std::uint64_t generation = 0;   // the current worker's; an abandoned one sees a newer one
  bool quit = false;
  bool worker_waiting = false;
  bool caller_waiting = false;
  std::size_t wake_at = 0;  // the caller waits until at most this many jobs are pending

  std::size_t pending() const { return queued.size() + (running.active ? 1 : 0); }

  // The worker: runs queued jobs in order until told to quit, or until its runner abandoned it.
  // `self` keeps the state alive on a detached thread.
  static void work_loop(std::shared_ptr<Shared> self, std::uint64_t generation) {
    bool wake_caller = false;
    while (true) {
      if (wake_caller) self->progress.notify_one();  // the lock of the last round is released
      std::unique_lock lock(self->mutex);
      self->worker_waiting = true;
      self->work.wait(lock, [&] { return self->quit || !self->queued.empty(); });
      self->worker_waiting = false;
      if (self->queued.empty()) return;  // quit
      Queued next = std::move(self->queued.front());
      self->queued.pop_front();
      self->running.active = true;
      self->running.deadline = Clock::now() + next.timeout;  // the stamp the caller checks
      self->running.done = std::move(next.done);
      lock.unlock();
      next.job();
      next.job = nullptr;  // release what the job owns before reporting it done
      const auto end = Clock::now();
      lock.lock();
      if (self->generation != generation) return;  // abandoned: the caller reported it
      // Finished late is overrun all the same, whether or not the caller looked in time.
      self->finished.push_back({std::move(self->running.done), end <= self->running.deadline});
      self->running.active = false;
      wake_caller = self->caller_waiting && self->pending() <= self->wake_at;
    }
  }

  // Under the lock: the earliest any pending job's deadline can fall, the time the caller wakes
  // at when it waits (it is not told when a job starts, which would cost a wake-up per job).
  // A queued job starts later than now, so now + its timeout is never past its deadline.
  Clock::time_point earliest_deadline() const {
    auto earliest = running.active ? running.deadline : Clock::time_point::max();
    const auto now = Clock::now();
    for (const auto& next : queued) earliest = std::min(earliest, now + next.timeout);
    return earliest;
  }

  // Under the lock: when the running job is past its deadline, reports it as not finished and
  // retires its worker (which ends once the job returns). True when one was abandoned.
  bool abandon_overrun() {
    if (!running.active || Clock::now() < running.deadline) return false;
    finished.push_back({std::move(running.done), false});
    running.active = false;
    ++generation;
    ++abandoned_count;
    return true;
  }
};

DeadlineRunner::~DeadlineRunner() {
  if (!shared_) return;
  bool abandoned = false;
  {
    std::unique_lock lock(shared_->mutex);
    shared_->queued.clear();  // never started; their `done` is not called
    while (shared_->running.active && !(abandoned = shared_->abandon_overrun())) {
      shared_->caller_waiting = true;
      shared_->wake_at = 0;
      shared_->progress.wait_until(lock, shared_->running.deadline);
      shared_->caller_waiting = false;
    }
    shared_->quit = true;
  }
  if (abandoned) worker_.detach();
  shared_->work.notify_one();
  if (worker_.joinable()) worker_.join();
}

void DeadlineRunner::start_worker() {
  worker_ = std::thread(&Shared::work_loop, shared_, shared_->generation);
}

void DeadlineRunner::submit(std::function<void()> job, std::chrono::duration<double> timeout,
                            Done done) {
  if (timeout.count() <= 0) {
    drain();  // keep the order of outcomes
    job();
    done(true);
    return;
  }
  if (!shared_) shared_ = std::make_shared<Shared>();
  bool wake_worker = false, full = false;
  {
    std::lock_guard lock(shared_->mutex);
    shared_->queued.push_back({std::move(job), clock_duration(timeout), std::move(done)});
    if (!worker_.joinable()) start_worker();
    wake_worker = shared_->worker_waiting;
    full = shared_->pending() >= kDepth;
  }
  if (wake_worker) shared_->work.notify_one();
  // Once the queue is full, wait until half of it is done: the caller then sleeps once per
  // kDepth / 2 jobs rather than once per job. Otherwise only collect what finished.
  settle(full ? kDepth / 2 : std::numeric_limits<std::size_t>::max());
}

void DeadlineRunner::drain() {
  if (shared_) settle(0);
}

bool DeadlineRunner::run(std::function<void()> job, std::chrono::duration<double> timeout) {
  bool finished = false;
  submit(std::move(job), timeout, [&finished](bool ok) { finished = ok; });
  drain();
  return finished;
}

void DeadlineRunner::settle(std::size_t most) {
  std::vector<Outcome> outcomes;
  {
    std::unique_lock lock(shared_->mutex);
    while (true) {
      if (shared_->abandon_overrun()) {
        worker_.detach();  // it ends on its own once its job returns
        if (!shared_->queued.empty()) start_worker();
      }
      if (shared_->pending() <= most) break;
      shared_->caller_waiting = true;
      shared_->wake_at = most;
      shared_->progress.wait_until(lock, shared_->earliest_deadline());
      shared_->caller_waiting = false;
    }
    outcomes.swap(shared_->finished);
  }
  for (auto& outcome : outcomes) outcome.done(outcome.finished);
}

std::size_t abandoned_jobs() {
  return abandoned_count.load();
}

}  // namespace sitrep
