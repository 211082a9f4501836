#include <doctest/doctest.h>

#include <stdexcept>
#include <string>

#include "model/key_positions.h"

using namespace sitrep;

TEST_CASE("key positions: each key's position, the first of a repeated key, nothing for a missing one") {
  const KeyPositions keys{{{"title", {3, 9}}, {"id", {1, 6}}, {"severity", {4, 12}}, {"id", {7, 1}}}};
  CHECK(keys.size() == 3);
  REQUIRE(keys.find("id"));
  CHECK(*keys.find("id") == SourcePos{1, 6});
  CHECK(*keys.find("title") == SourcePos{3, 9});
  CHECK(*keys.find("severity") == SourcePos{4, 12});
  CHECK_FALSE(keys.find("titl"));
  CHECK_FALSE(keys.find("titles"));
  CHECK_FALSE(keys.contains(""));
  CHECK(keys.contains("severity"));
  CHECK(KeyPositions{}.size() == 0);
  CHECK_FALSE(KeyPositions{}.find("id"));
}

TEST_CASE("key positions: the order keys were found in does not change the value") {
  const KeyPositions a{{{"b", {2, 1}}, {"a", {1, 1}}, {"ä", {3, 1}}}};
  const KeyPositions b{{{"ä", {3, 1}}, {"a", {1, 1}}, {"b", {2, 1}}}};
  CHECK(a == b);
  CHECK(*a.find("ä") == SourcePos{3, 1});
  CHECK_FALSE(a == KeyPositions{{{"a", {1, 1}}, {"b", {2, 2}}, {"ä", {3, 1}}}});
}

TEST_CASE("key positions: the packed form reads back, and a damaged one is refused") {
  const KeyPositions keys{{{"at", {5, 6}}, {"message", {6, 11}}, {"status", {7, 10}}}};
  CHECK(KeyPositions::from_packed(keys.packed()) == keys);
  CHECK(KeyPositions::from_packed("").size() == 0);
  const std::string packed = keys.packed();
  // Cut anywhere inside an entry: refused.
  for (std::size_t cut = 1; cut < packed.size(); ++cut) {
    if (cut == 12 + 2 || cut == 12 + 2 + 12 + 7) continue;  // whole entries: a shorter, valid list
    CHECK_THROWS_AS(KeyPositions::from_packed(packed.substr(0, cut)), std::invalid_argument);
  }
  CHECK(KeyPositions::from_packed(packed.substr(0, 14)).size() == 1);
  // A length past the end.
  std::string long_key = packed;
  long_key[0] = '\x7f';
  CHECK_THROWS_AS(KeyPositions::from_packed(long_key), std::invalid_argument);
  // Keys out of order (or repeated): refused, so find's answers stay those of one key each.
  const KeyPositions one{{{"a", {1, 1}}}};
  CHECK_THROWS_AS(KeyPositions::from_packed(keys.packed() + one.packed()), std::invalid_argument);
  CHECK_THROWS_AS(KeyPositions::from_packed(one.packed() + one.packed()), std::invalid_argument);
}
