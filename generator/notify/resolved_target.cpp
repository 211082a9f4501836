#include "notify/resolved_target.h"

#include <algorithm>
#include <cstdlib>

#include "notify/redact.h"

namespace sitrep {
namespace {

std::string trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return std::string{s};
}

std::vector<std::string> split_addresses(std::string_view text) {
  std::vector<std::string> out;
  std::size_t start = 0;
  while (start <= text.size()) {
    std::size_t end = text.find(',', start);
    if (end == std::string_view::npos) end = text.size();
    if (std::string a = trim(text.substr(start, end - start)); !a.empty()) out.push_back(std::move(a));
    start = end + 1;
  }
  return out;
}

// Enough to keep an address from breaking the SMTP envelope (RCPT TO:<...>);
// the server judges the rest.
bool is_plain_address(std::string_view a) {
  const std::size_t at = a.find('@');
  if (at == 0 || at == std::string_view::npos || at + 1 == a.size()) return false;
  return std::none_of(a.begin(), a.end(), [](char c) {
    const auto u = static_cast<unsigned char>(c);
    return u <= 0x20 || u == 0x7F || c == '<' || c == '>' || c == ',' || c == '"';
  });
}

}  // namespace

EnvLookup process_env() {
  return [](const std::string& name) -> std::optional<std::string> {
    if (const char* v = std::getenv(name.c_str())) return std::string{v};
    return std::nullopt;
  };
}

std::vector<ResolvedTarget> resolve_targets(const NotifyTargets& targets, const EnvLookup& env, Diagnostics& diags) {
  std::vector<ResolvedTarget> out;
  for (const auto& t : targets.targets) {
    bool ok = true;
    // The value is never quoted in a message: only the variable's name.
    const auto read = [&](const std::string& name, SourcePos pos, const char* key) -> std::string {
      if (name.empty()) return {};
      auto v = env(name);
      if (!v || v->empty()) {
        diags.report(targets.path, pos, "missing-env",
                     "environment variable '" + name + "' (" + key + " of target '" + t.name + "') is not set",
                     "set it in the CI job's secrets; nothing is sent until every target resolves");
        ok = false;
        return {};
      }
      return *v;
    };
    ResolvedTarget r;
    r.target = t;
    r.url = t.url_env.empty() ? t.url : read(t.url_env, t.url_env_pos, "url_env");
    r.secret = read(t.secret_env, t.secret_env_pos, "secret_env");
    r.username = read(t.username_env, t.username_env_pos, "username_env");
    r.password = read(t.password_env, t.password_env_pos, "password_env");
    r.recipients = t.to_env.empty() ? t.to : split_addresses(read(t.to_env, t.to_env_pos, "to_env"));
    if (ok && !t.url_env.empty() && r.url.rfind("https://", 0) != 0 && r.url.rfind("http://", 0) != 0) {
      diags.report(targets.path, t.url_env_pos, "invalid-value",
                   "environment variable '" + t.url_env + "' must hold an http:// or https:// URL");
      ok = false;
    }
    for (std::size_t i = 0; ok && i < r.recipients.size(); ++i)
      if (!is_plain_address(r.recipients[i])) {
        // Which one, by position: the address itself stays out of the log.
        diags.report(targets.path, t.to_env.empty() ? t.pos : t.to_env_pos, "invalid-value",
                     "recipient " + std::to_string(i + 1) + " of target '" + t.name +
                         "' is not a plain address (name@domain, no spaces, quotes or <>)");
        ok = false;
      }
    if (ok && t.kind == TargetKind::email && r.recipients.empty()) {
      diags.report(targets.path, t.to_env.empty() ? t.pos : t.to_env_pos, "invalid-value",
                   "target '" + t.name + "' has no recipients");
      ok = false;
    }
    r.shown_url = redact_url(t.kind == TargetKind::email ? t.smtp_url : r.url);
    if (ok) out.push_back(std::move(r));
  }
  return out;
}

}  // namespace sitrep
