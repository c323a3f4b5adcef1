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

struct DeadlineRunner::Worker {
  std::mutex mutex;
  std::condition_variable changed;
  std::function<void()> job;
  bool has_job = false;
  bool quit = false;  // finish the current job (if any), then end
  std::thread thread;

  static void loop(std::shared_ptr<Worker> self) {
    std::unique_lock lock(self->mutex);
    while (true) {
      self->changed.wait(lock, [&] { return self->has_job || self->quit; });
      if (!self->has_job) return;
      std::function<void()> job = std::move(self->job);
      lock.unlock();
      job();
      job = nullptr;  // release what the job owns before reporting it done
      lock.lock();
      self->has_job = false;
      self->changed.notify_all();
    }
  }
};

DeadlineRunner::~DeadlineRunner() {
  if (!worker_) return;
  {
    std::lock_guard lock(worker_->mutex);
    worker_->quit = true;
  }
  worker_->changed.notify_all();
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
  std::unique_lock lock(worker_->mutex);
  worker_->job = std::move(job);
  worker_->has_job = true;
  worker_->changed.notify_all();
  const auto limit = std::chrono::duration_cast<std::chrono::steady_clock::duration>(timeout);
  if (worker_->changed.wait_for(lock, limit, [&] { return !worker_->has_job; })) return true;
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
