#include "render/static_assets.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cstdio>

#include "util/hash.h"

namespace sitrep {

std::string hashed_name(std::string_view path, std::string_view bytes) {
  char hex[17];
  std::snprintf(hex, sizeof hex, "%016llx", static_cast<unsigned long long>(stable_hash(bytes)));
  const std::size_t slash = path.rfind('/');
  const std::size_t name = slash == std::string_view::npos ? 0 : slash + 1;
  std::size_t dot = path.rfind('.');
  if (dot == std::string_view::npos || dot <= name) dot = path.size();  // no extension, or a dotfile
  return std::string{path.substr(0, dot)} + "." + std::string{hex, 8} + std::string{path.substr(dot)};
}

StaticAssets publish_static_files(std::vector<StaticFile> files) {
  StaticAssets out;
  for (auto& f : files) {
    std::string name = f.path;
    if (f.theme_asset) {
      name = hashed_name(f.path, f.bytes);
      out.hashed[f.path] = name;
    }
    out.files.push_back({std::move(name), std::move(f.bytes)});
  }
  std::sort(out.files.begin(), out.files.end(), [](const OutputFile& a, const OutputFile& b) { return a.path < b.path; });
  return out;
}

nlohmann::ordered_json StaticAssets::template_data() const {
  nlohmann::ordered_json out = nlohmann::ordered_json::object();
  for (const auto& [path, name] : hashed) {
    std::string key = path;
    std::replace_if(key.begin(), key.end(), [](char c) { return c == '.' || c == '/'; }, '_');
    out[key] = name;
  }
  return out;
}

Outputs StaticAssets::hashed_files() const {
  Outputs out;
  for (const auto& f : files)
    if (std::any_of(hashed.begin(), hashed.end(), [&](const auto& h) { return h.second == f.path; })) out.push_back(f);
  return out;
}

std::uint64_t StaticAssets::fingerprint() const {
  std::uint64_t h = 0;
  for (const auto& [path, name] : hashed) h = hash_mix(hash_mix(h, path), name);
  return h;
}

}  // namespace sitrep
