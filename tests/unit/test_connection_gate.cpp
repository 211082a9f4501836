// ConnectionGate over socket pairs: a connection leaves the gate when its
// head is whole (or too long), and is closed when it waits too long, when
// the client goes away half-way, or when the gate is full.
#include <doctest/doctest.h>
#include <sys/socket.h>
#include <unistd.h>

#include <chrono>
#include <condition_variable>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "serve/connection_gate.h"

using namespace sitrep;
using namespace std::chrono_literals;

namespace {

struct Pair {
  int client = -1, server = -1;
  Pair() {
    int fds[2];
    REQUIRE(socketpair(AF_UNIX, SOCK_STREAM, 0, fds) == 0);
    client = fds[0];
    server = fds[1];
  }
  ~Pair() { ::close(client); }
  void send(const std::string& s) const { REQUIRE(::send(client, s.data(), s.size(), MSG_NOSIGNAL) == (ssize_t)s.size()); }
  // The gate closed its end: reading sees end of input (or a reset).
  bool closed_by_server(std::chrono::milliseconds within) const {
    const auto end = std::chrono::steady_clock::now() + within;
    while (std::chrono::steady_clock::now() < end) {
      char c;
      const ssize_t n = ::recv(client, &c, 1, MSG_DONTWAIT | MSG_PEEK);
      if (n == 0 || (n < 0 && errno != EAGAIN)) return true;
      std::this_thread::sleep_for(10ms);
    }
    return false;
  }
};

struct Collected {
  std::mutex m;
  std::condition_variable cv;
  std::vector<ConnectionGate::Ready> ready;
  void add(ConnectionGate::Ready r) {
    std::lock_guard l(m);
    ready.push_back(r);
    cv.notify_all();
  }
  bool wait_for(std::size_t n, std::chrono::milliseconds within) {
    std::unique_lock l(m);
    return cv.wait_for(l, within, [&] { return ready.size() >= n; });
  }
};

ServeLimits small_limits() {
  ServeLimits l;
  l.max_head_bytes = 64;
  l.head_timeout = 400ms;
  l.linger_timeout = 300ms;
  l.max_waiting = 3;
  return l;
}

}  // namespace

TEST_CASE("a connection leaves the gate when its head is whole, with its length") {
  Collected got;
  ConnectionGate gate(small_limits(), [&](ConnectionGate::Ready r) { got.add(r); });
  Pair p;
  gate.admit(p.server, 4);
  p.send("GET / HTTP/1.1\r\nHost: local");
  CHECK_FALSE(got.wait_for(1, 200ms));
  p.send("host\r\n\r\nGET /next");  // the next request's bytes stay for the next time
  REQUIRE(got.wait_for(1, 1000ms));
  CHECK(got.ready[0].fd == p.server);
  CHECK(got.ready[0].head_bytes == std::string("GET / HTTP/1.1\r\nHost: localhost\r\n\r\n").size());
  CHECK_FALSE(got.ready[0].head_too_long);
  CHECK(got.ready[0].served == 4);
  ::close(p.server);
}

TEST_CASE("a head longer than the limit leaves the gate marked too long") {
  Collected got;
  ConnectionGate gate(small_limits(), [&](ConnectionGate::Ready r) { got.add(r); });
  Pair p;
  gate.admit(p.server);
  p.send("GET /" + std::string(100, 'a'));
  REQUIRE(got.wait_for(1, 1000ms));
  CHECK(got.ready[0].head_too_long);
  CHECK(got.ready[0].head_bytes == 64);
  ::close(p.server);
}

TEST_CASE("half-sent, trickling and silent connections are closed at the head timeout") {
  Collected got;
  ConnectionGate gate(small_limits(), [&](ConnectionGate::Ready r) { got.add(r); });
  Pair silent, half, trickle;
  gate.admit(silent.server);
  gate.admit(half.server);
  gate.admit(trickle.server);
  half.send("GET / HTTP/1.1\r\n");
  const auto start = std::chrono::steady_clock::now();
  for (char c : std::string("GET / HT")) {  // a byte every 100 ms, past the 400 ms limit
    if (trickle.closed_by_server(0ms)) break;
    ::send(trickle.client, &c, 1, MSG_NOSIGNAL);
    std::this_thread::sleep_for(100ms);
  }
  CHECK(silent.closed_by_server(1000ms));
  CHECK(half.closed_by_server(1000ms));
  CHECK(trickle.closed_by_server(1000ms));
  CHECK(std::chrono::steady_clock::now() - start < 1500ms);
  CHECK(got.ready.empty());
}

TEST_CASE("a client that closes after part of a head is closed at once") {
  Collected got;
  ConnectionGate gate(small_limits(), [&](ConnectionGate::Ready r) { got.add(r); });
  Pair p;
  gate.admit(p.server);
  p.send("GET / HTTP/1.1\r\n");
  ::shutdown(p.client, SHUT_WR);
  CHECK(p.closed_by_server(200ms));
  CHECK(got.ready.empty());
}

TEST_CASE("a full gate closes the connection that has waited longest") {
  Collected got;
  ConnectionGate gate(small_limits(), [&](ConnectionGate::Ready r) { got.add(r); });
  Pair a, b, c, d;
  gate.admit(a.server);
  std::this_thread::sleep_for(5ms);
  gate.admit(b.server);
  gate.admit(c.server);
  gate.admit(d.server);  // max_waiting = 3: `a` goes
  CHECK(a.closed_by_server(200ms));
  CHECK_FALSE(b.closed_by_server(50ms));
  d.send("GET / HTTP/1.1\r\n\r\n");
  REQUIRE(got.wait_for(1, 1000ms));
  CHECK(got.ready[0].fd == d.server);
  ::close(d.server);
}

TEST_CASE("closing gracefully lets the client read the answer, then closes") {
  Collected got;
  ConnectionGate gate(small_limits(), [&](ConnectionGate::Ready r) { got.add(r); });
  Pair p;
  p.send("unread body bytes");
  REQUIRE(::send(p.server, "answer", 6, MSG_NOSIGNAL) == 6);
  gate.close_gracefully(p.server);
  char buf[16] = {};
  CHECK(::recv(p.client, buf, sizeof buf, 0) == 6);
  CHECK(std::string(buf) == "answer");
  CHECK(::recv(p.client, buf, sizeof buf, 0) == 0);  // FIN after the answer
  ::close(p.client);
  p.client = -1;
}

TEST_CASE("a stopped gate closes what it holds and whatever comes later") {
  Collected got;
  ConnectionGate gate(small_limits(), [&](ConnectionGate::Ready r) { got.add(r); });
  Pair held, later;
  gate.admit(held.server);
  gate.stop();
  CHECK(held.closed_by_server(200ms));
  gate.admit(later.server);
  CHECK(later.closed_by_server(200ms));
}
