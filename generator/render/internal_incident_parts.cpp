#include "render/internal_incident_parts.h"

#include <algorithm>

#include "model/postmortem_actions.h"
#include "render/internal_chart_json.h"
#include "report/exports.h"

namespace sitrep {
namespace {

std::optional<double> metric_of(const Incident& inc, std::string_view name) {
  for (const auto& [metric, value] : inc.metrics)
    if (metric == name) return value;
  return std::nullopt;
}

double seconds_of(TimePoint t) { return static_cast<double>(t.time_since_epoch().count()); }

TimePoint time_of(double seconds) { return TimePoint{std::chrono::seconds{static_cast<long long>(seconds)}}; }

const FollowUpGroup* group_of(const std::vector<FollowUpGroup>& groups, std::string_view key) {
  auto it = std::lower_bound(groups.begin(), groups.end(), key,
                             [](const FollowUpGroup& g, std::string_view k) { return g.key < k; });
  return it != groups.end() && it->key == key ? &*it : nullptr;
}

}  // namespace

Json triggers_json(const InternalContext& ctx, const Incident& inc) {
  Json metrics = Json::array();
  for (const auto& [name, value] : inc.metrics) metrics.push_back({{"name", name}, {"value", format_number(value)}});
  Json triggers = Json::array();
  const SeverityLevel* strongest = nullptr;  // most severe level with a met trigger
  std::string strongest_trigger;
  std::size_t unmeasured = 0;
  for (const auto& level : ctx.model.severity.levels) {
    for (const auto& t : level.triggers) {
      bool met = !t.when.empty();
      Json conditions = Json::array();
      for (const auto& c : t.when) {
        const auto measured = metric_of(inc, c.metric);
        const bool holds = measured && c.holds(*measured);
        met = met && holds;
        conditions.push_back({{"metric", c.metric},
                              {"op", c.op},
                              {"threshold", format_number(c.value)},
                              {"measured", measured ? format_number(*measured) : "—"},
                              {"holds", mark_json(measured ? std::optional<bool>{holds} : std::nullopt, "holds",
                                                  "does not hold", "not measured")}});
      }
      if (met && !strongest) {
        strongest = &level;
        strongest_trigger = t.description;
      }
      // A trigger none of whose metrics was measured says nothing about this
      // incident; it is only counted, which also keeps pages small.
      const bool any_measured = std::any_of(t.when.begin(), t.when.end(),
                                            [&](const Condition& c) { return metric_of(inc, c.metric).has_value(); });
      if (!any_measured) {
        ++unmeasured;
        continue;
      }
      triggers.push_back({{"level", level.id},
                          {"description", t.description},
                          {"conditions", conditions},
                          {"trigger_met", met ? "Met" : "Not met"},
                          {"met", met}});
    }
  }
  std::string summary;
  const int declared = ctx.model.severity.find_level(inc.severity);
  if (inc.metrics.empty()) {
    summary = "No metrics are recorded, so no declaration trigger can be checked.";
  } else if (!strongest) {
    summary = "The recorded metrics meet no declaration trigger of any level (declared " + inc.severity + ").";
  } else {
    const int triggered = ctx.model.severity.find_level(strongest->id);
    summary = "The recorded metrics meet a " + strongest->id + " trigger (" + strongest_trigger + "); declared " +
              inc.severity + ".";
    if (declared >= 0 && triggered < declared)
      summary += " The metrics call for a more severe level than the one declared.";
  }
  Json out{{"metrics", metrics}, {"triggers", triggers}, {"trigger_summary", summary}};
  if (unmeasured)
    out["unmeasured_note"] = std::to_string(unmeasured) + (unmeasured == 1 ? " other trigger" : " other triggers") +
                             " of the policy use only metrics this incident does not record.";
  return out;
}

Json severity_chart_json(const InternalContext& ctx, const Incident& inc) {
  std::vector<charts::Step> steps;
  for (const auto& e : inc.timeline) {
    const int level = e.severity.empty() ? -1 : ctx.model.severity.find_level(e.severity);
    if (level >= 0) steps.push_back({seconds_of(e.at), level});
  }
  if (steps.empty()) return nullptr;
  // The last level holds until the incident ended (or until now, while it runs).
  TimePoint end = time_of(steps.back().t);
  if (inc.resolved_at)
    end = std::max(end, *inc.resolved_at);
  else
    end = std::max(end, ctx.now);
  std::vector<std::string> names;
  for (const auto& l : ctx.model.severity.levels) names.push_back(l.id);
  const TimeZone zone = ctx.site().time_zone;
  const bool one_day = local_day(time_of(steps.front().t), zone) == local_day(end, zone);
  const char* fmt = one_day ? "%H:%M" : "%b %d %H:%M";
  const auto label = [&](double t) { return format_in_zone(time_of(t), zone, fmt); };
  const std::string title =
      "Severity over time (" + format_in_zone(time_of(steps.front().t), zone, "%b %d, %Y, %Z") + ")";
  return step_chart_json(charts::step_chart(steps, seconds_of(end), names, label), "severity-chart", title);
}

Json incident_actions_json(const InternalContext& ctx, const Incident& inc, std::string_view root) {
  Json items = Json::array();
  std::size_t in_both = 0;
  if (const FollowUpGroup* group = group_of(ctx.followups.by_incident, inc.id))
    for (std::size_t i : group->items) {
      items.push_back(follow_up_json(ctx, ctx.followups.items[i], root));
      in_both += ctx.followups.items[i].also ? 1 : 0;
    }
  const Postmortem* pm = postmortem_of(ctx.postmortems, inc.id);
  std::string note;
  if (pm && has_action_table(*pm, ctx.model.postmortem_template)) {
    note = "From the incident file's [[actions]] and the postmortem's action table";
    note += in_both == 0 ? "; no item is in both."
                         : "; " + std::to_string(in_both) + (in_both == 1 ? " item is" : " items are") +
                               " in both, listed once with the table's values.";
  } else {
    note = "From the incident file's [[actions]]";
    note += pm ? "; the postmortem has no action table yet." : "; there is no postmortem yet.";
  }
  return Json{{"items", items}, {"note", note}};
}

Json updates_json(const InternalContext& ctx, const Incident& inc) {
  Json out = Json::array();
  for (std::size_t i = inc.updates.size(); i-- > 0;) {
    const IncidentUpdate& u = inc.updates[i];
    Json changes = Json::array();
    for (const auto& c : u.components) {
      const Component* comp = ctx.model.components.find(c.component);
      changes.push_back({{"name", comp ? comp->name : c.component},
                         {"change_status", status_json(c.status)},
                         {"internal_component", comp && !comp->is_public}});
    }
    out.push_back({{"anchor", "update-" + std::to_string(i + 1)},
                   {"update_status", status_json(ctx.model.severity.canonical_status(u.status))},
                   {"at", itime_json(ctx, u.at)},
                   {"future", u.at > ctx.now},
                   {"message_html", public_html(u.message)},
                   {"changes", changes}});
  }
  return out;
}

std::string publication_note(const InternalContext& ctx, const Incident& inc) {
  if (ctx.public_urls.count(inc.id)) return "Published on the public status page.";
  if (!inc.is_public) return "Not published: the incident file says public = false.";
  if (const SeverityLevel* level = ctx.model.severity.level(inc.severity); level && !level->is_public)
    return "Not published: " + level->id + " incidents are internal tracking only.";
  return "Not published yet: it starts after the time of this build.";
}

}  // namespace sitrep
