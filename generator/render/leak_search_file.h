#pragma once
// What a leak scan (render/leak_scan.h) looks for, kept between builds: its
// candidates (each internal line, where it was written, whether it is
// distinctive) and its search's index (util/multi_search.h). Gathering the
// candidates and sorting them into the index is a tenth of a rebuild's CPU
// at 10 000 incidents, and a site whose texts did not change needs the very
// same again.
//
// One file per site root in the cache folder (load/cache_folder.h), keyed
// to the binary's build id like the other caches and naming the digest of
// the texts it was made from; a scan takes it only when its own texts have
// that digest. A missing, damaged (the whole file is in one checked hash),
// truncated or foreign file gives nothing: the scan gathers its candidates
// and builds its index itself, and finds the same (tests/unit/
// test_leak_scan.cpp).
#include <cstdint>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "load/cache_folder.h"
#include "util/mapped_file.h"

namespace sitrep {

struct SavedLeakSearch {
  struct Candidate {
    std::uint32_t field = 0;  // index into names
    std::uint32_t path = 0;   // index into names
    bool distinctive = false;
  };
  std::uint64_t inputs = 0;             // the digest of the texts it was made from
  std::vector<std::string_view> names;  // the candidates' field names and content files, each once
  std::vector<Candidate> candidates;
  std::vector<std::string_view> texts;  // per candidate
  std::string_view search;              // MultiSearch::tables() over texts
  // What the views above point into, when read from a file.
  std::shared_ptr<const MappedBytes> mapping;
};

std::optional<std::filesystem::path> leak_search_file(const std::string& root, const CacheLocation& where);

// The search in `file` when it was made from texts with digest `inputs`
// (by this binary, and is whole); nullopt otherwise. Never throws.
std::optional<SavedLeakSearch> read_leak_search(const std::filesystem::path& file, std::uint64_t inputs);

// Writes `search` (replace_file: a temporary file, renamed). False when it
// cannot: a cache is an optimisation, no error.
bool write_leak_search(const std::filesystem::path& file, const SavedLeakSearch& search);

}  // namespace sitrep
