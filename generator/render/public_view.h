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
  TimePoint updated_at{};                      // latest change of anything shown

  const PublicComponent* component(std::string_view id) const;
};

PublicView make_public_view(const Model& model, TimePoint now);

// Ordering of component statuses (operational < ... < major_outage).
int component_status_rank(std::string_view status);

}  // namespace sitrep
