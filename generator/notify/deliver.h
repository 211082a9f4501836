#pragma once
// Sends every event to every target that wants it, at most once per
// (event, target): the ledger is read first and saved after each success.
#include <chrono>
#include <functional>
#include <iosfwd>
#include <vector>

#include "changes/events.h"
#include "notify/ledger.h"
#include "notify/resolved_target.h"
#include "notify/transport.h"
#include "util/time.h"

namespace sitrep {

struct DeliverOptions {
  int max_attempts = 4;
  // Waits base, 2*base, 4*base ... between attempts (SITREP_NOTIFY_RETRY_BASE_MS).
  std::chrono::milliseconds retry_base{1000};
  bool dry_run = false;                                  // print the payloads, send nothing, save nothing
  bool quiet = false;                                    // log failures only
  TimePoint now{};                                       // the ledger's delivery times; dates e-mails without `at`
  std::function<void(std::chrono::milliseconds)> sleep;  // default: this thread sleeps
  // Called after each successful delivery with the updated ledger; false
  // stops delivery (an unsaved success could be sent twice).
  std::function<bool(const Ledger&)> save_ledger;
};

struct DeliverReport {
  int delivered = 0;
  int skipped = 0;  // already in the ledger
  int failed = 0;
  int previewed = 0;  // --dry-run: payloads printed
  bool ledger_failed = false;
};

// The wait before attempt `attempt` (2, 3, ...): base * 2^(attempt-2), or
// the receiver's Retry-After when that is longer (at most a minute).
std::chrono::milliseconds retry_delay(std::chrono::milliseconds base, int attempt,
                                      std::chrono::seconds retry_after = std::chrono::seconds{0});

// One line per (event, target) on `log`: "notify: <id> -> <target>: delivered
// (attempt 2)", "... skipped (delivered 2026-...)", "... failed after 4 attempts: HTTP 503".
// Dry-run prints each payload on `log` instead of sending it.
DeliverReport deliver(const std::vector<ChangeEvent>& events, const std::vector<ResolvedTarget>& targets,
                      const SiteInfo& site, Ledger& ledger, Transport& transport, const DeliverOptions& options,
                      std::ostream& log);

}  // namespace sitrep
