#include "serve/watcher.h"

#include <poll.h>
#include <sys/inotify.h>
#include <unistd.h>

#include <filesystem>

namespace sitrep {
namespace fs = std::filesystem;

namespace {
constexpr std::uint32_t k_mask = IN_CLOSE_WRITE | IN_CREATE | IN_DELETE | IN_MOVED_FROM | IN_MOVED_TO |
                                 IN_DELETE_SELF | IN_MODIFY | IN_ATTRIB;
}

Watcher::Watcher(std::vector<std::string> folders) {
  fd_ = inotify_init1(IN_NONBLOCK | IN_CLOEXEC);
  if (fd_ < 0) return;
  for (const auto& f : folders) add_tree(f);
}

Watcher::~Watcher() {
  if (fd_ >= 0) close(fd_);
}

void Watcher::add_tree(const std::string& folder) {
  std::error_code ec;
  if (!fs::is_directory(folder, ec)) return;
  const auto add = [&](const std::string& dir) {
    const int wd = inotify_add_watch(fd_, dir.c_str(), k_mask);
    if (wd >= 0) watches_.emplace_back(wd, dir);
  };
  add(folder);
  for (fs::recursive_directory_iterator it(folder, fs::directory_options::skip_permission_denied, ec), end;
       !ec && it != end; it.increment(ec)) {
    std::error_code type_ec;
    if (it->is_directory(type_ec) && !it->is_symlink(type_ec)) add(it->path().string());
  }
}

void Watcher::run(const std::function<void(const std::vector<std::string>&)>& on_change) {
  alignas(inotify_event) char buffer[16384];
  std::vector<std::string> changed;
  while (!stopping_) {
    pollfd pfd{fd_, POLLIN, 0};
    // Short timeouts: notice stop() quickly and end a burst 80 ms after its last event.
    const int ready = poll(&pfd, 1, changed.empty() ? 200 : 80);
    if (ready > 0) {
      for (ssize_t n; (n = read(fd_, buffer, sizeof buffer)) > 0;) {
        for (char* p = buffer; p < buffer + n;) {
          const auto* ev = reinterpret_cast<const inotify_event*>(p);
          std::string dir;
          for (const auto& [wd, folder] : watches_)
            if (wd == ev->wd) dir = folder;
          const std::string path = ev->len ? dir + "/" + ev->name : dir;
          if ((ev->mask & IN_CREATE) && (ev->mask & IN_ISDIR)) add_tree(path);
          changed.push_back(path);
          p += sizeof(inotify_event) + ev->len;
        }
      }
    } else if (ready == 0 && !changed.empty()) {
      on_change(changed);
      changed.clear();
    }
  }
}

}  // namespace sitrep
