#pragma once
// Many fixed strings searched in one pass (Aho–Corasick): time linear in
// the text plus the matches, whatever the number of patterns. Used by the
// leak scan (render/leak_scan.h), which looks for thousands of internal
// strings in every public output.
#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace sitrep {

class MultiSearch {
 public:
  explicit MultiSearch(const std::vector<std::string>& patterns);

  // Calls found(index of the pattern) for every occurrence of every pattern
  // in `text`, in order of where they end; found returns false to stop.
  void scan(std::string_view text, const std::function<bool(std::size_t)>& found) const;

 private:
  struct Node {
    std::vector<std::pair<unsigned char, std::int32_t>> next;  // sorted by byte
    std::int32_t fail = 0;
    std::int32_t output = -1;       // pattern ending here, or -1
    std::int32_t output_link = -1;  // nearest node on the fail chain with an output
  };
  std::int32_t child(std::int32_t node, unsigned char c) const;
  std::vector<Node> nodes_;
};

}  // namespace sitrep
