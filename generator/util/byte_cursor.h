#pragma once
// Reads the numbers and texts of a cache file that only this binary writes
// and reads back (write/export_pieces.h, render/leak_search_file.h):
// numbers as 8 bytes in this machine's order, a text as its length and its
// bytes. A read past the end sets ok to false and gives 0 or nothing, so a
// truncated file is refused, never overrun.
#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>

namespace sitrep {

struct ByteCursor {
  std::string_view rest;
  bool ok = true;
  std::uint64_t number() {
    std::uint64_t v = 0;
    if (rest.size() < sizeof v) {
      ok = false;
      return 0;
    }
    std::memcpy(&v, rest.data(), sizeof v);
    rest.remove_prefix(sizeof v);
    return v;
  }
  std::string_view text() {
    const std::uint64_t size = number();
    if (!ok || size > rest.size()) {
      ok = false;
      return {};
    }
    const std::string_view t = rest.substr(0, size);
    rest.remove_prefix(size);
    return t;
  }
};

// The writing side, into a string.
inline void put_number(std::string& out, std::uint64_t v) {
  out.append(reinterpret_cast<const char*>(&v), sizeof v);
}
inline void put_text(std::string& out, std::string_view t) {
  put_number(out, t.size());
  out.append(t);
}

}  // namespace sitrep
