#include "notify/target.h"

#include <algorithm>
#include <array>
#include <map>

#include "load/toml_reader.h"

namespace sitrep {
namespace {

constexpr std::array<std::pair<TargetKind, std::string_view>, 5> k_kinds = {{
    {TargetKind::webhook, "webhook"},
    {TargetKind::slack, "slack"},
    {TargetKind::discord, "discord"},
    {TargetKind::teams, "teams"},
    {TargetKind::email, "email"},
}};

bool is_env_name(std::string_view s) {
  if (s.empty() || (s[0] >= '0' && s[0] <= '9')) return false;
  return std::all_of(s.begin(), s.end(), [](char c) {
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_';
  });
}

bool starts_with(std::string_view s, std::string_view prefix) { return s.substr(0, prefix.size()) == prefix; }

// Reads an optional `*_env` key: the name of an environment variable.
std::string env_key(TomlReader& r, std::string_view key, SourcePos& pos) {
  auto v = r.string(key);
  if (!v) return {};
  pos = r.pos(key);
  if (!is_env_name(*v))
    // The value is not quoted: it may be the very secret put here by mistake.
    r.report(r.raw_pos(key), "invalid-value",
             "'" + std::string{key} + "' must name an environment variable, not hold a value",
             "use letters, digits and '_', e.g. SLACK_WEBHOOK_URL, and put the value in that variable");
  return *v;
}

// Keys that only make sense for some kinds: reported instead of ignored.
void only_for(TomlReader& r, const NotifyTarget& t, std::string_view key, bool present, bool allowed,
              const char* kinds) {
  if (present && !allowed)
    r.report(r.raw_pos(key), "invalid-value",
             "'" + std::string{key} + "' does not apply to " + std::string{target_kind_name(t.kind)} +
                 " targets (only " + kinds + ")");
}

void check_http_target(TomlReader& r, const NotifyTarget& t) {
  if (t.url.empty() == t.url_env.empty())
    r.report(r.table_pos(), "missing-key", "target '" + t.name + "' needs exactly one of 'url' and 'url_env'",
             t.kind == TargetKind::webhook ? "" : "the URL is a secret: prefer url_env = \"NAME_OF_VARIABLE\"");
  if (!t.url.empty() && !starts_with(t.url, "https://") && !starts_with(t.url, "http://"))
    r.report(r.raw_pos("url"), "invalid-value", "'url' must be an http:// or https:// URL");
}

void check_email_target(TomlReader& r, const NotifyTarget& t) {
  if (t.smtp_url.empty()) {
    r.report(r.table_pos(), "missing-key", "missing required key 'smtp_url'");
  } else if (!starts_with(t.smtp_url, "smtp://") && !starts_with(t.smtp_url, "smtps://")) {
    r.report(r.raw_pos("smtp_url"), "invalid-value", "'smtp_url' must start with smtp:// or smtps://");
  } else if (t.smtp_url.find('@') != std::string::npos) {
    r.report(r.raw_pos("smtp_url"), "invalid-value", "'smtp_url' must not hold credentials",
             "name the variables holding them with username_env and password_env");
  }
  if (t.from.empty()) {
    r.report(r.table_pos(), "missing-key", "missing required key 'from'");
  } else if (t.from.find('@') == std::string::npos || std::any_of(t.from.begin(), t.from.end(), [](char c) {
               return static_cast<unsigned char>(c) >= 0x80 || c == '\r' || c == '\n';
             })) {
    r.report(r.raw_pos("from"), "invalid-value",
             "'from' must be an ASCII address such as \"Status <status@example.com>\"");
  }
  if (t.to.empty() == t.to_env.empty())
    r.report(r.table_pos(), "missing-key", "target '" + t.name + "' needs exactly one of 'to' and 'to_env'");
  if (t.password_env.empty() != t.username_env.empty())
    r.report(r.table_pos(), "missing-key", "'username_env' and 'password_env' go together");
}

}  // namespace

std::string_view target_kind_name(TargetKind kind) {
  for (const auto& [k, name] : k_kinds)
    if (k == kind) return name;
  return "webhook";
}

NotifyTargets parse_targets(std::string_view text, const std::string& path, Diagnostics& diags) {
  NotifyTargets out;
  out.path = path;
  auto doc = parse_toml(text, path, diags);
  if (!doc) return out;
  TomlReader r(*doc, path, diags);
  std::vector<std::string> kind_names;
  for (const auto& [k, name] : k_kinds) kind_names.emplace_back(name);
  std::map<std::string, SourcePos, std::less<>> seen;
  for (const toml::table* table : r.tables("target", true)) {
    TomlReader tr(*table, path, diags);
    NotifyTarget t;
    t.pos = tr.table_pos();
    t.name = tr.string("name", true).value_or("");
    const auto kind = tr.one_of("kind", kind_names, true);
    if (kind)
      for (const auto& [k, name] : k_kinds)
        if (name == *kind) t.kind = k;
    t.url = tr.string("url").value_or("");
    t.url_env = env_key(tr, "url_env", t.url_env_pos);
    t.secret_env = env_key(tr, "secret_env", t.secret_env_pos);
    t.components = tr.strings("components").value_or(std::vector<std::string>{});
    t.smtp_url = tr.string("smtp_url").value_or("");
    t.from = tr.string("from").value_or("");
    t.to = tr.strings("to").value_or(std::vector<std::string>{});
    t.to_env = env_key(tr, "to_env", t.to_env_pos);
    t.username_env = env_key(tr, "username_env", t.username_env_pos);
    t.password_env = env_key(tr, "password_env", t.password_env_pos);
    const auto starttls = tr.boolean("starttls");
    t.starttls = starttls.value_or(true);
    tr.finish();

    if (!t.name.empty()) {
      if (auto [it, fresh] = seen.emplace(t.name, tr.pos("name")); !fresh)
        tr.report(tr.raw_pos("name"), "duplicate-id",
                  "duplicate target name '" + t.name + "' (first at line " + std::to_string(it->second.line) + ")",
                  "the ledger records deliveries by target name, so names must be unique");
    }
    if (!kind) continue;
    const bool email = t.kind == TargetKind::email;
    if (email) {
      check_email_target(tr, t);
    } else {
      check_http_target(tr, t);
    }
    only_for(tr, t, "url", !t.url.empty(), !email, "webhook, slack, discord and teams");
    only_for(tr, t, "url_env", !t.url_env.empty(), !email, "webhook, slack, discord and teams");
    only_for(tr, t, "secret_env", !t.secret_env.empty(), t.kind == TargetKind::webhook, "webhook");
    for (const char* key : {"smtp_url", "from", "to", "to_env", "username_env", "password_env", "starttls"})
      only_for(tr, t, key, table->contains(key), email, "email");
    out.targets.push_back(std::move(t));
  }
  r.finish();
  return out;
}

bool target_wants(const NotifyTarget& target, const ChangeEvent& event) {
  if (target.components.empty()) return true;
  return std::any_of(event.components.begin(), event.components.end(), [&](const std::string& c) {
    return std::find(target.components.begin(), target.components.end(), c) != target.components.end();
  });
}

}  // namespace sitrep
