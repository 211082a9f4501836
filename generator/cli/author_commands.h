#pragma once
// `sitrep new incident|update|maintenance|postmortem` and `sitrep comms`:
// load the site, call the author/ library, print its problems, write.
#include <iosfwd>
#include <string>
#include <vector>

#include "author/new_update.h"
#include "cli/options.h"

namespace sitrep {

// What the authoring commands read from the command line. Defaults here.
struct AuthorOptions {
  std::string title, severity, type, message;
  std::vector<std::string> components;
  std::string commander, scribe, comms;
  std::vector<std::string> roles;  // ROLE=NAME
  bool internal = false;
  std::string incident;                  // update, postmortem, comms
  std::string status;                    // update
  std::vector<std::string> set_components;  // update: ID=STATUS
  std::string start, end;                // maintenance, RFC 3339
  std::string started_at, detected_at;   // incident: times as typed (local or RFC 3339)
  std::string at;                        // update and lifecycle steps: when (default: now)
  std::string by;                        // who: the timeline entry's owner
  bool dry_run = false;                  // print the file, write nothing
  std::string comms_format = "chat";     // comms: chat (internal) | email | short | slack | json
};

int run_new_incident(const CommonOptions& c, const AuthorOptions& o, TimePoint now, std::ostream& out, std::ostream& err);
// `sitrep new update` (Step::update) and the lifecycle verbs ack, mitigate,
// resolve, reopen.
int run_step(const CommonOptions& c, const AuthorOptions& o, Step step, TimePoint now, std::ostream& out,
             std::ostream& err);
int run_new_maintenance(const CommonOptions& c, const AuthorOptions& o, TimePoint now, std::ostream& out,
                        std::ostream& err);
int run_new_postmortem(const CommonOptions& c, const AuthorOptions& o, TimePoint now, std::ostream& out,
                       std::ostream& err);
int run_comms(const CommonOptions& c, const AuthorOptions& o, TimePoint now, std::ostream& out, std::ostream& err);

}  // namespace sitrep
