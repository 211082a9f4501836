#include <doctest/doctest.h>

#include "load/parse.h"
#include "render/badges.h"
#include "test_helpers.h"

using namespace sitrep;

namespace {

struct BadgeFixture {
  Model model;
  Diagnostics diags;
  TemplateSet templates;

  explicit BadgeFixture(const std::vector<std::string>& incidents) {
    model.site = parse_site("title = \"Acme\"\nbase_url = \"https://status.acme.example\"\ntime_zone = \"Etc/UTC\"\n",
                            "content/site.toml", diags);
    model.severity = parse_severity_schema(repo_file("schemas/severity.toml"), "schemas/severity.toml", diags);
    model.components = parse_components(
        "[[components]]\nid = \"auth\"\nname = \"Auth & SSO\"\n"
        "[[components]]\nid = \"api\"\nname = \"API\"\n"
        "[[components]]\nid = \"batch\"\nname = \"SECRET\"\npublic = false\n",
        "content/components.toml", diags);
    for (const auto& text : incidents)
      if (auto inc = parse_incident(text, "i.toml", model.site.time_zone, diags)) model.incidents.push_back(*inc);
    model.index();
    templates = TemplateSet::load(SITREP_SOURCE_DIR, "themes/default", diags);
    REQUIRE_MESSAGE(diags.all().empty(), rules_of(diags));
  }

  std::map<std::string, std::string> render() {
    const PublicView view = make_public_view(model, *parse_rfc3339("2026-04-14T12:00:00Z"));
    RenderContext ctx{model, view, templates, diags};
    std::map<std::string, std::string> files;
    for (auto& f : render_badges(ctx)) files[f.path] = std::move(f.bytes);
    CHECK_MESSAGE(diags.all().empty(), rules_of(diags));
    return files;
  }
};

const char* const k_outage = R"(id = "INC-1"
title = "API down"
severity = "SEV1"
type = "outage"
components = ["api"]
started_at = 2026-04-14T10:00:00Z
[[updates]]
at = 2026-04-14T10:05:00Z
status = "investigating"
message = "Down."
components = { api = "major_outage" }
)";

}  // namespace

TEST_CASE("badge widths follow the text length in characters") {
  CHECK(badge_text_width("status") == 52);  // 6 * 7 + 10
  CHECK(badge_text_width("API") == 32);     // 31, rounded up to even
  CHECK(badge_text_width("Zürich") == badge_text_width("Zurich"));
}

TEST_CASE("a badge per public component and one for the page, in words") {
  BadgeFixture f({k_outage});
  const auto files = f.render();
  CHECK(files.size() == 3);
  const std::string& page = files.at("badge.svg");
  CHECK(page.rfind("<svg xmlns=\"http://www.w3.org/2000/svg\"", 0) == 0);
  CHECK(page.find("role=\"img\"") != std::string::npos);
  CHECK(page.find("aria-label=\"status: major system outage\"") != std::string::npos);
  CHECK(page.find("<title>status: major system outage</title>") != std::string::npos);
  CHECK(page.find("fill=\"#c62828\"") != std::string::npos);

  const std::string& api = files.at("components/api/badge.svg");
  CHECK(api.find("<title>API: major outage</title>") != std::string::npos);
  CHECK(api.find(">major outage</text>") != std::string::npos);
  // label 32 + "major outage" 94 = 126 px
  CHECK(api.find("width=\"126\" height=\"20\" role=\"img\"") != std::string::npos);

  const std::string& auth = files.at("components/auth/badge.svg");
  CHECK(auth.find("<title>Auth &amp; SSO: operational</title>") != std::string::npos);
  CHECK(auth.find("fill=\"#2e7d32\"") != std::string::npos);
  CHECK(files.count("components/batch/badge.svg") == 0);
}

TEST_CASE("an all-clear page says so") {
  BadgeFixture f({});
  const auto files = f.render();
  CHECK(files.at("badge.svg").find("<title>status: all systems operational</title>") != std::string::npos);
  CHECK(files == f.render());
}
