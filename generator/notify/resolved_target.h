#pragma once
// A target with its secrets read from the environment: what delivery needs.
// Kept apart from NotifyTarget so nothing parsed from the file ever holds a
// secret, and so a missing variable is reported before anything is sent.
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "notify/target.h"

namespace sitrep {

struct ResolvedTarget {
  NotifyTarget target;
  std::string url;                      // http targets: from `url` or the variable `url_env` names
  std::string shown_url;                // what logs and --dry-run print (redact_url)
  std::string secret;                   // webhook HMAC key
  std::vector<std::string> recipients;  // email
  std::string username, password;       // email
};

using EnvLookup = std::function<std::optional<std::string>(const std::string& name)>;

// The process environment.
EnvLookup process_env();

// Reports every unset or empty variable (rule missing-env) at the key that
// names it; returns the targets that resolved.
std::vector<ResolvedTarget> resolve_targets(const NotifyTargets& targets, const EnvLookup& env, Diagnostics& diags);

}  // namespace sitrep
