#pragma once
// Independent pages rendered on the thread pool: make(i, diags) builds page
// i and reports into its own Diagnostics; pages and diagnostics are merged
// in index order, so the output never depends on scheduling.
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

}  // namespace sitrep
