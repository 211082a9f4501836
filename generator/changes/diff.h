#pragma once
// The events between two published states of the public site, from their
// api/v2 documents alone: pure, no I/O, total on any JSON (an item without
// an id is skipped). `sitrep changes` feeds it the previous site's files
// (changes/previous_site.*) and this build's, rendered in memory.
//
// Rules (docs/changes.md):
// - an item is matched by its `id`; an update by its `created_at`;
// - a new item's first event carries its first update (incident_opened; for
//   a window, maintenance_scheduled folds a first "scheduled" update), the
//   later updates are update_posted, then its state changes follow as for
//   an item already known;
// - a resolved incident (completed window) absent from the previous site but
//   older than everything it listed fell off the capped list: no event;
// - items gone from the site give no event;
// - a previous incident object without `postmortem_published_at` (a site
//   published before the field existed) never gives postmortem_published;
// - a first publish (no previous api/v2) gives events for unresolved
//   incidents and upcoming or running windows only.
// Order: by `at`, then incidents before windows, item id, kind, event id.
#include <vector>

#include <nlohmann/json.hpp>

#include "changes/events.h"

namespace sitrep {

// One site's api/v2 documents, as published.
struct ApiSnapshot {
  bool exists = false;                    // false: no api/v2 yet (a first publish)
  nlohmann::json incidents;               // incidents.json
  nlohmann::json scheduled_maintenances;  // scheduled-maintenances.json
  nlohmann::json summary;                 // summary.json (null when absent): unresolved items past the caps
};

std::vector<ChangeEvent> diff_sites(const ApiSnapshot& previous, const ApiSnapshot& current);

}  // namespace sitrep
