#include "cli/author_commands.h"

#include <ostream>

#include "author/comms.h"
#include "author/customer_comms.h"
#include "author/lookup.h"
#include "author/message_templates.h"
#include "author/new_incident.h"
#include "author/new_maintenance.h"
#include "author/new_postmortem.h"
#include "author/new_update.h"
#include "author/time_option.h"
#include "author/write_file.h"
#include "cli/report.h"
#include "load/load_site.h"

namespace sitrep {
namespace {

struct Loaded {
  Model model;
  Diagnostics diags;  // of loading: shown only if authoring fails
};

// A broken file elsewhere must not stop a comms lead from declaring an
// incident mid-outage, so load problems are only mentioned here.
Loaded load(const CommonOptions& c, std::ostream& err) {
  Loaded l;
  l.model = load_site({c.root, c.threads}, l.diags);
  l.diags.sort();
  if (l.diags.has_errors() && !c.quiet)
    err << "sitrep: note: the site has " << summary_line(l.diags) << " elsewhere; run sitrep check\n";
  return l;
}

// Usage problems name the option, file problems show the line; exit 2 for
// the first (bad arguments), 1 for the second (content, disk).
int report(const char* command, const Loaded& l, const Diagnostics& diags, std::ostream& err) {
  bool usage = false;
  for (const auto& d : diags.all()) {
    if (is_usage_problem(d)) {
      usage = true;
      err << command << ": " << d.path << ": " << level_name(d.level) << ": " << d.message << " [" << d.rule << "]\n";
      if (!d.hint.empty()) err << "  hint: " << d.hint << "\n";
    } else {
      err << format_diagnostic(d, l.model.sources);
    }
  }
  if (l.diags.has_errors()) print_diagnostics_text(err, l.diags, l.model.sources, true);
  return usage ? 2 : 1;
}

std::vector<std::pair<std::string, std::string>> pairs(const std::vector<std::string>& items, const char* option,
                                                       Diagnostics& diags) {
  std::vector<std::pair<std::string, std::string>> out;
  for (const auto& item : items) {
    const auto eq = item.find('=');
    if (eq == std::string::npos) diags.report(option, {}, "invalid-value", "expected KEY=VALUE, got '" + item + "'");
    else out.emplace_back(item.substr(0, eq), item.substr(eq + 1));
  }
  return out;
}

// A time option as typed, read like the files (local in the site's zone, or
// with an offset); empty text gives nullopt and no problem.
std::optional<TimePoint> time_option(const Model& model, const std::string& text, const char* option, TimePoint now,
                                     Diagnostics& diags) {
  if (text.empty()) return std::nullopt;
  std::optional<LocalTimeProblem> problem;
  auto t = parse_time_option(text, model.site.time_zone, now, &problem);
  if (problem) diags.report(option, {}, problem->rule, problem->message, problem->hint);
  else if (!t) diags.report(option, {}, "invalid-value", "cannot read the time '" + text + "'", k_time_forms);
  return t;
}

// Warnings of a command that worked (a role still to name, say): shown, not
// fatal.
void print_warnings(const char* command, const Model& model, const Diagnostics& diags, std::ostream& err) {
  for (const auto& d : diags.all()) {
    if (d.level != Level::warning) continue;
    if (is_usage_problem(d)) {
      err << command << ": " << d.path << ": " << level_name(d.level) << ": " << d.message << " [" << d.rule << "]\n";
      if (!d.hint.empty()) err << "  hint: " << d.hint << "\n";
    } else {
      err << format_diagnostic(d, model.sources);
    }
  }
}

// Writes (or with --dry-run prints) what a command made.
int finish(const char* command, const CommonOptions& c, const AuthorOptions& o, const Loaded& l,
           const std::optional<NewFile>& file, Diagnostics& diags, std::ostream& out, std::ostream& err,
           const std::string* replaces = nullptr) {
  if (!file) return report(command, l, diags, err);
  if (!c.quiet) print_warnings(command, l.model, diags, err);
  if (o.dry_run) {
    out << file->text;
    return 0;
  }
  const bool written = replaces ? replace_file(*file, *replaces, diags) : create_file(*file, diags);
  if (!written) return report(command, l, diags, err);
  if (!c.quiet) out << command << ": " << (replaces ? "updated " : "wrote ") << file->path << "\n";
  return 0;
}

// The roles the command line names, --commander/--scribe/--comms first.
std::vector<std::pair<std::string, std::string>> named_roles(const AuthorOptions& o, Diagnostics& diags) {
  std::vector<std::pair<std::string, std::string>> roles;
  for (const auto& [role, name] : {std::pair{"commander", &o.commander}, std::pair{"scribe", &o.scribe},
                                   std::pair{"comms", &o.comms}})
    if (!name->empty()) roles.emplace_back(role, *name);
  for (auto& r : pairs(o.roles, "--role", diags)) roles.push_back(std::move(r));
  return roles;
}

}  // namespace

int run_new_incident(const CommonOptions& c, const AuthorOptions& o, TimePoint now, std::ostream& out,
                     std::ostream& err) {
  const Loaded l = load(c, err);
  Diagnostics diags(l.model.rules);
  NewIncidentOptions n;
  n.title = o.title;
  n.severity = o.severity;
  n.components = o.components;
  n.type = o.type;
  n.message = o.message;
  n.internal = o.internal;
  n.by = o.by;
  n.component_statuses = pairs(o.set_components, "--component", diags);
  n.started_at = time_option(l.model, o.started_at, "--started-at", now, diags);
  n.detected_at = time_option(l.model, o.detected_at, "--detected-at", now, diags);
  n.roles = named_roles(o, diags);
  const MessageTemplates templates = MessageTemplates::load(l.model, diags);
  const auto file = diags.has_errors() ? std::nullopt : new_incident(l.model, templates, n, now, diags);
  return finish("sitrep new incident", c, o, l, file, diags, out, err);
}

int run_step(const CommonOptions& c, const AuthorOptions& o, Step step, TimePoint now, std::ostream& out,
             std::ostream& err) {
  const Loaded l = load(c, err);
  Diagnostics diags(l.model.rules);
  UpdateOptions u;
  u.incident = o.incident;
  u.step = step;
  u.status = o.status;
  u.message = o.message;
  u.by = o.by;
  u.components = pairs(o.set_components, "--component", diags);
  u.roles = named_roles(o, diags);
  u.at = time_option(l.model, o.at, "--at", now, diags);
  const MessageTemplates templates = MessageTemplates::load(l.model, diags);
  const auto file = diags.has_errors() ? std::nullopt : new_update(l.model, templates, u, now, diags);
  const std::string* before = file ? &l.model.sources.at(file->path) : nullptr;
  return finish(step_command(step).c_str(), c, o, l, file, diags, out, err, before);
}

int run_new_maintenance(const CommonOptions& c, const AuthorOptions& o, TimePoint now, std::ostream& out,
                        std::ostream& err) {
  const Loaded l = load(c, err);
  Diagnostics diags(l.model.rules);
  NewMaintenanceOptions m;
  m.title = o.title;
  m.components = o.components;
  m.message = o.message;
  m.internal = o.internal;
  const auto start = parse_rfc3339(o.start), end = parse_rfc3339(o.end);
  if (!start) diags.report("--start", {}, "invalid-value", "cannot read '" + o.start + "'; use RFC 3339 such as 2026-12-05T22:00:00-08:00");
  if (!end) diags.report("--end", {}, "invalid-value", "cannot read '" + o.end + "'; use RFC 3339 such as 2026-12-06T02:00:00-08:00");
  if (start) m.start = *start;
  if (end) m.end = *end;
  const auto file = diags.has_errors() ? std::nullopt : new_maintenance(l.model, m, now, diags);
  return finish("sitrep new maintenance", c, o, l, file, diags, out, err);
}

int run_new_postmortem(const CommonOptions& c, const AuthorOptions& o, TimePoint now, std::ostream& out,
                       std::ostream& err) {
  const Loaded l = load(c, err);
  Diagnostics diags(l.model.rules);
  const auto file = new_postmortem(l.model, o.incident, now, diags);
  return finish("sitrep new postmortem", c, o, l, file, diags, out, err);
}

int run_comms(const CommonOptions& c, const AuthorOptions& o, TimePoint now, std::ostream& out, std::ostream& err) {
  const Loaded l = load(c, err);
  Diagnostics diags(l.model.rules);
  std::optional<std::string> text;
  if (o.comms_format == "chat") {
    text = comms_text(l.model, o.incident, now, diags);
  } else if (const auto notice = customer_notice(l.model, o.incident, now, diags)) {
    text = customer_text(l.model, *notice, o.comms_format, diags);
  }
  if (!text) return report("sitrep comms", l, diags, err);
  out << *text;
  return 0;
}

}  // namespace sitrep
