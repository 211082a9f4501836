#include "write/tree_guard.h"

#include <dirent.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>

#include "util/confined_path.h"

namespace sitrep {
namespace fs = std::filesystem;

namespace {

constexpr std::string_view k_nothing_written = "; nothing was written";

std::string shown(const fs::path& p) { return p.generic_string(); }

// Every marker below the open folder `fd` (whose path is `path`, shown
// relative as `rel`). The folder is read with readdir's entry types and a
// path is only made for a folder or a hit, so walking the public tree of
// ten thousand incidents, before every build, costs its directory reads
// and little more (40-55 ms, was 65-80 with recursive_directory_iterator;
// two threads gained nothing more). Symbolic links are not followed, but
// one to a folder holding a marker counts as a hit (an uploader may follow
// it).
void markers_in(int fd, const fs::path& path, const fs::path& rel, std::vector<fs::path>& found) {
  DIR* dir = ::fdopendir(fd);
  if (!dir) {
    ::close(fd);
    return;
  }
  while (const dirent* entry = ::readdir(dir)) {
    const std::string_view name = entry->d_name;
    if (name == "." || name == "..") continue;
    if (name == k_internal_marker) found.push_back(rel / name);
    unsigned char type = entry->d_type;
    if (type == DT_UNKNOWN) {  // a file system without entry types: ask
      struct stat st {};
      if (::fstatat(::dirfd(dir), entry->d_name, &st, AT_SYMLINK_NOFOLLOW) != 0) continue;
      type = S_ISDIR(st.st_mode) ? DT_DIR : S_ISLNK(st.st_mode) ? DT_LNK : DT_REG;
    }
    if (type == DT_DIR) {
      const int sub = ::openat(::dirfd(dir), entry->d_name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
      if (sub >= 0) markers_in(sub, path / name, rel / name, found);
    } else if (type == DT_LNK) {
      std::error_code ec;
      const fs::path target = path / name;
      if (fs::is_directory(target, ec) && fs::exists(target / k_internal_marker, ec))
        found.push_back(rel / name / k_internal_marker);
    }
  }
  ::closedir(dir);
}

// The first marker (in path order, so the message does not depend on the
// order the directory is read in) inside `dir`: in it, below it, or at the
// root of a folder a symlink in it points to.
std::optional<fs::path> marker_under(const fs::path& dir) {
  const int fd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (fd < 0) return std::nullopt;
  std::vector<fs::path> found;
  markers_in(fd, dir, fs::path{}, found);
  if (found.empty()) return std::nullopt;
  return *std::min_element(found.begin(), found.end());
}

// The nearest folder above `dir` (excluded) holding a marker: `dir` would
// be inside an internal tree.
std::optional<fs::path> marker_above(const fs::path& dir) {
  std::error_code ec;
  for (fs::path p = dir.parent_path(); !p.empty(); p = p.parent_path()) {
    if (fs::exists(p / k_internal_marker, ec)) return p;
    if (p == p.root_path()) break;
  }
  return std::nullopt;
}

// A target must neither hold the site's sources nor sit inside them:
// publish_trees swaps the target folder out whole and deletes the old one.
std::optional<std::string> replaces_sources(const fs::path& target, const std::string& option, const fs::path& root) {
  const fs::path t = resolved_path(target), r = resolved_path(root);
  if (is_inside(t, r))
    return "the " + option + " folder " + shown(target) + " holds the site's sources (" + shown(root) +
           "), and a build replaces that folder whole; choose another folder";
  for (const char* sources : {"content", "schemas", "themes"})
    if (is_inside(r / sources, t))
      return "the " + option + " folder " + shown(target) + " is inside the site's " + sources +
             "/, and a build replaces that folder whole; choose a folder outside content/, schemas/ and themes/";
  return std::nullopt;
}

}  // namespace

OutputFile internal_marker_file() {
  return {std::string{k_internal_marker},
          "This folder is an internal tree written by sitrep: reports that must never be published.\n"
          "`sitrep build` refuses to write a public site that contains this file (or a copy of it).\n"};
}

std::optional<std::string> unsafe_tree_targets(const TreeTargets& targets, const fs::path& site_root) {
  const auto refuse = [](std::string why) { return "refusing to write: " + why + std::string{k_nothing_written}; };
  const fs::path pub = resolved_path(targets.public_dir), internal = resolved_path(targets.internal_dir);

  if (targets.write_public)
    if (auto why = replaces_sources(targets.public_dir, "public", site_root)) return refuse(*why);
  if (targets.write_internal)
    if (auto why = replaces_sources(targets.internal_dir, "internal", site_root)) return refuse(*why);

  // Where both folders are in play, they must be apart. With --only public
  // the internal folder is not used, and an internal tree already under the
  // public one is caught by its marker below.
  if (targets.write_internal) {
    if (pub == internal)
      return refuse("the internal folder " + shown(targets.internal_dir) + " is the public folder, so publishing " +
                    shown(targets.public_dir) +
                    " would publish the internal reports; give each tree its own folder with --public-dir and "
                    "--internal-dir, side by side (the default is <out>/public and <out>/internal)");
    if (is_inside(pub, internal))
      return refuse("the internal folder " + shown(targets.internal_dir) + " is inside the public folder " +
                    shown(targets.public_dir) +
                    ", so publishing it would publish the internal reports; put the internal folder outside it "
                    "with --internal-dir (the default is <out>/internal, beside <out>/public)");
    if (is_inside(internal, pub))
      return refuse("the public folder " + shown(targets.public_dir) + " is inside the internal folder " +
                    shown(targets.internal_dir) +
                    ", and each build replaces the internal folder whole, deleting the public site in it; put the "
                    "public folder outside it with --public-dir (the default is <out>/public, beside "
                    "<out>/internal)");
  }

  if (targets.write_public) {
    if (auto found = marker_under(pub))
      return refuse("the public folder " + shown(targets.public_dir) + " holds an internal tree (" +
                    shown(targets.public_dir / *found) +
                    "), and publishing the folder would publish it; move that tree out of " +
                    shown(targets.public_dir) + " (internal reports belong beside the public site) and build again");
    if (auto above = marker_above(pub))
      return refuse("the public folder " + shown(targets.public_dir) + " is inside an internal tree (" +
                    shown(*above / k_internal_marker) +
                    "), which is never to be published; choose a public folder outside it with --public-dir");
  }
  return std::nullopt;
}

}  // namespace sitrep
