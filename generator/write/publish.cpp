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
#include <thread>
#include <unordered_set>

#include "util/parallel.h"
#include "write/crash_point.h"
#include "write/folder_at.h"
#include "write/publish_plan.h"
#include "write/spare_tree.h"

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
  bool from_spare = false;    // the staging folder is the tree the last build swapped out
  bool replaced_old = false;  // swapped in over a published folder, which the staging folder now holds
};

// Where the folder a unit's swap takes out waits for the next build
// (write/spare_tree.h): inside the unit when it holds both trees (site/),
// beside a tree swapped alone when the folder around it is sitrep's output
// folder (site/, marked). A folder the user named (--public-dir elsewhere)
// gets none: sitrep puts nothing beside it that outlives the build.
struct SpareSpot {
  Fd holder;
  std::string name;
  explicit operator bool() const { return static_cast<bool>(holder); }
};

SpareSpot spare_spot(const Stage& s) {
  const SwapUnit& unit = *s.unit;
  if (unit.holds_trees()) return {open_folder_at(s.parent, unit.name), spare_name(unit.name)};
  if (entry_kind(s.parent, std::string{k_output_marker}) == EntryKind::file)
    return {Fd{::fcntl(s.parent, F_DUPFD_CLOEXEC, 0)}, spare_name(unit.name)};
  return {};
}

// Takes the spare of the stage's unit as its staging folder (one rename,
// under the build's lock); false when there is none.
bool claim_spare(Stage& s) {
  const SpareSpot spot = spare_spot(s);
  return spot && is_marked_or_empty_folder_at(spot.holder.get(), spot.name, k_staging_marker) &&
         ::renameat2(spot.holder.get(), spot.name.c_str(), s.parent, s.staging.c_str(), RENAME_NOREPLACE) == 0;
}

// The staging folder becomes the unit's spare instead of being deleted:
// after the swap, when it holds the folder taken out; unswapped, when it
// was the spare to begin with.
bool keep_as_spare(const Stage& s) {
  if (!s.replaced_old && !s.from_spare) return false;
  const SpareSpot spot = spare_spot(s);
  return spot && ::renameat2(s.parent, s.staging.c_str(), spot.holder.get(), spot.name.c_str(), RENAME_NOREPLACE) == 0;
}

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

// One tree's folder inside its staging folder, open for writing; the
// folders made in it so far, so each is made once over every batch.
struct OpenTree {
  Fd fd;
  std::string shown;
  const SwapUnit* unit = nullptr;
  std::unordered_set<std::string> made;
  // The tree as published now, where `reused` files are linked from
  // (write/page_reuse.h); not open when there is none.
  Fd previous;
  // When the staging folder is a spare: what it holds that no batch has
  // written over yet, and the inodes of the published pages (path ->
  // inode) a reused file may keep instead of being linked again.
  std::optional<SpareContents> spare;
  const InodesByPath* published_inodes = nullptr;
  std::vector<std::string> kept_paths;  // reused files the spare already held
  bool crash_midway = false;  // the first tree of the first unit: crash_point("writing")
};

// Makes way in a spare for `path`: what is there is deleted unless it is
// the published page's own inode, which a reused file keeps (true).
bool keeps_or_clears(OpenTree& tree, const OutputFile& f, int& error) {
  const auto it = tree.spare->files.find(f.path);
  if (it == tree.spare->files.end()) {
    if (tree.spare->folders.count(f.path)) error = remove_tree_at(tree.fd.get(), f.path);
    return false;
  }
  if (f.reused && tree.published_inodes) {
    const auto published = tree.published_inodes->find(f.path);
    if (published != tree.published_inodes->end() && published->second == it->second) return true;
  }
  if (::unlinkat(tree.fd.get(), f.path.c_str(), 0) != 0 && errno != ENOENT) error = errno;
  return false;
}

// Writes `files` into the tree's folder: new folders first, once each, then
// the files on a pool. In a spare, a folder there already is used and a
// file is replaced, but for a reused page's own file, which is kept.
std::optional<Failure> write_batch(OpenTree& tree, const Outputs& files, unsigned threads) {
  for (const auto& f : files)
    for (auto slash = f.path.find('/'); slash != std::string::npos; slash = f.path.find('/', slash + 1)) {
      std::string folder = f.path.substr(0, slash);
      if (tree.made.count(folder)) continue;
      if (!tree.spare || !tree.spare->folders.count(folder)) {
        if (tree.spare && tree.spare->files.erase(folder) && ::unlinkat(tree.fd.get(), folder.c_str(), 0) != 0 &&
            errno != ENOENT)
          return Failure{tree.shown + "/" + folder, errno, "cannot create folder"};
        if (const int e = make_folder_at(tree.fd.get(), folder))
          return Failure{tree.shown + "/" + folder, e, "cannot create folder"};
      }
      tree.made.insert(std::move(folder));
    }
  const bool crash_midway = tree.crash_midway && !files.empty();
  if (crash_midway) tree.crash_midway = false;
  constexpr std::size_t k_none = std::numeric_limits<std::size_t>::max();
  std::atomic<std::size_t> first{k_none};
  std::vector<int> errors(files.size(), 0);
  std::vector<char> kept_file(files.size(), 0);
  parallel_for(files.size(), threads, [&](std::size_t i) {
    if (i > first.load()) return;  // a lower index failed: no need to go on past it
    if (crash_midway && i == files.size() / 2) crash_point("writing");
    if (files[i].stream) return;  // below, one at a time: each is made on every core
    int e = 0;
    if (tree.spare && keeps_or_clears(tree, files[i], e)) {
      kept_file[i] = 1;
      return;
    }
    if (!e)
      e = !files[i].reused ? write_new_file_at(tree.fd.get(), files[i].path, files[i].bytes)
          : tree.previous  ? link_or_copy_at(tree.previous.get(), tree.fd.get(), files[i].path)
                           : ENOENT;
    if (e) {
      errors[i] = e;
      for (std::size_t seen = first.load(); i < seen && !first.compare_exchange_weak(seen, i);) {
      }
    }
  });
  // The streamed files (the exports) side by side, each on a thread of its
  // own: actions.csv is made on one core while metrics.json waits on its
  // writes, where one after the other they were the end of a rebuild.
  std::vector<std::size_t> streams;
  for (std::size_t i = 0; i < files.size() && i < first; ++i) {
    if (!files[i].stream) continue;
    if (tree.spare) {
      int e = 0;
      keeps_or_clears(tree, files[i], e);  // never kept: a stream is made anew
      if (e) {
        errors[i] = e;
        first = i;
        break;
      }
    }
    streams.push_back(i);
  }
  const auto write_stream = [&](std::size_t i) {
    NewFileAt file(tree.fd.get(), files[i].path);
    files[i].stream([&](std::string_view text) { file.append(text); });
    errors[i] = file.close();
  };
  {
    std::vector<std::jthread> pool;
    for (std::size_t s = 1; s < streams.size(); ++s) pool.emplace_back(write_stream, streams[s]);
    if (!streams.empty()) write_stream(streams.front());
  }
  // Side by side, which of them a full disk stops depends on timing. After
  // a failure they are removed and made again one after the other, as a
  // build writing them in order would, so the file named is always the same.
  if (std::any_of(streams.begin(), streams.end(), [&](std::size_t i) { return errors[i] != 0; })) {
    for (const std::size_t i : streams)
      errors[i] = ::unlinkat(tree.fd.get(), files[i].path.c_str(), 0) != 0 && errno != ENOENT ? errno : 0;
    for (const std::size_t i : streams) {
      if (!errors[i]) write_stream(i);
      if (errors[i]) {
        first = std::min<std::size_t>(first, i);
        break;
      }
    }
  }
  for (std::size_t i = 0; i < files.size(); ++i)
    if (kept_file[i]) tree.kept_paths.push_back(files[i].path);
  if (tree.spare)  // what was there is written over, kept or deleted: no longer a leftover
    for (const auto& f : files) tree.spare->files.erase(f.path);
  if (first == k_none) return std::nullopt;
  return Failure{tree.shown + "/" + files[first].path, errors[first], "cannot write"};
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

bool report_failure(Diagnostics& diags, const SwapUnit& unit, const std::string& path, int error,
                    const std::string& message) {
  diags.report(path, {}, "write-failed", message + ": " + error_text(error), what_to_do(error, unit));
  return false;
}

// Empties `dir` of every entry `keep` does not want (the spare's
// leftovers around its trees). 0 or the first errno.
template <class Keep>
int remove_entries_but(int dir, Keep keep) {
  int first = 0;
  for (const auto& entry : folder_entries(dir))
    if (!keep(entry))
      if (const int e = remove_tree_at(dir, entry); e && !first) first = e;
  return first;
}

// Folder `name` in `dir`, made, or kept from a spare when it is one (what
// else is there is deleted first). 0 or errno.
int make_or_keep_folder_at(int dir, const std::string& name, bool from_spare) {
  if (from_spare) {
    if (entry_kind(dir, name) == EntryKind::folder) return 0;
    if (const int e = remove_tree_at(dir, name)) return e;
  }
  return make_folder_at(dir, name);
}

// Makes the staging folder of one unit with its markers and an empty folder
// for each of its trees, opened into `trees` (indexed like the targets). The
// unit's spare, when it has one, is taken instead and its trees taken stock
// of (write/spare_tree.h).
bool open_stage(Stage& s, std::vector<OpenTree>& trees, bool first_unit, unsigned threads, Diagnostics& diags) {
  const SwapUnit& unit = *s.unit;
  const auto fail = [&](const std::string& path, int error, const std::string& message) {
    return report_failure(diags, unit, path, error, message);
  };
  s.staging = staging_name(unit.name, static_cast<long>(::getpid()));
  const std::string staging_shown = shown_path(unit.parent / s.staging);
  s.from_spare = claim_spare(s);
  if (const int e = s.from_spare ? 0 : make_folder_at(s.parent, s.staging)) {
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
  const std::string staging_marker{k_staging_marker}, output_marker{k_output_marker};
  if (s.from_spare) {  // the marker and the unit's folder stay; anything else goes
    if (const int e = remove_entries_but(s.staging_fd.get(), [&](const std::string& entry) {
          return (entry == staging_marker && entry_kind(s.staging_fd.get(), entry) == EntryKind::file) ||
                 entry == unit.name;
        }))
      return fail(staging_shown, e, "cannot clear the spare staging folder");
  }
  if (!s.from_spare || entry_kind(s.staging_fd.get(), staging_marker) != EntryKind::file)
    if (const int e = write_new_file_at(s.staging_fd.get(), staging_marker, k_staging_text))
      return fail(staging_shown + "/" + staging_marker, e, "cannot write");
  if (const int e = make_or_keep_folder_at(s.staging_fd.get(), unit.name, s.from_spare))
    return fail(staging_shown + "/" + unit.name, e, "cannot create folder");
  Fd unit_fd = open_folder_at(s.staging_fd.get(), unit.name);
  if (!unit_fd) return fail(staging_shown + "/" + unit.name, errno, "cannot open folder");
  if (unit.holds_trees()) {
    if (s.from_spare)  // its trees and their spares stay (the marker is written anew)
      if (const int e = remove_entries_but(unit_fd.get(), [&](const std::string& entry) {
            for (const auto& [tree_name, index] : unit.trees)
              if (entry == tree_name || entry == spare_name(tree_name)) return true;
            return false;
          }))
        return fail(staging_shown + "/" + unit.name, e, "cannot clear the spare staging folder");
    if (const int e = write_new_file_at(unit_fd.get(), output_marker, k_output_text))
      return fail(unit.shown + "/" + output_marker, e, "cannot write");
  }
  bool first_tree = first_unit;
  for (const auto& [tree_name, index] : unit.trees) {
    OpenTree& tree = trees[index];
    tree.unit = &unit;
    tree.shown = tree_name.empty() ? unit.shown : unit.shown + "/" + tree_name;
    tree.crash_midway = first_tree;
    first_tree = false;
    if (tree_name.empty()) {
      tree.fd = Fd{::fcntl(unit_fd.get(), F_DUPFD_CLOEXEC, 0)};
      if (!tree.fd) return fail(tree.shown, errno, "cannot open folder");
    } else {
      if (const int e = make_or_keep_folder_at(unit_fd.get(), tree_name, s.from_spare))
        return fail(tree.shown, e, "cannot create folder");
      tree.fd = open_folder_at(unit_fd.get(), tree_name);
      if (!tree.fd) return fail(tree.shown, errno, "cannot open folder");
    }
    if (s.from_spare) {
      tree.spare.emplace();
      if (const int e = take_stock(tree.fd.get(), threads, *tree.spare))
        return fail(staging_shown + "/" + unit.name, e, "cannot clear the spare staging folder");
    }
  }
  return true;
}

// A staging folder taken from a spare goes back to being one (whatever it
// holds now, the next build takes stock of it again); any other is deleted.
void discard(Stage& s) {
  if (s.staging.empty()) return;
  s.staging_fd = Fd{};
  if (!s.from_spare || !keep_as_spare(s)) remove_staging(s.parent, s.staging);
  s.staging.clear();
}

bool paths_are_safe(const fs::path& target, const Outputs& files, Diagnostics& diags) {
  for (const auto& f : files)
    if (!is_safe_output_path(f.path)) {
      diags.report(target.generic_string(), {}, "write-failed", "refusing to write unsafe path '" + f.path + "'");
      return false;
    }
  return true;
}

}  // namespace

struct Publisher::State {
  std::vector<fs::path> targets;
  Diagnostics& diags;
  PublishOptions options;
  PublishPlan plan;
  // Parents, created as the user wrote them, held open and locked. A tree
  // swapped alone (site/public) also locks the folder above its parent,
  // where a build of both trees stages site/, and cleans up there too.
  std::vector<Fd> parents, above;
  Fd root;
  FolderLocks locks;
  std::vector<Stage> stages;
  std::vector<OpenTree> trees;  // indexed like targets
  std::vector<InodesByPath> published;  // indexed like targets
  std::size_t kept = 0;
  std::vector<std::vector<std::string>> kept_paths;  // indexed like targets
  bool opened = false, finished = false;
};

Publisher::Publisher(std::vector<fs::path> targets, Diagnostics& diags, PublishOptions options)
    : state_(new State{std::move(targets), diags, std::move(options), {}, {}, {}, {}, {}, {}, {}, {}, {}, {}}) {
  state_->published.resize(state_->targets.size());
  state_->kept_paths.resize(state_->targets.size());
}

std::size_t Publisher::kept() const { return state_->kept; }

std::vector<std::string> Publisher::take_kept_paths(std::size_t tree) {
  return tree < state_->kept_paths.size() ? std::move(state_->kept_paths[tree]) : std::vector<std::string>{};
}

void Publisher::expect_published(std::size_t tree, InodesByPath inodes) {
  if (tree < state_->published.size()) state_->published[tree] = std::move(inodes);
}

Publisher::~Publisher() { discard(); }

void Publisher::discard() {
  if (!state_->opened || state_->finished) return;
  state_->trees.clear();  // their folders are inside the staging folders
  for (auto& s : state_->stages) sitrep::discard(s);
  state_->finished = true;
}

bool Publisher::open() {
  State& st = *state_;
  st.plan = plan_publish(st.targets, st.options.site_root);
  if (!st.plan.refusal.empty()) {
    st.diags.report(shown_path(fs::absolute(st.targets.front()).lexically_normal()), {}, "write-failed",
                    st.plan.refusal);
    failed_ = true;
    return false;
  }
  if (!st.options.site_root.empty()) st.root = open_folder(st.options.site_root.string());
  st.locks.add(st.root.get());
  for (const auto& unit : st.plan.units) {
    st.parents.push_back(open_parent(unit, st.diags));
    if (!st.parents.back()) {
      failed_ = true;
      return false;
    }
    st.locks.add(st.parents.back().get());
    const bool has_above = !unit.holds_trees() && unit.parent.has_filename();
    st.above.push_back(has_above ? open_folder(unit.parent.parent_path().string()) : Fd{});
    st.locks.add(st.above.back().get());
  }
  st.locks.lock_all();
  for (std::size_t i = 0; i < st.plan.units.size(); ++i) {
    remove_stale_staging(st.parents[i].get(), st.plan.units[i]);
    if (st.above[i])
      remove_stale_staging(st.above[i].get(), st.plan.units[i], st.plan.units[i].parent.filename().string());
  }
  st.opened = true;
  st.stages.resize(st.plan.units.size());
  st.trees.resize(st.targets.size());
  for (std::size_t i = 0; i < st.plan.units.size(); ++i) {
    st.stages[i].unit = &st.plan.units[i];
    st.stages[i].parent = st.parents[i].get();
    if (!open_stage(st.stages[i], st.trees, i == 0, st.options.threads, st.diags)) {
      failed_ = true;
      discard();
      return false;
    }
  }
  for (std::size_t i = 0; i < st.targets.size(); ++i) {
    st.trees[i].previous = open_folder(st.targets[i].string());
    st.trees[i].published_inodes = &st.published[i];
  }
  return true;
}

bool Publisher::write(std::size_t tree, const Outputs& files) {
  State& st = *state_;
  if (failed_ || !st.opened || st.finished || tree >= st.trees.size()) return false;
  if (!paths_are_safe(st.targets[tree], files, st.diags)) {
    failed_ = true;
    discard();
    return false;
  }
  OpenTree& open_tree = st.trees[tree];
  if (auto failure = write_batch(open_tree, files, st.options.threads)) {
    report_failure(st.diags, *open_tree.unit, failure->path, failure->error, failure->message);
    failed_ = true;
    discard();
    return false;
  }
  return true;
}

Published Publisher::finish() {
  State& st = *state_;
  if (failed_ || !st.opened || st.finished) {
    discard();
    return Published::none;
  }
  // A spare's files and folders no output wanted go before the swap.
  for (std::size_t i = 0; i < st.trees.size(); ++i) {
    OpenTree& tree = st.trees[i];
    st.kept += tree.kept_paths.size();
    st.kept_paths[i] = std::move(tree.kept_paths);
    if (tree.spare)
      if (const int e = clear_leftovers(tree.fd.get(), *tree.spare, tree.made, st.options.threads)) {
        report_failure(st.diags, *tree.unit, tree.shown, e, "cannot delete what the last build left");
        failed_ = true;
        discard();
        return Published::none;
      }
  }
  st.trees.clear();  // every file is written: close the tree folders
  crash_point("staged");
  // Asked again just before the swap: a file dropped into site/ while the
  // trees were being written would otherwise be swapped out and deleted.
  if (const PublishPlan again = plan_publish(st.targets, st.options.site_root); !again.refusal.empty()) {
    st.diags.report(shown_path(fs::absolute(st.targets.front()).lexically_normal()), {}, "write-failed",
                    again.refusal);
    failed_ = true;
    discard();
    return Published::none;
  }
  st.finished = true;

  // In: an exchange where a previous folder exists (the staging folder then
  // holds it), a rename that never replaces anything where none does.
  std::vector<Stage>& stages = st.stages;
  for (std::size_t i = 0; i < stages.size(); ++i) {
    if (i > 0) crash_point("between-swaps");
    Stage& s = stages[i];
    const EntryKind kind = entry_kind(s.parent, s.unit->name);
    const unsigned flags = kind == EntryKind::missing ? RENAME_NOREPLACE : RENAME_EXCHANGE;
    s.replaced_old = kind == EntryKind::folder;
    if ((kind != EntryKind::missing && kind != EntryKind::folder) ||
        ::renameat2(s.staging_fd.get(), s.unit->name.c_str(), s.parent, s.unit->name.c_str(), flags) != 0) {
      const int error = kind == EntryKind::missing || kind == EntryKind::folder ? errno : ENOTDIR;
      st.diags.report(s.unit->shown, {}, "write-failed", "cannot swap in the new folder: " + error_text(error),
                      i == 0 ? what_to_do(error, *s.unit)
                             : "the folders before it were swapped in; build again to bring them all up to date");
      failed_ = true;
      for (auto& rest : stages) sitrep::discard(rest);  // the swapped ones now hold the previous trees
      return i == 0 ? Published::none : Published::some;
    }
  }
  crash_point("swapped");

  // Out: each previous folder is kept as its unit's spare where it may be
  // (write/spare_tree.h); the others are deleted (each one's entries side by
  // side), then their staging folders, their markers last.
  std::vector<int> removed(stages.size(), 0);
  std::vector<char> spared(stages.size(), 0);
  for (std::size_t i = 0; i < stages.size(); ++i) {
    stages[i].staging_fd = Fd{};
    spared[i] = keep_as_spare(stages[i]);
    if (!spared[i]) removed[i] = empty_staging(stages[i].parent, stages[i].staging);
  }
  crash_point("old-removed");
  for (std::size_t i = 0; i < stages.size(); ++i)
    if (!spared[i] && removed[i] == 0)
      remove_staging_marker(stages[i].parent, stages[i].staging);  // else left for the next build
  return Published::all;
}

bool publish_tree(const fs::path& target, const Outputs& files, Diagnostics& diags) {
  return publish_trees({{target, &files}}, diags) == Published::all;
}

Published publish_trees(const std::vector<TreeToPublish>& trees, Diagnostics& diags, const PublishOptions& options) {
  // Nothing touches the disk before every path is known to be safe.
  for (const auto& t : trees)
    if (!paths_are_safe(t.target, *t.files, diags)) return Published::none;
  std::vector<fs::path> targets;
  for (const auto& t : trees) targets.push_back(t.target);
  Publisher publisher(std::move(targets), diags, options);
  if (!publisher.open()) return Published::none;
  for (std::size_t i = 0; i < trees.size(); ++i)
    if (!publisher.write(i, *trees[i].files)) return Published::none;
  return publisher.finish();
}

}  // namespace sitrep
