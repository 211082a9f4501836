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
#include <filesystem>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

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
// What one build's scan learnt, kept for the next build's
// (write/page_reuse.h) so that a site whose texts did not change is not
// searched again: which internal texts were distinctive, computed from
// which texts, and which public files (by content hash) passed.
struct LeakScanMemo {
  std::uint64_t inputs = 0;          // digest of every candidate and public field text, in order
  std::vector<bool> distinctive;     // per candidate, as computed from those
  std::uint64_t patterns = 0;        // the scan's patterns_digest()
  std::vector<std::uint64_t> clean;  // content_hash() of each public file that passed it, sorted
};

// A public file's bytes as the memo knows them.
std::uint64_t content_hash(std::string_view bytes);

class LeakScanner {
 public:
  // With `previous` (the last build's memo): when the site's internal and
  // public texts are the same, its distinctive texts are taken, not
  // searched for again, and a file it saw pass is not scanned again (the
  // search is only built once a file needs it). With `search_file`
  // (render/leak_search_file.h): when it was made from the same texts, the
  // candidates, their distinctive set and the search are read from it, not
  // gathered and built; otherwise they are, and written to it.
  explicit LeakScanner(const PublicView& view, const LeakScanMemo* previous = nullptr,
                       const std::filesystem::path* search_file = nullptr);
  ~LeakScanner();
  LeakScanner(const LeakScanner&) = delete;
  LeakScanner& operator=(const LeakScanner&) = delete;
  // Builds the search now rather than when the first file needs it (a
  // caller with a core to spare, before the files come). Not thread-safe
  // with scan().
  void prepare();
  void scan(const Outputs& public_files);
  void report(const std::string& public_dir, Diagnostics& diags) const;
  // What the scan looks for (its distinctive texts), as one number: a file
  // that passed a scan with the same digest passes this one.
  std::uint64_t patterns_digest() const;
  // Whether pages linked from the last build (OutputFile::reused) must be
  // scanned: its patterns differed (or there is no memo). The caller then
  // reads their bytes back before scan(); otherwise scan() passes them by.
  bool scans_linked_pages() const;
  // For the next build: this scan's texts and the public files that passed.
  LeakScanMemo memo() const;
  // Whether the candidates and the search came from `search_file`.
  bool took_saved_search() const;

 private:
  struct State;
  const PublicView& view_;
  std::unique_ptr<State> state_;
};

}  // namespace sitrep
