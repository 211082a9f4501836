#include "validate/validate.h"

#include <algorithm>
#include <functional>
#include <vector>

#include "util/parallel.h"
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
  SiteFollowUps unused;
  validate(model, now, diags, unused);
}

void validate(const Model& model, TimePoint now, Diagnostics& diags, SiteFollowUps& follow_ups) {
  const CheckContext ctx{model, now, diags};
  check_components(ctx);
  check_unique_ids(ctx);
  validate_items(model, now, diags, &follow_ups);
}

void validate_items(const Model& model, TimePoint now, Diagnostics& diags, SiteFollowUps* follow_ups) {
  // The checks read the model and nothing else, so they run as jobs on the
  // cores (validation was a tenth of a rebuild at 10 000 incidents, on one
  // core while the other idled), each reporting into its own Diagnostics;
  // those are merged in the order the jobs are listed, which is the order
  // one thread would have found them in.
  constexpr std::size_t k_incidents_per_job = 256;
  std::vector<std::function<void(const CheckContext&)>> jobs;
  for (std::size_t first = 0; first < model.incidents.size(); first += k_incidents_per_job)
    jobs.emplace_back([&model, first](const CheckContext& ctx) {
      const std::size_t end = std::min(model.incidents.size(), first + k_incidents_per_job);
      for (std::size_t i = first; i < end; ++i) {
        check_incident(ctx, model.incidents[i]);
        check_incident_policy(ctx, model.incidents[i]);
      }
    });
  jobs.emplace_back([&model](const CheckContext& ctx) {
    for (const auto& m : model.maintenance) check_maintenance(ctx, m);
  });
  jobs.emplace_back([&model](const CheckContext& ctx) {
    for (const auto& pm : model.postmortems) check_postmortem(ctx, pm);
  });
  jobs.emplace_back([](const CheckContext& ctx) { check_postmortems_required(ctx); });
  jobs.emplace_back([follow_ups](const CheckContext& ctx) { check_follow_ups(ctx, follow_ups); });
  std::vector<Diagnostics> found(jobs.size(), Diagnostics(diags.policy()));
  // Started last job first: the single long ones (the follow-up list is
  // built over every incident) begin while the short chunks fill the gaps.
  parallel_for(jobs.size(), 0, [&](std::size_t k) {
    const std::size_t job = jobs.size() - 1 - k;
    jobs[job](CheckContext{model, now, found[job]});
  });
  for (const auto& d : found) diags.append(d);
}

}  // namespace sitrep
