#include "report/followups.h"

#include <algorithm>
#include <map>

namespace sitrep {
namespace {

std::vector<FollowUpGroup> group_by(const std::vector<FollowUp>& items, std::string FollowUp::*key) {
  std::map<std::string, FollowUpGroup> groups;
  for (std::size_t i = 0; i < items.size(); ++i) {
    FollowUpGroup& g = groups[items[i].*key];
    g.key = items[i].*key;
    g.items.push_back(i);
    g.open += items[i].is_open ? 1 : 0;
    g.overdue += items[i].is_overdue ? 1 : 0;
  }
  std::vector<FollowUpGroup> out;
  for (auto& [key, g] : groups) {
    // Soonest due first: what a person scanning their list acts on next.
    std::stable_sort(g.items.begin(), g.items.end(), [&](std::size_t a, std::size_t b) {
      const auto& da = items[a].due;
      const auto& db = items[b].due;
      if (da && db) return *da < *db;
      return da.has_value() && !db.has_value();
    });
    out.push_back(std::move(g));
  }
  return out;
}

std::vector<std::pair<std::string, std::size_t>> status_counts(const std::vector<FollowUp>& items,
                                                               const PostmortemTemplate& tpl) {
  std::vector<std::pair<std::string, std::size_t>> out;
  for (const auto& s : tpl.action_statuses) out.emplace_back(s, 0);
  std::map<std::string, std::size_t> unknown;
  for (const auto& f : items) {
    auto it = std::find_if(out.begin(), out.end(), [&](const auto& p) { return p.first == f.status; });
    if (it != out.end()) ++it->second;
    else ++unknown[f.status];
  }
  out.insert(out.end(), unknown.begin(), unknown.end());
  return out;
}

}  // namespace

FollowUpReport follow_ups(const Model& model, TimePoint now) {
  return follow_ups(model, site_follow_ups(model, local_day(now, model.site.time_zone)));
}

FollowUpReport follow_ups(const Model& model, SiteFollowUps all) {
  const PostmortemTemplate& tpl = model.postmortem_template;
  FollowUpReport r;
  r.today = all.today;
  r.items = std::move(all.items);
  for (const auto& f : r.items) {
    r.open += f.is_open ? 1 : 0;
    r.closed += f.is_open ? 0 : 1;
    r.overdue += f.is_overdue ? 1 : 0;
  }
  r.by_owner = group_by(r.items, &FollowUp::owner);
  r.by_incident = group_by(r.items, &FollowUp::incident_id);
  r.by_status = status_counts(r.items, tpl);
  return r;
}

}  // namespace sitrep
