#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "util/multi_search.h"

using namespace sitrep;

namespace {
std::vector<std::size_t> all(const MultiSearch& s, std::string_view text) {
  std::vector<std::size_t> out;
  s.scan(text, [&](std::size_t i) {
    out.push_back(i);
    return true;
  });
  return out;
}
}  // namespace

TEST_CASE("multi_search: every occurrence of every pattern, overlapping ones too") {
  const MultiSearch s({"he", "she", "his", "hers", "", "she"});
  CHECK(all(s, "ushers") == std::vector<std::size_t>{1, 0, 3});  // she, he (ending at 'e'), hers
  CHECK(all(s, "his hers") == std::vector<std::size_t>{2, 0, 3});
  CHECK(all(s, "nothing here").size() == 1);  // "he" of "here"
  CHECK(all(s, "").empty());
  CHECK(all(MultiSearch(std::vector<std::string>{}), "anything").empty());
}

TEST_CASE("multi_search: overlapping candidates at one start, verified in full, and stopping early") {
  const MultiSearch s({"abcd", "bc", "bcx"});
  CHECK(all(s, "abcx") == std::vector<std::size_t>{1, 2});
  CHECK(all(s, "abcd") == std::vector<std::size_t>{0, 1});  // by where they start
  std::size_t calls = 0;
  s.scan("bc bc bc", [&](std::size_t) { return ++calls < 2; });
  CHECK(calls == 2);
}

TEST_CASE("multi_search: a pattern longer than the window is matched only in full, also at the end of the text") {
  const MultiSearch s({"internal root cause", "internal", "root"});
  CHECK(all(s, "the internal root") == std::vector<std::size_t>{1, 2});  // the long one runs past the end
  CHECK(all(s, "internal root causes") == std::vector<std::size_t>{0, 1, 2});
  CHECK(all(s, "internal root cause!").front() == 0);
  CHECK(all(s, "interna").empty());  // shorter than every pattern
}

TEST_CASE("multi_search: many patterns sharing one opening, each found only where it is whole") {
  // Thousands of lines opening alike (real content repeats its openings):
  // found by their text, not by trying each.
  std::vector<std::string> patterns;
  for (int i = 0; i < 3000; ++i) patterns.push_back("We are investigating the " + std::to_string(i) + " issue");
  patterns.push_back("We are investigating the 12");        // a prefix of others
  patterns.push_back("We are investigating the 12 issue");  // a duplicate of pattern 12: reported as 12
  patterns.push_back("We are investigating");              // a prefix of all
  const MultiSearch s(patterns);
  CHECK(all(s, "We are investigating the 12 issue.") == std::vector<std::size_t>{12, 3000, 3002});
  CHECK(all(s, "We are investigating the 1299 issue") == std::vector<std::size_t>{1299, 3000, 3002});
  CHECK(all(s, "We are investigating the 129 issues") == std::vector<std::size_t>{129, 3000, 3002});
  CHECK(all(s, "We are investigating the 3000 issue") == std::vector<std::size_t>{3002});
  CHECK(all(s, "We are investigating the 12") == std::vector<std::size_t>{3000, 3002});
  CHECK(all(s, "We are investigating the 1") == std::vector<std::size_t>{3002});
  CHECK(all(s, "x We are investigating the 7 issue; We are investigating the 8 issue") ==
        std::vector<std::size_t>{7, 3002, 8, 3002});
  // Against the plain definition: every pattern at every start, by comparison.
  const std::string text = "We are investigating the 2999 issue and We are investigating the 5 issue!";
  std::vector<std::size_t> expected;
  for (std::size_t start = 0; start < text.size(); ++start)
    for (std::size_t p = 0; p < patterns.size(); ++p)
      if (p != 3001 && text.compare(start, patterns[p].size(), patterns[p]) == 0) expected.push_back(p);
  CHECK(all(s, text) == expected);
}

TEST_CASE("multi_search over views: the same finds as over strings, duplicates under their first index") {
  const std::string text = "the internal root cause, the internal root cause again, and the root";
  const std::vector<std::string> owned = {"root cause again", "internal root", "root cause again", "", "root"};
  std::vector<std::string_view> views(owned.begin(), owned.end());
  const MultiSearch by_string(owned);
  const MultiSearch by_view = MultiSearch::over_views(views);
  CHECK(all(by_view, text) == all(by_string, text));
  CHECK(all(by_view, text) == std::vector<std::size_t>{1, 4, 1, 0, 4, 4});  // at one start, in pattern order
  MultiSearch moved = MultiSearch::over_views(views);  // a move keeps the views valid
  const MultiSearch target = std::move(moved);
  CHECK(all(target, text) == all(by_string, text));
}

TEST_CASE("multi_search from its tables: the same finds as the search it was saved from; tables of other patterns refused") {
  std::vector<std::string> owned;
  for (int i = 0; i < 500; ++i) owned.push_back("We are investigating the " + std::to_string(i) + " issue");
  owned.push_back("We are investigating the 12");  // a prefix of others
  owned.push_back("We are investigating the 12 issue");  // a duplicate: reported under 12
  owned.push_back("root cause");
  owned.push_back("");
  const std::vector<std::string_view> views(owned.begin(), owned.end());
  const MultiSearch built = MultiSearch::over_views(views);
  const std::string tables = built.tables();
  const auto loaded = MultiSearch::from_tables(views, tables);
  REQUIRE(loaded);
  const std::string text = "the root cause: We are investigating the 12 issue; We are investigating the 499 issue";
  CHECK(all(*loaded, text) == all(built, text));
  CHECK(all(*loaded, text) == std::vector<std::size_t>{502, 12, 500, 499});

  // One pattern fewer, one changed (its opening hashes otherwise), the
  // tables cut short or with a byte more: no search.
  CHECK_FALSE(MultiSearch::from_tables({views.begin(), views.end() - 1}, tables));
  std::vector<std::string_view> changed = views;
  changed[7] = "Xe are investigating the 7 issue";
  CHECK_FALSE(MultiSearch::from_tables(changed, tables));
  CHECK_FALSE(MultiSearch::from_tables(views, std::string_view(tables).substr(0, tables.size() - 1)));
  CHECK_FALSE(MultiSearch::from_tables(views, tables + "x"));
  // A group's bounds out of order (the first entry's `last`, after its
  // hash, set past the end of by_text_).
  std::string bad = tables;
  const std::size_t first_entry = 4 * 8 + (owned.size() - 2) * 4;  // count, window, n, indices, entries
  const std::uint32_t huge = 1u << 30;
  bad.replace(first_entry + 8 + 4, 4, reinterpret_cast<const char*>(&huge), 4);
  CHECK_FALSE(MultiSearch::from_tables(views, bad));
  // No patterns at all: an empty search, found from its tables too.
  const MultiSearch none = MultiSearch::over_views({});
  const auto none_loaded = MultiSearch::from_tables({}, none.tables());
  REQUIRE(none_loaded);
  CHECK(all(*none_loaded, "anything").empty());
}
