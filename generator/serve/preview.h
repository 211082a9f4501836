#pragma once
// The preview's site, built into memory: the last good build plus the
// diagnostics of the last build if it failed. Thread-safe: the server reads
// while the watcher rebuilds.
#include <condition_variable>
#include <cstdint>
#include <filesystem>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "cli/report.h"
#include "load/load_site.h"
#include "render/incremental.h"
#include "util/stopwatch.h"
#include "util/time.h"
#include "write/publish.h"

namespace sitrep {

// What the last rebuild did.
struct RebuildStats {
  long ms = 0;
  std::size_t parsed = 0;    // content files parsed (the rest came from the cache)
  std::size_t rendered = 0;  // output files rendered (the rest were reused)
  std::size_t files = 0;     // output files in both trees
  PhaseTimings phases;       // load, validate, each renderer, merge
};

// What the last show_edited_incident showed.
struct QuickStats {
  std::string incident_id;
  double ms = 0;          // from the call to the pages being served
  std::size_t pages = 0;  // its public and internal pages
};

struct PreviewResponse {
  int status = 200;
  std::string content_type;
  std::string body;
  int retry_after = 0;  // seconds, for a 503 while the first build runs
};

class Preview {
 public:
  // `fixed_now`: the clock for every rebuild; nullopt = the real clock.
  // `load_cache`: the file `check` and `build` keep (load/load_cache_file.h);
  // the first build takes the files it records unchanged from it instead of
  // parsing them. The preview keeps its own records in memory after that
  // and does not write the file.
  Preview(std::string root, std::optional<TimePoint> fixed_now,
          std::optional<std::filesystem::path> load_cache = std::nullopt);

  // Loads, validates and renders again, incrementally: only files whose
  // text changed are parsed, only pages whose inputs changed are rendered
  // (render/incremental.h). Returns the diagnostics text (empty when the
  // build had no errors). Keeps the last good site.
  std::string rebuild();
  // The same at a given clock (tests step the clock between rebuilds).
  std::string rebuild_at(TimePoint now);

  // The clock a rebuild now would use: `fixed_now` or the real one.
  TimePoint clock() const;

  // The fast path for the common edit: when the watcher's `changed` paths
  // come down to one incident file of the last good build, edited in place
  // (same id, its own checks pass: validate_items), renders that incident's
  // pages alone (render/incident_alone.h: the bytes a full build gives) and
  // serves them at once; rebuild_at(now) then renders what lists it, or
  // reports errors across files. Returns false, showing nothing, for
  // anything else (a new, removed or renamed file, another kind of file, an
  // error), which the rebuild alone then shows. If that rebuild fails (an
  // error in another file), the pages shown stay under the overlay: the
  // incident's last good version. Called on the thread that rebuilds (it
  // reads the last load's model and drops the shown pages' fingerprints),
  // never during a rebuild.
  bool show_edited_incident(const std::vector<std::string>& changed, TimePoint now);
  QuickStats last_quick() const;

  RebuildStats last_rebuild() const;
  // "412 ms: parsed 1 file, rendered 9 of 21920 files", for the terminal.
  std::string last_rebuild_summary() const;
  // The themes folder of the last loaded site.toml, for the watcher.
  std::string themes_dir() const;
  // A copy of the public (or internal) tree of the last good build.
  MemoryTree files(bool internal) const;

  // The response for a URL path ("/", "/incidents/X/", "/_internal/...").
  // Until the first rebuild is done, an HTML page comes from the last
  // `sitrep build` on disk (site/public, site/internal) under a notice;
  // anything else (or a page not on disk) is a 503 page, with Retry-After,
  // that reloads when the build is ready: a large site answers at once
  // instead of after its first build.
  PreviewResponse get(std::string_view url_path) const;

  std::uint64_t version() const;
  // Blocks until the version passes `seen` or `timeout` ends; returns the version.
  std::uint64_t wait_for_change(std::uint64_t seen, std::chrono::milliseconds timeout) const;
  // From now on wait_for_change returns at once (the server is stopping).
  void close_waits();
  bool has_errors() const;

 private:
  PreviewResponse while_building(const std::string& file, bool internal) const;

  std::string root_;
  std::optional<TimePoint> fixed_now_;
  std::optional<std::filesystem::path> load_cache_file_;  // read once, by the first rebuild
  // Used by the rebuilding thread only (rebuilds never run at once).
  LoadCache load_cache_;
  SiteFingerprints fingerprints_;  // of the trees below
  FragmentCache fragments_;

  mutable std::mutex mutex_;
  mutable std::condition_variable changed_;
  MemoryTree public_files_;
  MemoryTree internal_files_;
  std::string overlay_html_;  // the error overlay, empty when the build is clean
  RebuildStats stats_;
  QuickStats quick_;
  std::string themes_dir_ = "themes";
  std::uint64_t version_ = 0;
  bool built_once_ = false;
  bool waits_closed_ = false;
};

// Content-Type for an output path, by extension.
std::string content_type_for(std::string_view path);

// A decoded URL path -> the output file it names: "/incidents/X/" ->
// "incidents/X/index.html"; nullopt for what no output path can be ("..",
// "//", "\\", control characters, invalid UTF-8, not starting with '/').
std::optional<std::string> resolve_url_path(std::string_view url_path);

}  // namespace sitrep
