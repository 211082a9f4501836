#include <toml++/toml.h>

#include "load/parse.h"
#include "load/toml_reader.h"
#include "model/text.h"

namespace sitrep {

std::optional<Maintenance> parse_maintenance(std::string_view text, const std::string& path, TimeZone zone,
                                             Diagnostics& diags) {
  auto doc = parse_toml(text, path, diags);
  if (!doc) return std::nullopt;
  TomlReader r(*doc, path, diags, zone);
  Maintenance m;
  m.path = path;
  m.id = r.string("id", true).value_or("");
  if (auto problem = m.id.empty() ? std::nullopt : slug_problem(m.id))
    r.report(r.raw_pos("id"), "invalid-value", "maintenance id '" + m.id + "' is not a URL slug: " + *problem,
             "ids name the item's folder and URL: use ASCII letters, digits, '-', '_' and '.'");
  m.title = r.string("title", true).value_or("");
  m.components = r.strings("components", true, &m.component_pos).value_or(std::vector<std::string>{});
  m.is_public = r.boolean("public").value_or(true);
  const auto start = r.time("scheduled_start", true);
  const auto end = r.time("scheduled_end", true);
  m.scheduled_start = start.value_or(TimePoint{});
  m.scheduled_end = end.value_or(TimePoint{});
  m.message = r.markdown("message", true).value_or("");
  for (const toml::table* t : r.tables("updates")) {
    TomlReader ur(*t, path, diags, zone);
    MaintenanceUpdate u;
    u.pos = ur.table_pos();
    const auto at = ur.time("at", true);
    u.at = at.value_or(TimePoint{});
    u.status = ur.one_of("status", k_maintenance_statuses, true, "unknown-status").value_or("");
    u.message = ur.markdown("message", true).value_or("");
    u.key_pos = ur.finish();
    if (at) m.updates.push_back(std::move(u));
  }
  m.key_pos = r.finish();
  // Without its window a maintenance cannot be scheduled or checked further.
  if (!start || !end) return std::nullopt;
  return m;
}

}  // namespace sitrep
