#include "cli/changes_commands.h"

#include <CLI/CLI.hpp>

#include <ostream>

#include "changes/diff.h"
#include "changes/event_text.h"
#include "changes/next_change.h"
#include "changes/previous_site.h"
#include "cli/report.h"
#include "load/load_site.h"
#include "render/public_view.h"
#include "render/site_build.h"
#include "validate/validate.h"

namespace sitrep {
namespace {

// load -> validate, printing only errors: stdout is the command's answer and
// stderr stays short in CI; `sitrep check` shows the warnings.
bool load_valid(const CommonOptions& c, TimePoint now, const char* command, Model& model, std::ostream& err) {
  Diagnostics diags;
  model = load_site({c.root, c.threads}, diags);
  validate(model, now, diags);
  diags.sort();
  print_diagnostics_text(err, diags, model.sources, true);
  if (!diags.has_errors()) return true;
  err << "sitrep " << command << ": " << summary_line(diags) << "; fix them first (sitrep check lists them)\n";
  return false;
}

const std::string* find_output(const Outputs& files, std::string_view path) {
  for (const auto& f : files)
    if (f.path == path) return &f.bytes;
  return nullptr;
}

// This build's api/v2, rendered in memory exactly as `build` would write it.
bool current_api(const Model& model, TimePoint now, ApiSnapshot& api, std::ostream& err) {
  Diagnostics diags(model.rules);
  const Outputs files = render_public_api(model, now, diags);
  PreviousSiteProblem problem;
  const auto read = [&](std::string_view name, const char* key, nlohmann::json& doc) {
    const std::string* text = find_output(files, "api/v2/" + std::string{name});
    return text && parse_api_document(*text, "this build's api/v2/" + std::string{name}, key, doc, problem);
  };
  api.exists = true;
  if (read("incidents.json", "incidents", api.incidents) &&
      read("scheduled-maintenances.json", "scheduled_maintenances", api.scheduled_maintenances) &&
      read("summary.json", nullptr, api.summary))
    return true;
  err << "sitrep changes: " << (problem.message.empty() ? "this build has no api/v2 files" : problem.message) << "\n";
  return false;
}

}  // namespace

void add_changes_options(CLI::App& cmd, ChangesOptions& o) {
  cmd.add_option("--previous", o.previous,
                 "The previously published site: its folder (the site root or its api/v2 folder) or its http(s):// "
                 "address")
      ->required();
  cmd.add_option("--format", o.format, "Output format: text (one line per event) or json (for sitrep notify)")
      ->check(CLI::IsMember({"text", "json"}))
      ->capture_default_str();
}

void add_next_change_options(CLI::App& cmd, ChangesOptions& o) {
  cmd.add_option("--format", o.format, "Output format: text or json")
      ->check(CLI::IsMember({"text", "json"}))
      ->capture_default_str();
}

bool compute_changes(const CommonOptions& c, const std::string& previous_location, TimePoint now,
                     std::vector<ChangeEvent>& events, std::ostream& err, const char* command) {
  PreviousSite previous;
  PreviousSiteProblem problem;
  if (!read_previous_site(previous_location, previous, problem)) {
    err << "sitrep " << command << ": " << problem.message << "\n";
    if (!problem.hint.empty()) err << "  hint: " << problem.hint << "\n";
    return false;
  }
  if (!previous.note.empty() && !c.quiet)
    err << "sitrep " << command << ": " << previous.note
        << " (events only for unresolved incidents and upcoming or running maintenance)\n";
  Model model;
  if (!load_valid(c, now, command, model, err)) return false;
  ApiSnapshot current;
  if (!current_api(model, now, current, err)) return false;
  events = diff_sites(previous.api, current);
  if (!c.quiet)
    err << "sitrep " << command << ": " << (events.empty() ? "no" : std::to_string(events.size())) << " event"
        << (events.size() == 1 ? "" : "s") << " since " << previous.source << "\n";
  return true;
}

int run_changes(const CommonOptions& c, const ChangesOptions& o, TimePoint now, std::ostream& out, std::ostream& err) {
  std::vector<ChangeEvent> events;
  if (!compute_changes(c, o.previous, now, events, err, "changes")) return 1;
  if (o.format == "json") {
    out << events_to_json(events).dump(2) << "\n";
  } else {
    for (const auto& e : events) out << event_line(e) << "\n";
  }
  return 0;
}

int run_next_change(const CommonOptions& c, const ChangesOptions& o, TimePoint now, std::ostream& out,
                    std::ostream& err) {
  Model model;
  if (!load_valid(c, now, "next-change", model, err)) return 1;
  // The view `build` renders from: the same next_change it prints.
  const PublicView view = make_public_view(model, now);
  if (o.format == "json")
    out << next_change_json(view).dump(2) << "\n";
  else
    out << next_change_text(view);
  return 0;
}

}  // namespace sitrep
