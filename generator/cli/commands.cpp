#include "cli/commands.h"

#include <chrono>
#include <ostream>

#include "cli/report.h"
#include "cli/report_ci.h"
#include "load/load_site.h"
#include "render/site_build.h"
#include "util/time.h"
#include "write/publish.h"
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

int run_build(const CommonOptions& opts, TimePoint now, std::ostream& out, std::ostream& err) {
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
  SiteOutputs site = render_site(c.model, now, render_diags, opts.verbose ? &timings : nullptr);
  for (const auto& [name, ms] : timings) err << "sitrep:   " << name << " " << static_cast<long>(ms) << " ms\n";
  phase("rendered");
  const std::filesystem::path out_dir = opts.out.empty() ? std::filesystem::path(opts.root) / "site" : std::filesystem::path(opts.out);
  // Both trees are complete in memory before either is swapped in.
  if (!render_diags.has_errors())
    publish_trees({{out_dir / "public", &site.public_files}, {out_dir / "internal", &site.internal_files}},
                  render_diags, opts.threads);
  phase("wrote site/public and site/internal");
  render_diags.sort();
  print_diagnostics_text(err, render_diags, c.model.sources, opts.quiet);
  if (render_diags.has_errors()) {
    err << "sitrep build: " << summary_line(render_diags) << " while rendering; the previous site is unchanged\n";
    return 1;
  }
  if (!opts.quiet) {
    out << "sitrep build: wrote " << site.public_files.size() << " files to " << (out_dir / "public").string()
        << " and " << site.internal_files.size() << " to " << (out_dir / "internal").string() << "\n";
    if (site.next_change)
      out << "sitrep build: next scheduled change of state at " << format_rfc3339_utc(*site.next_change)
          << "; rebuild then\n";
  }
  return 0;
}

}  // namespace sitrep
