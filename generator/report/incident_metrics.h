#pragma once
// Per-incident response metrics and SLA compliance (seed 002 "Telemetry":
// IncidentMetrics, SLACompliance) for every incident, public or not. A
// figure that cannot be computed because a timestamp is missing is nullopt,
// never 0: a zero would read as "instant" and pull every average down.
#include <chrono>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "model/model.h"
#include "report/postmortem_index.h"

namespace sitrep {

using Seconds = std::chrono::seconds;

inline double to_minutes(Seconds s) { return static_cast<double>(s.count()) / 60.0; }

// One SLA clock of the incident's severity level, measured.
struct ClockResult {
  std::string name;  // "acknowledge"
  std::string from;  // "detected_at"
  std::string to;    // "acknowledged_at"
  std::optional<TimePoint> start, end;
  std::optional<Seconds> elapsed;          // end - start; only when both are known
  std::optional<Seconds> running_for;      // now - start while the clock still runs
  Seconds target{0};
  // true/false when decided; nullopt while it runs within target, or when a
  // timestamp it needs is missing on a closed incident (stage skipped).
  std::optional<bool> met;
  std::string formula;  // "acknowledged_at − detected_at ≤ 15m"
};

struct SlaCompliance {
  std::vector<ClockResult> clocks;  // in the policy's order
  // All decided clocks met; nullopt when none is decided.
  std::optional<bool> overall_met;
  const ClockResult* clock(std::string_view name) const;
};

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

  // Seed 002's stage-to-stage durations.
  std::optional<Seconds> time_to_acknowledge;  // detected_at -> acknowledged_at
  std::optional<Seconds> time_to_mitigate;     // acknowledged_at -> mitigated_at
  std::optional<Seconds> time_to_resolve;      // mitigated_at -> resolved_at
  std::optional<Seconds> total_duration;       // detected_at -> resolved_at

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

SlaCompliance sla_compliance(const Incident& inc, const SeverityPolicy& policy, TimePoint now);

IncidentMetrics incident_metrics(const Model& model, const Incident& inc, const PostmortemsByIncident& postmortems,
                                 TimePoint now);

// One entry per incident, in the model's order (by path).
std::vector<IncidentMetrics> all_incident_metrics(const Model& model, TimePoint now);

}  // namespace sitrep
