#pragma once
// Independent pages rendered on the thread pool: make(i, diags) builds page
// i and reports into its own Diagnostics; pages and diagnostics are merged
// in index order, so the output never depends on scheduling.
#include <algorithm>
#include <vector>

#include "render/output.h"
#include "util/diagnostic.h"
#include "util/parallel.h"

namespace sitrep {

template <class MakePage>
Outputs render_pages_in_parallel(std::size_t n, const RulePolicy& rules, Diagnostics& diags, MakePage make) {
  Outputs out(n);
  std::vector<Diagnostics> local(n, Diagnostics(rules));
  parallel_for(n, 0, [&](std::size_t i) { out[i] = make(i, local[i]); });
  for (const auto& d : local) diags.append(d);
  return out;
}

// Pages handed over in chunks as they are done.
inline constexpr std::size_t k_pages_per_chunk = 512;

// With a sink, the pages go to it k_pages_per_chunk at a time (a build
// writes each chunk and frees it, so a tree of 10 000 pages is never whole
// in memory) and nothing is returned; without one, as above.
template <class MakePage>
Outputs render_pages_in_parallel(std::size_t n, const RulePolicy& rules, Diagnostics& diags, MakePage make,
                                 const OutputSink* sink) {
  if (!sink) return render_pages_in_parallel(n, rules, diags, make);
  for (std::size_t first = 0; first < n; first += k_pages_per_chunk) {
    const std::size_t count = std::min(k_pages_per_chunk, n - first);
    (*sink)(render_pages_in_parallel(count, rules, diags, [&](std::size_t i, Diagnostics& d) {
      return make(first + i, d);
    }));
  }
  return {};
}

}  // namespace sitrep
