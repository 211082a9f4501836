#include "report/follow_up_items.h"

#include <algorithm>
#include <iterator>
#include <set>

#include "model/postmortem_actions.h"
#include "model/text.h"
#include "report/postmortem_index.h"
#include "util/parallel.h"

namespace sitrep {
namespace {

bool is_ascii_alnum(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9'); }

FollowUp follow_up(const ActionItem& a, const std::string& incident_id, ActionSource source,
                   const PostmortemTemplate& tpl) {
  FollowUp f;
  f.action = a.action;
  f.owner = a.owner;
  f.priority = a.priority;
  // Incident [[actions]] keep the status as written; tables are canonical already.
  const std::string canonical = tpl.canonical_action_status(a.status);
  f.status = canonical.empty() ? a.status : canonical;
  f.due = a.due;
  f.due_text = a.due_text;
  f.incident_id = incident_id;
  f.source = std::move(source);
  return f;
}

// The row wins each field it fills: it is the later, reviewed document.
ActionItem merged(const ActionItem& entry, const ActionItem& row) {
  ActionItem out = entry;
  const auto take = [](std::string& into, const std::string& from) {
    if (!trim(from).empty()) into = from;
  };
  take(out.action, row.action);
  take(out.owner, row.owner);
  take(out.status, row.status);
  take(out.priority, row.priority);
  if (row.due || !trim(row.due_text).empty()) {
    out.due = row.due;
    out.due_text = row.due_text;
  }
  return out;
}

}  // namespace

std::string action_match_key(std::string_view action) {
  std::string out;
  bool gap = false;
  for (char c : action) {
    const bool keep = is_ascii_alnum(c) || (static_cast<unsigned char>(c) & 0x80);
    if (!keep) {
      gap = !out.empty();
      continue;
    }
    if (gap) out += ' ';
    gap = false;
    out += (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
  }
  return out;
}

std::vector<FollowUp> incident_follow_ups(const Incident* inc, const std::vector<const Postmortem*>& postmortems,
                                          const PostmortemTemplate& tpl) {
  struct Row {
    const Postmortem* pm;
    ActionItem item;
  };
  std::vector<Row> rows;
  for (const Postmortem* pm : postmortems)
    for (auto& a : postmortem_actions(*pm, tpl)) rows.push_back({pm, std::move(a)});
  const std::vector<ActionItem> none;
  const std::vector<ActionItem>& entries = inc ? inc->actions : none;

  // paired_row[e]: the row that is entry e too, or rows.size().
  std::vector<std::size_t> paired_row(entries.size(), rows.size());
  std::vector<bool> row_paired(rows.size(), false);
  std::vector<std::string> entry_keys;
  if (!rows.empty())  // nothing to pair with otherwise (most incidents have no postmortem)
    for (const auto& e : entries) entry_keys.push_back(action_match_key(e.action));
  for (std::size_t r = 0; r < rows.size(); ++r) {
    const std::string key = action_match_key(rows[r].item.action);
    if (key.empty()) continue;
    for (std::size_t e = 0; e < entries.size(); ++e)
      if (paired_row[e] == rows.size() && entry_keys[e] == key) {
        paired_row[e] = r;
        row_paired[r] = true;
        break;
      }
  }

  std::vector<FollowUp> out;
  const auto row_source = [](const Row& r) {
    return ActionSource{ActionOrigin::postmortem, r.pm->path, r.item.pos};
  };
  for (std::size_t e = 0; e < entries.size(); ++e) {
    const ActionSource entry_source{ActionOrigin::incident, inc->path, entries[e].pos};
    if (paired_row[e] == rows.size()) {
      out.push_back(follow_up(entries[e], inc->id, entry_source, tpl));
      continue;
    }
    const Row& row = rows[paired_row[e]];
    out.push_back(follow_up(merged(entries[e], row.item), inc->id, row_source(row), tpl));
    out.back().also = entry_source;
  }
  for (std::size_t r = 0; r < rows.size(); ++r)
    if (!row_paired[r]) out.push_back(follow_up(rows[r].item, rows[r].pm->incident, row_source(rows[r]), tpl));
  for (auto& f : out) f.is_open = !tpl.is_closed_action_status(f.status);
  return out;
}

SiteFollowUps site_follow_ups(const Model& model, Day today) {
  const PostmortemTemplate& tpl = model.postmortem_template;
  const PostmortemsByIncident by_incident = postmortems_by_incident(model);
  const std::vector<const Postmortem*> none;
  const std::size_t n = model.incidents.size();
  // A duplicated incident id (an error of its own) pairs its postmortems once.
  std::set<std::string_view> seen;
  std::vector<bool> first(n);
  for (std::size_t i = 0; i < n; ++i) first[i] = seen.insert(model.incidents[i].id).second;
  SiteFollowUps out;
  out.today = today;
  out.of_incident.assign(n, 0);
  // Each incident's items depend on it and its postmortems only: chunks of
  // incidents on the cores, joined in incident order.
  constexpr std::size_t k_incidents_per_job = 256;
  std::vector<std::vector<FollowUp>> parts((n + k_incidents_per_job - 1) / k_incidents_per_job);
  parallel_for(parts.size(), 0, [&](std::size_t j) {
    for (std::size_t i = j * k_incidents_per_job; i < std::min(n, (j + 1) * k_incidents_per_job); ++i) {
      const Incident& inc = model.incidents[i];
      const auto it = by_incident.find(inc.id);
      const auto& pms = it == by_incident.end() || !first[i] ? none : it->second;
      std::vector<FollowUp> items = incident_follow_ups(&inc, pms, tpl);
      out.of_incident[i] = items.size();
      for (auto& f : items) parts[j].push_back(std::move(f));
    }
  });
  std::size_t total = 0;
  for (const auto& part : parts) total += part.size();
  out.items.reserve(total);
  for (auto& part : parts) std::move(part.begin(), part.end(), std::back_inserter(out.items));
  for (const auto& pm : model.postmortems)
    if (!seen.count(pm.incident))
      for (auto& f : incident_follow_ups(nullptr, {&pm}, tpl)) out.items.push_back(std::move(f));
  for (auto& f : out.items)
    if (f.is_open && f.due && *f.due < today) {
      f.is_overdue = true;
      f.days_overdue = static_cast<int>((today - *f.due).count());
    }
  return out;
}

}  // namespace sitrep
