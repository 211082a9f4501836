#pragma once
// Context pieces every internal page shares: the page frame (navigation,
// "do not publish" banner), times in the site's zone, figures that may not
// be computable ("n/a", never 0), SLA verdicts and links between pages.
#include <optional>
#include <string>
#include <string_view>

#include "render/html_common.h"
#include "render/internal_context.h"

namespace sitrep {

// Which navigation entry a page belongs to.
enum class InternalSection { overview, incidents, postmortems, sla, statistics, followups, compliance };

// The frame every internal template receives: root, title, head_title (the
// <title>: `short_title` when given, kept under 70 characters), site, nav.
Json internal_page_json(const InternalContext& ctx, std::string_view output_path, std::string_view title,
                        InternalSection section, std::string_view short_title = {});
// Pages rebuilt only when their items change (render/incremental.h) carry
// no "figures as of" stamp: it would be stale.
void drop_build_time(Json& page);
// A page showing the incidents at `indexes` (into model.incidents), plus
// `extra` (whatever else it shows that they do not cover): reused when the
// last incremental render made it from the same inputs, else
// make_json() rendered with `template_name`, without a build stamp.
// Thread-safe when `diags` is the caller's own.
template <class MakeJson>
OutputFile render_incident_view_page(const InternalContext& ctx, std::string_view template_name, std::string path,
                                     const std::vector<std::size_t>& indexes, std::uint64_t extra,
                                     Diagnostics& diags, MakeJson make_json) {
  std::uint64_t fingerprint = 0;
  if (ctx.incremental) {
    fingerprint = ctx.incremental->page(path, indexes, extra);
    if (auto reused = ctx.incremental->reuse(path, fingerprint)) return std::move(*reused);
  }
  Json page = make_json();
  drop_build_time(page);
  std::string bytes = ctx.templates.render(template_name, page, diags);
  return {std::move(path), std::move(bytes), fingerprint};
}

// Indexes into model.incidents of metrics rows, for Incremental::page.
std::vector<std::size_t> metrics_indexes(const InternalContext& ctx, const std::vector<const IncidentMetrics*>& rows);
OutputFile render_internal_page(const InternalContext& ctx, std::string_view template_name, std::string output_path,
                                const Json& context);

// {"iso", "text"} in the site's zone; null when there is no time.
Json itime_json(const InternalContext& ctx, const std::optional<TimePoint>& t);
std::string itime_text(const InternalContext& ctx, TimePoint t);
// A calendar day: "2026-04-17", or the text as written when it is no date.
Json day_json(const std::optional<Day>& day, std::string_view written = {});

// "12.5 min", "87.5%", "+50%": or "n/a" when the figure cannot be computed.
std::string minutes_text(const std::optional<double>& minutes);
std::string duration_text(const std::optional<Seconds>& s);  // "1h 14m" / "n/a"
std::string percent_text(const std::optional<double>& percent);
std::string change_text(const std::optional<double>& percent);

// {"code": met|breached|running|undetermined, "label", "icon"}: the word is
// always printed; the icon's shape and the colour only repeat it.
Json verdict_json(const std::optional<bool>& met, bool running = false);
// A measured clock or an incident's overall state as a verdict: adds
// "not-measurable" and "Not started" to verdict_json's codes; nullopt (no
// clocks) is "undetermined".
Json clock_state_json(const std::optional<ClockState>& state);
// The incident's overall verdict, saying what the rate does with a not
// measurable one (SeverityPolicy::unmeasurable_clock).
Json sla_overall_json(const InternalContext& ctx, const SlaCompliance& sla);
// Why the overall verdict is "not measurable", and what the rate does with
// it; empty otherwise.
std::string sla_overall_why(const InternalContext& ctx, const SlaCompliance& sla);
// A yes/no/unknown mark with its own words ("Holds", "Assigned"), drawn
// like a verdict: nullopt is the "unknown" case.
Json mark_json(const std::optional<bool>& ok, std::string_view yes, std::string_view no, std::string_view unknown);
// One measured SLA clock, as the SLA page and the incident page show it;
// its "label" says what it measures ("Detect → resolve (SLA clock
// "resolve")"), so it is never confused with a phase of the same name.
Json clock_json(const InternalContext& ctx, const ClockResult& c);

// {"id", "level", "name", "rank"} for a severity as written on an incident.
Json severity_json(const InternalContext& ctx, std::string_view severity);
// A link to an incident's internal page, with its public URL when published:
// {"id", "ref_title", "ref_url", "ref_public"}. Optional keys carry a prefix
// because mustache looks an absent key up in the enclosing contexts.
Json incident_ref_json(const InternalContext& ctx, std::string_view incident_id, std::string_view root);
// Local calendar year of an incident ("2026"), or "undated".
std::string incident_year(const InternalContext& ctx, const IncidentMetrics& m);
// "2026-04" in the site's zone, or "undated".
std::string incident_month(const InternalContext& ctx, const IncidentMetrics& m);
// Canonical update status of an incident at now (resolved, monitoring, ...).
std::string incident_status_at(const InternalContext& ctx, const Incident& inc);
// One action item as the tracker and the incident page list it. Overdue
// items say so in words ("Overdue by 3 days"), not only in colour.
Json follow_up_json(const InternalContext& ctx, const FollowUp& f, std::string_view root);
// "draft" -> "Draft", "in_review" -> "In review".
std::string word_label(std::string_view word);

}  // namespace sitrep
