// Starts the real `sitrep serve` on a free port over a copy of the example
// site and talks to it with cpp-httplib's client: content types, HEAD, CORS,
// 404, path traversal, rebuild on change, the error overlay, a taken port
// and Ctrl-C. SITREP_BIN and SITREP_SOURCE_DIR come from CMake.
#define DOCTEST_CONFIG_IMPLEMENT_WITH_MAIN
#include <doctest/doctest.h>
#include <httplib.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <thread>

namespace fs = std::filesystem;
using namespace std::chrono_literals;

namespace {

// A port nobody listens on: bind to port 0, read it back, release it.
int free_port() {
  const int fd = socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr);
  socklen_t len = sizeof addr;
  getsockname(fd, reinterpret_cast<sockaddr*>(&addr), &len);
  close(fd);
  return ntohs(addr.sin_port);
}

std::string read(const fs::path& p) {
  std::ifstream in(p);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

void write(const fs::path& p, const std::string& text) { std::ofstream(p) << text; }

// A temp site root (content, schemas, themes) and a running `sitrep serve`.
struct Served {
  fs::path root;
  int port = 0;
  pid_t pid = -1;
  fs::path log;

  Served() {
    root = fs::temp_directory_path() / ("sitrep-serve-" + std::to_string(getpid()));
    fs::remove_all(root);
    fs::create_directories(root);
    for (const char* dir : {"content", "schemas", "themes"})
      fs::copy(fs::path(SITREP_SOURCE_DIR) / dir, root / dir, fs::copy_options::recursive);
    port = free_port();
    log = root / "serve.log";
    pid = start({"serve", "--root", root.string(), "--port", std::to_string(port), "--now", "2026-11-26T00:00:00Z"}, log);
    REQUIRE(wait_until_up());
  }
  ~Served() {
    if (pid > 0) {
      kill(pid, SIGKILL);
      waitpid(pid, nullptr, 0);
    }
    fs::remove_all(root);
  }

  static pid_t start(std::vector<std::string> args, const fs::path& log) {
    const pid_t child = fork();
    if (child == 0) {
      const int fd = ::open(log.c_str(), O_CREAT | O_WRONLY | O_TRUNC, 0644);
      dup2(fd, 1);
      dup2(fd, 2);
      std::vector<char*> argv{const_cast<char*>(SITREP_BIN)};
      for (auto& a : args) argv.push_back(a.data());
      argv.push_back(nullptr);
      execv(SITREP_BIN, argv.data());
      _exit(127);
    }
    return child;
  }

  httplib::Client client() const {
    httplib::Client c("127.0.0.1", port);
    c.set_read_timeout(5, 0);
    return c;
  }

  bool wait_until_up() const {
    // Up to 30 s: the first build of the example site is slow under the
    // sanitizers (scripts/sanitize.sh) and on a loaded machine.
    for (int i = 0; i < 600; ++i) {
      // 503 while the first build runs (the building page); up once it is done.
      if (auto r = client().Get("/"); r && r->status != 503) return true;
      std::this_thread::sleep_for(50ms);
    }
    return false;
  }

  // Polls `path` until its body satisfies `pred` (the watcher rebuilds async):
  // up to 30 s, for the sanitizers on a loaded machine; it ends as soon as
  // `pred` holds.
  template <class Pred>
  bool eventually(const std::string& path, Pred pred) const {
    for (int i = 0; i < 600; ++i) {
      auto r = client().Get(path);
      if (r && pred(r->body)) return true;
      std::this_thread::sleep_for(50ms);
    }
    return false;
  }
};

}  // namespace

TEST_CASE("content types, HEAD, CORS and 404") {
  Served s;
  auto c = s.client();
  // The stylesheet under the content-hashed name the page links.
  auto front = c.Get("/");
  REQUIRE(front);
  const auto link = front->body.find("<link rel=\"stylesheet\" href=\"");
  REQUIRE(link != std::string::npos);
  const auto href = link + std::string_view{"<link rel=\"stylesheet\" href=\""}.size();
  const std::string stylesheet = "/" + front->body.substr(href, front->body.find('"', href) - href);
  CHECK(stylesheet.size() == std::string_view{"/style.12345678.css"}.size());
  const std::pair<const char*, const char*> expected[] = {
      {"/", "text/html; charset=utf-8"},
      {stylesheet.c_str(), "text/css; charset=utf-8"},
      {"/badge.svg", "image/svg+xml"},
      {"/history.atom", "application/atom+xml; charset=utf-8"},
      {"/history.rss", "application/rss+xml; charset=utf-8"},
      {"/maintenance.ics", "text/calendar; charset=utf-8"},
      {"/api/v2/summary.json", "application/json; charset=utf-8"},
      {"/sitemap.xml", "application/xml; charset=utf-8"},
  };
  for (const auto& entry : expected) {  // not a structured binding: the CHECK macros capture (clang 14)
    const auto& path = entry.first;
    const auto& type = entry.second;
    auto r = c.Get(path);
    REQUIRE_MESSAGE(r, path);
    CHECK_MESSAGE(r->status == 200, path);
    CHECK_MESSAGE(r->get_header_value("Content-Type") == type, path);
  }
  auto page = c.Get("/");
  CHECK(page->body.find("/_sitrep/reload.js") != std::string::npos);  // preview only

  auto head = c.Head("/");
  REQUIRE(head);
  CHECK(head->status == 200);
  CHECK(head->body.empty());
  CHECK(std::stoul(head->get_header_value("Content-Length")) == page->body.size());

  CHECK(c.Get("/api/v2/status.json")->get_header_value("Access-Control-Allow-Origin") == "*");
  CHECK(c.Get("/index.html")->get_header_value("Access-Control-Allow-Origin").empty());
  // The CORS preflight a browser sends before a request with custom headers.
  const auto preflight = c.Options("/api/v2/summary.json", {{"Origin", "https://example.org"},
                                                            {"Access-Control-Request-Method", "GET"},
                                                            {"Access-Control-Request-Headers", "x-requested-with"}});
  REQUIRE(preflight);
  CHECK(preflight->status == 204);
  CHECK(preflight->get_header_value("Access-Control-Allow-Origin") == "*");
  CHECK(preflight->get_header_value("Access-Control-Allow-Methods").find("GET") != std::string::npos);

  auto missing = c.Get("/no/such/page/");
  REQUIRE(missing);
  CHECK(missing->status == 404);
  CHECK(missing->body.find("Page not found") != std::string::npos);
}

TEST_CASE("path traversal is refused without reading outside the site") {
  Served s;
  write(s.root / "secret.txt", "TOP-SECRET-FILE");
  auto c = s.client();
  for (const char* path : {"/../secret.txt", "/%2e%2e/secret.txt", "/..%2fsecret.txt", "/%2e%2e%2fsecret.txt",
                           "/incidents/../../secret.txt", "/../content/site.toml", "/%2E%2E/%2E%2E/etc/passwd",
                           "/./index.html/../../secret.txt"}) {
    auto r = c.Get(path);
    REQUIRE_MESSAGE(r, path);
    CHECK_MESSAGE(r->status == 400, path);  // refused: no output path has a ".." segment
    CHECK_MESSAGE(r->body.find("TOP-SECRET") == std::string::npos, path);
    CHECK_MESSAGE(r->body.find("base_url") == std::string::npos, path);
  }
}

TEST_CASE("a static file linked to a file outside the site is neither read nor served") {
  Served s;
  const fs::path outside = fs::temp_directory_path() / ("sitrep-serve-secret-" + std::to_string(getpid()) + ".txt");
  write(outside, "SERVE-CONFINEMENT-SECRET");
  fs::create_directories(s.root / "content/static");
  fs::create_symlink(outside, s.root / "content/static/leak.txt");
  CHECK(s.eventually("/", [](const std::string& b) { return b.find("id=\"sitrep-errors\"") != std::string::npos; }));
  auto front = s.client().Get("/");
  REQUIRE(front);
  CHECK(front->body.find("content/static/leak.txt") != std::string::npos);
  CHECK(front->body.find("outside-root") != std::string::npos);
  CHECK(front->body.find("SERVE-CONFINEMENT-SECRET") == std::string::npos);
  auto leak = s.client().Get("/leak.txt");
  REQUIRE(leak);
  CHECK(leak->status == 404);
  CHECK(leak->body.find("SERVE-CONFINEMENT-SECRET") == std::string::npos);
  fs::remove(outside);
}

TEST_CASE("a change is rebuilt and served; a broken file shows the overlay until fixed") {
  Served s;
  const fs::path file = s.root / "content/incidents/2026/2026-04-14-auth-cache-ttl.toml";
  const std::string original = read(file);
  const std::string page = "/incidents/INC-2026-04-14-001/";
  std::string edited = original;
  edited.replace(edited.find("title = \""), 9, "title = \"Edited live: ");
  write(file, edited);
  CHECK(s.eventually(page, [](const std::string& b) { return b.find("Edited live: ") != std::string::npos; }));

  write(file, original + "\nthis is not TOML\n");
  CHECK(s.eventually(page, [](const std::string& b) { return b.find("id=\"sitrep-errors\"") != std::string::npos; }));
  auto r = s.client().Get(page);
  CHECK(r->body.find("2026-04-14-auth-cache-ttl.toml") != std::string::npos);  // file named
  CHECK(r->body.find("Edited live: ") != std::string::npos);  // the last good page stays

  write(file, original);
  CHECK(s.eventually(page, [](const std::string& b) { return b.find("sitrep-errors") == std::string::npos; }));
}

TEST_CASE("a taken port is an error; Ctrl-C stops the server cleanly") {
  Served s;
  const fs::path log = s.root / "second.log";
  const pid_t second = Served::start({"serve", "--root", s.root.string(), "--port", std::to_string(s.port)}, log);
  int status = 0;
  waitpid(second, &status, 0);
  CHECK(WIFEXITED(status));
  CHECK(WEXITSTATUS(status) == 2);
  CHECK(read(log).find("cannot listen on 127.0.0.1:" + std::to_string(s.port)) != std::string::npos);

  kill(s.pid, SIGINT);
  bool exited = false;
  for (int i = 0; i < 100 && !exited; ++i) {
    if (waitpid(s.pid, &status, WNOHANG) == s.pid) exited = true;
    else std::this_thread::sleep_for(50ms);
  }
  CHECK(exited);
  CHECK(WIFEXITED(status));
  CHECK(WEXITSTATUS(status) == 0);
  s.pid = -1;
}
