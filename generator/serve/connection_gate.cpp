#include "serve/connection_gate.h"

#include <sys/epoll.h>
#include <sys/eventfd.h>
#include <sys/socket.h>
#include <unistd.h>

#include <array>
#include <cerrno>
#include <stdexcept>
#include <string_view>

namespace sitrep {
namespace {

// How often deadlines are looked at: the timeouts are seconds, so a tenth
// of one is precise enough and costs nothing while idle.
constexpr int k_tick_ms = 100;

}  // namespace

ConnectionGate::ConnectionGate(const ServeLimits& limits, std::function<void(Ready)> on_ready)
    : limits_(limits), on_ready_(std::move(on_ready)), peek_buffer_(limits.max_head_bytes) {
  epoll_fd_ = epoll_create1(EPOLL_CLOEXEC);
  wake_fd_ = eventfd(0, EFD_CLOEXEC | EFD_NONBLOCK);
  if (epoll_fd_ < 0 || wake_fd_ < 0) throw std::runtime_error("cannot create the preview's connection gate");
  epoll_event ev{};
  ev.events = EPOLLIN;
  ev.data.fd = wake_fd_;
  epoll_ctl(epoll_fd_, EPOLL_CTL_ADD, wake_fd_, &ev);
  thread_ = std::thread([this] { run(); });
}

ConnectionGate::~ConnectionGate() {
  stop();
  ::close(epoll_fd_);
  ::close(wake_fd_);
}

void ConnectionGate::admit(int fd, std::size_t served) {
  const auto now = Clock::now();
  std::lock_guard lock(mutex_);
  add_locked(fd, Entry{now, now + limits_.head_timeout, served, false});
}

void ConnectionGate::close_gracefully(int fd) {
  // The answer is already in the socket's buffer; FIN follows it.
  ::shutdown(fd, SHUT_WR);
  const auto now = Clock::now();
  std::lock_guard lock(mutex_);
  add_locked(fd, Entry{now, now + limits_.linger_timeout, 0, true});
}

void ConnectionGate::stop() {
  if (stopping_.exchange(true)) return;
  const std::uint64_t one = 1;
  [[maybe_unused]] const auto n = ::write(wake_fd_, &one, sizeof one);
  thread_.join();
  std::lock_guard lock(mutex_);
  for (const auto& [fd, entry] : entries_) ::close(fd);
  entries_.clear();
  stopped_ = true;
}

void ConnectionGate::add_locked(int fd, Entry entry) {
  if (stopped_) {
    ::close(fd);
    return;
  }
  if (entries_.size() >= limits_.max_waiting) {
    // Full: the connection waiting the longest goes. A real client sends
    // its head at once, so what has waited longest is the likeliest stuck.
    auto oldest = entries_.begin();
    for (auto it = entries_.begin(); it != entries_.end(); ++it)
      if (it->second.since < oldest->second.since) oldest = it;
    close_locked(oldest->first);
  }
  entries_[fd] = entry;
  // Edge-triggered: woken when more bytes arrive, not for as long as some
  // wait unread. A connection that already holds a whole head is reported
  // at once.
  epoll_event ev{};
  ev.events = EPOLLIN | EPOLLRDHUP | EPOLLET;
  ev.data.fd = fd;
  if (epoll_ctl(epoll_fd_, EPOLL_CTL_ADD, fd, &ev) != 0) {
    entries_.erase(fd);
    ::close(fd);
  }
}

void ConnectionGate::close_locked(int fd) {
  epoll_ctl(epoll_fd_, EPOLL_CTL_DEL, fd, nullptr);
  ::close(fd);
  entries_.erase(fd);
}

bool ConnectionGate::inspect_locked(int fd, bool peer_closed, std::vector<Ready>& ready) {
  const ssize_t n = ::recv(fd, peek_buffer_.data(), peek_buffer_.size(), MSG_PEEK | MSG_DONTWAIT);
  if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK || errno == EINTR)) return false;
  if (n <= 0) {  // gone, or an error
    close_locked(fd);
    return true;
  }
  const std::string_view seen(peek_buffer_.data(), static_cast<std::size_t>(n));
  const auto blank = seen.find("\r\n\r\n");
  Ready r;
  r.fd = fd;
  r.served = entries_[fd].served;
  if (blank != std::string_view::npos) {
    r.head_bytes = blank + 4;
  } else if (seen.size() >= limits_.max_head_bytes) {
    r.head_bytes = limits_.max_head_bytes;
    r.head_too_long = true;
  } else {
    if (peer_closed) close_locked(fd);  // the client finished sending without ending its head
    return peer_closed;
  }
  epoll_ctl(epoll_fd_, EPOLL_CTL_DEL, fd, nullptr);
  entries_.erase(fd);
  ready.push_back(r);
  return true;
}

bool ConnectionGate::drain_locked(int fd) {
  std::array<char, 16384> sink;
  // Bounded per wake-up so one fast sender cannot hold the gate; the
  // linger deadline ends it either way.
  for (int i = 0; i < 64; ++i) {
    const ssize_t n = ::recv(fd, sink.data(), sink.size(), MSG_DONTWAIT);
    if (n > 0) continue;
    if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK || errno == EINTR)) return false;
    close_locked(fd);  // the client closed its side: done
    return true;
  }
  return false;
}

void ConnectionGate::run() {
  std::array<epoll_event, 64> events;
  std::vector<Ready> ready;
  auto next_sweep = Clock::now();
  while (!stopping_) {
    const int n = epoll_wait(epoll_fd_, events.data(), static_cast<int>(events.size()), k_tick_ms);
    ready.clear();
    {
      std::lock_guard lock(mutex_);
      for (int i = 0; i < n; ++i) {
        const int fd = events[i].data.fd;
        if (fd == wake_fd_) continue;
        const auto it = entries_.find(fd);
        if (it == entries_.end()) continue;
        const bool peer_closed = (events[i].events & (EPOLLRDHUP | EPOLLHUP | EPOLLERR)) != 0;
        if (it->second.lingering) drain_locked(fd);
        else inspect_locked(fd, peer_closed, ready);
      }
      const auto now = Clock::now();
      if (now >= next_sweep) {
        next_sweep = now + std::chrono::milliseconds(k_tick_ms);
        std::vector<int> expired;
        for (const auto& [fd, entry] : entries_)
          if (entry.deadline <= now) expired.push_back(fd);
        for (const int fd : expired) close_locked(fd);
      }
    }
    for (const auto& r : ready) on_ready_(r);
  }
}

}  // namespace sitrep
