#include "author/new_incident.h"

#include <algorithm>

#include "author/ids.h"
#include "author/lookup.h"
#include "author/self_check.h"
#include "author/timeline_block.h"
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

bool check_roles(const SeverityLevel& level, const NewIncidentOptions& o, const std::string& id, TimePoint detected,
                 TimePoint now, Diagnostics& diags) {
  bool ok = true;
  for (const auto& [role, name] : o.roles)
    if (trim(role).empty() || trim(name).empty()) {
      diags.report("--role", {}, "invalid-value", "a role needs a name and a person: ROLE=NAME");
      ok = false;
    }
  const bool due = roles_due(level, detected, false, now);
  for (const auto& role : level.roles_required) {
    const bool named = std::any_of(o.roles.begin(), o.roles.end(),
                                   [&](const auto& r) { return r.first == role && !trim(r.second).empty(); });
    if (named) continue;
    if (due) {
      diags.report("--" + role, {}, "missing-role", level.id + " requires a named '" + role + "' at declaration",
                   "name them: --" + role + " NAME (or --role " + role + "=NAME)");
      ok = false;
    } else {
      diags.report("--" + role, {}, "role-pending",
                   level.id + " requires a named '" + role + "'; declared without one",
                   "name them when you can: sitrep new update " + id + " --" + role + " NAME (or " + role +
                       " = \"NAME\" under [roles] in the file)");
    }
  }
  return ok;
}

// started_at <= detected_at <= now: the file would fail time-order or
// future-timestamp otherwise, and the options are what to fix.
void check_times(const Model& model, TimePoint started, TimePoint detected, TimePoint now, Diagnostics& diags) {
  const auto show = [&](TimePoint t) { return format_in_zone(t, model.site.time_zone, "%Y-%m-%d %H:%M %Z"); };
  if (detected > now)
    diags.report("--detected-at", {}, "future-timestamp",
                 "detection (" + show(detected) + ") is after now (" + show(now) + ")", "check the time and --now");
  if (started > detected)
    diags.report("--started-at", {}, "time-order",
                 "the start (" + show(started) + ") is after detection (" + show(detected) + ")",
                 "give --detected-at too, or an earlier --started-at");
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
                          const UpdateBlock& first, TimePoint started, TimePoint detected, TimePoint now) {
  const TimeZone zone = model.site.time_zone;
  std::string out;
  out += "id = " + toml_string(id) + "\n";
  out += "title = " + toml_string(trim(o.title)) + "\n";
  out += "severity = " + toml_string(level.id) + "\n";
  out += "type = " + toml_string(type) + "\n";
  out += "components = " + toml_string_array(o.components) + "\n";
  out += std::string{"public = "} + (is_public ? "true" : "false") + "\n";
  out += "started_at = " + toml_time(started, zone) + "\n";
  out += "detected_at = " + toml_time(detected, zone) + "\n";
  if (!o.roles.empty()) {
    out += "\n[roles]\n";
    for (const auto& [role, name] : o.roles) out += toml_key(trim(role)) + " = " + toml_string(trim(name)) + "\n";
  }
  out += "\n" + update_block_text(first, zone);
  std::string owner = trim(o.by);
  if (owner.empty())
    for (const auto& [role, name] : o.roles)
      if (role == "commander") owner = trim(name);
  out += "\n" + timeline_block_text({now, level.id, "Incident declared (" + level.id + ")", owner, {}}, zone);
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
  for (const auto& [id, status] : o.component_statuses)
    if (std::find(o.components.begin(), o.components.end(), id) == o.components.end()) o.components.push_back(id);
  const std::size_t errors_before = diags.error_count();
  if (trim(o.title).empty()) diags.report("--title", {}, "missing-key", "an incident needs a title");
  const TimePoint detected = o.detected_at ? *o.detected_at : o.started_at ? *o.started_at : now;
  const TimePoint started = o.started_at ? *o.started_at : detected;
  check_times(model, started, detected, now, diags);
  const SeverityLevel* level = lookup_level(model, o.severity, diags);
  const bool components_ok = lookup_components(model, o.components, diags) &&
                             check_component_statuses(o.component_statuses, o.components, diags);
  const std::string type =
      o.type.empty() && !model.severity.incident_types.empty() ? model.severity.incident_types.front() : o.type;
  check_type(model, type, diags);
  const bool is_public = level && level->is_public && !o.internal;
  const Day day = local_day(started, model.site.time_zone);
  const std::string id = next_dated_id(model, "INC", day);
  if (level) check_roles(*level, o, id, detected, now, diags);
  if (components_ok && is_public) check_public_components(model, o.components, diags);
  if (!level || diags.error_count() > errors_before) return std::nullopt;

  UpdateBlock first;
  first.at = now;
  first.status = "investigating";
  first.next_update_by = next_update_due(*level, first.status, now);
  if (const std::string shown = component_status_for_impact(level->impact); !shown.empty())
    for (const auto& id : o.components) first.components.emplace_back(id, shown);
  for (const auto& [id, status] : o.component_statuses) {
    // By name, not a capture of the binding: clang 14 (the fuzzing build)
    // cannot capture structured bindings.
    const std::string& component = id;
    auto it = std::find_if(first.components.begin(), first.components.end(),
                           [&](auto& c) { return c.first == component; });
    if (it != first.components.end()) it->second = status;
    else first.components.emplace_back(id, status);
  }
  if (!trim(o.message).empty()) {
    first.message = trim(o.message);
  } else if (auto text = template_message(model, templates, first.status, trim(o.title), o.components,
                                          first.next_update_by, diags)) {
    first.message = std::move(*text);
  } else {
    return std::nullopt;
  }

  NewFile file;
  file.path = display_path(model.root, "content/incidents/" + format_date(day).substr(0, 4) + "/" + id + ".toml");
  file.text = incident_text(model, id, type, *level, o, is_public, first, started, detected, now);
  if (!passes_check(model, ContentKind::incident, file, now, diags)) return std::nullopt;
  return file;
}

}  // namespace sitrep
