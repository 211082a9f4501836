#include "write/folder_at.h"

#include <dirent.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <thread>

namespace sitrep {

Fd& Fd::operator=(Fd&& other) noexcept {
  if (this != &other) {
    if (fd_ >= 0) ::close(fd_);
    fd_ = std::exchange(other.fd_, -1);
  }
  return *this;
}

Fd::~Fd() {
  if (fd_ >= 0) ::close(fd_);
}

EntryKind entry_kind(int dir, const std::string& name) {
  struct stat st {};
  if (::fstatat(dir, name.c_str(), &st, AT_SYMLINK_NOFOLLOW) != 0) return EntryKind::missing;
  if (S_ISDIR(st.st_mode)) return EntryKind::folder;
  if (S_ISLNK(st.st_mode)) return EntryKind::link;
  if (S_ISREG(st.st_mode)) return EntryKind::file;
  return EntryKind::other;
}

Fd open_folder(const std::string& path) { return Fd{::open(path.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC)}; }

Fd open_folder_at(int dir, const std::string& name) {
  return Fd{::openat(dir, name.c_str(), O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC)};
}

std::vector<std::string> folder_entries(int dir) {
  std::vector<std::string> names;
  const int copy = ::fcntl(dir, F_DUPFD_CLOEXEC, 0);  // closedir closes the descriptor it was given
  if (copy < 0) return names;
  DIR* d = ::fdopendir(copy);
  if (!d) {
    ::close(copy);
    return names;
  }
  ::rewinddir(d);
  while (const dirent* e = ::readdir(d)) {
    const std::string_view n = e->d_name;
    if (n != "." && n != "..") names.emplace_back(n);
  }
  ::closedir(d);
  std::sort(names.begin(), names.end());
  return names;
}

int make_folder_at(int dir, const std::string& relative) {
  return ::mkdirat(dir, relative.c_str(), 0777) == 0 ? 0 : errno;
}

namespace {

int open_new_file_at(int dir, const std::string& relative) {
  return ::openat(dir, relative.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0666);
}

// 0 or errno.
int write_all(int fd, std::string_view bytes) {
  while (!bytes.empty()) {
    const ssize_t n = ::write(fd, bytes.data(), bytes.size());
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) return errno;
    bytes.remove_prefix(static_cast<std::size_t>(n));
  }
  return 0;
}

// close() can report a delayed write error (NFS, quotas).
int close_file(int fd, int error) {
  if (::close(fd) != 0 && error == 0 && errno != EINTR) error = errno;
  return error;
}

constexpr std::size_t k_stream_buffer = 1 << 20;

}  // namespace

int write_new_file_at(int dir, const std::string& relative, std::string_view bytes) {
  const int fd = open_new_file_at(dir, relative);
  if (fd < 0) return errno;
  return close_file(fd, write_all(fd, bytes));
}

NewFileAt::NewFileAt(int dir, const std::string& relative) : fd_(open_new_file_at(dir, relative)) {
  if (fd_ < 0) error_ = errno;
}

NewFileAt::~NewFileAt() {
  if (fd_ >= 0) ::close(fd_);
}

void NewFileAt::append(std::string_view bytes) {
  if (error_) return;
  if (buffer_.size() + bytes.size() > k_stream_buffer) flush();
  if (bytes.size() >= k_stream_buffer) {
    if (!error_) error_ = write_all(fd_, bytes);
    return;
  }
  buffer_ += bytes;
}

void NewFileAt::flush() {
  if (!error_ && !buffer_.empty()) error_ = write_all(fd_, buffer_);
  buffer_.clear();
}

int NewFileAt::close() {
  if (fd_ < 0) return error_;
  flush();
  error_ = close_file(std::exchange(fd_, -1), error_);
  return error_;
}

namespace {

int remove_entry(int dir, const std::string& name);

int remove_contents(int folder, unsigned threads) {
  const std::vector<std::string> names = folder_entries(folder);
  int first = 0;
  if (threads > 1 && names.size() > 1) {
    std::vector<int> errors(names.size(), 0);
    std::vector<std::thread> pool;
    for (std::size_t i = 0; i < names.size(); ++i)
      pool.emplace_back([&, i] { errors[i] = remove_entry(folder, names[i]); });
    for (auto& t : pool) t.join();
    for (int e : errors)
      if (e && !first) first = e;
    return first;
  }
  for (const auto& n : names)
    if (const int e = remove_entry(folder, n); e && !first) first = e;
  return first;
}

int remove_folder(int dir, const std::string& name, unsigned threads) {
  int first = 0;
  {
    const Fd sub = open_folder_at(dir, name);  // O_NOFOLLOW: a link swapped in meanwhile fails here
    if (!sub) return errno;
    first = remove_contents(sub.get(), threads);
  }
  if (::unlinkat(dir, name.c_str(), AT_REMOVEDIR) != 0 && !first) first = errno;
  return first;
}

// A file or link is unlinked without a stat; unlinkat says EISDIR for a folder.
int remove_entry(int dir, const std::string& name) {
  if (::unlinkat(dir, name.c_str(), 0) == 0) return 0;
  if (errno == ENOENT) return 0;
  if (errno != EISDIR && errno != EPERM) return errno;
  return remove_folder(dir, name, 1);
}

}  // namespace

int remove_tree_at(int dir, const std::string& name, unsigned threads) {
  switch (entry_kind(dir, name)) {
    case EntryKind::missing: return 0;
    case EntryKind::folder: return remove_folder(dir, name, threads);
    default: return ::unlinkat(dir, name.c_str(), 0) == 0 ? 0 : errno;
  }
}

bool is_marked_or_empty_folder_at(int dir, const std::string& name, std::string_view marker) {
  if (entry_kind(dir, name) != EntryKind::folder) return false;
  const Fd sub = open_folder_at(dir, name);
  if (!sub) return false;
  return entry_kind(sub.get(), std::string{marker}) == EntryKind::file || folder_entries(sub.get()).empty();
}

}  // namespace sitrep

namespace sitrep {

std::optional<FileIdentity> file_identity_at(int dir, const std::string& relative) {
  struct stat st {};
  if (::fstatat(dir, relative.c_str(), &st, AT_SYMLINK_NOFOLLOW) != 0 || !S_ISREG(st.st_mode)) return std::nullopt;
  // ctime, not mtime: a tool that edits a page and puts its mtime back
  // (touch -r, rsync -t) still changes it.
  return FileIdentity{static_cast<unsigned long long>(st.st_dev), static_cast<unsigned long long>(st.st_ino),
                      static_cast<unsigned long long>(st.st_size),
                      static_cast<long long>(st.st_ctim.tv_sec) * 1000000000LL + st.st_ctim.tv_nsec};
}

int read_file_at(int dir, const std::string& relative, std::string& bytes) {
  const int fd = ::openat(dir, relative.c_str(), O_RDONLY | O_NOFOLLOW | O_CLOEXEC);
  if (fd < 0) return errno;
  bytes.clear();
  char buffer[1 << 16];
  int error = 0;
  for (;;) {
    const ssize_t n = ::read(fd, buffer, sizeof buffer);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) error = errno;
    if (n <= 0) break;
    bytes.append(buffer, static_cast<std::size_t>(n));
  }
  ::close(fd);
  return error;
}

int link_or_copy_at(int from, int to, const std::string& relative) {
  if (::linkat(from, relative.c_str(), to, relative.c_str(), 0) == 0) return 0;
  // Missing, or already there: a copy would fail the same way. Anything
  // else (EXDEV, EPERM, EMLINK, ENOTSUP, ENOSYS on some FUSE file systems):
  // the file system will not link, so copy.
  const int refused = errno;
  if (refused == ENOENT || refused == EEXIST) return refused;
  std::string bytes;
  if (const int e = read_file_at(from, relative, bytes)) return e;
  return write_new_file_at(to, relative, bytes);
}

}  // namespace sitrep
