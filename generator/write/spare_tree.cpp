#include "write/spare_tree.h"

#include <dirent.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <vector>

#include "util/parallel.h"
#include "write/folder_at.h"

namespace sitrep {

namespace {

constexpr std::string_view k_spare_suffix = ".sitrep-spare";

std::string joined(const std::string& folder, std::string_view name) {
  return folder.empty() ? std::string{name} : folder + "/" + std::string{name};
}

// One folder of the spare, listed: its files and subfolders (paths in the
// tree), the other entries deleted.
struct Listed {
  bool opened = false;
  std::vector<std::pair<std::string, std::uint64_t>> files;
  std::vector<std::string> folders;
  int error = 0;  // not opened: why; opened: the first entry that could not be deleted
};

Listed list_folder(int tree, const std::string& folder) {
  Listed out;
  const int fd = folder.empty() ? ::fcntl(tree, F_DUPFD_CLOEXEC, 0)
                                : ::openat(tree, folder.c_str(), O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
  if (fd < 0) {
    out.error = errno;
    return out;
  }
  DIR* dir = ::fdopendir(fd);
  if (!dir) {
    out.error = errno;
    ::close(fd);
    return out;
  }
  out.opened = true;
  while (const dirent* e = ::readdir(dir)) {
    const std::string_view name = e->d_name;
    if (name == "." || name == "..") continue;
    unsigned char type = e->d_type;
    std::uint64_t inode = e->d_ino;
    if (type == DT_UNKNOWN) {  // a file system without entry types: ask
      struct stat st {};
      if (::fstatat(::dirfd(dir), e->d_name, &st, AT_SYMLINK_NOFOLLOW) != 0) continue;
      type = S_ISDIR(st.st_mode) ? DT_DIR : S_ISREG(st.st_mode) ? DT_REG : DT_LNK;
      inode = st.st_ino;
    }
    if (type == DT_REG)
      out.files.emplace_back(joined(folder, name), inode);
    else if (type == DT_DIR)
      out.folders.push_back(joined(folder, name));
    else if (::unlinkat(::dirfd(dir), e->d_name, 0) != 0 && errno != ENOENT && !out.error)
      out.error = errno;
  }
  ::closedir(dir);
  return out;
}

// The entry is not there any more: it went with a folder an output file
// replaced (ENOTDIR: a file is now where its folder was).
bool gone(int error) { return error == ENOENT || error == ENOTDIR; }

}  // namespace

std::string spare_name(std::string_view unit_name) {
  return "." + std::string{unit_name} + std::string{k_spare_suffix};
}

bool is_spare_name(std::string_view entry) {
  return entry.size() > k_spare_suffix.size() + 1 && entry.front() == '.' && entry.ends_with(k_spare_suffix);
}

int take_stock(int tree, unsigned threads, SpareContents& out) {
  int first = 0;
  std::vector<std::string> level{""};
  while (!level.empty()) {
    std::vector<Listed> listed(level.size());
    parallel_for(level.size(), threads, [&](std::size_t i) { listed[i] = list_folder(tree, level[i]); });
    std::vector<std::string> next;
    for (std::size_t i = 0; i < level.size(); ++i) {
      Listed& l = listed[i];
      if (!l.opened) {  // gone or unreadable: nothing of it is kept
        if (level[i].empty()) return l.error ? l.error : EIO;  // (errno here is this thread's, not the lister's)
        if (const int e = remove_tree_at(tree, level[i]); e && !first) first = e;
        continue;
      }
      if (!level[i].empty()) out.folders.insert(level[i]);
      if (l.error && !first) first = l.error;
      for (auto& [path, inode] : l.files) out.files.emplace(std::move(path), inode);
      for (auto& f : l.folders) next.push_back(std::move(f));
    }
    level = std::move(next);
  }
  return first;
}

int clear_leftovers(int tree, const SpareContents& spare, const std::unordered_set<std::string>& needed,
                    unsigned threads) {
  std::vector<const std::string*> files;
  files.reserve(spare.files.size());
  for (const auto& [path, inode] : spare.files) files.push_back(&path);
  std::vector<int> errors(files.size(), 0);
  parallel_for(files.size(), threads, [&](std::size_t i) {
    if (::unlinkat(tree, files[i]->c_str(), 0) != 0 && !gone(errno)) errors[i] = errno;
  });
  for (const int e : errors)
    if (e) return e;
  std::vector<const std::string*> folders;
  for (const auto& f : spare.folders)
    if (!needed.count(f)) folders.push_back(&f);
  // A folder's path is a prefix of its subfolders': in reverse order each
  // comes after everything below it.
  std::sort(folders.begin(), folders.end(), [](const std::string* a, const std::string* b) { return *a > *b; });
  for (const std::string* f : folders)
    if (::unlinkat(tree, f->c_str(), AT_REMOVEDIR) != 0 && !gone(errno)) return errno;
  return 0;
}

}  // namespace sitrep
