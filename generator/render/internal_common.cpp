#include "render/internal_common.h"

#include <algorithm>
#include <chrono>

#include "render/charts.h"
#include "render/internal_urls.h"
#include "util/duration.h"

namespace sitrep {
namespace {

struct NavEntry {
  InternalSection section;
  std::string_view label, path;
};

constexpr NavEntry k_nav[] = {
    {InternalSection::overview, "Overview", internal_urls::k_index},
    {InternalSection::incidents, "Incidents", internal_urls::k_incidents},
    {InternalSection::postmortems, "Postmortems", internal_urls::k_postmortems},
    {InternalSection::sla, "SLA compliance", internal_urls::k_sla},
    {InternalSection::statistics, "Statistics", internal_urls::k_monthly},
    {InternalSection::followups, "Follow-ups", internal_urls::k_followups},
    {InternalSection::compliance, "Postmortem compliance", internal_urls::k_compliance},
};

std::size_t utf8_length(std::string_view s) {
  return static_cast<std::size_t>(std::count_if(s.begin(), s.end(), [](char c) { return (c & 0xC0) != 0x80; }));
}

// Browser tabs and search results cut titles at about 70 characters (and
// html-validate's long-title rule says so): keep the words that tell pages
// apart, drop the site name first.
std::string head_title(std::string_view short_title, std::string_view site_title) {
  std::string out = std::string{short_title} + " · Internal · " + std::string{site_title};
  if (utf8_length(out) <= 70) return out;
  out = std::string{short_title} + " · Internal";
  if (utf8_length(out) <= 70) return out;
  std::string cut;
  std::size_t chars = 0;
  for (char c : short_title) {
    if ((c & 0xC0) != 0x80 && ++chars > 56) break;
    cut += c;
  }
  return cut + "… · Internal";
}

}  // namespace

Json internal_page_json(const InternalContext& ctx, std::string_view output_path, std::string_view title,
                        InternalSection section, std::string_view short_title) {
  const std::string root = root_prefix(output_path);
  Json nav = Json::array();
  for (const auto& e : k_nav)
    nav.push_back({{"label", e.label}, {"url", root + std::string{e.path}}, {"current", e.section == section}});
  const SiteConfig& site = ctx.site();
  Json page{
      {"root", root},
      {"title", std::string{title}},
      {"head_title", head_title(short_title.empty() ? title : short_title, ctx.site().title)},
      {"site",
       {{"title", site.title},
        {"language", site.language},
        {"base_url", site.base_url},
        {"public_url", site.base_url + "/"},
        {"time_zone", site.time_zone_name}}},
      {"nav", nav},
      {"generated", itime_json(ctx, ctx.now)},
  };
  if (ctx.assets) page["assets"] = ctx.assets->template_data();
  return page;
}

void drop_build_time(Json& page) { page.erase("generated"); }

std::vector<std::size_t> metrics_indexes(const InternalContext& ctx, const std::vector<const IncidentMetrics*>& rows) {
  std::vector<std::size_t> out;
  out.reserve(rows.size());
  for (const IncidentMetrics* m : rows) out.push_back(static_cast<std::size_t>(m - ctx.metrics.data()));
  return out;
}

OutputFile render_internal_page(const InternalContext& ctx, std::string_view template_name, std::string output_path,
                                const Json& context) {
  return {std::move(output_path), ctx.templates.render(template_name, context, ctx.diags)};
}

std::string itime_text(const InternalContext& ctx, TimePoint t) {
  return format_in_zone(t, ctx.site().time_zone, "%b %d, %Y %H:%M %Z");
}

Json itime_json(const InternalContext& ctx, const std::optional<TimePoint>& t) {
  if (!t) return nullptr;
  return Json{{"iso", format_rfc3339_utc(*t)}, {"text", itime_text(ctx, *t)}};
}

Json day_json(const std::optional<Day>& day, std::string_view written) {
  if (day) return Json{{"iso", format_date(*day)}, {"text", format_date(*day)}};
  if (!written.empty()) return Json{{"text", std::string{written}}};
  return nullptr;
}

std::string minutes_text(const std::optional<double>& minutes) {
  return minutes ? charts::format_value(*minutes, 1) + " min" : "n/a";
}

std::string duration_text(const std::optional<Seconds>& s) { return s ? format_duration(*s) : "n/a"; }

std::string percent_text(const std::optional<double>& percent) {
  return percent ? charts::format_value(*percent, 1) + "%" : "n/a";
}

std::string change_text(const std::optional<double>& percent) {
  if (!percent) return "n/a";
  const std::string number = charts::format_value(*percent, 1);
  if (number == "0") return "0%";
  return (*percent > 0 ? "+" : "") + number + "%";
}

Json verdict_json(const std::optional<bool>& met, bool running) {
  if (met && *met) return Json{{"code", "met"}, {"label", "Met"}, {"icon", "✔"}};
  if (met) return Json{{"code", "breached"}, {"label", "Breached"}, {"icon", "✖"}};
  if (running) return Json{{"code", "running"}, {"label", "Running (within target so far)"}, {"icon", "◷"}};
  return Json{{"code", "undetermined"}, {"label", "Undetermined"}, {"icon", "?"}};
}

Json clock_state_json(const std::optional<ClockState>& state) {
  if (!state) return verdict_json(std::nullopt);
  switch (*state) {
    case ClockState::met: return verdict_json(true);
    case ClockState::breached: return verdict_json(false);
    case ClockState::running: return verdict_json(std::nullopt, true);
    case ClockState::not_started: return Json{{"code", "undetermined"}, {"label", "Not started"}, {"icon", "…"}};
    case ClockState::not_measurable:
      return Json{{"code", "not-measurable"}, {"label", "Not measurable"}, {"icon", "?"}};
  }
  return verdict_json(std::nullopt);
}

Json sla_overall_json(const InternalContext& ctx, const SlaCompliance& sla) {
  Json j = clock_state_json(sla.overall);
  if (sla.overall == ClockState::not_measurable)
    j["label"] = ctx.model.severity.unmeasurable_clock == UnmeasurableClock::breach
                     ? "Not measurable (counted as breached)"
                     : "Not measurable (left out of the rate)";
  return j;
}

std::string sla_overall_why(const InternalContext& ctx, const SlaCompliance& sla) {
  if (sla.overall != ClockState::not_measurable) return {};
  return sla.overall_reason + (ctx.model.severity.unmeasurable_clock == UnmeasurableClock::breach
                                   ? ". The policy (unmeasurable_clock = \"breach\") counts it as breached."
                                   : ". Left out of the compliance rate (unmeasurable_clock = \"exclude\").");
}

Json mark_json(const std::optional<bool>& ok, std::string_view yes, std::string_view no, std::string_view unknown) {
  Json j = verdict_json(ok);
  j["label"] = std::string{ok ? (*ok ? yes : no) : unknown};
  return j;
}

namespace {

// "detected_at" -> "Detect": the stage a timestamp marks, for clock labels.
std::string stage_word(std::string_view field) {
  if (field == "started_at") return "start";
  if (field == "detected_at") return "detect";
  if (field == "acknowledged_at") return "acknowledge";
  if (field == "mitigated_at") return "mitigate";
  if (field == "resolved_at") return "resolve";
  return std::string{field};
}

std::string clock_label(const ClockResult& c) {
  std::string from = stage_word(c.from);
  if (!from.empty()) from[0] = static_cast<char>(from[0] - 'a' + 'A');
  return from + " → " + stage_word(c.to) + " (SLA clock \"" + c.name + "\")";
}

}  // namespace

Json clock_json(const InternalContext& ctx, const ClockResult& c) {
  Json j{
      {"name", c.name},
      {"label", clock_label(c)},
      {"from", c.from},
      {"to", c.to},
      {"clock_start", itime_json(ctx, c.start)},
      {"clock_end", itime_json(ctx, c.end)},
      {"elapsed", duration_text(c.elapsed)},
      {"target", format_duration(c.target)},
      {"verdict", clock_state_json(c.state)},
      {"formula", c.formula},
  };
  if (c.running_for) j["running_for"] = format_duration(*c.running_for);
  // The figures decide the verdict: say by how much a clock is over.
  if (const auto over = c.over()) j["clock_why"] = "over by " + format_duration(*over);
  // Why a clock is undecided, in words, so the verdict is never a riddle.
  if (c.state == ClockState::not_measurable) j["clock_why"] = c.reason;
  if (c.state == ClockState::not_started) j["clock_why"] = c.from + " is not recorded yet";
  if (!c.note.empty()) j["clock_note"] = c.note;
  return j;
}

Json severity_json(const InternalContext& ctx, std::string_view severity) {
  const int index = ctx.model.severity.find_level(severity);
  if (index < 0) return Json{{"id", std::string{severity}}, {"name", "unknown level"}, {"rank", "unknown"}};
  const SeverityLevel& level = ctx.model.severity.levels[static_cast<std::size_t>(index)];
  return Json{{"id", level.id}, {"name", level.name}, {"rank", std::to_string(index + 1)}};
}

Json incident_ref_json(const InternalContext& ctx, std::string_view incident_id, std::string_view root) {
  Json j{{"id", std::string{incident_id}}};
  const long index = ctx.incident_index(incident_id);
  if (index < 0) return j;
  j["ref_title"] = ctx.model.incidents[static_cast<std::size_t>(index)].title;
  j["ref_url"] = std::string{root} + internal_urls::incident(incident_id);
  if (auto it = ctx.public_urls.find(incident_id); it != ctx.public_urls.end()) j["ref_public"] = it->second;
  return j;
}

std::string incident_year(const InternalContext& ctx, const IncidentMetrics& m) {
  const auto t = m.started_at ? m.started_at : m.detected_at;
  if (!t) return "undated";
  const std::chrono::year_month_day ymd{local_day(*t, ctx.site().time_zone)};
  return std::to_string(static_cast<int>(ymd.year()));
}

std::string incident_month(const InternalContext& ctx, const IncidentMetrics& m) {
  const auto t = m.started_at ? m.started_at : m.detected_at;
  if (!t) return "undated";
  return format_in_zone(*t, ctx.site().time_zone, "%Y-%m");
}

std::string incident_status_at(const InternalContext& ctx, const Incident& inc) {
  if (inc.resolved_at && *inc.resolved_at <= ctx.now) return "resolved";
  std::string status = "investigating";
  for (const auto& u : inc.updates)
    if (u.at <= ctx.now) status = ctx.model.severity.canonical_status(u.status);
  // "resolved" needs resolved_at; without it the incident is still open.
  return status == "resolved" || status.empty() ? "monitoring" : status;
}

Json follow_up_json(const InternalContext& ctx, const FollowUp& f, std::string_view root) {
  Json j{
      {"action", f.action},
      {"owner", f.owner.empty() ? "(no owner)" : f.owner},
      {"action_priority", f.priority},
      {"action_due", day_json(f.due, f.due_text)},
      {"state", f.is_overdue ? "overdue"
                : f.is_open  ? "open"
                             : "closed"},
      {"status_label", f.status.empty() ? "(no status)" : word_label(f.status)},
      {"overdue", f.is_overdue},
      {"incident", incident_ref_json(ctx, f.incident_id, root)},
      {"source_kind", f.source.origin == ActionOrigin::incident ? "incident [[actions]]" : "postmortem action table"},
      {"source_path", f.source.path},
      {"source_line", std::to_string(f.source.pos.line)},
  };
  // An item in both places shows both, so either file can be found from it.
  if (f.also) j["also"] = {{"also_path", f.also->path}, {"also_line", std::to_string(f.also->pos.line)}};
  if (f.is_overdue)
    j["overdue_text"] = "Overdue by " + std::to_string(f.days_overdue) + (f.days_overdue == 1 ? " day" : " days");
  if (f.source.origin == ActionOrigin::postmortem)
    if (auto it = ctx.postmortem_by_file.find(f.source.path); it != ctx.postmortem_by_file.end())
      j["source_url"] = std::string{root} + ctx.postmortem_paths[it->second];
  return j;
}

std::string word_label(std::string_view word) {
  std::string out{word};
  for (char& c : out)
    if (c == '_') c = ' ';
  if (!out.empty() && out[0] >= 'a' && out[0] <= 'z') out[0] = static_cast<char>(out[0] - 'a' + 'A');
  return out;
}

}  // namespace sitrep
