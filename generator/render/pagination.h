#pragma once
// Long lists cut into pages of about the same size, so that no page grows
// with the length of the history (issue 12): the lists of site/internal and
// the public history's month pages. Pure: weights in, page ranges out.
#include <cstddef>
#include <functional>
#include <string>
#include <vector>

#include "render/html_common.h"

namespace sitrep {

// Rows on one page. A hundred one-line rows is a list people still scan
// and a browser lays out at once (tens of KB of table); an item drawn as a
// block (an incident's SLA clocks, an incident's open follow-ups) weighs
// its rows, so every page stays about this size whatever the site holds.
// The default of site.toml's internal_rows_per_page (model.h), which the
// internal lists use; the public archive has its own history_per_page.
inline constexpr std::size_t k_rows_per_page = 100;

// Items [begin, end) of one page.
struct PageRange {
  std::size_t begin = 0, end = 0;
};

// Consecutive items packed in order into pages of at most `budget` rows,
// item i weighing weights[i] (at least 1). An item heavier than the budget
// gets a page of its own: an item is never split, and never dropped. Always
// at least one page, an empty one when there are no items.
std::vector<PageRange> pack_pages(const std::vector<std::size_t>& weights, std::size_t budget = k_rows_per_page);
// `count` items of one row each.
std::vector<PageRange> even_pages(std::size_t count, std::size_t per_page = k_rows_per_page);

// The `pager` a paginated internal page receives (partial internal_pager):
// {"page", "pages", "prev_url", "next_url"}, where url_of(n) is the URL of
// page n (1-based) as linked from this page; null for a list of one page,
// which needs no pager.
Json pager_json(std::size_t page_no, std::size_t pages, const std::function<std::string(std::size_t)>& url_of);

// " (page 2 of 5)" after the title of a later page, so that tabs and the
// browser's history tell the pages apart; nothing on the first.
std::string page_title_suffix(std::size_t page_no, std::size_t pages);

}  // namespace sitrep
