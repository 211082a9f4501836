#include "render/uptime.h"

#include <algorithm>

namespace sitrep {
namespace {

struct Interval {
  TimePoint start, end;
  std::string status;
};

// An incident with no per-component statuses still marks its components,
// with a status matching its impact.
std::string status_for_impact(std::string_view impact) {
  if (impact == "critical") return "major_outage";
  if (impact == "major") return "partial_outage";
  if (impact == "minor") return "degraded_performance";
  return "operational";
}

// Status intervals per component for one incident, from its visible updates.
void add_intervals(const PublicIncident& p, TimePoint now, std::map<std::string, std::vector<Interval>>& out) {
  const TimePoint end = p.resolved_at.value_or(now);
  std::map<std::string, std::pair<TimePoint, std::string>> open;
  bool any = false;
  for (const IncidentUpdate* u : p.updates)
    for (const auto& cs : u->components) {
      any = true;
      auto it = open.find(cs.component);
      if (it != open.end()) out[cs.component].push_back({it->second.first, u->at, it->second.second});
      open[cs.component] = {u->at, cs.status};
    }
  for (const auto& [component, start_status] : open)
    if (start_status.first < end) out[component].push_back({start_status.first, end, start_status.second});
  if (!any && p.incident->started_at)
    for (const auto& c : p.components) out[c].push_back({*p.incident->started_at, end, status_for_impact(p.impact)});
}

}  // namespace

double ComponentUptime::percent() const {
  double total = 0, down = 0;
  for (const auto& d : days) {
    total += d.minutes;
    down += d.down_minutes;
  }
  return total > 0 ? 100.0 * (1.0 - down / total) : 100.0;
}

std::map<std::string, ComponentUptime> compute_uptime(const PublicView& view, const UptimeWeights& weights,
                                                      TimeZone zone) {
  const Day today = local_day(view.now, zone);
  const Day first = today - std::chrono::days{weights.days - 1};
  const auto day_start = [&](Day d) {
    const std::chrono::year_month_day ymd{d};
    return local_to_utc({static_cast<int>(ymd.year()), static_cast<unsigned>(ymd.month()),
                         static_cast<unsigned>(ymd.day())},
                        zone);
  };
  const TimePoint window_start = day_start(first);

  std::map<std::string, std::vector<Interval>> intervals;
  for (const auto& p : view.incidents) {
    if (p.resolved_at && *p.resolved_at < window_start) continue;
    add_intervals(p, view.now, intervals);
  }

  std::map<std::string, ComponentUptime> out;
  for (const auto& c : view.components) {
    ComponentUptime u;
    for (Day d = first; d <= today; d += std::chrono::days{1}) {
      UptimeDay ud;
      ud.day = d;
      const TimePoint s = day_start(d);
      const TimePoint e = std::min(day_start(d + std::chrono::days{1}), std::max(view.now, s));
      ud.minutes = std::chrono::duration<double, std::ratio<60>>(e - s).count();
      for (const auto& iv : intervals[c.component->id]) {
        const TimePoint a = std::max(iv.start, s), b = std::min(iv.end, e);
        if (a >= b) continue;
        ud.down_minutes += weights.weight(iv.status) * std::chrono::duration<double, std::ratio<60>>(b - a).count();
        if (component_status_rank(iv.status) > component_status_rank(ud.worst)) ud.worst = iv.status;
      }
      u.days.push_back(std::move(ud));
    }
    out.emplace(c.component->id, std::move(u));
  }
  return out;
}

}  // namespace sitrep
