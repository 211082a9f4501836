#pragma once
// The validator's parts, one per kind of content. Shared helpers below.
#include <string>

#include "model/model.h"
#include "report/follow_up_items.h"
#include "util/diagnostic.h"

namespace sitrep {

struct CheckContext {
  const Model& model;
  TimePoint now;
  Diagnostics& diags;

  // "2026-04-14 08:07 PDT" in the site's zone.
  std::string show(TimePoint t) const;
  Day today() const;
};

void check_components(const CheckContext& ctx);
void check_incident(const CheckContext& ctx, const Incident& inc);
void check_incident_policy(const CheckContext& ctx, const Incident& inc);
void check_maintenance(const CheckContext& ctx, const Maintenance& m);
void check_postmortem(const CheckContext& ctx, const Postmortem& pm);
void check_postmortems_required(const CheckContext& ctx);
// One action item as written: owner, due date, status.
void check_action(const CheckContext& ctx, const std::string& path, const ActionItem& a, bool owner_required);
// action-overdue, once per follow-up of the tracker's list (an item in an
// incident and its postmortem is one item). The list goes to `made` when given.
void check_follow_ups(const CheckContext& ctx, SiteFollowUps* made = nullptr);
void check_unique_ids(const CheckContext& ctx);

// Position of a key, or line 1 of the file when it was not written.
SourcePos at(const KeyPositions& keys, std::string_view key);

}  // namespace sitrep
