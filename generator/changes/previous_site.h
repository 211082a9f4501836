#pragma once
// Reads the previously published site's api/v2 documents for `sitrep
// changes`: from a folder (the published site's root, or its api/v2 folder)
// or from an http(s):// base URL (libcurl; <base>/api/v2/incidents.json and
// the others, or <base> itself when it already ends in /api/v2).
//
// A folder without incidents.json, or a URL answering 404 for it, is a
// first publish: the snapshot says it does not exist and `note` says why.
// Everything else that goes wrong (no such folder, unreadable or malformed
// JSON, another HTTP status, a timeout) is a Problem naming the file or URL.
#include <chrono>
#include <string>

#include "changes/diff.h"

namespace sitrep {

struct PreviousSite {
  ApiSnapshot api;
  std::string source;  // the folder or URL the documents were read from
  std::string note;    // set for a first publish
};

struct PreviousSiteProblem {
  std::string message, hint;
};

struct FetchLimits {
  std::chrono::seconds connect{10};
  std::chrono::seconds total{30};  // per document
};

bool read_previous_site(const std::string& where, PreviousSite& site, PreviousSiteProblem& problem,
                        const FetchLimits& limits = {});

// One document's text -> JSON, checked for the list it must hold
// ("incidents", "scheduled_maintenances"). `name` is what messages call it.
bool parse_api_document(const std::string& text, const std::string& name, const char* list_key,
                        nlohmann::json& doc, PreviousSiteProblem& problem);

}  // namespace sitrep
