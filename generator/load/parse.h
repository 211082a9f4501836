#pragma once
// Pure parsers: text in, model out, problems into `diags`. They never throw
// and never touch the file system; load_site.cpp does the reading.
#include <optional>
#include <string>
#include <string_view>

#include "model/model.h"
#include "util/diagnostic.h"

namespace sitrep {

SiteConfig parse_site(std::string_view text, const std::string& path, Diagnostics& diags);
Components parse_components(std::string_view text, const std::string& path, Diagnostics& diags);
SeverityPolicy parse_severity_schema(std::string_view text, const std::string& path, Diagnostics& diags);
PostmortemTemplate parse_postmortem_schema(std::string_view text, const std::string& path, Diagnostics& diags);
std::optional<Incident> parse_incident(std::string_view text, const std::string& path, TimeZone zone,
                                       Diagnostics& diags);
std::optional<Maintenance> parse_maintenance(std::string_view text, const std::string& path, TimeZone zone,
                                             Diagnostics& diags);
std::optional<Postmortem> parse_postmortem(std::string_view text, const std::string& path, Diagnostics& diags);

}  // namespace sitrep
