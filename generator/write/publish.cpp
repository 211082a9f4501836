#include "write/publish.h"

#include <fcntl.h>
#include <stdio.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <cstring>
#include <limits>
#include <optional>
#include <tuple>
#include <unordered_set>

#include "util/parallel.h"
#include "write/crash_point.h"
#include "write/folder_at.h"
#include "write/publish_plan.h"

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

constexpr std::string_view k_unchanged = "; the previous site is unchanged";

constexpr std::string_view k_staging_text =
    "A folder `sitrep build` was writing (or deleting) when it stopped: never part of the published site.\n"
    "The next build into the folder beside it deletes it; you may too.\n";
constexpr std::string_view k_output_text =
    "This folder is written by `sitrep build` and replaced whole by each build, so that its public and\n"
    "internal trees always change together. Keep nothing else here: a build refuses to replace a folder\n"
    "that holds files it did not write.\n";

// What to do about an error writing `unit` (the folder being replaced) or
// its staging folder beside it, as a hint.
std::string what_to_do(int error, const SwapUnit& unit) {
  const std::string folder = shown_path(unit.parent);
  switch (error) {
    case ENOSPC:
    case EDQUOT:
      return "the disk holding " + unit.shown +
             " is full (a build needs room for the previous output and the new one at once): make room and build "
             "again" + std::string{k_unchanged};
    case EFBIG:
      return "the file is larger than this process may write (ulimit -f): raise the limit and build again" +
             std::string{k_unchanged};
    case EACCES:
    case EPERM:
      return "sitrep may not write in " + folder +
             ": make it writable for this user (or choose another --out) and build again" + std::string{k_unchanged};
    case EROFS:
      return folder + " is on a read-only file system: choose another --out" + std::string{k_unchanged};
    case EBUSY:
    case EXDEV:
      return "a folder swapped in by renaming cannot be a mount point: mount the folder above it, or build into a "
             "folder inside the mount (--out)" + std::string{k_unchanged};
    default: return "build again once " + folder + " can be written" + std::string{k_unchanged};
  }
}

// One unit on its way in: its parent (held open and locked) and the staging
// folder beside it.
struct Stage {
  const SwapUnit* unit = nullptr;
  int parent = -1;
  std::string staging;  // a name in parent
  Fd staging_fd;
};

// Takes an exclusive flock on each folder once (by device and inode, so one
// folder under two names is locked once), in inode order so two builds
// never wait on each other in a circle.
class FolderLocks {
 public:
  void add(int fd) {
    struct stat st {};
    if (fd < 0 || ::fstat(fd, &st) != 0) return;
    for (const auto& h : held_)
      if (h.dev == st.st_dev && h.ino == st.st_ino) return;
    held_.push_back({st.st_dev, st.st_ino, Fd{::fcntl(fd, F_DUPFD_CLOEXEC, 0)}});
  }
  void lock_all() {
    std::sort(held_.begin(), held_.end(), [](const Held& a, const Held& b) {
      return std::tie(a.dev, a.ino) < std::tie(b.dev, b.ino);
    });
    for (auto& h : held_)
      while (h.fd && ::flock(h.fd.get(), LOCK_EX) != 0 && errno == EINTR) {
      }  // another error (a file system without flock): publish unlocked
  }

 private:
  struct Held {
    dev_t dev;
    ino_t ino;
    Fd fd;
  };
  std::vector<Held> held_;
};

// Deletes what a staging folder holds but its marker, which goes last (with
// remove_staging_marker), so that a build killed meanwhile leaves a folder
// the next build still knows as sitrep's.
int empty_staging(int parent, const std::string& name) {
  const Fd dir = open_folder_at(parent, name);
  if (!dir) return errno;
  int first = 0;
  for (const auto& entry : folder_entries(dir.get()))
    if (entry != k_staging_marker)
      if (const int e = remove_tree_at(dir.get(), entry, 4); e && !first) first = e;
  return first;
}

void remove_staging_marker(int parent, const std::string& name) {
  if (const Fd dir = open_folder_at(parent, name)) ::unlinkat(dir.get(), std::string{k_staging_marker}.c_str(), 0);
  ::unlinkat(parent, name.c_str(), AT_REMOVEDIR);
}

void remove_staging(int parent, const std::string& name) {
  if (empty_staging(parent, name) == 0) remove_staging_marker(parent, name);
}

// Deletes staging folders killed builds left in `parent`: sitrep's names,
// holding sitrep's marker (or nothing), and the unmarked names old versions
// gave beside a tree. (Under the lock no live build has one here.) With
// `only_for`, only those of that folder (".site.sitrep-new-*").
void remove_stale_staging(int parent, const SwapUnit& unit, const std::string& only_for = {}) {
  for (const auto& entry : folder_entries(parent)) {
    if (is_staging_name(entry, only_for) && is_marked_or_empty_folder_at(parent, entry, k_staging_marker))
      remove_staging(parent, entry);
    else if (!only_for.empty())
      continue;
    else if (!unit.holds_trees() && is_legacy_staging_name(entry, unit.name) &&
             entry_kind(parent, entry) == EntryKind::folder)
      remove_tree_at(parent, entry, 4);
  }
}

// The first failure of a tree's files: the lowest index, so the message does
// not depend on which thread got there first.
struct Failure {
  std::string path;  // as shown
  int error = 0;
  std::string message;
};

// Writes `files` into the (empty, fresh) folder `tree`; folders first, once
// each, then the files on a pool.
std::optional<Failure> write_tree(int tree, const Outputs& files, const std::string& shown, unsigned threads,
                                  bool crash_midway) {
  std::unordered_set<std::string> made;
  for (const auto& f : files)
    for (auto slash = f.path.find('/'); slash != std::string::npos; slash = f.path.find('/', slash + 1)) {
      std::string folder = f.path.substr(0, slash);
      if (made.count(folder)) continue;
      if (const int e = make_folder_at(tree, folder)) return Failure{shown + "/" + folder, e, "cannot create folder"};
      made.insert(std::move(folder));
    }
  constexpr std::size_t k_none = std::numeric_limits<std::size_t>::max();
  std::atomic<std::size_t> first{k_none};
  std::vector<int> errors(files.size(), 0);
  parallel_for(files.size(), threads, [&](std::size_t i) {
    if (i > first.load()) return;  // a lower index failed: no need to go on past it
    if (crash_midway && i == files.size() / 2) crash_point("writing");
    if (const int e = write_new_file_at(tree, files[i].path, files[i].bytes)) {
      errors[i] = e;
      for (std::size_t seen = first.load(); i < seen && !first.compare_exchange_weak(seen, i);) {
      }
    }
  });
  if (first == k_none) return std::nullopt;
  return Failure{shown + "/" + files[first].path, errors[first], "cannot write"};
}

std::string error_text(int error) { return std::strerror(error); }

// Creates the parent of a unit (as the user wrote it) and opens it.
Fd open_parent(const SwapUnit& unit, Diagnostics& diags) {
  const std::string& shown = unit.shown;
  std::error_code ec;
  fs::create_directories(unit.parent, ec);
  if (Fd fd = open_folder(unit.parent.string())) return fd;
  const int error = errno;
  // Name the file in the way, if that is why.
  for (fs::path p = unit.parent; !p.empty() && p != p.root_path(); p = p.parent_path()) {
    const fs::file_status s = fs::status(p, ec);
    if (!fs::exists(s)) continue;
    if (!fs::is_directory(s)) {
      diags.report(shown, {}, "write-failed",
                   "cannot create folder: " + shown_path(p) + " is a file, not a folder",
                   "move " + shown_path(p) + " away, or choose another --out" + std::string{k_unchanged});
      return {};
    }
    break;
  }
  diags.report(shown, {}, "write-failed", "cannot create folder: " + error_text(ec ? ec.value() : error),
               what_to_do(ec ? ec.value() : error, unit));
  return {};
}

// Makes the staging folder of one unit and writes its trees into it.
bool stage(Stage& s, const std::vector<TreeToPublish>& trees, unsigned threads, bool first_unit,
           Diagnostics& diags) {
  const SwapUnit& unit = *s.unit;
  const auto fail = [&](const std::string& path, int error, const std::string& message) {
    diags.report(path, {}, "write-failed", message + ": " + error_text(error), what_to_do(error, unit));
    return false;
  };
  s.staging = staging_name(unit.name, static_cast<long>(::getpid()));
  const std::string staging_shown = shown_path(unit.parent / s.staging);
  if (const int e = make_folder_at(s.parent, s.staging)) {
    if (e != EEXIST) return fail(unit.shown, e, "cannot create a staging folder beside it");
    s.staging.clear();  // not ours: never deleted
    diags.report(staging_shown, {}, "write-failed",
                 "cannot create the staging folder: something sitrep did not make is in the way",
                 "remove " + staging_shown + " and build again" + std::string{k_unchanged});
    return false;
  }
  crash_point("staging-made");
  s.staging_fd = open_folder_at(s.parent, s.staging);
  if (!s.staging_fd) return fail(staging_shown, errno, "cannot open the staging folder");
  if (const int e = write_new_file_at(s.staging_fd.get(), std::string{k_staging_marker}, k_staging_text))
    return fail(staging_shown + "/" + std::string{k_staging_marker}, e, "cannot write");
  if (const int e = make_folder_at(s.staging_fd.get(), unit.name))
    return fail(staging_shown + "/" + unit.name, e, "cannot create folder");
  const Fd unit_fd = open_folder_at(s.staging_fd.get(), unit.name);
  if (!unit_fd) return fail(staging_shown + "/" + unit.name, errno, "cannot open folder");
  if (unit.holds_trees())
    if (const int e = write_new_file_at(unit_fd.get(), std::string{k_output_marker}, k_output_text))
      return fail(unit.shown + "/" + std::string{k_output_marker}, e, "cannot write");
  bool first_tree = first_unit;
  for (const auto& [tree_name, index] : unit.trees) {
    const std::string shown = tree_name.empty() ? unit.shown : unit.shown + "/" + tree_name;
    Fd tree_fd;
    if (!tree_name.empty()) {
      if (const int e = make_folder_at(unit_fd.get(), tree_name)) return fail(shown, e, "cannot create folder");
      tree_fd = open_folder_at(unit_fd.get(), tree_name);
      if (!tree_fd) return fail(shown, errno, "cannot open folder");
    }
    const int dir = tree_name.empty() ? unit_fd.get() : tree_fd.get();
    if (auto failure = write_tree(dir, *trees[index].files, shown, threads, first_tree))
      return fail(failure->path, failure->error, failure->message);
    first_tree = false;
  }
  return true;
}

void discard(Stage& s) {
  if (s.staging.empty()) return;
  s.staging_fd = Fd{};
  remove_staging(s.parent, s.staging);
}

}  // namespace

bool publish_tree(const fs::path& target, const Outputs& files, Diagnostics& diags) {
  return publish_trees({{target, &files}}, diags) == Published::all;
}

Published publish_trees(const std::vector<TreeToPublish>& trees, Diagnostics& diags, const PublishOptions& options) {
  // Nothing touches the disk before every path is known to be safe.
  for (const auto& t : trees)
    for (const auto& f : *t.files)
      if (!is_safe_output_path(f.path)) {
        diags.report(t.target.generic_string(), {}, "write-failed", "refusing to write unsafe path '" + f.path + "'");
        return Published::none;
      }
  std::vector<fs::path> targets;
  for (const auto& t : trees) targets.push_back(t.target);
  const PublishPlan plan = plan_publish(targets, options.site_root);
  if (!plan.refusal.empty()) {
    diags.report(shown_path(fs::absolute(targets.front()).lexically_normal()), {}, "write-failed", plan.refusal);
    return Published::none;
  }

  // Parents, created as the user wrote them, held open and locked. A tree
  // swapped alone (site/public) also locks the folder above its parent,
  // where a build of both trees stages site/, and cleans up there too.
  std::vector<Fd> parents, above;
  FolderLocks locks;
  Fd root;
  if (!options.site_root.empty()) root = open_folder(options.site_root.string());
  locks.add(root.get());
  for (const auto& unit : plan.units) {
    parents.push_back(open_parent(unit, diags));
    if (!parents.back()) return Published::none;
    locks.add(parents.back().get());
    const bool has_above = !unit.holds_trees() && unit.parent.has_filename();
    above.push_back(has_above ? open_folder(unit.parent.parent_path().string()) : Fd{});
    locks.add(above.back().get());
  }
  locks.lock_all();
  for (std::size_t i = 0; i < plan.units.size(); ++i) {
    remove_stale_staging(parents[i].get(), plan.units[i]);
    if (above[i]) remove_stale_staging(above[i].get(), plan.units[i], plan.units[i].parent.filename().string());
  }

  std::vector<Stage> stages(plan.units.size());
  for (std::size_t i = 0; i < plan.units.size(); ++i) {
    stages[i].unit = &plan.units[i];
    stages[i].parent = parents[i].get();
    if (!stage(stages[i], trees, options.threads, i == 0, diags)) {
      for (auto& s : stages) discard(s);
      return Published::none;
    }
  }
  crash_point("staged");
  // Asked again just before the swap: a file dropped into site/ while the
  // trees were being written would otherwise be swapped out and deleted.
  if (const PublishPlan again = plan_publish(targets, options.site_root); !again.refusal.empty()) {
    diags.report(shown_path(fs::absolute(targets.front()).lexically_normal()), {}, "write-failed", again.refusal);
    for (auto& s : stages) discard(s);
    return Published::none;
  }

  // In: an exchange where a previous folder exists (the staging folder then
  // holds it), a rename that never replaces anything where none does.
  for (std::size_t i = 0; i < stages.size(); ++i) {
    if (i > 0) crash_point("between-swaps");
    Stage& s = stages[i];
    const EntryKind kind = entry_kind(s.parent, s.unit->name);
    const unsigned flags = kind == EntryKind::missing ? RENAME_NOREPLACE : RENAME_EXCHANGE;
    if ((kind != EntryKind::missing && kind != EntryKind::folder) ||
        ::renameat2(s.staging_fd.get(), s.unit->name.c_str(), s.parent, s.unit->name.c_str(), flags) != 0) {
      const int error = kind == EntryKind::missing || kind == EntryKind::folder ? errno : ENOTDIR;
      diags.report(s.unit->shown, {}, "write-failed", "cannot swap in the new folder: " + error_text(error),
                   i == 0 ? what_to_do(error, *s.unit)
                          : "the folders before it were swapped in; build again to bring them all up to date");
      for (auto& rest : stages) discard(rest);  // the swapped ones now hold the previous trees
      return i == 0 ? Published::none : Published::some;
    }
  }
  crash_point("swapped");

  // Out: the previous folders (each one's entries side by side), then the
  // staging folders, their markers last.
  std::vector<int> removed(stages.size(), 0);
  for (std::size_t i = 0; i < stages.size(); ++i) {
    stages[i].staging_fd = Fd{};
    removed[i] = empty_staging(stages[i].parent, stages[i].staging);
  }
  crash_point("old-removed");
  for (std::size_t i = 0; i < stages.size(); ++i)
    if (removed[i] == 0) remove_staging_marker(stages[i].parent, stages[i].staging);  // else left for the next build
  return Published::all;
}

}  // namespace sitrep
