#include "author/timeline_block.h"

#include <cstdint>

#include "author/toml_edit.h"
#include "author/toml_text.h"

namespace sitrep {

std::string timeline_block_text(const TimelineEntry& e, TimeZone zone) {
  std::string out = "[[timeline]]\n";
  out += "at = " + toml_time(e.at, zone) + "\n";
  if (!e.severity.empty()) out += "severity = " + toml_string(e.severity) + "\n";
  out += "action = " + toml_string(e.action) + "\n";
  if (!e.owner.empty()) out += "owner = " + toml_string(e.owner) + "\n";
  return out;
}

std::string add_timeline_entry(std::string_view text, const Incident& inc, const TimelineEntry& entry, TimeZone zone) {
  const std::string block = timeline_block_text(entry, zone);
  for (const auto& e : inc.timeline) {
    if (e.at <= entry.at || e.pos.line == 0) continue;
    // Before the header of the first later entry.
    std::size_t at = 0;
    for (std::uint32_t line = 1; line < e.pos.line && at < text.size(); ++line) {
      const std::size_t nl = text.find('\n', at);
      at = nl == std::string_view::npos ? text.size() : nl + 1;
    }
    std::string out{text.substr(0, at)};
    out += block + "\n";
    out += text.substr(at);
    return out;
  }
  return append_block(text, block);
}

}  // namespace sitrep
