#pragma once
// One subscriber channel of `sitrep notify`, as written in the targets file
// (a TOML file kept outside content/ and site/: docs/notify.md). Secrets are
// never read from the file, only the names of the environment variables
// holding them.
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "changes/events.h"
#include "util/diagnostic.h"

namespace sitrep {

enum class TargetKind { webhook, slack, discord, teams, email };

std::string_view target_kind_name(TargetKind kind);

struct NotifyTarget {
  std::string name;  // unique; the ledger's key with the event id
  TargetKind kind = TargetKind::webhook;
  std::string url;         // webhook/slack/discord/teams, written in the file
  std::string url_env;     // ... or the environment variable holding it
  std::string secret_env;  // webhook: HMAC-SHA256 key, from the environment only
  // Only events touching one of these component ids; empty = every event.
  // An event with no components goes only to targets without a filter.
  std::vector<std::string> components;
  // email
  std::string smtp_url;  // smtp://host[:port] or smtps://host[:port]
  std::string from;
  std::vector<std::string> to;
  std::string to_env;  // comma-separated addresses
  std::string username_env, password_env;
  bool starttls = true;  // smtp:// only: require STARTTLS
  SourcePos pos;         // the [[target]] table
  SourcePos url_env_pos, secret_env_pos, to_env_pos, username_env_pos, password_env_pos;
};

struct NotifyTargets {
  std::string path;
  std::vector<NotifyTarget> targets;
};

// Pure: parses the targets file's text; every problem goes to `diags`.
NotifyTargets parse_targets(std::string_view text, const std::string& path, Diagnostics& diags);

// Whether `event` goes to `target` under its component filter.
bool target_wants(const NotifyTarget& target, const ChangeEvent& event);

}  // namespace sitrep
