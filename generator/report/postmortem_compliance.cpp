#include "report/postmortem_compliance.h"

#include "report/postmortem_index.h"

namespace sitrep {
namespace {

std::optional<TimePoint> deadline_of(const Incident& inc, const SeverityLevel* level) {
  if (!level || !level->postmortem_within || !inc.resolved_at) return std::nullopt;
  return *inc.resolved_at + *level->postmortem_within;
}

RequiredPostmortem required_entry(const Model& model, const Incident& inc, const SeverityLevel& level,
                                  const Postmortem* pm, TimePoint now) {
  const TimeZone zone = model.site.time_zone;
  RequiredPostmortem r;
  r.incident_id = inc.id;
  r.incident_path = inc.path;
  r.severity = level.id;
  r.resolved_at = inc.resolved_at;
  r.deadline = deadline_of(inc, &level);
  if (pm) {
    r.missing = false;
    r.postmortem_path = pm->path;
    r.status = pm->status;
    r.date = pm->date;
    r.is_final = pm->status == model.postmortem_template.final_status;
  }
  if (!r.deadline) return r;
  if (!r.is_final && now > *r.deadline) {
    r.overdue = true;
    r.days_past_deadline = static_cast<int>(std::chrono::floor<std::chrono::days>(now - *r.deadline).count());
  }
  // The postmortem's date is a calendar day, so compare days, as `check` does.
  if (r.is_final && r.date && *r.date > local_day(*r.deadline, zone)) r.completed_late = true;
  return r;
}

}  // namespace

PostmortemCompliance postmortem_compliance(const Model& model, TimePoint now) {
  const PostmortemsByIncident index = postmortems_by_incident(model);
  PostmortemCompliance out;
  for (const auto& inc : model.incidents) {
    const SeverityLevel* level = model.severity.level(inc.severity);
    if (!level || !level->postmortem_required) continue;
    out.required.push_back(required_entry(model, inc, *level, postmortem_of(index, inc.id), now));
    const RequiredPostmortem& r = out.required.back();
    const bool late = r.deadline && now > *r.deadline;
    out.missing += r.missing && late ? 1 : 0;
    out.pending += r.missing && !late ? 1 : 0;
    out.overdue += r.overdue ? 1 : 0;
    out.completed += r.is_final ? 1 : 0;
    out.completed_late += r.completed_late ? 1 : 0;
  }

  const auto& statuses = model.postmortem_template.statuses;
  if (statuses.empty()) return out;
  const Day today = local_day(now, model.site.time_zone);
  for (const auto& pm : model.postmortems) {
    if (pm.status != statuses.front()) continue;
    DraftPostmortem d;
    d.path = pm.path;
    d.incident_id = pm.incident;
    d.status = pm.status;
    d.date = pm.date;
    if (pm.date) d.age_days = static_cast<int>((today - *pm.date).count());
    if (const Incident* inc = model.find_incident(pm.incident))
      d.deadline = deadline_of(*inc, model.severity.level(inc->severity));
    d.past_deadline = d.deadline && now > *d.deadline;
    out.drafts.push_back(std::move(d));
  }
  return out;
}

}  // namespace sitrep
