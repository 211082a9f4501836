#pragma once
// The one way outputs reach the disk. Every tree is written into a staging
// folder beside its target (fresh, or the folder the last build swapped
// out: write/spare_tree.h) and put in place with one
// renameat2(RENAME_EXCHANGE); when both trees share their folder (the
// default site/), that folder is staged and swapped whole, so a reader, a
// crash or a `kill -9` sees the old site or the new one, public and
// internal together, never a mix (write/publish_plan.h says which folders
// are swapped, write/crash_point.h where a test may stop a build).
#include <filesystem>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "render/output.h"
#include "util/diagnostic.h"
#include "write/spare_tree.h"

namespace sitrep {

struct TreeToPublish {
  std::filesystem::path target;
  const Outputs* files = nullptr;
};

struct PublishOptions {
  unsigned threads = 0;  // threads writing files (0 = all cores)
  // The site root: below it no folder on the way to a tree may be a link
  // (publish_plan.h). Empty: only the swapped folders themselves are judged.
  std::filesystem::path site_root;
};

// What a publish left on disk: every tree new, every tree as it was, or
// (only when trees are swapped one by one and the second swap fails) some.
enum class Published { all, none, some };

// Several trees (site/public and site/internal): all are written before any
// is swapped in; a refusal (publish_plan.h) or a write error is a
// write-failed diagnostic naming the file and what to do, and leaves every
// tree as it was. Two builds into one output take turns (flock on the site
// root and on each folder a unit is swapped into); staging folders a killed
// build left beside a unit are deleted first (only sitrep's: by name and
// marker).
Published publish_trees(const std::vector<TreeToPublish>& trees, Diagnostics& diags, const PublishOptions& options = {});

// The same publish in steps, for a build that writes pages as they are
// rendered instead of holding the whole site in memory: open() plans, locks
// and makes the staging folders; write() puts a batch of one tree's files
// into its staging folder (as often as needed, each path once); finish()
// swaps every tree in. Until finish() nothing published changes: a Publisher
// dropped unfinished (a render error, a leak, a failed write) deletes its
// staging folders and leaves the previous site as it was. Diagnostics are
// publish_trees' (write-failed, naming the file and what to do).
class Publisher {
 public:
  Publisher(std::vector<std::filesystem::path> targets, Diagnostics& diags, PublishOptions options = {});
  ~Publisher();
  Publisher(const Publisher&) = delete;
  Publisher& operator=(const Publisher&) = delete;

  bool open();
  // The inodes of the published tree's pages (path -> inode) whose files
  // the build verified are still the ones it wrote (still_published): a
  // `reused` file the staging folder already holds as that very inode (a
  // spare, write/spare_tree.h) is kept instead of linked again. Before the
  // tree's first write.
  void expect_published(std::size_t tree, InodesByPath inodes);
  // `tree` indexes the targets. False (and nothing more is written) once
  // any write failed. A `reused` file (write/page_reuse.h) is linked from
  // the tree as published now, at the same path.
  bool write(std::size_t tree, const Outputs& files);
  Published finish();
  // Deletes the staging folders; the published trees stay as they were.
  void discard();
  bool failed() const { return failed_; }
  // Reused files a spare staging folder already held as the published
  // page's own inode, so neither linked nor deleted (after finish()).
  std::size_t kept() const;
  // Their paths in tree `tree` (after finish(); once): files nothing
  // touched, so still as the record that gave their inodes says.
  std::vector<std::string> take_kept_paths(std::size_t tree);

 private:
  struct State;
  std::unique_ptr<State> state_;
  bool failed_ = false;
};
bool publish_tree(const std::filesystem::path& target, const Outputs& files, Diagnostics& diags);

// The in-memory mode (for the preview server and tests): path -> bytes.
using MemoryTree = std::map<std::string, std::string, std::less<>>;
MemoryTree to_memory(const Outputs& files);
// The same for an incremental render (render/incremental.h): the bytes of a
// reused output move over from `previous`, the tree of the last render.
MemoryTree to_memory(Outputs&& files, MemoryTree& previous);

// Refuses absolute paths, "..", empty segments: output paths come from ids.
bool is_safe_output_path(std::string_view path);

}  // namespace sitrep
