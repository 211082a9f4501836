#include "serve/server.h"

#include <cstdio>
#include <httplib.h>
#include <signal.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <memory>
#include <mutex>
#include <ostream>
#include <set>
#include <thread>

#include "load/load_site.h"
#include "serve/gated_server.h"
#include "serve/host_check.h"
#include "serve/limits.h"
#include "serve/preview.h"
#include "serve/watcher.h"

namespace sitrep {
namespace {

constexpr int k_default_port = 1313;
constexpr int k_ports_to_try = 20;

// Reloads the page when the server says the site changed (Server-Sent Events).
constexpr const char* k_reload_js = R"(// sitrep preview: reload when the site is rebuilt.
(function () {
  var v = (document.currentScript && new URL(document.currentScript.src).searchParams.get('v')) || '0';
  var source = new EventSource('/_sitrep/events?since=' + v);
  source.onmessage = function (e) { if (e.data === 'reload') { source.close(); location.reload(); } };
})();
)";

using Clock = std::chrono::steady_clock;
using std::chrono::milliseconds;

constexpr const char* k_allow = "GET, HEAD, OPTIONS";
constexpr const char* k_plain = "text/plain; charset=utf-8";

// Live-reload streams open at once: each holds a worker thread while open.
class StreamSlots {
 public:
  explicit StreamSlots(std::size_t max) : max_(max) {}
  bool try_acquire() {
    std::size_t n = used_.load();
    do {
      if (n >= max_) return false;
    } while (!used_.compare_exchange_weak(n, n + 1));
    return true;
  }
  void release() { --used_; }

 private:
  const std::size_t max_;
  std::atomic<std::size_t> used_{0};
};

std::string reason(int status) {
  switch (status) {
    case 400: return "Bad Request";
    case 403: return "Forbidden";
    case 404: return "Not Found";
    case 405: return "Method Not Allowed";
    case 413: return "Content Too Large";
    case 414: return "URI Too Long";
    case 416: return "Range Not Satisfiable";
    case 431: return "Request Header Fields Too Large";
    default: return "Error";
  }
}

// httplib refuses a method it does not know (PROPFIND, get, ...) with 400
// before any handler runs; it is a well-formed request for a method this
// server does not support.
bool is_unknown_method(const httplib::Request& req) {
  static const std::set<std::string> known = {"GET",     "HEAD",    "POST",  "PUT",   "DELETE",
                                              "CONNECT", "OPTIONS", "TRACE", "PATCH", "PRI"};
  const auto is_tchar = [](char c) {
    return std::isalnum(static_cast<unsigned char>(c)) || std::strchr("!#$%&'*+-.^_`|~", c) != nullptr;
  };
  return !req.method.empty() && std::all_of(req.method.begin(), req.method.end(), is_tchar) &&
         !known.count(req.method) && !req.target.empty() && (req.version == "HTTP/1.1" || req.version == "HTTP/1.0");
}

// Before any route: the Host header (DNS rebinding) and the method.
void add_guards(httplib::Server& server, const std::string& bind) {
  server.set_pre_routing_handler([bind](const httplib::Request& req, httplib::Response& res) {
    const auto refuse = [&](int status, const char* text) {
      res.status = status;
      res.set_content(text, k_plain);
      return httplib::Server::HandlerResponse::Handled;
    };
    if (req.get_header_value_count("Host") != 1)
      return refuse(400, "sitrep serve: a request needs exactly one Host header\n");
    if (!is_allowed_host(req.get_header_value("Host"), bind))
      return refuse(403, "sitrep serve: this preview answers only to localhost, 127.0.0.1, [::1] and the address "
                         "given to --bind (a defence against DNS rebinding, see docs/serve.md)\n");
    if (req.method != "GET" && req.method != "HEAD" && req.method != "OPTIONS") {
      res.set_header("Allow", k_allow);
      return refuse(405, "sitrep serve: the preview is read-only (GET, HEAD, OPTIONS)\n");
    }
    return httplib::Server::HandlerResponse::Unhandled;
  });
  server.set_error_handler([](const httplib::Request& req, httplib::Response& res) {
    if (res.status == 400 && is_unknown_method(req)) {
      res.status = 405;
      res.set_header("Allow", k_allow);
    }
    if (res.body.empty()) res.set_content(std::to_string(res.status) + " " + reason(res.status) + "\n", k_plain);
  });
  // A response is never read as another type than it says.
  server.set_default_headers({{"X-Content-Type-Options", "nosniff"}});
}

void add_routes(httplib::Server& server, Preview& preview, StreamSlots& streams, const ServeLimits& limits) {
  server.Get("/_sitrep/reload.js", [](const httplib::Request&, httplib::Response& res) {
    res.set_content(k_reload_js, "text/javascript; charset=utf-8");
    res.set_header("Cache-Control", "no-store");
  });
  server.Get("/_sitrep/events", [&preview, &streams, limits](const httplib::Request& req, httplib::Response& res) {
    const std::uint64_t since = req.has_param("since") ? std::strtoull(req.get_param_value("since").c_str(), nullptr, 10) : 0;
    res.set_header("Cache-Control", "no-store");
    if (!streams.try_acquire()) {
      // EventSource reconnects when a stream ends, after `retry` ms; the
      // page's ?since= makes the next stream report a rebuild made meanwhile.
      res.set_content("retry: " + std::to_string(limits.stream_retry.count()) +
                          "\n: too many live-reload streams are open; come back later\n\n",
                      "text/event-stream");
      return;
    }
    const auto end = Clock::now() + limits.stream_lifetime;
    res.set_chunked_content_provider(
        "text/event-stream",
        [&preview, since, end](std::size_t, httplib::DataSink& sink) {
          const auto left = std::chrono::duration_cast<milliseconds>(end - Clock::now());
          if (left.count() <= 0) {  // the browser reconnects in half a second, same ?since=
            const std::string bye = "retry: 500\n\n";
            sink.write(bye.data(), bye.size());
            sink.done();
            return true;
          }
          const std::uint64_t now = preview.wait_for_change(since, std::min<milliseconds>(left, std::chrono::seconds(15)));
          if (now > since) {
            const std::string msg = "data: reload\n\n";
            sink.write(msg.data(), msg.size());
            sink.done();
            return true;
          }
          const std::string keepalive = ": keep-alive\n\n";
          return sink.write(keepalive.data(), keepalive.size());
        },
        [&streams](bool) { streams.release(); });
  });
  server.Get(R"([\s\S]*)", [&preview](const httplib::Request& req, httplib::Response& res) {
    const PreviewResponse r = preview.get(req.path);
    // httplib answers a Range it sliced with 206 only when the status is left unset.
    if (r.status != 200) res.status = r.status;
    if (r.retry_after > 0) res.set_header("Retry-After", std::to_string(r.retry_after));
    res.set_content(r.body, r.content_type);
    res.set_header("Cache-Control", "no-store");
    if (req.path.rfind("/api/", 0) == 0) res.set_header("Access-Control-Allow-Origin", "*");
    // The internal reports may not be embedded by another origin either.
    if (req.path.rfind("/_internal/", 0) == 0) res.set_header("Cross-Origin-Resource-Policy", "same-origin");
  });
  // A browser asks before a cross-origin request with custom headers; the
  // API is read-only, so it allows GET and HEAD from anywhere.
  server.Options(R"(/api/.*)", [](const httplib::Request&, httplib::Response& res) {
    res.status = 204;
    res.set_header("Allow", k_allow);
    res.set_header("Access-Control-Allow-Origin", "*");
    res.set_header("Access-Control-Allow-Methods", "GET, HEAD, OPTIONS");
    res.set_header("Access-Control-Allow-Headers", "*");
    res.set_header("Access-Control-Max-Age", "86400");
  });
  server.Options(R"([\s\S]*)", [](const httplib::Request&, httplib::Response& res) {
    res.status = 204;
    res.set_header("Allow", k_allow);
  });
}

}  // namespace

int serve(const ServeOptions& options, std::ostream& out, std::ostream& err) {
  // Ctrl-C and SIGTERM are taken by one thread that stops the server cleanly.
  sigset_t signals;
  sigemptyset(&signals);
  sigaddset(&signals, SIGINT);
  sigaddset(&signals, SIGTERM);
  pthread_sigmask(SIG_BLOCK, &signals, nullptr);

  // The server listens before the first build, which runs on the watch
  // thread: until it is done, pages come from the last build on disk or
  // are a "building" page (Preview::get).
  Preview preview(options.root, options.fixed_now, load_cache_file(options.root, options.cache));

  const ServeLimits limits;
  GatedServer server(limits);
  StreamSlots streams(limits.max_streams);
  add_guards(server, options.bind);
  add_routes(server, preview, streams, limits);
  // httplib's default sets SO_REUSEPORT, which lets a second server share the
  // port silently; SO_REUSEADDR alone makes a taken port an error.
  server.set_socket_options([](socket_t sock) {
    int yes = 1;
    setsockopt(sock, SOL_SOCKET, SO_REUSEADDR, &yes, sizeof yes);
  });

  int port = options.port;
  if (port != 0) {
    if (!server.bind(options.bind, port)) {
      err << "sitrep serve: cannot listen on " << options.bind << ":" << port
          << " (is another server, perhaps another 'sitrep serve', using it?)\n";
      return 2;
    }
  } else {
    for (port = k_default_port; port < k_default_port + k_ports_to_try; ++port)
      if (server.bind(options.bind, port)) break;
    if (port == k_default_port + k_ports_to_try) {
      err << "sitrep serve: ports " << k_default_port << "-" << port - 1 << " are all in use; pick one with --port\n";
      return 2;
    }
  }
  if (options.bind != "127.0.0.1" && options.bind != "localhost" && options.bind != "::1")
    err << "sitrep serve: warning: listening on " << options.bind
        << ", so other machines can reach this preview, internal reports included; it answers requests naming "
        << (options.bind == "0.0.0.0" || options.bind == "::" ? "an IP address" : options.bind)
        << " or a loopback name (docs/serve.md)\n";
  const std::string shown = options.bind == "0.0.0.0" || options.bind == "::" ? "127.0.0.1"
                           : options.bind.find(':') != std::string::npos ? "[" + options.bind + "]"
                                                                         : options.bind;
  out << "sitrep serve: http://" << shown << ":" << port
      << "/  (internal reports at /_internal/; Ctrl-C to stop)" << std::endl;

  // Content and schemas are watched before the first build, so an edit
  // made while it runs (seconds at 10 000 incidents; the tests write right
  // after the first page is up) waits in the inotify queue and is rebuilt
  // after it. Which theme folder to watch comes from site.toml, read by
  // the first build; it is added once that build is done.
  std::mutex watcher_mutex;
  std::unique_ptr<Watcher> watcher =
      std::make_unique<Watcher>(std::vector<std::string>{options.root + "/content", options.root + "/schemas"});
  bool stopping = false;
  std::thread watch_thread([&] {
    const std::string first_errors = preview.rebuild();
    if (!first_errors.empty()) err << first_errors;
    else if (!options.quiet) out << "sitrep serve: first build done in " << preview.last_rebuild_summary() << std::endl;
    {
      const std::lock_guard lock(watcher_mutex);
      if (stopping) return;
      watcher->watch(options.root + "/" + preview.themes_dir());
    }
    watcher->run([&](const std::vector<std::string>& changed) {
      if (!options.quiet) out << "sitrep serve: change in " << changed.front() << "; rebuilding" << std::endl;
      // One clock for both steps: the pages shown first are the rebuild's.
      const TimePoint now = preview.clock();
      if (preview.show_edited_incident(changed, now) && !options.quiet) {
        const QuickStats quick = preview.last_quick();
        char ms[32];
        std::snprintf(ms, sizeof ms, "%.1f", quick.ms);
        out << "sitrep serve: " << quick.incident_id << " shown in " << ms << " ms (its " << quick.pages
            << " pages); rebuilding the rest" << std::endl;
      }
      const std::string errors = preview.rebuild_at(now);
      if (!errors.empty()) err << errors;
      else if (!options.quiet) out << "sitrep serve: rebuilt in " << preview.last_rebuild_summary() << std::endl;
      if (options.verbose)
        for (const auto& [phase, ms] : preview.last_rebuild().phases)
          out << "sitrep serve:   " << phase << " " << static_cast<long>(ms) << " ms" << std::endl;
    });
  });
  std::thread signal_thread([&] {
    int sig = 0;
    sigwait(&signals, &sig);
    server.stop();
  });

  server.listen_after_bind();
  preview.close_waits();  // live-reload streams end now
  server.finish();
  {
    const std::lock_guard lock(watcher_mutex);
    stopping = true;
    if (watcher) watcher->stop();
  }
  watch_thread.join();
  pthread_kill(signal_thread.native_handle(), SIGTERM);  // wakes sigwait if the server stopped otherwise
  signal_thread.join();
  out << "sitrep serve: stopped" << std::endl;
  return 0;
}

}  // namespace sitrep
