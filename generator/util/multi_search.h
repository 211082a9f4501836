#pragma once
// Many fixed strings searched in one pass (Rabin–Karp over the length of the
// shortest pattern, every candidate verified byte for byte): time linear in
// the text plus the candidates checked, whatever the number of patterns, and
// memory a few words per pattern. Used by the leak scan
// (render/leak_scan.h), which looks for hundreds of thousands of internal
// lines in every public output. (It was an Aho–Corasick automaton: a node
// per pattern byte, and building it was most of a 10 000-incident build's
// serial time.)
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace sitrep {

class MultiSearch {
 public:
  explicit MultiSearch(std::vector<std::string> patterns);
  // The same over texts the caller keeps alive and unchanged for as long as
  // the search lives (the leak scan's are views into the model): nothing
  // is copied.
  static MultiSearch over_views(std::vector<std::string_view> patterns);
  MultiSearch(MultiSearch&&) = default;  // the patterns' bytes stay where they are
  MultiSearch(const MultiSearch&) = delete;
  MultiSearch& operator=(const MultiSearch&) = delete;

  // Calls found(index of the pattern) for every occurrence of every pattern
  // in `text`, in order of where they start (at one start, in pattern
  // order); a pattern given twice is reported under its first index; empty
  // patterns never match. found returns false to stop. Safe to call from
  // several threads at once.
  void scan(std::string_view text, const std::function<bool(std::size_t)>& found) const;
  // Pattern `index` as given.
  std::string_view pattern(std::size_t index) const { return patterns_[index]; }
  std::size_t size() const { return patterns_.size(); }

  // Its index (not its patterns) as bytes, for a cache file
  // (render/leak_search_file.h): building it sorts every pattern, a tenth
  // of a rebuild's CPU at 10 000 incidents, and a site whose texts did not
  // change needs the same index again.
  std::string tables() const;
  // The search over `patterns` (views, as over_views) whose index tables()
  // gave; nullopt when `tables` is not an index of these patterns (their
  // count, the groups' bounds and order, each group's hash of its patterns'
  // opening all checked: a damaged file gives no search, never a wrong one).
  static std::optional<MultiSearch> from_tables(std::vector<std::string_view> patterns, std::string_view tables);

 private:
  // The distinct patterns whose first window_ bytes hash alike, sorted by
  // their text: where the text matches the window, the ones it holds are
  // found by binary searches (a chain of prefixes of the text), not by
  // comparing each. Real content repeats its openings ("We are
  // investigating ..."): a group can hold thousands of patterns, and
  // comparing each at every public occurrence of the opening was a quarter
  // of a public build's CPU at 10 000 incidents.
  struct Entry {
    std::uint64_t hash;   // of the first window_ bytes
    std::uint32_t first;  // the group: by_text_[first, last)
    std::uint32_t last;
    std::uint32_t longest;  // its longest pattern's length
  };
  // At one start of the text: the group's patterns the text begins with.
  void matches_at(const Entry& group, std::string_view rest, std::vector<std::uint32_t>& out) const;

  MultiSearch() = default;
  void index();  // builds the tables below from patterns_
  void set_window(std::size_t window);  // window_ and top_power_
  void index_entries();  // seen_ and first_, from entries_

  std::vector<std::string> owned_;          // the patterns, when they were given as strings
  std::vector<std::string_view> patterns_;  // into owned_ or the caller's texts
  std::size_t window_ = 0;            // the shortest non-empty pattern's length
  std::uint64_t top_power_ = 1;       // k_base^(window_ - 1), to roll the first byte out
  std::vector<std::uint32_t> by_text_;  // pattern indices, by group, sorted by text within each
  std::vector<Entry> entries_;        // one per group, sorted by hash
  std::vector<std::uint64_t> seen_;   // a bit per hash prefix: most windows miss here
  // entries_[first_[b], first_[b + 1]) are those whose hash starts with
  // bucket b's bits: a window that passes the filter looks at about one
  // entry, not a binary search over all of them (a cache miss a step).
  std::vector<std::uint32_t> first_;
};

}  // namespace sitrep
