// Postmortem compliance: every incident whose severity requires a
// postmortem (exists? status, deadline, overdue?), the ones still owed
// first, cut into pages (render/pagination.h); and on the first page the
// postmortems still in draft.
#include <algorithm>

#include "render/internal_pages.h"
#include "render/internal_urls.h"
#include "render/pagination.h"
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
  page["draft_status"] = ctx.model.postmortem_template.statuses.empty()
                             ? std::string{"draft"}
                             : word_label(ctx.model.postmortem_template.statuses.front());
  // The first page only, and at most a page of them: every postmortem, with
  // its status, is on the pages of postmortems.html.
  Json drafts = Json::array();
  for (const auto& d : c.drafts) {
    if (drafts.size() == ctx.rows_per_page()) {
      page["drafts_more"] = std::to_string(c.drafts.size() - ctx.rows_per_page()) + " more in " +
                            page["draft_status"].get<std::string>() + " are not shown here.";
      break;
    }
    drafts.push_back(draft_json(ctx, d));
  }
  page["drafts"] = drafts;

  // Reverse file order: incident files are named by date, so the recent
  // obligations come first. The ones still owed (no final postmortem) go
  // before the final ones, which fill the later pages.
  std::vector<const RequiredPostmortem*> required;
  for (auto it = c.required.rbegin(); it != c.required.rend(); ++it) required.push_back(&*it);
  std::stable_partition(required.begin(), required.end(),
                        [](const RequiredPostmortem* r) { return r->missing || !r->is_final; });
  const std::vector<PageRange> pages = even_pages(required.size(), ctx.rows_per_page());
  Outputs out;
  for (std::size_t p = 0; p < pages.size(); ++p) {
    const std::string page_path = internal_urls::nth_page(path, p + 1);
    Json this_page = p == 0 ? page
                            : internal_page_json(ctx, page_path, "Postmortem compliance" + page_title_suffix(p + 1, pages.size()),
                                                 InternalSection::compliance);
    this_page["first_page"] = p == 0;
    Json rows = Json::array();
    for (std::size_t i = pages[p].begin; i < pages[p].end; ++i) rows.push_back(required_json(ctx, *required[i]));
    this_page["required"] = rows;
    this_page["pager"] = pager_json(p + 1, pages.size(), [&](std::size_t n) { return internal_urls::nth_page(path, n); });
    out.push_back(render_internal_page(ctx, "internal_compliance", page_path, this_page));
  }
  return out;
}

}  // namespace sitrep
