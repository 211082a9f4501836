#include "notify/redact.h"

namespace sitrep {

std::string redact_url(std::string_view url) {
  const std::size_t scheme_end = url.find("://");
  if (scheme_end == std::string_view::npos) return "\u2026";
  const std::size_t start = scheme_end + 3;
  const std::size_t end = std::min(url.find_first_of("/?#", start), url.size());
  std::string_view authority = url.substr(start, end - start);
  if (const std::size_t at = authority.rfind('@'); at != std::string_view::npos) authority.remove_prefix(at + 1);
  // Keep an IPv6 literal whole; drop a port.
  std::size_t host_end = authority.size();
  if (!authority.empty() && authority[0] == '[') {
    host_end = std::min(authority.find(']') + 1, authority.size());
  } else if (const std::size_t colon = authority.find(':'); colon != std::string_view::npos) {
    host_end = colon;
  }
  return std::string{url.substr(0, start)} + std::string{authority.substr(0, host_end)} + "/\u2026";
}

}  // namespace sitrep
