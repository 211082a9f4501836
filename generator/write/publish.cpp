#include "write/publish.h"

#include <fcntl.h>
#include <stdio.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <fstream>

namespace sitrep {
namespace fs = std::filesystem;

bool is_safe_output_path(std::string_view path) {
  if (path.empty() || path.front() == '/') return false;
  std::size_t start = 0;
  while (start <= path.size()) {
    std::size_t end = path.find('/', start);
    if (end == std::string_view::npos) end = path.size();
    const std::string_view seg = path.substr(start, end - start);
    if (seg.empty() || seg == "." || seg == "..") return false;
    start = end + 1;
  }
  return true;
}

MemoryTree to_memory(const Outputs& files) {
  MemoryTree tree;
  for (const auto& f : files) tree[f.path] = f.bytes;
  return tree;
}

MemoryTree to_memory(Outputs&& files, MemoryTree& previous) {
  MemoryTree tree;
  for (auto& f : files) {
    if (f.reused) {
      if (auto node = previous.extract(f.path)) {
        node.key() = std::move(f.path);  // same text; moves the path's storage instead of copying it
        tree.insert(std::move(node));
        continue;
      }
    }
    tree[std::move(f.path)] = std::move(f.bytes);
  }
  return tree;
}

bool publish_tree(const fs::path& target, const Outputs& files, Diagnostics& diags) {
  const std::string shown = target.generic_string();
  std::error_code ec;
  fs::create_directories(target.parent_path().empty() ? fs::path(".") : target.parent_path(), ec);
  const fs::path staging = target.parent_path() / ("." + target.filename().string() + ".new-" + std::to_string(getpid()));
  fs::remove_all(staging, ec);
  const auto fail = [&](const std::string& what) {
    diags.report(shown, {}, "write-failed", what);
    fs::remove_all(staging, ec);
    return false;
  };
  if (!fs::create_directories(staging, ec) && ec) return fail("cannot create " + staging.string() + ": " + ec.message());
  for (const auto& f : files) {
    if (!is_safe_output_path(f.path)) return fail("refusing to write unsafe path '" + f.path + "'");
    const fs::path file = staging / f.path;
    fs::create_directories(file.parent_path(), ec);
    std::ofstream out(file, std::ios::binary | std::ios::trunc);
    out.write(f.bytes.data(), static_cast<std::streamsize>(f.bytes.size()));
    if (!out) return fail("cannot write " + file.string());
  }
  // Swap in: exchange atomically when a previous tree exists, else rename.
  if (fs::exists(target, ec)) {
    if (renameat2(AT_FDCWD, staging.c_str(), AT_FDCWD, target.c_str(), RENAME_EXCHANGE) != 0)
      return fail("cannot swap in the new tree: " + std::string{std::strerror(errno)});
    fs::remove_all(staging, ec);  // now holds the previous tree
  } else if (std::rename(staging.c_str(), target.c_str()) != 0) {
    return fail("cannot move the new tree into place: " + std::string{std::strerror(errno)});
  }
  return true;
}

}  // namespace sitrep
