#pragma once
// What was already delivered, so each event reaches each target at most
// once: across a crash, a retry of the CI job, or a second run.
// File form: {"version": 1, "delivered": {"<event id>": [{"target": "...", "at": "..."}]}}
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace sitrep {

struct LedgerEntry {
  std::string target;
  std::string at;  // RFC 3339 UTC: when it was delivered
};

class Ledger {
 public:
  // The entry for (event, target), or nullptr when not delivered yet.
  const LedgerEntry* find(std::string_view event_id, std::string_view target) const;
  void record(const std::string& event_id, const std::string& target, const std::string& at);
  const std::map<std::string, std::vector<LedgerEntry>, std::less<>>& delivered() const { return delivered_; }

 private:
  std::map<std::string, std::vector<LedgerEntry>, std::less<>> delivered_;
};

// Pure: reads the JSON form; false and `error` when it is not a ledger.
bool parse_ledger(std::string_view text, Ledger& ledger, std::string& error);
std::string ledger_to_json(const Ledger& ledger);

// Held for a whole run (flock on "<ledger>.lock", released on destruction)
// so two runs sharing a ledger take turns: the second reads what the first
// delivered and skips it.
class LedgerLock {
 public:
  LedgerLock() = default;
  LedgerLock(const LedgerLock&) = delete;
  LedgerLock& operator=(const LedgerLock&) = delete;
  ~LedgerLock();
  // Waits while another process holds the lock (`on_wait` is called once
  // first); false and `error` when the lock file cannot be opened.
  bool acquire(const std::string& ledger_path, const std::function<void()>& on_wait, std::string& error);

 private:
  int fd_ = -1;
};

// A missing file is an empty ledger.
bool load_ledger(const std::string& path, Ledger& ledger, std::string& error);
// Writes a temporary file beside `path`, flushes it to disk and renames it
// over `path`: a reader sees the old ledger or the new one, never half.
bool save_ledger(const std::string& path, const Ledger& ledger, std::string& error);

}  // namespace sitrep
