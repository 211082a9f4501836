// Postmortem compliance: every incident whose severity requires a
// postmortem (exists? status, deadline, overdue?) and the postmortems still
// in draft.
#include "render/internal_pages.h"
#include "render/internal_urls.h"
#include "util/duration.h"

namespace sitrep {
namespace {

std::string days(int n) { return std::to_string(n) + (n == 1 ? " day" : " days"); }

Json postmortem_link(const InternalContext& ctx, const std::string& file) {
  auto it = ctx.postmortem_by_file.find(file);
  if (it == ctx.postmortem_by_file.end()) return nullptr;
  return Json{{"pm_url", ctx.postmortem_paths[it->second]}, {"pm_title", ctx.model.postmortems[it->second].title}};
}

Json required_json(const InternalContext& ctx, const RequiredPostmortem& r) {
  std::string state;
  // "Missing" only once it is late; before that it is due, not yet late.
  if (r.missing)
    state = r.overdue    ? "Missing (past the deadline)"
            : r.deadline ? "Pending: due, not yet late"
                         : "Pending: incident not resolved, no deadline yet";
  else if (r.is_final)
    state = r.completed_late ? "Final, completed after the deadline" : "Final";
  else
    state = word_label(r.status) + (r.overdue ? ", overdue" : "");
  Json j{{"ref", incident_ref_json(ctx, r.incident_id, "")},
         {"severity", r.severity},
         {"resolved", itime_json(ctx, r.resolved_at)},
         {"deadline", itime_json(ctx, r.deadline)},
         {"exists", r.missing ? "No" : "Yes"},
         {"state", state},
         {"overdue", r.overdue},
         {"pm", postmortem_link(ctx, r.postmortem_path)},
         {"pm_date", r.date ? format_date(*r.date) : "—"}};
  if (r.days_past_deadline) j["overdue_text"] = "Overdue by " + days(*r.days_past_deadline);
  return j;
}

Json draft_json(const InternalContext& ctx, const DraftPostmortem& d) {
  Json j{{"ref", incident_ref_json(ctx, d.incident_id, "")},
         {"pm", postmortem_link(ctx, d.path)},
         {"status_label", word_label(d.status)},
         {"pm_date", d.date ? format_date(*d.date) : "not given"},
         {"age", d.age_days ? days(*d.age_days) : "n/a"},
         {"deadline", itime_json(ctx, d.deadline)},
         {"overdue", d.past_deadline}};
  if (d.past_deadline) j["overdue_text"] = "Past the deadline";
  return j;
}

}  // namespace

Outputs render_internal_compliance(const InternalContext& ctx) {
  const PostmortemCompliance& c = ctx.compliance;
  const std::string path{internal_urls::k_compliance};
  Json page = internal_page_json(ctx, path, "Postmortem compliance", InternalSection::compliance);
  Json policy = Json::array();
  for (const auto& l : ctx.model.severity.levels)
    policy.push_back(
        {{"level", l.id},
         {"rule", l.postmortem_required
                      ? "required" + (l.postmortem_within
                                          ? " within " + format_duration(*l.postmortem_within) + " of resolution"
                                          : std::string{})
                      : "not required"}});
  page["policy"] = policy;
  page["required_count"] = std::to_string(c.required.size());
  page["missing"] = std::to_string(c.missing);
  page["pending"] = std::to_string(c.pending);
  page["overdue_count"] = std::to_string(c.overdue);
  page["completed"] = std::to_string(c.completed);
  page["completed_late"] = std::to_string(c.completed_late);
  Json required = Json::array();
  // Reverse file order: incident files are named by date, so the recent
  // obligations, the ones still open, come first.
  for (auto it = c.required.rbegin(); it != c.required.rend(); ++it) required.push_back(required_json(ctx, *it));
  page["required"] = required;
  Json drafts = Json::array();
  for (const auto& d : c.drafts) drafts.push_back(draft_json(ctx, d));
  page["drafts"] = drafts;
  page["draft_status"] = ctx.model.postmortem_template.statuses.empty()
                             ? std::string{"draft"}
                             : word_label(ctx.model.postmortem_template.statuses.front());
  return {render_internal_page(ctx, "internal_compliance", path, page)};
}

}  // namespace sitrep
