#include "author/lookup.h"

#include <algorithm>
#include <filesystem>

#include "model/text.h"
#include "util/did_you_mean.h"

namespace sitrep {
namespace fs = std::filesystem;
namespace {

bool contains(const std::vector<std::string>& list, std::string_view s) {
  return std::find(list.begin(), list.end(), s) != list.end();
}

std::string level_ids(const SeverityPolicy& policy) {
  std::string out;
  for (const auto& l : policy.levels) out += (out.empty() ? "" : ", ") + l.id;
  return out;
}

}  // namespace

const SeverityLevel* lookup_level(const Model& model, std::string_view name, Diagnostics& diags) {
  if (const SeverityLevel* level = model.severity.level(name)) return level;
  if (name.empty())
    diags.report("--severity", {}, "missing-key", "a severity is required", "one of " + level_ids(model.severity));
  else
    diags.report("--severity", {}, "unknown-severity", "unknown severity '" + std::string{name} + "'",
                 did_you_mean(name, model.severity.level_names()));
  return nullptr;
}

bool lookup_components(const Model& model, const std::vector<std::string>& ids, Diagnostics& diags) {
  bool ok = !ids.empty();
  if (ids.empty()) diags.report("--components", {}, "missing-key", "name at least one affected component");
  for (const auto& id : ids) {
    if (model.components.find(id)) continue;
    diags.report("--components", {}, "unknown-component", "unknown component '" + id + "'",
                 did_you_mean(id, model.components.ids()));
    ok = false;
  }
  return ok;
}

const Incident* lookup_incident(const Model& model, std::string_view id, Diagnostics& diags) {
  if (const Incident* inc = model.find_incident(id)) return inc;
  if (id == "latest") {
    // The one that started last (ties: the higher id), resolved or not.
    const Incident* latest = nullptr;
    for (const auto& inc : model.incidents)
      if (!latest || inc.started_at > latest->started_at ||
          (inc.started_at == latest->started_at && inc.id > latest->id))
        latest = &inc;
    if (latest) return latest;
    diags.report("incident", {}, "invalid-value", "there is no incident yet, so no 'latest'",
                 "declare one: sitrep new incident --title ... --severity ... --components ...");
    return nullptr;
  }
  if (id.find('/') != std::string_view::npos || id.ends_with(".toml")) {
    std::error_code ec;
    // Absolute first: weakly_canonical leaves a path none of whose folders
    // exist relative, so "x/y" and "./x/y" would differ.
    const auto canonical = [](const std::string& p, std::error_code& e) {
      return fs::weakly_canonical(fs::absolute(fs::path(p), e), e);
    };
    const auto wanted = canonical(std::string{id}, ec);
    for (const auto& inc : model.incidents) {
      std::error_code ec2;
      if (!ec && canonical(inc.path, ec2) == wanted && !ec2) return &inc;
    }
    diags.report("incident", {}, "invalid-value", "no incident is read from '" + std::string{id} + "'",
                 "give an incident id, `latest`, or the path of a file under content/incidents/ (run sitrep check "
                 "if the file does not parse)");
    return nullptr;
  }
  std::vector<std::string> ids;
  for (const auto& inc : model.incidents) ids.push_back(inc.id);
  std::string hint = did_you_mean(id, ids);
  if (hint.empty()) hint = "give an incident id (INC-YYYY-MM-DD-NNN), `latest`, or the incident's file";
  diags.report("incident", {}, "invalid-value", "unknown incident '" + std::string{id} + "'", hint);
  return nullptr;
}

StatusWord lookup_update_status(const Model& model, std::string_view word, Diagnostics& diags) {
  for (const auto& s : model.severity.status_words())
    if (iequals(s, word)) return {s, model.severity.canonical_status(s)};
  diags.report("--status", {}, "unknown-status", "unknown update status '" + std::string{word} + "'",
               did_you_mean(word, model.severity.status_words()));
  return {};
}

bool check_component_statuses(const std::vector<std::pair<std::string, std::string>>& statuses,
                              const std::vector<std::string>& allowed, Diagnostics& diags) {
  bool ok = true;
  for (const auto& [id, status] : statuses) {
    if (!contains(allowed, id)) {
      diags.report("--component", {}, "unknown-component", "component '" + id + "' is not affected by this incident",
                   did_you_mean(id, allowed));
      ok = false;
    }
    if (!contains(k_component_statuses, status)) {
      diags.report("--component", {}, "unknown-status", "unknown component status '" + status + "'",
                   did_you_mean(status, k_component_statuses));
      ok = false;
    }
  }
  return ok;
}

bool is_usage_problem(const Diagnostic& d) { return d.path.starts_with("--") || d.path == "incident"; }

std::string component_names(const Model& model, const std::vector<std::string>& ids) {
  std::string out;
  for (std::size_t i = 0; i < ids.size(); ++i) {
    const Component* c = model.components.find(ids[i]);
    if (i) out += i + 1 == ids.size() ? " and " : ", ";
    out += c && !c->name.empty() ? c->name : ids[i];
  }
  return out;
}

}  // namespace sitrep
