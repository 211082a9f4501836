#include "notify/mail_encoding.h"

#include <openssl/evp.h>

#include <algorithm>
#include <vector>

namespace sitrep {
namespace {

constexpr char k_hex[] = "0123456789ABCDEF";

std::string base64(std::string_view bytes) {
  std::string out(4 * ((bytes.size() + 2) / 3) + 1, '\0');
  const int n = EVP_EncodeBlock(reinterpret_cast<unsigned char*>(out.data()),
                                reinterpret_cast<const unsigned char*>(bytes.data()), static_cast<int>(bytes.size()));
  out.resize(static_cast<std::size_t>(n));
  return out;
}

bool is_plain_ascii(std::string_view text) {
  return std::all_of(text.begin(), text.end(), [](char c) {
    const auto u = static_cast<unsigned char>(c);
    return u >= 0x20 && u < 0x7F;
  });
}

}  // namespace

std::string encode_header_value(std::string_view text) {
  // "=?UTF-8?B?" + 60 base64 characters + "?=" is 72: 45 bytes per word.
  constexpr std::size_t k_bytes_per_word = 45;
  if (is_plain_ascii(text) && text.find("=?") == std::string_view::npos) return std::string{text};
  std::string out;
  std::size_t at = 0;
  while (at < text.size()) {
    std::size_t end = std::min(text.size(), at + k_bytes_per_word);
    while (end < text.size() && end > at + 1 && (static_cast<unsigned char>(text[end]) & 0xC0) == 0x80) --end;
    if (!out.empty()) out += "\r\n ";
    out += "=?UTF-8?B?" + base64(text.substr(at, end - at)) + "?=";
    at = end;
  }
  return out;
}

std::string quoted_printable(std::string_view text) {
  constexpr std::size_t k_max_line = 76;  // including a soft break's '='
  std::string out;
  std::size_t start = 0;
  while (start <= text.size()) {
    std::size_t end = text.find('\n', start);
    const bool last = end == std::string_view::npos;
    if (last) end = text.size();
    std::string_view line = text.substr(start, end - start);
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    std::size_t width = 0;
    for (std::size_t i = 0; i < line.size(); ++i) {
      const auto c = static_cast<unsigned char>(line[i]);
      const bool at_end = i + 1 == line.size();
      std::string piece;
      if ((c >= 33 && c <= 126 && c != '=') || ((c == ' ' || c == '\t') && !at_end)) {
        piece = static_cast<char>(c);
      } else {
        piece = {'=', k_hex[c >> 4], k_hex[c & 0xF]};
      }
      if (width + piece.size() > k_max_line - 1) {
        out += "=\r\n";
        width = 0;
      }
      out += piece;
      width += piece.size();
    }
    if (last) break;
    out += "\r\n";
    start = end + 1;
  }
  return out;
}

std::string rfc5322_date(TimePoint t) { return format_in_zone(t, nullptr, "%a, %d %b %Y %H:%M:%S +0000"); }

}  // namespace sitrep
