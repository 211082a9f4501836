#include "util/slug.h"

namespace sitrep {
namespace {

// Base letter of U+00C0..U+017F (NFKD's first letter; a few by hand: Æ a,
// Ø o, ß s, Ł l, Œ o, Þ t); '-' for × and ÷.
constexpr std::string_view k_latin =
    "aaaaaaaceeeeiiiidnooooo-ouuuuytsaaaaaaaceeeeiiiidnooooo-ouuuuyty"
    "aaaaaaccccccccddddeeeeeeeeeegggggggghhhhiiiiiiiiiiiijjkkklllllll"
    "lllnnnnnnnnnoooooooorrrrrrssssssssttttttuuuuuuuuuuuuwwyyyzzzzzzs";
constexpr char32_t k_latin_first = 0xC0;

// The code point starting at text[i] and its length; a stray byte is one
// code point of its own (it becomes '-').
char32_t decode(std::string_view text, std::size_t i, std::size_t& length) {
  const auto byte = [&](std::size_t k) { return static_cast<unsigned char>(text[k]); };
  const unsigned char b = byte(i);
  length = 1;
  if (b < 0x80) return b;
  const std::size_t n = (b & 0xE0) == 0xC0 ? 2 : (b & 0xF0) == 0xE0 ? 3 : (b & 0xF8) == 0xF0 ? 4 : 0;
  if (n == 0 || i + n > text.size()) return 0xFFFD;
  char32_t cp = b & (0x7F >> n);
  for (std::size_t k = 1; k < n; ++k) {
    if ((byte(i + k) & 0xC0) != 0x80) return 0xFFFD;
    cp = (cp << 6) | (byte(i + k) & 0x3F);
  }
  length = n;
  return cp;
}

char ascii_of(char32_t cp) {
  if ((cp >= 'a' && cp <= 'z') || (cp >= '0' && cp <= '9')) return static_cast<char>(cp);
  if (cp >= 'A' && cp <= 'Z') return static_cast<char>(cp - 'A' + 'a');
  if (cp >= k_latin_first && cp < k_latin_first + k_latin.size()) return k_latin[cp - k_latin_first];
  return '-';
}

}  // namespace

std::string ascii_slug(std::string_view text, std::size_t max_size) {
  std::string out;
  for (std::size_t i = 0, length = 1; i < text.size(); i += length) {
    const char c = ascii_of(decode(text, i, length));
    if (c != '-') out += c;
    else if (!out.empty() && out.back() != '-') out += '-';
  }
  if (out.size() > max_size) {
    // Cut at a word boundary when it keeps most of the room.
    const std::size_t dash = out.rfind('-', max_size);
    out.resize(dash != std::string::npos && dash >= max_size / 2 ? dash : max_size);
  }
  while (!out.empty() && out.back() == '-') out.pop_back();
  return out;
}

}  // namespace sitrep
