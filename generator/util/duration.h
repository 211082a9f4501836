#pragma once
#include <chrono>
#include <optional>
#include <string>
#include <string_view>

namespace sitrep {

// "15m", "1h30m", "48h", "7d", "1w", "30s". Units must be given; no
// fractions. Returns nullopt for anything else (and for 0 or overflow).
std::optional<std::chrono::seconds> parse_duration(std::string_view text);
// Whether `text` is written like a duration (digits and a unit, repeated),
// whatever its value: tells "9999999999999999h" (too long) from "1 hour".
bool is_duration_syntax(std::string_view text);

// Human form: "1h 30m", "2d 4h", "45m", "0m"; with seconds whenever the
// value is not whole minutes, every part from the largest down: "1h 0m 30s",
// "1m 5s", "30s". Nothing is rounded away.
std::string format_duration(std::chrono::seconds d);

}  // namespace sitrep
