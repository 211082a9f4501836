#pragma once
// The in-memory model of one site: what load produces, validate checks and
// render reads. Plain data; positions kept for diagnostics.
#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "model/key_positions.h"
#include "model/policy.h"
#include "model/shared_text.h"
#include "util/diagnostic.h"
#include "util/mapped_file.h"
#include "util/time.h"

namespace sitrep {

// Items compare field by field (operator== = default): the load cache's
// round trip (load/model_codec.h) is tested on that.


// How much a minute in each component status counts as downtime. Defaults
// follow Atlassian Statuspage: a major outage counts fully, a partial outage
// 30%, degraded performance not at all; maintenance never counts.
struct UptimeWeights {
  double major_outage = 1.0;
  double partial_outage = 0.3;
  double degraded_performance = 0.0;
  int days = 90;  // length of the uptime bar
  double weight(std::string_view status) const {
    if (status == "major_outage") return major_outage;
    if (status == "partial_outage") return partial_outage;
    if (status == "degraded_performance") return degraded_performance;
    return 0.0;
  }
};

struct SiteConfig {
  std::string path = "content/site.toml";
  std::string title;
  std::string base_url;
  std::string time_zone_name = "Etc/UTC";
  TimeZone time_zone = nullptr;
  std::string language = "en";
  std::string theme = "default";
  std::string themes_dir = "themes";  // relative to the site root
  std::string description;
  int history_days = 14;
  std::vector<std::pair<std::string, std::string>> links;
  std::string severity_schema = "schemas/severity.toml";
  std::string postmortem_schema = "schemas/postmortem.toml";
  std::vector<std::pair<std::string, std::string>> rules;  // rule id -> level
  UptimeWeights uptime;
  int history_per_page = 20;  // incidents per page of the history archive
  // Rows per page of the internal reports' lists; the default is
  // render/pagination.h's k_rows_per_page (a test holds them equal).
  int internal_rows_per_page = 100;
  KeyPositions pos;
};

struct ComponentGroup {
  std::string id, name, description;
  int order = 0;
  SourcePos pos;
};

struct Component {
  std::string id, name, description, group;
  bool is_public = true;
  int order = 0;
  SourcePos pos;
  KeyPositions key_pos;
};

struct Components {
  std::string path = "content/components.toml";
  std::vector<ComponentGroup> groups;
  std::vector<Component> components;
  const Component* find(std::string_view id) const;
  std::vector<std::string> ids() const;
};

struct ComponentStatus {
  std::string component;
  std::string status;
  SourcePos pos;         // the component name
  SourcePos status_pos;  // the status value
  bool operator==(const ComponentStatus&) const = default;
};

struct IncidentUpdate {
  TimePoint at{};
  std::string status;  // as written; the policy maps aliases
  SharedText message;  // most of a history's bytes: see shared_text.h
  std::optional<TimePoint> next_update_by;
  std::vector<ComponentStatus> components;
  SourcePos pos;         // the [[updates]] table
  KeyPositions key_pos;  // its keys
  bool operator==(const IncidentUpdate&) const = default;
};

struct TimelineEntry {
  TimePoint at{};
  std::string severity, action, owner;
  SourcePos pos;
  bool operator==(const TimelineEntry&) const = default;
};

struct ImpactFigure {
  std::string label;
  double value = 0;
  std::string unit;
  SourcePos pos;
  bool operator==(const ImpactFigure&) const = default;
};

struct RootCause {
  std::string summary, category, pending;
  bool confirmed = false;
  SourcePos pos;
  KeyPositions key_pos;
  bool operator==(const RootCause&) const = default;
};

struct ActionItem {
  std::string action, owner, status, priority;
  std::optional<Day> due;
  std::string due_text;  // as written (postmortem tables)
  std::string source;    // incident id or postmortem path
  SourcePos pos;
  bool operator==(const ActionItem&) const = default;
};

struct Incident {
  std::string path;
  std::string id, title, severity, type, summary;
  std::vector<std::string> components;
  std::vector<SourcePos> component_pos;  // one per entry of `components`
  bool is_public = true;
  std::optional<TimePoint> started_at, detected_at, acknowledged_at, mitigated_at, resolved_at;
  std::string resolution_method, affected_system;
  std::vector<std::pair<std::string, std::string>> roles;
  std::vector<IncidentUpdate> updates;
  std::vector<std::pair<std::string, double>> metrics;
  std::vector<ImpactFigure> impact;
  std::optional<RootCause> root_cause;
  std::vector<TimelineEntry> timeline;
  std::vector<ActionItem> actions;
  KeyPositions key_pos;
  std::uint64_t source_hash = 0;  // of the file's text: what the preview's caches compare

  // The timestamp named by a clock field ("detected_at", ...), as written.
  std::optional<TimePoint> time(std::string_view field) const;
  // When measuring from detection: detected_at, or started_at when detection
  // was not recorded. The one fallback SLA clocks, durations and downtime
  // share, so no two figures of one incident start from different times.
  std::optional<TimePoint> effective_detected_at() const { return detected_at ? detected_at : started_at; }
  bool is_resolved() const { return resolved_at.has_value(); }
  bool operator==(const Incident&) const = default;
};

struct MaintenanceUpdate {
  TimePoint at{};
  std::string status, message;
  SourcePos pos;
  KeyPositions key_pos;
  bool operator==(const MaintenanceUpdate&) const = default;
};

struct Maintenance {
  std::string path;
  std::string id, title, message;
  std::vector<std::string> components;
  std::vector<SourcePos> component_pos;  // one per entry of `components`
  bool is_public = true;
  TimePoint scheduled_start{}, scheduled_end{};
  std::vector<MaintenanceUpdate> updates;
  KeyPositions key_pos;
  std::uint64_t source_hash = 0;  // of the file's text
  bool operator==(const Maintenance&) const = default;
};

struct TableRow {
  std::vector<std::string> cells;
  std::uint32_t line = 0;
  bool operator==(const TableRow&) const = default;
};

struct PostmortemSection {
  std::string heading;  // as written
  std::string markdown;  // body text below the heading, up to the next `##`
  std::uint32_t line = 0;  // line of the heading in the file
  std::uint32_t col = 0;
  bool empty = true;  // no content besides whitespace
  // First GFM table in the section, if any (header + rows).
  std::optional<TableRow> table_header;
  std::vector<TableRow> table_rows;
  bool operator==(const PostmortemSection&) const = default;
};

struct Postmortem {
  std::string path;
  std::string incident, title, status, severity;
  std::vector<std::string> authors;
  std::optional<Day> date;
  bool is_public = false;
  std::uint32_t body_line = 1;  // first line of the Markdown body
  std::string body;             // Markdown body (after front matter)
  std::vector<PostmortemSection> sections;
  KeyPositions key_pos;
  std::uint64_t source_hash = 0;  // of the file's text
  bool operator==(const Postmortem&) const = default;
};

struct Model {
  std::string root;  // site root as given
  SiteConfig site;
  RulePolicy rules;  // from site.toml's [rules]
  SeverityPolicy severity;
  PostmortemTemplate postmortem_template;
  Components components;
  std::vector<Incident> incidents;      // sorted by path
  std::vector<Maintenance> maintenance;  // sorted by path
  std::vector<Postmortem> postmortems;   // sorted by path
  std::size_t unreadable_postmortems = 0;  // files that could not be parsed
  // Hash of every file all items are read against: site.toml, the schemas,
  // components.toml. When it changes, nothing parsed earlier is reused.
  std::uint64_t config_hash = 0;
  // File contents by display path, for printing source lines.
  std::map<std::string, std::string, std::less<>> sources;
  // Content files whose text was not kept (load cache hits when
  // LoadOptions::keep_cached_texts is off), by display path: where the file
  // is under the root and the hash of the text that was loaded.
  // load_site.h's read_unkept_source reads one back when it is needed.
  struct UnkeptSource {
    std::string relative;
    std::uint64_t text_hash = 0;
  };
  std::map<std::string, UnkeptSource, std::less<>> unkept_sources;

  // The load cache file the update messages taken from it are views into
  // (model/shared_text.h), when there is one: a pass that reads every
  // message (the cache writer, the leak scan's search of the public texts)
  // lets its pages go as it moves on, so a build holds only the messages
  // it renders.
  std::shared_ptr<const MappedBytes> mapped_texts;
  // Lets mapped_texts' pages go (MappedBytes::let_go), when there is one.
  void let_go_of_texts() const;

  // Built by index() after loading; first file wins for duplicate ids.
  std::map<std::string, std::size_t, std::less<>> incident_by_id;

  void index();
  const Incident* find_incident(std::string_view id) const;
};

// A model holding only `model`'s configuration (site.toml, the schemas'
// policy, the components, config_hash) and no content: with one file's
// items added, validating or rendering them costs the same whatever the
// size of the history (author/self_check, render/incident_alone).
Model configuration_of(const Model& model);

}  // namespace sitrep
