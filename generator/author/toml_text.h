#pragma once
// TOML written by hand. The `new` commands edit content files as text (an
// appended [[updates]] block, one inserted key) so that a person's comments,
// key order and layout survive; these helpers write the few literals needed.
#include <string>
#include <string_view>
#include <vector>

#include "util/time.h"

namespace sitrep {

// "text" as a TOML basic string, escaped.
std::string toml_string(std::string_view s);
// A multi-line basic string: """, newline, the text, newline, """. The value
// read back is the text plus one trailing newline, as the example content has.
std::string toml_multiline(std::string_view s);
// A key: bare when it can be, else quoted.
std::string toml_key(std::string_view key);
// ["a", "b"]
std::string toml_string_array(const std::vector<std::string>& items);
// An offset date-time in `zone`: 2026-11-26T09:14:00-08:00, so the file reads
// in the site's local time and still names one instant.
std::string toml_time(TimePoint t, TimeZone zone);

}  // namespace sitrep
