#pragma once
// Where each internal output lives, relative to site/internal. Every page
// links to every other with relative URLs to the file itself ("x.html", not
// "x/"), so the tree works served at /_internal/ and opened from disk. Each
// folder holds one kind of page only, so no id can collide with a list page.
#include <cstdint>
#include <cstdio>
#include <string>
#include <string_view>

#include "util/hash.h"
#include "util/slug.h"

namespace sitrep::internal_urls {

inline constexpr std::string_view k_index = "index.html";
inline constexpr std::string_view k_incidents = "incidents.html";
inline constexpr std::string_view k_postmortems = "postmortems.html";
inline constexpr std::string_view k_sla = "sla.html";
inline constexpr std::string_view k_monthly = "statistics-monthly.html";
inline constexpr std::string_view k_quarterly = "statistics-quarterly.html";
inline constexpr std::string_view k_followups = "followups.html";
inline constexpr std::string_view k_followups_by_incident = "followups-by-incident.html";
inline constexpr std::string_view k_compliance = "postmortem-compliance.html";
inline constexpr std::string_view k_incidents_csv = "incidents.csv";
inline constexpr std::string_view k_actions_csv = "actions.csv";
inline constexpr std::string_view k_metrics_json = "metrics.json";
inline constexpr std::string_view k_stylesheet = "internal.css";

// A file-name segment from an id: ids that passed `check` are slugs already;
// anything else is made safe rather than trusted.
inline std::string segment(std::string_view id) {
  std::string out;
  for (char c : id) {
    const bool ok =
        (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '_' || c == '.';
    out += ok ? c : '_';
  }
  if (out.empty() || out[0] == '.') out.insert(out.begin(), '_');
  return out;
}

// Page n of a paginated list: the first page keeps the list's URL, later
// ones add "-n": "followups-by-incident-2.html", "incidents-2024-2.html",
// "followups/zoe-angstrom-1a2b3c4d-2.html". What comes before "-n" ends in
// a fixed number of characters (a year, a month, an owner's 8 hex digits)
// or a fixed word, so a later page never takes another list's name.
inline std::string nth_page(std::string_view first_page, std::size_t n) {
  if (n <= 1) return std::string{first_page};
  const std::string_view stem = first_page.substr(0, first_page.size() - 5);  // without ".html"
  return std::string{stem} + "-" + std::to_string(n) + ".html";
}

inline std::string incident(std::string_view id) { return "incidents/" + segment(id) + ".html"; }
// `key` is unique per postmortem (see InternalContext::postmortem_paths).
inline std::string postmortem(std::string_view key) { return "postmortems/" + segment(key) + ".html"; }
inline std::string incidents_of_year(std::string_view year) { return "incidents-" + segment(year) + ".html"; }
// A month ("2026-04") of SLA clocks; the overview lists them by year.
inline std::string sla_of_month(std::string_view month) { return "sla-" + segment(month) + ".html"; }
inline std::string sla_of_year(std::string_view year) { return "sla.html#sla-" + segment(year); }
inline std::string period(std::string_view name) { return "statistics/" + segment(name) + ".html"; }
// An owner's page of the follow-up tracker: a readable slug and 8 hex digits
// of stable_hash(the exact owner text), "followups/zoe-angstrom-1a2b3c4d.html",
// so owners that differ only in case, punctuation, accents or script
// ("J. Smith", "j smith", "李雷", "王芳") get pages of their own, named the
// same in every build. Items without an owner have their fixed page. (Two
// owners sharing slug and hash, a 1 in 2^32 chance, are told apart by
// internal_followups.cpp.)
inline std::string owner(std::string_view owner_name) {
  if (owner_name.empty()) return "followups/no-owner.html";
  const std::uint64_t h = stable_hash(owner_name);
  char hex[9];
  std::snprintf(hex, sizeof hex, "%08x", static_cast<unsigned>((h ^ (h >> 32)) & 0xffffffffU));
  const std::string slug = ascii_slug(owner_name);
  return "followups/" + (slug.empty() ? std::string{"owner"} : slug) + "-" + hex + ".html";
}

}  // namespace sitrep::internal_urls
