#include "model/postmortem_actions.h"

#include <algorithm>
#include <charconv>

#include "model/text.h"

namespace sitrep {

std::string iso_date_problem(std::string_view text) {
  const std::string t = trim(text);
  if (t.size() != 10 || t[4] != '-' || t[7] != '-') return "expected YYYY-MM-DD";
  int y = 0;
  unsigned m = 0, d = 0;
  const auto num = [&](std::size_t at, std::size_t len, auto& out) {
    return std::from_chars(t.data() + at, t.data() + at + len, out).ptr == t.data() + at + len;
  };
  if (!num(0, 4, y) || !num(5, 2, m) || !num(8, 2, d)) return "expected YYYY-MM-DD";
  const std::chrono::year_month_day ymd{std::chrono::year{y}, std::chrono::month{m}, std::chrono::day{d}};
  if (!ymd.ok()) return "there is no such day";
  // The bound of every date sitrep reads (load/toml_reader.h year_in_range).
  if (y < 1970 || y >= 2200) return "dates must fall in the years 1970-2199";
  return {};
}

std::optional<Day> parse_iso_date(std::string_view text) {
  if (!iso_date_problem(text).empty()) return std::nullopt;
  const std::string t = trim(text);
  int y = 0;
  unsigned m = 0, d = 0;
  std::from_chars(t.data(), t.data() + 4, y);
  std::from_chars(t.data() + 5, t.data() + 7, m);
  std::from_chars(t.data() + 8, t.data() + 10, d);
  return Day{std::chrono::year_month_day{std::chrono::year{y}, std::chrono::month{m}, std::chrono::day{d}}};
}

ActionTableView find_action_table(const Postmortem& pm, const PostmortemTemplate& tpl) {
  ActionTableView view;
  const SectionRule* rule = tpl.section(tpl.action_table.section);
  if (!rule) return view;
  for (const auto& s : pm.sections)
    if (rule->matches(s.heading)) {
      view.section = &s;
      break;
    }
  if (!view.section || !view.section->table_header) return view;
  for (const auto& h : view.section->table_header->cells) view.columns.push_back(tpl.action_table.canonical_column(trim(h)));
  for (const auto& required : tpl.action_table.required_columns)
    if (std::find(view.columns.begin(), view.columns.end(), required) == view.columns.end())
      view.missing_columns.push_back(required);
  return view;
}

bool has_action_table(const Postmortem& pm, const PostmortemTemplate& tpl) {
  const ActionTableView view = find_action_table(pm, tpl);
  return view.section && view.section->table_header;
}

std::vector<ActionItem> postmortem_actions(const Postmortem& pm, const PostmortemTemplate& tpl) {
  std::vector<ActionItem> out;
  const ActionTableView view = find_action_table(pm, tpl);
  if (!view.section) return out;
  const auto& names = tpl.action_table.required_columns;
  // Positional meaning of the standard columns: Action, Owner, Due, Status.
  const auto column_named = [&](std::size_t standard_index) -> std::string {
    return standard_index < names.size() ? names[standard_index] : std::string{};
  };
  for (const auto& row : view.section->table_rows) {
    ActionItem item;
    item.source = pm.path;
    item.pos = {row.line, 1};
    for (std::size_t c = 0; c < row.cells.size() && c < view.columns.size(); ++c) {
      const std::string& col = view.columns[c];
      const std::string value = trim(row.cells[c]);
      if (col.empty()) continue;
      if (col == column_named(0)) item.action = value;
      else if (col == column_named(1)) item.owner = value;
      else if (col == column_named(2)) {
        item.due_text = value;
        item.due = parse_iso_date(value);
      } else if (col == column_named(3)) {
        const std::string canonical = tpl.canonical_action_status(value);
        item.status = canonical.empty() ? value : canonical;
      } else if (iequals(col, "Priority")) {
        item.priority = value;
      }
    }
    out.push_back(std::move(item));
  }
  return out;
}

}  // namespace sitrep
