#include "cli/app.h"

#include <CLI/CLI.hpp>

#include <cerrno>
#include <cstdlib>
#include <filesystem>
#include <iostream>

#include "author/time_option.h"
#include "cli/author_commands.h"
#include "cli/changes_commands.h"
#include "cli/commands.h"
#include "cli/notify_command.h"
#include "cli/options.h"
#include "serve/server.h"
#include "util/did_you_mean.h"
#include "util/source_file.h"
#include "load/load_site.h"
#include "load/parse.h"

namespace sitrep {

std::optional<TimePoint> resolve_now(const std::string& now_text, const char* source_date_epoch) {
  if (!now_text.empty()) return parse_rfc3339(now_text);
  if (source_date_epoch && *source_date_epoch) {
    char* end = nullptr;
    errno = 0;
    const long long secs = std::strtoll(source_date_epoch, &end, 10);
    // An overflowing value is ERANGE (strtoll clamps it): refused, not clamped.
    if (end && *end == '\0' && errno == 0 && secs >= 0) return TimePoint{std::chrono::seconds{secs}};
    return std::nullopt;
  }
  return std::chrono::floor<std::chrono::seconds>(std::chrono::system_clock::now());
}

bool clock_in_range(TimePoint now) {
  using namespace std::chrono;
  return now >= sys_days{year{1970} / January / 1} && now < sys_days{year{2200} / January / 1};
}

TimeZone site_time_zone(const std::string& root) {
  Diagnostics ignored;  // a broken site.toml is reported by the command itself
  const std::string path = display_path(root, "content/site.toml");
  if (auto text = read_confined_file(root.empty() ? "." : root, "content/site.toml", path, ignored))
    if (TimeZone zone = parse_site(*text, path, ignored).time_zone) return zone;
  return utc_zone();
}

namespace {

const std::vector<std::string> k_commands = {"check",   "build",   "serve",   "new",     "comms",       "ack",
                                             "mitigate", "resolve", "reopen", "changes", "next-change", "notify"};

// check and build: where parsed files are kept between runs.
void add_cache_options(CLI::App& cmd, CommonOptions& o) {
  cmd.add_option("--cache-dir", o.cache.dir,
                 "Folder of the load cache (default: $XDG_CACHE_HOME/sitrep, else ~/.cache/sitrep)");
  cmd.add_flag("--no-cache", o.cache.off, "Parse every file; neither read nor write the load cache");
}

void add_common(CLI::App& cmd, CommonOptions& o) {
  cmd.add_option("--root", o.root, "Site root holding content/, schemas/ and themes/")->capture_default_str();
  cmd.add_option("--now", o.now_text,
                 "Clock for the run: RFC 3339 or a local time in the site's zone (default: SOURCE_DATE_EPOCH or the "
                 "real clock)");
  cmd.add_flag("-q,--quiet", o.quiet, "Print errors only");
  cmd.add_flag("-v,--verbose", o.verbose, "Print what was loaded and how long it took");
  cmd.add_option("-j,--threads", o.threads, "Worker threads (default: all cores)");
}

}  // namespace

int run_cli(int argc, char** argv, std::ostream& out, std::ostream& err) {
  CLI::App app{"sitrep: static status pages and postmortems from TOML and Markdown"};
  app.name("sitrep");
  app.require_subcommand(1);
  CommonOptions opts;

  CLI::App* check = app.add_subcommand("check", "Validate content against the policy schemas");
  add_common(*check, opts);
  add_cache_options(*check, opts);
  check->add_option("--format", opts.format,
                    "Output format: text, json, or for CI github (workflow commands), sarif (SARIF 2.1.0), "
                    "gitlab (Code Quality report)")
      ->check(CLI::IsMember({"text", "json", "github", "sarif", "gitlab"}))
      ->capture_default_str();

  CLI::App* build = app.add_subcommand("build", "Validate, then write site/public and site/internal");
  add_common(*build, opts);
  add_cache_options(*build, opts);
  build->add_option("--out", opts.out, "Output folder (default: <root>/site)");
  BuildOptions bo;
  build->add_option("--only", bo.only, "Render and write one tree only: public or internal (default: both)")
      ->check(CLI::IsMember({"public", "internal"}));
  build->add_option("--public-dir", bo.public_dir, "Folder of the public site (default: <out>/public)");
  build->add_option("--internal-dir", bo.internal_dir, "Folder of the internal reports (default: <out>/internal)");

  CLI::App* serve_cmd = app.add_subcommand("serve", "Preview: build into memory, serve on 127.0.0.1, rebuild on change");
  add_common(*serve_cmd, opts);
  add_cache_options(*serve_cmd, opts);  // read for the first build; check and build write it
  int port = 0;
  std::string bind = "127.0.0.1";
  serve_cmd->add_option("--port", port, "Port (default: 1313 or the next free one)")->check(CLI::Range(1, 65535));
  serve_cmd->add_option("--bind", bind, "Address to listen on (default 127.0.0.1)")->capture_default_str();

  // Authoring: scaffold content files that pass `check` as written.
  AuthorOptions ao;
  CLI::App* new_cmd = app.add_subcommand("new", "Create an incident, update, maintenance or postmortem file");
  new_cmd->require_subcommand(1);

  CLI::App* new_incident = new_cmd->add_subcommand("incident", "Declare an incident: a new file with its first update");
  add_common(*new_incident, opts);
  new_incident->add_option("--title", ao.title, "Title shown to customers")->required();
  new_incident->add_option("--severity", ao.severity, "Severity level id or alias (SEV2, P2, ...)")->required();
  new_incident->add_option("--components", ao.components, "Affected component ids, comma-separated")
      ->delimiter(',');
  new_incident->add_option("--component", ao.set_components,
                           "A component and what it shows, ID=STATUS (repeatable; adds it to the incident)");
  new_incident->add_option("--started-at", ao.started_at,
                           "When impact began: local time in the site's zone (2026-11-26T02:48 or 02:48) or RFC 3339 "
                           "(default: --detected-at, else now)");
  new_incident->add_option("--detected-at", ao.detected_at, "When it was noticed (default: --started-at, else now)");
  new_incident->add_option("--by", ao.by, "Who declares it, for the timeline (default: the commander)");
  new_incident->add_option("--type", ao.type, "Incident type (default: the schema's first)");
  new_incident->add_option("--commander", ao.commander, "Incident commander");
  new_incident->add_option("--scribe", ao.scribe, "Scribe");
  new_incident->add_option("--comms", ao.comms, "Communications owner");
  new_incident->add_option("--role", ao.roles, "Any other role, ROLE=NAME (repeatable)");
  new_incident->add_option("--message", ao.message, "First update's message (default: the investigating template)");
  new_incident->add_flag("--internal", ao.internal, "Keep the incident off the public site (public = false)");
  new_incident->add_flag("--dry-run", ao.dry_run, "Print the file instead of writing it");

  // Options every step of a running incident takes.
  const auto add_step_options = [&](CLI::App& cmd, const char* message_help) {
    add_common(cmd, opts);
    cmd.add_option("incident", ao.incident, "Incident id, `latest`, or the incident's file")->required();
    cmd.add_option("--at", ao.at,
                   "When it happened: local time in the site's zone (2026-11-26T03:12 or 03:12) or RFC 3339 "
                   "(default: now)");
    cmd.add_option("--by", ao.by, "Who did it: the owner of the timeline entry");
    cmd.add_option("--message", ao.message, message_help);
    cmd.add_option("--component", ao.set_components,
                   "What a component shows now, ID=STATUS (repeatable; a component not yet affected joins the "
                   "incident)");
    cmd.add_option("--commander", ao.commander, "Name the incident commander");
    cmd.add_option("--scribe", ao.scribe, "Name the scribe");
    cmd.add_option("--comms", ao.comms, "Name the communications owner");
    cmd.add_option("--role", ao.roles, "Name any other role, ROLE=NAME (repeatable)");
    cmd.add_flag("--dry-run", ao.dry_run, "Print the new file instead of writing it");
  };
  CLI::App* new_update = new_cmd->add_subcommand("update", "Append a status update to an incident's file");
  add_step_options(*new_update, "Message for customers (default: the status's template)");
  new_update->add_option("--status", ao.status, "investigating|identified|monitoring|resolved or a schema alias")
      ->required();

  CLI::App* ack = app.add_subcommand("ack", "Record that the incident was acknowledged (acknowledged_at)");
  add_step_options(*ack, "Message for customers, with --status (default: the status's template)");
  ack->add_option("--status", ao.status, "Also post a public update with this status");
  CLI::App* mitigate =
      app.add_subcommand("mitigate", "Record the mitigation (mitigated_at) and post a 'monitoring' update");
  add_step_options(*mitigate, "Message for customers (default: the monitoring template)");
  mitigate->add_option("--status", ao.status, "The update's status (default: monitoring)");
  CLI::App* resolve = app.add_subcommand("resolve", "Resolve the incident (resolved_at) with a 'resolved' update");
  add_step_options(*resolve, "Message for customers (default: the resolved template)");
  CLI::App* reopen =
      app.add_subcommand("reopen", "Reopen a resolved incident: resolved_at is removed, an update is posted");
  add_step_options(*reopen, "Message for customers (default: the status's template)");
  reopen->add_option("--status", ao.status, "The update's status (default: investigating)");

  CLI::App* new_maint = new_cmd->add_subcommand("maintenance", "Schedule a maintenance window");
  add_common(*new_maint, opts);
  new_maint->add_option("--title", ao.title, "Title shown to customers")->required();
  new_maint->add_option("--components", ao.components, "Component ids, comma-separated")->required()->delimiter(',');
  new_maint->add_option("--start", ao.start, "Start, RFC 3339 (2026-12-05T22:00:00-08:00)")->required();
  new_maint->add_option("--end", ao.end, "End, RFC 3339")->required();
  new_maint->add_option("--message", ao.message, "Description for customers (default: the window)");
  new_maint->add_flag("--internal", ao.internal, "Keep it off the public site (public = false)");
  new_maint->add_flag("--dry-run", ao.dry_run, "Print the file instead of writing it");

  CLI::App* new_pm = new_cmd->add_subcommand("postmortem", "Start a postmortem from the incident and its template");
  add_common(*new_pm, opts);
  new_pm->add_option("incident", ao.incident, "Incident id, `latest`, or the incident's file")->required();
  new_pm->add_flag("--dry-run", ao.dry_run, "Print the file instead of writing it");

  CLI::App* comms = app.add_subcommand("comms", "Print an incident's status for a channel, ready to paste");
  add_common(*comms, opts);
  comms->add_option("incident", ao.incident, "Incident id, `latest`, or the incident's file")->required();
  comms->add_option("--format", ao.comms_format,
                    "chat: the internal Status/Severity/Impact/Action/Next update/Owner lines; for customers "
                    "(public incidents only, public fields only): email, short (<= 280 characters with the link), "
                    "slack (Slack/Teams Markdown), json")
      ->check(CLI::IsMember({"chat", "email", "short", "slack", "json"}))
      ->capture_default_str();

  // Publishing from CI: what changed since the last publish, and when to run next.
  ChangesOptions co;
  CLI::App* changes_cmd =
      app.add_subcommand("changes", "List what changed since the previously published site (events for notify)");
  add_common(*changes_cmd, opts);
  add_changes_options(*changes_cmd, co);
  CLI::App* next_change_cmd =
      app.add_subcommand("next-change", "Print when the public site next changes by the clock (RFC 3339 and cron)");
  add_common(*next_change_cmd, opts);
  add_next_change_options(*next_change_cmd, co);
  NotifyOptions no;
  CLI::App* notify = app.add_subcommand("notify", "Deliver change events to subscribers (webhook, Slack, Discord, "
                                                  "Teams, e-mail), each at most once per target");
  add_common(*notify, opts);
  add_notify_options(*notify, no);

  // A near-miss subcommand gets a suggestion instead of CLI11's generic error.
  if (argc > 1 && argv[1][0] != '-') {
    const std::string word = argv[1];
    if (std::find(k_commands.begin(), k_commands.end(), word) == k_commands.end()) {
      err << "sitrep: unknown command '" << word << "'";
      if (auto hint = did_you_mean(word, k_commands); !hint.empty()) err << "; " << hint;
      err << "\nRun 'sitrep --help' for the list of commands.\n";
      return 2;
    }
  }
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    const int code = app.exit(e, out, err);
    return code == 0 ? 0 : 2;
  }
  auto now = resolve_now(opts.now_text, std::getenv("SOURCE_DATE_EPOCH"));
  // A local --now is read in the site's zone, as the files are.
  std::optional<LocalTimeProblem> now_problem;
  if (!now && !opts.now_text.empty())
    now = parse_time_option(opts.now_text, site_time_zone(opts.root), std::nullopt, &now_problem);
  if (!now && now_problem) {
    err << "sitrep: --now: " << now_problem->message << "\n  hint: " << now_problem->hint << "\n";
    return 2;
  }
  if (!now) {
    err << "sitrep: cannot read the time '" << (opts.now_text.empty() ? "SOURCE_DATE_EPOCH" : opts.now_text)
        << "'; " << k_time_forms << "\n";
    return 2;
  }
  // Years 1970-2199: before 1970 nothing was on a status page and
  // SOURCE_DATE_EPOCH cannot say it; far ahead, every day and month from
  // the content to the clock becomes a page (year 9999: gigabytes).
  if (!clock_in_range(*now)) {
    err << "sitrep: the clock " << (opts.now_text.empty() ? "from SOURCE_DATE_EPOCH" : "--now")
        << " is outside the years 1970-2199\n  hint: give a time such as 2026-05-01T00:00:00Z\n";
    return 2;
  }
  if (check->parsed()) return run_check(opts, *now, out, err);
  if (build->parsed()) return run_build(opts, bo, *now, out, err);
  if (new_incident->parsed()) return run_new_incident(opts, ao, *now, out, err);
  if (new_update->parsed()) return run_step(opts, ao, Step::update, *now, out, err);
  if (ack->parsed()) return run_step(opts, ao, Step::acknowledge, *now, out, err);
  if (mitigate->parsed()) return run_step(opts, ao, Step::mitigate, *now, out, err);
  if (resolve->parsed()) return run_step(opts, ao, Step::resolve, *now, out, err);
  if (reopen->parsed()) return run_step(opts, ao, Step::reopen, *now, out, err);
  if (new_maint->parsed()) return run_new_maintenance(opts, ao, *now, out, err);
  if (new_pm->parsed()) return run_new_postmortem(opts, ao, *now, out, err);
  if (comms->parsed()) return run_comms(opts, ao, *now, out, err);
  if (changes_cmd->parsed()) return run_changes(opts, co, *now, out, err);
  if (next_change_cmd->parsed()) return run_next_change(opts, co, *now, out, err);
  if (notify->parsed()) return run_notify(opts, no, *now, out, err);
  if (serve_cmd->parsed()) {
    ServeOptions so;
    so.root = opts.root;
    so.bind = bind;
    so.port = port;
    so.quiet = opts.quiet;
    so.verbose = opts.verbose;
    so.cache = opts.cache;
    // Without --now the preview follows the real clock on every rebuild.
    if (!opts.now_text.empty() || std::getenv("SOURCE_DATE_EPOCH")) so.fixed_now = *now;
    return serve(so, out, err);
  }
  return 2;
}

}  // namespace sitrep
