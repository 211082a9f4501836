#pragma once
#include <string>
#include <string_view>
#include <vector>

namespace sitrep {

// Levenshtein distance, case-insensitive.
std::size_t edit_distance(std::string_view a, std::string_view b);

// The closest candidate if it is near enough to be a plausible typo
// (distance <= max(1, len/3)), else empty.
std::string closest_match(std::string_view word, const std::vector<std::string>& candidates);

// "did you mean 'x'?" or empty.
std::string did_you_mean(std::string_view word, const std::vector<std::string>& candidates);

}  // namespace sitrep
