#include "serve/preview.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <chrono>

#include "load/load_cache_file.h"
#include "load/load_site.h"
#include "load/parse.h"
#include "render/incident_alone.h"
#include "render/site_build.h"
#include "render/templates.h"
#include "render/urls.h"
#include "util/hash.h"
#include "util/confined_path.h"
#include "util/source_file.h"
#include "util/utf8.h"
#include "validate/validate.h"

namespace sitrep {
namespace {

constexpr std::string_view k_internal_prefix = "_internal/";

// Shown over the last good page while the content has errors. A template
// built into the binary: the theme itself may be what is broken.
constexpr const char* k_overlay_template = R"(<div id="sitrep-errors" role="alert" style="position:fixed;inset:auto 0 0 0;max-height:60vh;overflow:auto;z-index:2147483647;background:#1f1f1f;color:#f5f5f5;border-top:4px solid #ff6b6b;padding:1rem;font:14px/1.4 ui-monospace,monospace">
<p style="margin:0 0 .5rem;font-weight:bold;color:#ff8a8a">sitrep: the last build failed ({{summary}}); showing the last good version.</p>
{{#diagnostics}}<pre style="white-space:pre-wrap;margin:0 0 .75rem">{{text}}</pre>
{{/diagnostics}}</div>
)";

// Over pages served from the last build on disk while the first build runs.
constexpr const char* k_last_build_notice =
    R"(<div id="sitrep-building" role="status" style="position:fixed;inset:auto 0 0 0;z-index:2147483647;background:#1f1f1f;color:#f5f5f5;border-top:4px solid #f0b429;padding:.75rem 1rem;font:14px/1.4 ui-monospace,monospace">sitrep: this is the last build in site/; the preview is still building and this page reloads when it is ready.</div>
)";
constexpr const char* k_building_page =
    R"(<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>sitrep preview: building</title></head><body><main><h1>Building the preview</h1><p>sitrep is building the site for the first time. This page reloads when it is ready.</p></main></body></html>)";
// Outputs are bounded (issue 12), but metrics.json holds the whole history.
constexpr std::size_t k_max_last_build_file = 512u << 20;

// Injected into every HTML page of the preview (never into site/public).
std::string inject(const std::string& html, const std::string& overlay, std::uint64_t version) {
  const std::string script = "<script src=\"/_sitrep/reload.js?v=" + std::to_string(version) + "\"></script>\n";
  std::string out = html;
  const auto at = out.rfind("</body>");
  out.insert(at == std::string::npos ? out.size() : at, overlay + script);
  return out;
}

// The one incident file a burst of changes edited, when that is all it did:
// its path under the root and its incident in the last load. Paths outside content/incidents (config,
// schemas, templates, other content) and incident files that are new or
// gone are for the rebuild alone: nullopt. An editor's leftovers in the
// folder (sed's temporary file, "x.toml~", ".x.toml.swp") are not content
// (load_site reads *.toml) and are passed over.
struct EditedFile {
  std::string relative;
  const Incident* before = nullptr;
};
std::optional<EditedFile> edited_incident_file(const std::string& root, const Model& previous,
                                               const std::vector<std::string>& changed) {
  namespace fs = std::filesystem;
  const fs::path base = fs::path(root).lexically_normal();
  std::optional<EditedFile> edited;
  for (const auto& path : changed) {
    const fs::path relative = fs::path(path).lexically_normal().lexically_relative(base);
    const std::string text = relative.generic_string();
    if (text.rfind("content/incidents/", 0) != 0) return std::nullopt;
    if (relative.extension() != ".toml") continue;
    if (edited && edited->relative == text) continue;  // the same file, reported again
    if (edited) return std::nullopt;                    // two incidents: the rebuild shows both
    const std::string display = display_path(root, text);
    const auto known = std::find_if(previous.incidents.begin(), previous.incidents.end(),
                                    [&](const Incident& inc) { return inc.path == display; });
    std::error_code ec;
    if (known == previous.incidents.end() || !fs::is_regular_file(fs::path(root) / relative, ec)) return std::nullopt;
    edited = EditedFile{text, &*known};
  }
  return edited;
}

}  // namespace

std::string content_type_for(std::string_view path) {
  const auto dot = path.rfind('.');
  const std::string_view ext = dot == std::string_view::npos ? std::string_view{} : path.substr(dot);
  if (ext == ".html") return "text/html; charset=utf-8";
  if (ext == ".css") return "text/css; charset=utf-8";
  if (ext == ".js") return "text/javascript; charset=utf-8";
  if (ext == ".svg") return "image/svg+xml";
  if (ext == ".atom") return "application/atom+xml; charset=utf-8";
  if (ext == ".rss") return "application/rss+xml; charset=utf-8";
  if (ext == ".ics") return "text/calendar; charset=utf-8";
  if (ext == ".json") return "application/json; charset=utf-8";
  if (ext == ".xml") return "application/xml; charset=utf-8";
  if (ext == ".txt") return "text/plain; charset=utf-8";
  if (ext == ".csv") return "text/csv; charset=utf-8";
  if (ext == ".png") return "image/png";
  if (ext == ".ico") return "image/x-icon";
  return "application/octet-stream";
}

std::optional<std::string> resolve_url_path(std::string_view url_path) {
  // httplib has percent-decoded the path once ("%2e%2e" arrives as "..");
  // nothing decodes it again, so "%252e%252e" stays the name "%2e%2e".
  // The tree is in memory and looked up by name, never on disk; refusing
  // what no output path can be keeps the answer plain (400, not 404).
  if (url_path.empty() || url_path.front() != '/' || !is_valid_utf8(url_path)) return std::nullopt;
  if (std::any_of(url_path.begin(), url_path.end(),
                  [](char c) { return static_cast<unsigned char>(c) < 0x20 || c == 0x7f || c == '\\'; }))
    return std::nullopt;
  std::string path{url_path.substr(1)};
  if (path.empty() || path.back() == '/') path += "index.html";
  if (!is_safe_output_path(path)) return std::nullopt;  // "", "." and ".." segments
  return path;
}

Preview::Preview(std::string root, std::optional<TimePoint> fixed_now, std::optional<std::filesystem::path> load_cache)
    : root_(std::move(root)), fixed_now_(fixed_now), load_cache_file_(std::move(load_cache)) {}

TimePoint Preview::clock() const {
  return fixed_now_.value_or(std::chrono::floor<std::chrono::seconds>(std::chrono::system_clock::now()));
}

std::string Preview::rebuild() { return rebuild_at(clock()); }

bool Preview::show_edited_incident(const std::vector<std::string>& changed, TimePoint now) {
  const auto start = std::chrono::steady_clock::now();
  // The model of the last rebuild, which it left to the next load; only a
  // good one (no errors anywhere) is a base for one incident's pages.
  const Model& previous = load_cache_.previous;
  if (!built_once_ || has_errors()) return false;
  const auto edited = edited_incident_file(root_, previous, changed);
  if (!edited) return false;
  const Incident* old = edited->before;
  const std::string& display = old->path;
  Diagnostics diags(previous.rules);
  const auto text = read_confined_bytes(root_, edited->relative, display, diags);
  if (!text || !check_source_text(*text, display, diags)) return false;
  std::optional<Incident> incident = parse_incident(*text, display, previous.site.time_zone, diags);
  // A new id changes which page exists: the rebuild's (and its unique-id check's).
  if (!incident || diags.has_errors() || incident->id != old->id) return false;
  incident->source_hash = hash_text(*text);
  const Model one = model_of_one_incident(previous, std::move(*incident));
  validate_items(one, now, diags);
  if (diags.has_errors()) return false;
  IncidentPages pages = render_one_incident(one, now, diags);
  if (diags.has_errors()) return false;

  std::lock_guard lock(mutex_);
  // Pages that appear or go (made public, or private) change lists, feeds
  // and the API too: the rebuild shows them together.
  const bool was_public = public_files_.count(urls::file_of(urls::incident(old->id))) > 0;
  if (was_public != !pages.public_files.empty()) return false;
  for (const auto* files : {&pages.public_files, &pages.internal_files})
    for (const auto& f : *files)
      if (!(files == &pages.public_files ? public_files_ : internal_files_).count(f.path)) return false;
  // These bytes were made by no full build: their fingerprints go, so the
  // next good rebuild renders them again instead of reusing them (if the
  // rebuild right after fails, they stay shown under the overlay, and a
  // later revert must not find its old fingerprint and keep them).
  for (auto& f : pages.public_files) {
    fingerprints_.public_pages.erase(f.path);
    public_files_[f.path] = std::move(f.bytes);
  }
  for (auto& f : pages.internal_files) {
    fingerprints_.internal_pages.erase(f.path);
    internal_files_[f.path] = std::move(f.bytes);
  }
  quick_ = {old->id, std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count(),
            pages.public_files.size() + pages.internal_files.size()};
  ++version_;
  changed_.notify_all();
  return true;
}

QuickStats Preview::last_quick() const {
  std::lock_guard lock(mutex_);
  return quick_;
}

std::string Preview::rebuild_at(TimePoint now) {
  const auto start = std::chrono::steady_clock::now();
  RebuildStats stats;
  Diagnostics diags;
  Model model = timed(&stats.phases, "load", [&] {
    if (load_cache_file_) {
      load_cache_ = read_load_cache(*load_cache_file_);  // empty when missing, damaged or another binary's
      load_cache_file_.reset();
    }
    return load_site({root_, 0}, diags, &load_cache_);
  });
  // Every text is kept (LoadOptions::keep_cached_texts): from now on files
  // are compared by stamp and text, as the preview always did.
  load_cache_.texts_by_hash = false;
  timed(&stats.phases, "validate", [&] { validate(model, now, diags); });
  SiteOutputs site;
  if (!diags.has_errors()) site = render_site(model, now, diags, &stats.phases, &fingerprints_, &fragments_);
  diags.sort();
  stats.parsed = load_cache_.parsed;
  for (const auto* files : {&site.public_files, &site.internal_files})
    for (const auto& f : *files) {
      ++stats.files;
      stats.rendered += f.reused ? 0 : 1;
    }

  std::string text;  // what the terminal shows
  nlohmann::json overlay_context{{"summary", summary_line(diags)}, {"diagnostics", nlohmann::json::array()}};
  SourceLines lines(model.sources);
  for (const auto& d : diags.all()) {
    if (d.level != Level::error) continue;
    const std::string one = format_diagnostic(d, lines);
    text += one;
    overlay_context["diagnostics"].push_back({{"text", one}});
  }
  std::string overlay;
  if (diags.has_errors()) {
    TemplateSet overlay_templates;
    overlay_templates.add("overlay", k_overlay_template, "(built in)");
    Diagnostics ignored;
    overlay = overlay_templates.render("overlay", overlay_context, ignored);
  }

  SiteFingerprints next{fingerprints_of(site.public_files), fingerprints_of(site.internal_files)};
  const auto merge_start = std::chrono::steady_clock::now();
  std::lock_guard lock(mutex_);
  if (!diags.has_errors()) {
    public_files_ = to_memory(std::move(site.public_files), public_files_);
    internal_files_ = to_memory(std::move(site.internal_files), internal_files_);
    fingerprints_ = std::move(next);
    built_once_ = true;
  }
  stats.phases.emplace_back(
      "merge", std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - merge_start).count());
  themes_dir_ = model.site.themes_dir;
  stats.ms = std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - start).count();
  stats_ = stats;
  load_cache_.previous = std::move(model);  // the next load moves unchanged items out of it
  overlay_html_ = overlay;
  ++version_;
  changed_.notify_all();
  return text;
}

PreviewResponse Preview::get(std::string_view url_path) const {
  const auto path = resolve_url_path(url_path);
  PreviewResponse r;
  if (!path) {
    r.status = 400;
    r.content_type = "text/plain; charset=utf-8";
    r.body = "sitrep serve: refused path (a '.' or '..' segment, '//', a backslash, a control character or invalid UTF-8)\n";
    return r;
  }
  std::unique_lock lock(mutex_);
  const MemoryTree* tree = &public_files_;
  std::string file = *path;
  const bool internal = file.rfind(k_internal_prefix, 0) == 0;
  if (internal) {
    tree = &internal_files_;
    file = file.substr(k_internal_prefix.size());
    if (file.empty()) file = "index.html";
  }
  auto it = tree->find(file);
  if (it == tree->end() && version_ == 0) {
    lock.unlock();  // a read from disk holds up nobody
    return while_building(file, internal);
  }
  if (it == tree->end()) {
    r.status = 404;
    file = "404.html";
    it = public_files_.find(file);
    if (it == public_files_.end()) {
      r.content_type = "text/html; charset=utf-8";
      r.body = inject("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>sitrep preview</title></head><body></body></html>",
                      overlay_html_, version_);
      if (!built_once_) r.status = 500;
      return r;
    }
  }
  r.content_type = content_type_for(file);
  r.body = r.content_type.rfind("text/html", 0) == 0 ? inject(it->second, overlay_html_, version_) : it->second;
  return r;
}

PreviewResponse Preview::while_building(const std::string& file, bool internal) const {
  PreviewResponse r;
  std::optional<std::string> bytes;
  // Only pages, where the notice says what they are: a feed, calendar or
  // API file from disk could be from another clock or content, and a
  // client (or a test) polling it would take it for the preview's. Those
  // wait for the build (503 with Retry-After), as do the markers a build
  // leaves (.sitrep-output, ...).
  if (file.rfind(".sitrep", 0) != 0 && content_type_for(file).rfind("text/html", 0) == 0) {
    const std::filesystem::path tree = std::filesystem::path(root_) / "site" / (internal ? "internal" : "public");
    if (const ConfinedPath confined = resolve_inside(tree, file); confined.path) {
      Diagnostics ignored;
      std::error_code ec;
      if (std::filesystem::is_regular_file(*confined.path, ec))
        bytes = read_regular_file(*confined.path, file, k_max_last_build_file, ignored);
    }
  }
  if (bytes) {
    r.body = inject(*bytes, k_last_build_notice, 0);
    r.content_type = content_type_for(file);
    return r;
  }
  r.status = 503;
  r.retry_after = 1;
  r.content_type = "text/html; charset=utf-8";
  r.body = inject(k_building_page, "", 0);
  return r;
}

RebuildStats Preview::last_rebuild() const {
  std::lock_guard lock(mutex_);
  return stats_;
}

std::string Preview::last_rebuild_summary() const {
  const RebuildStats s = last_rebuild();
  return std::to_string(s.ms) + " ms: parsed " + std::to_string(s.parsed) + (s.parsed == 1 ? " file" : " files") +
         ", rendered " + std::to_string(s.rendered) + " of " + std::to_string(s.files) + " files";
}

std::string Preview::themes_dir() const {
  std::lock_guard lock(mutex_);
  return themes_dir_;
}

MemoryTree Preview::files(bool internal) const {
  std::lock_guard lock(mutex_);
  return internal ? internal_files_ : public_files_;
}

std::uint64_t Preview::version() const {
  std::lock_guard lock(mutex_);
  return version_;
}

bool Preview::has_errors() const {
  std::lock_guard lock(mutex_);
  return !overlay_html_.empty();
}

std::uint64_t Preview::wait_for_change(std::uint64_t seen, std::chrono::milliseconds timeout) const {
  std::unique_lock lock(mutex_);
  changed_.wait_for(lock, timeout, [&] { return version_ > seen || waits_closed_; });
  return version_;
}

void Preview::close_waits() {
  std::lock_guard lock(mutex_);
  waits_closed_ = true;
  changed_.notify_all();
}

}  // namespace sitrep
