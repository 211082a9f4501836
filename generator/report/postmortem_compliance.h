#pragma once
// Postmortem compliance: which incidents owe a postmortem under their
// severity level, whether it exists, is final, and was done in time; and
// which postmortems still sit in the template's first status (a draft).
#include <optional>
#include <string>
#include <vector>

#include "model/model.h"

namespace sitrep {

struct RequiredPostmortem {
  std::string incident_id, incident_path, severity;
  std::optional<TimePoint> resolved_at;
  std::optional<TimePoint> deadline;  // resolved_at + postmortem_within; nullopt while unresolved
  bool missing = true;                // no postmortem names the incident
  std::string postmortem_path, status;  // of the postmortem of record, if any
  std::optional<Day> date;
  bool is_final = false;
  bool overdue = false;         // not final and now is past the deadline
  bool completed_late = false;  // final, but dated after the deadline's local day
  std::optional<int> days_past_deadline;  // whole days, when overdue
};

struct DraftPostmortem {
  std::string path, incident_id, status;
  std::optional<Day> date;
  std::optional<int> age_days;  // today - date, in the site's calendar
  std::optional<TimePoint> deadline;
  bool past_deadline = false;
};

struct PostmortemCompliance {
  std::vector<RequiredPostmortem> required;  // incidents in path order
  std::vector<DraftPostmortem> drafts;       // postmortems in path order
  // missing: no postmortem and past its deadline (what `check` reports as
  // postmortem-missing); pending: none yet, but not late (deadline ahead,
  // or the incident not resolved, so no deadline yet). Never added up.
  std::size_t missing = 0, pending = 0, overdue = 0, completed = 0, completed_late = 0;
};

PostmortemCompliance postmortem_compliance(const Model& model, TimePoint now);

}  // namespace sitrep
