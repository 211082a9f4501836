#pragma once
// The internal exports: incidents.csv, actions.csv (RFC 4180: header row,
// CRLF, a field quoted only when it holds a comma, quote, CR or LF, quotes
// doubled; UTF-8 without BOM) and metrics.json (seed 002's IncidentMetrics,
// SLACompliance and IncidentStatistics field names). Timestamps are RFC 3339
// UTC, durations are minutes (seconds / 60 in the shortest exact form, so
// 30 s over a target reads 60.5) and, in columns and fields added after
// seed 002's, whole seconds; what cannot be computed is an empty CSV field
// or a JSON null, never 0. An SLA clock's *_met is true/false only when
// decided; its state (met, breached, running, not_started, not_measurable)
// and the reason a clock cannot be measured are fields of their own.
#include <functional>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>
#include <vector>

#include "report/followups.h"
#include "report/incident_metrics.h"
#include "report/statistics.h"
#include "util/text_sink.h"

namespace sitrep {

// One incident's part of an export (`kind`: "csv", "json"): the text a
// caller-kept cache holds for that incident, made with make() when it has
// none (serve's incremental rebuilds and a build over its last site,
// render/incremental.h). Called from several threads at once; the reference
// stays valid while the export is written. Empty: always make().
using ExportPieces = std::function<const std::string&(std::size_t incident_index, std::string_view kind,
                                                      const std::function<std::string()>& make)>;

// Where an export is written as it is made: a build streams the exports
// into their files (tens of megabytes at ten thousand incidents) instead of
// holding them whole. Each function below also returns the whole text.
std::string incidents_csv(const std::vector<IncidentMetrics>& metrics, const ExportPieces& pieces = {});
void incidents_csv(const std::vector<IncidentMetrics>& metrics, const ExportPieces& pieces, const TextSink& out);
// One row per follow-up (FollowUpReport::items). `source` is incident,
// postmortem or both; source_path/source_line is the postmortem row when
// there is one, also_path/also_line the incident's [[actions]] entry of an
// item in both.
std::string actions_csv(const FollowUpReport& followups);
void actions_csv(const FollowUpReport& followups, const TextSink& out);
// Written piece by piece (one per incident), with the bytes of
// metrics_json_document(...).dump(2) + "\n".
std::string metrics_json(const std::vector<IncidentMetrics>& metrics, const Statistics& statistics,
                         const ExportPieces& pieces = {});
void metrics_json(const std::vector<IncidentMetrics>& metrics, const Statistics& statistics,
                  const ExportPieces& pieces, const TextSink& out);
// The same document as one JSON value (for tests and tools).
nlohmann::ordered_json metrics_json_document(const std::vector<IncidentMetrics>& metrics, const Statistics& statistics);

// One CSV field, quoted when RFC 4180 requires it. A field that starts with
// =, +, -, @, TAB or CR and is not a plain decimal number ("-5", "1.5") is
// written as '<field>, quoted (OWASP CSV injection): every column, text or
// not, so no column can be forgotten; a number keeps its sign.
std::string csv_field(std::string_view text);
// Shortest text that reads back as the same double ("9", "0.5", "74").
std::string format_number(double value);

}  // namespace sitrep
