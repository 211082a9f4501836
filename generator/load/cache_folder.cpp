#include "load/cache_folder.h"

#include <algorithm>
#include <cerrno>
#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <tuple>
#include <vector>

#include <elf.h>
#include <link.h>
#include <sys/types.h>
#include <unistd.h>

#include "util/hash.h"

namespace sitrep {
namespace fs = std::filesystem;

// The running binary's GNU build id (a hash the linker computes over the
// whole program), followed by those of the shared libraries it loaded
// (cmark-gfm's HTML, date's zone rules, libstdc++'s hash): parsed items and
// rendered pages are only reused by the very program that made them, so a
// fixed parser or an upgraded library never serves a stale one. Empty when
// the binary has none, which turns the caches off.
std::string binary_build_id() {
  static const std::string id = [] {
    std::string found;
    dl_iterate_phdr(
        [](dl_phdr_info* info, size_t, void* out) -> int {
          auto& result = *static_cast<std::string*>(out);
          for (int i = 0; i < info->dlpi_phnum; ++i) {
            const ElfW(Phdr)& ph = info->dlpi_phdr[i];
            if (ph.p_type != PT_NOTE) continue;
            const char* p = reinterpret_cast<const char*>(info->dlpi_addr + ph.p_vaddr);
            const char* end = p + ph.p_memsz;
            while (p + sizeof(ElfW(Nhdr)) <= end) {
              const auto* note = reinterpret_cast<const ElfW(Nhdr)*>(p);
              const char* name = p + sizeof(ElfW(Nhdr));
              const char* desc = name + ((note->n_namesz + 3) & ~3u);
              if (note->n_type == NT_GNU_BUILD_ID && note->n_namesz == 4 && std::memcmp(name, "GNU", 4) == 0 &&
                  desc + note->n_descsz <= end) {
                result += static_cast<char>(note->n_descsz);
                result.append(desc, note->n_descsz);
                return 0;  // on to the next object
              }
              p = desc + ((note->n_descsz + 3) & ~3u);
            }
          }
          // An object without one: the program (then no cache at all), or
          // a library, which counts by its name.
          if (result.empty()) return 1;
          result += '\0';
          result += info->dlpi_name ? info->dlpi_name : "";
          return 0;
        },
        &found);
    return found;
  }();
  return id;
}

std::optional<fs::path> cache_folder(const CacheLocation& where) {
  if (where.off || binary_build_id().empty()) return std::nullopt;
  if (!where.dir.empty()) return fs::path(where.dir);
  if (const char* xdg = std::getenv("XDG_CACHE_HOME"); xdg && *xdg == '/') return fs::path(xdg) / "sitrep";
  if (const char* home = std::getenv("HOME"); home && *home == '/') return fs::path(home) / ".cache" / "sitrep";
  return std::nullopt;
}

std::optional<fs::path> cache_file_for(const std::string& root, const CacheLocation& where, std::string_view stem,
                                       std::string_view extension, std::string_view key) {
  const auto dir = cache_folder(where);
  if (!dir) return std::nullopt;
  std::error_code ec;
  const fs::path absolute = fs::weakly_canonical(fs::absolute(root.empty() ? "." : root, ec), ec);
  if (ec) return std::nullopt;
  char hash[20];
  std::snprintf(hash, sizeof hash, "%016llx",
                static_cast<unsigned long long>(stable_hash(absolute.generic_string() + std::string{key})));
  return *dir / (std::string{stem} + "-" + hash + std::string{extension});
}

namespace {

// A run killed between writing its temporary file and renaming it leaves
// the file behind; each one is as big as the cache. Removed once the process
// named in it is gone (a process of another PID namespace sharing the
// folder looks gone too: its rename then fails, and it writes its cache
// next time).
void remove_dead_temporaries(const fs::path& file) {
  const std::string prefix = file.filename().string() + ".new-";
  std::error_code ec;
  for (fs::directory_iterator it(file.parent_path(), ec), end; !ec && it != end; it.increment(ec)) {
    const std::string name = it->path().filename().string();
    if (name.size() <= prefix.size() || name.compare(0, prefix.size(), prefix) != 0) continue;
    const std::string digits = name.substr(prefix.size());
    if (digits.size() > 9 || digits.find_first_not_of("0123456789") != std::string::npos) continue;
    const pid_t pid = static_cast<pid_t>(std::stol(digits));
    if (pid <= 0 || pid == ::getpid() || ::kill(pid, 0) == 0 || errno != ESRCH) continue;
    std::error_code ignored;
    fs::remove(it->path(), ignored);
  }
}

}  // namespace

bool replace_file(const fs::path& file, const std::function<void(std::ostream&)>& write) {
  std::error_code ec;
  fs::create_directories(file.parent_path(), ec);
  if (ec) return false;
  fs::path temporary = file;
  temporary += ".new-" + std::to_string(::getpid());
  {
    std::ofstream out(temporary, std::ios::binary | std::ios::trunc);
    if (out) write(out);
    out.close();
    if (!out) {
      fs::remove(temporary, ec);
      return false;
    }
  }
  fs::rename(temporary, file, ec);
  if (ec) {
    fs::remove(temporary, ec);
    return false;
  }
  remove_dead_temporaries(file);
  prune_cache_folder(file.parent_path(), file, fs::file_time_type::clock::now());
  return true;
}

namespace {

// sitrep's cache files, by name: what cache_file_for names, and the
// temporaries of older binaries ("load-<hash>.bin.tmp.<pid>").
bool is_cache_file_name(std::string_view name) {
  return (name.starts_with("load-") || name.starts_with("pages-") || name.starts_with("pieces-") ||
          name.starts_with("leak-")) &&
         name.find(".new-") == std::string_view::npos;
}

}  // namespace

std::size_t prune_cache_folder(const fs::path& folder, const fs::path& keep, fs::file_time_type now,
                               const CacheLimits& limits) {
  struct Entry {
    fs::path path;
    fs::file_time_type used;
    std::uintmax_t bytes;
  };
  std::vector<Entry> entries;
  std::error_code ec;
  for (fs::directory_iterator it(folder, ec), end; !ec && it != end; it.increment(ec)) {
    std::error_code entry_ec;
    if (!it->is_regular_file(entry_ec) || !is_cache_file_name(it->path().filename().string())) continue;
    Entry e{it->path(), it->last_write_time(entry_ec), it->file_size(entry_ec)};
    if (!entry_ec) entries.push_back(std::move(e));
  }
  // Oldest first; the name breaks ties, so two runs remove the same files.
  std::sort(entries.begin(), entries.end(),
            [](const Entry& a, const Entry& b) { return std::tie(a.used, a.path) < std::tie(b.used, b.path); });
  std::uintmax_t total = 0;
  for (const auto& e : entries) total += e.bytes;
  std::size_t removed = 0;
  for (const auto& e : entries) {
    const bool too_old = now - e.used > limits.max_age;
    if (!too_old && total <= limits.max_bytes) break;  // the rest are newer and fit
    if (e.path.filename() == keep.filename()) continue;
    std::error_code remove_ec;
    if (fs::remove(e.path, remove_ec)) {
      total -= e.bytes;
      ++removed;
    }
  }
  return removed;
}

void mark_cache_used(const fs::path& file) {
  std::error_code ignored;  // a cache is an optimisation: a read-only folder is no error
  fs::last_write_time(file, fs::file_time_type::clock::now(), ignored);
}

}  // namespace sitrep
