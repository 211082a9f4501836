#include "report/exports.h"

#include <charconv>
#include <nlohmann/json.hpp>

#include "util/parallel.h"

namespace sitrep {
namespace {

using Json = nlohmann::ordered_json;

std::string csv_row(const std::vector<std::string>& fields) {
  std::string out;
  for (std::size_t i = 0; i < fields.size(); ++i) out += (i ? "," : "") + csv_field(fields[i]);
  return out + "\r\n";
}

std::string time_text(const std::optional<TimePoint>& t) { return t ? format_rfc3339_utc(*t) : std::string{}; }
std::string minutes_text(const std::optional<Seconds>& s) { return s ? format_number(to_minutes(*s)) : std::string{}; }
std::string bool_text(const std::optional<bool>& b) { return b ? (*b ? "true" : "false") : std::string{}; }

// Met / breached only when decided; a not measurable clock is neither (its
// state and reason are in their own fields).
std::optional<bool> met_of(const ClockResult& c) {
  if (!c.decided()) return std::nullopt;
  return c.state == ClockState::met;
}

std::optional<bool> clock_met(const IncidentMetrics& m, std::string_view name) {
  const ClockResult* c = m.sla.clock(name);
  return c ? met_of(*c) : std::nullopt;
}

std::string clock_state_text(const IncidentMetrics& m, std::string_view name) {
  const ClockResult* c = m.sla.clock(name);
  return c ? std::string{clock_state_code(c->state)} : std::string{};
}

std::string overall_state_text(const SlaCompliance& sla) {
  return sla.overall ? std::string{clock_state_code(*sla.overall)} : std::string{};
}

std::string seconds_text(const std::optional<Seconds>& s) { return s ? std::to_string(s->count()) : std::string{}; }
Json seconds_json(const std::optional<Seconds>& s) { return s ? Json(s->count()) : Json(nullptr); }

Json time_json(const std::optional<TimePoint>& t) { return t ? Json(format_rfc3339_utc(*t)) : Json(nullptr); }
Json minutes_json(const std::optional<Seconds>& s) { return s ? Json(to_minutes(*s)) : Json(nullptr); }
Json text_json(const std::string& s) { return s.empty() ? Json(nullptr) : Json(s); }
template <class T>
Json optional_json(const std::optional<T>& v) {
  return v ? Json(*v) : Json(nullptr);
}
Json rank_json(int rank) { return rank > 0 ? Json(rank) : Json(nullptr); }

Json sla_json(const IncidentMetrics& m) {
  Json j;
  j["incident_id"] = m.incident_id;
  j["severity"] = rank_json(m.severity_rank);
  for (const char* name : {"acknowledge", "mitigate", "resolve"}) {
    const std::string prefix{sla_field_prefix(name)};
    const ClockResult* c = m.sla.clock(name);
    j[prefix + "_sla"] = c ? Json(to_minutes(c->target)) : Json(nullptr);
    // Null while the clock runs: the actual time is not known yet.
    j["actual_" + prefix + "_time"] = c ? minutes_json(c->elapsed) : Json(nullptr);
    j[prefix + "_sla_met"] = c ? optional_json(met_of(*c)) : Json(nullptr);
  }
  // What the compliance rate counted: false also for a not measurable
  // incident under unmeasurable_clock = "breach"; overall_sla_state says which.
  j["overall_sla_met"] = optional_json(m.sla.overall_met);
  Json clocks = Json::array();
  for (const auto& c : m.sla.clocks)
    clocks.push_back({{"name", c.name},
                      {"from", c.from},
                      {"to", c.to},
                      {"start", time_json(c.start)},
                      {"end", time_json(c.end)},
                      {"elapsed_minutes", minutes_json(c.elapsed)},
                      {"running_minutes", minutes_json(c.running_for)},
                      {"target_minutes", to_minutes(c.target)},
                      {"met", optional_json(met_of(c))},
                      {"formula", c.formula},
                      {"state", clock_state_code(c.state)},
                      {"reason", text_json(c.reason)},
                      {"note", text_json(c.note)},
                      {"elapsed_seconds", seconds_json(c.elapsed)},
                      {"running_seconds", seconds_json(c.running_for)},
                      {"target_seconds", c.target.count()},
                      {"over_seconds", seconds_json(c.over())}});
  j["clocks"] = std::move(clocks);
  j["overall_sla_state"] = m.sla.overall ? Json(clock_state_code(*m.sla.overall)) : Json(nullptr);
  j["overall_sla_reason"] = text_json(m.sla.overall_reason);
  return j;
}

Json incident_json(const IncidentMetrics& m) {
  Json j;
  j["incident_id"] = m.incident_id;
  j["title"] = m.title;
  j["severity"] = rank_json(m.severity_rank);
  j["severity_id"] = m.severity;
  j["incident_type"] = text_json(m.incident_type);
  j["affected_system"] = text_json(m.affected_system);
  j["public"] = m.is_public;
  j["started_at"] = time_json(m.started_at);
  j["detected_at"] = time_json(m.detected_at);
  j["acknowledged_at"] = time_json(m.acknowledged_at);
  j["mitigated_at"] = time_json(m.mitigated_at);
  j["resolved_at"] = time_json(m.resolved_at);
  j["time_to_acknowledge"] = minutes_json(m.time_to_acknowledge);
  j["time_to_mitigate"] = minutes_json(m.time_to_mitigate);
  j["time_to_resolve"] = minutes_json(m.time_to_resolve);
  j["total_duration"] = minutes_json(m.total_duration);
  j["responder"] = text_json(m.responder);
  j["incident_commander"] = text_json(m.incident_commander);
  j["communication_coordinator"] = text_json(m.communication_coordinator);
  j["additional_responders"] = m.additional_responders;
  j["resolution_method"] = text_json(m.resolution_method);
  j["post_mortem_completed"] = m.post_mortem_completed;
  j["action_items_count"] = m.action_items_count;
  j["root_cause_category"] = text_json(m.root_cause_category);
  j["sla"] = sla_json(m);
  j["detection_note"] = text_json(m.detection_note);
  return j;
}

Json summary_json(const Summary& s) {
  return {{"count", s.count}, {"mean", optional_json(s.mean)}, {"median", optional_json(s.median)},
          {"p90", optional_json(s.p90)}};
}

// {"included": 12, "excluded": {"still open": 2, "missing acknowledged_at": 1}}
Json ledger_json(const Ledger& l) {
  Json excluded = Json::object();
  for (const auto& e : l.excluded) excluded[e.name] = e.count;
  return {{"included", l.included}, {"excluded", std::move(excluded)}};
}

// The data-quality ledger of a period (report/data_quality.h).
Json data_quality_json(const PeriodStatistics& p) {
  return {{"to_date", p.to_date},
          {"compared_incidents", p.compared_incidents},
          {"compared_span_seconds", p.compared_span ? Json(p.compared_span->count()) : Json(nullptr)},
          {"measured_incidents", p.measured_incidents},
          {"few_measured", p.few_measured},
          {"time_to_acknowledge", ledger_json(p.ledger.time_to_acknowledge)},
          {"time_to_mitigate", ledger_json(p.ledger.time_to_mitigate)},
          {"time_to_resolve", ledger_json(p.ledger.time_to_resolve)},
          {"total_duration", ledger_json(p.ledger.total_duration)},
          {"downtime", ledger_json(p.ledger.downtime)},
          {"sla_compliance", ledger_json(p.ledger.sla)}};
}

Json period_json(const PeriodStatistics& p, const char* change_key) {
  Json j;
  j["period"] = p.period;
  j["total_incidents"] = p.total_incidents;
  for (const auto& s : p.by_severity) j["severity_" + std::to_string(s.rank) + "_count"] = s.count;
  j["mean_time_to_acknowledge"] = optional_json(p.time_to_acknowledge.mean);
  j["mean_time_to_mitigate"] = optional_json(p.time_to_mitigate.mean);
  j["mean_time_to_resolve"] = optional_json(p.time_to_resolve.mean);
  j["sla_compliance_rate"] = optional_json(p.sla_compliance_rate);
  j["sla_not_measurable"] = p.sla_not_measurable;
  // Seed 002 sums affected users x duration; incidents carry no user counts.
  j["total_user_impact_hours"] = nullptr;
  j["total_downtime_minutes"] = optional_json(p.downtime_minutes);
  Json causes = Json::array();
  for (const auto& c : p.top_root_causes) causes.push_back({{"cause", c.name}, {"count", c.count}});
  j["top_root_causes"] = std::move(causes);
  j[change_key] = optional_json(p.change_percent);
  // Beyond the seed: the distributions behind the means, and the breakdowns.
  j["time_to_acknowledge"] = summary_json(p.time_to_acknowledge);
  j["time_to_mitigate"] = summary_json(p.time_to_mitigate);
  j["time_to_resolve"] = summary_json(p.time_to_resolve);
  j["total_duration"] = summary_json(p.total_duration);
  Json severities = Json::array();
  for (const auto& s : p.by_severity)
    severities.push_back({{"severity", s.rank},
                          {"severity_id", s.severity},
                          {"count", s.count},
                          {"sla_compliance_rate", optional_json(s.sla_compliance_rate)},
                          {"sla_compliance", ledger_json(s.sla_ledger)},
                          {"few_measured", s.few_measured},
                          {"sla_not_measurable", s.sla_not_measurable}});
  j["by_severity"] = std::move(severities);
  j["data_quality"] = data_quality_json(p);
  Json types = Json::object();
  for (const auto& t : p.by_type) types[t.name] = t.count;
  j["by_type"] = std::move(types);
  return j;
}

Json statistics_json(const Statistics& statistics) {
  Json monthly = Json::array(), quarterly = Json::array();
  for (const auto& p : statistics.monthly) monthly.push_back(period_json(p, "month_over_month_change"));
  for (const auto& p : statistics.quarterly) quarterly.push_back(period_json(p, "quarter_over_quarter_change"));
  return {{"monthly", std::move(monthly)}, {"quarterly", std::move(quarterly)}};
}

// Content is checked as UTF-8 on load; replacing keeps a stray byte from
// turning into an exception in the middle of a build.
std::string dump(const Json& j) { return j.dump(2, ' ', false, Json::error_handler_t::replace); }

// `text` with `prefix` before every line.
std::string indent(const std::string& text, std::string_view prefix) {
  std::string out;
  out.reserve(text.size() + text.size() / 8);
  out += prefix;
  for (char c : text) {
    out += c;
    if (c == '\n') out += prefix;
  }
  return out;
}

}  // namespace

namespace {

// A plain decimal number ("-5", "12.25"): a spreadsheet reads it as the
// number it is, never as a formula, so a negative duration keeps its sign.
bool is_plain_number(std::string_view text) {
  if (!text.empty() && text.front() == '-') text.remove_prefix(1);
  if (text.empty() || text.front() == '.' || text.back() == '.') return false;
  bool dot = false;
  for (char c : text) {
    if (c == '.' && !dot) dot = true;
    else if (c < '0' || c > '9') return false;
  }
  return true;
}

}  // namespace

std::string csv_field(std::string_view text) {
  // OWASP's CSV injection defence: a cell a spreadsheet would run as a
  // formula (=, +, -, @, TAB, CR first) gets a leading ' and is quoted.
  const bool formula = !text.empty() && std::string_view{"=+-@\t\r"}.find(text.front()) != std::string_view::npos &&
                       !is_plain_number(text);
  if (!formula && text.find_first_of(",\"\r\n") == std::string_view::npos) return std::string{text};
  std::string out = formula ? "\"'" : "\"";
  for (char c : text) {
    if (c == '"') out += '"';
    out += c;
  }
  return out + "\"";
}

std::string format_number(double value) {
  char buf[64];
  const auto result = std::to_chars(buf, buf + sizeof buf, value);
  return std::string(buf, result.ptr);
}

namespace {

// The per-incident pieces of an export, written in incident order, each
// after its separator (`first` before the first, `between` before the
// others; not part of the piece a cache keeps): made (or taken from the
// caller's cache, which is safe to ask from several threads) in chunks on
// every core, and written as each chunk is done.
template <class Make>
void write_pieces(std::size_t n, const ExportPieces& pieces, std::string_view kind, const TextSink& out,
                  std::string_view first, std::string_view between, Make make) {
  constexpr std::size_t k_chunk = 512;
  std::vector<std::string> made;
  std::vector<const std::string*> chunk;
  for (std::size_t start = 0; start < n; start += k_chunk) {
    const std::size_t size = std::min(k_chunk, n - start);
    made.assign(size, std::string{});
    chunk.assign(size, nullptr);
    parallel_for(size, 0, [&](std::size_t i) {
      if (pieces) {
        chunk[i] = &pieces(start + i, kind, [&] { return make(start + i); });
      } else {
        made[i] = make(start + i);
        chunk[i] = &made[i];
      }
    });
    for (std::size_t i = 0; i < size; ++i) {
      out(start + i ? between : first);
      out(*chunk[i]);
    }
  }
}

}  // namespace

void incidents_csv(const std::vector<IncidentMetrics>& metrics, const ExportPieces& pieces, const TextSink& out) {
  out(csv_row({"incident_id", "title", "severity", "severity_id", "incident_type", "affected_system",
               "public", "started_at", "detected_at", "acknowledged_at", "mitigated_at", "resolved_at",
               "time_to_acknowledge", "time_to_mitigate", "time_to_resolve", "total_duration",
               "responder", "incident_commander", "communication_coordinator", "resolution_method",
               "root_cause_category", "post_mortem_completed", "action_items_count",
               "acknowledgment_sla_met", "mitigation_sla_met", "resolution_sla_met", "overall_sla_met",
               // Added at the end, so existing columns keep their places and meaning.
               "acknowledgment_sla_state", "mitigation_sla_state", "resolution_sla_state",
               "overall_sla_state", "overall_sla_reason", "detection_note",
               "time_to_acknowledge_seconds", "time_to_mitigate_seconds", "time_to_resolve_seconds",
               "total_duration_seconds"}));
  write_pieces(metrics.size(), pieces, "csv", out, "", "", [&](std::size_t i) {
    const IncidentMetrics& m = metrics[i];
    return csv_row({m.incident_id, m.title, m.severity_rank > 0 ? std::to_string(m.severity_rank) : "", m.severity,
                    m.incident_type, m.affected_system, m.is_public ? "true" : "false", time_text(m.started_at),
                    time_text(m.detected_at), time_text(m.acknowledged_at), time_text(m.mitigated_at),
                    time_text(m.resolved_at), minutes_text(m.time_to_acknowledge), minutes_text(m.time_to_mitigate),
                    minutes_text(m.time_to_resolve), minutes_text(m.total_duration), m.responder,
                    m.incident_commander, m.communication_coordinator, m.resolution_method, m.root_cause_category,
                    m.post_mortem_completed ? "true" : "false", std::to_string(m.action_items_count),
                    bool_text(clock_met(m, "acknowledge")), bool_text(clock_met(m, "mitigate")),
                    bool_text(clock_met(m, "resolve")), bool_text(m.sla.overall_met),
                    clock_state_text(m, "acknowledge"), clock_state_text(m, "mitigate"),
                    clock_state_text(m, "resolve"), overall_state_text(m.sla), m.sla.overall_reason,
                    m.detection_note, seconds_text(m.time_to_acknowledge), seconds_text(m.time_to_mitigate),
                    seconds_text(m.time_to_resolve), seconds_text(m.total_duration)});
  });
}

std::string incidents_csv(const std::vector<IncidentMetrics>& metrics, const ExportPieces& pieces) {
  std::string text;
  incidents_csv(metrics, pieces, [&](std::string_view s) { text += s; });
  return text;
}

void actions_csv(const FollowUpReport& r, const TextSink& out) {
  out(csv_row({"incident_id", "source", "source_path", "source_line", "also_path", "also_line", "action", "owner",
               "priority", "due", "status", "open", "overdue", "days_overdue"}));
  for (const auto& f : r.items) {
    const char* source = f.also                                  ? "both"
                         : f.source.origin == ActionOrigin::incident ? "incident"
                                                                     : "postmortem";
    out(csv_row({f.incident_id, source, f.source.path, std::to_string(f.source.pos.line),
                 f.also ? f.also->path : "", f.also ? std::to_string(f.also->pos.line) : "", f.action, f.owner,
                 f.priority, f.due ? format_date(*f.due) : "", f.status, f.is_open ? "true" : "false",
                 f.is_overdue ? "true" : "false", f.is_overdue ? std::to_string(f.days_overdue) : ""}));
  }
}

std::string actions_csv(const FollowUpReport& r) {
  std::string text;
  actions_csv(r, [&](std::string_view s) { text += s; });
  return text;
}

Json metrics_json_document(const std::vector<IncidentMetrics>& metrics, const Statistics& statistics) {
  Json incidents = Json::array();
  for (const auto& m : metrics) incidents.push_back(incident_json(m));
  Json root;
  root["incidents"] = std::move(incidents);
  root["statistics"] = statistics_json(statistics);
  return root;
}

void metrics_json(const std::vector<IncidentMetrics>& metrics, const Statistics& statistics,
                  const ExportPieces& pieces, const TextSink& out) {
  // dump(2) of metrics_json_document, written out so that each incident's
  // object is a piece a cache can hold (its lines indented by 4 spaces).
  out("{\n  \"incidents\": [");
  write_pieces(metrics.size(), pieces, "json", out, "\n", ",\n",
               [&](std::size_t i) { return indent(dump(incident_json(metrics[i])), "    "); });
  out(metrics.empty() ? "],\n  \"statistics\": " : "\n  ],\n  \"statistics\": ");
  out(indent(dump(statistics_json(statistics)), "  ").substr(2));
  out("\n}\n");
}

std::string metrics_json(const std::vector<IncidentMetrics>& metrics, const Statistics& statistics,
                         const ExportPieces& pieces) {
  std::string text;
  metrics_json(metrics, statistics, pieces, [&](std::string_view s) { text += s; });
  return text;
}

}  // namespace sitrep
