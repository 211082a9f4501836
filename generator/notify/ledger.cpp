#include "notify/ledger.h"

#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

namespace sitrep {

const LedgerEntry* Ledger::find(std::string_view event_id, std::string_view target) const {
  const auto it = delivered_.find(event_id);
  if (it == delivered_.end()) return nullptr;
  for (const auto& e : it->second)
    if (e.target == target) return &e;
  return nullptr;
}

void Ledger::record(const std::string& event_id, const std::string& target, const std::string& at) {
  if (find(event_id, target)) return;
  delivered_[event_id].push_back({target, at});
}

bool parse_ledger(std::string_view text, Ledger& ledger, std::string& error) {
  const auto doc = nlohmann::json::parse(text, nullptr, false);
  const auto bad = [&](std::string why) {
    error = std::move(why);
    return false;
  };
  if (doc.is_discarded()) return bad("not valid JSON");
  if (!doc.is_object() || !doc.contains("delivered") || !doc["delivered"].is_object())
    return bad("expected an object with a \"delivered\" object");
  for (const auto& [event_id, entries] : doc["delivered"].items()) {
    if (!entries.is_array()) return bad("\"" + event_id + "\" must be a list");
    for (const auto& e : entries) {
      if (!e.is_object() || !e.contains("target") || !e["target"].is_string())
        return bad("\"" + event_id + "\": every entry needs a \"target\" string");
      const std::string at = e.contains("at") && e["at"].is_string() ? e["at"].get<std::string>() : "";
      ledger.record(event_id, e["target"].get<std::string>(), at);
    }
  }
  return true;
}

std::string ledger_to_json(const Ledger& ledger) {
  nlohmann::ordered_json doc;
  doc["version"] = 1;
  doc["delivered"] = nlohmann::ordered_json::object();
  for (const auto& [event_id, entries] : ledger.delivered()) {
    auto& list = doc["delivered"][event_id] = nlohmann::ordered_json::array();
    for (const auto& e : entries) list.push_back({{"target", e.target}, {"at", e.at}});
  }
  return doc.dump(2) + "\n";
}

LedgerLock::~LedgerLock() {
  if (fd_ >= 0) ::close(fd_);  // closing releases the flock
}

bool LedgerLock::acquire(const std::string& ledger_path, const std::function<void()>& on_wait, std::string& error) {
  const std::string path = ledger_path + ".lock";
  fd_ = ::open(path.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0644);
  if (fd_ < 0) {
    error = "cannot open " + path + ": " + std::strerror(errno);
    return false;
  }
  if (::flock(fd_, LOCK_EX | LOCK_NB) == 0) return true;
  if (on_wait) on_wait();
  while (::flock(fd_, LOCK_EX) != 0)
    if (errno != EINTR) {
      error = "cannot lock " + path + ": " + std::strerror(errno);
      return false;
    }
  return true;
}

bool load_ledger(const std::string& path, Ledger& ledger, std::string& error) {
  std::error_code ec;
  if (!std::filesystem::exists(path, ec)) return true;
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    error = "cannot read " + path;
    return false;
  }
  std::ostringstream s;
  s << in.rdbuf();
  if (!parse_ledger(s.str(), ledger, error)) {
    error = path + ": " + error;
    return false;
  }
  return true;
}

bool save_ledger(const std::string& path, const Ledger& ledger, std::string& error) {
  const std::string text = ledger_to_json(ledger);
  const std::string temp = path + ".tmp." + std::to_string(::getpid());
  const int fd = ::open(temp.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
  if (fd < 0) {
    error = "cannot write " + temp + ": " + std::strerror(errno);
    return false;
  }
  std::size_t done = 0;
  while (done < text.size()) {
    const ssize_t n = ::write(fd, text.data() + done, text.size() - done);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) break;
    done += static_cast<std::size_t>(n);
  }
  const bool written = done == text.size() && ::fsync(fd) == 0;
  const int saved_errno = errno;
  ::close(fd);
  if (!written || std::rename(temp.c_str(), path.c_str()) != 0) {
    error = "cannot write " + path + ": " + std::strerror(written ? errno : saved_errno);
    std::remove(temp.c_str());
    return false;
  }
  return true;
}

}  // namespace sitrep
