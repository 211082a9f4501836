#pragma once
// What changed on the public site between the previously published build and
// this one, as events subscribers can be told about. `sitrep changes`
// computes them (changes/diff.*); `sitrep notify` delivers them
// (notify/*). The JSON form below is what `changes --format json` prints and
// what `notify --events FILE` reads, so the two can run in separate CI steps.
#include <string>
#include <vector>

#include <nlohmann/json_fwd.hpp>

namespace sitrep {

enum class ChangeKind {
  incident_opened,        // a public incident appears
  update_posted,          // a new public update on an incident or maintenance
  status_changed,         // an incident's status changed (investigating -> identified ...)
  impact_changed,         // an incident's impact changed (minor -> major ...)
  incident_resolved,      // an incident's status became resolved
  postmortem_published,   // an incident's public postmortem appeared
  maintenance_scheduled,  // a public maintenance window appears
  maintenance_started,    // a window went in progress
  maintenance_completed,  // a window completed
};

// The snake_case name used in JSON and text ("incident_opened").
std::string_view change_kind_name(ChangeKind kind);
// nullopt-like: returns false when `name` is not a kind.
bool parse_change_kind(std::string_view name, ChangeKind& kind);

struct ChangeEvent {
  // Stable across runs and machines: the same change always gets the same id,
  // so a delivery ledger keyed by it sends each event once per target.
  // Form: "<kind>:<item id>[:<discriminator>]", e.g.
  // "update_posted:INC-2026-11-26-001:2026-11-26T03:12:00Z".
  std::string id;
  ChangeKind kind = ChangeKind::update_posted;
  std::string item_id;     // the incident's or maintenance window's id (the API's `id`)
  bool is_maintenance = false;
  std::string title;       // incident / maintenance name
  std::string status;      // status after the change (Statuspage's words)
  std::string previous_status;  // empty when there was none
  std::string impact;      // incidents: none|minor|major|critical
  std::string previous_impact;
  std::string message;     // the update's body, when the event is about one
  std::string url;         // the public page (the API's shortlink)
  std::string at;          // RFC 3339 UTC: when the change happened
  std::vector<std::string> components;       // affected public component ids
  std::vector<std::string> component_names;  // same order as `components`
};

nlohmann::ordered_json to_json(const ChangeEvent& event);
// Reads one event; returns false (and leaves `error` set) when a required
// field is missing or has the wrong type.
bool from_json(const nlohmann::json& j, ChangeEvent& event, std::string& error);

// The document `changes --format json` prints: {"events": [...]}.
nlohmann::ordered_json events_to_json(const std::vector<ChangeEvent>& events);
bool events_from_json(const nlohmann::json& doc, std::vector<ChangeEvent>& events, std::string& error);

}  // namespace sitrep
