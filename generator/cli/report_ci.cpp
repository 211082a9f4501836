#include "cli/report_ci.h"

#include <nlohmann/json.hpp>

#include <cstdio>
#include <filesystem>
#include <map>
#include <ostream>

#include "util/hash.h"
#include "util/terminal_text.h"

namespace sitrep {
namespace {

using Json = nlohmann::ordered_json;

constexpr std::string_view k_sarif_schema = "https://json.schemastore.org/sarif-2.1.0.json";
// Where the SARIF log's driver points readers. sitrep has no published home
// yet, and a made-up address would send reviewers somewhere wrong, so the
// property is left out while this is empty (SARIF makes it optional).
constexpr std::string_view k_information_uri = "";

// Diagnostics::report turns an unknown position (file-level problems:
// missing, unreadable or too large files) into 1:1, and GitHub, SARIF (whose
// schema says startLine/startColumn >= 1) and GitLab all want a real line;
// clamp again here so a 0 reaching this file by another road cannot make an
// invalid log. Line 1 is also where a reader looks for a whole-file problem.
std::uint32_t at_least_1(std::uint32_t n) { return n == 0 ? 1 : n; }

std::string message_with_hint(const Diagnostic& d) {
  return d.hint.empty() ? d.message : d.message + "\nhint: " + d.hint;
}

std::string sarif_level(Level level) { return level == Level::error ? "error" : "warning"; }

// GitLab's severities are info, minor, major, critical and blocker. An
// error fails `check` but is a content mistake, not an outage: "major";
// "critical"/"blocker" stay free for tools that find worse.
std::string code_quality_severity(Level level) { return level == Level::error ? "major" : "minor"; }

// RFC 3986: a path keeps unreserved characters and '/'; every other byte
// (spaces, '%', ':', non-ASCII UTF-8) is percent-encoded.
std::string uri_path(std::string_view path) {
  std::string out;
  for (const char c : path) {
    const unsigned char u = static_cast<unsigned char>(c);
    if ((u >= 'A' && u <= 'Z') || (u >= 'a' && u <= 'z') || (u >= '0' && u <= '9') || c == '-' || c == '.' ||
        c == '_' || c == '~' || c == '/') {
      out += c;
    } else {
      char buf[4];
      std::snprintf(buf, sizeof buf, "%%%02X", u);
      out += buf;
    }
  }
  return out;
}

// A relative path is relative to %SRCROOT%, the directory sitrep ran in; an
// absolute one (--root /abs/path) becomes a file: URI of its own.
Json sarif_artifact(const std::string& path) {
  Json loc;
  if (!path.empty() && path.front() == '/') {
    loc["uri"] = "file://" + uri_path(path);
  } else {
    loc["uri"] = uri_path(path);
    loc["uriBaseId"] = "%SRCROOT%";
  }
  return loc;
}

std::string dump(const Json& doc) {
  // replace: a file name that is not UTF-8 must not abort the report.
  return doc.dump(2, ' ', false, Json::error_handler_t::replace);
}

}  // namespace

std::string github_escape_data(std::string_view text) {
  std::string out;
  // The log shows a raw ESC to whoever reads it: controls are escaped as in
  // the text output, except CR, which GitHub's own %0D stands for.
  std::string escaped;
  for (std::size_t start = 0;;) {
    const std::size_t cr = text.find('\r', start);
    escaped += escape_control_chars(text.substr(start, cr == std::string_view::npos ? cr : cr - start));
    if (cr == std::string_view::npos) break;
    escaped += '\r';
    start = cr + 1;
  }
  for (const char c : escaped) {
    if (c == '%') out += "%25";
    else if (c == '\r') out += "%0D";
    else if (c == '\n') out += "%0A";
    else out += c;
  }
  return out;
}

std::string github_escape_property(std::string_view text) {
  std::string out;
  for (const char c : github_escape_data(text)) {
    if (c == ':') out += "%3A";
    else if (c == ',') out += "%2C";
    else out += c;
  }
  return out;
}

std::string ci_path(std::string_view path) {
  std::string out = std::filesystem::path(path).lexically_normal().generic_string();
  if (out.empty() || out == ".") return std::string{path};
  return out;
}

std::string code_quality_fingerprint(const Diagnostic& d) {
  std::string key = d.rule;
  for (const std::string& part : {ci_path(d.path), std::to_string(at_least_1(d.pos.line)),
                                  std::to_string(at_least_1(d.pos.col)), d.message}) {
    key += '\0';  // a separator no field can hold, so "a"+"bc" != "ab"+"c"
    key += part;
  }
  char buf[17];
  std::snprintf(buf, sizeof buf, "%016llx", static_cast<unsigned long long>(stable_hash(key)));
  return buf;
}

void print_diagnostics_github(std::ostream& out, const Diagnostics& diags, bool errors_only) {
  for (const auto& d : diags.all()) {
    if (errors_only && d.level != Level::error) continue;
    out << "::" << (d.level == Level::error ? "error" : "warning")
        << " file=" << github_escape_property(ci_path(d.path)) << ",line=" << at_least_1(d.pos.line) << ",col=" << at_least_1(d.pos.col)
        << ",title=" << github_escape_property(d.rule) << "::" << github_escape_data(message_with_hint(d)) << "\n";
  }
}

void print_diagnostics_sarif(std::ostream& out, const Diagnostics& diags, std::string_view tool_version) {
  // Rules in id order, so the log does not depend on which file came first.
  std::map<std::string, std::size_t, std::less<>> rule_index;
  for (const auto& d : diags.all()) rule_index.emplace(d.rule, 0);
  Json rules = Json::array();
  for (auto& [id, index] : rule_index) {
    index = rules.size();
    const std::string_view summary = RulePolicy::summary_of(id);
    Json rule;
    rule["id"] = id;
    rule["shortDescription"]["text"] = summary.empty() ? id : std::string{summary};
    rules.push_back(std::move(rule));
  }

  Json results = Json::array();
  for (const auto& d : diags.all()) {
    Json region;
    region["startLine"] = at_least_1(d.pos.line);
    region["startColumn"] = at_least_1(d.pos.col);
    Json physical;
    physical["artifactLocation"] = sarif_artifact(ci_path(d.path));
    physical["region"] = std::move(region);
    Json location;
    location["physicalLocation"] = std::move(physical);
    Json result;
    result["ruleId"] = d.rule;
    result["ruleIndex"] = rule_index.at(d.rule);
    result["level"] = sarif_level(d.level);
    result["message"]["text"] = message_with_hint(d);
    result["locations"] = Json::array({std::move(location)});
    results.push_back(std::move(result));
  }

  Json driver;
  driver["name"] = "sitrep";
  if (!k_information_uri.empty()) driver["informationUri"] = k_information_uri;
  driver["version"] = tool_version;
  driver["rules"] = std::move(rules);
  Json run;
  run["tool"]["driver"] = std::move(driver);
  // No absolute uri: it would be this machine's checkout path and make the
  // log differ between machines; viewers resolve it against their checkout.
  run["originalUriBaseIds"]["%SRCROOT%"]["description"]["text"] =
      "The directory sitrep check ran in; paths are relative to it";
  // sitrep counts columns in code points (as toml++ does), not UTF-16 units.
  run["columnKind"] = "unicodeCodePoints";
  run["results"] = std::move(results);
  Json doc;
  doc["$schema"] = k_sarif_schema;
  doc["version"] = "2.1.0";
  doc["runs"] = Json::array({std::move(run)});
  out << dump(doc) << "\n";
}

void print_diagnostics_gitlab(std::ostream& out, const Diagnostics& diags) {
  Json issues = Json::array();
  for (const auto& d : diags.all()) {
    const std::string path = ci_path(d.path);
    Json issue;
    issue["description"] = message_with_hint(d);
    issue["check_name"] = d.rule;
    issue["fingerprint"] = code_quality_fingerprint(d);
    issue["severity"] = code_quality_severity(d.level);
    issue["location"]["path"] = path;
    issue["location"]["lines"]["begin"] = at_least_1(d.pos.line);
    issue["location"]["positions"]["begin"]["line"] = at_least_1(d.pos.line);
    issue["location"]["positions"]["begin"]["column"] = at_least_1(d.pos.col);
    issues.push_back(std::move(issue));
  }
  out << dump(issues) << "\n";
}

}  // namespace sitrep
