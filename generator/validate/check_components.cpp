#include <map>

#include "model/text.h"
#include "util/did_you_mean.h"
#include "validate/checks.h"

namespace sitrep {

void check_components(const CheckContext& ctx) {
  const Components& c = ctx.model.components;
  std::map<std::string, const ComponentGroup*> groups;
  std::vector<std::string> group_ids;
  for (const auto& g : c.groups) {
    if (g.id.empty()) continue;
    if (!groups.emplace(g.id, &g).second)
      ctx.diags.report(c.path, g.pos, "duplicate-id", "group id '" + g.id + "' is defined twice");
    group_ids.push_back(g.id);
  }
  std::map<std::string, const Component*> seen;
  for (const auto& comp : c.components) {
    if (comp.id.empty()) continue;
    if (auto [it, inserted] = seen.emplace(comp.id, &comp); !inserted)
      ctx.diags.report(c.path, at(comp.key_pos, "id"), "duplicate-id",
                       "component id '" + comp.id + "' is already defined on line " +
                           std::to_string(it->second->pos.line));
    if (!comp.group.empty() && !groups.count(comp.group))
      ctx.diags.report(c.path, at(comp.key_pos, "group"), "unknown-group", "unknown group '" + comp.group + "'",
                       did_you_mean(comp.group, group_ids));
  }
}

void check_unique_ids(const CheckContext& ctx) {
  // Incidents and maintenance share one id space: both are URL slugs. Ids
  // are compared without letter case too: "INC-1" and "inc-1" would be one
  // folder on a case-insensitive file system (macOS, Windows), so one page
  // would silently replace the other there (docs/content-format.md).
  struct First {
    std::string id, path;
  };
  std::map<std::string, First, std::less<>> first;  // by lower-case id
  const auto claim = [&](const std::string& id, const std::string& path, const KeyPositions& keys) {
    if (id.empty()) return;
    auto [it, inserted] = first.emplace(to_lower(id), First{id, path});
    if (inserted) return;
    if (it->second.id == id)
      ctx.diags.report(path, at(keys, "id"), "duplicate-id", "id '" + id + "' is already used by " + it->second.path);
    else
      ctx.diags.report(path, at(keys, "id"), "duplicate-id",
                       "id '" + id + "' differs from '" + it->second.id + "' (" + it->second.path +
                           ") only in letter case; on a case-insensitive file system their pages would be one",
                       "ids are compared without case: choose a different id");
  };
  for (const auto& inc : ctx.model.incidents) claim(inc.id, inc.path, inc.key_pos);
  for (const auto& m : ctx.model.maintenance) claim(m.id, m.path, m.key_pos);
}

}  // namespace sitrep
