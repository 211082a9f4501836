#include "cli/notify_command.h"

#include <CLI/CLI.hpp>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <optional>
#include <nlohmann/json.hpp>
#include <sstream>

#include "cli/changes_commands.h"
#include "cli/report.h"
#include "load/load_site.h"
#include "load/parse.h"
#include "notify/curl_transport.h"
#include "notify/deliver.h"
#include "util/confined_path.h"
#include "util/source_file.h"

namespace sitrep {
namespace {

namespace fs = std::filesystem;

constexpr const char* k_retry_env = "SITREP_NOTIFY_RETRY_BASE_MS";
constexpr const char* k_targets_env = "SITREP_NOTIFY_TARGETS";

// The targets file holds subscriber addresses: personal data that must never
// be published or built from, so it may not live in content/ or site/.
std::string published_folder(const std::string& root, const std::string& targets) {
  for (const char* folder : {"content", "site"})
    if (is_within(targets, fs::path(root) / folder)) return folder;
  return {};
}

bool read_events(const std::string& source, std::vector<ChangeEvent>& events, std::string& error) {
  std::string text;
  if (source == "-") {
    std::ostringstream s;
    s << std::cin.rdbuf();
    text = s.str();
  } else {
    std::ifstream in(source, std::ios::binary);
    if (!in) {
      error = "cannot read " + source;
      return false;
    }
    std::ostringstream s;
    s << in.rdbuf();
    text = s.str();
  }
  const auto doc = nlohmann::json::parse(text, nullptr, false);
  if (doc.is_discarded()) {
    error = (source == "-" ? std::string{"stdin"} : source) + ": not valid JSON";
    return false;
  }
  if (!events_from_json(doc, events, error)) {
    error = (source == "-" ? std::string{"stdin"} : source) + ": " + error;
    return false;
  }
  // The id goes into a header (X-Sitrep-Event-Id) and the ledger's keys.
  for (std::size_t i = 0; i < events.size(); ++i) {
    const std::string& id = events[i].id;
    if (id.empty() ||
        std::any_of(id.begin(), id.end(), [](char c) { return static_cast<unsigned char>(c) < 0x20 || c == 0x7F; })) {
      error = (source == "-" ? std::string{"stdin"} : source) + ": event " + std::to_string(i + 1) +
              ": \"id\" must be non-empty and hold no control characters";
      return false;
    }
  }
  return true;
}

// SITREP_NOTIFY_RETRY_BASE_MS, when set to a whole number of milliseconds.
std::optional<std::chrono::milliseconds> retry_base_from_env() {
  if (const char* v = std::getenv(k_retry_env); v && *v) {
    char* end = nullptr;
    const long ms = std::strtol(v, &end, 10);
    if (end && *end == '\0' && ms >= 0) return std::chrono::milliseconds{ms};
  }
  return std::nullopt;
}

int print_problems(Diagnostics& diags, const SourceMap& sources, std::ostream& err) {
  diags.sort();
  print_diagnostics_text(err, diags, sources, false);
  err << "sitrep notify: " << summary_line(diags) << "; nothing was sent\n";
  return 2;
}

}  // namespace

void add_notify_options(CLI::App& cmd, NotifyOptions& o) {
  CLI::Option* events =
      cmd.add_option("--events", o.events, "Change events: the output of `sitrep changes --format json`, or - for stdin");
  cmd.add_option("--previous", o.previous,
                 "Or compute the events against the published site, like `sitrep changes --previous` (a folder or an "
                 "http(s):// address)")
      ->excludes(events);
  cmd.add_option("--targets", o.targets,
                 "Targets file (TOML, outside content/ and site/; default: $SITREP_NOTIFY_TARGETS)");
  cmd.add_option("--ledger", o.ledger, "What was already delivered; read first, rewritten after each delivery")
      ->capture_default_str();
  cmd.add_flag("--dry-run", o.dry_run, "Print every payload (secrets left out); send nothing, write no ledger");
}

int run_notify(const CommonOptions& c, const NotifyOptions& o, TimePoint now, std::ostream& out, std::ostream& err) {
  if (o.events.empty() && o.previous.empty()) {
    err << "sitrep notify: no events; pass --events FILE (the output of `sitrep changes --format json`) or "
           "--previous DIR_OR_URL\n";
    return 2;
  }
  std::string targets_path = o.targets;
  if (targets_path.empty())
    if (const char* v = std::getenv(k_targets_env)) targets_path = v;
  if (targets_path.empty()) {
    err << "sitrep notify: no targets file; pass --targets FILE or set " << k_targets_env << "\n";
    return 2;
  }
  if (const std::string folder = published_folder(c.root, targets_path); !folder.empty()) {
    err << "sitrep notify: refusing the targets file " << targets_path << ": it is inside " << folder
        << "/, which is published or built from\n"
        << "  hint: subscriber addresses are personal data; keep the file outside the site (e.g. in the CI "
           "job's secrets) and pass --targets or "
        << k_targets_env << "\n";
    return 2;
  }

  // 1. Targets, with their secrets from the environment.
  Diagnostics diags;
  SourceMap sources;
  const auto text = read_source_file(targets_path, targets_path, diags);
  if (!text) return print_problems(diags, sources, err);
  // Its lines are not echoed under diagnostics (no `sources` entry): a line
  // may hold a subscriber's address, and CI logs are read by many.
  const NotifyTargets parsed = parse_targets(*text, targets_path, diags);
  if (diags.has_errors()) return print_problems(diags, sources, err);
  const std::vector<ResolvedTarget> targets = resolve_targets(parsed, process_env(), diags);
  if (diags.has_errors()) return print_problems(diags, sources, err);

  // 2. The site's name and address, for every payload.
  const std::string site_path = display_path(c.root, "content/site.toml");
  const auto site_text = read_confined_file(c.root.empty() ? "." : c.root, "content/site.toml", site_path, diags);
  if (!site_text) return print_problems(diags, sources, err);
  sources.emplace(site_path, *site_text);
  const SiteConfig site_config = parse_site(*site_text, site_path, diags);
  if (diags.has_errors()) return print_problems(diags, sources, err);
  const SiteInfo site{site_config.title, site_config.base_url};

  // 3. Events.
  std::vector<ChangeEvent> events;
  std::string error;
  if (!o.previous.empty()) {
    if (!compute_changes(c, o.previous, now, events, err, "notify")) return 2;
  } else if (!read_events(o.events, events, error)) {
    err << "sitrep notify: " << error << "\n";
    return 2;
  }

  // 4. Deliver. Runs sharing a ledger take turns (a dry run changes nothing).
  LedgerLock lock;
  if (!o.dry_run &&
      !lock.acquire(
          o.ledger, [&] { err << "sitrep notify: waiting for another run using " << o.ledger << "\n"; }, error)) {
    err << "sitrep notify: " << error << "\n";
    return 2;
  }
  Ledger ledger;
  if (!load_ledger(o.ledger, ledger, error)) {
    err << "sitrep notify: ledger " << error << "\n";
    return 2;
  }
  DeliverOptions options;
  options.dry_run = o.dry_run;
  options.quiet = c.quiet;
  options.now = now;
  if (const auto base = retry_base_from_env()) options.retry_base = *base;
  if (!o.dry_run)
    options.save_ledger = [&](const Ledger& l) {
      std::string why;
      if (save_ledger(o.ledger, l, why)) return true;
      err << "sitrep notify: " << why << "; stopping so that nothing is sent twice\n";
      return false;
    };
  CurlTransport transport;
  const DeliverReport report = deliver(events, targets, site, ledger, transport, options, out);
  if (o.dry_run)
    out << "notify: dry run: " << report.previewed << " to send, " << report.skipped << " skipped; nothing was sent\n";
  else if (!c.quiet)
    out << "notify: " << report.delivered << " delivered, " << report.skipped << " skipped, " << report.failed
        << " failed\n";
  return report.failed > 0 || report.ledger_failed ? 1 : 0;
}

}  // namespace sitrep
