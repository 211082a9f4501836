// The follow-up tracker: the most overdue items first; every action item on
// the pages of its owner (overdue, open, then done); and by incident, in
// full for the incidents with open items, one line for those whose items
// are all closed (their page lists the items). Every list is cut into pages
// (render/pagination.h), so no page grows with the history.
#include <algorithm>
#include <set>

#include "render/internal_pages.h"
#include "render/internal_urls.h"
#include "render/pagination.h"

namespace sitrep {
namespace {

std::string plural(std::size_t n, const char* one, const char* many) {
  return std::to_string(n) + " " + (n == 1 ? one : many);
}

std::string counts_text(const FollowUpGroup& g) {
  return plural(g.items.size(), "item", "items") + ", " + std::to_string(g.open) + " open, " +
         std::to_string(g.overdue) + " overdue";
}

Json items_json(const InternalContext& ctx, const std::vector<std::size_t>& indexes, std::string_view root) {
  Json items = Json::array();
  for (std::size_t i : indexes) items.push_back(follow_up_json(ctx, ctx.followups.items[i], root));
  return Json{{"items", items}};
}

// What needs doing first: overdue, then open, then done; the group's order
// (soonest due first) within each, so closed items fill the last pages.
std::vector<std::size_t> open_first(const InternalContext& ctx, std::vector<std::size_t> items) {
  const auto rank = [&](std::size_t i) {
    const FollowUp& f = ctx.followups.items[i];
    return f.is_overdue ? 0 : f.is_open ? 1 : 2;
  };
  std::stable_sort(items.begin(), items.end(), [&](std::size_t a, std::size_t b) { return rank(a) < rank(b); });
  return items;
}


// internal_urls::owner for each group; should two names still meet (same
// slug and hash), the later owner in name order gets "-x2" and so on (a
// letter: "-2" is the owner's second page, internal_urls::nth_page).
std::vector<std::string> owner_paths(const std::vector<FollowUpGroup>& groups) {
  std::set<std::string> taken;
  std::vector<std::string> out;
  for (const auto& g : groups) {
    const std::string base = internal_urls::owner(g.key);
    std::string path = base;
    for (int n = 2; taken.count(path); ++n)
      path = base.substr(0, base.size() - 5) + "-x" + std::to_string(n) + ".html";
    taken.insert(path);
    out.push_back(std::move(path));
  }
  return out;
}

// An owner's items, a page per ctx.rows_per_page(): "followups/<owner>.html",
// then "<owner>-2.html" and on.
Outputs owner_pages(const InternalContext& ctx, const std::vector<std::string>& paths) {
  Outputs out;
  const auto& groups = ctx.followups.by_owner;
  for (std::size_t g = 0; g < groups.size(); ++g) {
    const std::string name = groups[g].key.empty() ? "(no owner)" : groups[g].key;
    const std::vector<std::size_t> items = open_first(ctx, groups[g].items);
    const std::vector<PageRange> pages = even_pages(items.size(), ctx.rows_per_page());
    for (std::size_t p = 0; p < pages.size(); ++p) {
      const std::string path = internal_urls::nth_page(paths[g], p + 1);
      Json page = internal_page_json(ctx, path, "Follow-ups of " + name + page_title_suffix(p + 1, pages.size()),
                                     InternalSection::followups);
      page["owner_name"] = name;
      page["counts"] = counts_text(groups[g]);
      page["list"] = items_json(ctx, {items.begin() + pages[p].begin, items.begin() + pages[p].end},
                                page["root"].get<std::string>());
      // Links between an owner's pages are to files in the same folder.
      page["pager"] = pager_json(p + 1, pages.size(), [&](std::size_t n) {
        const std::string url = internal_urls::nth_page(paths[g], n);
        return url.substr(url.rfind('/') + 1);
      });
      out.push_back(render_internal_page(ctx, "internal_followup_owner", path, page));
    }
  }
  return out;
}

// Incidents with open items first, each with its items in full; then one
// line per incident whose items are all closed. An open group weighs its
// rows, so a page holds about ctx.rows_per_page() rows of either kind.
Outputs by_incident_pages(const InternalContext& ctx) {
  std::vector<Json> groups;
  std::vector<std::size_t> weights;
  std::size_t open_count = 0;
  for (int open_pass = 1; open_pass >= 0; --open_pass)
    for (const auto& g : ctx.followups.by_incident) {
      if ((g.open > 0) != (open_pass == 1)) continue;
      Json j{{"incident", incident_ref_json(ctx, g.key, "")},
             {"group_name", g.key.empty() ? "(no incident)" : g.key},
             {"anchor", "incident-" + internal_urls::segment(g.key)},
             {"counts", counts_text(g)},
             {"has_overdue", g.overdue > 0}};
      if (open_pass == 1) {
        j["list"] = items_json(ctx, g.items, "");
        ++open_count;
      }
      groups.push_back(std::move(j));
      weights.push_back(open_pass == 1 ? 2 + g.items.size() : 1);  // heading and counts, then a row per item
    }
  const std::vector<PageRange> pages = pack_pages(weights, ctx.rows_per_page());
  const std::string first{internal_urls::k_followups_by_incident};
  Outputs out;
  for (std::size_t p = 0; p < pages.size(); ++p) {
    const std::string path = internal_urls::nth_page(first, p + 1);
    Json page = internal_page_json(ctx, path, "Follow-ups by incident" + page_title_suffix(p + 1, pages.size()),
                                   InternalSection::followups);
    Json open = Json::array(), closed = Json::array();
    for (std::size_t i = pages[p].begin; i < pages[p].end; ++i) (i < open_count ? open : closed).push_back(groups[i]);
    const bool last = p + 1 == pages.size();
    // Page 1 always says whether any incident has open items; the closed
    // section is on the pages that hold some, or says "None." on the last.
    page["open_section"] = p == 0 || !open.empty();
    page["closed_section"] = !closed.empty() || (last && open_count == groups.size());
    page["open_groups"] = open;
    page["closed_groups"] = closed;
    page["pager"] = pager_json(p + 1, pages.size(), [&](std::size_t n) { return internal_urls::nth_page(first, n); });
    out.push_back(render_internal_page(ctx, "internal_followup_incidents", path, page));
  }
  return out;
}

}  // namespace

Outputs render_internal_followups(const InternalContext& ctx) {
  const FollowUpReport& r = ctx.followups;
  const std::string path{internal_urls::k_followups};
  Json page = internal_page_json(ctx, path, "Follow-up tracker", InternalSection::followups);
  page["today"] = format_date(r.today);
  page["total"] = std::to_string(r.items.size());
  page["open"] = std::to_string(r.open);
  page["overdue_count"] = std::to_string(r.overdue);
  page["closed"] = std::to_string(r.closed);
  Json statuses = Json::array();
  for (const auto& [status, n] : r.by_status)
    statuses.push_back({{"label", status.empty() ? "(no status)" : word_label(status)}, {"count", std::to_string(n)}});
  page["statuses"] = statuses;

  // Most overdue first: the oldest promise is the one to chase.
  std::vector<std::size_t> overdue;
  for (std::size_t i = 0; i < r.items.size(); ++i)
    if (r.items[i].is_overdue) overdue.push_back(i);
  std::stable_sort(overdue.begin(), overdue.end(),
                   [&](std::size_t a, std::size_t b) { return r.items[a].days_overdue > r.items[b].days_overdue; });
  // The most overdue only, so the tracker stays one page however long items
  // are left open; the rest are on their owners' pages, overdue first.
  if (overdue.size() > ctx.rows_per_page()) {
    page["overdue_more"] = "The " + std::to_string(ctx.rows_per_page()) + " most overdue of " +
                           std::to_string(overdue.size()) +
                           " overdue items; each owner’s pages list all of theirs, overdue first.";
    overdue.resize(ctx.rows_per_page());
  }
  page["overdue"] = items_json(ctx, overdue, "");

  const std::vector<std::string> paths = owner_paths(r.by_owner);
  Json owners = Json::array();
  for (std::size_t g = 0; g < r.by_owner.size(); ++g) {
    const FollowUpGroup& group = r.by_owner[g];
    owners.push_back({{"group_name", group.key.empty() ? "(no owner)" : group.key},
                      {"url", paths[g]},
                      {"total", std::to_string(group.items.size())},
                      {"open", std::to_string(group.open)},
                      {"overdue_n", std::to_string(group.overdue)},
                      {"has_overdue", group.overdue > 0}});
  }
  page["owners"] = owners;
  Outputs out{render_internal_page(ctx, "internal_followups", path, page)};
  for (Outputs part : {owner_pages(ctx, paths), by_incident_pages(ctx)})
    for (auto& f : part) out.push_back(std::move(f));
  return out;
}

}  // namespace sitrep
