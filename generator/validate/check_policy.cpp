// An incident against its severity level: required roles, declaration
// triggers, SLA clocks and the public update cadence.
#include <algorithm>

#include "model/policy.h"
#include "model/sla_clock.h"
#include "util/duration.h"
#include "validate/checks.h"

namespace sitrep {
namespace {

std::optional<double> metric(const Incident& inc, std::string_view name) {
  for (const auto& [k, v] : inc.metrics)
    if (k == name) return v;
  return std::nullopt;
}

bool last_update_resolved(const CheckContext& ctx, const Incident& inc) {
  return !inc.updates.empty() && ctx.model.severity.canonical_status(inc.updates.back().status) == "resolved";
}

bool trigger_met(const Trigger& t, const Incident& inc) {
  return !t.when.empty() && std::all_of(t.when.begin(), t.when.end(), [&](const Condition& c) {
    const auto v = metric(inc, c.metric);
    return v && c.holds(*v);
  });
}

void check_roles(const CheckContext& ctx, const Incident& inc, const SeverityLevel& level) {
  const bool resolved = inc.resolved_at || last_update_resolved(ctx, inc);
  const auto since = inc.detected_at ? inc.detected_at : inc.started_at;
  const bool due = roles_due(level, since, resolved, ctx.now);
  for (const auto& role : level.roles_required) {
    const bool named = std::any_of(inc.roles.begin(), inc.roles.end(),
                                   [&](const auto& r) { return r.first == role && !r.second.empty(); });
    if (named) continue;
    const std::string hint = "name them: sitrep new update " + inc.id + " --" + role + " NAME, or " + role +
                             " = \"NAME\" under [roles]";
    if (due)
      ctx.diags.report(inc.path, at(inc.key_pos, "roles"), "missing-role",
                       level.id + " requires a named '" + role + "' in [roles]", hint);
    else
      ctx.diags.report(inc.path, at(inc.key_pos, "roles"), "role-pending",
                       level.id + " requires a named '" + role + "' in [roles] " +
                           (level.roles_within ? "within " + format_duration(*level.roles_within) + " of detection"
                                               : std::string{"by resolution"}),
                       hint);
  }
}

void check_triggers(const CheckContext& ctx, const Incident& inc, int declared) {
  const auto& levels = ctx.model.severity.levels;
  for (int i = 0; i < declared; ++i) {  // only levels more severe than declared
    for (const auto& t : levels[static_cast<std::size_t>(i)].triggers) {
      if (!trigger_met(t, inc)) continue;
      ctx.diags.report(inc.path, at(inc.key_pos, "severity"), "severity-below-trigger",
                       "metrics meet the " + levels[static_cast<std::size_t>(i)].id + " trigger '" + t.description +
                           "' but the incident is declared " + levels[static_cast<std::size_t>(declared)].id);
      return;  // the most severe trigger met is the one worth reporting
    }
  }
}

// The clocks as report/ measures them (model/sla_clock.h), so `check` and
// the SLA pages never disagree about a verdict.
void check_clocks(const CheckContext& ctx, const Incident& inc, const SeverityLevel& level) {
  const SlaCompliance sla = sla_compliance(inc, ctx.model.severity, ctx.now);
  // Clocks that one missing timestamp leaves unmeasurable, reported once per
  // timestamp (a missing acknowledged_at stops both the acknowledge and,
  // stage to stage, the mitigate clock).
  std::vector<std::pair<std::string, std::vector<std::string>>> by_missing;
  for (const auto& c : sla.clocks) {
    const std::string target = format_duration(c.target);
    // The detection fallback (Incident::effective_detected_at) is named.
    const bool fallback = !c.note.empty();
    const std::string from = fallback ? "started_at (detected_at missing)" : c.from;
    if (c.state == ClockState::breached && c.elapsed) {
      ctx.diags.report(inc.path, at(inc.key_pos, c.to), "sla-breach",
                       level.id + " " + c.name + " SLA breached: " + format_duration(*c.elapsed) + " from " + from +
                           " to " + c.to + ", target " + target + " (over by " + format_duration(*c.over()) + ")");
    } else if (c.state == ClockState::breached) {
      ctx.diags.report(inc.path, at(inc.key_pos, fallback ? "started_at" : c.from), "sla-breach",
                       level.id + " " + c.name + " SLA breached: no " + c.to + " " + format_duration(*c.running_for) +
                           " after " + from + ", target " + target + " (over by " + format_duration(*c.over()) + ")");
    } else if (c.state == ClockState::not_measurable && c.missing.empty()) {
      ctx.diags.report(inc.path, at(inc.key_pos, c.to), "sla-not-measurable",
                       level.id + " " + c.name + " SLA clock cannot be measured: " + c.reason);
    } else if (c.state == ClockState::not_measurable) {
      for (const auto& field : c.missing) {
        auto it = std::find_if(by_missing.begin(), by_missing.end(), [&](const auto& e) { return e.first == field; });
        if (it == by_missing.end()) {
          by_missing.emplace_back(field, std::vector<std::string>{});
          it = by_missing.end() - 1;
        }
        it->second.push_back(c.name);
      }
    }
  }
  const bool breach = ctx.model.severity.unmeasurable_clock == UnmeasurableClock::breach;
  for (const auto& [field, clocks] : by_missing) {
    std::string names;
    for (std::size_t i = 0; i < clocks.size(); ++i)
      names += (i == 0 ? "" : i + 1 == clocks.size() ? " and " : ", ") + clocks[i];
    const bool one = clocks.size() == 1;
    ctx.diags.report(inc.path, at(inc.key_pos, inc.resolved_at ? "resolved_at" : "started_at"), "sla-not-measurable",
                     level.id + " " + names + " SLA clock" + (one ? "" : "s") + " cannot be measured: " + field +
                         " is missing" + (is_closed(inc, ctx.model.severity) ? " on a closed incident" : "") +
                         (breach ? "; counted as breached" : "; left out of the compliance rate"),
                     "add " + field + " to the incident");
  }
}

void check_cadence(const CheckContext& ctx, const Incident& inc, const SeverityLevel& level) {
  if (!level.update_every || !inc.is_public || !level.is_public || inc.updates.empty()) return;
  const auto every = *level.update_every;
  const auto& ups = inc.updates;
  for (std::size_t i = 1; i < ups.size(); ++i) {
    const auto gap = std::chrono::duration_cast<std::chrono::seconds>(ups[i].at - ups[i - 1].at);
    if (gap > every && ctx.model.severity.canonical_status(ups[i - 1].status) != "resolved")
      ctx.diags.report(inc.path, at(ups[i].key_pos, "at"), "update-cadence",
                       "no public update for " + format_duration(gap) + " while active; " + level.id +
                           " requires one every " + format_duration(every));
  }
  if (!inc.resolved_at && !last_update_resolved(ctx, inc) && ups.back().at <= ctx.now) {
    const auto gap = std::chrono::duration_cast<std::chrono::seconds>(ctx.now - ups.back().at);
    if (gap > every)
      ctx.diags.report(inc.path, at(ups.back().key_pos, "at"), "update-cadence",
                       "no public update for " + format_duration(gap) + " while active; " + level.id +
                           " requires one every " + format_duration(every));
  }
}

}  // namespace

void check_incident_policy(const CheckContext& ctx, const Incident& inc) {
  const int index = ctx.model.severity.find_level(inc.severity);
  if (index < 0) return;  // reported as unknown-severity
  const SeverityLevel& level = ctx.model.severity.levels[static_cast<std::size_t>(index)];
  check_roles(ctx, inc, level);
  check_triggers(ctx, inc, index);
  check_clocks(ctx, inc, level);
  check_cadence(ctx, inc, level);
}

}  // namespace sitrep
