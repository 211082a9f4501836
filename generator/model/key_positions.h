#pragma once
// Where each top-level key of an item was written, for diagnostics.
//
// Every item of a long history carries one (an incident and each of its
// updates), but a key's position is looked up only when a diagnostic names
// it. As a std::map, one allocated node per key, they were about a third of
// the loaded model at 10 000 incidents (tests/bench/RESULTS.md); here an
// item's keys are one packed string, one allocation: per key, its length,
// line and column (three little-endian 32-bit numbers) and its bytes,
// sorted by key.
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "util/diagnostic.h"

namespace sitrep {

class KeyPositions {
 public:
  KeyPositions() = default;
  // The keys as found, in any order; a key given twice keeps its first
  // position.
  explicit KeyPositions(std::vector<std::pair<std::string_view, SourcePos>> keys);

  std::optional<SourcePos> find(std::string_view key) const;
  bool contains(std::string_view key) const { return find(key).has_value(); }
  std::size_t size() const;

  // The packed form, for the load cache (load/model_codec.cpp).
  const std::string& packed() const { return packed_; }
  // Throws std::invalid_argument when `packed` is not a packed form this
  // class wrote (truncated, a length past the end, keys out of order).
  static KeyPositions from_packed(std::string packed);

  bool operator==(const KeyPositions&) const = default;

 private:
  std::string packed_;
};

}  // namespace sitrep
