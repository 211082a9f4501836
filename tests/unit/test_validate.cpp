#include <doctest/doctest.h>

#include "load/parse.h"
#include "test_helpers.h"
#include "validate/validate.h"

using namespace sitrep;

namespace {

std::string lines(std::initializer_list<const char*> items) {
  std::string out;
  for (const char* i : items) out += std::string{i} + "\n";
  return out;
}

// A model under the default policy with one incident (and optional postmortem).
struct Fixture {
  Model model;
  Diagnostics parse_diags;

  explicit Fixture(const std::string& incident, const std::string& postmortem = {}) {
    model.site = parse_site("title = \"S\"\nbase_url = \"https://s.example\"\ntime_zone = \"America/Los_Angeles\"\n",
                            "content/site.toml", parse_diags);
    model.severity = parse_severity_schema(repo_file("schemas/severity.toml"), "schemas/severity.toml", parse_diags);
    model.postmortem_template =
        parse_postmortem_schema(repo_file("schemas/postmortem.toml"), "schemas/postmortem.toml", parse_diags);
    model.components = parse_components(
        "[[components]]\nid = \"auth\"\nname = \"Auth\"\n[[components]]\nid = \"batch\"\nname = \"B\"\npublic = false\n",
        "content/components.toml", parse_diags);
    if (auto inc = parse_incident(incident, "i.toml", model.site.time_zone, parse_diags))
      model.incidents.push_back(*inc);
    if (!postmortem.empty())
      if (auto pm = parse_postmortem(postmortem, "p.md", parse_diags)) model.postmortems.push_back(*pm);
    model.index();
    REQUIRE_MESSAGE(parse_diags.all().empty(), rules_of(parse_diags));
  }

  // One line per diagnostic, "rule: message", sorted as `check` prints them.
  std::string check(const char* now = "2026-04-14T20:00:00Z") {
    Diagnostics d;
    validate(model, *parse_rfc3339(now), d);
    d.sort();
    std::string out;
    for (const auto& x : d.all()) out += x.rule + ": " + x.message + "\n";
    return out;
  }
};

// Seed 000: detected 07:58 PT, war room 08:07, mitigated 08:44, resolved 09:12.
const std::string k_seed000_head = R"(id = "INC-2026-04-14-001"
title = "Login and ticket-portal failures"
type = "outage"
components = ["auth"]
started_at = 2026-04-14T07:58:00-07:00
detected_at = 2026-04-14T07:58:00-07:00
)";
const std::string k_seed000_tail = R"(mitigated_at = 2026-04-14T08:44:00-07:00
resolved_at = 2026-04-14T09:12:00-07:00
[roles]
commander = "Dana"
scribe = "Lee"
[[updates]]
at = 2026-04-14T08:12:00-07:00
status = "investigating"
message = "m"
[[updates]]
at = 2026-04-14T08:40:00-07:00
status = "mitigating"
message = "m"
[[updates]]
at = 2026-04-14T08:55:00-07:00
status = "monitoring"
message = "m"
[[updates]]
at = 2026-04-14T09:12:00-07:00
status = "resolved"
message = "m"
)";

}  // namespace

TEST_CASE("seed 000 as written meets every SEV1 clock (9 min to acknowledge)") {
  Fixture f(k_seed000_head + "severity = \"SEV1\"\nacknowledged_at = 2026-04-14T08:07:00-07:00\n" + k_seed000_tail);
  CHECK(f.check() == std::string{});
}

TEST_CASE("a late acknowledgement breaches the SLA as a warning with the figures") {
  Fixture f(k_seed000_head + "severity = \"SEV1\"\nacknowledged_at = 2026-04-14T08:20:00-07:00\n" + k_seed000_tail);
  CHECK(f.check() == lines({
                         "sla-breach: SEV1 acknowledge SLA breached: 22m from detected_at to acknowledged_at, target 15m "
                         "(over by 7m)"}));
}

TEST_CASE("a breach by 30 seconds is printed with the seconds") {
  Fixture f(k_seed000_head + "severity = \"SEV1\"\nacknowledged_at = 2026-04-14T08:13:30-07:00\n" + k_seed000_tail);
  CHECK(f.check() == lines({"sla-breach: SEV1 acknowledge SLA breached: 15m 30s from detected_at to acknowledged_at, "
                            "target 15m (over by 30s)"}));
}

TEST_CASE("a closed incident without acknowledged_at: a warning naming the timestamp to add") {
  Fixture f(k_seed000_head + "severity = \"SEV1\"\n" + k_seed000_tail);
  CHECK(f.check() == lines({"sla-not-measurable: SEV1 acknowledge SLA clock cannot be measured: acknowledged_at is "
                            "missing on a closed incident; left out of the compliance rate"}));
  Diagnostics d;
  validate(f.model, *parse_rfc3339("2026-04-14T20:00:00Z"), d);
  REQUIRE(d.all().size() == 1);
  CHECK(d.all()[0].hint == "add acknowledged_at to the incident");
  CHECK(d.all()[0].pos.line == 9);  // resolved_at

  // unmeasurable_clock = "breach": the same clock, counted as breached.
  f.model.severity.unmeasurable_clock = UnmeasurableClock::breach;
  CHECK(f.check() == lines({"sla-not-measurable: SEV1 acknowledge SLA clock cannot be measured: acknowledged_at is "
                            "missing on a closed incident; counted as breached"}));
}

TEST_CASE("severity aliases are accepted; metrics above a higher trigger are not") {
  Fixture f(k_seed000_head +
            "severity = \"Severity 2\"\nacknowledged_at = 2026-04-14T08:07:00-07:00\n" + k_seed000_tail +
            "[metrics]\nerror_rate_pct = 12.5\nerror_rate_minutes = 30\n");
  CHECK(f.check() == lines({
                         "severity-below-trigger: metrics meet the SEV1 trigger 'Error rate > 10% for > 5 minutes' but "
                         "the incident is declared SEV2"}));
}

TEST_CASE("an active SEV1 is held to its cadence and its open clocks against --now") {
  Fixture f(R"(id = "INC-2"
title = "t"
severity = "SEV1"
type = "outage"
components = ["auth"]
started_at = 2026-04-14T07:58:00-07:00
detected_at = 2026-04-14T07:58:00-07:00
acknowledged_at = 2026-04-14T08:00:00-07:00
[roles]
commander = "Dana"
[[updates]]
at = 2026-04-14T08:05:00-07:00
status = "investigating"
message = "m"
)");
  CHECK(f.check("2026-04-14T16:00:00Z") ==
        lines({
            "sla-breach: SEV1 mitigate SLA breached: no mitigated_at 1h 2m after detected_at, target 1h (over by 2m)",
            "role-pending: SEV1 requires a named 'scribe' in [roles] by resolution",
            "update-cadence: no public update for 55m while active; SEV1 requires one every 30m",
        }));
}

TEST_CASE("a public incident may not name an internal component") {
  Fixture f(R"(id = "INC-3"
title = "t"
severity = "SEV3"
type = "outage"
components = ["batch", "auht"]
started_at = 2026-04-14T07:58:00-07:00
)");
  // No detected_at: the acknowledge clock runs from started_at (07:58 PT).
  CHECK(f.check() == lines({
                         "internal-component: public incident references internal-only component 'batch'",
                         "unknown-component: unknown component 'auht'",
                         "sla-breach: SEV3 acknowledge SLA breached: no acknowledged_at 5h 2m after started_at "
                         "(detected_at missing), target 4h (over by 1h 2m)",
                     }));
}

TEST_CASE("a final postmortem is checked against its incident and the template") {
  Fixture f(k_seed000_head + "severity = \"SEV1\"\nacknowledged_at = 2026-04-14T08:07:00-07:00\n" + k_seed000_tail,
            R"(+++
incident = "INC-2026-04-14-001"
title = "t"
status = "final"
authors = ["Dana"]
date = 2026-04-13
severity = "SEV2"
+++
## Incident Summary
Commander: [Name]
## Timeline
## Action Items
| Action | Owner | Due | Status |
|---|---|---|---|
| Fix | | 2026-04-20 | open |
)");
  const auto got = f.check("2026-04-15T00:00:00Z");
  CHECK(got == lines({
                   "missing-section: SEV1 postmortems require the section '## Impact Assessment'",
                   "missing-section: SEV1 postmortems require the section '## Root Cause Analysis'",
                   "missing-section: SEV1 postmortems require the section '## What Went Well'",
                   "missing-section: SEV1 postmortems require the section '## What Went Poorly'",
                   "missing-section: SEV1 postmortems require the section '## Prevention & Detection Improvements'",
                   "missing-section: SEV1 postmortems require the section '## Lessons Learned'",
                   "postmortem-before-resolution: postmortem is dated 2026-04-13, before incident "
                   "INC-2026-04-14-001 was resolved (2026-04-14)",
                   "postmortem-severity-mismatch: postmortem says SEV2 but incident INC-2026-04-14-001 is SEV1",
                   "placeholder: a final postmortem still contains the template placeholder '[Name]'",
                   "placeholder: required section 'Timeline' is empty in a final postmortem",
                   "action-missing-owner: action 'Fix' has no owner",
               }));
}

TEST_CASE("a required postmortem that never came is an error after its deadline only") {
  const std::string inc =
      k_seed000_head + "severity = \"SEV1\"\nacknowledged_at = 2026-04-14T08:07:00-07:00\n" + k_seed000_tail;
  CHECK(Fixture(inc).check("2026-04-16T16:00:00Z").empty());  // 48h not yet over
  CHECK(Fixture(inc).check("2026-04-16T16:13:00Z") ==
        lines({"postmortem-missing: SEV1 requires a postmortem within 2d of resolution (due "
                                 "2026-04-16 09:12 PDT); none found"}));
}

TEST_CASE("a long history is checked on several threads and reported as one thread would, under the caller's levels") {
  Fixture f(k_seed000_head + "severity = \"SEV1\"\nacknowledged_at = 2026-04-14T08:20:00-07:00\n" + k_seed000_tail);
  // Enough incidents for validate_items to split them into many jobs.
  const Incident one = f.model.incidents.front();
  f.model.incidents.clear();
  for (int i = 0; i < 3000; ++i) {
    Incident copy = one;
    copy.id = "INC-" + std::to_string(100000 + i);
    copy.path = "content/incidents/" + copy.id + ".toml";
    f.model.incidents.push_back(std::move(copy));
  }
  f.model.index();
  RulePolicy errors;
  errors.set("sla-breach", Level::error);
  Diagnostics d(errors);
  validate_items(f.model, *parse_rfc3339("2026-04-14T20:00:00Z"), d);
  REQUIRE(d.all().size() == f.model.incidents.size());  // one late acknowledgement each
  for (std::size_t i = 0; i < d.all().size(); ++i) {
    CHECK(d.all()[i].path == f.model.incidents[i].path);  // in incident order, not as the threads finished
    CHECK(d.all()[i].rule == "sla-breach");
    CHECK(d.all()[i].level == Level::error);  // the caller's policy, not the defaults
  }
}
