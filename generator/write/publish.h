#pragma once
// The one way outputs reach the disk: the whole tree is written into a fresh
// folder beside the target and swapped in with one rename, so a reader (or
// a crash) sees the old site or the new one, never a mix.
#include <filesystem>
#include <map>
#include <string>

#include "render/output.h"
#include "util/diagnostic.h"

namespace sitrep {

bool publish_tree(const std::filesystem::path& target, const Outputs& files, Diagnostics& diags);

// Several trees (site/public and site/internal): every one is written beside
// its target first, and only when all were written are they swapped in, one
// rename each. Files are written on `threads` threads (0 = all cores); the
// previous trees are deleted after the swap, one thread per tree.
struct TreeToPublish {
  std::filesystem::path target;
  const Outputs* files = nullptr;
};
bool publish_trees(const std::vector<TreeToPublish>& trees, Diagnostics& diags, unsigned threads = 0);

// The in-memory mode (for the preview server and tests): path -> bytes.
using MemoryTree = std::map<std::string, std::string, std::less<>>;
MemoryTree to_memory(const Outputs& files);
// The same for an incremental render (render/incremental.h): the bytes of a
// reused output move over from `previous`, the tree of the last render.
MemoryTree to_memory(Outputs&& files, MemoryTree& previous);

// Refuses absolute paths, "..", empty segments: output paths come from ids.
bool is_safe_output_path(std::string_view path);

}  // namespace sitrep
