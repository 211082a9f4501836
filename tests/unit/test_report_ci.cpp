#include <doctest/doctest.h>

#include <sstream>

#include "cli/report_ci.h"
#include "util/diagnostic.h"

using namespace sitrep;

namespace {

// Two files, an error with a hint, a warning, a file-level problem, and a
// message holding every character GitHub encodes.
Diagnostics sample() {
  Diagnostics d;
  d.report("content/incidents/a.toml", {3, 12}, "unknown-severity", "unknown severity 'SEV9'", "did you mean 'SEV1'?");
  d.report("content/postmortems/b.md", {7, 1}, "action-overdue", "100% late: due 2026-04-10, still 'open'");
  d.report("content/site.toml", {}, "file-unreadable", "required file is missing");
  d.report("./content/x,y:z.toml", {2, 5}, "invalid-value", "a,b: c\r\nd%");
  d.sort();
  return d;
}

}  // namespace

TEST_CASE("github: one workflow command per diagnostic, escaped as actions/toolkit does") {
  std::ostringstream out;
  print_diagnostics_github(out, sample(), false);
  // "./content/..." sorts first: diagnostics are ordered by the path as reported.
  CHECK(out.str() ==
        "::error file=content/x%2Cy%3Az.toml,line=2,col=5,title=invalid-value::a,b: c%0D%0Ad%25\n"
        "::error file=content/incidents/a.toml,line=3,col=12,title=unknown-severity::unknown severity 'SEV9'%0Ahint: "
        "did you mean 'SEV1'?\n"
        "::warning file=content/postmortems/b.md,line=7,col=1,title=action-overdue::100%25 late: due 2026-04-10, still "
        "'open'\n"
        "::error file=content/site.toml,line=1,col=1,title=file-unreadable::required file is missing\n");
}

TEST_CASE("github: -q keeps errors only") {
  std::ostringstream out;
  print_diagnostics_github(out, sample(), true);
  CHECK(out.str().find("::warning") == std::string::npos);
  CHECK(out.str().find("::error file=content/site.toml") != std::string::npos);
}

TEST_CASE("github escaping: data and property values") {
  CHECK(github_escape_data("a%b\rc\nd:e,f") == "a%25b%0Dc%0Ad:e,f");
  CHECK(github_escape_data("red \x1b[31m!\x07") == "red \\x1b[31m!\\x07");  // no raw ESC in the log
  CHECK(github_escape_property("a%b\rc\nd:e,f") == "a%25b%0Dc%0Ad%3Ae%2Cf");
  CHECK(github_escape_data("%0A") == "%250A");  // an already-encoded look-alike stays literal
}

TEST_CASE("ci_path: forward slashes, no ./ or a/../") {
  CHECK(ci_path("./content/a.toml") == "content/a.toml");
  CHECK(ci_path("site/../content/a.toml") == "content/a.toml");
  CHECK(ci_path("site//content/a.toml") == "site/content/a.toml");
  CHECK(ci_path("/abs/site/content/a.toml") == "/abs/site/content/a.toml");
  CHECK(ci_path("content/site.toml") == "content/site.toml");
}

TEST_CASE("sarif: one run, rules that appear in id order, results with level, message and location") {
  std::ostringstream out;
  print_diagnostics_sarif(out, sample(), "1.2.3");
  CHECK(out.str() == R"({
  "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
  "version": "2.1.0",
  "runs": [
    {
      "tool": {
        "driver": {
          "name": "sitrep",
          "version": "1.2.3",
          "rules": [
            {
              "id": "action-overdue",
              "shortDescription": {
                "text": "An open action item past its due date"
              }
            },
            {
              "id": "file-unreadable",
              "shortDescription": {
                "text": "A required file is missing or cannot be read as a file"
              }
            },
            {
              "id": "invalid-value",
              "shortDescription": {
                "text": "A value out of its allowed form or range"
              }
            },
            {
              "id": "unknown-severity",
              "shortDescription": {
                "text": "A severity the policy does not define"
              }
            }
          ]
        }
      },
      "originalUriBaseIds": {
        "%SRCROOT%": {
          "description": {
            "text": "The directory sitrep check ran in; paths are relative to it"
          }
        }
      },
      "columnKind": "unicodeCodePoints",
      "results": [
        {
          "ruleId": "invalid-value",
          "ruleIndex": 2,
          "level": "error",
          "message": {
            "text": "a,b: c\r\nd%"
          },
          "locations": [
            {
              "physicalLocation": {
                "artifactLocation": {
                  "uri": "content/x%2Cy%3Az.toml",
                  "uriBaseId": "%SRCROOT%"
                },
                "region": {
                  "startLine": 2,
                  "startColumn": 5
                }
              }
            }
          ]
        },
        {
          "ruleId": "unknown-severity",
          "ruleIndex": 3,
          "level": "error",
          "message": {
            "text": "unknown severity 'SEV9'\nhint: did you mean 'SEV1'?"
          },
          "locations": [
            {
              "physicalLocation": {
                "artifactLocation": {
                  "uri": "content/incidents/a.toml",
                  "uriBaseId": "%SRCROOT%"
                },
                "region": {
                  "startLine": 3,
                  "startColumn": 12
                }
              }
            }
          ]
        },
        {
          "ruleId": "action-overdue",
          "ruleIndex": 0,
          "level": "warning",
          "message": {
            "text": "100% late: due 2026-04-10, still 'open'"
          },
          "locations": [
            {
              "physicalLocation": {
                "artifactLocation": {
                  "uri": "content/postmortems/b.md",
                  "uriBaseId": "%SRCROOT%"
                },
                "region": {
                  "startLine": 7,
                  "startColumn": 1
                }
              }
            }
          ]
        },
        {
          "ruleId": "file-unreadable",
          "ruleIndex": 1,
          "level": "error",
          "message": {
            "text": "required file is missing"
          },
          "locations": [
            {
              "physicalLocation": {
                "artifactLocation": {
                  "uri": "content/site.toml",
                  "uriBaseId": "%SRCROOT%"
                },
                "region": {
                  "startLine": 1,
                  "startColumn": 1
                }
              }
            }
          ]
        }
      ]
    }
  ]
}
)");
}

TEST_CASE("sarif: an absolute path is a file: URI without a base; spaces and non-ASCII are percent-encoded") {
  Diagnostics d;
  d.report("/srv/site/content/incidents/caf\xc3\xa9 1.toml", {1, 2}, "toml-syntax", "bad");
  std::ostringstream out;
  print_diagnostics_sarif(out, d, "0");
  CHECK(out.str().find(R"("artifactLocation": {
                  "uri": "file:///srv/site/content/incidents/caf%C3%A91.toml")") == std::string::npos);
  CHECK(out.str().find(R"("uri": "file:///srv/site/content/incidents/caf%C3%A9%201.toml"
                },)") != std::string::npos);
}

TEST_CASE("sarif: no diagnostics is an empty run, still valid") {
  std::ostringstream out;
  print_diagnostics_sarif(out, Diagnostics{}, "0");
  CHECK(out.str().find(R"("rules": [])") != std::string::npos);
  CHECK(out.str().find(R"("results": [])") != std::string::npos);
}

TEST_CASE("gitlab: Code Quality issues with a stable fingerprint") {
  const Diagnostics d = sample();
  std::ostringstream out;
  print_diagnostics_gitlab(out, d);
  const std::string fp0 = code_quality_fingerprint(d.all()[0]);
  const std::string fp1 = code_quality_fingerprint(d.all()[1]);
  const std::string fp2 = code_quality_fingerprint(d.all()[2]);
  const std::string fp3 = code_quality_fingerprint(d.all()[3]);
  CHECK(out.str() == R"([
  {
    "description": "a,b: c\r\nd%",
    "check_name": "invalid-value",
    "fingerprint": ")" + fp0 + R"(",
    "severity": "major",
    "location": {
      "path": "content/x,y:z.toml",
      "lines": {
        "begin": 2
      },
      "positions": {
        "begin": {
          "line": 2,
          "column": 5
        }
      }
    }
  },
  {
    "description": "unknown severity 'SEV9'\nhint: did you mean 'SEV1'?",
    "check_name": "unknown-severity",
    "fingerprint": ")" + fp1 + R"(",
    "severity": "major",
    "location": {
      "path": "content/incidents/a.toml",
      "lines": {
        "begin": 3
      },
      "positions": {
        "begin": {
          "line": 3,
          "column": 12
        }
      }
    }
  },
  {
    "description": "100% late: due 2026-04-10, still 'open'",
    "check_name": "action-overdue",
    "fingerprint": ")" + fp2 + R"(",
    "severity": "minor",
    "location": {
      "path": "content/postmortems/b.md",
      "lines": {
        "begin": 7
      },
      "positions": {
        "begin": {
          "line": 7,
          "column": 1
        }
      }
    }
  },
  {
    "description": "required file is missing",
    "check_name": "file-unreadable",
    "fingerprint": ")" + fp3 + R"(",
    "severity": "major",
    "location": {
      "path": "content/site.toml",
      "lines": {
        "begin": 1
      },
      "positions": {
        "begin": {
          "line": 1,
          "column": 1
        }
      }
    }
  }
]
)");
}

TEST_CASE("gitlab fingerprint: fixed value, and every part of the finding changes it") {
  Diagnostics d;
  d.report("content/site.toml", {1, 1}, "file-unreadable", "required file is missing");
  // FNV-1a 64 over the parts joined by NUL bytes, computed by hand (python).
  CHECK(code_quality_fingerprint(d.all()[0]) == "e55b4063f4662a5f");
  d.report("content/site.toml", {1, 2}, "file-unreadable", "required file is missing");
  d.report("content/site.tom", {1, 1}, "file-unreadable", "required file is missing");
  d.report("content/site.toml", {1, 1}, "file-too-large", "required file is missing");
  d.report("content/site.toml", {1, 1}, "file-unreadable", "required file is missin");
  d.report("./content/site.toml", {1, 1}, "file-unreadable", "required file is missing");
  for (std::size_t i = 1; i < 5; ++i)
    CHECK(code_quality_fingerprint(d.all()[i]) != code_quality_fingerprint(d.all()[0]));
  CHECK(code_quality_fingerprint(d.all()[5]) == code_quality_fingerprint(d.all()[0]));  // the same file
  for (const auto& x : d.all()) CHECK(code_quality_fingerprint(x).size() == 16);
}

TEST_CASE("every rule has a one-line summary for SARIF") {
  for (const auto& r : RulePolicy::known_rules()) {
    CAPTURE(r);
    CHECK_FALSE(RulePolicy::summary_of(r).empty());
  }
  CHECK(RulePolicy::summary_of("no-such-rule").empty());
}
