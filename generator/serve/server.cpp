#include "serve/server.h"

#include <httplib.h>
#include <signal.h>

#include <ostream>
#include <thread>

#include "load/load_site.h"
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

void add_routes(httplib::Server& server, Preview& preview) {
  server.Get("/_sitrep/reload.js", [](const httplib::Request&, httplib::Response& res) {
    res.set_content(k_reload_js, "text/javascript; charset=utf-8");
    res.set_header("Cache-Control", "no-store");
  });
  server.Get("/_sitrep/events", [&preview](const httplib::Request& req, httplib::Response& res) {
    const std::uint64_t since = req.has_param("since") ? std::strtoull(req.get_param_value("since").c_str(), nullptr, 10) : 0;
    res.set_header("Cache-Control", "no-store");
    res.set_chunked_content_provider("text/event-stream", [&preview, since](std::size_t, httplib::DataSink& sink) {
      const std::uint64_t now = preview.wait_for_change(since, std::chrono::seconds(15));
      if (now > since) {
        const std::string msg = "data: reload\n\n";
        sink.write(msg.data(), msg.size());
        sink.done();
        return true;
      }
      const std::string keepalive = ": keep-alive\n\n";
      return sink.write(keepalive.data(), keepalive.size());
    });
  });
  // Every path, even one no pattern like "/.*" matches ("*", "http://...", a
  // decoded newline): Preview::get refuses what no output path can be.
  server.Get(R"([\s\S]*)", [&preview](const httplib::Request& req, httplib::Response& res) {
    const PreviewResponse r = preview.get(req.path);
    res.status = r.status;
    res.set_content(r.body, r.content_type);
    res.set_header("Cache-Control", "no-store");
    if (req.path.rfind("/api/", 0) == 0) res.set_header("Access-Control-Allow-Origin", "*");
  });
  // A browser asks before a cross-origin request with custom headers; the
  // API is read-only, so it allows GET and HEAD from anywhere.
  server.Options(R"(/api/.*)", [](const httplib::Request&, httplib::Response& res) {
    res.status = 204;
    res.set_header("Access-Control-Allow-Origin", "*");
    res.set_header("Access-Control-Allow-Methods", "GET, HEAD, OPTIONS");
    res.set_header("Access-Control-Allow-Headers", "*");
    res.set_header("Access-Control-Max-Age", "86400");
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

  Preview preview(options.root, options.fixed_now);
  if (std::string errors = preview.rebuild(); !errors.empty()) err << errors;

  httplib::Server server;
  server.new_task_queue = [] { return new httplib::ThreadPool(32); };  // live-reload streams hold a thread each
  add_routes(server, preview);
  // httplib's default sets SO_REUSEPORT, which lets a second server share the
  // port silently; SO_REUSEADDR alone makes a taken port an error.
  server.set_socket_options([](socket_t sock) {
    int yes = 1;
    setsockopt(sock, SOL_SOCKET, SO_REUSEADDR, &yes, sizeof yes);
  });

  int port = options.port;
  if (port != 0) {
    if (!server.bind_to_port(options.bind, port)) {
      err << "sitrep serve: cannot listen on " << options.bind << ":" << port
          << " (is another server, perhaps another 'sitrep serve', using it?)\n";
      return 2;
    }
  } else {
    for (port = k_default_port; port < k_default_port + k_ports_to_try; ++port)
      if (server.bind_to_port(options.bind, port)) break;
    if (port == k_default_port + k_ports_to_try) {
      err << "sitrep serve: ports " << k_default_port << "-" << port - 1 << " are all in use; pick one with --port\n";
      return 2;
    }
  }
  if (options.bind != "127.0.0.1" && options.bind != "localhost" && options.bind != "::1")
    err << "sitrep serve: warning: listening on " << options.bind
        << ", so other machines can reach this preview, internal reports included\n";
  out << "sitrep serve: http://" << (options.bind == "0.0.0.0" ? "127.0.0.1" : options.bind) << ":" << port
      << "/  (internal reports at /_internal/; Ctrl-C to stop)" << std::endl;

  // Which theme folder to watch comes from site.toml, read by the first build.
  Watcher watcher({options.root + "/content", options.root + "/schemas", options.root + "/" + preview.themes_dir()});
  std::thread watch_thread([&] {
    watcher.run([&](const std::vector<std::string>& changed) {
      if (!options.quiet) out << "sitrep serve: change in " << changed.front() << "; rebuilding" << std::endl;
      const std::string errors = preview.rebuild();
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
  watcher.stop();
  watch_thread.join();
  pthread_kill(signal_thread.native_handle(), SIGTERM);  // wakes sigwait if the server stopped otherwise
  signal_thread.join();
  out << "sitrep serve: stopped" << std::endl;
  return 0;
}

}  // namespace sitrep
