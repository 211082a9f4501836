#include "validate/validate.h"

#include "validate/checks.h"

namespace sitrep {

std::string CheckContext::show(TimePoint t) const {
  return format_in_zone(t, model.site.time_zone, "%Y-%m-%d %H:%M %Z");
}

Day CheckContext::today() const { return local_day(now, model.site.time_zone); }

SourcePos at(const KeyPositions& keys, std::string_view key) {
  return keys.find(key).value_or(SourcePos{1, 1});
}

void validate(const Model& model, TimePoint now, Diagnostics& diags) {
  const CheckContext ctx{model, now, diags};
  check_components(ctx);
  check_unique_ids(ctx);
  validate_items(model, now, diags);
}

void validate_items(const Model& model, TimePoint now, Diagnostics& diags) {
  const CheckContext ctx{model, now, diags};
  for (const auto& inc : model.incidents) {
    check_incident(ctx, inc);
    check_incident_policy(ctx, inc);
  }
  for (const auto& m : model.maintenance) check_maintenance(ctx, m);
  for (const auto& pm : model.postmortems) check_postmortem(ctx, pm);
  check_postmortems_required(ctx);
  check_follow_ups(ctx);
}

}  // namespace sitrep
