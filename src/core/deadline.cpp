#include "core/deadline.h"

#include <atomic>
#include <condition_variable>
#include <mutex>
#include <thread>
#include <utility>

namespace sitrep {
namespace {
std::atomic<std::size_t> abandoned_count{0};
}  // namespace

// One condition variable per direction: the worker waits only for `posted` and the caller only
// for `done`, so notify_one always wakes the thread that has something to do. Both notify after
// unlocking, so the woken thread does not block at once on the mutex its waker still holds.
struct DeadlineRunner::Worker {
  std::mutex mutex;
  std::condition_variable posted;  // a job or quit for the worker
  std::condition_variable done;    // the job finished, for the caller
  std::function<void()> job;
  bool has_job = false;
  bool quit = false;  // finish the current job (if any), then end
  std::thread thread;

  // `self` keeps the Worker alive on a detached thread after its runner abandoned it.
  static void loop(std::shared_ptr<Worker> self) {
    while (auto job = self->next()) {
      job();
      job = nullptr;  // release what the job owns before reporting it done
      {
        std::lock_guard lock(self->mutex);
        self->has_job = false;
      }
      self->done.notify_one();
    }
  }

  // The next job to run, or an empty function once told to quit.
  std::function<void()> next() {
    std::unique_lock lock(mutex);
    posted.wait(lock, [&] { return has_job || quit; });
    if (!has_job) return {};
    return std::move(job);
  }
};

DeadlineRunner::~DeadlineRunner() {
  if (!worker_) return;
  {
    std::lock_guard lock(worker_->mutex);
    worker_->quit = true;
  }
  worker_->posted.notify_one();
  worker_->thread.join();
}

bool DeadlineRunner::run(std::function<void()> job, std::chrono::duration<double> timeout) {
  if (timeout.count() <= 0) {
    job();
    return true;
  }
  if (!worker_) {
    worker_ = std::make_shared<Worker>();
    worker_->thread = std::thread(&Worker::loop, worker_);
  }
  {
    std::lock_guard lock(worker_->mutex);
    worker_->job = std::move(job);
    worker_->has_job = true;
  }
  worker_->posted.notify_one();
  const auto limit = std::chrono::duration_cast<std::chrono::steady_clock::duration>(timeout);
  std::unique_lock lock(worker_->mutex);
  if (worker_->done.wait_for(lock, limit, [&] { return !worker_->has_job; })) return true;
  // Overran: the worker finishes this job in the background and then ends.
  worker_->quit = true;
  lock.unlock();
  worker_->thread.detach();
  worker_.reset();
  ++abandoned_count;
  return false;
}

std::size_t abandoned_jobs() {
  return abandoned_count.load();
}

}  // namespace sitrep
