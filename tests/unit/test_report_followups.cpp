// The follow-up tracker and postmortem compliance, against hand-worked cases.
#include <doctest/doctest.h>

#include "load/parse.h"
#include "report/followups.h"
#include "report/postmortem_compliance.h"
#include "report_fixture.h"
#include "test_helpers.h"

using namespace sitrep;

namespace {

std::string incident(const std::string& id, const std::string& severity, const std::string& resolved,
                     const std::string& extra = "") {
  return "id = \"" + id + "\"\ntitle = \"t\"\nseverity = \"" + severity +
         "\"\ntype = \"outage\"\ncomponents = [\"auth\"]\nstarted_at = 2026-04-01T08:00:00-07:00\n" +
         (resolved.empty() ? "" : "resolved_at = " + resolved + "\n") + extra;
}

std::string action(const char* what, const char* owner, const char* due, const char* status) {
  return std::string{"[[actions]]\naction = \""} + what + "\"\nowner = \"" + owner + "\"\ndue = " + due +
         "\nstatus = \"" + status + "\"\n";
}

std::string postmortem(const char* incident, const char* status, const char* date, const std::string& body = "") {
  return std::string{"+++\nincident = \""} + incident + "\"\ntitle = \"t\"\nstatus = \"" + status +
         "\"\nauthors = [\"Dana\"]\ndate = " + date + "\n+++\n\n" + body;
}

const Model& fixture() {
  static const Model model = make_model(
      {
          incident("INC-A", "SEV1", "2026-04-14T09:12:00-07:00",
                   action("Complete RCA", "Backend Lead", "2026-04-17", "open") +
                       action("Publish postmortem", "Comms Lead", "2026-04-16", "Done") +
                       action("Due today", "Backend Lead", "2026-04-19", "in_progress")),
          incident("INC-B", "SEV2", "2026-04-18T10:00:00-07:00", action("Add alert", "QA", "2026-04-19", "blocked")),
          incident("INC-C", "SEV3", "2026-04-18T10:00:00-07:00"),
          incident("INC-D", "SEV1", ""),
          incident("INC-E", "SEV2", "2026-04-01T10:00:00-07:00"),
          incident("INC-F", "SEV1", "2026-04-10T12:00:00-07:00"),
      },
      {
          postmortem("INC-A", "draft", "2026-04-15", R"(## Action Items
| Priority | Action | Owner | Due Date | Status |
|---|---|---|---|---|
| P0 | Config guard | Backend Lead | 2026-04-18 | Open |
| P1 | Load test | QA | April 19 | In progress |
| P2 | Playbook | Tier1 Lead | 2026-04-10 | wont_do |
)"),
          postmortem("INC-E", "final", "2026-04-09"),
          postmortem("INC-C", "draft", "2026-04-19"),
      });
  return model;
}

// 23:00 PDT on 19 April: today is the 19th in the site's zone (the 20th in UTC).
const TimePoint k_now = *parse_rfc3339("2026-04-20T06:00:00Z");

std::vector<std::size_t> items_of(const FollowUpGroup& g) { return g.items; }

}  // namespace

TEST_CASE("every action item with its canonical status, source and overdue state") {
  const FollowUpReport r = follow_ups(fixture(), k_now);
  CHECK(format_date(r.today) == "2026-04-19");
  // INC-A's postmortem has an action table: it replaces INC-A's [[actions]].
  REQUIRE(r.items.size() == 4);
  for (const auto& f : r.items) CHECK(f.source_path != "i0.toml");
  const FollowUp& alert = r.items[0];
  CHECK(alert.incident_id == "INC-B");
  CHECK(alert.source_path == "i1.toml");
  CHECK(alert.origin == ActionOrigin::incident);
  CHECK(alert.status == "blocked");
  CHECK(alert.is_open);
  // Due on the local today is not overdue yet, though UTC is a day ahead.
  CHECK_FALSE(alert.is_overdue);
  CHECK(alert.days_overdue == 0);

  const FollowUp& guard = r.items[1];
  CHECK(guard.action == "Config guard");
  CHECK(guard.origin == ActionOrigin::postmortem);
  CHECK(guard.incident_id == "INC-A");
  CHECK(guard.source_path == "p0.md");
  CHECK(guard.priority == "P0");
  CHECK(guard.status == "open");  // written "Open"
  CHECK(guard.is_overdue);
  CHECK(guard.days_overdue == 1);
  const FollowUp& load_test = r.items[2];
  CHECK_FALSE(load_test.due.has_value());  // "April 19" is not a date
  CHECK(load_test.due_text == "April 19");
  CHECK(load_test.status == "in_progress");  // written "In progress"
  CHECK(load_test.is_open);
  CHECK_FALSE(load_test.is_overdue);
  CHECK_FALSE(r.items[3].is_open);  // wont_do closes an item

  CHECK(r.open == 3);
  CHECK(r.closed == 1);
  CHECK(r.overdue == 1);
  const std::vector<std::pair<std::string, std::size_t>> statuses{
      {"open", 1}, {"in_progress", 1}, {"blocked", 1}, {"done", 0}, {"wont_do", 1}};
  CHECK(r.by_status == statuses);
}

TEST_CASE("grouped by owner and by incident, soonest due first") {
  const FollowUpReport r = follow_ups(fixture(), k_now);
  std::vector<std::string> owners;
  for (const auto& g : r.by_owner) owners.push_back(g.key);
  CHECK(owners == std::vector<std::string>{"Backend Lead", "QA", "Tier1 Lead"});
  CHECK(items_of(r.by_owner[0]) == std::vector<std::size_t>{1});
  CHECK(r.by_owner[0].open == 1);
  CHECK(r.by_owner[0].overdue == 1);
  CHECK(items_of(r.by_owner[1]) == std::vector<std::size_t>{0, 2});  // no due date last

  REQUIRE(r.by_incident.size() == 2);
  CHECK(r.by_incident[0].key == "INC-A");
  CHECK(items_of(r.by_incident[0]) == std::vector<std::size_t>{3, 1, 2});  // due 10th, 18th, none
  CHECK(r.by_incident[0].open == 2);
  CHECK(r.by_incident[1].key == "INC-B");
}

TEST_CASE("postmortem compliance: required, missing, overdue, late, drafts") {
  const PostmortemCompliance c = postmortem_compliance(fixture(), k_now);
  std::vector<std::string> ids;
  for (const auto& r : c.required) ids.push_back(r.incident_id);
  CHECK(ids == std::vector<std::string>{"INC-A", "INC-B", "INC-D", "INC-E", "INC-F"});  // SEV3 owes none

  const RequiredPostmortem& a = c.required[0];
  CHECK(format_rfc3339_utc(*a.deadline) == "2026-04-16T16:12:00Z");  // resolved + 48h
  CHECK_FALSE(a.missing);
  CHECK(a.status == "draft");
  CHECK(a.postmortem_path == "p0.md");
  CHECK(a.overdue);
  CHECK(a.days_past_deadline == 3);  // 3 days 13h48m

  const RequiredPostmortem& b = c.required[1];
  CHECK(b.missing);
  CHECK(format_rfc3339_utc(*b.deadline) == "2026-04-25T17:00:00Z");  // + 7 days
  CHECK_FALSE(b.overdue);
  CHECK_FALSE(b.days_past_deadline.has_value());

  const RequiredPostmortem& d = c.required[2];
  CHECK(d.missing);
  CHECK_FALSE(d.deadline.has_value());  // unresolved: nothing owed yet
  CHECK_FALSE(d.overdue);

  const RequiredPostmortem& e = c.required[3];
  CHECK(e.is_final);
  CHECK_FALSE(e.overdue);
  CHECK(e.completed_late);  // dated the 9th, due the 8th

  const RequiredPostmortem& f = c.required[4];
  CHECK(f.missing);
  CHECK(f.overdue);
  CHECK(f.days_past_deadline == 7);

  CHECK(c.missing == 1);  // F only: B is due but not late, D not resolved
  CHECK(c.pending == 2);
  CHECK(c.overdue == 2);
  CHECK(c.completed == 1);
  CHECK(c.completed_late == 1);

  REQUIRE(c.drafts.size() == 2);
  CHECK(c.drafts[0].incident_id == "INC-A");
  CHECK(c.drafts[0].age_days == 4);
  CHECK(c.drafts[0].past_deadline);
  CHECK(c.drafts[1].incident_id == "INC-C");
  CHECK(c.drafts[1].age_days == 0);
  CHECK_FALSE(c.drafts[1].deadline.has_value());  // SEV3 sets no deadline
  CHECK_FALSE(c.drafts[1].past_deadline);
}
