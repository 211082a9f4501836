#pragma once
// Static files as published. The files of the theme's static/ folder are
// the assets its templates link to (style.css, favicon.svg, fonts): they are
// published under a name carrying a short hash of their bytes
// ("style.3f2a9c1b.css"), so a host may cache them for a year and a changed
// file is a new URL. A site file in content/static at the same path replaces
// the theme's and is named by its own bytes. Every other site file (images,
// verification files) keeps its name: something outside the site may link to it.
// Templates reach the names through `assets` (render/templates.h).
// Nothing rewrites a stylesheet: a theme font that style.css loads with
// url() would need its hashed name there (the default theme has none).
#include <nlohmann/json_fwd.hpp>

#include <cstdint>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "render/output.h"

namespace sitrep {

struct StaticFile {
  std::string path;  // relative to the static folder
  std::string bytes;
  bool theme_asset = false;  // the theme has a file at this path (the site's may replace it)
};

struct StaticAssets {
  Outputs files;                              // every static file under its published name, sorted
  std::map<std::string, std::string> hashed;  // theme asset path -> published name

  // {"style_css": "style.3f2a9c1b.css", ...}: every '.' and '/' of the path is '_'.
  nlohmann::ordered_json template_data() const;
  // The published theme assets (what the internal tree copies).
  Outputs hashed_files() const;
  // Changes when any published name changes, so with any asset's bytes
  // (render/incremental.h: every page names them).
  std::uint64_t fingerprint() const;
};

// "css/style.css" + bytes -> "css/style.<8 hex digits of stable_hash>.css".
std::string hashed_name(std::string_view path, std::string_view bytes);

StaticAssets publish_static_files(std::vector<StaticFile> files);

}  // namespace sitrep
