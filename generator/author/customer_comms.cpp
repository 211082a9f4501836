#include "author/customer_comms.h"

#include <kainjow/mustache.hpp>
#include <nlohmann/json.hpp>

#include <map>

#include "author/incident_facts.h"
#include "author/lookup.h"
#include "author/message_templates.h"
#include "model/text.h"
#include "render/html_common.h"
#include "render/public_view.h"
#include "render/urls.h"
#include "util/markdown.h"

namespace sitrep {
namespace mus = kainjow::mustache;

namespace {

std::string when(TimePoint t, TimeZone zone) { return format_in_zone(t, zone, "%Y-%m-%d %H:%M %Z"); }

mus::data notice_data(const CustomerNotice& n) {
  mus::data d{mus::data::type::object};
  for (const auto& [key, value] :
       std::initializer_list<std::pair<const char*, const std::string*>>{
           {"site", &n.site}, {"id", &n.id}, {"title", &n.title}, {"status", &n.status},
           {"status_label", &n.status_label}, {"message", &n.message}, {"message_text", &n.message_text}, {"summary", &n.summary},
           {"url", &n.url}, {"started", &n.started}, {"updated", &n.updated}, {"next_update_by", &n.next_update_by}})
    if (!value->empty()) d.set(key, *value);
  // One flag per state, so a template can word each state its own way.
  d.set(n.status, mus::data{true});
  if (n.active) d.set("active", mus::data{true});
  mus::data list{mus::data::type::list};
  for (const auto& [name, shown] : n.components) {
    mus::data c{mus::data::type::object};
    c.set("name", name);
    c.set("shown", shown);
    list.push_back(c);
  }
  d.set("components", list);
  std::string names;
  for (std::size_t i = 0; i < n.components.size(); ++i)
    names += (i ? (i + 1 == n.components.size() ? " and " : ", ") : "") + n.components[i].first;
  if (!names.empty()) {
    d.set("component_names", names);
    d.set("has_components", mus::data{true});
  }
  return d;
}

std::string json_text(const CustomerNotice& n) {
  nlohmann::ordered_json j;
  j["id"] = n.id;
  j["title"] = n.title;
  j["status"] = n.status;
  j["url"] = n.url;
  j["message"] = n.message_text;
  j["started_at"] = n.started_iso;
  j["updated_at"] = n.updated_iso;
  j["next_update_by"] = n.next_update_by_iso.empty() ? nlohmann::ordered_json() : nlohmann::ordered_json(n.next_update_by_iso);
  j["components"] = nlohmann::ordered_json::array();
  for (const auto& [name, shown] : n.components) j["components"].push_back({{"name", name}, {"status", shown}});
  return j.dump(2) + "\n";
}

// The first `limit` code points of `text`.
std::string cut(std::string_view text, std::size_t limit) {
  std::size_t count = 0, i = 0;
  for (; i < text.size(); ++i)
    if ((static_cast<unsigned char>(text[i]) & 0xC0) != 0x80 && count++ == limit) break;
  return std::string{text.substr(0, i)};
}

// Over the limit, the text before the link is cut at a word and ends in "…".
std::string fit_short(std::string text, const std::string& url) {
  while (!text.empty() && (text.back() == '\n' || text.back() == ' ')) text.pop_back();
  if (code_points(text) <= k_short_limit) return text;
  const std::size_t link = url.empty() ? std::string::npos : text.rfind(url);
  const std::string tail = link == std::string::npos ? std::string{} : text.substr(link);
  std::string head = link == std::string::npos ? text : text.substr(0, link);
  const std::size_t room = k_short_limit - code_points(tail) - (tail.empty() ? 1 : 2);  // "…" and a space
  head = cut(head, room);
  if (const std::size_t space = head.find_last_of(" \n"); space != std::string::npos && space > head.size() / 2)
    head.resize(space);
  while (!head.empty() && (head.back() == ' ' || head.back() == '\n' || head.back() == ',')) head.pop_back();
  return head + "\u2026" + (tail.empty() ? "" : " " + tail);
}

}  // namespace

std::size_t code_points(std::string_view text) {
  std::size_t n = 0;
  for (const char c : text)
    if ((static_cast<unsigned char>(c) & 0xC0) != 0x80) ++n;
  return n;
}

std::optional<CustomerNotice> customer_notice(const Model& model, std::string_view incident, TimePoint now,
                                              Diagnostics& diags) {
  const Incident* inc = lookup_incident(model, incident, diags);
  if (!inc) return std::nullopt;
  const PublicView view = make_public_view(model, now);
  const PublicIncident* shown = nullptr;
  for (const auto& p : view.incidents)
    if (p.incident->id == inc->id) shown = &p;
  if (!shown) {
    diags.report("incident", {}, "internal-leak",
                 inc->id + " is not on the public site (public = false, an internal-only severity, or not started "
                           "at --now), so there is nothing to tell customers",
                 "for the internal thread run `sitrep comms " + inc->id + "` (the chat format)");
    return std::nullopt;
  }
  const TimeZone zone = model.site.time_zone;
  CustomerNotice n;
  n.site = model.site.title;
  n.id = inc->id;
  n.title = inc->title;
  n.status = shown->status;
  n.status_label = status_label(shown->status);
  n.url = urls::absolute(model.site.base_url, urls::incident(inc->id));
  if (inc->started_at) {
    n.started = when(*inc->started_at, zone);
    n.started_iso = format_rfc3339_utc(*inc->started_at);
  }
  n.updated = when(shown->updated_at, zone);
  n.updated_iso = format_rfc3339_utc(shown->updated_at);
  n.active = shown->active;
  // What each public component shows after the latest visible update naming it.
  std::map<std::string, std::string, std::less<>> latest;
  for (const IncidentUpdate* u : shown->updates)
    for (const auto& cs : u->components) latest[cs.component] = cs.status;
  for (const auto& id : shown->components) {
    const Component* c = model.components.find(id);
    auto it = latest.find(id);
    const std::string status = !shown->active ? "operational" : it == latest.end() ? std::string{} : it->second;
    n.components.emplace_back(c && !c->name.empty() ? c->name : id, status.empty() ? "" : status_label(status));
  }
  if (!shown->updates.empty()) {
    const IncidentUpdate& u = *shown->updates.back();
    n.message = trim(u.message);
    n.message_text = trim(markdown_to_text(u.message));
    n.summary = first_sentence(n.message_text);
    if (shown->active && u.next_update_by) {
      n.next_update_by = format_in_zone(*u.next_update_by, zone, "%H:%M %Z");
      n.next_update_by_iso = format_rfc3339_utc(*u.next_update_by);
    }
  }
  return n;
}

std::optional<std::string> customer_text(const Model& model, const CustomerNotice& notice, std::string_view format,
                                         Diagnostics& diags) {
  if (format == "json") return json_text(notice);
  const auto source = read_message_template(model, "comms_" + std::string{format}, diags);
  if (!source) return std::nullopt;
  mus::mustache tmpl{source->text};
  if (!tmpl.is_valid()) {
    diags.report(source->origin, {}, "template-error", tmpl.error_message());
    return std::nullopt;
  }
  if (format == "slack")  // Slack's mrkdwn reserves these three
    tmpl.set_custom_escape([](const std::string& s) {
      std::string out;
      for (const char c : s) out += c == '&' ? "&amp;" : c == '<' ? "&lt;" : c == '>' ? "&gt;" : std::string(1, c);
      return out;
    });
  else
    tmpl.set_custom_escape([](const std::string& s) { return s; });
  std::string out = tmpl.render(notice_data(notice));
  if (!tmpl.is_valid()) {
    diags.report(source->origin, {}, "template-error", tmpl.error_message());
    return std::nullopt;
  }
  if (format == "short") return fit_short(out, notice.url) + "\n";
  return tidy_message(out) + "\n";
}

}  // namespace sitrep
