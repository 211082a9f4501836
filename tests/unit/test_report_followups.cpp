// The follow-up tracker and postmortem compliance, against hand-worked cases.
#include <doctest/doctest.h>

#include "load/parse.h"
#include "render/internal_context.h"
#include "report/exports.h"
#include "report/followups.h"
#include "report/incident_metrics.h"
#include "report/postmortem_compliance.h"
#include "report_fixture.h"
#include "test_helpers.h"
#include "validate/validate.h"

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
  // INC-A's [[actions]] and its postmortem's rows share no action text: all six are items.
  REQUIRE(r.items.size() == 7);
  const FollowUp& rca = r.items[0];
  CHECK(rca.action == "Complete RCA");
  CHECK(rca.source.origin == ActionOrigin::incident);
  CHECK(rca.source.path == "i0.toml");
  CHECK_FALSE(rca.also.has_value());
  CHECK(rca.is_overdue);
  CHECK(rca.days_overdue == 2);
  CHECK(r.items[1].status == "done");  // written "Done"
  CHECK_FALSE(r.items[1].is_open);

  const FollowUp& guard = r.items[3];
  CHECK(guard.action == "Config guard");
  CHECK(guard.source.origin == ActionOrigin::postmortem);
  CHECK(guard.incident_id == "INC-A");
  CHECK(guard.source.path == "p0.md");
  CHECK(guard.priority == "P0");
  CHECK(guard.status == "open");  // written "Open"
  CHECK(guard.is_overdue);
  CHECK(guard.days_overdue == 1);
  const FollowUp& load_test = r.items[4];
  CHECK_FALSE(load_test.due.has_value());  // "April 19" is not a date
  CHECK(load_test.due_text == "April 19");
  CHECK(load_test.status == "in_progress");  // written "In progress"
  CHECK(load_test.is_open);
  CHECK_FALSE(load_test.is_overdue);
  CHECK_FALSE(r.items[5].is_open);  // wont_do closes an item

  const FollowUp& alert = r.items[6];
  CHECK(alert.incident_id == "INC-B");
  CHECK(alert.source.path == "i1.toml");
  CHECK(alert.status == "blocked");
  CHECK(alert.is_open);
  // Due on the local today is not overdue yet, though UTC is a day ahead.
  CHECK_FALSE(alert.is_overdue);
  CHECK(alert.days_overdue == 0);

  CHECK(r.open == 5);
  CHECK(r.closed == 2);
  CHECK(r.overdue == 2);
  const std::vector<std::pair<std::string, std::size_t>> statuses{
      {"open", 2}, {"in_progress", 2}, {"blocked", 1}, {"done", 1}, {"wont_do", 1}};
  CHECK(r.by_status == statuses);
}

TEST_CASE("grouped by owner and by incident, soonest due first") {
  const FollowUpReport r = follow_ups(fixture(), k_now);
  std::vector<std::string> owners;
  for (const auto& g : r.by_owner) owners.push_back(g.key);
  CHECK(owners == std::vector<std::string>{"Backend Lead", "Comms Lead", "QA", "Tier1 Lead"});
  CHECK(items_of(r.by_owner[0]) == std::vector<std::size_t>{0, 3, 2});  // due 17th, 18th, 19th
  CHECK(r.by_owner[0].open == 3);
  CHECK(r.by_owner[0].overdue == 2);
  CHECK(items_of(r.by_owner[2]) == std::vector<std::size_t>{6, 4});  // no due date last

  REQUIRE(r.by_incident.size() == 2);
  CHECK(r.by_incident[0].key == "INC-A");
  CHECK(items_of(r.by_incident[0]) == std::vector<std::size_t>{5, 1, 0, 3, 2, 4});  // due 10th ... 19th, none
  CHECK(r.by_incident[0].open == 4);
  CHECK(r.by_incident[0].overdue == 2);
  CHECK(r.by_incident[1].key == "INC-B");
}

namespace {

// One incident, one postmortem: an item only in [[actions]] ("Rotate keys"),
// one only in the table ("Write runbook"), and two in both, matched by their
// normalised text; the row wins each field it fills.
const Model& merge_fixture() {
  static const Model model = make_model(
      {incident("INC-M", "SEV3", "2026-04-02T10:00:00-07:00",
                // lines 8-13, 14-18, 19-23 of i0.toml
                "[[actions]]\naction = \"Add config guard\"\nowner = \"Backend Lead\"\ndue = 2026-04-10\n"
                "status = \"open\"\npriority = \"P2\"\n" +
                    action("Rotate keys", "Sec Lead", "2026-04-15", "open") +
                    action("Fix the alert", "QA", "2026-04-01", "open"))},
      {postmortem("INC-M", "draft", "2026-04-15", R"(## Action Items
| Priority | Action | Owner | Due Date | Status |
|---|---|---|---|---|
|  | Add config-guard. | Dana Reyes | 2026-04-12 | In progress |
| P1 | Write runbook | Ops Lead | 2026-04-16 | open |
| P3 | fix  the ALERT | QA | 2026-04-01 | Done |
)")});
  return model;
}

}  // namespace

TEST_CASE("action texts match by letters and digits, ASCII case and punctuation aside") {
  CHECK(action_match_key("  Add config-guard. ") == "add config guard");
  CHECK(action_match_key("ADD CONFIG GUARD") == "add config guard");
  CHECK(action_match_key("Re-run") == "re run");
  CHECK(action_match_key("Rerun") == "rerun");
  CHECK(action_match_key("Zoë's **fix**") == "zoë s fix");
  CHECK(action_match_key("Zoë") != action_match_key("ZOË"));  // no case folding outside ASCII
  CHECK(action_match_key("--") == "");
}

TEST_CASE("one list: an item in an incident and its postmortem is one item, with the row's values") {
  const FollowUpReport r = follow_ups(merge_fixture(), k_now);
  REQUIRE(r.items.size() == 4);
  const FollowUp& guard = r.items[0];
  CHECK(guard.action == "Add config-guard.");
  CHECK(guard.owner == "Dana Reyes");
  CHECK(guard.priority == "P2");  // the row's cell is empty: the incident's value stays
  CHECK(format_date(*guard.due) == "2026-04-12");
  CHECK(guard.status == "in_progress");
  CHECK(guard.source.origin == ActionOrigin::postmortem);
  CHECK(guard.source.path == "p0.md");
  CHECK(guard.source.pos.line == 12);
  REQUIRE(guard.also.has_value());
  CHECK(guard.also->origin == ActionOrigin::incident);
  CHECK(guard.also->path == "i0.toml");
  CHECK(guard.also->pos.line == 8);
  CHECK(guard.days_overdue == 7);

  CHECK(r.items[1].action == "Rotate keys");
  CHECK(r.items[1].source.path == "i0.toml");
  CHECK(r.items[1].source.pos.line == 14);
  CHECK_FALSE(r.items[1].also.has_value());

  const FollowUp& alert = r.items[2];  // open in the incident, done in the postmortem
  CHECK(alert.action == "fix  the ALERT");
  CHECK(alert.status == "done");
  CHECK_FALSE(alert.is_open);
  CHECK(alert.source.pos.line == 14);
  CHECK(alert.also->pos.line == 19);

  CHECK(r.items[3].action == "Write runbook");
  CHECK(r.items[3].source.pos.line == 13);
  CHECK_FALSE(r.items[3].also.has_value());

  CHECK(r.open == 3);
  CHECK(r.closed == 1);
  CHECK(r.overdue == 3);
  REQUIRE(r.by_incident.size() == 1);
  CHECK(r.by_incident[0].items == std::vector<std::size_t>{2, 0, 1, 3});  // due 1st, 12th, 15th, 16th
  CHECK(r.by_incident[0].overdue == 3);
  std::vector<std::string> owners;
  for (const auto& g : r.by_owner) owners.push_back(g.key + " " + std::to_string(g.items.size()));
  CHECK(owners == std::vector<std::string>{"Dana Reyes 1", "Ops Lead 1", "QA 1", "Sec Lead 1"});
  CHECK(all_incident_metrics(merge_fixture(), k_now)[0].action_items_count == 4);
}

TEST_CASE("one list: actions.csv has a row per item, with both places of an item in both") {
  CHECK(actions_csv(follow_ups(merge_fixture(), k_now)) ==
        "incident_id,source,source_path,source_line,also_path,also_line,action,owner,priority,due,status,open,"
        "overdue,days_overdue\r\n"
        "INC-M,both,p0.md,12,i0.toml,8,Add config-guard.,Dana Reyes,P2,2026-04-12,in_progress,true,true,7\r\n"
        "INC-M,incident,i0.toml,14,,,Rotate keys,Sec Lead,,2026-04-15,open,true,true,4\r\n"
        "INC-M,both,p0.md,14,i0.toml,19,fix  the ALERT,QA,P3,2026-04-01,done,false,false,\r\n"
        "INC-M,postmortem,p0.md,13,,,Write runbook,Ops Lead,P1,2026-04-16,open,true,true,3\r\n");
}

TEST_CASE("one list: check warns once per overdue item, where the tracker shows it") {
  Diagnostics d;
  validate(merge_fixture(), k_now, d);
  std::vector<std::string> overdue;
  for (const auto& x : d.all())
    if (x.rule == "action-overdue")
      overdue.push_back(x.path + ":" + std::to_string(x.pos.line) + ": " + x.message + (x.hint.empty() ? "" : " | " + x.hint));
  CHECK(overdue == std::vector<std::string>{
                       "p0.md:12: action 'Add config-guard.' (owner Dana Reyes) was due 2026-04-12 and is still "
                       "'in_progress' | the same item as i0.toml:8 (the postmortem row's values count)",
                       "i0.toml:14: action 'Rotate keys' (owner Sec Lead) was due 2026-04-15 and is still 'open'",
                       "p0.md:13: action 'Write runbook' (owner Ops Lead) was due 2026-04-16 and is still 'open'",
                   });
}

TEST_CASE("one list: the list check made is the build's tracker and metrics counts, for its day only") {
  // INC-A twice (a duplicated id, an error of its own): its postmortem's
  // rows pair with the first only, so the second counts its own entries.
  Model model = fixture();
  Incident twin = *model.find_incident("INC-A");
  twin.path = "content/incidents/twin.toml";
  model.incidents.push_back(twin);
  model.index();
  Diagnostics d;
  SiteFollowUps made;
  validate(model, k_now, d, made);
  const FollowUpReport fresh = follow_ups(model, k_now);
  REQUIRE(made.items.size() == fresh.items.size());
  CHECK(made.today == fresh.today);
  for (std::size_t i = 0; i < made.items.size(); ++i) {
    CHECK(made.items[i].action == fresh.items[i].action);
    CHECK(made.items[i].is_overdue == fresh.items[i].is_overdue);
  }
  // Per incident: INC-A 3 entries + 3 rows of which none pair = 6 (by hand:
  // "Complete RCA", "Publish postmortem", "Due today", then the rows
  // "Config guard", "Load test", "Playbook"); INC-B 1; the twin its 3.
  REQUIRE(made.of_incident.size() == model.incidents.size());
  std::size_t counted = 0;
  for (std::size_t i = 0; i < model.incidents.size(); ++i) {
    counted += made.of_incident[i];
    const IncidentMetrics m = all_incident_metrics(model, k_now)[i];
    CHECK(m.action_items_count == made.of_incident[i]);
    if (model.incidents[i].id == "INC-A") CHECK(made.of_incident[i] == (model.incidents[i].path == twin.path ? 3u : 6u));
    if (model.incidents[i].id == "INC-B") CHECK(made.of_incident[i] == 1);
  }
  CHECK(counted == made.items.size());  // every postmortem names a known incident
  const InternalFigures handed = make_internal_figures(model, k_now, made);
  CHECK(handed.followups.items.size() == fresh.items.size());
  CHECK(handed.followups.overdue == fresh.overdue);
  for (std::size_t i = 0; i < model.incidents.size(); ++i)
    CHECK(handed.metrics[i].action_items_count == made.of_incident[i]);

  SUBCASE("a list for another day is made again for the build's") {
    SiteFollowUps yesterday;
    Diagnostics d2;
    validate(model, k_now - std::chrono::hours{24}, d2, yesterday);
    REQUIRE(yesterday.today != made.today);
    const InternalFigures remade = make_internal_figures(model, k_now, yesterday);
    CHECK(remade.followups.today == fresh.today);
    CHECK(remade.followups.overdue == fresh.overdue);
  }
  SUBCASE("a list of another model's incidents is made again") {
    SiteFollowUps other;
    Diagnostics d2;
    validate(fixture(), k_now, d2, other);
    const InternalFigures remade = make_internal_figures(model, k_now, other);
    CHECK(remade.followups.items.size() == fresh.items.size());
  }
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

TEST_CASE("a long history's follow-ups are gathered on several threads, in incident order, each paired once") {
  // INC-A's items (two paired with its postmortem's rows, the rest alone),
  // then many copies of it under new ids without postmortems: enough for
  // site_follow_ups to split the incidents across threads.
  Model model = fixture();
  const Incident a = *model.find_incident("INC-A");
  for (int i = 0; i < 5000; ++i) {
    Incident copy = a;
    copy.id = "INC-X" + std::to_string(10000 + i);
    copy.path = "content/incidents/" + copy.id + ".toml";
    model.incidents.push_back(std::move(copy));
  }
  model.index();
  const Day today = Day{std::chrono::year{2026} / 4 / 19};
  const std::vector<FollowUp> all = site_follow_ups(model, today).items;
  // The six incidents of the fixture keep their items first, as before.
  const std::vector<FollowUp> small = site_follow_ups(fixture(), today).items;
  REQUIRE(all.size() == small.size() + 5000 * a.actions.size());
  // (Every postmortem of the fixture names one of its incidents, so no
  // unpaired rows come after the incidents' items.)
  for (std::size_t i = 0; i < small.size(); ++i) {
    CHECK(all[i].action == small[i].action);
    CHECK(all[i].incident_id == small[i].incident_id);
    CHECK(all[i].also.has_value() == small[i].also.has_value());
  }
  // Then each copy: its own entries, unpaired (no postmortem names it), in file order.
  std::size_t copies = 0;
  for (std::size_t i = small.size(); i < all.size(); ++i) {
    const std::size_t k = copies % a.actions.size();
    CHECK(all[i].incident_id == "INC-X" + std::to_string(10000 + copies / a.actions.size()));
    CHECK(all[i].action == a.actions[k].action);
    CHECK_FALSE(all[i].also);
    ++copies;
  }
  CHECK(copies == 5000 * a.actions.size());
}
