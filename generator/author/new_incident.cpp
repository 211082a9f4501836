#include "author/new_incident.h"

#include <algorithm>

#include "author/ids.h"
#include "author/lookup.h"
#include "author/self_check.h"
#include "author/toml_text.h"
#include "author/update_block.h"
#include "load/load_site.h"
#include "model/text.h"
#include "util/did_you_mean.h"

namespace sitrep {
namespace {

bool check_type(const Model& model, const std::string& type, Diagnostics& diags) {
  const auto& types = model.severity.incident_types;
  if (std::find(types.begin(), types.end(), type) != types.end()) return true;
  if (type.empty())
    diags.report(model.severity.path, {}, "schema", "the severity schema lists no incident_types");
  else
    diags.report("--type", {}, "unknown-type", "unknown incident type '" + type + "'", did_you_mean(type, types));
  return false;
}

bool check_roles(const SeverityLevel& level, const std::vector<std::pair<std::string, std::string>>& roles,
                 Diagnostics& diags) {
  bool ok = true;
  for (const auto& [role, name] : roles)
    if (trim(role).empty() || trim(name).empty()) {
      diags.report("--role", {}, "invalid-value", "a role needs a name and a person: ROLE=NAME");
      ok = false;
    }
  for (const auto& role : level.roles_required) {
    const bool named = std::any_of(roles.begin(), roles.end(),
                                   [&](const auto& r) { return r.first == role && !trim(r.second).empty(); });
    if (named) continue;
    diags.report("--" + role, {}, "missing-role", level.id + " requires a named '" + role + "'",
                 "name them: --" + role + " NAME (or --role " + role + "=NAME)");
    ok = false;
  }
  return ok;
}

bool check_public_components(const Model& model, const std::vector<std::string>& ids, Diagnostics& diags) {
  bool ok = true;
  for (const auto& id : ids) {
    const Component* c = model.components.find(id);
    if (!c || c->is_public) continue;
    diags.report("--components", {}, "internal-component",
                 "a public incident cannot name internal-only component '" + id + "'",
                 "pass --internal to keep the incident off the public site");
    ok = false;
  }
  return ok;
}

std::string incident_text(const Model& model, const std::string& id, const std::string& type,
                          const SeverityLevel& level, const NewIncidentOptions& o, bool is_public,
                          const UpdateBlock& first, TimePoint now) {
  const TimeZone zone = model.site.time_zone;
  std::string out;
  out += "id = " + toml_string(id) + "\n";
  out += "title = " + toml_string(trim(o.title)) + "\n";
  out += "severity = " + toml_string(level.id) + "\n";
  out += "type = " + toml_string(type) + "\n";
  out += "components = " + toml_string_array(o.components) + "\n";
  out += std::string{"public = "} + (is_public ? "true" : "false") + "\n";
  out += "started_at = " + toml_time(now, zone) + "\n";
  out += "detected_at = " + toml_time(now, zone) + "\n";
  if (!o.roles.empty()) {
    out += "\n[roles]\n";
    for (const auto& [role, name] : o.roles) out += toml_key(trim(role)) + " = " + toml_string(trim(name)) + "\n";
  }
  out += "\n" + update_block_text(first, zone);
  return out;
}

}  // namespace

std::string component_status_for_impact(std::string_view impact) {
  if (impact == "critical") return "major_outage";
  if (impact == "major") return "partial_outage";
  if (impact == "minor") return "degraded_performance";
  return {};
}

std::optional<NewFile> new_incident(const Model& model, const MessageTemplates& templates,
                                    const NewIncidentOptions& options, TimePoint now, Diagnostics& diags) {
  // A component named twice would be a duplicate key in the update's table.
  NewIncidentOptions o = options;
  o.components.clear();
  for (const auto& id : options.components)
    if (std::find(o.components.begin(), o.components.end(), id) == o.components.end()) o.components.push_back(id);
  const std::size_t errors_before = diags.error_count();
  if (trim(o.title).empty()) diags.report("--title", {}, "missing-key", "an incident needs a title");
  const SeverityLevel* level = lookup_level(model, o.severity, diags);
  const bool components_ok = lookup_components(model, o.components, diags);
  const std::string type =
      o.type.empty() && !model.severity.incident_types.empty() ? model.severity.incident_types.front() : o.type;
  check_type(model, type, diags);
  const bool is_public = level && level->is_public && !o.internal;
  if (level) check_roles(*level, o.roles, diags);
  if (components_ok && is_public) check_public_components(model, o.components, diags);
  if (!level || diags.error_count() > errors_before) return std::nullopt;

  UpdateBlock first;
  first.at = now;
  first.status = "investigating";
  first.next_update_by = next_update_due(*level, first.status, now);
  if (const std::string shown = component_status_for_impact(level->impact); !shown.empty())
    for (const auto& id : o.components) first.components.emplace_back(id, shown);
  if (!trim(o.message).empty()) {
    first.message = trim(o.message);
  } else if (auto text = template_message(model, templates, first.status, trim(o.title), o.components,
                                          first.next_update_by, diags)) {
    first.message = std::move(*text);
  } else {
    return std::nullopt;
  }

  const Day day = local_day(now, model.site.time_zone);
  const std::string id = next_dated_id(model, "INC", day);
  NewFile file;
  file.path = display_path(model.root, "content/incidents/" + format_date(day).substr(0, 4) + "/" + id + ".toml");
  file.text = incident_text(model, id, type, *level, o, is_public, first, now);
  if (!passes_check(model, ContentKind::incident, file, now, diags)) return std::nullopt;
  return file;
}

}  // namespace sitrep
