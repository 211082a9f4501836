#pragma once
// 64-bit fingerprints for the preview's and the build's caches: XXH3
// (Debian's libxxhash, inlined from its header), several times faster than
// std::hash over the tens of megabytes a warm build checks (the load cache
// alone is 80 MB at 10 000 incidents, and std::hash over it was a tenth of
// `check`'s CPU). Stability across versions does not matter:
// they live in memory for one `sitrep serve` process, or in cache files
// that name the binary and its libraries' build ids (load/load_cache_file.h,
// write/page_reuse.h), so only the very same program reads them back. They
// never reach an output file; stable_hash, at the end, is the one that may.
#include <cstdint>
#include <string_view>

#define XXH_INLINE_ALL
#include <xxhash.h>

namespace sitrep {

inline std::uint64_t hash_text(std::string_view text) { return XXH3_64bits(text.data(), text.size()); }

// Order-sensitive combination (boost::hash_combine's mixing, 64-bit).
inline std::uint64_t hash_mix(std::uint64_t seed, std::uint64_t value) {
  return seed ^ (value + 0x9e3779b97f4a7c15ULL + (seed << 12) + (seed >> 4));
}

inline std::uint64_t hash_mix(std::uint64_t seed, std::string_view text) { return hash_mix(seed, hash_text(text)); }

// 64-bit FNV-1a: unlike hash_text, the same on every build and platform, so
// it may name output files (owner pages of the follow-up tracker).
constexpr std::uint64_t stable_hash(std::string_view text) {
  std::uint64_t h = 0xcbf29ce484222325ULL;
  for (char c : text) {
    h ^= static_cast<unsigned char>(c);
    h *= 0x100000001b3ULL;
  }
  return h;
}

}  // namespace sitrep
