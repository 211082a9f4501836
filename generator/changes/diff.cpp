#include "changes/diff.h"

#include <algorithm>
#include <map>
#include <set>
#include <string>
#include <tuple>

namespace sitrep {
namespace {

using Json = nlohmann::json;
using Items = std::map<std::string, const Json*, std::less<>>;

std::string text(const Json& j, const char* key) {
  if (!j.is_object()) return {};
  const auto it = j.find(key);
  return it != j.end() && it->is_string() ? it->get<std::string>() : std::string{};
}

const Json& list(const Json& doc, const char* key) {
  static const Json empty = Json::array();
  if (!doc.is_object()) return empty;
  const auto it = doc.find(key);
  return it != doc.end() && it->is_array() ? *it : empty;
}

// The capped list first, then the summary's unresolved items past the cap.
Items items(const Json& capped, const Json& summary, const char* key) {
  Items out;
  for (const Json* doc : {&capped, &summary})
    for (const auto& item : list(*doc, key))
      if (const std::string id = text(item, "id"); !id.empty()) out.emplace(id, &item);
  return out;
}

// The oldest `field` of the capped list: anything older that is settled was
// cut off by the cap, not published since.
std::string oldest(const Json& capped, const char* key, const char* field) {
  std::string min;
  for (const auto& item : list(capped, key)) {
    // The API's times are UTC RFC 3339 of one width: text order is time order.
    const std::string t = text(item, field);
    if (!t.empty() && (min.empty() || t < min)) min = t;
  }
  return min;
}

// An item's updates, oldest first (the API lists them newest first).
std::vector<const Json*> updates_of(const Json& item) {
  std::vector<const Json*> out;
  for (const auto& u : list(item, "incident_updates")) out.push_back(&u);
  std::reverse(out.begin(), out.end());
  return out;
}

std::set<std::string> update_times(const Json& item) {
  std::set<std::string> out;
  for (const Json* u : updates_of(item)) out.insert(text(*u, "created_at"));
  return out;
}

struct Differ {
  std::vector<ChangeEvent> events;

  ChangeEvent event(ChangeKind kind, const Json& item, bool maintenance, std::string discriminator = {}) {
    ChangeEvent e;
    e.kind = kind;
    e.item_id = text(item, "id");
    e.id = std::string{change_kind_name(kind)} + ":" + e.item_id;
    if (!discriminator.empty()) e.id += ":" + discriminator;
    e.is_maintenance = maintenance;
    e.title = text(item, "name");
    e.status = text(item, "status");
    if (!maintenance) e.impact = text(item, "impact");
    e.url = text(item, "shortlink");
    for (const auto& c : list(item, "components")) {
      e.components.push_back(text(c, "id"));
      e.component_names.push_back(text(c, "name"));
    }
    return e;
  }

  void push(ChangeEvent e, std::string at) {
    e.at = std::move(at);
    events.push_back(std::move(e));
  }

  ChangeEvent update_posted(const Json& item, const Json& u, bool maintenance) {
    const std::string at = text(u, "created_at");
    ChangeEvent e = event(ChangeKind::update_posted, item, maintenance, at);
    e.status = text(u, "status");
    e.message = text(u, "body");
    e.at = at;
    return e;
  }

  // The new updates, oldest first, as update_posted events.
  std::vector<ChangeEvent> new_updates(const Json& item, const std::set<std::string>& known, bool maintenance) {
    std::vector<ChangeEvent> posted;
    for (const Json* u : updates_of(item))
      if (!known.count(text(*u, "created_at"))) posted.push_back(update_posted(item, *u, maintenance));
    return posted;
  }

  // One update that changed the state is one message to subscribers: the
  // state event (resolved, status changed, window started or completed)
  // takes the text of the first new update with the status it reached, and
  // that update gets no update_posted of its own.
  static void fold_update(std::vector<ChangeEvent>& posted, ChangeEvent& state, std::string_view status) {
    for (auto it = posted.begin(); it != posted.end(); ++it)
      if (it->status == status) {
        state.message = it->message;
        posted.erase(it);
        return;
      }
  }

  void push_all(std::vector<ChangeEvent>& posted) {
    for (auto& e : posted) events.push_back(std::move(e));
  }

  // The update that brought the incident to its current status: the first
  // of the trailing run with that status.
  static std::string status_since(const Json& item) {
    const std::string status = text(item, "status");
    std::string since;
    for (const Json* u : updates_of(item)) {
      if (text(*u, "status") != status)
        since.clear();
      else if (since.empty())
        since = text(*u, "created_at");
    }
    return since.empty() ? text(item, "updated_at") : since;
  }

  // `before` is what subscribers knew: the previous object, or for a new
  // incident the state its incident_opened event announced.
  void incident_changes(const Json& item, const std::string& before_status, const std::string& before_impact,
                        const std::set<std::string>& known_updates, bool postmortem_known) {
    std::vector<ChangeEvent> posted = new_updates(item, known_updates, false);
    const std::string status = text(item, "status");
    if (status != before_status && !before_status.empty()) {
      if (status == "resolved") {
        const std::string at = text(item, "resolved_at");
        ChangeEvent e = event(ChangeKind::incident_resolved, item, false, at);
        e.previous_status = before_status;
        fold_update(posted, e, status);
        push(std::move(e), at);
      } else {
        const std::string at = status_since(item);
        ChangeEvent e = event(ChangeKind::status_changed, item, false, at);
        e.previous_status = before_status;
        fold_update(posted, e, status);
        push(std::move(e), at);
      }
    }
    push_all(posted);
    const std::string impact = text(item, "impact");
    if (impact != before_impact && !before_impact.empty()) {
      const std::string at = text(item, "updated_at");
      ChangeEvent e = event(ChangeKind::impact_changed, item, false, impact + ":" + at);
      e.previous_impact = before_impact;
      push(std::move(e), at);
    }
    const std::string published = text(item, "postmortem_published_at");
    if (!published.empty() && !postmortem_known) push(event(ChangeKind::postmortem_published, item, false), published);
  }

  void new_incident(const Json& item) {
    const auto updates = updates_of(item);
    ChangeEvent opened = event(ChangeKind::incident_opened, item, false);
    std::set<std::string> known;
    if (!updates.empty()) {
      opened.status = text(*updates.front(), "status");
      opened.message = text(*updates.front(), "body");
      known.insert(text(*updates.front(), "created_at"));
    }
    const std::string opened_status = opened.status;
    push(std::move(opened), text(item, "created_at"));
    incident_changes(item, opened_status, text(item, "impact"), known, false);
  }

  void known_incident(const Json& item, const Json& before) {
    const bool postmortem_known = !before.contains("postmortem_published_at") ||
                                  !text(before, "postmortem_published_at").empty();
    incident_changes(item, text(before, "status"), text(before, "impact"), update_times(before), postmortem_known);
  }

  static int maintenance_rank(const std::string& status) {
    if (status == "in_progress") return 1;
    if (status == "verifying") return 2;
    if (status == "completed") return 3;
    return 0;
  }

  void maintenance_changes(const Json& item, const std::string& before_status, const std::set<std::string>& known) {
    std::vector<ChangeEvent> posted = new_updates(item, known, true);
    const int before = maintenance_rank(before_status), now = maintenance_rank(text(item, "status"));
    if (before < 1 && now >= 1) {
      std::string at = text(item, "scheduled_for");
      for (const Json* u : updates_of(item))
        if (text(*u, "status") == "in_progress") {
          at = text(*u, "created_at");
          break;
        }
      ChangeEvent e = event(ChangeKind::maintenance_started, item, true);
      e.previous_status = before_status;
      fold_update(posted, e, "in_progress");
      push(std::move(e), at);
    }
    if (before < 3 && now == 3) {
      std::string at = text(item, "resolved_at");
      if (at.empty()) at = text(item, "scheduled_until");
      ChangeEvent e = event(ChangeKind::maintenance_completed, item, true);
      e.previous_status = before_status;
      fold_update(posted, e, "completed");
      push(std::move(e), at);
    }
    push_all(posted);
  }

  void new_maintenance(const Json& item) {
    const auto updates = updates_of(item);
    ChangeEvent scheduled = event(ChangeKind::maintenance_scheduled, item, true);
    scheduled.status = "scheduled";
    scheduled.message = text(item, "description");
    std::set<std::string> known;
    if (!updates.empty() && text(*updates.front(), "status") == "scheduled") {
      // The announcement: the window's first update, folded into this event.
      if (const std::string body = text(*updates.front(), "body"); !body.empty()) scheduled.message = body;
      known.insert(text(*updates.front(), "created_at"));
    }
    push(std::move(scheduled), text(item, "created_at"));
    maintenance_changes(item, "scheduled", known);
  }
};

int kind_rank(ChangeKind kind) { return static_cast<int>(kind); }

}  // namespace

std::vector<ChangeEvent> diff_sites(const ApiSnapshot& previous, const ApiSnapshot& current) {
  Differ d;
  const Items before_incidents = items(previous.incidents, previous.summary, "incidents");
  const std::string oldest_incident = oldest(previous.incidents, "incidents", "created_at");
  for (const auto& [id, item] : items(current.incidents, current.summary, "incidents")) {
    if (auto it = before_incidents.find(id); it != before_incidents.end()) {
      d.known_incident(*item, *it->second);
      continue;
    }
    const bool settled = text(*item, "status") == "resolved";
    if (settled && !previous.exists) continue;  // first publish: history is not news
    if (settled && !oldest_incident.empty() && text(*item, "created_at") < oldest_incident) continue;
    d.new_incident(*item);
  }

  const Items before_windows = items(previous.scheduled_maintenances, previous.summary, "scheduled_maintenances");
  const std::string oldest_window = oldest(previous.scheduled_maintenances, "scheduled_maintenances", "scheduled_for");
  for (const auto& [id, item] :
       items(current.scheduled_maintenances, current.summary, "scheduled_maintenances")) {
    if (auto it = before_windows.find(id); it != before_windows.end()) {
      d.maintenance_changes(*item, text(*it->second, "status"), update_times(*it->second));
      continue;
    }
    const bool settled = text(*item, "status") == "completed";
    if (settled && !previous.exists) continue;
    if (settled && !oldest_window.empty() && text(*item, "scheduled_for") < oldest_window) continue;
    d.new_maintenance(*item);
  }

  std::sort(d.events.begin(), d.events.end(), [](const ChangeEvent& a, const ChangeEvent& b) {
    return std::make_tuple(std::cref(a.at), a.is_maintenance, std::cref(a.item_id), kind_rank(a.kind), std::cref(a.id)) <
           std::make_tuple(std::cref(b.at), b.is_maintenance, std::cref(b.item_id), kind_rank(b.kind), std::cref(b.id));
  });
  return d.events;
}

}  // namespace sitrep
