#pragma once
// The file-system steps of publishing, each relative to a folder sitrep
// holds open (openat, mkdirat, unlinkat, renameat2): a name is looked up in
// that folder and never through a symbolic link (O_NOFOLLOW, lstat), files
// are only ever created (O_EXCL), never opened for overwriting. Errors are
// errno values (0 = done), turned into diagnostics by the caller.
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace sitrep {

// Owns one file descriptor.
class Fd {
 public:
  Fd() = default;
  explicit Fd(int fd) : fd_(fd) {}
  Fd(Fd&& other) noexcept : fd_(std::exchange(other.fd_, -1)) {}
  Fd& operator=(Fd&& other) noexcept;
  Fd(const Fd&) = delete;
  Fd& operator=(const Fd&) = delete;
  ~Fd();
  int get() const { return fd_; }
  explicit operator bool() const { return fd_ >= 0; }

 private:
  int fd_ = -1;
};

enum class EntryKind { missing, folder, link, file, other };
// What `name` in `dir` is, without following a link (fstatat, AT_SYMLINK_NOFOLLOW).
EntryKind entry_kind(int dir, const std::string& name);

// Opens a folder the way the user wrote it (links in `path` followed).
Fd open_folder(const std::string& path);
// Opens folder `name` in `dir`; fails (ELOOP/ENOTDIR) on a link or a file.
Fd open_folder_at(int dir, const std::string& name);

// The names in `dir`, sorted, without "." and "..".
std::vector<std::string> folder_entries(int dir);

// Creates folder `relative` (its parent must exist) in `dir`. 0 or errno.
int make_folder_at(int dir, const std::string& relative);
// Creates file `relative` in `dir` holding `bytes`: never an existing file,
// never through a link as its last component. 0 or errno (EFBIG, ENOSPC, ...).
int write_new_file_at(int dir, const std::string& relative, std::string_view bytes);

// The same file written piece by piece (buffered): append() as often as
// needed, then close() gives 0 or the first errno (creating, writing or
// closing). After an error, append() does nothing.
class NewFileAt {
 public:
  NewFileAt(int dir, const std::string& relative);
  ~NewFileAt();
  NewFileAt(const NewFileAt&) = delete;
  NewFileAt& operator=(const NewFileAt&) = delete;
  void append(std::string_view bytes);
  int close();

 private:
  void flush();
  int fd_ = -1;
  int error_ = 0;
  std::string buffer_;
};

// What a file is on disk, to tell whether it is still the one a build wrote
// (write/page_reuse.h): same device, inode, size and change time.
struct FileIdentity {
  unsigned long long device = 0, inode = 0, size = 0;
  long long changed_ns = 0;
  bool operator==(const FileIdentity&) const = default;
};
// The identity of regular file `relative` in `dir` (its last component never
// followed); nullopt when missing or not a regular file.
std::optional<FileIdentity> file_identity_at(int dir, const std::string& relative);
// Puts file `relative` of folder `from` at `relative` in folder `to` (its
// parent must exist): a hard link, or a copy where the file system refuses
// one. Never follows a link as the last component; never overwrites. 0 or errno.
int link_or_copy_at(int from, int to, const std::string& relative);
// The bytes of regular file `relative` in `dir`. 0 or errno.
int read_file_at(int dir, const std::string& relative, std::string& bytes);

// Deletes `name` in `dir` and everything below it; a link is deleted, never
// followed. `threads` > 1 deletes the entries of a folder `name` side by side
// (one thread each). 0 or the first errno.
int remove_tree_at(int dir, const std::string& name, unsigned threads = 1);

// A staging folder a build left behind: a folder (not a link) that is empty
// or holds the regular file `marker`.
bool is_marked_or_empty_folder_at(int dir, const std::string& name, std::string_view marker);

}  // namespace sitrep
