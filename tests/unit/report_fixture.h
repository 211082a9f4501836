#pragma once
// Shared by the report tests: a model parsed from strings with the
// repository's real schemas (from `policy_dir`), in a site on Pacific time.
// Any parse problem fails the test that built it.
#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "load/parse.h"
#include "test_helpers.h"

inline sitrep::Model make_model(const std::vector<std::string>& incidents,
                                const std::vector<std::string>& postmortems = {},
                                const std::string& policy_dir = "schemas") {
  using namespace sitrep;
  Model model;
  Diagnostics d;
  model.site = parse_site("title = \"S\"\nbase_url = \"https://s.example\"\ntime_zone = \"America/Los_Angeles\"\n",
                          "content/site.toml", d);
  model.severity = parse_severity_schema(repo_file(policy_dir + "/severity.toml"), "severity.toml", d);
  model.postmortem_template = parse_postmortem_schema(repo_file(policy_dir + "/postmortem.toml"), "postmortem.toml", d);
  for (std::size_t i = 0; i < incidents.size(); ++i)
    if (auto inc = parse_incident(incidents[i], "i" + std::to_string(i) + ".toml", model.site.time_zone, d))
      model.incidents.push_back(*inc);
  for (std::size_t i = 0; i < postmortems.size(); ++i)
    if (auto pm = parse_postmortem(postmortems[i], "p" + std::to_string(i) + ".md", d)) model.postmortems.push_back(*pm);
  model.index();
  REQUIRE_MESSAGE(d.all().empty(), rules_of(d));
  return model;
}
