#pragma once
// How much of the preview's threads, time and memory one client may take.
// The preview listens on loopback, but every page open in the developer's
// browser can talk to it, and a stuck or hostile client must never make the
// next request wait. docs/serve.md explains each number.
#include <chrono>
#include <cstddef>

namespace sitrep {

struct ServeLimits {
  // Request line and headers together. A longer head is cut here and gets
  // 414 (request line over 8 KiB, cpp-httplib's limit) or 400. nginx's
  // default is 4 x 8 KiB.
  std::size_t max_head_bytes = 32 * 1024;
  // A connection must deliver a whole request head within this time of
  // opening or of its previous response, or it is closed: half-sent and
  // trickled requests, and idle keep-alive connections. Costs no thread.
  std::chrono::milliseconds head_timeout{10'000};
  // Connections waiting for a head at once; past this the one waiting the
  // longest is closed. Kept well below FD_SETSIZE (1024): cpp-httplib
  // answers 500 on a socket numbered above it.
  std::size_t max_waiting = 512;
  // Threads answering requests whose head has arrived; a page comes from
  // memory in well under a millisecond.
  std::size_t workers = 8;
  // Live-reload streams open at once, each holding a thread of its own
  // (beside `workers`). One per open tab; more get a retry hint.
  std::size_t max_streams = 32;
  // When a stream over `max_streams` is told to come back.
  std::chrono::milliseconds stream_retry{10'000};
  // A live-reload stream ends after this and the browser reconnects at once
  // (with the same ?since=, so no reload is lost): a tab that vanished
  // without closing its connection frees its slot.
  std::chrono::milliseconds stream_lifetime{45'000};
  // Each write of a response must make progress within this...
  std::chrono::milliseconds write_timeout{5'000};
  // ...and the whole response must be written within this.
  std::chrono::milliseconds response_timeout{60'000};
  // A connection closed while its client may still be sending is drained
  // for up to this long, so the client reads the answer, not a reset.
  std::chrono::milliseconds linger_timeout{2'000};
  // Requests answered on one connection before it is closed.
  std::size_t max_requests_per_connection = 100;
  // Pending connections the kernel queues before accept (cpp-httplib's
  // own is 5, which drops connections in a burst of a few dozen).
  int listen_backlog = 512;
  // Stack of each answering thread. cpp-httplib matches routes and Range
  // headers with std::regex, whose libstdc++ matcher recurses once per
  // character: an 8 KiB path needs about 4 MiB, more than the 2 MiB a
  // thread gets under `ulimit -s unlimited`.
  std::size_t worker_stack_bytes = 16u << 20;
};

}  // namespace sitrep
