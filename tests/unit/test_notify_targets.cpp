// The targets file of `sitrep notify`: parsing, exact diagnostics, secrets
// from the environment, the component filter.
#include <doctest/doctest.h>

#include <map>

#include "cli/report.h"
#include "notify/resolved_target.h"
#include "notify/target.h"

using namespace sitrep;

namespace {

// As `sitrep notify` prints them: without the file's lines, which may hold
// subscribers' addresses.
std::string diagnostics_text(const Diagnostics& diags) {
  const SourceMap no_sources;
  std::string out;
  for (const auto& d : diags.all()) out += format_diagnostic(d, no_sources);
  return out;
}

EnvLookup env_of(std::map<std::string, std::string> values) {
  return [values](const std::string& name) -> std::optional<std::string> {
    if (auto it = values.find(name); it != values.end()) return it->second;
    return std::nullopt;
  };
}

const char* const k_valid = R"([[target]]
name = "ops-webhook"
kind = "webhook"
url = "https://hooks.example/sitrep"
secret_env = "SITREP_WEBHOOK_SECRET"
components = ["api"]

[[target]]
name = "team-slack"
kind = "slack"
url_env = "SLACK_WEBHOOK_URL"

[[target]]
name = "subscribers"
kind = "email"
smtp_url = "smtps://smtp.example:465"
from = "Acme Status <status@acme.example>"
to_env = "SUBSCRIBERS"
username_env = "SMTP_USER"
password_env = "SMTP_PASSWORD"
)";

}  // namespace

TEST_CASE("targets: a valid file") {
  Diagnostics diags;
  const NotifyTargets t = parse_targets(k_valid, "notify.toml", diags);
  CHECK(diagnostics_text(diags) == "");
  REQUIRE(t.targets.size() == 3);
  CHECK(t.targets[0].name == "ops-webhook");
  CHECK(t.targets[0].kind == TargetKind::webhook);
  CHECK(t.targets[0].secret_env == "SITREP_WEBHOOK_SECRET");
  CHECK(t.targets[0].components == std::vector<std::string>{"api"});
  CHECK(t.targets[1].kind == TargetKind::slack);
  CHECK(t.targets[1].url_env == "SLACK_WEBHOOK_URL");
  CHECK(t.targets[2].kind == TargetKind::email);
  CHECK(t.targets[2].starttls);  // the default
  CHECK(t.targets[2].to_env == "SUBSCRIBERS");
}

TEST_CASE("targets: every problem, file:line:col with the source line and did-you-mean") {
  const std::string text = R"([[target]]
name = "a"
kind = "slak"
url_env = "X"

[[target]]
name = "a"
kind = "webhook"
url = "ftp://x"
secrt_env = "S"

[[target]]
name = "m"
kind = "email"
smtp_url = "smtp://user:pw@mail.example"
from = "status@acme.example"
to = ["a@example.com"]
secret_env = "https://hooks.example/not-a-name"
)";
  Diagnostics diags;
  parse_targets(text, "notify.toml", diags);
  diags.sort();
  CHECK(
      diagnostics_text(diags) ==
      R"(notify.toml:3:8: error: 'slak' is not a valid kind (expected one of: webhook, slack, discord, teams, email) [invalid-value]
  hint: did you mean 'slack'?
notify.toml:7:8: error: duplicate target name 'a' (first at line 2) [duplicate-id]
  hint: the ledger records deliveries by target name, so names must be unique
notify.toml:9:7: error: 'url' must be an http:// or https:// URL [invalid-value]
notify.toml:10:1: error: unknown key 'secrt_env' [unknown-key]
  hint: did you mean 'secret_env'?
notify.toml:15:12: error: 'smtp_url' must not hold credentials [invalid-value]
  hint: name the variables holding them with username_env and password_env
notify.toml:18:14: error: 'secret_env' must name an environment variable, not hold a value [invalid-value]
  hint: use letters, digits and '_', e.g. SLACK_WEBHOOK_URL, and put the value in that variable
notify.toml:18:14: error: 'secret_env' does not apply to email targets (only webhook) [invalid-value]
)");
}

TEST_CASE("targets: a Slack target needs a URL, and is told to keep it in the environment") {
  const std::string text = "[[target]]\nname = \"s\"\nkind = \"slack\"\n";
  Diagnostics diags;
  parse_targets(text, "notify.toml", diags);
  CHECK(diagnostics_text(diags) ==
        "notify.toml:1:1: error: target 's' needs exactly one of 'url' and 'url_env' [missing-key]\n"
        "  hint: the URL is a secret: prefer url_env = \"NAME_OF_VARIABLE\"\n");
}

TEST_CASE("targets: secrets come from the environment; a missing one names the variable, never a value") {
  Diagnostics diags;
  const NotifyTargets t = parse_targets(k_valid, "notify.toml", diags);
  REQUIRE(!diags.has_errors());
  const auto resolved = resolve_targets(t,
                                        env_of({{"SITREP_WEBHOOK_SECRET", "s3cret"},
                                                {"SLACK_WEBHOOK_URL", "https://hooks.slack.com/services/T0/B0/XXXX"},
                                                {"SUBSCRIBERS", "a@example.com, b@example.com"},
                                                {"SMTP_USER", "mailer"},
                                                {"SMTP_PASSWORD", "pw"}}),
                                        diags);
  CHECK(!diags.has_errors());
  REQUIRE(resolved.size() == 3);
  CHECK(resolved[0].secret == "s3cret");
  CHECK(resolved[0].shown_url == "https://hooks.example/\u2026");
  CHECK(resolved[1].url == "https://hooks.slack.com/services/T0/B0/XXXX");
  CHECK(resolved[1].shown_url == "https://hooks.slack.com/\u2026");
  CHECK(resolved[2].recipients == std::vector<std::string>{"a@example.com", "b@example.com"});
  CHECK(resolved[2].password == "pw");

  Diagnostics missing;
  const auto partial = resolve_targets(t, env_of({{"SITREP_WEBHOOK_SECRET", "s3cret"}}), missing);
  CHECK(partial.size() == 1);
  CHECK(diagnostics_text(missing) ==
        "notify.toml:11:11: error: environment variable 'SLACK_WEBHOOK_URL' (url_env of target 'team-slack') is not "
        "set [missing-env]\n"
        "  hint: set it in the CI job's secrets; nothing is sent until every target resolves\n"
        "notify.toml:19:16: error: environment variable 'SMTP_USER' (username_env of target 'subscribers') is not "
        "set [missing-env]\n"
        "  hint: set it in the CI job's secrets; nothing is sent until every target resolves\n"
        "notify.toml:20:16: error: environment variable 'SMTP_PASSWORD' (password_env of target 'subscribers') is "
        "not set [missing-env]\n"
        "  hint: set it in the CI job's secrets; nothing is sent until every target resolves\n"
        "notify.toml:18:10: error: environment variable 'SUBSCRIBERS' (to_env of target 'subscribers') is not set "
        "[missing-env]\n"
        "  hint: set it in the CI job's secrets; nothing is sent until every target resolves\n");
}

TEST_CASE("targets: a recipient that could break the SMTP envelope is refused, without quoting it") {
  Diagnostics diags;
  const NotifyTargets t = parse_targets(k_valid, "notify.toml", diags);
  const auto resolved = resolve_targets(t,
                                        env_of({{"SITREP_WEBHOOK_SECRET", "s"},
                                                {"SLACK_WEBHOOK_URL", "https://hooks.slack.com/x"},
                                                {"SUBSCRIBERS", "a@example.com,b@example.com>\r\nDATA"},
                                                {"SMTP_USER", "u"},
                                                {"SMTP_PASSWORD", "p"}}),
                                        diags);
  CHECK(resolved.size() == 2);
  CHECK(diagnostics_text(diags) ==
        "notify.toml:18:10: error: recipient 2 of target 'subscribers' is not a plain address (name@domain, no "
        "spaces, quotes or <>) [invalid-value]\n");
}

TEST_CASE("targets: the component filter; an event without components goes only to unfiltered targets") {
  NotifyTarget all;
  NotifyTarget api;
  api.components = {"api", "auth"};
  ChangeEvent e;
  e.components = {"db", "auth"};
  CHECK(target_wants(all, e));
  CHECK(target_wants(api, e));
  e.components = {"db"};
  CHECK_FALSE(target_wants(api, e));
  e.components.clear();
  CHECK(target_wants(all, e));
  CHECK_FALSE(target_wants(api, e));
}
