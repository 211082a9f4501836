#include <doctest/doctest.h>

#include "render/urls.h"

using namespace sitrep;

TEST_CASE("root_path: the path of base_url, for pages served at any depth (404.html)") {
  CHECK(urls::root_path("https://status.acme.example") == "/");
  CHECK(urls::root_path("https://acme.example/status") == "/status/");
  CHECK(urls::root_path("http://acme.example:8080/a/b") == "/a/b/");
}
