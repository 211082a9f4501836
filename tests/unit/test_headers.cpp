// _headers: the response headers of site/public, in Netlify / Cloudflare Pages syntax.
#include <doctest/doctest.h>

#include "load/parse.h"
#include "render/headers.h"
#include "test_helpers.h"

using namespace sitrep;

TEST_CASE("_headers: nosniff everywhere, short caching, a year for the hashed assets only, CORS on the API") {
  Diagnostics diags;
  Model model;
  model.site = parse_site("title = \"Acme\"\nbase_url = \"https://status.acme.example\"\ntime_zone = \"Etc/UTC\"\n",
                          "content/site.toml", diags);
  model.index();
  const TemplateSet templates = TemplateSet::load(SITREP_SOURCE_DIR, "themes/default", diags);
  const StaticAssets assets =
      publish_static_files({{"favicon.svg", "<svg/>", true}, {"logo.png", "png", false}, {"style.css", "css", true}});
  const PublicView view = make_public_view(model, *parse_rfc3339("2026-04-14T12:00:00Z"));
  const RenderContext ctx{model, view, templates, diags, nullptr, &assets};
  const Outputs out = render_headers(ctx);
  REQUIRE_MESSAGE(diags.all().empty(), rules_of(diags));
  REQUIRE(out.size() == 1);
  CHECK(out[0].path == "_headers");
  const std::string& text = out[0].bytes;
  const auto block = [&](const std::string& path) {
    const auto at = text.find("\n" + path + "\n");
    REQUIRE_MESSAGE(at != std::string::npos, path);
    std::string out = text.substr(at + 1, text.find("\n\n", at + 1) - at - 1);
    if (!out.empty() && out.back() == '\n') out.pop_back();  // the last block
    return out;
  };
  CHECK(block("/*") == "/*\n  X-Content-Type-Options: nosniff");
  CHECK(block("/api/*") ==
        "/api/*\n  Cache-Control: public, max-age=60, must-revalidate\n  Access-Control-Allow-Origin: *");
  CHECK(block("/*.atom") == "/*.atom\n  Content-Type: application/atom+xml; charset=utf-8\n  Access-Control-Allow-Origin: *");
  CHECK(block("/*.ics").find("text/calendar; charset=utf-8") != std::string::npos);
  CHECK(block("/*.json").find("application/json; charset=utf-8") != std::string::npos);
  CHECK(block("/*.svg") == "/*.svg\n  Content-Type: image/svg+xml");
  CHECK(block("/" + hashed_name("style.css", "css")) ==
        "/" + hashed_name("style.css", "css") + "\n  Cache-Control: public, max-age=31536000, immutable");
  CHECK(block("/" + hashed_name("favicon.svg", "<svg/>")).find("immutable") != std::string::npos);
  // Exactly the two theme assets are immutable; the site's logo.png is not named.
  std::size_t immutable = 0;
  for (auto at = text.find("immutable"); at != std::string::npos; at = text.find("immutable", at + 1)) ++immutable;
  CHECK(immutable == 2);
  CHECK(text.find("logo") == std::string::npos);
}
