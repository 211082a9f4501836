// The preview's guards that need no server: which Host headers it answers
// (DNS rebinding) and which URL paths can name an output file.
#include <doctest/doctest.h>

#include "serve/host_check.h"
#include "serve/preview.h"

using namespace sitrep;

TEST_CASE("Host: loopback names and addresses, port optional") {
  for (const char* host : {"localhost", "localhost:1313", "LOCALHOST:1313", "127.0.0.1", "127.0.0.1:1313",
                           "127.1.2.3:80", "[::1]", "[::1]:1313", "[0:0:0:0:0:0:0:1]:1313", "[::ffff:127.0.0.1]",
                           "app.localhost", "a.b-c.localhost:1313", "localhost:"})
    CHECK_MESSAGE(is_allowed_host(host, "127.0.0.1"), host);
}

TEST_CASE("Host: every other name is refused, whatever it resolves to") {
  for (const char* host : {"evil.example", "evil.example:1313", "localhost.evil.example", "127.0.0.1.nip.io",
                           "evil-localhost", ".localhost", "a..localhost", "a.localhost.", "", ":1313",
                           "127.1", "0x7f.0.0.1", "2130706433", "[::1", "[localhost]", "[127.0.0.1]",
                           "localhost:http", "localhost:1313:1313", "localhost:123456", "192.168.1.5",
                           "[fe80::1%25eth0]", "local host", "localhost\t"})
    CHECK_FALSE_MESSAGE(is_allowed_host(host, "127.0.0.1"), host);
}

TEST_CASE("Host: the address given to --bind is answered too") {
  CHECK(is_allowed_host("192.168.1.5:1313", "192.168.1.5"));
  CHECK_FALSE(is_allowed_host("192.168.1.6:1313", "192.168.1.5"));
  CHECK_FALSE(is_allowed_host("evil.example", "192.168.1.5"));
  CHECK(is_allowed_host("[fd00::5]:1313", "fd00::5"));
  CHECK(is_allowed_host("[FD00:0::5]", "fd00::5"));
  CHECK(is_allowed_host("devbox.lan:1313", "devbox.lan"));
  CHECK(is_allowed_host("DevBox.LAN", "devbox.lan"));
  CHECK_FALSE(is_allowed_host("other.lan", "devbox.lan"));
  // Every interface: any IP address (only names can be rebound), no name.
  CHECK(is_allowed_host("192.168.1.5:1313", "0.0.0.0"));
  CHECK(is_allowed_host("[fd00::5]:1313", "::"));
  CHECK(is_allowed_host("localhost:1313", "0.0.0.0"));
  CHECK_FALSE(is_allowed_host("evil.example:1313", "0.0.0.0"));
}

TEST_CASE("URL paths: only what an output file can be named") {
  CHECK(resolve_url_path("/") == "index.html");
  CHECK(resolve_url_path("/incidents/INC-1/") == "incidents/INC-1/index.html");
  CHECK(resolve_url_path("/api/v2/summary.json") == "api/v2/summary.json");
  CHECK(resolve_url_path("/_internal/") == "_internal/index.html");
  CHECK(resolve_url_path("/caf\xc3\xa9/") == "caf\xc3\xa9/index.html");
  // Decoded once by httplib; never again, so a double-encoded ".." is a name.
  CHECK(resolve_url_path("/%2e%2e/secret.txt") == "%2e%2e/secret.txt");
  const std::string nul = std::string("/index.html") + '\0' + ".txt";
  for (const std::string& path :
       {std::string("/../secret.txt"), std::string("/a/../../secret.txt"), std::string("/./index.html"),
        std::string("/a/./b"), std::string("//etc/passwd"), std::string("/a//b"), std::string("/..\\secret.txt"),
        std::string("/a\\..\\..\\b"), std::string("/\xc0\xae\xc0\xae/secret.txt"), std::string("/\xe0\x80\xae/"),
        std::string("/\xed\xa0\x80/"), std::string("/\xff/"), nul, std::string("/a\nb"), std::string("/a\x7f"),
        std::string("index.html"), std::string("http://evil.example/"), std::string("*"), std::string(""),
        std::string("/..")})
    CHECK_FALSE_MESSAGE(resolve_url_path(path), path);
}
