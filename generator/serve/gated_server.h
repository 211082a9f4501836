#pragma once
// cpp-httplib's Server with its connection handling bounded. Out of the box
// it gives each connection a pool thread from accept to close, so a hundred
// half-sent requests, clients trickling a byte a second (which restarts the
// read timeout each time) or open live-reload streams leave the next request
// queued behind them. Here:
//   - accepted connections wait in a ConnectionGate, on no thread, until
//     their request head has arrived (or head_timeout closes them);
//   - a worker then reads that head into memory and has httplib answer it
//     (Server::process_request: parsing, routing and writing stay
//     httplib's), with a deadline on every write, and gives the connection
//     back to the gate for its next request;
//   - the pool has `workers + max_streams` threads, so the capped
//     live-reload streams can never take the threads pages need.
// Only requests without a body are served: reading past the head sees the
// end of input, and a request that announces a body (Content-Length other
// than 0, Transfer-Encoding) has its connection closed after the answer.
#include <httplib.h>

#include <string>

#include "serve/connection_gate.h"
#include "serve/limits.h"
#include "serve/worker_pool.h"

namespace sitrep {

class GatedServer : public httplib::Server {
 public:
  explicit GatedServer(const ServeLimits& limits);
  ~GatedServer() override;

  // bind_to_port with the listen backlog of the limits.
  bool bind(const std::string& host, int port);
  // After listen_after_bind has returned (stop()): closes every connection
  // and waits for the workers. Wake anything a handler waits on first.
  void finish();

 protected:
  bool process_and_close_socket(socket_t sock) override;

 private:
  void answer(const ConnectionGate::Ready& ready);

  const ServeLimits limits_;
  WorkerPool workers_;
  ConnectionGate gate_;
};

}  // namespace sitrep
