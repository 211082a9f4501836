#pragma once
#include <vector>

#include "model/model.h"

namespace sitrep {

// Where a postmortem's action table is and what its columns mean, read
// against the template's column names and aliases.
struct ActionTableView {
  const PostmortemSection* section = nullptr;
  std::vector<std::string> columns;  // canonical name per table column ("" = unknown)
  std::vector<std::string> missing_columns;
};

ActionTableView find_action_table(const Postmortem& pm, const PostmortemTemplate& tpl);
// True when the postmortem's action-items section holds a table.
bool has_action_table(const Postmortem& pm, const PostmortemTemplate& tpl);

// Every row of the action table as an ActionItem. The status is canonical
// when the template knows it, else as written; `due` is set only for ISO
// dates (YYYY-MM-DD).
std::vector<ActionItem> postmortem_actions(const Postmortem& pm, const PostmortemTemplate& tpl);

// "2026-04-17" -> day; nullopt otherwise (also for a day outside the years
// 1970-2199, as every date sitrep reads).
std::optional<Day> parse_iso_date(std::string_view text);
// Why parse_iso_date refuses `text` ("expected YYYY-MM-DD", "there is no
// such day", ...), or empty.
std::string iso_date_problem(std::string_view text);

}  // namespace sitrep
