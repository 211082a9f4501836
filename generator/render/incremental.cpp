#include "render/incremental.h"

#include <algorithm>

#include "render/internal_context.h"
#include "render/static_assets.h"
#include "render/templates.h"
#include "report/follow_up_items.h"
#include "report/postmortem_index.h"
#include "util/hash.h"

namespace sitrep {
namespace {

constexpr std::uint64_t k_settled = 0x5e771edULL;

std::uint64_t clock_bits(TimePoint now) { return static_cast<std::uint64_t>(now.time_since_epoch().count()); }

// What a page fingerprint takes of the clock: nothing once the item is
// settled (its page no longer changes with time), else the clock itself.
std::uint64_t clock_part(bool settled, TimePoint now) { return settled ? k_settled : clock_bits(now); }

// The longest time after an incident's own timestamps that a policy clock or
// deadline can still change what is shown about it.
std::chrono::seconds longest_policy_window(const Model& model) {
  std::chrono::seconds out{0};
  for (const auto& level : model.severity.levels) {
    if (level.postmortem_within) out = std::max(out, *level.postmortem_within);
    for (const auto& c : level.clocks) out = std::max(out, c.within);
  }
  return out;
}

TimePoint day_end(Day d) { return TimePoint{std::chrono::sys_days{d + std::chrono::days{1}}.time_since_epoch()}; }

}  // namespace

std::optional<TimePoint> incident_settles_at(const Model& model, const Incident& inc,
                                             const std::vector<const Postmortem*>& postmortems) {
  if (!inc.resolved_at) return std::nullopt;
  const PostmortemTemplate& tpl = model.postmortem_template;
  const SeverityLevel* level = model.severity.level(inc.severity);
  const bool has_final = std::any_of(postmortems.begin(), postmortems.end(),
                                     [&](const Postmortem* pm) { return pm->status == tpl.final_status; });
  if (level && level->postmortem_within && !has_final) return std::nullopt;
  // The tracker's items: an open one with a due date turns overdue with the clock.
  const std::vector<FollowUp> follow_ups = incident_follow_ups(&inc, postmortems, tpl);
  for (const auto& f : follow_ups)
    if (f.is_open && f.due) return std::nullopt;
  TimePoint last = *inc.resolved_at;
  const auto see = [&](const std::optional<TimePoint>& t) {
    if (t) last = std::max(last, *t);
  };
  for (const auto& t : {inc.started_at, inc.detected_at, inc.acknowledged_at, inc.mitigated_at}) see(t);
  for (const auto& u : inc.updates) {
    see(u.at);
    see(u.next_update_by);
  }
  for (const auto& e : inc.timeline) see(e.at);
  for (const auto& f : follow_ups)
    if (f.due) see(day_end(*f.due));
  for (const Postmortem* pm : postmortems)
    if (pm->date) see(day_end(*pm->date));
  return last + longest_policy_window(model) + std::chrono::days{2};
}

Incremental make_incremental(const Model& model, const TemplateSet& templates, const StaticAssets& assets, TimePoint now,
                             const PageFingerprints* previous, FragmentCache* fragments) {
  Incremental out;
  out.previous = previous;
  out.fragments = fragments;
  out.site = hash_mix(hash_mix(hash_mix(model.config_hash, templates.fingerprint()), assets.fingerprint()), model.root);
  // A postmortem naming no incident is named after its file
  // (internal_context's postmortem_paths), and can take the page name an
  // incident's postmortem would have: such files are part of every page.
  for (const auto& pm : model.postmortems)
    if (pm.incident.empty()) out.site = hash_mix(out.site, pm.path);
  const PostmortemsByIncident by_incident = postmortems_by_incident(model);
  // Postmortem pages are named in one pass over all of them (a name taken
  // gets a suffix), so an incident's postmortem's page name can change
  // with another's file: it is part of what the incident's pages show.
  const std::vector<std::string> pm_pages = postmortem_page_paths(model);
  const auto page_of = [&](const Postmortem* pm) -> const std::string& {
    return pm_pages[static_cast<std::size_t>(pm - model.postmortems.data())];
  };
  const std::vector<const Postmortem*> none;
  out.incidents.reserve(model.incidents.size());
  out.settled.reserve(model.incidents.size());
  for (const auto& inc : model.incidents) {
    const auto it = by_incident.find(inc.id);
    const auto& pms = it == by_incident.end() ? none : it->second;
    std::uint64_t fp = hash_mix(hash_mix(out.site, inc.source_hash), inc.path);
    for (const Postmortem* pm : pms) fp = hash_mix(hash_mix(hash_mix(fp, pm->source_hash), pm->path), page_of(pm));
    const auto settles_at = incident_settles_at(model, inc, pms);
    const bool settled = settles_at && now >= *settles_at;
    fp = hash_mix(fp, clock_part(settled, now));
    out.incidents.push_back(fp);
    out.settled.push_back(settled ? 1 : 0);
  }
  out.postmortems.reserve(model.postmortems.size());
  for (const auto& pm : model.postmortems) {
    const auto found = model.incident_by_id.find(pm.incident);
    const std::uint64_t about = found != model.incident_by_id.end() ? out.incidents[found->second] : clock_bits(now);
    // Its own file's path and page name too: a postmortem naming no known
    // incident has no incident fingerprint to carry them.
    out.postmortems.push_back(
        hash_mix(hash_mix(hash_mix(hash_mix(out.site, pm.source_hash), about), pm.path), page_of(&pm)));
  }
  // A window's page shows its file and the site's configuration (its
  // components' names) only, and the clock until it settles.
  out.maintenance.reserve(model.maintenance.size());
  for (const auto& m : model.maintenance) {
    const bool settled = now >= maintenance_settles_at(m);
    out.maintenance.push_back(hash_mix(hash_mix(hash_mix(out.site, m.source_hash), m.path), clock_part(settled, now)));
  }
  return out;
}

TimePoint maintenance_settles_at(const Maintenance& m) {
  TimePoint last = std::max(m.scheduled_start, m.scheduled_end);
  for (const auto& u : m.updates) last = std::max(last, u.at);
  return last;
}

std::uint64_t Incremental::maintenance_page(const std::string& path, std::size_t index) const {
  const std::uint64_t fp = hash_mix(hash_mix(hash_mix(site, path), std::uint64_t{'m'}), maintenance[index]);
  return fp == 0 ? 1 : fp;  // never 0, "no fingerprint" (as page())
}

std::uint64_t Incremental::page(const std::string& path, const std::vector<std::size_t>& indexes,
                                std::uint64_t extra) const {
  std::uint64_t fp = hash_mix(hash_mix(site, path), extra);
  for (std::size_t i : indexes) fp = hash_mix(fp, incidents[i]);
  // Never 0, which means "no fingerprint". Not `fp | 1`: that merged
  // fingerprints differing only in their last bit, as two clocks one second
  // apart can, and a page showing seconds came back stale.
  return fp == 0 ? 1 : fp;
}

std::optional<OutputFile> Incremental::reuse(const std::string& path, std::uint64_t fingerprint) const {
  if (!previous) return std::nullopt;
  const auto it = previous->find(path);
  if (it == previous->end() || it->second != fingerprint) return std::nullopt;
  return OutputFile{path, {}, fingerprint, true};
}

const std::string& FragmentCache::get(std::string_view kind, std::uint64_t fingerprint,
                                      const std::function<std::string()>& make, bool lasting) {
  Key key{std::string{kind}, fingerprint};
  {
    std::lock_guard lock(mutex_);
    if (auto it = used_.find(key); it != used_.end()) return it->second;
    if (auto node = older_.extract(key)) {
      ++kept_;
      if (!lasting) passing_.insert(node.key());
      return used_.insert(std::move(node)).position->second;
    }
  }
  std::string made = make();
  std::lock_guard lock(mutex_);
  if (!lasting) passing_.insert(key);
  const auto [it, inserted] = used_.emplace(std::move(key), std::move(made));
  if (inserted) ++(lasting ? made_ : made_passing_);
  return it->second;
}

void FragmentCache::start_render() {
  std::lock_guard lock(mutex_);
  older_ = std::move(used_);
  used_.clear();
  passing_.clear();
  made_ = made_passing_ = kept_ = 0;
}

void FragmentCache::seed(std::string kind, std::uint64_t fingerprint, std::string piece) {
  std::lock_guard lock(mutex_);
  used_.insert_or_assign(Key{std::move(kind), fingerprint}, std::move(piece));
}

void FragmentCache::for_each_used(
    const std::function<void(std::string_view, std::uint64_t, const std::string&)>& visit) const {
  std::lock_guard lock(mutex_);
  for (const auto& [key, piece] : used_)
    if (!passing_.count(key)) visit(key.first, key.second, piece);
}

PageFingerprints fingerprints_of(const Outputs& files) {
  PageFingerprints out;
  for (const auto& f : files)
    if (f.fingerprint) out.emplace(f.path, f.fingerprint);
  return out;
}

}  // namespace sitrep
