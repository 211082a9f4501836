#include "util/confined_path.h"

#include <map>
#include <mutex>
#include <string>
#include <system_error>

#include <sys/stat.h>

namespace sitrep {
namespace fs = std::filesystem;

std::optional<std::string> lexical_escape(std::string_view relative) {
  const fs::path p{std::string{relative}};
  if (p.is_absolute() || p.has_root_name() || p.has_root_directory()) return "is an absolute path";
  int depth = 0;
  for (const auto& part : p) {
    if (part == "..") {
      if (--depth < 0) return "leaves the site root";
    } else if (part != "." && !part.empty()) {
      ++depth;
    }
  }
  return std::nullopt;
}

fs::path resolved_path(const fs::path& path) {
  std::error_code ec;
  fs::path out = fs::weakly_canonical(fs::absolute(path, ec), ec);
  if (ec) out = fs::absolute(path, ec).lexically_normal();
  if (!out.has_filename() && out.has_relative_path()) out = out.parent_path();
  return out;
}

bool is_inside(const fs::path& base, const fs::path& path) {
  auto b = base.begin(), p = path.begin();
  for (; b != base.end(); ++b, ++p) {
    if (b->empty()) continue;  // a trailing separator
    if (p == path.end() || *p != *b) return false;
  }
  return true;
}

std::optional<fs::path> symlink_below(const fs::path& base, const fs::path& path) {
  std::error_code ec;
  const fs::path b = fs::absolute(base, ec).lexically_normal(), p = fs::absolute(path, ec).lexically_normal();
  if (!is_inside(b, p)) return std::nullopt;
  fs::path at = b;
  auto it = p.begin();
  for (auto bi = b.begin(); bi != b.end(); ++bi)
    if (!bi->empty()) ++it;
  for (; it != p.end(); ++it) {
    if (it->empty()) continue;
    at /= *it;
    const fs::file_status s = fs::symlink_status(at, ec);
    if (ec || !fs::exists(s)) return std::nullopt;  // nothing further exists to be a link
    if (fs::is_symlink(s)) return at;
  }
  return std::nullopt;
}

bool is_within(const fs::path& path, const fs::path& dir) {
  std::error_code ec;
  const fs::path paths[] = {fs::absolute(path, ec).lexically_normal(), fs::weakly_canonical(path, ec)};
  const fs::path dirs[] = {fs::absolute(dir, ec).lexically_normal(), fs::weakly_canonical(dir, ec)};
  for (const auto& p : paths)
    for (const auto& d : dirs)
      if (!p.empty() && !d.empty() && is_inside(d, p)) return true;
  return false;
}

namespace {

// canonical(root), resolved once per spelling of the root: a build reads
// every content file through resolve_inside, and realpath on the root (with
// getcwd for a relative one) was a fifth of `check` at 10 000 incidents.
// The root of a running sitrep does not move; a failure is not cached.
std::optional<fs::path> canonical_root(const fs::path& root, std::error_code& ec) {
  static std::mutex mutex;
  static std::map<std::string, fs::path> known;
  const std::string key = root.empty() ? std::string{"."} : root.string();
  {
    const std::lock_guard lock(mutex);
    if (const auto hit = known.find(key); hit != known.end()) return hit->second;
  }
  fs::path base = fs::canonical(key, ec);
  if (ec) return std::nullopt;
  const std::lock_guard lock(mutex);
  return known.emplace(key, std::move(base)).first->second;
}

// base/relative when no component below base is a symbolic link and every
// one exists: then resolving changes nothing, and one lstat per component
// replaces realpath over the whole absolute path. nullopt sends the caller
// to the full resolution (a link, a missing part, or a ".." whose meaning
// depends on what the part before it resolves to).
std::optional<fs::path> plain_path_below(const fs::path& base, std::string_view relative) {
  const fs::path rel{std::string{relative}};
  fs::path at = base;
  for (const auto& part : rel) {
    if (part.empty() || part == ".") continue;
    if (part == "..") return std::nullopt;
    at /= part;
    struct stat st {};
    if (::lstat(at.c_str(), &st) != 0 || S_ISLNK(st.st_mode)) return std::nullopt;
  }
  return at;
}

// The folder part of `relative` ("" for a file at the top) when it is
// written plainly: no ".", "..", empty or absolute component.
std::optional<std::string_view> plain_folder_of(std::string_view relative) {
  const auto slash = relative.rfind('/');
  const std::string_view folder = slash == std::string_view::npos ? std::string_view{} : relative.substr(0, slash);
  if (!folder.empty() && folder.front() == '/') return std::nullopt;
  for (std::size_t at = 0; at <= folder.size();) {
    const std::size_t end = std::min(folder.find('/', at), folder.size());
    const std::string_view part = folder.substr(at, end - at);
    if (!folder.empty() && (part.empty() || part == "." || part == "..")) return std::nullopt;
    at = end + 1;
  }
  return folder;
}

}  // namespace

PlainFolders::PlainFolders(const fs::path& root, const std::vector<std::string>& files) {
  std::error_code ec;
  const std::optional<fs::path> base = canonical_root(root, ec);
  if (!base) return;
  std::unordered_set<std::string_view> tried;
  for (const auto& file : files) {
    const auto folder = plain_folder_of(file);
    if (!folder || !tried.insert(*folder).second) continue;
    if (plain_path_below(*base, *folder)) folders_.emplace(*folder);
  }
}

bool PlainFolders::holds(std::string_view relative) const {
  const auto folder = plain_folder_of(relative);
  return folder && folders_.count(std::string{*folder}) > 0;
}

ConfinedPath resolve_inside(const fs::path& root, std::string_view relative) {
  return resolve_inside(root, relative, nullptr);
}

ConfinedPath resolve_inside(const fs::path& root, std::string_view relative, const PlainFolders* plain) {
  if (auto why = lexical_escape(relative)) return {std::nullopt, *why, "outside-root"};
  std::error_code ec;
  const std::optional<fs::path> base = canonical_root(root, ec);
  if (!base) return {std::nullopt, "cannot read file: " + ec.message(), "file-unreadable"};
  if (plain && plain->holds(relative)) {
    // Its folders were checked for this load: only the file may be a link.
    fs::path at = *base / fs::path(std::string{relative});
    struct stat st {};
    if (::lstat(at.c_str(), &st) == 0 && !S_ISLNK(st.st_mode)) return {std::move(at), {}, {}};
  }
  if (auto plain_path = plain_path_below(*base, relative)) return {std::move(plain_path), {}, {}};
  const fs::path resolved = fs::weakly_canonical(*base / fs::path(std::string{relative}), ec);
  if (ec) return {std::nullopt, "cannot read file: " + ec.message(), "file-unreadable"};
  if (!is_inside(*base, resolved)) return {std::nullopt, "is a symbolic link to a file outside the site root", "outside-root"};
  return {resolved, {}, {}};
}

}  // namespace sitrep
