#include <toml++/toml.h>

#include "load/parse.h"
#include "load/toml_reader.h"
#include "model/text.h"

namespace sitrep {
namespace {

// An explicit order sorts against the file positions (1, 2, ...): a number
// past a million is a typo, and past an int it would wrap and sort first.
int read_order(TomlReader& r, int& position) {
  ++position;
  const auto v = r.integer("order");
  if (!v) return position;
  if (*v < -1'000'000 || *v > 1'000'000) {
    r.report(r.raw_pos("order"), "invalid-value", "order must be between -1000000 and 1000000");
    return position;
  }
  return static_cast<int>(*v);
}

}  // namespace

Components parse_components(std::string_view text, const std::string& path, Diagnostics& diags) {
  Components out;
  out.path = path;
  auto doc = parse_toml(text, path, diags);
  if (!doc) return out;
  TomlReader r(*doc, path, diags);
  int order = 0;
  for (const toml::table* t : r.tables("groups")) {
    TomlReader g(*t, path, diags);
    ComponentGroup group;
    group.pos = g.table_pos();
    group.id = g.string("id", true).value_or("");
    group.name = g.string("name", true).value_or("");
    group.description = g.string("description").value_or("");
    group.order = read_order(g, order);
    if (!group.id.empty() && !is_valid_id(group.id))
      g.report(g.raw_pos("id"), "invalid-value", "group id '" + group.id + "' may only use a-z, 0-9, '-' and '_'");
    g.finish();
    out.groups.push_back(std::move(group));
  }
  order = 0;
  for (const toml::table* t : r.tables("components", true)) {
    TomlReader c(*t, path, diags);
    Component comp;
    comp.pos = c.table_pos();
    comp.id = c.string("id", true).value_or("");
    comp.name = c.string("name", true).value_or("");
    comp.description = c.string("description").value_or("");
    comp.group = c.string("group").value_or("");
    comp.is_public = c.boolean("public").value_or(true);
    comp.order = read_order(c, order);
    if (!comp.id.empty() && !is_valid_id(comp.id))
      c.report(c.raw_pos("id"), "invalid-value", "component id '" + comp.id + "' may only use a-z, 0-9, '-' and '_'");
    else if (is_reserved_file_name(comp.id))
      c.report(c.raw_pos("id"), "invalid-value",
               "component id '" + comp.id + "' is a device name Windows reserves; no folder can have it",
               "the id names the component's folder and URL: choose another, e.g. '" + comp.id + "-service'");
    comp.key_pos = c.finish();
    out.components.push_back(std::move(comp));
  }
  r.finish();
  return out;
}

}  // namespace sitrep
