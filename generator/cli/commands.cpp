#include "cli/commands.h"

#include <chrono>
#include <future>
#include <memory>
#include <optional>
#include <ostream>
#include <thread>
#include <vector>

#include "cli/public_tree_sink.h"
#include "cli/report.h"
#include "cli/report_ci.h"
#include "load/load_site.h"
#include "render/internal_context.h"
#include "render/leak_scan.h"
#include "render/leak_search_file.h"
#include "render/public_view.h"
#include "render/site_build.h"
#include "util/time.h"
#include "validate/validate.h"
#include "write/export_pieces.h"
#include "write/page_reuse.h"
#include "write/publish.h"
#include "write/publish_plan.h"
#include "write/tree_guard.h"

namespace sitrep {
namespace {

struct Checked {
  Model model;
  Diagnostics diags;
  SiteFollowUps follow_ups;  // made by validate's overdue check; a build's tracker takes it
  // Writes the load cache from `model` while the command goes on with it
  // (both only read it). Declared last, so it is joined (the file complete)
  // before the model is destroyed.
  std::jthread cache_writer;
};

// The loaded site is hundreds of megabytes of small allocations at ten
// thousand incidents: freeing them one by one as a command returns took a
// tenth of a `check` (tests/bench/RESULTS.md), and the process ends right
// after, which returns the memory at once. So a finished command's Checked
// is handed here (its load cache written first) instead of destroyed; it
// stays reachable, so a leak checker does not count it.
void release_at_exit(std::unique_ptr<Checked> c) {
  if (c->cache_writer.joinable()) c->cache_writer.join();
  static auto* const kept = new std::vector<std::unique_ptr<Checked>>;
  kept->push_back(std::move(c));
}

// Holds a command's Checked and releases it at exit (release_at_exit).
struct CheckedForExit {
  std::unique_ptr<Checked> checked = std::make_unique<Checked>();
  CheckedForExit() = default;
  CheckedForExit(const CheckedForExit&) = delete;
  CheckedForExit& operator=(const CheckedForExit&) = delete;
  ~CheckedForExit() { release_at_exit(std::move(checked)); }
};

// Content files the cache has a record of.
std::size_t recorded_files(const LoadCache& cache) {
  return cache.incidents.size() + cache.maintenance.size() + cache.postmortems.size();
}

// load -> validate: the part `check` and `build` share. Fills `c` in place:
// the cache writer keeps a reference to c.model.
void load_and_validate(Checked& c, const CommonOptions& opts, TimePoint now, std::ostream& err) {
  const auto start = std::chrono::steady_clock::now();
  const auto cache_file = load_cache_file(opts.root, opts.cache);
  LoadCache cache = cache_file ? read_load_cache(*cache_file, opts.threads) : LoadCache{};
  const std::size_t cached_files = recorded_files(cache);
  LoadOptions load_options{opts.root, opts.threads};
  // Texts are needed only for the lines of diagnostics: a file from the
  // cache is read back when one names it (read_sources_of).
  load_options.keep_cached_texts = false;
  c.model = load_site(load_options, c.diags, cache_file ? &cache : nullptr);
  const std::size_t files = recorded_files(cache);
  const std::size_t parsed = cache.parsed, read = cache.read;
  // Rewritten only when it no longer matches the files: a run on an
  // unchanged site writes nothing.
  if (cache_file && (parsed > 0 || files != cached_files))
    c.cache_writer = std::jthread([file = *cache_file, records = std::move(cache), &model = c.model] {
      write_load_cache(file, records, model);
    });
  validate(c.model, now, c.diags, c.follow_ups);
  c.diags.sort();
  read_sources_of(c.model, c.diags);
  if (opts.verbose) {
    const auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - start);
    err << "sitrep: loaded " << c.model.incidents.size() << " incidents, " << c.model.maintenance.size()
        << " maintenance windows, " << c.model.postmortems.size() << " postmortems in " << ms.count() << " ms\n";
    if (cache_file)
      err << "sitrep: parsed " << parsed << " of " << files << " content files, the rest from the load cache "
          << cache_file->string() << " (read " << read
          << " to compare with it; the others are unchanged since it was made)\n";
    else
      err << "sitrep: load cache off, parsed every file\n";
  }
}

}  // namespace

int run_check(const CommonOptions& opts, TimePoint now, std::ostream& out, std::ostream& err) {
  const CheckedForExit checked;
  Checked& c = *checked.checked;
  load_and_validate(c, opts, now, err);
  if (opts.format == "json") {
    print_diagnostics_json(out, c.diags);
  } else if (opts.format == "github" || opts.format == "sarif" || opts.format == "gitlab") {
    // The report on stdout (a log to read or a file to upload), the summary
    // on stderr for the person reading the CI log.
    if (opts.format == "github") print_diagnostics_github(out, c.diags, opts.quiet);
    if (opts.format == "sarif") print_diagnostics_sarif(out, c.diags, SITREP_VERSION);
    if (opts.format == "gitlab") print_diagnostics_gitlab(out, c.diags);
    if (!opts.quiet || c.diags.has_errors()) err << "sitrep check: " << summary_line(c.diags) << "\n";
  } else {
    print_diagnostics_text(err, c.diags, c.model.sources, opts.quiet);
    if (!opts.quiet || c.diags.has_errors()) err << "sitrep check: " << summary_line(c.diags) << "\n";
  }
  return c.diags.has_errors() ? 1 : 0;
}

int run_build(const CommonOptions& opts, const BuildOptions& build, TimePoint now, std::ostream& out,
              std::ostream& err) {
  namespace fs = std::filesystem;
  // The default reads "site", not "./site", in messages when --root is ".".
  const fs::path out_dir = opts.out.empty() ? (fs::path(opts.root) / "site").lexically_normal() : fs::path(opts.out);
  TreeTargets targets;
  targets.public_dir = build.public_dir.empty() ? out_dir / "public" : fs::path(build.public_dir);
  targets.internal_dir = build.internal_dir.empty() ? out_dir / "internal" : fs::path(build.internal_dir);
  targets.write_public = build.only != "internal";
  targets.write_internal = build.only != "public";
  // Before anything is rendered or written: a build that would put internal
  // reports where the public site is uploaded from stops, whatever the
  // content says; so does one into output folders that are links, files, or
  // hold files sitrep did not write (publish_plan.h; publish_trees asks
  // again). Asked beside the load, which only reads: the first question
  // walks the whole public tree for internal markers (40-55 ms at 10 000
  // incidents), time the load's threads leave free. A refusal is still all
  // the build says, before any of the content's diagnostics.
  std::optional<std::string> refusal;
  std::jthread targets_judge([&] {
    if (auto why = unsafe_tree_targets(targets, opts.root)) {
      refusal = std::move(why);
      return;
    }
    std::vector<fs::path> folders;
    if (targets.write_public) folders.push_back(targets.public_dir);
    if (targets.write_internal) folders.push_back(targets.internal_dir);
    if (PublishPlan plan = plan_publish(folders, opts.root); !plan.refusal.empty()) refusal = std::move(plan.refusal);
  });

  // The exports' pieces of incidents unchanged since the last build are
  // taken from it, not made again (write/export_pieces.h): read while the
  // content loads.
  FragmentCache export_pieces;
  std::size_t pieces_read = 0;
  const auto pieces_file = targets.write_internal ? export_pieces_file(opts.root, opts.cache) : std::nullopt;
  std::jthread pieces_reader;
  if (pieces_file)
    pieces_reader = std::jthread([&] { pieces_read = read_export_pieces(*pieces_file, export_pieces); });

  const CheckedForExit checked;
  Checked& c = *checked.checked;
  load_and_validate(c, opts, now, err);
  targets_judge.join();
  if (refusal) {
    err << "sitrep build: " << *refusal << "\n";
    return 1;
  }
  print_diagnostics_text(err, c.diags, c.model.sources, opts.quiet);
  if (c.diags.has_errors()) {
    err << "sitrep build: " << summary_line(c.diags) << "; nothing was written\n";
    return 1;
  }
  // The internal figures (metrics, follow-ups, compliance, statistics)
  // need only the model and the clock: made from here, beside the opening
  // of the staging trees, whose file system calls leave a core half idle.
  std::future<InternalFigures> internal_figures;
  if (targets.write_public && targets.write_internal)
    internal_figures = std::async(std::launch::async,
                                  [&] { return make_internal_figures(c.model, now, std::move(c.follow_ups)); });
  Diagnostics render_diags(c.model.rules);
  auto phase_start = std::chrono::steady_clock::now();
  const auto phase = [&](const char* name) {
    const auto end = std::chrono::steady_clock::now();
    if (opts.verbose)
      err << "sitrep: " << name << " in "
          << std::chrono::duration_cast<std::chrono::milliseconds>(end - phase_start).count() << " ms\n";
    phase_start = end;
  };
  // Pages are written into the staging folders as they are rendered, so the
  // site is never whole in memory; nothing published changes until
  // finish() swaps every tree in, and an error anywhere discards it all.
  std::vector<fs::path> tree_dirs;
  if (targets.write_public) tree_dirs.push_back(targets.public_dir);
  if (targets.write_internal) tree_dirs.push_back(targets.internal_dir);
  const std::size_t public_tree = 0, internal_tree = targets.write_public ? 1 : 0;
  Publisher publisher(tree_dirs, render_diags, {opts.threads, fs::path(opts.root)});
  // The marker goes first: a staging tree is sitrep's from its first file.
  const bool opened = publisher.open();
  if (opened && targets.write_internal) publisher.write(internal_tree, {internal_marker_file()});
  // Pages the last build published and nobody changed since are linked, not
  // rendered, when nothing they are made from changed (write/page_reuse.h).
  // Read under the publisher's lock: no other build changes them meanwhile.
  const auto reuse_file = page_reuse_file(opts.root, opts.cache);
  PageReuseRecord reuse_record;
  SiteFingerprints unchanged;
  if (reuse_file && opened) {
    reuse_record = read_page_reuse(*reuse_file);
    // Their inodes too: a spare staging folder keeps the files that are
    // still those very pages (write/spare_tree.h).
    const auto unchanged_in = [&](const fs::path& target, std::size_t tree) {
      InodesByPath inodes;
      PageFingerprints pages = still_published(reuse_record, target, opts.threads, &inodes);
      publisher.expect_published(tree, std::move(inodes));
      return pages;
    };
    if (targets.write_public) unchanged.public_pages = unchanged_in(targets.public_dir, public_tree);
    if (targets.write_internal) unchanged.internal_pages = unchanged_in(targets.internal_dir, internal_tree);
  }
  if (pieces_reader.joinable()) pieces_reader.join();
  phase("opened the staging trees and found which pages are still published");
  PublishedTree internal_pages{targets.internal_dir, {}, {}, {}};
  std::size_t linked_internal = 0;
  std::size_t internal_count = targets.write_internal ? 1 : 0;
  PhaseTimings timings;
  PhaseTimings* timings_wanted = opts.verbose ? &timings : nullptr;
  // A render error, a leak or a failed write ends the writing; the render
  // goes on to report every diagnostic.
  const auto writing = [&] { return !publisher.failed() && !render_diags.has_errors(); };
  // The leak scan reads every public batch before it is written and reports
  // once the public tree is complete, before the internal tree is rendered:
  // an error there discards everything staged.
  PublicTreeSink::Setup public_setup{publisher, public_tree, targets.public_dir,
                                     leak_memo_of(reuse_record, targets.public_dir), reuse_file.has_value(),
                                     opts.threads, writing};
  public_setup.search_file = leak_search_file(opts.root, opts.cache);
  PublicTreeSink public_sink(std::move(public_setup), render_diags);
  SiteSinks sinks;
  if (targets.write_public) {
    sinks.public_view_ready = [&](std::shared_ptr<const PublicView> view) { public_sink.view_ready(std::move(view)); };
    sinks.public_tree = [&](Outputs&& files, const PublicView& view) { public_sink.take(std::move(files), view); };
    sinks.public_tree_done = [&] { public_sink.done(); };
  }
  double internal_write_ms = 0;
  const auto add_ms = [](double& total, auto&& work) {
    const auto start = std::chrono::steady_clock::now();
    work();
    total += std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
  };
  if (internal_figures.valid()) sinks.internal_figures = [&] { return internal_figures.get(); };
  sinks.internal_tree = [&](Outputs&& files) {
    if (!targets.write_internal || !writing()) return;
    internal_count += files.size();
    note_pages(files, internal_pages, linked_internal);
    add_ms(internal_write_ms, [&] { publisher.write(internal_tree, files); });
  };
  SiteOutputs site = render_site(c.model, now, render_diags, timings_wanted, reuse_file ? &unchanged : nullptr,
                                 pieces_file && reuse_file ? &export_pieces : nullptr,
                                 {targets.write_public, targets.write_internal}, &sinks);
  // Written beside the swap: a piece is right whether the build is
  // published or not, but a render that stopped early made only some.
  std::jthread pieces_writer;
  if (pieces_file && reuse_file && !render_diags.has_errors() && !publisher.failed()) {
    if (opts.verbose)
      err << "sitrep: took " << export_pieces.kept() << " of the exports' per-incident pieces from the last build and made "
          << export_pieces.made() << ", and " << export_pieces.made_passing()
          << " of incidents not settled yet, not kept (" << pieces_file->string() << ")\n";
    if (export_pieces.made() > 0 || export_pieces.kept() != pieces_read)
      pieces_writer = std::jthread([&] { write_export_pieces(*pieces_file, export_pieces); });
    else
      mark_cache_used(*pieces_file);  // the same pieces: in use, so pruning keeps it
  }
  if (opts.verbose) {
    // Inside the phases above: each batch is scanned and written as it is rendered.
    if (targets.write_public) public_sink.add_timings(timings);
    if (targets.write_internal) timings.emplace_back("(of which) wrote internal files (the exports made as they are written)", internal_write_ms);
  }
  for (const auto& [name, ms] : timings) err << "sitrep:   " << name << " " << static_cast<long>(ms) << " ms\n";
  phase("rendered");
  // The result, not the diagnostics, decides: a [rules] level cannot turn a
  // failed write into a success.
  const bool write_failed = publisher.failed();
  const bool rendered = write_failed || !render_diags.has_errors();
  if (!rendered) publisher.discard();
  const Published published = rendered && !write_failed ? publisher.finish() : Published::none;
  phase("swapped the new site in");
  if (reuse_file && published == Published::all) {
    // A build that said anything while rendering (a warning: a leak or a
    // template problem set to warn in [rules]) records no page, so the next
    // build renders them all and says it again; a page linked instead would
    // drop the warning.
    if (!render_diags.all().empty()) {
      public_sink.pages() = {targets.public_dir, {}, {}, {}};
      internal_pages = {targets.internal_dir, {}, {}, {}};
    }
    std::vector<PublishedTree> trees;
    if (targets.write_public) trees.push_back(std::move(public_sink.pages()));
    if (targets.write_internal) trees.push_back(std::move(internal_pages));
    for (std::size_t t = 0; t < trees.size(); ++t) trees[t].untouched = publisher.take_kept_paths(t);
    write_page_reuse(*reuse_file, reuse_record, trees, opts.threads);
    if (opts.verbose)
      err << "sitrep: linked " << public_sink.linked() + linked_internal
          << " unchanged pages from the last build instead of rendering them (" << public_sink.linked() << " public, "
          << linked_internal << " internal; " << reuse_file->string() << ")\n"
          << "sitrep: scanned " << public_sink.read_back() << " linked public pages for internal text again (the scan's texts changed)\n"
          << "sitrep: of them, " << publisher.kept()
          << " were in the staging folder already, kept from the tree the build before swapped out\n";
    phase("recorded the pages for the next build");
  }
  render_diags.sort();
  read_sources_of(c.model, render_diags);
  print_diagnostics_text(err, render_diags, c.model.sources, opts.quiet);
  if (!rendered || published != Published::all) {
    err << "sitrep build: " << summary_line(render_diags) << (rendered ? " while writing" : " while rendering")
        << (published == Published::some ? "; the trees swapped in before the error are new, the others as they were\n"
                                         : "; the previous site is unchanged\n");
    return 1;
  }
  if (!opts.quiet) {
    const auto files = [](std::size_t count, const fs::path& dir) {
      return std::to_string(count) + " files to " + dir.string();
    };
    out << "sitrep build: wrote ";
    if (targets.write_public && targets.write_internal)
      out << files(public_sink.files(), targets.public_dir) << " and " << internal_count << " to "
          << targets.internal_dir.string() << "\n";
    else if (targets.write_public)
      out << files(public_sink.files(), targets.public_dir) << " (public only; " << targets.internal_dir.string()
          << " was not built or touched)\n";
    else
      out << files(internal_count, targets.internal_dir) << " (internal only; " << targets.public_dir.string()
          << " was not built or touched)\n";
    if (site.next_change)
      out << "sitrep build: next scheduled change of state at " << format_rfc3339_utc(*site.next_change)
          << "; rebuild then\n";
  }
  return 0;
}

}  // namespace sitrep
