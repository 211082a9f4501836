#pragma once
// Incremental rendering, for `sitrep serve`. Item pages and the archive
// pages that list items are named by a fingerprint of everything they are
// rendered from: the site's configuration, templates and the names of its
// assets (render/static_assets.h), the source files of
// the items they show, and the clock while any of those items can still
// change with it. When the previous render made a page from the same
// fingerprint, the renderer emits it as `reused` without building it and the
// caller keeps the bytes it already has. A full build (`sitrep build`)
// passes no Incremental and renders every page; the two give the same bytes
// (tests/unit/test_incremental.cpp holds them to that).
#include <cstdint>
#include <functional>
#include <map>
#include <set>
#include <mutex>
#include <string_view>
#include <utility>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "model/model.h"
#include "render/output.h"

namespace sitrep {

class TemplateSet;
struct StaticAssets;

// The fingerprints of the last good render, by output path.
using PageFingerprints = std::unordered_map<std::string, std::uint64_t>;
struct SiteFingerprints {
  PageFingerprints public_pages, internal_pages;
};

// Pieces of whole-site files (an incident's rows in the exports), kept by
// `sitrep serve` from one render to the next under the fingerprint of what
// they were made from, so a rebuild re-makes only the changed incidents'.
// Holds what the last two renders used, no more.
class FragmentCache {
 public:
  // The piece for (kind, fingerprint), made now if no recent render made it.
  // The reference stays valid until the next start_render(). A piece that
  // is not `lasting` (its fingerprint moves with the clock: an incident not
  // settled yet) is never asked for again by a build at another time: it
  // is kept for this render but neither counted in made() nor visited by
  // for_each_used(), so a build that made only such pieces writes nothing.
  const std::string& get(std::string_view kind, std::uint64_t fingerprint, const std::function<std::string()>& make,
                         bool lasting = true);
  // Called before each render: pieces the previous render did not use go.
  void start_render();
  // A piece the last render used, read back from disk (write/export_pieces.h):
  // call before start_render, as that render would have left it.
  void seed(std::string kind, std::uint64_t fingerprint, std::string piece);
  // Every lasting piece this render used, in (kind, fingerprint) order.
  void for_each_used(const std::function<void(std::string_view kind, std::uint64_t fingerprint,
                                              const std::string& piece)>& visit) const;
  // Of this render's lasting pieces, how many were made; of the others,
  // how many were made; of all, how many kept.
  std::size_t made() const { return made_; }
  std::size_t made_passing() const { return made_passing_; }
  std::size_t kept() const { return kept_; }

 private:
  using Key = std::pair<std::string, std::uint64_t>;
  mutable std::mutex mutex_;
  std::map<Key, std::string> used_, older_;
  std::set<Key> passing_;  // this render's pieces that are not lasting
  std::size_t made_ = 0, made_passing_ = 0, kept_ = 0;
};

struct Incremental {
  const PageFingerprints* previous = nullptr;  // nullptr or empty: the first render
  FragmentCache* fragments = nullptr;          // nullptr: pieces are always made
  std::uint64_t site = 0;                      // configuration + templates + asset names
  std::vector<std::uint64_t> incidents;        // parallel to model.incidents
  // Parallel to incidents: settled (incident_settles_at), so its fingerprint
  // no longer holds the clock and a later build can ask for it again.
  std::vector<char> settled;
  std::vector<std::uint64_t> postmortems;      // parallel to model.postmortems
  std::vector<std::uint64_t> maintenance;      // parallel to model.maintenance

  // The reused marker for `path` when the last render made it from
  // `fingerprint`; nullopt when it must be rendered.
  std::optional<OutputFile> reuse(const std::string& path, std::uint64_t fingerprint) const;
  // Fingerprint of a page that shows the incidents at `indexes` (into
  // model.incidents), in this order, and `extra` (pagination and the like).
  std::uint64_t page(const std::string& path, const std::vector<std::size_t>& indexes, std::uint64_t extra = 0) const;
  // Fingerprint of the page of maintenance window `index` (into model.maintenance).
  std::uint64_t maintenance_page(const std::string& path, std::size_t index) const;
};

// Fingerprints for one render at `now`. Every page links the theme's assets
// by their hashed names, so those are part of the site's fingerprint.
Incremental make_incremental(const Model& model, const TemplateSet& templates, const StaticAssets& assets, TimePoint now,
                             const PageFingerprints* previous, FragmentCache* fragments);

// When nothing shown about the incident changes with the clock any more:
// nullopt while it is open, has an open follow-up with a due date (days
// overdue keep counting) or lacks a required final postmortem; otherwise
// its last timestamp plus the longest policy window, plus two days for
// calendar-day comparisons in any time zone.
std::optional<TimePoint> incident_settles_at(const Model& model, const Incident& inc,
                                             const std::vector<const Postmortem*>& postmortems);

// When nothing a maintenance window's page shows changes with the clock
// any more: its schedule is over and its last update is out (its status
// and its updates are final).
TimePoint maintenance_settles_at(const Maintenance& m);

// Output path -> fingerprint, for the outputs that have one.
PageFingerprints fingerprints_of(const Outputs& files);

}  // namespace sitrep
