#pragma once
// `sitrep new incident|update|maintenance|postmortem` and `sitrep comms`:
// load the site, call the author/ library, print its problems, write.
#include <iosfwd>
#include <string>
#include <vector>

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
  bool dry_run = false;                  // print the file, write nothing
};

int run_new_incident(const CommonOptions& c, const AuthorOptions& o, TimePoint now, std::ostream& out, std::ostream& err);
int run_new_update(const CommonOptions& c, const AuthorOptions& o, TimePoint now, std::ostream& out, std::ostream& err);
int run_new_maintenance(const CommonOptions& c, const AuthorOptions& o, TimePoint now, std::ostream& out,
                        std::ostream& err);
int run_new_postmortem(const CommonOptions& c, const AuthorOptions& o, TimePoint now, std::ostream& out,
                       std::ostream& err);
int run_comms(const CommonOptions& c, const AuthorOptions& o, TimePoint now, std::ostream& out, std::ostream& err);

}  // namespace sitrep
