// The follow-up tracker: what is overdue first; every action item on a page
// per owner (open, overdue and done); and by incident, in full for the
// incidents with open items. Incidents whose items are all closed get one
// line each (their page lists the items), so no page holds the whole history.
#include <algorithm>
#include <set>

#include "render/internal_pages.h"
#include "render/internal_urls.h"

namespace sitrep {
namespace {

std::string plural(std::size_t n, const char* one, const char* many) {
  return std::to_string(n) + " " + (n == 1 ? one : many);
}

std::string counts_text(const FollowUpGroup& g) {
  return plural(g.items.size(), "item", "items") + ", " + std::to_string(g.open) + " open, " +
         std::to_string(g.overdue) + " overdue";
}

Json items_json(const InternalContext& ctx, const FollowUpGroup& g, std::string_view root) {
  Json items = Json::array();
  for (std::size_t i : g.items) items.push_back(follow_up_json(ctx, ctx.followups.items[i], root));
  return Json{{"items", items}};
}

// internal_urls::owner for each group; should two names still meet (same
// slug and hash), the later owner in name order gets "-2" and so on.
std::vector<std::string> owner_paths(const std::vector<FollowUpGroup>& groups) {
  std::set<std::string> taken;
  std::vector<std::string> out;
  for (const auto& g : groups) {
    const std::string base = internal_urls::owner(g.key);
    std::string path = base;
    for (int n = 2; taken.count(path); ++n)
      path = base.substr(0, base.size() - 5) + "-" + std::to_string(n) + ".html";
    taken.insert(path);
    out.push_back(std::move(path));
  }
  return out;
}

Outputs owner_pages(const InternalContext& ctx, const std::vector<std::string>& paths) {
  Outputs out;
  const auto& groups = ctx.followups.by_owner;
  for (std::size_t g = 0; g < groups.size(); ++g) {
    const std::string& path = paths[g];
    const std::string name = groups[g].key.empty() ? "(no owner)" : groups[g].key;
    Json page = internal_page_json(ctx, path, "Follow-ups of " + name, InternalSection::followups);
    page["owner_name"] = name;
    page["counts"] = counts_text(groups[g]);
    page["list"] = items_json(ctx, groups[g], page["root"].get<std::string>());
    out.push_back(render_internal_page(ctx, "internal_followup_owner", path, page));
  }
  return out;
}

Outputs by_incident_page(const InternalContext& ctx) {
  const std::string path{internal_urls::k_followups_by_incident};
  Json page = internal_page_json(ctx, path, "Follow-ups by incident", InternalSection::followups);
  Json open = Json::array(), closed = Json::array();
  for (const auto& g : ctx.followups.by_incident) {
    Json j{{"incident", incident_ref_json(ctx, g.key, "")},
           {"group_name", g.key.empty() ? "(no incident)" : g.key},
           {"anchor", "incident-" + internal_urls::segment(g.key)},
           {"counts", counts_text(g)},
           {"has_overdue", g.overdue > 0}};
    if (g.open > 0) {
      j["list"] = items_json(ctx, g, "");
      open.push_back(std::move(j));
    } else {
      closed.push_back(std::move(j));
    }
  }
  page["open_groups"] = open;
  page["closed_groups"] = closed;
  return {render_internal_page(ctx, "internal_followup_incidents", path, page)};
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
  Json items = Json::array();
  for (std::size_t i : overdue) items.push_back(follow_up_json(ctx, r.items[i], ""));
  page["overdue"] = {{"items", items}};

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
  for (Outputs part : {owner_pages(ctx, paths), by_incident_page(ctx)})
    for (auto& f : part) out.push_back(std::move(f));
  return out;
}

}  // namespace sitrep
