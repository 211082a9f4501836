#pragma once
// Holds the preview's connections on one thread (epoll) until a whole
// request head has arrived, then hands each on. A connection that is slow,
// half-sent or idle between requests costs a file descriptor and no thread,
// and is closed when ServeLimits::head_timeout passes. The gate only looks
// for the blank line that ends a head (peeking, so nothing is consumed);
// parsing the request is cpp-httplib's (serve/gated_server.h).
#include <atomic>
#include <chrono>
#include <cstddef>
#include <functional>
#include <mutex>
#include <thread>
#include <unordered_map>
#include <vector>

#include "serve/limits.h"

namespace sitrep {

class ConnectionGate {
 public:
  struct Ready {
    int fd = -1;
    std::size_t head_bytes = 0;  // up to and including the blank line
    bool head_too_long = false;  // no blank line within max_head_bytes: head_bytes is that limit
    std::size_t served = 0;      // requests already answered on this connection
  };

  // `on_ready` runs on the gate's thread and must not block.
  ConnectionGate(const ServeLimits& limits, std::function<void(Ready)> on_ready);
  ~ConnectionGate();
  ConnectionGate(const ConnectionGate&) = delete;
  ConnectionGate& operator=(const ConnectionGate&) = delete;

  // Takes `fd` (accepted, or back after a response) until its next head.
  void admit(int fd, std::size_t served = 0);
  // Closes `fd` once its client has stopped sending (or linger_timeout
  // passes), so an answer sent before unread input is not lost to a reset.
  void close_gracefully(int fd);
  // Closes every connection it holds; later ones are closed at once.
  void stop();

 private:
  using Clock = std::chrono::steady_clock;
  struct Entry {
    Clock::time_point since;
    Clock::time_point deadline;
    std::size_t served = 0;
    bool lingering = false;
  };

  void run();
  void add_locked(int fd, Entry entry);
  void close_locked(int fd);
  // Peeks at a waiting connection; true when it left the gate.
  bool inspect_locked(int fd, bool peer_closed, std::vector<Ready>& ready);
  bool drain_locked(int fd);

  const ServeLimits limits_;
  const std::function<void(Ready)> on_ready_;
  int epoll_fd_ = -1;
  int wake_fd_ = -1;
  std::mutex mutex_;
  std::unordered_map<int, Entry> entries_;
  std::vector<char> peek_buffer_;
  std::atomic<bool> stopping_{false};
  bool stopped_ = false;  // under mutex_
  std::thread thread_;
};

}  // namespace sitrep
