#pragma once
// 64-bit fingerprints for the preview's caches. They live only in memory for
// one `sitrep serve` process, so std::hash (fast, not stable across
// builds of the binary) is enough; they never reach an output file.
#include <cstdint>
#include <functional>
#include <string_view>

namespace sitrep {

inline std::uint64_t hash_text(std::string_view text) { return std::hash<std::string_view>{}(text); }

// Order-sensitive combination (boost::hash_combine's mixing, 64-bit).
inline std::uint64_t hash_mix(std::uint64_t seed, std::uint64_t value) {
  return seed ^ (value + 0x9e3779b97f4a7c15ULL + (seed << 12) + (seed >> 4));
}

inline std::uint64_t hash_mix(std::uint64_t seed, std::string_view text) { return hash_mix(seed, hash_text(text)); }

}  // namespace sitrep
