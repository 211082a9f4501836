#pragma once
// The load cache kept on disk between runs of `sitrep check` and `sitrep
// build`, like Hugo's file cache: parsing 10 000 incidents' TOML is most of
// a check (tests/bench/RESULTS.md), and between two commits most files are
// unchanged. A file whose stat stamp is the one recorded and which last
// changed over a second before the load that wrote the cache is not read
// (load/load_site.h); any other is read, and one whose text has the hash
// and size recorded (under the same site.toml, schemas and components)
// takes its parsed item and its diagnostics from the cache instead of
// being parsed.
//
// The cache never changes an output: a missing, stale, damaged or foreign
// cache file (another sitrep binary, another format) is ignored and the
// files are parsed, and the cache is only ever a function of the files'
// texts (and of stamps that only an edit changes). It lives in the cache
// folder (load/cache_folder.h), one file per site root; `--no-cache` turns
// it off (docs/commands.md).
#include <filesystem>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "load/cache_folder.h"
#include "load/load_site.h"

namespace sitrep {

// The cache file of a site root, or nullopt when caching is off or no cache
// folder is known (neither XDG_CACHE_HOME nor HOME is set).
std::optional<std::filesystem::path> load_cache_file(const std::string& root, const CacheLocation& where);

// What the file holds, or an empty LoadCache when it is missing, damaged or
// written by another binary. Never throws. Decoded on `threads` threads
// (0 = all cores).
LoadCache read_load_cache(const std::filesystem::path& file, unsigned threads = 0);

// Writes the records and items of the load that produced `model` (its
// items, one chunk at a time) behind a header naming this binary, with each
// part's size and hash: to a temporary file, then renamed, so a reader in
// another process sees the old file or the new, never half of one. False
// when it cannot be written: a cache is an optimisation, so that is no
// error. Only reads `model`: it may run while the command goes on with it.
bool write_load_cache(const std::filesystem::path& file, const LoadCache& cache, const Model& model);

// The whole file in memory, and back (for tests).
std::string load_cache_bytes(const LoadCache& cache, const Model& model);
// `release`, when set, is given each part of `bytes` once it is decoded
// (read_load_cache lets its pages go). With `owner` (what keeps `bytes`
// alive), the items' shared texts are views into `bytes` (model_codec.h).
LoadCache load_cache_from_bytes(std::string_view bytes, unsigned threads = 0,
                                const std::function<void(std::string_view)>& release = {},
                                const std::shared_ptr<const void>& owner = nullptr);

}  // namespace sitrep
