#include "model/key_positions.h"

#include <algorithm>
#include <cstdint>
#include <cstring>
#include <stdexcept>

namespace sitrep {
namespace {

constexpr std::size_t k_header = 12;  // key length, line, column

void put_u32(std::string& out, std::uint32_t x) {
  const char b[4] = {static_cast<char>(x & 0xff), static_cast<char>((x >> 8) & 0xff),
                     static_cast<char>((x >> 16) & 0xff), static_cast<char>((x >> 24) & 0xff)};
  out.append(b, 4);
}

std::uint32_t get_u32(const char* p) {
  std::uint32_t x = 0;
  for (int i = 3; i >= 0; --i) x = (x << 8) | static_cast<unsigned char>(p[i]);
  return x;
}

struct Entry {
  std::string_view key;
  SourcePos pos;
};

// Calls `visit(entry)` for each entry of `packed` until it returns true;
// false when `packed` is malformed (checked as far as the walk goes).
template <class Visit>
bool walk(std::string_view packed, Visit&& visit) {
  while (!packed.empty()) {
    if (packed.size() < k_header) return false;
    const std::uint32_t size = get_u32(packed.data());
    if (size > packed.size() - k_header) return false;
    const Entry e{packed.substr(k_header, size), SourcePos{get_u32(packed.data() + 4), get_u32(packed.data() + 8)}};
    if (visit(e)) return true;
    packed.remove_prefix(k_header + size);
  }
  return true;
}

}  // namespace

KeyPositions::KeyPositions(std::vector<std::pair<std::string_view, SourcePos>> keys) {
  std::stable_sort(keys.begin(), keys.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
  keys.erase(std::unique(keys.begin(), keys.end(), [](const auto& a, const auto& b) { return a.first == b.first; }),
             keys.end());
  std::size_t bytes = 0;
  for (const auto& [key, pos] : keys) bytes += k_header + key.size();
  packed_.reserve(bytes);
  for (const auto& [key, pos] : keys) {
    put_u32(packed_, static_cast<std::uint32_t>(key.size()));
    put_u32(packed_, pos.line);
    put_u32(packed_, pos.col);
    packed_.append(key);
  }
}

std::optional<SourcePos> KeyPositions::find(std::string_view key) const {
  std::optional<SourcePos> found;
  walk(packed_, [&](const Entry& e) {
    if (e.key != key) return false;
    found = e.pos;
    return true;
  });
  return found;
}

std::size_t KeyPositions::size() const {
  std::size_t n = 0;
  walk(packed_, [&](const Entry&) {
    ++n;
    return false;
  });
  return n;
}

KeyPositions KeyPositions::from_packed(std::string packed) {
  std::optional<std::string_view> previous;
  const bool whole = walk(packed, [&](const Entry& e) {
    if (previous && !(*previous < e.key)) throw std::invalid_argument("key positions out of order");
    previous = e.key;
    return false;
  });
  if (!whole) throw std::invalid_argument("key positions truncated");
  KeyPositions out;
  out.packed_ = std::move(packed);
  return out;
}

}  // namespace sitrep
