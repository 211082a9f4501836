#include "serve/worker_pool.h"

#include <stdexcept>

namespace sitrep {

WorkerPool::WorkerPool(std::size_t threads, std::size_t stack_bytes) {
  pthread_attr_t attr;
  pthread_attr_init(&attr);
  pthread_attr_setstacksize(&attr, stack_bytes);
  for (std::size_t i = 0; i < threads; ++i) {
    pthread_t t;
    if (pthread_create(&t, &attr, &WorkerPool::run, this) != 0) break;  // fewer threads, still a pool
    threads_.push_back(t);
  }
  pthread_attr_destroy(&attr);
  if (threads_.empty()) throw std::runtime_error("cannot start the preview's worker threads");
}

WorkerPool::~WorkerPool() { shutdown(); }

void WorkerPool::enqueue(std::function<void()> job) {
  {
    std::lock_guard lock(mutex_);
    if (!stopping_) {
      jobs_.push_back(std::move(job));
      ready_.notify_one();
      return;
    }
  }
  job();
}

void WorkerPool::shutdown() {
  {
    std::lock_guard lock(mutex_);
    if (stopping_) return;
    stopping_ = true;
  }
  ready_.notify_all();
  for (pthread_t t : threads_) pthread_join(t, nullptr);
  threads_.clear();
}

void* WorkerPool::run(void* self) {
  auto& pool = *static_cast<WorkerPool*>(self);
  for (;;) {
    std::function<void()> job;
    {
      std::unique_lock lock(pool.mutex_);
      pool.ready_.wait(lock, [&] { return pool.stopping_ || !pool.jobs_.empty(); });
      if (pool.jobs_.empty()) return nullptr;  // stopping, and nothing left to run
      job = std::move(pool.jobs_.front());
      pool.jobs_.pop_front();
    }
    job();
  }
}

}  // namespace sitrep
