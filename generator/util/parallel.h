#pragma once
// Runs f(i) for i in [0, n) on up to `threads` threads (0 = all cores).
// Each index is handled once; callers write results into slot i, so the
// output order never depends on scheduling.
#include <algorithm>
#include <atomic>
#include <cstddef>
#include <thread>
#include <vector>

namespace sitrep {

template <class F>
void parallel_for(std::size_t n, unsigned threads, F&& f) {
  if (threads == 0) threads = std::max(1u, std::thread::hardware_concurrency());
  threads = static_cast<unsigned>(std::min<std::size_t>(threads, n / 16 + 1));  // small jobs: no threads
  if (threads <= 1) {
    for (std::size_t i = 0; i < n; ++i) f(i);
    return;
  }
  std::atomic<std::size_t> next{0};
  const auto work = [&] {
    for (std::size_t i; (i = next.fetch_add(1)) < n;) f(i);
  };
  // The calling thread is one of the workers: one thread fewer to start
  // and, with mimalloc, one fewer whose heap is handed over when it ends
  // (a thread that made half the model, e.g. while decoding the load
  // cache, costs milliseconds to retire).
  std::vector<std::thread> pool;
  for (unsigned t = 1; t < threads; ++t) pool.emplace_back(work);
  work();
  for (auto& th : pool) th.join();
}

}  // namespace sitrep
