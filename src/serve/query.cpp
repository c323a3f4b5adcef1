#include "serve/query.h"

#include <algorithm>
#include <cctype>
#include <charconv>
#include <chrono>
#include <cmath>
#include <cstdio>

#include "cli/commands.h"
#include "core/geo.h"

namespace sitrep::serve {
namespace {

using nlohmann::json;

std::string lower(std::string text) {
  for (char& c : text) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return text;
}

bool contains_folded(const std::string& haystack, const std::string& needle_lower) {
  return lower(haystack).find(needle_lower) != std::string::npos;
}

constexpr const char* kWeapons[] = {"rocket", "drone",      "missile", "mortar",
                                    "ied",    "small_arms", "unknown"};

constexpr char kBase64Url[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

std::string base64url(const std::string& bytes) {
  std::string out;
  std::size_t i = 0;
  for (; i + 2 < bytes.size(); i += 3) {
    const unsigned v = (static_cast<unsigned char>(bytes[i]) << 16) |
                       (static_cast<unsigned char>(bytes[i + 1]) << 8) |
                       static_cast<unsigned char>(bytes[i + 2]);
    for (int s = 18; s >= 0; s -= 6) out += kBase64Url[(v >> s) & 63];
  }
  if (const std::size_t rest = bytes.size() - i; rest) {
    unsigned v = static_cast<unsigned char>(bytes[i]) << 16;
    if (rest == 2) v |= static_cast<unsigned char>(bytes[i + 1]) << 8;
    out += kBase64Url[(v >> 18) & 63];
    out += kBase64Url[(v >> 12) & 63];
    if (rest == 2) out += kBase64Url[(v >> 6) & 63];
  }
  return out;
}

std::optional<std::string> unbase64url(const std::string& text) {
  std::string out;
  unsigned v = 0;
  int bits = 0;
  for (char c : text) {
    const char* p = std::find(kBase64Url, kBase64Url + 64, c);
    if (p == kBase64Url + 64) return std::nullopt;
    v = (v << 6) | static_cast<unsigned>(p - kBase64Url);
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out += static_cast<char>((v >> bits) & 0xFF);
    }
  }
  return out;
}

std::optional<std::chrono::sys_days> to_days(const std::string& date) {
  if (!cli::is_iso_date(date)) return std::nullopt;
  const int y = std::stoi(date.substr(0, 4));
  const unsigned m = static_cast<unsigned>(std::stoi(date.substr(5, 2)));
  const unsigned d = static_cast<unsigned>(std::stoi(date.substr(8, 2)));
  return std::chrono::sys_days(std::chrono::year{y} / std::chrono::month{m} / std::chrono::day{d});
}

std::string format_days(std::chrono::sys_days days) {
  const std::chrono::year_month_day ymd(days);
  char text[16];
  std::snprintf(text, sizeof text, "%04d-%02u-%02u", static_cast<int>(ymd.year()),
                static_cast<unsigned>(ymd.month()), static_cast<unsigned>(ymd.day()));
  return text;
}

std::vector<std::string> actors_of(const Incident& incident) {
  std::set<std::string> seen;
  std::vector<std::string> out;
  for (const auto* list : {&incident.suspected, &incident.claimed_by})
    for (const auto& a : *list)
      if (seen.insert(a).second) out.push_back(a);
  return out;
}

json figure_best(const std::optional<Figure>& figure) {
  return figure ? json(figure->best) : json(nullptr);
}

json summary_row(const Incident& i) {
  return json{{"id", i.id},
              {"date", i.date ? json(*i.date) : json(nullptr)},
              {"weapon", i.weapon},
              {"launched", figure_best(i.launched)},
              {"intercepted", figure_best(i.intercepted)},
              {"impacted", figure_best(i.impacted)},
              {"killed", figure_best(i.killed)},
              {"injured", figure_best(i.injured)},
              {"background", i.background}};
}

}  // namespace

json to_json(const ApiError& error) {
  json j{{"error", error.message}};
  j["field"] = error.field.empty() ? json(nullptr) : json(error.field);
  return j;
}

std::string encode_cursor(const Cursor& cursor) {
  return base64url(cursor.date + '\n' + cursor.id);
}

std::optional<Cursor> decode_cursor(const std::string& text) {
  auto bytes = unbase64url(text);
  if (!bytes) return std::nullopt;
  const std::size_t newline = bytes->find('\n');
  if (newline == std::string::npos) return std::nullopt;
  Cursor cursor{bytes->substr(0, newline), bytes->substr(newline + 1)};
  if (cursor.id.empty() || (!cursor.date.empty() && !cli::is_iso_date(cursor.date)))
    return std::nullopt;
  return cursor;
}

ApiResult<Filter> parse_filter(const Params& params, bool paged) {
  Filter filter;
  auto bad = [](const std::string& field, const std::string& message) {
    return std::unexpected(ApiError{400, field + ": " + message, field});
  };
  static const std::set<std::string> kKnown = {"since", "until",   "near", "facility", "weapon",
                                               "actor", "country", "q",    "limit",    "cursor"};
  for (const auto& [name, value] : params) {
    if (!kKnown.contains(name) || (!paged && (name == "limit" || name == "cursor")))
      return bad(name, "unknown parameter");
    if (name == "since" || name == "until") {
      if (!cli::is_iso_date(value))
        return bad(name, "expected a date YYYY-MM-DD, got '" + value + "'");
      (name == "since" ? filter.query.since : filter.query.until) = value;
    } else if (name == "near") {
      auto near = cli::parse_near(value);
      if (!near) return bad(name, "expected LAT,LON,KM (e.g. 33.3,44.4,25), got '" + value + "'");
      filter.query.near_lat = near->lat;
      filter.query.near_lon = near->lon;
      filter.query.near_km = near->km;
    } else if (name == "facility") {
      filter.query.facility = value;
    } else if (name == "weapon") {
      const std::string weapon = lower(value);
      if (std::find(std::begin(kWeapons), std::end(kWeapons), weapon) == std::end(kWeapons))
        return bad(name,
                   "expected one of rocket, drone, missile, mortar, ied, small_arms, unknown; "
                   "got '" +
                       value + "'");
      filter.query.weapon = weapon;
    } else if (name == "actor") {
      filter.actor = value;
    } else if (name == "country") {
      if (value.size() != 2 || !std::isalpha(static_cast<unsigned char>(value[0])) ||
          !std::isalpha(static_cast<unsigned char>(value[1])))
        return bad(name, "expected an ISO 3166 alpha-2 code (e.g. IQ), got '" + value + "'");
      filter.country = {static_cast<char>(std::toupper(static_cast<unsigned char>(value[0]))),
                        static_cast<char>(std::toupper(static_cast<unsigned char>(value[1])))};
    } else if (name == "q") {
      filter.q = value;
    } else if (name == "limit") {
      std::size_t limit = 0;
      const auto [end, ec] = std::from_chars(value.data(), value.data() + value.size(), limit);
      if (ec != std::errc() || end != value.data() + value.size() || limit < 1 || limit > kMaxLimit)
        return bad(name, "expected a whole number from 1 to " + std::to_string(kMaxLimit) +
                             ", got '" + value + "'");
      filter.limit = limit;
    } else if (name == "cursor") {
      filter.after = decode_cursor(value);
      if (!filter.after) return bad(name, "not a cursor this server gave out");
    }
  }
  if (filter.query.since && filter.query.until && *filter.query.since > *filter.query.until)
    return bad("until", "is before since");
  return filter;
}

bool newer_first(const Incident& a, const Incident& b) {
  if (a.date.has_value() != b.date.has_value()) return a.date.has_value();
  if (a.date && *a.date != *b.date) return *a.date > *b.date;
  return a.id > b.id;
}

std::vector<const Incident*> select(const std::vector<Incident>& incidents, const Filter& filter,
                                    const std::set<std::string>& matching_docs) {
  const auto& q = filter.query;
  const std::string facility = lower(q.facility), actor = lower(filter.actor);
  const bool near = q.near_lat && q.near_lon && q.near_km;
  std::vector<const Incident*> out;
  for (const Incident& i : incidents) {
    // Newest first, undated last: past the first one before `since`, none can match.
    if (q.since && (!i.date || *i.date < *q.since)) break;
    if (q.until && (!i.date || *i.date > *q.until)) continue;
    if (!facility.empty() && !contains_folded(i.facility, facility)) continue;
    if (!q.weapon.empty() && lower(i.weapon) != q.weapon) continue;
    if (!filter.country.empty() && i.country != filter.country) continue;
    if (!actor.empty()) {
      const auto actors = actors_of(i);
      if (std::none_of(actors.begin(), actors.end(),
                       [&](const std::string& a) { return contains_folded(a, actor); }))
        continue;
    }
    if (near) {
      if (!i.lat || !i.lon) continue;
      if (distance_km(*q.near_lat, *q.near_lon, *i.lat, *i.lon) > *q.near_km) continue;
    }
    if (!filter.q.empty() && std::none_of(i.reports.begin(), i.reports.end(),
                                          [&](const auto& d) { return matching_docs.contains(d); }))
      continue;
    out.push_back(&i);
  }
  // In the order given, newest first: checking that order compared the dates and ids of every
  // selected incident, scattered over the snapshot, and was 80 % of a page at 100,000.
  return out;
}

Page paginate(const std::vector<const Incident*>& selected, const Filter& filter) {
  Page page;
  auto it = selected.begin();
  if (filter.after) {
    Incident key;
    if (!filter.after->date.empty()) key.date = filter.after->date;
    key.id = filter.after->id;
    it = std::upper_bound(selected.begin(), selected.end(), key,
                          [](const Incident& k, const Incident* i) { return newer_first(k, *i); });
  }
  for (; it != selected.end() && page.items.size() < filter.limit; ++it) page.items.push_back(*it);
  if (it != selected.end() && !page.items.empty()) {
    const Incident& last = *page.items.back();
    page.next_cursor = encode_cursor({last.date.value_or(""), last.id});
  }
  return page;
}

std::optional<long> days_between(const std::string& from, const std::string& to) {
  auto a = to_days(from), b = to_days(to);
  if (!a || !b) return std::nullopt;
  return static_cast<long>((*b - *a).count());
}

std::string week_of(const std::string& date) {
  auto days = to_days(date);
  if (!days) return "";
  const std::chrono::weekday weekday(*days);
  const unsigned since_monday = (weekday.c_encoding() + 6) % 7;
  return format_days(*days - std::chrono::days(since_monday));
}

json facilities_json(const std::vector<Incident>& incidents, const std::string& today) {
  struct Row {
    const Incident* first = nullptr;
    int attacks = 0;
    std::string last;
  };
  std::map<std::string, Row> rows;
  for (const Incident& i : incidents) {
    if (i.facility.empty()) continue;
    Row& row = rows[i.facility];
    if (!row.first) row.first = &i;
    ++row.attacks;
    if (i.date && *i.date > row.last) row.last = *i.date;
  }
  json out = json::array();
  for (const auto& [name, row] : rows) {
    const auto days = days_between(row.last, today);
    out.push_back(json{{"name", name},
                       {"country", row.first->country},
                       {"city", row.first->city},
                       {"lat", row.first->lat ? json(*row.first->lat) : json(nullptr)},
                       {"lon", row.first->lon ? json(*row.first->lon) : json(nullptr)},
                       {"attacks", row.attacks},
                       {"last_attack", row.last.empty() ? json(nullptr) : json(row.last)},
                       {"days_since_last_attack", days ? json(*days) : json(nullptr)}});
  }
  return out;
}

std::optional<json> facility_json(const std::vector<Incident>& incidents, const std::string& name,
                                  const std::string& today) {
  std::vector<const Incident*> mine;
  for (const Incident& i : incidents)
    if (!i.facility.empty() && lower(i.facility) == lower(name)) mine.push_back(&i);
  if (mine.empty()) return std::nullopt;
  std::sort(mine.begin(), mine.end(),
            [](const Incident* a, const Incident* b) { return newer_first(*a, *b); });
  std::map<std::string, int> per_month, weapons;
  int launched = 0, intercepted = 0, both_known = 0, killed = 0, injured = 0;
  std::string last;
  json list = json::array();
  for (const Incident* i : mine) {
    if (i->date) {
      ++per_month[i->date->substr(0, 7)];
      last = std::max(last, *i->date);
    }
    ++weapons[i->weapon];
    if (i->launched && i->intercepted) {
      launched += i->launched->best;
      intercepted += i->intercepted->best;
      ++both_known;
    }
    if (i->killed) killed += i->killed->best;
    if (i->injured) injured += i->injured->best;
    list.push_back(summary_row(*i));
  }
  json months = json::array();
  for (const auto& [month, n] : per_month) months.push_back({{"month", month}, {"attacks", n}});
  const Incident& first = *mine.front();
  const auto days = days_between(last, today);
  json interception{
      {"launched", launched},
      {"intercepted", intercepted},
      {"incidents", both_known},
      {"rate", launched > 0 ? json(static_cast<double>(intercepted) / launched) : json(nullptr)}};
  return json{{"name", first.facility},
              {"country", first.country},
              {"city", first.city},
              {"lat", first.lat ? json(*first.lat) : json(nullptr)},
              {"lon", first.lon ? json(*first.lon) : json(nullptr)},
              {"attacks", mine.size()},
              {"attacks_per_month", months},
              {"weapon_mix", weapons},
              {"interception", interception},
              {"casualties", {{"killed", killed}, {"injured", injured}}},
              {"last_attack", last.empty() ? json(nullptr) : json(last)},
              {"days_since_last_attack", days ? json(*days) : json(nullptr)},
              {"incidents", list}};
}

json stats_json(const std::vector<const Incident*>& incidents) {
  std::map<std::string, std::map<std::string, int>> weeks;
  std::map<std::string, int> weapons, actors, countries;
  int undated = 0;
  for (const Incident* i : incidents) {
    const std::string week = i->date ? week_of(*i->date) : "";
    if (week.empty())
      ++undated;
    else
      ++weeks[week][i->weapon];
    ++weapons[i->weapon];
    for (const auto& a : actors_of(*i)) ++actors[a];
    ++countries[i->country.empty() ? "unknown" : i->country];
  }
  json by_week = json::array();
  for (const auto& [week, mix] : weeks) {
    int total = 0;
    for (const auto& [w, n] : mix) total += n;
    by_week.push_back({{"week", week}, {"incidents", total}, {"by_weapon", mix}});
  }
  return json{{"incidents", incidents.size()}, {"undated", undated}, {"by_week", by_week},
              {"by_weapon", weapons},          {"by_actor", actors}, {"by_country", countries}};
}

}  // namespace sitrep::serve
