#include "notify/deliver.h"

#include <ostream>
#include <thread>

#include "notify/outgoing.h"

namespace sitrep {
namespace {

std::string attempts_text(int n) { return std::to_string(n) + (n == 1 ? " attempt" : " attempts"); }

}  // namespace

std::chrono::milliseconds retry_delay(std::chrono::milliseconds base, int attempt, std::chrono::seconds retry_after) {
  constexpr std::chrono::milliseconds k_max_retry_after{60'000};
  const int doublings = std::max(0, std::min(attempt - 2, 20));
  const std::chrono::milliseconds backoff = base * (1LL << doublings);
  return std::max(backoff, std::min<std::chrono::milliseconds>(retry_after, k_max_retry_after));
}

DeliverReport deliver(const std::vector<ChangeEvent>& events, const std::vector<ResolvedTarget>& targets,
                      const SiteInfo& site, Ledger& ledger, Transport& transport, const DeliverOptions& options,
                      std::ostream& log) {
  DeliverReport report;
  const auto sleep =
      options.sleep ? options.sleep : [](std::chrono::milliseconds d) { std::this_thread::sleep_for(d); };
  const std::string now_text = format_rfc3339_utc(options.now);
  for (const auto& event : events) {
    for (const auto& t : targets) {
      if (!target_wants(t.target, event)) continue;
      const std::string line = "notify: " + event.id + " -> " + t.target.name + ": ";
      if (const LedgerEntry* done = ledger.find(event.id, t.target.name)) {
        if (!options.quiet) log << line << "skipped (delivered " << (done->at.empty() ? "earlier" : done->at) << ")\n";
        ++report.skipped;
        continue;
      }
      const Outgoing outgoing = build_outgoing(t, event, site, options.now);
      if (options.dry_run) {
        print_outgoing(log, event, t, outgoing);
        ++report.previewed;
        continue;
      }
      SendResult result;
      int attempt = 1;
      for (;; ++attempt) {
        result = outgoing.is_mail ? transport.send_mail(outgoing.mail) : transport.post(outgoing.http);
        if (result.delivered || !result.retryable || attempt >= options.max_attempts) break;
        sleep(retry_delay(options.retry_base, attempt + 1, result.retry_after));
      }
      if (!result.delivered) {
        ++report.failed;
        log << line << "failed after " << attempts_text(attempt) << ": " << result.error
            << (result.retryable ? "" : " (not retried)") << "\n";
        continue;
      }
      ++report.delivered;
      ledger.record(event.id, t.target.name, now_text);
      if (!options.quiet) log << line << "delivered (attempt " << attempt << ")\n";
      if (options.save_ledger && !options.save_ledger(ledger)) {
        report.ledger_failed = true;
        return report;
      }
    }
  }
  return report;
}

}  // namespace sitrep
