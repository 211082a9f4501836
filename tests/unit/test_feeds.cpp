#include <doctest/doctest.h>

#include <regex>

#include "load/parse.h"
#include "render/feeds.h"
#include "test_helpers.h"

using namespace sitrep;

namespace {

struct FeedFixture {
  Model model;
  Diagnostics diags;
  TemplateSet templates;

  FeedFixture(const std::vector<std::string>& incidents, const std::vector<std::string>& windows) {
    model.site = parse_site("title = \"Acme\"\nbase_url = \"https://status.acme.example\"\ntime_zone = \"Etc/UTC\"\n",
                            "content/site.toml", diags);
    model.severity = parse_severity_schema(repo_file("schemas/severity.toml"), "schemas/severity.toml", diags);
    model.components = parse_components(
        "[[components]]\nid = \"auth\"\nname = \"Authentication\"\n"
        "[[components]]\nid = \"db\"\nname = \"Database\"\n"
        "[[components]]\nid = \"batch\"\nname = \"SECRET-COMPONENT\"\npublic = false\n",
        "content/components.toml", diags);
    for (const auto& text : incidents)
      if (auto inc = parse_incident(text, "i.toml", model.site.time_zone, diags)) model.incidents.push_back(*inc);
    for (const auto& text : windows)
      if (auto m = parse_maintenance(text, "m.toml", model.site.time_zone, diags)) model.maintenance.push_back(*m);
    model.index();
    templates = TemplateSet::load(SITREP_SOURCE_DIR, "themes/default", diags);
    REQUIRE_MESSAGE(diags.all().empty(), rules_of(diags));
  }

  std::map<std::string, std::string> render(const char* now = "2026-04-14T12:00:00Z") {
    const PublicView view = make_public_view(model, *parse_rfc3339(now));
    RenderContext ctx{model, view, templates, diags};
    std::map<std::string, std::string> files;
    for (auto& f : render_feeds(ctx)) files[f.path] = std::move(f.bytes);
    CHECK_MESSAGE(diags.all().empty(), rules_of(diags));
    return files;
  }
};

const char* const k_login = R"(id = "INC-A"
title = "Login <script>alert(1)</script> failures"
severity = "SEV2"
type = "outage"
components = ["auth", "batch"]
started_at = 2026-04-10T10:00:00Z
resolved_at = 2026-04-10T11:00:00Z
[root_cause]
summary = "SECRET-ROOT"
category = "config_change"
[[updates]]
at = 2026-04-10T10:05:00Z
status = "investigating"
message = "Logins fail <script>alert(2)</script> & **we are on it**."
[[updates]]
at = 2026-04-10T11:00:00Z
status = "resolved"
message = "Fixed."
)";

const char* const k_internal = R"(id = "INC-C"
title = "SECRET-INCIDENT"
severity = "SEV2"
type = "outage"
components = ["auth"]
public = false
started_at = 2026-04-11T09:00:00Z
[[updates]]
at = 2026-04-11T09:05:00Z
status = "investigating"
message = "SECRET-MESSAGE"
)";

const char* const k_window = R"(id = "MNT-1"
title = "Database upgrade"
components = ["db"]
scheduled_start = 2026-04-12T22:00:00Z
scheduled_end = 2026-04-13T00:00:00Z
message = "m"
[[updates]]
at = 2026-04-12T08:00:00Z
status = "scheduled"
message = "Planned."
[[updates]]
at = 2026-04-13T00:00:00Z
status = "completed"
message = "Done."
)";

std::size_t count(const std::string& text, const std::string& what) {
  std::size_t n = 0;
  for (std::size_t at = 0; (at = text.find(what, at)) != std::string::npos; ++at) ++n;
  return n;
}

// Values of <tag>...</tag> in document order.
std::vector<std::string> values(const std::string& xml, const std::string& tag) {
  std::vector<std::string> out;
  const std::string open = "<" + tag + ">", close = "</" + tag + ">";
  for (std::size_t at = 0; (at = xml.find(open, at)) != std::string::npos;) {
    at += open.size();
    out.push_back(xml.substr(at, xml.find(close, at) - at));
  }
  return out;
}

}  // namespace

TEST_CASE("RFC 822 dates are English and UTC") {
  CHECK(format_rfc822_utc(*parse_rfc3339("2026-04-14T14:58:00Z")) == "Tue, 14 Apr 2026 14:58:00 +0000");
  CHECK(format_rfc822_utc(*parse_rfc3339("2026-01-04T03:04:05Z")) == "Sun, 04 Jan 2026 03:04:05 +0000");
}

TEST_CASE("the site Atom feed: self link, RFC 3339 dates, stable ids, newest first") {
  FeedFixture f({k_login, k_internal}, {k_window});
  const auto files = f.render();
  const std::string& atom = files.at("history.atom");
  CHECK(atom.rfind("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<feed xmlns=\"http://www.w3.org/2005/Atom\"", 0) == 0);
  CHECK(atom.find(
            "<link rel=\"self\" type=\"application/atom+xml\" href=\"https://status.acme.example/history.atom\"/>") !=
        std::string::npos);
  CHECK(count(atom, "<entry>") == 4);
  CHECK(values(atom, "id") == std::vector<std::string>{
                                  "https://status.acme.example/history.atom",
                                  "https://status.acme.example/maintenance/MNT-1/#update-2",
                                  "https://status.acme.example/maintenance/MNT-1/#update-1",
                                  "https://status.acme.example/incidents/INC-A/#update-2",
                                  "https://status.acme.example/incidents/INC-A/#update-1",
                              });
  // Feed-level <updated> is the newest entry, not the clock.
  CHECK(values(atom, "updated") == std::vector<std::string>{"2026-04-13T00:00:00Z", "2026-04-13T00:00:00Z",
                                                            "2026-04-12T08:00:00Z", "2026-04-10T11:00:00Z",
                                                            "2026-04-10T10:05:00Z"});
  CHECK(atom.find("<title>Database upgrade — Completed</title>") != std::string::npos);
  CHECK(atom.find("<category term=\"maintenance\"/>") != std::string::npos);
}

TEST_CASE("the site RSS feed: atom:link self, RFC 822 dates, guids that are not permalinks") {
  FeedFixture f({k_login}, {k_window});
  const std::string rss = f.render().at("history.rss");
  CHECK(rss.find("<rss version=\"2.0\" xmlns:atom=\"http://www.w3.org/2005/Atom\">") != std::string::npos);
  CHECK(rss.find("<atom:link href=\"https://status.acme.example/history.rss\" rel=\"self\" "
                 "type=\"application/rss+xml\"/>") != std::string::npos);
  CHECK(rss.find("<lastBuildDate>Mon, 13 Apr 2026 00:00:00 +0000</lastBuildDate>") != std::string::npos);
  CHECK(rss.find("<guid isPermaLink=\"false\">https://status.acme.example/incidents/INC-A/#update-1</guid>") !=
        std::string::npos);
  const std::regex rfc822(
      R"((Mon|Tue|Wed|Thu|Fri|Sat|Sun), \d\d (Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) \d{4} \d\d:\d\d:\d\d \+0000)");
  const auto dates = values(rss, "pubDate");
  CHECK(dates.size() == 4);
  for (const auto& d : dates) CHECK(std::regex_match(d, rfc822));
}

TEST_CASE("titles and messages are escaped; raw HTML never gets through") {
  FeedFixture f({k_login}, {});
  for (const auto& file : f.render()) {
    const std::string& path = file.first;  // INFO captures it: no structured binding (clang 14)
    const auto& xml = file.second;
    INFO(path);
    CHECK(xml.find("<script") == std::string::npos);
    CHECK(xml.find("<strong") == std::string::npos);
  }
  const std::string atom = f.render().at("history.atom");
  CHECK(atom.find("<title>Login &lt;script&gt;alert(1)&lt;/script&gt; failures — Investigating</title>") !=
        std::string::npos);
  // The message is Markdown rendered to HTML, then carried as escaped text.
  CHECK(atom.find("<content type=\"html\">&lt;p&gt;Logins fail") != std::string::npos);
  CHECK(atom.find("&amp;amp; &lt;strong&gt;we are on it&lt;/strong&gt;") != std::string::npos);
  CHECK(atom.find("raw HTML omitted") != std::string::npos);  // cmark's safe mode drops the tags
}

TEST_CASE("an RSS channel's description is HTML to readers: the site title goes in as HTML text") {
  FeedFixture f({k_login}, {});
  f.model.site.title = "Acme <img src=x onerror=alert(1)> & Co";
  const auto files = f.render();
  // Escaped twice: once as HTML text, once for XML.
  CHECK(files.at("history.rss").find("<description>Incident and maintenance updates from Acme "
                                     "&amp;lt;img src=x onerror=alert(1)&amp;gt; &amp;amp; Co</description>") !=
        std::string::npos);
  // Atom's subtitle is type text: escaped once.
  CHECK(files.at("history.atom").find("<subtitle>Incident and maintenance updates from Acme "
                                      "&lt;img src=x onerror=alert(1)&gt; &amp; Co</subtitle>") != std::string::npos);
}

TEST_CASE("per-component feeds hold only that component's public updates") {
  FeedFixture f({k_login, k_internal}, {k_window});
  const auto files = f.render();
  CHECK(files.size() == 6);  // site + auth + db, Atom and RSS each
  const std::string& auth = files.at("components/auth/history.atom");
  CHECK(auth.find("href=\"https://status.acme.example/components/auth/history.atom\"") != std::string::npos);
  CHECK(
      auth.find("<link rel=\"alternate\" type=\"text/html\" href=\"https://status.acme.example/components/auth/\"/>") !=
      std::string::npos);
  CHECK(count(auth, "<entry>") == 2);
  CHECK(auth.find("MNT-1") == std::string::npos);
  CHECK(count(files.at("components/db/history.rss"), "<item>") == 2);
  CHECK(files.at("components/db/history.rss").find("href=\"https://status.acme.example/components/db/history.rss\"") !=
        std::string::npos);
  for (const auto& file : files) {
    const std::string& path = file.first;  // INFO captures it: no structured binding (clang 14)
    const auto& xml = file.second;
    INFO(path);
    CHECK(xml.find("SECRET") == std::string::npos);
    CHECK(xml.find("batch") == std::string::npos);
  }
}

TEST_CASE("feeds keep the 50 newest of many entries, whatever order they are gathered in") {
  // 150 incidents started an hour apart, each with one update written on a
  // day out of that order (i * 37 mod 150): more than twice the cap, so the
  // entries are cut back while they are gathered, and the newest are spread
  // over the whole view, whichever way it orders the incidents.
  std::vector<std::string> texts;
  std::vector<std::pair<int, std::string>> by_day;
  for (int i = 0; i < 150; ++i) {
    const int day = (i * 37) % 150;
    const auto started = format_rfc3339_utc(*parse_rfc3339("2024-01-01T00:00:00Z") + std::chrono::hours{i});
    const auto at = format_rfc3339_utc(*parse_rfc3339("2025-01-01T00:00:00Z") + std::chrono::days{day});
    const std::string id = "INC-" + std::to_string(1000 + i);
    texts.push_back("id = \"" + id +
                    "\"\ntitle = \"t\"\nseverity = \"SEV3\"\ntype = \"outage\"\ncomponents = [\"auth\"]\n"
                    "started_at = " + started + "\n[[updates]]\nat = " + at +
                    "\nstatus = \"investigating\"\nmessage = \"a\"\n");
    by_day.emplace_back(day, id);
  }
  std::sort(by_day.rbegin(), by_day.rend());
  FeedFixture f(texts, {});
  const auto files = f.render("2026-01-01T00:00:00Z");
  for (const char* feed : {"history.atom", "components/auth/history.atom"}) {
    INFO(feed);
    const auto ids = values(files.at(feed), "id");
    REQUIRE(ids.size() == k_feed_entry_cap + 1);  // the feed's own id first
    for (std::size_t i = 0; i < k_feed_entry_cap; ++i)
      CHECK(ids[i + 1] == "https://status.acme.example/incidents/" + by_day[i].second + "/#update-1");
  }
}

TEST_CASE("feeds keep the 50 newest entries and are deterministic") {
  std::vector<std::string> texts;
  for (int i = 0; i < 30; ++i) {
    char at[32];
    std::snprintf(at, sizeof at, "2026-03-%02dT10:00:00Z", i + 1);
    texts.push_back("id = \"INC-" + std::to_string(100 + i) +
                    "\"\ntitle = \"t\"\nseverity = \"SEV3\"\ntype = \"outage\"\ncomponents = [\"auth\"]\n"
                    "started_at = " +
                    at + "\n[[updates]]\nat = " + at +
                    "\nstatus = \"investigating\"\nmessage = \"a\"\n[[updates]]\nat = " + at +
                    "\nstatus = \"monitoring\"\nmessage = \"b\"\n");
  }
  FeedFixture f(texts, {});
  const auto files = f.render();
  CHECK(count(files.at("history.atom"), "<entry>") == k_feed_entry_cap);
  CHECK(count(files.at("history.rss"), "<item>") == k_feed_entry_cap);
  CHECK(count(files.at("components/auth/history.atom"), "<entry>") == k_feed_entry_cap);
  // Same time: the later update of the same incident comes first.
  const auto ids = values(files.at("history.atom"), "id");
  CHECK(ids[1] == "https://status.acme.example/incidents/INC-129/#update-2");
  CHECK(ids[2] == "https://status.acme.example/incidents/INC-129/#update-1");
  CHECK(files.at("components/db/history.atom").find("<entry>") == std::string::npos);
  // An empty feed is dated by the site's newest entry, not the clock.
  CHECK(values(files.at("components/db/history.atom"), "updated")[0] == "2026-03-30T10:00:00Z");
  CHECK(files == f.render());
  CHECK(files == f.render("2026-04-20T00:00:00Z"));
}
