#include "util/xml_chars.h"

namespace sitrep {
namespace {

constexpr std::string_view k_replacement = "\xEF\xBF\xBD";  // U+FFFD

// Bytes of the forbidden character starting at text[i], or 0. The text is
// valid UTF-8 (load/ refuses anything else).
std::size_t forbidden_at(std::string_view text, std::size_t i) {
  const auto b = [&](std::size_t k) { return static_cast<unsigned char>(text[k]); };
  const unsigned char c = b(i);
  if (c < 0x20) return c == '\t' || c == '\n' || c == '\r' ? 0 : 1;
  if (c == 0x7F) return 1;
  if (c == 0xC2 && i + 1 < text.size() && b(i + 1) >= 0x80 && b(i + 1) <= 0x9F) return 2;  // C1
  if (c == 0xEF && i + 2 < text.size() && b(i + 1) == 0xBF && (b(i + 2) == 0xBE || b(i + 2) == 0xBF)) return 3;
  return 0;
}

}  // namespace

std::string replace_forbidden_xml_chars(std::string text) {
  // Printable ASCII, most of any page, is never forbidden: skip it without the full test.
  const auto plain = [&](std::size_t k) {
    const auto c = static_cast<unsigned char>(text[k]);
    return c >= 0x20 && c < 0x7F;
  };
  std::size_t i = 0;
  while (i < text.size() && (plain(i) || forbidden_at(text, i) == 0)) ++i;
  if (i == text.size()) return text;
  std::string out = text.substr(0, i);
  out.reserve(text.size() + 8);
  while (i < text.size()) {
    if (const std::size_t n = forbidden_at(text, i)) {
      out += k_replacement;
      i += n;
    } else {
      out += text[i++];
    }
  }
  return out;
}

}  // namespace sitrep
