#pragma once
// Per-incident response metrics and SLA compliance (seed 002 "Telemetry":
// IncidentMetrics, SLACompliance) for every incident, public or not; the
// clocks themselves are measured by model/sla_clock.h. A
// figure that cannot be computed because a timestamp is missing is nullopt,
// never 0: a zero would read as "instant" and pull every average down.
#include <chrono>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "model/model.h"
#include "model/sla_clock.h"
#include "report/follow_up_items.h"
#include "report/postmortem_index.h"

namespace sitrep {

inline double to_minutes(Seconds s) { return static_cast<double>(s.count()) / 60.0; }

// Seed 002 names its SLA fields after the stage: "acknowledgment" for the
// clock named "acknowledge", "mitigation", "resolution"; empty for others.
std::string_view sla_field_prefix(std::string_view clock_name);

struct IncidentMetrics {
  std::string incident_id, title, path;
  std::string severity;   // level id ("SEV1"), or as written when unknown
  int severity_rank = 0;  // 1-based position in the policy; 0 = unknown level
  std::string incident_type;
  std::string affected_system;  // as written, else the components joined by ", "
  bool is_public = true;        // the incident's own flag
  std::optional<TimePoint> started_at, detected_at, acknowledged_at, mitigated_at, resolved_at;

  // Seed 002's stage-to-stage durations. "detected_at" is
  // Incident::effective_detected_at(): started_at when detection is missing,
  // as for the SLA clocks and downtime; detection_note then says so.
  std::optional<Seconds> time_to_acknowledge;  // detected_at -> acknowledged_at
  std::optional<Seconds> time_to_mitigate;     // acknowledged_at -> mitigated_at (phase)
  std::optional<Seconds> time_to_resolve;      // mitigated_at -> resolved_at (phase)
  std::optional<Seconds> total_duration;       // detected_at -> resolved_at
  std::string detection_note;                  // "detected_at missing: measured from started_at"

  std::string responder;                  // [roles] responder / on_call
  std::string incident_commander;         // [roles] commander / incident_commander
  std::string communication_coordinator;  // [roles] comms / communication_coordinator
  std::vector<std::string> additional_responders;  // every other role, as written

  std::string resolution_method;
  bool post_mortem_completed = false;  // the postmortem of record is final
  std::size_t action_items_count = 0;  // its follow-ups (report/follow_up_items.h)
  std::string root_cause_category;

  SlaCompliance sla;
};

// `action_items`: how many of the tracker's items are the incident's
// (SiteFollowUps::of_incident).
IncidentMetrics incident_metrics(const Model& model, const Incident& inc, const PostmortemsByIncident& postmortems,
                                 std::size_t action_items, TimePoint now);

// One entry per incident, in the model's order (by path).
std::vector<IncidentMetrics> all_incident_metrics(const Model& model, TimePoint now);
// The same with the tracker's list already made (its of_incident counts).
std::vector<IncidentMetrics> all_incident_metrics(const Model& model, TimePoint now, const SiteFollowUps& follow_ups);

}  // namespace sitrep
