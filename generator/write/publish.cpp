#include "write/publish.h"

#include <fcntl.h>
#include <stdio.h>
#include <unistd.h>

#include <atomic>
#include <cerrno>
#include <cstring>
#include <fstream>
#include <mutex>
#include <thread>

#include "util/parallel.h"

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

namespace {

fs::path staging_of(const fs::path& target) {
  return target.parent_path() / ("." + target.filename().string() + ".new-" + std::to_string(getpid()));
}

// Writes `files` under `staging` (created fresh); an error names the target.
bool write_staging(const fs::path& staging, const Outputs& files, const std::string& shown, Diagnostics& diags,
                   unsigned threads) {
  std::error_code ec;
  fs::remove_all(staging, ec);
  if (!fs::create_directories(staging, ec) && ec) {
    diags.report(shown, {}, "write-failed", "cannot create " + staging.string() + ": " + ec.message());
    return false;
  }
  // Folders first, once each (files are sorted, so a folder's files are
  // together); then the files, on a pool.
  std::string last_folder = "\n";
  for (const auto& f : files) {
    if (!is_safe_output_path(f.path)) {
      diags.report(shown, {}, "write-failed", "refusing to write unsafe path '" + f.path + "'");
      return false;
    }
    const std::string folder = fs::path(f.path).parent_path().generic_string();
    if (folder != last_folder) fs::create_directories(staging / folder, ec);
    last_folder = folder;
  }
  std::atomic<bool> ok{true};
  std::mutex failure_mutex;
  std::string failure;
  parallel_for(files.size(), threads, [&](std::size_t i) {
    if (!ok) return;
    const fs::path file = staging / files[i].path;
    std::ofstream out(file, std::ios::binary | std::ios::trunc);
    out.write(files[i].bytes.data(), static_cast<std::streamsize>(files[i].bytes.size()));
    if (!out && ok.exchange(false)) {
      std::lock_guard lock(failure_mutex);
      failure = "cannot write " + file.string();
    }
  });
  if (!ok) diags.report(shown, {}, "write-failed", failure);
  return ok;
}

}  // namespace

bool publish_tree(const fs::path& target, const Outputs& files, Diagnostics& diags) {
  return publish_trees({{target, &files}}, diags);
}

bool publish_trees(const std::vector<TreeToPublish>& trees, Diagnostics& diags, unsigned threads) {
  std::error_code ec;
  bool ok = true;
  for (const auto& t : trees) {
    fs::create_directories(t.target.parent_path().empty() ? fs::path(".") : t.target.parent_path(), ec);
    ok = ok && write_staging(staging_of(t.target), *t.files, t.target.generic_string(), diags, threads);
  }
  if (!ok) {
    for (const auto& t : trees) fs::remove_all(staging_of(t.target), ec);
    return false;
  }
  // Swap in: exchange atomically when a previous tree exists, else rename.
  // Afterwards each staging folder holds the previous tree, deleted below.
  std::vector<fs::path> previous;
  for (const auto& t : trees) {
    const fs::path staging = staging_of(t.target);
    if (fs::exists(t.target, ec)) {
      if (renameat2(AT_FDCWD, staging.c_str(), AT_FDCWD, t.target.c_str(), RENAME_EXCHANGE) != 0) {
        diags.report(t.target.generic_string(), {}, "write-failed",
                     "cannot swap in the new tree: " + std::string{std::strerror(errno)});
        ok = false;
        continue;
      }
      previous.push_back(staging);
    } else if (std::rename(staging.c_str(), t.target.c_str()) != 0) {
      diags.report(t.target.generic_string(), {}, "write-failed",
                   "cannot move the new tree into place: " + std::string{std::strerror(errno)});
      ok = false;
    }
  }
  std::vector<std::thread> removers;
  for (const auto& p : previous)
    removers.emplace_back([p] {
      std::error_code ignored;
      fs::remove_all(p, ignored);
    });
  for (auto& r : removers) r.join();
  return ok;
}

}  // namespace sitrep
