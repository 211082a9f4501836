#include "changes/events.h"

#include <array>
#include <nlohmann/json.hpp>
#include <utility>

namespace sitrep {
namespace {

constexpr std::array<std::pair<ChangeKind, std::string_view>, 9> k_kinds = {{
    {ChangeKind::incident_opened, "incident_opened"},
    {ChangeKind::update_posted, "update_posted"},
    {ChangeKind::status_changed, "status_changed"},
    {ChangeKind::impact_changed, "impact_changed"},
    {ChangeKind::incident_resolved, "incident_resolved"},
    {ChangeKind::postmortem_published, "postmortem_published"},
    {ChangeKind::maintenance_scheduled, "maintenance_scheduled"},
    {ChangeKind::maintenance_started, "maintenance_started"},
    {ChangeKind::maintenance_completed, "maintenance_completed"},
}};

bool read_string(const nlohmann::json& j, const char* key, std::string& out, bool required, std::string& error) {
  const auto it = j.find(key);
  if (it == j.end() || it->is_null()) {
    if (required) error = std::string{"missing \""} + key + "\"";
    return !required;
  }
  if (!it->is_string()) {
    error = std::string{"\""} + key + "\" must be a string";
    return false;
  }
  out = it->get<std::string>();
  return true;
}

bool read_strings(const nlohmann::json& j, const char* key, std::vector<std::string>& out, std::string& error) {
  const auto it = j.find(key);
  if (it == j.end() || it->is_null()) return true;
  if (!it->is_array()) {
    error = std::string{"\""} + key + "\" must be a list of strings";
    return false;
  }
  for (const auto& v : *it) {
    if (!v.is_string()) {
      error = std::string{"\""} + key + "\" must be a list of strings";
      return false;
    }
    out.push_back(v.get<std::string>());
  }
  return true;
}

}  // namespace

std::string_view change_kind_name(ChangeKind kind) {
  for (const auto& [k, name] : k_kinds)
    if (k == kind) return name;
  return "update_posted";
}

bool parse_change_kind(std::string_view name, ChangeKind& kind) {
  for (const auto& [k, n] : k_kinds)
    if (n == name) {
      kind = k;
      return true;
    }
  return false;
}

nlohmann::ordered_json to_json(const ChangeEvent& e) {
  nlohmann::ordered_json j;
  j["id"] = e.id;
  j["kind"] = std::string{change_kind_name(e.kind)};
  j["item_id"] = e.item_id;
  j["item_type"] = e.is_maintenance ? "maintenance" : "incident";
  j["title"] = e.title;
  j["status"] = e.status;
  if (!e.previous_status.empty()) j["previous_status"] = e.previous_status;
  if (!e.impact.empty()) j["impact"] = e.impact;
  if (!e.previous_impact.empty()) j["previous_impact"] = e.previous_impact;
  if (!e.message.empty()) j["message"] = e.message;
  j["url"] = e.url;
  j["at"] = e.at;
  j["components"] = e.components;
  j["component_names"] = e.component_names;
  return j;
}

bool from_json(const nlohmann::json& j, ChangeEvent& e, std::string& error) {
  if (!j.is_object()) {
    error = "an event must be an object";
    return false;
  }
  std::string kind, item_type;
  if (!read_string(j, "id", e.id, true, error) || !read_string(j, "kind", kind, true, error) ||
      !read_string(j, "item_id", e.item_id, true, error) || !read_string(j, "item_type", item_type, false, error) ||
      !read_string(j, "title", e.title, false, error) || !read_string(j, "status", e.status, false, error) ||
      !read_string(j, "previous_status", e.previous_status, false, error) ||
      !read_string(j, "impact", e.impact, false, error) ||
      !read_string(j, "previous_impact", e.previous_impact, false, error) ||
      !read_string(j, "message", e.message, false, error) || !read_string(j, "url", e.url, false, error) ||
      !read_string(j, "at", e.at, false, error) || !read_strings(j, "components", e.components, error) ||
      !read_strings(j, "component_names", e.component_names, error))
    return false;
  if (!parse_change_kind(kind, e.kind)) {
    error = "unknown event kind \"" + kind + "\"";
    return false;
  }
  e.is_maintenance = item_type == "maintenance";
  return true;
}

nlohmann::ordered_json events_to_json(const std::vector<ChangeEvent>& events) {
  nlohmann::ordered_json doc;
  doc["events"] = nlohmann::ordered_json::array();
  for (const auto& e : events) doc["events"].push_back(to_json(e));
  return doc;
}

bool events_from_json(const nlohmann::json& doc, std::vector<ChangeEvent>& events, std::string& error) {
  const auto it = doc.is_object() ? doc.find("events") : doc.end();
  if (it == doc.end() || !it->is_array()) {
    error = "expected an object with an \"events\" list (the output of `sitrep changes --format json`)";
    return false;
  }
  for (const auto& j : *it) {
    ChangeEvent e;
    if (!from_json(j, e, error)) {
      error = "event " + std::to_string(events.size() + 1) + ": " + error;
      return false;
    }
    events.push_back(std::move(e));
  }
  return true;
}

}  // namespace sitrep
