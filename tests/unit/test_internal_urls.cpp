// Names of internal pages: owner pages of the follow-up tracker never collide.
#include <doctest/doctest.h>

#include <set>

#include "render/internal_urls.h"

using namespace sitrep;

TEST_CASE("owner pages: a readable slug and 8 hex digits of the exact name's FNV-1a") {
  CHECK(internal_urls::owner("Zoë Ångström") == "followups/zoe-angstrom-5ba28b18.html");
  CHECK(internal_urls::owner("Zoé Ångström") == "followups/zoe-angstrom-b1a3cbe0.html");
  CHECK(internal_urls::owner("李雷") == "followups/owner-c64a9560.html");
  CHECK(internal_urls::owner("王芳") == "followups/owner-815adcc0.html");
  CHECK(internal_urls::owner("J. Smith") == "followups/j-smith-27ee53e7.html");
  CHECK(internal_urls::owner("J Smith") == "followups/j-smith-e6ded87e.html");
  CHECK(internal_urls::owner("j smith") == "followups/j-smith-bb165118.html");
  CHECK(internal_urls::owner("Backend Lead") == "followups/backend-lead-a540dfda.html");
  CHECK(internal_urls::owner("") == "followups/no-owner.html");
}

TEST_CASE("owner pages: distinct names give distinct, safe file names") {
  const char* names[] = {"Zoë Ångström", "Zoé Ångström", "zoe angstrom", "李雷", "王芳", "J. Smith", "J Smith",
                         "j smith", "J_Smith", "", "no owner", "No-Owner", "../etc/passwd", "a/b", ".hidden"};
  std::set<std::string> pages;
  for (const char* name : names) {
    const std::string page = internal_urls::owner(name);
    INFO(name, " -> ", page);
    pages.insert(page);
    CHECK(page.rfind("followups/", 0) == 0);
    const std::string file = page.substr(10);
    CHECK(file.size() <= 64);
    CHECK(file.find_first_not_of("abcdefghijklmnopqrstuvwxyz0123456789-.") == std::string::npos);
    CHECK(file[0] != '.');
    CHECK(file.substr(file.size() - 5) == ".html");
  }
  CHECK(pages.size() == std::size(names));
  // Long names are cut at a word; the hash still tells them apart.
  CHECK(internal_urls::owner(std::string(100, 'x') + " a") != internal_urls::owner(std::string(100, 'x') + " b"));
  CHECK(internal_urls::owner("Site Reliability Engineering On-Call Rotation Team West") ==
        "followups/site-reliability-engineering-on-call-359dbfb1.html");
}
