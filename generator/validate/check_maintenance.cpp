#include "util/did_you_mean.h"
#include "validate/checks.h"

namespace sitrep {

void check_maintenance(const CheckContext& ctx, const Maintenance& m) {
  const Components& comps = ctx.model.components;
  for (std::size_t i = 0; i < m.components.size(); ++i) {
    const std::string& id = m.components[i];
    const SourcePos pos = i < m.component_pos.size() ? m.component_pos[i] : at(m.key_pos, "components");
    const Component* c = comps.find(id);
    if (!c)
      ctx.diags.report(m.path, pos, "unknown-component", "unknown component '" + id + "'",
                       did_you_mean(id, comps.ids()));
    else if (!c->is_public && m.is_public)
      ctx.diags.report(m.path, pos, "internal-component",
                       "public maintenance references internal-only component '" + id + "'",
                       "mark the maintenance public = false or remove the component");
  }
  if (m.key_pos.contains("scheduled_start") && m.key_pos.contains("scheduled_end") && m.scheduled_end <= m.scheduled_start)
    ctx.diags.report(m.path, at(m.key_pos, "scheduled_end"), "time-order",
                     "scheduled_end (" + ctx.show(m.scheduled_end) + ") is not after scheduled_start (" +
                         ctx.show(m.scheduled_start) + ")");
  for (std::size_t i = 0; i < m.updates.size(); ++i) {
    const auto& u = m.updates[i];
    if (u.at > ctx.now)
      ctx.diags.report(m.path, at(u.key_pos, "at"), "future-timestamp",
                       "update (" + ctx.show(u.at) + ") is in the future (now is " + ctx.show(ctx.now) + ")");
    if (i > 0 && u.at < m.updates[i - 1].at)
      ctx.diags.report(m.path, at(u.key_pos, "at"), "update-order",
                       "update (" + ctx.show(u.at) + ") is dated before the previous update (" +
                           ctx.show(m.updates[i - 1].at) + ")");
  }
}

}  // namespace sitrep
