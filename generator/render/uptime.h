#pragma once
// Uptime per public component and calendar day (in the site's time zone),
// from the component statuses that incident updates declare. The weighting
// is site.toml's [uptime]; maintenance never counts as downtime.
#include <map>
#include <string>
#include <vector>

#include "model/model.h"
#include "render/public_view.h"

namespace sitrep {

struct UptimeDay {
  Day day{};
  double minutes = 0;           // length of the day (DST days differ)
  double down_minutes = 0;      // weighted downtime
  std::string worst = "operational";
  double percent() const { return minutes > 0 ? 100.0 * (1.0 - down_minutes / minutes) : 100.0; }
};

struct ComponentUptime {
  std::vector<UptimeDay> days;  // oldest first, ending today
  double percent() const;       // over the whole window
};

// One entry per public component id.
std::map<std::string, ComponentUptime> compute_uptime(const PublicView& view, const UptimeWeights& weights,
                                                      TimeZone zone);

}  // namespace sitrep
