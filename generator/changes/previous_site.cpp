#include "changes/previous_site.h"

#include <curl/curl.h>

#include <filesystem>
#include <fstream>
#include <mutex>
#include <optional>
#include <sstream>

namespace sitrep {
namespace {

namespace fs = std::filesystem;

// A published api/v2 file is a few hundred KiB at the caps; anything far
// bigger is not one of ours.
constexpr std::size_t k_max_document_bytes = 32u << 20;

struct Document {
  const char* file;
  const char* list_key;  // nullptr: summary.json, whose lists are optional
  bool required;
};

constexpr Document k_documents[] = {
    {"incidents.json", "incidents", true},
    {"scheduled-maintenances.json", "scheduled_maintenances", true},
    {"summary.json", nullptr, false},
};

nlohmann::json& slot(ApiSnapshot& api, const Document& d) {
  if (std::string_view{d.file} == "incidents.json") return api.incidents;
  if (std::string_view{d.file} == "scheduled-maintenances.json") return api.scheduled_maintenances;
  return api.summary;
}

bool is_url(const std::string& where) { return where.rfind("http://", 0) == 0 || where.rfind("https://", 0) == 0; }

// --- folder -----------------------------------------------------------------

bool read_folder(const std::string& where, PreviousSite& site, PreviousSiteProblem& problem) {
  std::error_code ec;
  if (!fs::is_directory(where, ec)) {
    problem = {"--previous " + where + ": no such folder",
               "give the published site's folder (or its api/v2 folder) or its https:// address; for a first "
               "publish, an empty folder"};
    return false;
  }
  fs::path base = fs::path(where) / "api" / "v2";
  if (!fs::is_regular_file(base / "incidents.json", ec)) base = fs::path(where);
  if (!fs::is_regular_file(base / "incidents.json", ec)) {
    // `build --out DIR` writes DIR/public: taking DIR for a first publish
    // would announce everything again.
    if (fs::is_regular_file(fs::path(where) / "public" / "api" / "v2" / "incidents.json", ec)) {
      problem = {"--previous " + where + ": this is a build's output folder, not the published site",
                 "point --previous at " + (fs::path(where) / "public").string()};
      return false;
    }
    site.source = where;
    site.note = "no api/v2/incidents.json in " + where + ": treated as a first publish";
    return true;
  }
  site.source = base.string();
  site.api.exists = true;
  for (const Document& d : k_documents) {
    const fs::path file = base / d.file;
    if (!fs::is_regular_file(file, ec)) {
      if (!d.required) continue;
      problem = {file.string() + ": missing, though incidents.json is there",
                 "point --previous at a whole published site (sitrep build's public folder)"};
      return false;
    }
    if (fs::file_size(file, ec) > k_max_document_bytes) {
      problem = {file.string() + ": larger than 32 MiB, not a sitrep api/v2 document", ""};
      return false;
    }
    std::ifstream in(file, std::ios::binary);
    std::ostringstream text;
    text << in.rdbuf();
    if (!in && !in.eof()) {
      problem = {file.string() + ": cannot be read", "check the file's permissions"};
      return false;
    }
    if (!parse_api_document(text.str(), file.string(), d.list_key, slot(site.api, d), problem)) return false;
  }
  return true;
}

// --- URL ----------------------------------------------------------------------

std::size_t collect(char* data, std::size_t size, std::size_t count, void* out) {
  auto& body = *static_cast<std::string*>(out);
  if (body.size() + size * count > k_max_document_bytes) return 0;  // aborts the transfer
  body.append(data, size * count);
  return size * count;
}

struct Response {
  long status = 0;
  std::string body;
};

std::optional<Response> http_get(const std::string& url, const FetchLimits& limits, PreviousSiteProblem& problem) {
  static std::once_flag once;
  std::call_once(once, [] { curl_global_init(CURL_GLOBAL_DEFAULT); });
  CURL* curl = curl_easy_init();
  if (!curl) {
    problem = {url + ": cannot start libcurl", ""};
    return std::nullopt;
  }
  Response r;
  char error[CURL_ERROR_SIZE] = "";
  curl_easy_setopt(curl, CURLOPT_URL, url.c_str());
  curl_easy_setopt(curl, CURLOPT_FOLLOWLOCATION, 1L);
  curl_easy_setopt(curl, CURLOPT_MAXREDIRS, 5L);
  curl_easy_setopt(curl, CURLOPT_PROTOCOLS_STR, "http,https");
  curl_easy_setopt(curl, CURLOPT_REDIR_PROTOCOLS_STR, "http,https");
  curl_easy_setopt(curl, CURLOPT_CONNECTTIMEOUT, static_cast<long>(limits.connect.count()));
  curl_easy_setopt(curl, CURLOPT_TIMEOUT, static_cast<long>(limits.total.count()));
  curl_easy_setopt(curl, CURLOPT_NOSIGNAL, 1L);
  curl_easy_setopt(curl, CURLOPT_USERAGENT, "sitrep-changes");
  curl_easy_setopt(curl, CURLOPT_ACCEPT_ENCODING, "");
  curl_easy_setopt(curl, CURLOPT_WRITEFUNCTION, collect);
  curl_easy_setopt(curl, CURLOPT_WRITEDATA, &r.body);
  curl_easy_setopt(curl, CURLOPT_ERRORBUFFER, error);
  const CURLcode rc = curl_easy_perform(curl);
  curl_easy_getinfo(curl, CURLINFO_RESPONSE_CODE, &r.status);
  curl_easy_cleanup(curl);
  if (rc != CURLE_OK) {
    problem = {url + ": " + (*error ? std::string{error} : std::string{curl_easy_strerror(rc)}),
               rc == CURLE_OPERATION_TIMEDOUT ? "the site did not answer in time; try again, or give a folder"
                                              : "check the address, and that this machine can reach it"};
    return std::nullopt;
  }
  return r;
}

bool read_url(std::string base, const FetchLimits& limits, PreviousSite& site, PreviousSiteProblem& problem) {
  while (!base.empty() && base.back() == '/') base.pop_back();
  if (base.size() < 7 || base.compare(base.size() - 7, 7, "/api/v2") != 0) base += "/api/v2";
  site.source = base;
  for (const Document& d : k_documents) {
    const std::string url = base + "/" + d.file;
    auto r = http_get(url, limits, problem);
    if (!r) return false;
    if (r->status == 404 && &d == &k_documents[0]) {
      site.note = url + " answered HTTP 404: treated as a first publish";
      return true;
    }
    if (r->status == 404 && !d.required) continue;
    if (r->status != 200) {
      problem = {url + ": HTTP " + std::to_string(r->status),
                 r->status == 404 ? "incidents.json is there, so the site is only partly published"
                                  : "the previous site must serve its api/v2 files; check the address and access"};
      return false;
    }
    if (!parse_api_document(r->body, url, d.list_key, slot(site.api, d), problem)) return false;
  }
  site.api.exists = true;
  return true;
}

}  // namespace

bool parse_api_document(const std::string& text, const std::string& name, const char* list_key, nlohmann::json& doc,
                        PreviousSiteProblem& problem) {
  try {
    doc = nlohmann::json::parse(text);
  } catch (const nlohmann::json::parse_error& e) {
    problem = {name + ": not valid JSON (byte " + std::to_string(e.byte) + ")",
               "is this a sitrep or Statuspage api/v2 file? republish the site, or point --previous elsewhere"};
    return false;
  }
  if (!doc.is_object() || (list_key && (!doc.contains(list_key) || !doc[list_key].is_array()))) {
    problem = {name + ": not a Statuspage api/v2 document" +
                   (list_key ? std::string{" (no \""} + list_key + "\" list)" : std::string{" (not an object)"}),
               "point --previous at the published site (or its api/v2 folder)"};
    return false;
  }
  return true;
}

bool read_previous_site(const std::string& where, PreviousSite& site, PreviousSiteProblem& problem,
                        const FetchLimits& limits) {
  site = {};
  return is_url(where) ? read_url(where, limits, site, problem) : read_folder(where, site, problem);
}

}  // namespace sitrep
