#include "render/pagination.h"

#include <algorithm>

namespace sitrep {

std::vector<PageRange> pack_pages(const std::vector<std::size_t>& weights, std::size_t budget) {
  std::vector<PageRange> pages{PageRange{}};
  std::size_t rows = 0;
  for (std::size_t i = 0; i < weights.size(); ++i) {
    const std::size_t weight = std::max<std::size_t>(1, weights[i]);
    if (rows > 0 && rows + weight > budget) {
      pages.push_back({i, i});
      rows = 0;
    }
    pages.back().end = i + 1;
    rows += weight;
  }
  return pages;
}

std::vector<PageRange> even_pages(std::size_t count, std::size_t per_page) {
  return pack_pages(std::vector<std::size_t>(count, 1), per_page);
}

Json pager_json(std::size_t page_no, std::size_t pages, const std::function<std::string(std::size_t)>& url_of) {
  if (pages <= 1) return nullptr;
  Json pager{{"page", page_no}, {"pages", pages}};
  if (page_no > 1) pager["prev_url"] = url_of(page_no - 1);
  if (page_no < pages) pager["next_url"] = url_of(page_no + 1);
  return pager;
}

std::string page_title_suffix(std::size_t page_no, std::size_t pages) {
  if (page_no <= 1) return {};
  return " (page " + std::to_string(page_no) + " of " + std::to_string(pages) + ")";
}

}  // namespace sitrep
