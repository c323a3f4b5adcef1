#include "core/json.h"

namespace sitrep {
namespace {

using nlohmann::json;

constexpr const char* kWeekdays[] = {"sunday",   "monday", "tuesday", "wednesday",
                                     "thursday", "friday", "saturday"};

template <typename T>
json optional_json(const std::optional<T>& value) {
  return value ? json(*value) : json(nullptr);
}
json string_or_null(const std::string& value) {
  return value.empty() ? json(nullptr) : json(value);
}

template <typename T>
std::optional<T> optional_from(const json& object, const char* key) {
  auto it = object.find(key);
  if (it == object.end() || it->is_null()) return std::nullopt;
  return it->get<T>();
}
std::string string_from(const json& object, const char* key, std::string fallback = "") {
  auto it = object.find(key);
  if (it == object.end() || it->is_null()) return fallback;
  return it->get<std::string>();
}
std::vector<std::string> strings_from(const json& object, const char* key) {
  auto it = object.find(key);
  if (it == object.end() || it->is_null()) return {};
  return it->get<std::vector<std::string>>();
}
Evidence evidence_from(const json& object) {
  Evidence evidence;
  evidence.text = string_from(object, "text");
  evidence.start = object.value("start", std::size_t{0});
  evidence.end = object.value("end", std::size_t{0});
  evidence.source = string_from(object, "source");
  return evidence;
}

Attack attack_from(const json& object) {
  Attack attack;
  attack.date = optional_from<std::string>(object, "date");
  attack.time_local = optional_from<std::string>(object, "time_local");
  attack.date_is_report_day = object.value("date_basis", "") == "report";
  if (auto clue = object.find("date_clue"); clue != object.end() && clue->is_object()) {
    attack.date_clue.month = clue->value("month", 0);
    attack.date_clue.day = clue->value("day", 0);
    attack.date_clue.year_at_least = clue->value("year_at_least", 0);
    const std::string weekday = clue->value("weekday", "");
    for (int w = 0; w < 7; ++w)
      if (weekday == kWeekdays[w]) attack.date_clue.weekday = w;
  }
  attack.country = string_from(object, "country");
  attack.city = string_from(object, "city");
  attack.facility = string_from(object, "facility");
  attack.lat = optional_from<double>(object, "lat");
  attack.lon = optional_from<double>(object, "lon");
  attack.geo_precision = string_from(object, "geo_precision");
  attack.target_type = string_from(object, "target_type", "unknown");
  attack.weapon = string_from(object, "weapon", "unknown");
  attack.weapon_detail = string_from(object, "weapon_detail");
  attack.launched = optional_from<int>(object, "launched");
  attack.intercepted = optional_from<int>(object, "intercepted");
  attack.impacted = optional_from<int>(object, "impacted");
  attack.killed = optional_from<int>(object, "killed");
  attack.injured = optional_from<int>(object, "injured");
  attack.damage = string_from(object, "damage", "unknown");
  attack.suspected = strings_from(object, "suspected");
  if (auto it = object.find("suspected_basis"); it != object.end() && it->is_object())
    for (const auto& [actor, basis] : it->items())
      if (basis.is_string()) attack.suspected_basis[actor] = basis.get<std::string>();
  attack.claimed_by = strings_from(object, "claimed_by");
  attack.denied_by = strings_from(object, "denied_by");
  attack.alarm_sounded = optional_from<bool>(object, "alarm_sounded");
  attack.air_defense_engaged = optional_from<bool>(object, "air_defense_engaged");
  if (auto it = object.find("evidence"); it != object.end() && it->is_object())
    for (const auto& [field, value] : it->items()) attack.evidence[field] = evidence_from(value);
  return attack;
}

std::optional<Figure> figure_from(const json& object, const char* key) {
  auto it = object.find(key);
  if (it == object.end() || it->is_null()) return std::nullopt;
  Figure figure;
  figure.best = it->value("best", 0);
  figure.low = it->value("low", 0);
  figure.high = it->value("high", 0);
  if (auto claims = it->find("claims"); claims != it->end())
    for (const auto& c : *claims)
      figure.claims.push_back(Claim{c.value("value", 0), string_from(c, "doc"),
                                    string_from(c, "outlet"), string_from(c, "source")});
  return figure;
}

}  // namespace

json to_json(const Evidence& evidence) {
  return json{{"text", evidence.text},
              {"start", evidence.start},
              {"end", evidence.end},
              {"source", string_or_null(evidence.source)}};
}

json to_json(const Attack& a) {
  json evidence = json::object();
  for (const auto& [field, value] : a.evidence) evidence[field] = to_json(value);
  json out{{"date", optional_json(a.date)},
           {"time_local", optional_json(a.time_local)},
           {"country", string_or_null(a.country)},
           {"city", string_or_null(a.city)},
           {"facility", string_or_null(a.facility)},
           {"lat", optional_json(a.lat)},
           {"lon", optional_json(a.lon)},
           {"geo_precision", string_or_null(a.geo_precision)},
           {"target_type", a.target_type},
           {"weapon", a.weapon},
           {"weapon_detail", string_or_null(a.weapon_detail)},
           {"launched", optional_json(a.launched)},
           {"intercepted", optional_json(a.intercepted)},
           {"impacted", optional_json(a.impacted)},
           {"killed", optional_json(a.killed)},
           {"injured", optional_json(a.injured)},
           {"damage", a.damage},
           {"suspected", a.suspected},
           {"suspected_basis", a.suspected_basis},
           {"claimed_by", a.claimed_by},
           {"denied_by", a.denied_by},
           {"alarm_sounded", optional_json(a.alarm_sounded)},
           {"air_defense_engaged", optional_json(a.air_defense_engaged)},
           {"evidence", evidence}};
  if (a.date && a.date_is_report_day) out["date_basis"] = "report";
  if (!a.date && (!a.date_clue.empty() || a.date_clue.year_at_least)) {
    json clue = json::object();
    if (a.date_clue.year_at_least) clue["year_at_least"] = a.date_clue.year_at_least;
    if (a.date_clue.month) clue["month"] = a.date_clue.month;
    if (a.date_clue.day) clue["day"] = a.date_clue.day;
    if (a.date_clue.weekday >= 0) clue["weekday"] = kWeekdays[a.date_clue.weekday];
    out["date_clue"] = clue;
  }
  return out;
}

json to_json(const BackgroundAttack& b) {
  return json{{"date", optional_json(b.date)},
              {"country", string_or_null(b.country)},
              {"city", string_or_null(b.city)},
              {"facility", string_or_null(b.facility)},
              {"lat", optional_json(b.lat)},
              {"lon", optional_json(b.lon)},
              {"weapon", b.weapon},
              {"evidence", to_json(b.evidence)}};
}

json to_json(const Tally& t) {
  return json{{"count", t.count},
              {"qualifier", string_or_null(t.qualifier)},
              {"period_start", string_or_null(t.period_start)},
              {"period_end", string_or_null(t.period_end)},
              {"region", string_or_null(t.region)},
              {"target", string_or_null(t.target)},
              {"evidence", to_json(t.evidence)}};
}

json to_json(const Report& r) {
  json background = json::array();
  for (const auto& b : r.background) background.push_back(to_json(b));
  json tallies = json::array();
  for (const auto& t : r.tallies) tallies.push_back(to_json(t));
  return json{{"doc", r.doc},
              {"doc_id", string_or_null(r.doc_id)},
              {"outlet", string_or_null(r.outlet)},
              {"url", string_or_null(r.url)},
              {"published", string_or_null(r.published)},
              {"language", r.language},
              {"reports_attack", r.reports_attack},
              {"main", r.main ? to_json(*r.main) : json(nullptr)},
              {"background", background},
              {"tallies", tallies}};
}

json to_json(const Figure& f) {
  json claims = json::array();
  for (const auto& c : f.claims)
    claims.push_back(json{{"value", c.value},
                          {"doc", c.doc},
                          {"outlet", string_or_null(c.outlet)},
                          {"source", string_or_null(c.source)}});
  return json{{"best", f.best}, {"low", f.low}, {"high", f.high}, {"claims", claims}};
}

json to_json(const Incident& i) {
  auto figure = [](const std::optional<Figure>& f) { return f ? to_json(*f) : json(nullptr); };
  return json{{"id", i.id},
              {"revision", i.revision},
              {"date", optional_json(i.date)},
              {"date_precision", i.date_precision},
              {"time_local", optional_json(i.time_local)},
              {"country", string_or_null(i.country)},
              {"city", string_or_null(i.city)},
              {"facility", string_or_null(i.facility)},
              {"lat", optional_json(i.lat)},
              {"lon", optional_json(i.lon)},
              {"geo_precision", string_or_null(i.geo_precision)},
              {"target_type", i.target_type},
              {"weapon", i.weapon},
              {"weapon_detail", string_or_null(i.weapon_detail)},
              {"launched", figure(i.launched)},
              {"intercepted", figure(i.intercepted)},
              {"impacted", figure(i.impacted)},
              {"killed", figure(i.killed)},
              {"injured", figure(i.injured)},
              {"damage", i.damage},
              {"suspected", i.suspected},
              {"claimed_by", i.claimed_by},
              {"denied_by", i.denied_by},
              {"alarm_sounded", optional_json(i.alarm_sounded)},
              {"air_defense_engaged", optional_json(i.air_defense_engaged)},
              {"reports", i.reports},
              {"background", i.background},
              {"first_seen", i.first_seen},
              {"updated", i.updated}};
}

Result<Report> report_from_json(const json& j) {
  try {
    Report r;
    r.doc = string_from(j, "doc");
    r.doc_id = string_from(j, "doc_id");
    r.outlet = string_from(j, "outlet");
    r.url = string_from(j, "url");
    r.published = string_from(j, "published");
    r.language = string_from(j, "language", "en");
    r.reports_attack = j.value("reports_attack", false);
    if (auto it = j.find("main"); it != j.end() && it->is_object()) r.main = attack_from(*it);
    if (auto it = j.find("background"); it != j.end() && it->is_array())
      for (const auto& b : *it) {
        BackgroundAttack background;
        background.date = optional_from<std::string>(b, "date");
        background.country = string_from(b, "country");
        background.city = string_from(b, "city");
        background.facility = string_from(b, "facility");
        background.lat = optional_from<double>(b, "lat");
        background.lon = optional_from<double>(b, "lon");
        background.weapon = string_from(b, "weapon", "unknown");
        if (auto e = b.find("evidence"); e != b.end() && e->is_object())
          background.evidence = evidence_from(*e);
        r.background.push_back(std::move(background));
      }
    if (auto it = j.find("tallies"); it != j.end() && it->is_array())
      for (const auto& t : *it) {
        Tally tally;
        tally.count = t.value("count", 0);
        tally.qualifier = string_from(t, "qualifier");
        tally.period_start = string_from(t, "period_start");
        tally.period_end = string_from(t, "period_end");
        tally.region = string_from(t, "region");
        tally.target = string_from(t, "target");
        if (auto e = t.find("evidence"); e != t.end() && e->is_object())
          tally.evidence = evidence_from(*e);
        r.tallies.push_back(std::move(tally));
      }
    return r;
  } catch (const json::exception& e) {
    return invalid_input(std::string("report JSON: ") + e.what());
  }
}

Result<Incident> incident_from_json(const json& j) {
  try {
    Incident i;
    i.id = string_from(j, "id");
    i.revision = j.value("revision", 1);
    i.date = optional_from<std::string>(j, "date");
    i.date_precision = string_from(j, "date_precision", "day");
    i.time_local = optional_from<std::string>(j, "time_local");
    i.country = string_from(j, "country");
    i.city = string_from(j, "city");
    i.facility = string_from(j, "facility");
    i.lat = optional_from<double>(j, "lat");
    i.lon = optional_from<double>(j, "lon");
    i.geo_precision = string_from(j, "geo_precision");
    i.target_type = string_from(j, "target_type", "unknown");
    i.weapon = string_from(j, "weapon", "unknown");
    i.weapon_detail = string_from(j, "weapon_detail");
    i.launched = figure_from(j, "launched");
    i.intercepted = figure_from(j, "intercepted");
    i.impacted = figure_from(j, "impacted");
    i.killed = figure_from(j, "killed");
    i.injured = figure_from(j, "injured");
    i.damage = string_from(j, "damage", "unknown");
    i.suspected = strings_from(j, "suspected");
    i.claimed_by = strings_from(j, "claimed_by");
    i.denied_by = strings_from(j, "denied_by");
    i.alarm_sounded = optional_from<bool>(j, "alarm_sounded");
    i.air_defense_engaged = optional_from<bool>(j, "air_defense_engaged");
    i.reports = strings_from(j, "reports");
    i.background = j.value("background", false);
    i.first_seen = string_from(j, "first_seen");
    i.updated = string_from(j, "updated");
    return i;
  } catch (const json::exception& e) {
    return invalid_input(std::string("incident JSON: ") + e.what());
  }
}

}  // namespace sitrep
