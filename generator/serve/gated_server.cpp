#include "serve/gated_server.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <chrono>

namespace sitrep {
namespace {

using Clock = std::chrono::steady_clock;

// httplib hands each accepted socket to its task queue; running the task at
// once, on the accepting thread, only passes the socket to the gate.
class HandOver : public httplib::TaskQueue {
 public:
  void enqueue(std::function<void()> fn) override { fn(); }
  void shutdown() override {}
};

void address_of(const sockaddr_storage& addr, std::string& ip, int& port) {
  char text[INET6_ADDRSTRLEN] = {};
  if (addr.ss_family == AF_INET) {
    const auto& a = reinterpret_cast<const sockaddr_in&>(addr);
    inet_ntop(AF_INET, &a.sin_addr, text, sizeof text);
    port = ntohs(a.sin_port);
  } else if (addr.ss_family == AF_INET6) {
    const auto& a = reinterpret_cast<const sockaddr_in6&>(addr);
    inet_ntop(AF_INET6, &a.sin6_addr, text, sizeof text);
    port = ntohs(a.sin6_port);
  }
  ip = text;
}

// One request as httplib sees it: the head, already read, then the end of
// input; writes with a deadline for each and one for the whole answer.
class HeadStream : public httplib::Stream {
 public:
  HeadStream(int fd, std::string head, const ServeLimits& limits)
      : fd_(fd),
        head_(std::move(head)),
        write_timeout_(limits.write_timeout),
        deadline_(Clock::now() + limits.response_timeout) {}

  bool read_whole_head() const { return offset_ == head_.size(); }

  bool is_readable() const override { return offset_ < head_.size(); }
  bool is_writable() const override {
    pollfd p{fd_, POLLOUT, 0};
    return ::poll(&p, 1, 0) == 1 && (p.revents & (POLLERR | POLLHUP)) == 0;
  }
  ssize_t read(char* ptr, std::size_t size) override {
    const std::size_t n = std::min(size, head_.size() - offset_);
    std::copy_n(head_.data() + offset_, n, ptr);
    offset_ += n;
    return static_cast<ssize_t>(n);
  }
  ssize_t write(const char* ptr, std::size_t size) override {
    const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline_ - Clock::now());
    if (left.count() <= 0) return -1;
    pollfd p{fd_, POLLOUT, 0};
    if (::poll(&p, 1, static_cast<int>(std::min(left, write_timeout_).count())) != 1 || (p.revents & POLLERR))
      return -1;
    const ssize_t n = ::send(fd_, ptr, size, MSG_NOSIGNAL | MSG_DONTWAIT);
    if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK || errno == EINTR)) return 0;  // httplib writes again
    return n;
  }
  void get_remote_ip_and_port(std::string& ip, int& port) const override {
    sockaddr_storage addr{};
    socklen_t len = sizeof addr;
    if (getpeername(fd_, reinterpret_cast<sockaddr*>(&addr), &len) == 0) address_of(addr, ip, port);
  }
  void get_local_ip_and_port(std::string& ip, int& port) const override {
    sockaddr_storage addr{};
    socklen_t len = sizeof addr;
    if (getsockname(fd_, reinterpret_cast<sockaddr*>(&addr), &len) == 0) address_of(addr, ip, port);
  }
  socket_t socket() const override { return fd_; }

 private:
  int fd_;
  std::string head_;
  std::size_t offset_ = 0;
  std::chrono::milliseconds write_timeout_;
  Clock::time_point deadline_;
};

// Takes the head the gate saw (it is in the socket's buffer already).
bool read_head(int fd, std::string& head) {
  std::size_t got = 0;
  while (got < head.size()) {
    const ssize_t n = ::recv(fd, head.data() + got, head.size() - got, MSG_DONTWAIT);
    if (n > 0) {
      got += static_cast<std::size_t>(n);
    } else if (n < 0 && (errno == EAGAIN || errno == EINTR)) {
      pollfd p{fd, POLLIN, 0};
      if (::poll(&p, 1, 1000) != 1) return false;
    } else {
      return false;
    }
  }
  return true;
}

bool announces_body(const httplib::Request& req) {
  if (req.has_header("Transfer-Encoding")) return true;
  const std::string length = req.get_header_value("Content-Length");
  return !std::all_of(length.begin(), length.end(), [](char c) { return c == '0'; });
}

}  // namespace

GatedServer::GatedServer(const ServeLimits& limits)
    : limits_(limits),
      workers_(limits.workers + limits.max_streams, limits.worker_stack_bytes),
      gate_(limits, [this](ConnectionGate::Ready r) { workers_.enqueue([this, r] { answer(r); }); }) {
  new_task_queue = [] { return new HandOver; };
  // What the Keep-Alive header announces; the gate enforces both.
  set_keep_alive_timeout(std::chrono::duration_cast<std::chrono::seconds>(limits.head_timeout).count());
  set_keep_alive_max_count(limits.max_requests_per_connection);
}

GatedServer::~GatedServer() { finish(); }

bool GatedServer::bind(const std::string& host, int port) {
  if (!bind_to_port(host, port)) return false;
  // Listening again on a listening socket only changes its backlog.
  ::listen(svr_sock_, limits_.listen_backlog);
  return true;
}

void GatedServer::finish() {
  gate_.stop();
  workers_.shutdown();
}

bool GatedServer::process_and_close_socket(socket_t sock) {
  gate_.admit(sock);
  return true;
}

void GatedServer::answer(const ConnectionGate::Ready& ready) {
  std::string head(ready.head_bytes, '\0');
  if (!read_head(ready.fd, head)) {
    ::close(ready.fd);
    return;
  }
  HeadStream stream(ready.fd, std::move(head), limits_);
  const bool last = ready.served + 1 >= limits_.max_requests_per_connection;
  bool close_after = ready.head_too_long;
  bool client_closes = false;
  const bool ok = process_request(stream, last, client_closes, [&](httplib::Request& req) {
    // The body is never read, so its bytes would be taken for the next request.
    if (announces_body(req)) close_after = true;
    // Several ranges of one answer can repeat it thousands of times over
    // (the amplification of CVE-2011-3192); such a request gets it whole.
    if (req.ranges.size() > 1) req.ranges.clear();
  });
  // A head httplib did not read to its end was refused part-way (400, ...).
  if (ok && !last && !client_closes && !close_after && stream.read_whole_head())
    gate_.admit(ready.fd, ready.served + 1);
  else
    gate_.close_gracefully(ready.fd);
}

}  // namespace sitrep
