#include "cli/commands.h"

#include <chrono>
#include <ostream>

#include "cli/report.h"
#include "cli/report_ci.h"
#include "load/load_site.h"
#include "render/leak_scan.h"
#include "render/public_view.h"
#include "render/site_build.h"
#include "util/time.h"
#include "write/publish.h"
#include "write/publish_plan.h"
#include "write/tree_guard.h"
#include "validate/validate.h"

namespace sitrep {
namespace {

struct Checked {
  Model model;
  Diagnostics diags;
};

// load -> validate: the part `check` and `build` share.
Checked load_and_validate(const CommonOptions& opts, TimePoint now, std::ostream& err) {
  const auto start = std::chrono::steady_clock::now();
  Checked c;
  c.model = load_site({opts.root, opts.threads}, c.diags);
  validate(c.model, now, c.diags);
  c.diags.sort();
  if (opts.verbose) {
    const auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - start);
    err << "sitrep: loaded " << c.model.incidents.size() << " incidents, " << c.model.maintenance.size()
        << " maintenance windows, " << c.model.postmortems.size() << " postmortems in " << ms.count() << " ms\n";
  }
  return c;
}

}  // namespace

int run_check(const CommonOptions& opts, TimePoint now, std::ostream& out, std::ostream& err) {
  Checked c = load_and_validate(opts, now, err);
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
  // Before anything else: a build that would put internal reports where the
  // public site is uploaded from stops here, whatever the content says.
  if (auto why = unsafe_tree_targets(targets, opts.root)) {
    err << "sitrep build: " << *why << "\n";
    return 1;
  }
  // And before rendering: output folders that are links, files, or hold
  // files sitrep did not write (publish_plan.h); publish_trees asks again.
  std::vector<fs::path> folders;
  if (targets.write_public) folders.push_back(targets.public_dir);
  if (targets.write_internal) folders.push_back(targets.internal_dir);
  if (const PublishPlan plan = plan_publish(folders, opts.root); !plan.refusal.empty()) {
    err << "sitrep build: " << plan.refusal << "\n";
    return 1;
  }

  Checked c = load_and_validate(opts, now, err);
  print_diagnostics_text(err, c.diags, c.model.sources, opts.quiet);
  if (c.diags.has_errors()) {
    err << "sitrep build: " << summary_line(c.diags) << "; nothing was written\n";
    return 1;
  }
  Diagnostics render_diags(c.model.rules);
  auto phase_start = std::chrono::steady_clock::now();
  const auto phase = [&](const char* name) {
    const auto end = std::chrono::steady_clock::now();
    if (opts.verbose)
      err << "sitrep: " << name << " in "
          << std::chrono::duration_cast<std::chrono::milliseconds>(end - phase_start).count() << " ms\n";
    phase_start = end;
  };
  PhaseTimings timings;
  SiteOutputs site = render_site(c.model, now, render_diags, opts.verbose ? &timings : nullptr, nullptr, nullptr,
                                 {targets.write_public, targets.write_internal});
  for (const auto& [name, ms] : timings) err << "sitrep:   " << name << " " << static_cast<long>(ms) << " ms\n";
  phase("rendered");
  // The marker goes first, where the sorted tree has it ('.' sorts first).
  if (targets.write_internal) site.internal_files.insert(site.internal_files.begin(), internal_marker_file());
  // Every tree is complete in memory before any is swapped in; a tree not
  // selected with --only is not touched on disk.
  std::vector<TreeToPublish> trees;
  if (targets.write_public) trees.push_back({targets.public_dir, &site.public_files});
  if (targets.write_internal) trees.push_back({targets.internal_dir, &site.internal_files});
  // The leak scan, before anything is written: a public file holding text of
  // an internal field (a template mistake) stops the build here.
  if (targets.write_public && !render_diags.has_errors())
    scan_for_internal_text(*site.public_view, site.public_files, targets.public_dir.generic_string(),
                           render_diags);
  phase("scanned public files for internal text");
  const bool rendered = !render_diags.has_errors();
  // The result, not the diagnostics, decides: a [rules] level cannot turn a
  // failed write into a success.
  const Published published =
      rendered ? publish_trees(trees, render_diags, {opts.threads, fs::path(opts.root)}) : Published::none;
  phase("wrote the site");
  render_diags.sort();
  print_diagnostics_text(err, render_diags, c.model.sources, opts.quiet);
  if (!rendered || published != Published::all) {
    err << "sitrep build: " << summary_line(render_diags) << (rendered ? " while writing" : " while rendering")
        << (published == Published::some ? "; the trees swapped in before the error are new, the others as they were\n"
                                         : "; the previous site is unchanged\n");
    return 1;
  }
  if (!opts.quiet) {
    const auto files = [](const Outputs& tree, const fs::path& dir) {
      return std::to_string(tree.size()) + " files to " + dir.string();
    };
    out << "sitrep build: wrote ";
    if (targets.write_public && targets.write_internal)
      out << files(site.public_files, targets.public_dir) << " and " << site.internal_files.size() << " to "
          << targets.internal_dir.string() << "\n";
    else if (targets.write_public)
      out << files(site.public_files, targets.public_dir) << " (public only; " << targets.internal_dir.string()
          << " was not built or touched)\n";
    else
      out << files(site.internal_files, targets.internal_dir) << " (internal only; " << targets.public_dir.string()
          << " was not built or touched)\n";
    if (site.next_change)
      out << "sitrep build: next scheduled change of state at " << format_rfc3339_utc(*site.next_change)
          << "; rebuild then\n";
  }
  return 0;
}

}  // namespace sitrep
