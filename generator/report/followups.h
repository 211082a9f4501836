#pragma once
// The follow-up tracker: the one list of action items (site_follow_ups:
// incidents' [[actions]] and postmortems' action tables, an item in both
// counted once), grouped and counted, with whether each is open and overdue
// in the site's calendar. Closed means one of the template's closed
// statuses; an item with no status (or one the template does not know)
// stays open, so a typo never hides work.
#include <string>
#include <utility>
#include <vector>

#include "model/model.h"
#include "report/follow_up_items.h"

namespace sitrep {

struct FollowUpGroup {
  std::string key;                 // owner or incident id ("" = none given)
  std::vector<std::size_t> items;  // into FollowUpReport::items: by due date (none last), then source order
  std::size_t open = 0, overdue = 0;
};

struct FollowUpReport {
  Day today{};  // in the site's zone
  std::vector<FollowUp> items;  // site_follow_ups(model, today).items
  std::vector<FollowUpGroup> by_owner;     // by owner name
  std::vector<FollowUpGroup> by_incident;  // by incident id
  std::vector<std::pair<std::string, std::size_t>> by_status;  // template order, then unknown by name
  std::size_t open = 0, overdue = 0, closed = 0;
};

FollowUpReport follow_ups(const Model& model, TimePoint now);
// The same from the list already made for the day of `now` in the site's
// zone (validate.h hands it over).
FollowUpReport follow_ups(const Model& model, SiteFollowUps all);

}  // namespace sitrep
