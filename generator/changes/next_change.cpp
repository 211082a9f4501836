#include "changes/next_change.h"

#include <chrono>

namespace sitrep {

std::string cron_line_utc(TimePoint t) {
  const auto minute = std::chrono::ceil<std::chrono::minutes>(t);
  const auto day = std::chrono::floor<std::chrono::days>(minute);
  const std::chrono::year_month_day ymd{day};
  const std::chrono::hh_mm_ss hms{minute - day};
  return std::to_string(hms.minutes().count()) + " " + std::to_string(hms.hours().count()) + " " +
         std::to_string(static_cast<unsigned>(ymd.day())) + " " + std::to_string(static_cast<unsigned>(ymd.month())) +
         " *";
}

nlohmann::ordered_json next_change_json(const PublicView& view) {
  nlohmann::ordered_json j;
  j["next_change"] = view.next_change ? nlohmann::ordered_json(format_rfc3339_utc(*view.next_change)) : nullptr;
  j["cron"] = view.next_change ? nlohmann::ordered_json(cron_line_utc(*view.next_change)) : nullptr;
  j["changes"] = nlohmann::ordered_json::array();
  for (const ClockChange& c : view.next_changes)
    j["changes"].push_back({{"kind", std::string{clock_change_name(c.kind)}},
                            {"item_type", c.is_maintenance ? "maintenance" : "incident"},
                            {"item_id", c.item_id},
                            {"title", c.title}});
  return j;
}

std::string next_change_text(const PublicView& view) {
  if (!view.next_change) return "no scheduled change\n";
  std::string out = "next change: " + format_rfc3339_utc(*view.next_change) + "\n" +
                    "cron (UTC): " + cron_line_utc(*view.next_change) + "\n";
  for (const ClockChange& c : view.next_changes)
    out += "  " + std::string{clock_change_name(c.kind)} + "  " + c.item_id + "  " + c.title + "\n";
  return out;
}

}  // namespace sitrep
