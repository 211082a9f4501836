#include <toml++/toml.h>

#include <cmath>

#include "load/parse.h"
#include "load/toml_reader.h"
#include "model/text.h"

namespace sitrep {
namespace {

std::vector<ComponentStatus> read_component_statuses(const toml::table& t, const std::string& path,
                                                     Diagnostics& diags) {
  std::vector<ComponentStatus> out;
  for (const auto& [k, v] : t) {
    if (const auto* s = v.as_string())
      out.push_back({std::string{k.str()}, s->get(), pos_of(k.source()), pos_of(v)});
    else
      diags.report(path, pos_of(v), "wrong-type", "component status for '" + std::string{k.str()} + "' must be a string");
  }
  return out;
}

// nullopt when the update has no usable time: it is reported, then left out
// so that later rules do not compare against a made-up time.
std::optional<IncidentUpdate> read_update(const toml::table& t, const std::string& path, TimeZone zone,
                                          Diagnostics& diags) {
  TomlReader r(t, path, diags, zone);
  IncidentUpdate u;
  u.pos = r.table_pos();
  const auto at = r.time("at", true);
  u.at = at.value_or(TimePoint{});
  u.status = r.string("status", true).value_or("");
  u.message = r.markdown("message", true).value_or("");
  u.next_update_by = r.time("next_update_by");
  if (const auto* c = r.table("components")) u.components = read_component_statuses(*c, path, diags);
  u.key_pos = r.finish();
  if (!at) return std::nullopt;
  return u;
}

}  // namespace

std::optional<Incident> parse_incident(std::string_view text, const std::string& path, TimeZone zone,
                                       Diagnostics& diags) {
  auto doc = parse_toml(text, path, diags);
  if (!doc) return std::nullopt;
  TomlReader r(*doc, path, diags, zone);
  Incident inc;
  inc.path = path;
  inc.id = r.string("id", true).value_or("");
  if (auto problem = inc.id.empty() ? std::nullopt : slug_problem(inc.id))
    r.report(r.raw_pos("id"), "invalid-value", "incident id '" + inc.id + "' is not a URL slug: " + *problem,
             "ids name the item's folder and URL: use ASCII letters, digits, '-', '_' and '.'");
  inc.title = r.string("title", true).value_or("");
  inc.severity = r.string("severity", true).value_or("");
  inc.type = r.string("type", true).value_or("");
  inc.summary = r.string("summary").value_or("");
  if (auto comps = r.strings("components", true, &inc.component_pos)) {
    inc.components = std::move(*comps);
    if (inc.components.empty())
      r.report(r.raw_pos("components"), "invalid-value", "an incident must list at least one component");
  }
  inc.is_public = r.boolean("public").value_or(true);
  inc.started_at = r.time("started_at", true);
  inc.detected_at = r.time("detected_at");
  inc.acknowledged_at = r.time("acknowledged_at");
  inc.mitigated_at = r.time("mitigated_at");
  inc.resolved_at = r.time("resolved_at");
  inc.resolution_method = r.string("resolution_method").value_or("");
  inc.affected_system = r.string("affected_system").value_or("");

  if (const auto* roles = r.table("roles")) {
    for (const auto& [k, v] : *roles) {
      if (const auto* s = v.as_string()) inc.roles.emplace_back(std::string{k.str()}, s->get());
      else diags.report(path, pos_of(v), "wrong-type", "role '" + std::string{k.str()} + "' must be a name (string)");
    }
  }
  for (const toml::table* t : r.tables("updates"))
    if (auto u = read_update(*t, path, zone, diags)) inc.updates.push_back(std::move(*u));

  if (const auto* metrics = r.table("metrics")) {
    for (const auto& [k, v] : *metrics) {
      if (v.is_integer()) inc.metrics.emplace_back(std::string{k.str()}, static_cast<double>(v.as_integer()->get()));
      else if (v.is_floating_point() && std::isfinite(v.as_floating_point()->get()))
        inc.metrics.emplace_back(std::string{k.str()}, v.as_floating_point()->get());
      else if (v.is_floating_point())  // a NaN fails every trigger's comparison: a SEV1 would pass as lower
        diags.report(path, pos_of(v), "invalid-value", "metric '" + std::string{k.str()} + "' must be a finite number",
                     "write a number such as 0.5; TOML's nan and inf are not accepted");
      else diags.report(path, pos_of(v), "wrong-type", "metric '" + std::string{k.str()} + "' must be a number");
    }
  }
  for (const toml::table* t : r.tables("impact")) {
    TomlReader ir(*t, path, diags, zone);
    ImpactFigure f;
    f.pos = ir.table_pos();
    f.label = ir.string("label", true).value_or("");
    f.value = ir.number("value", true).value_or(0);
    f.unit = ir.string("unit").value_or("");
    ir.finish();
    inc.impact.push_back(std::move(f));
  }
  if (const auto* t = r.table("root_cause")) {
    TomlReader rr(*t, path, diags, zone);
    RootCause rc;
    rc.pos = rr.table_pos();
    rc.summary = rr.string("summary", true).value_or("");
    rc.category = rr.string("category", true).value_or("");
    rc.confirmed = rr.boolean("confirmed").value_or(false);
    rc.pending = rr.string("pending").value_or("");
    rc.key_pos = rr.finish();
    inc.root_cause = std::move(rc);
  }
  for (const toml::table* t : r.tables("timeline")) {
    TomlReader tr(*t, path, diags, zone);
    TimelineEntry e;
    e.pos = tr.table_pos();
    const auto at = tr.time("at", true);
    e.at = at.value_or(TimePoint{});
    e.severity = tr.string("severity").value_or("");
    e.action = tr.string("action", true).value_or("");
    e.owner = tr.string("owner").value_or("");
    tr.finish();
    if (at) inc.timeline.push_back(std::move(e));
  }
  for (const toml::table* t : r.tables("actions")) {
    TomlReader ar(*t, path, diags, zone);
    ActionItem a;
    a.pos = ar.table_pos();
    a.source = inc.id;
    a.action = ar.string("action", true).value_or("");
    a.owner = ar.string("owner", true).value_or("");
    a.due = ar.date("due", true);
    if (a.due) a.due_text = format_date(*a.due);
    a.status = ar.string("status", true).value_or("");
    a.priority = ar.string("priority").value_or("");
    ar.finish();
    inc.actions.push_back(std::move(a));
  }
  inc.key_pos = r.finish();
  return inc;
}

}  // namespace sitrep
