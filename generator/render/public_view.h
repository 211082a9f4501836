#pragma once
// What the public site may show, computed from the model and the clock.
// This is the one filter between internal content and site/public: public
// renderers read a PublicView, which holds only public incidents,
// maintenance and components, their state at `now`, and the public
// postmortem sections.
#include <optional>
#include <string>
#include <vector>

#include "model/model.h"

namespace sitrep {

struct PublicIncident {
  const Incident* incident = nullptr;
  const SeverityLevel* level = nullptr;
  std::string status;  // canonical status at now: investigating|identified|monitoring|resolved
  bool active = false;
  std::string impact = "none";  // none|minor|major|critical (from the level)
  std::vector<const IncidentUpdate*> updates;  // visible at now, oldest first
  std::optional<TimePoint> monitoring_at;      // first monitoring update
  std::optional<TimePoint> resolved_at;        // when resolved at or before now
  TimePoint updated_at{};                      // latest visible update (or started_at)
  std::vector<std::string> components;         // public component ids only
  // The postmortem customers read (the first public, final one by path),
  // and its public sections: {title, markdown}.
  const Postmortem* postmortem = nullptr;
  std::vector<std::pair<std::string, std::string>> postmortem_sections;
  std::string postmortem_title;
  // When that postmortem counts as published (the API's
  // postmortem_published_at, the feeds' entry): the start of its `date` in
  // the site's zone, never before the incident resolved (or started) — a
  // postmortem dated the day the incident ended was written after it. The
  // start of the day, not its end, so a build made on that day never dates
  // the entry in its own future. No date: the resolution (or start) itself.
  std::optional<TimePoint> postmortem_published_at;
};

struct PublicMaintenance {
  const Maintenance* maintenance = nullptr;
  std::string status;  // scheduled|in_progress|verifying|completed at now
  std::vector<const MaintenanceUpdate*> updates;  // visible at now, oldest first
  std::vector<std::string> components;            // public component ids only
  TimePoint updated_at{};
  bool upcoming() const { return status == "scheduled"; }
  bool active() const { return status == "in_progress" || status == "verifying"; }
};

struct PublicComponent {
  const Component* component = nullptr;
  // operational|degraded_performance|partial_outage|major_outage|under_maintenance
  std::string status = "operational";
  TimePoint updated_at{};  // last change seen (latest affecting update), or epoch
};

struct PublicGroup {
  const ComponentGroup* group = nullptr;  // nullptr: components without a group
  std::vector<std::size_t> components;    // indexes into PublicView::components
};

// Something the clock alone will change on the public site, after `now`.
struct ClockChange {
  enum class Kind {
    maintenance_starts,    // a window's scheduled start
    maintenance_ends,      // a window's scheduled end
    update_appears,        // an incident's or window's update dated later than now
    incident_appears,      // a public incident whose started_at is later than now
    incident_resolves,     // resolved_at later than now
    next_update_due,       // the "next update by" promise of an active incident's latest update
    maintenance_leaves_calendar,  // k_calendar_history after a window's scheduled end (maintenance.ics)
  };
  TimePoint at{};
  Kind kind = Kind::maintenance_starts;
  std::string item_id, title;
  bool is_maintenance = false;
};
std::string_view clock_change_name(ClockChange::Kind kind);

struct PublicView {
  const Model* model = nullptr;
  TimePoint now{};
  std::vector<PublicIncident> incidents;       // newest first (started_at desc, id)
  std::vector<PublicMaintenance> maintenance;  // scheduled_start asc, id
  std::vector<PublicComponent> components;     // group order, then component order
  std::vector<PublicGroup> groups;             // in display order
  std::string indicator = "none";              // none|minor|major|critical|maintenance
  std::string description = "All Systems Operational";
  std::optional<TimePoint> next_change;        // next scheduled change of state after now
  std::vector<ClockChange> next_changes;       // what happens at next_change (item id order)
  TimePoint updated_at{};                      // latest change of anything shown

  const PublicComponent* component(std::string_view id) const;
};

PublicView make_public_view(const Model& model, TimePoint now);

// Ordering of component statuses (operational < ... < major_outage).
int component_status_rank(std::string_view status);

}  // namespace sitrep
