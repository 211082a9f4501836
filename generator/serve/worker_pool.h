#pragma once
// A fixed set of threads, each with a stack of a given size, taking jobs in
// the order they come. (std::thread cannot choose its stack; the preview's
// workers need a large one, see ServeLimits::worker_stack_bytes.)
#include <pthread.h>

#include <condition_variable>
#include <cstddef>
#include <deque>
#include <functional>
#include <mutex>
#include <vector>

namespace sitrep {

class WorkerPool {
 public:
  WorkerPool(std::size_t threads, std::size_t stack_bytes);
  ~WorkerPool();
  WorkerPool(const WorkerPool&) = delete;
  WorkerPool& operator=(const WorkerPool&) = delete;

  void enqueue(std::function<void()> job);
  // Runs the jobs already queued, then joins the threads. Later jobs run
  // on the caller's thread.
  void shutdown();

 private:
  static void* run(void* self);

  std::mutex mutex_;
  std::condition_variable ready_;
  std::deque<std::function<void()>> jobs_;
  std::vector<pthread_t> threads_;
  bool stopping_ = false;
};

}  // namespace sitrep
