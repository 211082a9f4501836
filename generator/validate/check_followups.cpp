// Overdue follow-ups, read from the tracker's own list (site_follow_ups), so
// that `check` warns about exactly the items the tracker shows overdue, and
// once for an item written in both an incident and its postmortem.
#include "report/follow_up_items.h"
#include "validate/checks.h"

namespace sitrep {

void check_follow_ups(const CheckContext& ctx, SiteFollowUps* made) {
  SiteFollowUps all = site_follow_ups(ctx.model, ctx.today());
  for (const FollowUp& f : all.items) {
    if (!f.is_overdue) continue;
    const std::string what = f.action.empty() ? std::string{"action item"} : "action '" + f.action + "'";
    const std::string state = f.status.empty() ? "has no status" : "is still '" + f.status + "'";
    // Reported where the winning values are written; the hint names the other copy.
    const std::string hint =
        f.also ? "the same item as " + f.also->path + ":" + std::to_string(f.also->pos.line) +
                     " (the postmortem row's values count)"
               : std::string{};
    ctx.diags.report(f.source.path, f.source.pos, "action-overdue",
                     what + " (owner " + (f.owner.empty() ? "none" : f.owner) + ") was due " + format_date(*f.due) +
                         " and " + state,
                     hint);
  }
  if (made) *made = std::move(all);
}

}  // namespace sitrep
