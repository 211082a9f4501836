#pragma once
// Where the two trees may go. site/public is uploaded as a whole by CI, so
// nothing internal may ever sit under it; and publish_trees replaces each
// target folder whole, so neither tree may sit inside the other (or hold the
// site's sources). `sitrep build` asks this before it renders anything.
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>

#include "render/output.h"

namespace sitrep {

// Written at the root of every internal tree, so a copy of it is still
// recognised wherever it ends up.
inline constexpr std::string_view k_internal_marker = ".sitrep-internal";
OutputFile internal_marker_file();

struct TreeTargets {
  std::filesystem::path public_dir;
  std::filesystem::path internal_dir;
  bool write_public = true;
  bool write_internal = true;
};

// Why the build must not write these targets (one sentence naming the
// folders and what to do), or nullopt. Folders are compared after resolving
// "..", "." and symlinks (weakly_canonical), so another spelling of the same
// folder is the same folder. Reads the disk, never writes it.
std::optional<std::string> unsafe_tree_targets(const TreeTargets& targets, const std::filesystem::path& site_root);

}  // namespace sitrep
