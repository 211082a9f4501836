#pragma once
// The folder sitrep's caches live in (the load cache, load/load_cache_file.h,
// the page-reuse record, write/page_reuse.h, the exports' pieces,
// write/export_pieces.h, and the leak scan's search,
// render/leak_search_file.h), how their files are named and how they are
// replaced. Caches are outside the site, in the user's cache folder, one
// file per site root and kind; each is keyed to the binary that wrote it,
// so a fixed parser or an upgraded library never reads an old one;
// `--no-cache` turns them off (docs/commands.md).
#include <chrono>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <optional>
#include <ostream>
#include <string>
#include <string_view>

namespace sitrep {

struct CacheLocation {
  std::string dir;    // --cache-dir; empty = $XDG_CACHE_HOME/sitrep, else $HOME/.cache/sitrep
  bool off = false;   // --no-cache
};

// The folder, or nullopt when caching is off, no folder is known (neither
// XDG_CACHE_HOME nor HOME is set) or the binary has no build id to tell its
// caches from another binary's.
std::optional<std::filesystem::path> cache_folder(const CacheLocation& where);

// The running binary's GNU build id followed by its libraries' (empty when
// it has none).
std::string binary_build_id();

// The cache file `stem`-<hash>`extension` of the site at `root`: the hash is
// of its absolute path followed by `key`. nullopt as cache_folder, or when
// the root cannot be resolved.
std::optional<std::filesystem::path> cache_file_for(const std::string& root, const CacheLocation& where,
                                                     std::string_view stem, std::string_view extension,
                                                     std::string_view key = {});

// Writes `file` through `write` into a temporary file of this process's own
// beside it, then renames it over `file`: a reader in another process sees
// the old file or the new, never half of one, and two runs writing at once
// do not mix. False (nothing changed) when the folder, the writing or the
// rename fails: a cache is an optimisation, so that is no error. After a
// rename, the temporaries of `file` that runs which died left are removed.
// After a rename it also prunes the folder (prune_cache_folder).
bool replace_file(const std::filesystem::path& file, const std::function<void(std::ostream&)>& write);

// One cache file per site root and kind means one more for every folder a
// site was ever built from (a throwaway clone, a test's temporary root:
// tens of megabytes each at ten thousand incidents), so the folder is kept
// bounded the way ccache and Hugo's file caches are: sitrep's cache files
// ("load-*", "pages-*", "pieces-*", "leak-*") not used for `max_age` go, and while the rest take
// more than `max_bytes` the least recently used go. A file's modification
// time is its last use (mark_cache_used).
struct CacheLimits {
  std::chrono::hours max_age{24 * 30};
  std::uintmax_t max_bytes = std::uintmax_t{2} << 30;  // 2 GiB
};
// Never removes `keep` (the file just written), another process's
// temporary (".new-<pid>", see replace_file) or a file of another program.
// Returns how many files it removed.
std::size_t prune_cache_folder(const std::filesystem::path& folder, const std::filesystem::path& keep,
                               std::filesystem::file_time_type now, const CacheLimits& limits = {});
// Records that `file` was used now (a run that read it and had no reason to
// rewrite it), so pruning keeps the caches of sites in use.
void mark_cache_used(const std::filesystem::path& file);

}  // namespace sitrep
