#include "write/tree_guard.h"

#include <algorithm>

#include "util/confined_path.h"

namespace sitrep {
namespace fs = std::filesystem;

namespace {

constexpr std::string_view k_nothing_written = "; nothing was written";

std::string shown(const fs::path& p) { return p.generic_string(); }

// The first marker (in path order, so the message does not depend on the
// order the directory is read in) inside `dir`: in it, below it, or at the
// root of a folder a symlink in it points to (an uploader may follow it).
std::optional<fs::path> marker_under(const fs::path& dir) {
  std::error_code ec;
  if (!fs::is_directory(dir, ec)) return std::nullopt;
  std::vector<fs::path> found;
  if (fs::exists(dir / k_internal_marker, ec)) found.push_back(fs::path(k_internal_marker));
  for (auto it = fs::recursive_directory_iterator(dir, fs::directory_options::skip_permission_denied, ec);
       !ec && it != fs::recursive_directory_iterator(); it.increment(ec)) {
    const fs::path rel = it->path().lexically_relative(dir);
    if (it->path().filename() == k_internal_marker && rel != fs::path(k_internal_marker)) found.push_back(rel);
    std::error_code link_ec;
    if (it->is_symlink(link_ec) && fs::is_directory(it->path(), link_ec) &&
        fs::exists(it->path() / k_internal_marker, link_ec))
      found.push_back(rel / k_internal_marker);
  }
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
