// Shape and references of one incident: policy names, components, the order
// of its timestamps and of its public updates.
#include <algorithm>

#include "model/policy.h"
#include "util/did_you_mean.h"
#include "validate/checks.h"

namespace sitrep {
namespace {

bool contains(const std::vector<std::string>& list, std::string_view s) {
  return std::find(list.begin(), list.end(), s) != list.end();
}

void check_names(const CheckContext& ctx, const Incident& inc) {
  const SeverityPolicy& policy = ctx.model.severity;
  Diagnostics& d = ctx.diags;
  if (!inc.severity.empty() && !policy.level(inc.severity))
    d.report(inc.path, at(inc.key_pos, "severity"), "unknown-severity", "unknown severity '" + inc.severity + "'",
             did_you_mean(inc.severity, policy.level_names()));
  if (!inc.type.empty() && !contains(policy.incident_types, inc.type))
    d.report(inc.path, at(inc.key_pos, "type"), "unknown-type", "unknown incident type '" + inc.type + "'",
             did_you_mean(inc.type, policy.incident_types));
  if (!inc.resolution_method.empty() && !contains(policy.resolution_methods, inc.resolution_method))
    d.report(inc.path, at(inc.key_pos, "resolution_method"), "unknown-resolution-method",
             "unknown resolution method '" + inc.resolution_method + "'",
             did_you_mean(inc.resolution_method, policy.resolution_methods));
  if (inc.root_cause && !inc.root_cause->category.empty() &&
      !contains(policy.root_cause_categories, inc.root_cause->category))
    d.report(inc.path, at(inc.root_cause->key_pos, "category"), "unknown-category",
             "unknown root-cause category '" + inc.root_cause->category + "'",
             did_you_mean(inc.root_cause->category, policy.root_cause_categories));
  for (const auto& e : inc.timeline)
    if (!e.severity.empty() && !policy.level(e.severity))
      d.report(inc.path, e.pos, "unknown-severity", "unknown severity '" + e.severity + "' in timeline",
               did_you_mean(e.severity, policy.level_names()));
}

bool published(const CheckContext& ctx, const Incident& inc) {
  const SeverityLevel* level = ctx.model.severity.level(inc.severity);
  return inc.is_public && (!level || level->is_public);
}

void check_components_of(const CheckContext& ctx, const Incident& inc) {
  const Components& comps = ctx.model.components;
  const bool is_published = published(ctx, inc);
  std::vector<std::string> reported;  // one diagnostic per component id and incident
  const auto check_one = [&](const std::string& id, SourcePos pos) {
    const Component* c = comps.find(id);
    if ((!c || (!c->is_public && is_published)) && contains(reported, id)) return c != nullptr;
    if (!c || (!c->is_public && is_published)) reported.push_back(id);
    if (!c) {
      ctx.diags.report(inc.path, pos, "unknown-component", "unknown component '" + id + "'",
                       did_you_mean(id, comps.ids()));
    } else if (!c->is_public && is_published) {
      ctx.diags.report(inc.path, pos, "internal-component",
                       "public incident references internal-only component '" + id + "'",
                       "mark the incident public = false or remove the component");
    }
    return c != nullptr;
  };
  for (std::size_t i = 0; i < inc.components.size(); ++i)
    check_one(inc.components[i], i < inc.component_pos.size() ? inc.component_pos[i] : at(inc.key_pos, "components"));
  for (const auto& u : inc.updates)
    for (const auto& cs : u.components) {
      if (!check_one(cs.component, cs.pos)) continue;
      if (!contains(inc.components, cs.component))
        ctx.diags.report(inc.path, cs.pos, "unknown-component",
                         "component '" + cs.component + "' is not in this incident's components");
      if (!contains(k_component_statuses, cs.status))
        ctx.diags.report(inc.path, cs.status_pos, "unknown-status", "unknown component status '" + cs.status + "'",
                         did_you_mean(cs.status, k_component_statuses));
    }
  if (const SeverityLevel* level = ctx.model.severity.level(inc.severity);
      level && !level->is_public && inc.is_public && inc.key_pos.contains("public"))
    ctx.diags.report(inc.path, at(inc.key_pos, "public"), "internal-severity",
                     "severity " + level->id + " is internal-only; this incident will not be published");
}

void check_time_order(const CheckContext& ctx, const Incident& inc) {
  // Each timestamp must not precede the latest earlier one in the lifecycle.
  const std::string* prev_name = nullptr;
  std::optional<TimePoint> prev;
  for (const auto& field : k_clock_fields) {
    const auto t = inc.time(field);
    if (!t) continue;
    if (*t > ctx.now)
      ctx.diags.report(inc.path, at(inc.key_pos, field), "future-timestamp",
                       "'" + field + "' (" + ctx.show(*t) + ") is in the future (now is " + ctx.show(ctx.now) + ")");
    if (prev && *t < *prev)
      ctx.diags.report(inc.path, at(inc.key_pos, field), "time-order",
                       "'" + field + "' (" + ctx.show(*t) + ") is before '" + *prev_name + "' (" + ctx.show(*prev) + ")");
    if (!prev || *t >= *prev) {
      prev = t;
      prev_name = &field;
    }
  }
}

void check_updates(const CheckContext& ctx, const Incident& inc) {
  const SeverityPolicy& policy = ctx.model.severity;
  Diagnostics& d = ctx.diags;
  const IncidentUpdate* previous = nullptr;
  for (const auto& u : inc.updates) {
    const SourcePos at_pos = at(u.key_pos, "at");
    if (!u.status.empty() && policy.canonical_status(u.status).empty())
      d.report(inc.path, at(u.key_pos, "status"), "unknown-status", "unknown update status '" + u.status + "'",
               did_you_mean(u.status, policy.status_words()));
    if (u.at > ctx.now)
      d.report(inc.path, at_pos, "future-timestamp",
               "update (" + ctx.show(u.at) + ") is in the future (now is " + ctx.show(ctx.now) + ")");
    if (previous && u.at < previous->at)
      d.report(inc.path, at_pos, "update-order",
               "update (" + ctx.show(u.at) + ") is dated before the previous update (" + ctx.show(previous->at) + ")");
    else if (!previous && inc.started_at && u.at < *inc.started_at)
      d.report(inc.path, at_pos, "update-order",
               "update (" + ctx.show(u.at) + ") is dated before the incident started (" + ctx.show(*inc.started_at) + ")");
    if (inc.resolved_at && u.at > *inc.resolved_at)
      d.report(inc.path, at_pos, "update-after-resolution",
               "update (" + ctx.show(u.at) + ") is dated after the incident was resolved (" +
                   ctx.show(*inc.resolved_at) + ")");
    previous = &u;
  }
  const bool last_is_resolved =
      !inc.updates.empty() && policy.canonical_status(inc.updates.back().status) == "resolved";
  if (inc.resolved_at && !last_is_resolved && (published(ctx, inc) || !inc.updates.empty()))
    d.report(inc.path, at(inc.key_pos, "resolved_at"), "missing-resolved-update",
             "incident has resolved_at but its last update is not 'resolved'",
             "add a final [[updates]] entry with status = \"resolved\"");
  if (!inc.resolved_at && last_is_resolved)
    d.report(inc.path, at(inc.updates.back().key_pos, "status"), "missing-resolved-at",
             "last update says 'resolved' but the incident has no resolved_at");

  for (const auto& e : inc.timeline) {
    if (e.at > ctx.now)
      d.report(inc.path, e.pos, "future-timestamp",
               "timeline entry (" + ctx.show(e.at) + ") is in the future (now is " + ctx.show(ctx.now) + ")");
  }
  for (std::size_t i = 1; i < inc.timeline.size(); ++i)
    if (inc.timeline[i].at < inc.timeline[i - 1].at)
      d.report(inc.path, inc.timeline[i].pos, "update-order",
               "timeline entry (" + ctx.show(inc.timeline[i].at) + ") is dated before the previous entry (" +
                   ctx.show(inc.timeline[i - 1].at) + ")");
}

}  // namespace

void check_incident(const CheckContext& ctx, const Incident& inc) {
  check_names(ctx, inc);
  check_components_of(ctx, inc);
  check_time_order(ctx, inc);
  check_updates(ctx, inc);
  for (const auto& a : inc.actions) check_action(ctx, inc.path, a, true);
}

}  // namespace sitrep
