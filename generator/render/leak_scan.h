#pragma once
// The last check before site/public is written: no public output may hold
// text that exists only in internal fields (roles, timeline, root cause,
// internal notes and metrics, internal incidents and components, postmortem
// sections that are not public). The public view already keeps those out of
// every public context; this catches a template or static file that prints
// them anyway (a theme mistake, text pasted into an override).
// Only distinctive text is looked for — a line of a value of at least
// k_min_leak_text bytes that occurs in no public field — so common words
// never trip it. One Aho–Corasick pass over each public file.
#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>

#include "model/model.h"
#include "render/output.h"
#include "render/public_view.h"
#include "util/diagnostic.h"

namespace sitrep {

inline constexpr std::size_t k_min_leak_text = 12;

// The scan of a public tree that comes in batches (`sitrep build` writes
// each batch as it is rendered): scan() every batch, then report() once —
// one "internal-text" error per internal text found, at the field's line in
// its content file, naming the first public file (by path) that holds it
// (`public_dir` + its path) and how many others do. The view (and its
// model) must outlive the scanner.
class LeakScanner {
 public:
  explicit LeakScanner(const PublicView& view);
  ~LeakScanner();
  LeakScanner(const LeakScanner&) = delete;
  LeakScanner& operator=(const LeakScanner&) = delete;
  void scan(const Outputs& public_files);
  void report(const std::string& public_dir, Diagnostics& diags) const;
  // What the scan looks for (its distinctive texts), as one number: a file
  // that passed a scan with the same digest passes this one
  // (write/page_reuse.h skips scanning the pages it links then).
  std::uint64_t patterns_digest() const;

 private:
  struct State;
  const PublicView& view_;
  std::unique_ptr<State> state_;
};

}  // namespace sitrep
