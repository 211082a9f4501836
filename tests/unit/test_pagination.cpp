#include <doctest/doctest.h>

#include "model/model.h"
#include "render/internal_urls.h"
#include "render/pagination.h"
#include "render/urls.h"

using namespace sitrep;

namespace {

std::vector<std::pair<std::size_t, std::size_t>> ranges(const std::vector<PageRange>& pages) {
  std::vector<std::pair<std::size_t, std::size_t>> out;
  for (const auto& p : pages) out.emplace_back(p.begin, p.end);
  return out;
}

}  // namespace

TEST_CASE("even_pages: a fixed number a page, the last one shorter, never none") {
  using R = std::vector<std::pair<std::size_t, std::size_t>>;
  CHECK(ranges(even_pages(0)) == R{{0, 0}});
  CHECK(ranges(even_pages(1)) == R{{0, 1}});
  CHECK(ranges(even_pages(k_rows_per_page)) == R{{0, k_rows_per_page}});
  CHECK(ranges(even_pages(k_rows_per_page + 1)) == R{{0, k_rows_per_page}, {k_rows_per_page, k_rows_per_page + 1}});
  CHECK(ranges(even_pages(5, 2)) == R{{0, 2}, {2, 4}, {4, 5}});
}

TEST_CASE("pack_pages: items by weight, never split, never dropped") {
  using R = std::vector<std::pair<std::size_t, std::size_t>>;
  CHECK(ranges(pack_pages({3, 3, 3, 3}, 6)) == R{{0, 2}, {2, 4}});
  // Heavier than a page: a page of its own.
  CHECK(ranges(pack_pages({1, 10, 1}, 6)) == R{{0, 1}, {1, 2}, {2, 3}});
  // A weight of 0 counts as 1, so no page holds unbounded items.
  CHECK(ranges(pack_pages({0, 0, 0}, 2)) == R{{0, 2}, {2, 3}});
}

TEST_CASE("pager_json: none for one page; previous and next links otherwise") {
  const auto url = [](std::size_t n) { return internal_urls::nth_page("postmortems.html", n); };
  CHECK(pager_json(1, 1, url).is_null());
  const Json first = pager_json(1, 3, url);
  CHECK(first["page"] == 1);
  CHECK(first["pages"] == 3);
  CHECK_FALSE(first.contains("prev_url"));
  CHECK(first["next_url"] == "postmortems-2.html");
  const Json last = pager_json(3, 3, url);
  CHECK(last["prev_url"] == "postmortems-2.html");
  CHECK_FALSE(last.contains("next_url"));
  CHECK(pager_json(2, 3, url)["prev_url"] == "postmortems.html");
  CHECK(page_title_suffix(1, 3) == "");
  CHECK(page_title_suffix(2, 3) == " (page 2 of 3)");
}

TEST_CASE("URLs of later pages") {
  CHECK(internal_urls::nth_page("followups-by-incident.html", 1) == "followups-by-incident.html");
  CHECK(internal_urls::nth_page("followups-by-incident.html", 2) == "followups-by-incident-2.html");
  CHECK(internal_urls::nth_page(internal_urls::incidents_of_year("2024"), 3) == "incidents-2024-3.html");
  CHECK(internal_urls::nth_page("followups/zoe-1a2b3c4d.html", 2) == "followups/zoe-1a2b3c4d-2.html");
  CHECK(urls::history_month_page("2026-04", 1) == "history/2026-04/");
  CHECK(urls::history_month_page("2026-04", 2) == "history/2026-04/page/2/");
}

TEST_CASE("pagination: site.toml's internal_rows_per_page defaults to k_rows_per_page") {
  CHECK(static_cast<std::size_t>(SiteConfig{}.internal_rows_per_page) == k_rows_per_page);
}
