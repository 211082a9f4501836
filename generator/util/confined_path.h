#pragma once
// The one rule for every file sitrep reads: it must be inside the site root
// once symbolic links are resolved. A link to a file inside the root is
// fine; a link (or a "../" path, or an absolute one) to anything outside is
// refused before a byte of it is read, so a site cannot publish, print or
// be tricked into showing files of the machine that builds it.
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_set>
#include <vector>

namespace sitrep {

struct ConfinedPath {
  std::optional<std::filesystem::path> path;  // the resolved file, inside the root
  std::string reason;                         // why not, when path is empty: "leaves the site root", ...
  // The rule to report under: "outside-root" for an escape, "file-unreadable"
  // when the path cannot be resolved at all (a symlink loop).
  std::string rule;
};

// `relative` is a path relative to `root` (as written in site.toml or found
// by walking a folder). Absolute paths and paths whose ".." climb above the
// root are refused as written; the rest are resolved through every symlink
// (weakly_canonical, so a missing file resolves too and is reported by its
// reader) and refused when the result is not inside canonical(root).
ConfinedPath resolve_inside(const std::filesystem::path& root, std::string_view relative);

// Folders below a root found plain (every component there, none a link) at
// one moment: a file in one of them needs only its own name checked, not
// every folder on its way again (a load reads 11 000 files from a dozen
// folders). Made for one load over the folders its files are in, never
// kept: a folder may be turned into a link later.
class PlainFolders {
 public:
  PlainFolders(const std::filesystem::path& root, const std::vector<std::string>& files);
  // `relative`'s folder is one of them (written without "." or "..").
  bool holds(std::string_view relative) const;

 private:
  std::unordered_set<std::string> folders_;
};

// resolve_inside, checking only the file's name when `plain` holds its folder.
ConfinedPath resolve_inside(const std::filesystem::path& root, std::string_view relative, const PlainFolders* plain);

// Only the lexical test (no file system): relative, and no ".." above the
// start. For site.toml values, checked where the key is parsed.
std::optional<std::string> lexical_escape(std::string_view relative);

// Whether `path` is `dir` or lies below it, as written (absolute, "." and
// ".." folded) or once symlinks are resolved: a symlink in content/ to a
// file elsewhere counts as in content/, and so does a path that only
// resolves into it. For the places sitrep must not write to or read from
// (notify's targets file, build's output trees).
bool is_within(const std::filesystem::path& path, const std::filesystem::path& dir);

// The helpers the rule is made of, shared with write/ (where outputs may go):
// `path` absolute, "..", "." and symlinks resolved as far as it exists
// (weakly_canonical), no trailing separator, so two spellings of one folder
// compare equal.
std::filesystem::path resolved_path(const std::filesystem::path& path);
// `path` is `base` or below it, compared component by component (a trailing
// separator on `base` is ignored); neither is resolved here.
bool is_inside(const std::filesystem::path& base, const std::filesystem::path& path);
// The first component of `path` below `base` that is a symbolic link, or
// nullopt (also when `path` is not lexically under `base`). Both are made
// absolute and lexically normal first; nothing is resolved. Used for outputs:
// below the site root, the folders on the way to an output are the
// repository's, so a link there is never followed.
std::optional<std::filesystem::path> symlink_below(const std::filesystem::path& base,
                                                   const std::filesystem::path& path);

}  // namespace sitrep
