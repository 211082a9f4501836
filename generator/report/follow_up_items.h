#pragma once
// The one list of follow-ups, from incidents' [[actions]] and postmortems'
// action tables, with an item written in both places counted once. The
// tracker, actions.csv, every count and `sitrep check`'s action-overdue
// warning all read this list, so they agree item for item.
//
// The rule (docs/content-format.md, "Follow-ups"): a postmortem row and an
// incident's [[actions]] entry are the same item when the postmortem names
// that incident and their action texts have the same action_match_key.
// Pairs are one to one: each row takes the first unpaired entry with its
// key, rows in postmortem path order then table order. In a pair the row,
// the later document, wins each field it fills; an empty cell (or a column
// the table lacks, such as Priority) keeps the incident's value.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "model/model.h"

namespace sitrep {

enum class ActionOrigin { incident, postmortem };

struct ActionSource {
  ActionOrigin origin = ActionOrigin::incident;
  std::string path;  // incident file or postmortem file
  SourcePos pos;     // the [[actions]] table or the table row
};

struct FollowUp {
  std::string action, owner, priority;
  std::string status;  // canonical when the template knows it, else as written
  std::optional<Day> due;
  std::string due_text;     // as written; set even when it is not a date
  std::string incident_id;  // the incident, or the incident its postmortem names
  // The postmortem row when there is one, else the incident's entry.
  ActionSource source;
  // The incident's [[actions]] entry, when the item is also a postmortem row.
  std::optional<ActionSource> also;
  bool is_open = true;
  bool is_overdue = false;  // open and due before today (set by site_follow_ups)
  int days_overdue = 0;     // today - due, when overdue
};

// "Add config-guard." and "add  config guard" -> "add config guard": ASCII
// letters lowercased, every run of anything that is not an ASCII letter or
// digit (white space, punctuation) one space, none at the ends; other bytes
// (UTF-8) kept as they are. Empty text never matches anything.
std::string action_match_key(std::string_view action);

// One incident's follow-ups: its [[actions]] in file order (each with the
// postmortem row it pairs with, if any), then the rows that paired with
// nothing. `inc` may be null (postmortems naming no known incident): then
// their rows only. Open/closed is set; overdue is not (it needs a day).
std::vector<FollowUp> incident_follow_ups(const Incident* inc, const std::vector<const Postmortem*>& postmortems,
                                          const PostmortemTemplate& tpl);

// Every follow-up of the site: incidents in model order, then the rows of
// postmortems that name no known incident, in path order; overdue as of
// `today` (the site's calendar); with how many of the items are each
// incident's. `check`'s overdue warning makes it once and hands it to a
// build's tracker and metrics counts (validate.h).
struct SiteFollowUps {
  Day today{};                           // the day `items` are overdue as of
  std::vector<FollowUp> items;           // incidents' items, then rows of postmortems naming no known incident
  std::vector<std::size_t> of_incident;  // per model.incidents index: its items, first in `items` in that order
};
SiteFollowUps site_follow_ups(const Model& model, Day today);

}  // namespace sitrep
