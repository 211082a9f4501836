#include <doctest/doctest.h>

#include <algorithm>

#include "load/parse.h"
#include "test_helpers.h"

using namespace sitrep;
using namespace std::chrono_literals;

namespace {
SeverityPolicy load_severity(const std::string& path) {
  Diagnostics d;
  SeverityPolicy p = parse_severity_schema(repo_file(path), path, d);
  INFO(rules_of(d));
  CHECK(d.all().empty());
  return p;
}
PostmortemTemplate load_template(const std::string& path) {
  Diagnostics d;
  PostmortemTemplate t = parse_postmortem_schema(repo_file(path), path, d);
  INFO(rules_of(d));
  CHECK(d.all().empty());
  return t;
}
const SlaClock* clock(const SeverityLevel& l, std::string_view name) {
  for (const auto& c : l.clocks)
    if (c.name == name) return &c;
  return nullptr;
}
}  // namespace

TEST_CASE("the default policy is seed 001's") {
  const SeverityPolicy p = load_severity("schemas/severity.toml");
  REQUIRE(p.levels.size() == 4);
  const SeverityLevel& sev1 = p.levels[0];
  CHECK(sev1.id == "SEV1");
  CHECK(p.level("Severity 1") == &sev1);
  CHECK(p.level("p1") == &sev1);
  CHECK(sev1.impact == "critical");
  CHECK(sev1.roles_required == std::vector<std::string>{"commander", "scribe"});
  CHECK(sev1.postmortem_required);
  CHECK(*sev1.postmortem_within == 48h);
  CHECK(*p.levels[1].postmortem_within == std::chrono::hours{7 * 24});
  CHECK_FALSE(p.levels[2].postmortem_required);
  CHECK_FALSE(p.levels[3].is_public);  // SEV4: internal tracking only
  // All clocks run from detection (seed 001).
  CHECK(clock(sev1, "acknowledge")->from == "detected_at");
  CHECK(clock(sev1, "acknowledge")->within == 15min);
  CHECK(clock(sev1, "mitigate")->from == "detected_at");
  CHECK(clock(sev1, "mitigate")->within == 1h);
  CHECK(clock(sev1, "resolve")->within == 4h);
  CHECK(*sev1.update_every == 30min);
  // Declaration triggers: error rate > 10% for > 5 minutes -> SEV1.
  REQUIRE_FALSE(sev1.triggers.empty());
  CHECK(sev1.triggers[0].when.size() == 2);
  CHECK(p.canonical_status("mitigating") == "identified");
  CHECK(p.canonical_status("Investigating") == "investigating");
  CHECK(p.canonical_status("fixed").empty());
}

TEST_CASE("the MLC example measures each stage from the previous one (seed 002)") {
  const SeverityPolicy p = load_severity("schemas/examples/mlc/severity.toml");
  const SeverityLevel& sev1 = p.levels[0];
  CHECK(clock(sev1, "acknowledge")->from == "detected_at");
  CHECK(clock(sev1, "acknowledge")->within == 5min);
  CHECK(clock(sev1, "mitigate")->from == "acknowledged_at");
  CHECK(clock(sev1, "mitigate")->within == 30min);
  CHECK(clock(sev1, "resolve")->from == "mitigated_at");
  CHECK(clock(sev1, "resolve")->within == 4h);
  CHECK(p.level("Severity 1") == &sev1);
  CHECK(std::find(p.resolution_methods.begin(), p.resolution_methods.end(), "rollback") != p.resolution_methods.end());
}

TEST_CASE("the WorkOpti example: mitigating, commander and scribe (seed 003)") {
  const SeverityPolicy p = load_severity("schemas/examples/workopti/severity.toml");
  CHECK(p.canonical_status("mitigating") == "identified");
  CHECK(p.levels[0].roles_required == std::vector<std::string>{"commander", "scribe"});
  CHECK(p.levels[0].postmortem_required);
  CHECK(p.levels[1].postmortem_required);
  const PostmortemTemplate t = load_template("schemas/examples/workopti/postmortem.toml");
  CHECK(t.sections.size() == 7);
  CHECK(t.section_for_heading("What Worked") != nullptr);
}

TEST_CASE("the default postmortem template has seed 001's nine sections") {
  const PostmortemTemplate t = load_template("schemas/postmortem.toml");
  REQUIRE(t.sections.size() == 9);
  CHECK(t.sections[0].title == "Incident Summary");
  CHECK(t.section_for_heading("What Worked") == t.section("went_well"));
  CHECK(t.sections[0].required_for_level("SEV1"));
  CHECK_FALSE(t.sections[0].required_for_level("SEV3"));
  CHECK(t.action_table.canonical_column("Due Date") == "Due");
  CHECK(t.canonical_action_status("In Progress") == "in_progress");
  CHECK(std::find(t.placeholders.begin(), t.placeholders.end(), "[Name]") != t.placeholders.end());
  CHECK(t.final_status == "final");
}

TEST_CASE("schema mistakes are reported, not accepted") {
  Diagnostics d;
  parse_severity_schema(R"(incident_types = ["outage"]
root_cause_categories = []
[status_aliases]
mitigating = "fixing"
[[levels]]
id = "SEV1"
name = "x"
impact = "catastrophic"
postmortem_required = true
[[levels.clocks]]
name = "ack"
from = "resolved_at"
to = "detected_at"
within = "fifteen minutes"
)",
                        "s.toml", d);
  CHECK(rules_of(d) ==
        "schema@4:14 schema@8:10 schema@5:1 invalid-value@14:10 schema@13:6 ");
}

TEST_CASE("unmeasurable_clock: exclude by default, breach when asked, nothing else") {
  CHECK(load_severity("schemas/severity.toml").unmeasurable_clock == UnmeasurableClock::exclude);
  const std::string level = "[[levels]]\nid = \"SEV1\"\nname = \"x\"\nimpact = \"critical\"\n";
  const std::string head = "incident_types = [\"outage\"]\nroot_cause_categories = []\n";
  Diagnostics d;
  CHECK(parse_severity_schema(head + "unmeasurable_clock = \"breach\"\n" + level, "s.toml", d).unmeasurable_clock ==
        UnmeasurableClock::breach);
  CHECK(d.all().empty());
  const SeverityPolicy p = parse_severity_schema(head + "unmeasurable_clock = \"breech\"\n" + level, "s.toml", d);
  CHECK(p.unmeasurable_clock == UnmeasurableClock::exclude);
  REQUIRE(d.all().size() == 1);
  CHECK(d.all()[0].rule == "schema");
  CHECK(d.all()[0].pos.line == 3);
  CHECK(d.all()[0].message == "'breech' is not a valid unmeasurable_clock (expected one of: exclude, breach)");
  CHECK(d.all()[0].hint == "did you mean 'breach'?");
}
