#include "author/new_update.h"

#include "author/lookup.h"
#include "author/self_check.h"
#include "author/toml_edit.h"
#include "author/toml_text.h"
#include "author/update_block.h"
#include "load/parse.h"
#include "model/text.h"

namespace sitrep {
namespace {

SourcePos key_at(const KeyPositions& keys, std::string_view key) {
  auto it = keys.find(key);
  return it == keys.end() ? SourcePos{} : it->second;
}

// The incident as the file says now (the model may be older than the text).
std::optional<Incident> read_incident(std::string_view text, const Incident& known, const Model& model,
                                      Diagnostics& diags) {
  Diagnostics local(model.rules);
  auto inc = parse_incident(text, known.path, model.site.time_zone, local);
  if (!inc || local.has_errors() || inc->id != known.id) {
    diags.report(known.path, {}, "invalid-value",
                 "cannot add an update: the file does not hold a readable incident " + known.id,
                 "run sitrep check and fix the file first");
    return std::nullopt;
  }
  return inc;
}

bool check_still_open(const Model& model, const Incident& inc, TimePoint now, Diagnostics& diags) {
  const auto show = [&](TimePoint t) { return format_in_zone(t, model.site.time_zone, "%Y-%m-%d %H:%M %Z"); };
  if (inc.resolved_at) {
    diags.report(inc.path, key_at(inc.key_pos, "resolved_at"), "update-after-resolution",
                 "incident " + inc.id + " was resolved at " + show(*inc.resolved_at) + "; it takes no more updates");
    return false;
  }
  if (!inc.updates.empty() && model.severity.canonical_status(inc.updates.back().status) == "resolved") {
    diags.report(inc.path, key_at(inc.updates.back().key_pos, "status"), "update-after-resolution",
                 "incident " + inc.id + " already has a 'resolved' update");
    return false;
  }
  const std::optional<TimePoint> latest = inc.updates.empty() ? inc.started_at : inc.updates.back().at;
  if (latest && now < *latest) {
    diags.report(inc.path, {}, "update-order",
                 "the new update (" + show(now) + ") would be dated before the latest one (" + show(*latest) + ")",
                 "check the clock (--now)");
    return false;
  }
  return true;
}

// The timestamps this status closes: mitigated at "monitoring", resolved at
// "resolved". Each is set only if missing, so a time typed by hand wins.
std::optional<std::string> close_clocks(std::string text, const Incident& inc, std::string_view status,
                                        TimePoint now, TimeZone zone) {
  const std::string stamp = toml_time(now, zone);
  if ((status == "monitoring" || status == "resolved") && !inc.mitigated_at) {
    auto edited = set_top_level_key(text, "mitigated_at", stamp);
    if (!edited) return std::nullopt;
    text = std::move(*edited);
  }
  if (status == "resolved") {
    auto edited = set_top_level_key(text, "resolved_at", stamp);
    if (!edited) return std::nullopt;
    text = std::move(*edited);
  }
  return text;
}

}  // namespace

std::optional<std::string> append_update(std::string_view file_text, const Model& model,
                                         const MessageTemplates& templates, const UpdateOptions& o, TimePoint now,
                                         Diagnostics& diags) {
  const Incident* known = lookup_incident(model, o.incident, diags);
  const StatusWord status = lookup_update_status(model, o.status, diags);
  if (!known || status.word.empty()) return std::nullopt;
  const auto inc = read_incident(file_text, *known, model, diags);
  if (!inc || !check_still_open(model, *inc, now, diags)) return std::nullopt;
  if (!check_component_statuses(o.components, inc->components, diags)) return std::nullopt;

  UpdateBlock block;
  block.at = now;
  block.status = status.word;
  block.components = o.components;
  if (status.canonical == "resolved" && block.components.empty())
    for (const auto& id : inc->components) block.components.emplace_back(id, "operational");
  if (const SeverityLevel* level = model.severity.level(inc->severity))
    block.next_update_by = next_update_due(*level, status.canonical, now);
  if (!trim(o.message).empty()) {
    block.message = trim(o.message);
  } else if (auto text = template_message(model, templates, status.canonical, inc->title, inc->components,
                                          block.next_update_by, diags)) {
    block.message = std::move(*text);
  } else {
    return std::nullopt;
  }

  const TimeZone zone = model.site.time_zone;
  auto text = close_clocks(append_block(file_text, update_block_text(block, zone)), *inc, status.canonical, now, zone);
  if (!text) {
    diags.report(inc->path, {}, "invalid-value", "cannot set the incident's timestamps in this file as text");
    return std::nullopt;
  }
  if (!passes_check(model, ContentKind::incident, {inc->path, *text}, now, diags, file_text)) return std::nullopt;
  return text;
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
  auto text = append_update(source->second, model, templates, o, now, diags);
  if (!text) return std::nullopt;
  return NewFile{inc->path, std::move(*text)};
}

}  // namespace sitrep
