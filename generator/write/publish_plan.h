#pragma once
// What `sitrep build` swaps in, and whether the disk lets it. Each unit is
// one folder written whole beside itself (in a staging folder) and put in
// place with one renameat2(RENAME_EXCHANGE), so a reader or a crash sees the
// old folder or the new one, never a mix:
//
// - both trees, direct children of one folder (the default site/public and
//   site/internal): that folder is the unit, so the public and the internal
//   tree are swapped in together and never disagree. The folder is then
//   sitrep's: it may hold only the two trees, the .sitrep-output marker and
//   staging folders sitrep left, and the spares of its swaps
//   (write/spare_tree.h); anything else is refused, never deleted.
// - one tree (--only), or trees in different folders: each tree is a unit of
//   its own, swapped in one after the other (each whole; the two agree again
//   after the next build).
//
// Outputs are confined like inputs: below the site root no folder on the
// way to an output may be a symbolic link (the repository could point it
// anywhere), and a swapped folder or tree is never a link wherever it is.
// A path outside the root is followed as the user wrote it.
#include <cstddef>
#include <filesystem>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace sitrep {

// At the root of a folder holding both trees; says a build replaces it whole.
inline constexpr std::string_view k_output_marker = ".sitrep-output";
// At the root of every staging folder, so a later build knows it is sitrep's.
inline constexpr std::string_view k_staging_marker = ".sitrep-staging";

struct SwapUnit {
  std::filesystem::path parent;  // absolute, lexically normal; created if missing
  std::string name;              // the folder swapped in: a name in `parent`
  std::string shown;             // that folder as messages name it ("site", "site/public")
  // The trees it holds, as {folder name in the unit, index into the targets};
  // one tree with an empty name when the unit is that tree itself.
  std::vector<std::pair<std::string, std::size_t>> trees;
  bool holds_trees() const { return !trees.empty() && !trees.front().first.empty(); }
};

struct PublishPlan {
  std::vector<SwapUnit> units;
  std::string refusal;  // not empty: why nothing may be written ("refusing to write: ...; nothing was written")
};

// Reads the disk, never writes it. `site_root` empty: no folder is judged
// for links on the way, only the units and trees themselves.
PublishPlan plan_publish(const std::vector<std::filesystem::path>& targets, const std::filesystem::path& site_root);

// ".site.sitrep-new-1234": where `unit_name` is written, beside it.
std::string staging_name(std::string_view unit_name, long pid);
// A name staging_name gives (".<name>.sitrep-new-<digits>"); for
// `unit_name` alone when it is given.
bool is_staging_name(std::string_view entry, std::string_view unit_name = {});
// Staging names of sitrep before the marker (".public.new-<digits>" beside
// the tree "public"), recognised so that their litter is cleaned too.
bool is_legacy_staging_name(std::string_view entry, std::string_view tree_name);

// A path as messages show it: relative to the working folder when inside it.
std::string shown_path(const std::filesystem::path& absolute);

}  // namespace sitrep
