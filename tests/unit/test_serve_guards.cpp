// The preview's URL paths: only what an output file can be named.
#include <doctest/doctest.h>

#include "serve/preview.h"

using namespace sitrep;

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
