#include "util/terminal_text.h"

#include <cstdio>

namespace sitrep {
namespace {

bool is_c0_or_del(unsigned char c) { return (c < 0x20 && c != '\t' && c != '\n') || c == 0x7F; }

bool is_c1_at(std::string_view text, std::size_t i) {
  return static_cast<unsigned char>(text[i]) == 0xC2 && i + 1 < text.size() &&
         static_cast<unsigned char>(text[i + 1]) >= 0x80 && static_cast<unsigned char>(text[i + 1]) <= 0x9F;
}

}  // namespace

std::string escape_control_chars(std::string_view text, bool one_line) {
  std::string out;
  out.reserve(text.size());
  char buf[8];
  for (std::size_t i = 0; i < text.size(); ++i) {
    const unsigned char c = static_cast<unsigned char>(text[i]);
    if (is_c0_or_del(c) || (one_line && c == '\n')) {
      std::snprintf(buf, sizeof buf, "\\x%02x", c);
      out += buf;
    } else if (is_c1_at(text, i)) {
      std::snprintf(buf, sizeof buf, "\\u%04x", static_cast<unsigned char>(text[i + 1]));
      out += buf;
      ++i;
    } else {
      out += text[i];
    }
  }
  return out;
}

std::size_t escaped_width(std::string_view text, std::size_t i) {
  if (is_c0_or_del(static_cast<unsigned char>(text[i]))) return 4;
  if (is_c1_at(text, i)) return 6;
  return 1;
}

}  // namespace sitrep
