#pragma once
// The status-page text a new update starts from, one template per update
// status: update_investigating.mustache, update_identified, update_monitoring,
// update_resolved (seed 002's "Status Page Template - Investigating /
// Mitigated / Resolved"). They are looked up like theme templates - the
// site's content/templates first, then the theme's templates folder - but
// rendered as plain text (Markdown for customers), so nothing is HTML-escaped.
#include <map>
#include <optional>
#include <string>
#include <string_view>

#include "model/model.h"
#include "util/diagnostic.h"

namespace sitrep {

// What a message template may use. Empty values are absent, so a template
// can write {{#next_update_by}}...{{/next_update_by}}.
struct MessageVars {
  std::string title;           // the incident's title
  std::string components;      // component names: "Authentication and Public API"
  std::string next_update_by;  // "09:44 PST", when the severity has an update cadence
};

// A plain-text template `name`.mustache as the site's content/templates or
// the theme's templates folder holds it (the site's copy wins); the comms
// formats (comms_email, comms_short, comms_slack) are read this way. A
// missing one is a missing-template error naming both places.
struct TemplateSource {
  std::string text;
  std::string origin;  // the file it came from, as diagnostics name it
};
std::optional<TemplateSource> read_message_template(const Model& model, std::string_view name, Diagnostics& diags);

// Trimmed, with runs of blank lines (left by empty sections) folded to one.
std::string tidy_message(const std::string& text);

class MessageTemplates {
 public:
  // Reads update_<status>.mustache for the four public statuses from the
  // site's overrides and the model's theme; a missing one is only an error
  // when it is needed (a message given on the command line needs none).
  static MessageTemplates load(const Model& model, Diagnostics& diags);

  void add(std::string status, std::string text, std::string origin = {});
  // The message for canonical `status`; nullopt (and a missing-template
  // error) when there is no template for it.
  std::optional<std::string> render(std::string_view status, const MessageVars& vars, Diagnostics& diags) const;

 private:
  std::string theme_dir_ = "themes/default/templates";  // for the error message
  std::map<std::string, std::string, std::less<>> texts_;
  std::map<std::string, std::string, std::less<>> origins_;
};

}  // namespace sitrep
