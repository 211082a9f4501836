#include "author/new_update.h"

#include <algorithm>

#include "author/lookup.h"
#include "author/self_check.h"
#include "author/timeline_block.h"
#include "author/toml_edit.h"
#include "author/toml_text.h"
#include "author/update_block.h"
#include "load/parse.h"
#include "model/text.h"
#include "util/did_you_mean.h"

namespace sitrep {
namespace {

SourcePos key_at(const KeyPositions& keys, std::string_view key) {
  return keys.find(key).value_or(SourcePos{});
}

// The incident as the file says now (the model may be older than the text).
std::optional<Incident> read_incident(std::string_view text, const Incident& known, const Model& model,
                                      Diagnostics& diags) {
  Diagnostics local(model.rules);
  auto inc = parse_incident(text, known.path, model.site.time_zone, local);
  if (!inc || local.has_errors() || inc->id != known.id) {
    diags.report(known.path, {}, "invalid-value",
                 "cannot change incident " + known.id + ": the file does not hold a readable incident",
                 "run sitrep check and fix the file first");
    return std::nullopt;
  }
  return inc;
}

bool is_resolved(const Model& model, const Incident& inc) {
  return inc.resolved_at ||
         (!inc.updates.empty() && model.severity.canonical_status(inc.updates.back().status) == "resolved");
}

// The status a step writes when none is given; empty: no public update.
std::string default_status(Step step) {
  switch (step) {
    case Step::mitigate: return "monitoring";
    case Step::resolve: return "resolved";
    case Step::reopen: return "investigating";
    default: return {};
  }
}

// Whether the step may be taken on the incident as it stands at `at`; each
// refusal names the command that does what the person probably wants.
bool check_step(const Model& model, const Incident& inc, const UpdateOptions& o, const std::string& canonical,
                TimePoint at, TimePoint now, Diagnostics& diags) {
  const auto show = [&](TimePoint t) { return format_in_zone(t, model.site.time_zone, "%Y-%m-%d %H:%M %Z"); };
  const std::string& id = inc.id;
  if (at > now) {
    diags.report("--at", {}, "future-timestamp", "the step (" + show(at) + ") would be after now (" + show(now) + ")",
                 "check --at, or pass --now");
    return false;
  }
  if (o.step == Step::reopen) {
    if (!is_resolved(model, inc)) {
      diags.report("incident", {}, "invalid-value", id + " is not resolved, so there is nothing to reopen",
                   "to post an update run `sitrep new update " + id + " --status investigating`");
      return false;
    }
    if (canonical == "resolved") {
      diags.report("--status", {}, "invalid-value", "a reopened incident cannot start 'resolved'",
                   "use --status investigating, identified or monitoring");
      return false;
    }
  } else if (is_resolved(model, inc)) {
    const SourcePos pos = inc.resolved_at ? key_at(inc.key_pos, "resolved_at") : SourcePos{};
    diags.report(inc.path, pos, "update-after-resolution",
                 id + " is already resolved" + (inc.resolved_at ? " (at " + show(*inc.resolved_at) + ")" : "") +
                     "; to reopen it run `sitrep reopen " + id + "`");
    return false;
  }
  if (o.step == Step::acknowledge && inc.acknowledged_at) {
    diags.report(inc.path, key_at(inc.key_pos, "acknowledged_at"), "invalid-value",
                 id + " was already acknowledged at " + show(*inc.acknowledged_at),
                 "to correct the time, edit acknowledged_at in " + inc.path);
    return false;
  }
  if (!canonical.empty()) {
    const std::optional<TimePoint> latest = inc.updates.empty() ? inc.started_at : inc.updates.back().at;
    if (latest && at < *latest) {
      diags.report(inc.path, {}, "update-order",
                   "the new update (" + show(at) + ") would be dated before the latest one (" + show(*latest) + ")",
                   "updates go in time order: check --at (or the clock, --now)");
      return false;
    }
  }
  return true;
}

// Components the update names that the incident does not yet: they join
// it, if they exist and a public incident may show them.
std::optional<std::vector<std::string>> joining_components(const Model& model, const Incident& inc,
                                                           const UpdateOptions& o, Diagnostics& diags) {
  std::vector<std::string> joining;
  for (const auto& [id, status] : o.components)
    if (std::find(inc.components.begin(), inc.components.end(), id) == inc.components.end() &&
        std::find(joining.begin(), joining.end(), id) == joining.end())
      joining.push_back(id);
  if (joining.empty()) return joining;
  bool known = true;
  for (const auto& id : joining)
    if (!model.components.find(id)) {
      diags.report("--component", {}, "unknown-component", "unknown component '" + id + "'",
                   did_you_mean(id, model.components.ids()));
      known = false;
    }
  if (!known) return std::nullopt;
  const SeverityLevel* level = model.severity.level(inc.severity);
  const bool published = inc.is_public && (!level || level->is_public);
  bool ok = true;
  for (const auto& id : joining)
    if (const Component* c = model.components.find(id); c && !c->is_public && published) {
      diags.report("--component", {}, "internal-component",
                   "public incident " + inc.id + " cannot show internal-only component '" + id + "'",
                   "report it in the internal timeline instead (edit [[timeline]] in " + inc.path + ")");
      ok = false;
    }
  if (!ok) return std::nullopt;
  return joining;
}

bool check_roles(const std::vector<std::pair<std::string, std::string>>& roles, Diagnostics& diags) {
  for (const auto& [role, name] : roles)
    if (trim(role).empty() || trim(name).empty()) {
      diags.report("--role", {}, "invalid-value", "a role needs a name and a person: ROLE=NAME");
      return false;
    }
  return true;
}

std::string status_words(const std::string& status) {
  std::string s = status;
  std::replace(s.begin(), s.end(), '_', ' ');
  return s;
}

}  // namespace

std::string step_command(Step step) {
  switch (step) {
    case Step::acknowledge: return "sitrep ack";
    case Step::mitigate: return "sitrep mitigate";
    case Step::resolve: return "sitrep resolve";
    case Step::reopen: return "sitrep reopen";
    default: return "sitrep new update";
  }
}

std::optional<std::string> append_update(std::string_view file_text, const Model& model,
                                         const MessageTemplates& templates, const UpdateOptions& o, TimePoint now,
                                         Diagnostics& diags) {
  const Incident* known = lookup_incident(model, o.incident, diags);
  const std::string word = o.status.empty() ? default_status(o.step) : o.status;
  StatusWord status;
  if (!word.empty()) status = lookup_update_status(model, word, diags);
  else if (o.step == Step::update)
    diags.report("--status", {}, "missing-key", "an update needs a status",
                 "--status investigating|identified|monitoring|resolved");
  if (!known || (!word.empty() && status.word.empty()) || (word.empty() && o.step == Step::update))
    return std::nullopt;
  const auto inc = read_incident(file_text, *known, model, diags);
  const TimePoint at = o.at.value_or(now);
  if (!inc || !check_step(model, *inc, o, status.canonical, at, now, diags)) return std::nullopt;
  if (o.step != Step::resolve && o.step != Step::reopen && status.canonical == "resolved" && o.step != Step::update) {
    diags.report("--status", {}, "invalid-value", "use `sitrep resolve " + inc->id + "` to resolve it");
    return std::nullopt;
  }
  const auto joining = joining_components(model, *inc, o, diags);
  if (!joining || !check_roles(o.roles, diags)) return std::nullopt;
  std::vector<std::string> all_components = inc->components;
  all_components.insert(all_components.end(), joining->begin(), joining->end());
  if (!check_component_statuses(o.components, all_components, diags)) return std::nullopt;

  const bool resolves = status.canonical == "resolved";
  const bool mitigates = o.step == Step::mitigate || (!inc->mitigated_at && (status.canonical == "monitoring" || resolves));
  const TimeZone zone = model.site.time_zone;
  std::string text{file_text};

  // 1. The public update, at the end of the file.
  if (!status.word.empty()) {
    UpdateBlock block;
    block.at = at;
    block.status = status.word;
    block.components = o.components;
    if (resolves && block.components.empty())
      for (const auto& id : all_components) block.components.emplace_back(id, "operational");
    if (const SeverityLevel* level = model.severity.level(inc->severity))
      block.next_update_by = next_update_due(*level, status.canonical, at);
    if (!trim(o.message).empty()) {
      block.message = trim(o.message);
    } else if (auto message = template_message(model, templates, status.canonical, inc->title, all_components,
                                               block.next_update_by, diags)) {
      block.message = std::move(*message);
    } else {
      return std::nullopt;
    }
    text = append_block(text, update_block_text(block, zone));
  }

  // 2. The internal log: what happened, in time order (lines above the end
  // have not moved, so the positions read from the file still hold).
  std::vector<std::string> what;
  if (o.step == Step::acknowledge) what.push_back("Acknowledged");
  if (o.step == Step::reopen)
    what.push_back(inc->resolved_at ? "Reopened (had been resolved at " +
                                          format_in_zone(*inc->resolved_at, zone, "%H:%M %Z") + ")"
                                    : "Reopened");
  if (mitigates) what.push_back("Mitigated");
  if (resolves) what.push_back("Resolved");
  for (const auto& id : *joining) {
    const Component* c = model.components.find(id);
    std::string shown;
    for (const auto& [cid, s] : o.components)
      if (cid == id) shown = status_words(s);
    what.push_back((c && !c->name.empty() ? c->name : id) + " added to the incident (" + shown + ")");
  }
  for (const auto& [role, name] : o.roles) what.push_back(trim(role) + ": " + trim(name));
  if (!what.empty()) {
    std::string action;
    for (const auto& w : what) action += (action.empty() ? "" : "; ") + w;
    text = add_timeline_entry(text, *inc, TimelineEntry{at, {}, action, trim(o.by), {}}, zone);
  }

  // 3. The keys the step sets, each an edit of the text as it now stands.
  const std::string stamp = toml_time(at, zone);
  std::optional<std::string> edited = text;
  const auto edit = [&](auto&& f, const std::string& what_failed) {
    if (!edited) return;
    edited = f(*edited);
    if (!edited)
      diags.report(inc->path, {}, "invalid-value", "cannot " + what_failed + " in this file as text",
                   "make the change by hand in " + inc->path);
  };
  for (const auto& id : *joining)
    edit([&](const std::string& t) { return append_to_array(t, "components", toml_string(id)); },
         "add '" + id + "' to components");
  for (const auto& named : o.roles) {  // not a structured binding: clang 14 cannot capture one
    const std::string role = trim(named.first), name = trim(named.second);
    edit([&](const std::string& t) { return set_table_key(t, "roles", toml_key(role), toml_string(name)); },
         "name the " + role + " in [roles]");
  }
  if (o.step == Step::acknowledge)
    edit([&](const std::string& t) { return set_top_level_key(t, "acknowledged_at", stamp); }, "set acknowledged_at");
  if (mitigates && !inc->mitigated_at)
    edit([&](const std::string& t) { return set_top_level_key(t, "mitigated_at", stamp); }, "set mitigated_at");
  if (resolves)
    edit([&](const std::string& t) { return set_top_level_key(t, "resolved_at", stamp); }, "set resolved_at");
  if (o.step == Step::reopen && inc->resolved_at)
    edit([&](const std::string& t) { return remove_top_level_key(t, "resolved_at"); }, "remove resolved_at");
  if (!edited) return std::nullopt;
  if (!passes_check(model, ContentKind::incident, {inc->path, *edited}, now, diags, file_text)) return std::nullopt;
  return edited;
}

std::optional<NewFile> new_update(const Model& model, const MessageTemplates& templates, const UpdateOptions& o,
                                  TimePoint now, Diagnostics& diags) {
  const Incident* inc = lookup_incident(model, o.incident, diags);
  if (!inc) return std::nullopt;
  auto source = model.sources.find(inc->path);
  if (source == model.sources.end()) {
    diags.report(inc->path, {}, "file-unreadable", "the incident's file was not read");
    return std::nullopt;
  }
  UpdateOptions resolved = o;
  resolved.incident = inc->id;  // "latest" or a path, once
  auto text = append_update(source->second, model, templates, resolved, now, diags);
  if (!text) return std::nullopt;
  return NewFile{inc->path, std::move(*text)};
}

}  // namespace sitrep
