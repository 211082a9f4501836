#pragma once
// Phase timings for `-v`: a list of (phase, milliseconds) a stage fills in
// when the caller asks for it. Timings never change what is built.
#include <chrono>
#include <string>
#include <utility>
#include <vector>

namespace sitrep {

using PhaseTimings = std::vector<std::pair<std::string, double>>;

// Runs `work` and, when `timings` is set, appends how long it took.
template <typename Work>
decltype(auto) timed(PhaseTimings* timings, std::string phase, Work&& work) {
  const auto start = std::chrono::steady_clock::now();
  struct Record {
    PhaseTimings* timings;
    std::string phase;
    std::chrono::steady_clock::time_point start;
    ~Record() {
      if (timings)
        timings->emplace_back(std::move(phase), std::chrono::duration<double, std::milli>(
                                                    std::chrono::steady_clock::now() - start).count());
    }
  } record{timings, std::move(phase), start};
  return work();
}

}  // namespace sitrep
