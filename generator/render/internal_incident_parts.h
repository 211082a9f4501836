#pragma once
// The larger pieces of an internal incident page, each a pure function of
// the incident and the policy.
#include "render/internal_common.h"

namespace sitrep {

// The measured metrics, and every declaration trigger of the policy checked
// against them (Condition::holds; an absent metric never meets a trigger):
// {"metrics", "triggers", "trigger_summary"}.
Json triggers_json(const InternalContext& ctx, const Incident& inc);

// The response timeline's severity over time as a step chart, or null when
// no entry names a known severity.
Json severity_chart_json(const InternalContext& ctx, const Incident& inc);

// The incident's follow-ups as the tracker lists them (report/follow_up_items.h:
// its [[actions]] and its postmortem's table rows, an item in both once):
// {"items", "note"}.
Json incident_actions_json(const InternalContext& ctx, const Incident& inc, std::string_view root);

// The public updates as customers saw them, newest first, with the
// components each one changed (internal components flagged).
Json updates_json(const InternalContext& ctx, const Incident& inc);

// Where the incident stands on the public site, in words.
std::string publication_note(const InternalContext& ctx, const Incident& inc);

}  // namespace sitrep
