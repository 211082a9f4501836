// Published names of static files: theme assets carry a hash of their bytes.
#include <doctest/doctest.h>

#include <nlohmann/json.hpp>

#include <cstdio>

#include "render/static_assets.h"
#include "util/hash.h"

using namespace sitrep;

TEST_CASE("hashed_name puts 8 hex digits of the bytes' stable hash before the extension") {
  const std::string h = hashed_name("style.css", "body{}");
  CHECK(h.size() == std::string{"style.12345678.css"}.size());
  CHECK(h.rfind("style.", 0) == 0);
  CHECK(h.substr(h.size() - 4) == ".css");
  CHECK(h == hashed_name("style.css", "body{}"));  // deterministic
  CHECK(h != hashed_name("style.css", "body{ }"));
  CHECK(hashed_name("fonts/inter.woff2", "x").rfind("fonts/inter.", 0) == 0);
  CHECK(hashed_name("fonts.d/LICENSE", "x").rfind("fonts.d/LICENSE.", 0) == 0);  // no extension
  CHECK(hashed_name(".well-known", "x").rfind(".well-known.", 0) == 0);          // a dotfile's dot is no extension
  // The first 8 of the 16 hex digits of the 64-bit FNV-1a.
  char hex[17];
  std::snprintf(hex, sizeof hex, "%016llx", static_cast<unsigned long long>(stable_hash("body{}")));
  CHECK(h == "style." + std::string{hex, 8} + ".css");
}

TEST_CASE("theme assets are hashed, the site's own static files keep their names") {
  const StaticAssets a = publish_static_files({{"favicon.svg", "<svg/>", true},
                                               {"images/logo.png", "png", false},
                                               {"style.css", "site css", true}});  // a site override of the theme's
  std::vector<std::string> paths;
  for (const auto& f : a.files) paths.push_back(f.path);
  CHECK(paths == std::vector<std::string>{hashed_name("favicon.svg", "<svg/>"), "images/logo.png",
                                          hashed_name("style.css", "site css")});
  CHECK(a.hashed.at("style.css") == hashed_name("style.css", "site css"));
  CHECK(a.hashed.count("images/logo.png") == 0);
  const auto data = a.template_data();
  CHECK(data.at("style_css") == hashed_name("style.css", "site css"));
  CHECK(data.at("favicon_svg") == hashed_name("favicon.svg", "<svg/>"));
  CHECK(a.hashed_files().size() == 2);

  const StaticAssets changed = publish_static_files({{"favicon.svg", "<svg/>", true}, {"style.css", "other", true}});
  CHECK(changed.fingerprint() != a.fingerprint());
}
