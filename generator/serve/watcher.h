#pragma once
// Watches folders recursively with inotify and reports that something
// changed (debounced), until stopped.
#include <atomic>
#include <functional>
#include <string>
#include <vector>

namespace sitrep {

class Watcher {
 public:
  explicit Watcher(std::vector<std::string> folders);
  ~Watcher();
  Watcher(const Watcher&) = delete;
  Watcher& operator=(const Watcher&) = delete;

  bool ok() const { return fd_ >= 0; }
  // Calls `on_change(paths)` after each burst of changes, until stop().
  void run(const std::function<void(const std::vector<std::string>&)>& on_change);
  void stop() { stopping_ = true; }
  // Adds a folder (recursively) to those watched; call before run().
  void watch(const std::string& folder) { add_tree(folder); }

 private:
  void add_tree(const std::string& folder);

  int fd_ = -1;
  std::atomic<bool> stopping_{false};
  std::vector<std::pair<int, std::string>> watches_;  // watch descriptor -> folder
};

}  // namespace sitrep
