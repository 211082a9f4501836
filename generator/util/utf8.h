#pragma once
// Strict UTF-8: overlong forms, surrogates and code points above U+10FFFF
// are invalid (so "%c0%ae" never reads as '.').
#include <cstddef>
#include <string_view>

namespace sitrep {

// Length of the UTF-8 sequence starting at s[i], or 0 if it is invalid.
std::size_t utf8_sequence_length(std::string_view s, std::size_t i);

bool is_valid_utf8(std::string_view s);

}  // namespace sitrep
