// Export formats for incidents (JSON, CSV, GeoJSON, 80-column table).
#include "serve/export.h"

#include "core/terminal.h"

#include <cstddef>
#include <optional>
#include <sstream>
#include <string>
#include <vector>

#include "core/json.h"

namespace sitrep::serve {
namespace {

using nlohmann::json;

// ---------------------------------------------------------------------------------------------
// CSV (RFC 4180: fields with a comma, quote, CR or LF are quoted; quotes doubled; CRLF lines)

std::string csv_field(const std::string& value) {
  if (value.find_first_of(",\"\r\n") == std::string::npos) return value;
  std::string out = "\"";
  for (char c : value) {
    if (c == '"') out += '"';
    out += c;
  }
  return out + '"';
}

std::string join(const std::vector<std::string>& values, const std::string& separator) {
  std::string out;
  for (std::size_t i = 0; i < values.size(); ++i) out += (i ? separator : "") + values[i];
  return out;
}

// Shortest text that reads back as the same double (nlohmann's number formatting).
std::string number(const std::optional<double>& value) {
  return value ? json(*value).dump() : std::string();
}

void add_figure(std::vector<std::string>& row, const std::optional<Figure>& figure) {
  if (!figure) {
    row.insert(row.end(), {"", "", ""});
    return;
  }
  row.push_back(std::to_string(figure->low));
  row.push_back(std::to_string(figure->best));
  row.push_back(std::to_string(figure->high));
}

const char* const kCsvColumns[] = {
    "event_id_cnty",   "event_date",       "time_local",       "country",          "location",
    "facility",        "latitude",         "longitude",        "geo_precision",    "target_type",
    "weapon",          "weapon_detail",    "launched_low",     "launched_best",    "launched_high",
    "intercepted_low", "intercepted_best", "intercepted_high", "impacted_low",     "impacted_best",
    "impacted_high",   "fatalities_low",   "fatalities_best",  "fatalities_high",  "injured_low",
    "injured_best",    "injured_high",     "damage",           "actor1_suspected", "claimed_by",
    "denied_by",       "sources_count",    "reports",          "background",       "revision",
    "first_seen",      "updated"};

// ---------------------------------------------------------------------------------------------
// Table helpers: widths are counted in UTF-8 code points, so "3–14" is 4 columns wide.

std::size_t code_points(const std::string& text) {
  std::size_t count = 0;
  for (unsigned char c : text)
    if ((c & 0xC0) != 0x80) ++count;
  return count;
}

// The first `n` code points of `text`.
std::string prefix(const std::string& text, std::size_t n) {
  std::size_t seen = 0, i = 0;
  for (; i < text.size(); ++i) {
    if ((static_cast<unsigned char>(text[i]) & 0xC0) != 0x80) {
      if (seen == n) break;
      ++seen;
    }
  }
  return text.substr(0, i);
}

// `text` cut to `width` columns (ending in "…" when cut) and padded on the right or left.
std::string fit(const std::string& text, std::size_t width, bool right_align = false) {
  // Outlet, facility and place names come from articles: no control character reaches the
  // terminal (core/terminal.h).
  std::string cell = terminal_safe(text);
  if (code_points(cell) > width) cell = prefix(cell, width - 1) + "…";
  const std::string padding(width - code_points(cell), ' ');
  return right_align ? padding + cell : cell + padding;
}

// "3", "3–14", or when the range is too wide for the column the certain part, "100+".
std::string range(const std::optional<Figure>& figure, std::size_t width) {
  if (!figure) return "-";
  if (figure->low == figure->high) return std::to_string(figure->best);
  std::string text = std::to_string(figure->low) + "–" + std::to_string(figure->high);
  if (code_points(text) > width) text = std::to_string(figure->low) + "+";
  return text;
}

struct Column {
  const char* title;
  std::size_t width;
  bool right;
};
// 10+21+10+6+6+6+5+5+3 = 72 plus 8 separating spaces = 80 columns.
constexpr Column kColumns[] = {{"DATE", 10, false}, {"PLACE", 21, false}, {"WEAPON", 10, false},
                               {"LAUNCH", 6, true}, {"INTCPT", 6, true},  {"IMPACT", 6, true},
                               {"KILL", 5, true},   {"INJ", 5, true},     {"REP", 3, true}};
constexpr const char* kBackgroundMark = " (bg)";

std::string table_row(const std::vector<std::string>& cells) {
  std::string line;
  for (std::size_t i = 0; i < cells.size(); ++i) {
    if (i) line += ' ';
    line += fit(cells[i], kColumns[i].width, kColumns[i].right);
  }
  while (!line.empty() && line.back() == ' ') line.pop_back();
  return line + "\n";
}

std::string place_cell(const Incident& incident) {
  std::string place = incident.facility;
  if (place.empty()) place = incident.city;
  if (place.empty()) place = incident.country;
  if (place.empty()) place = "?";
  if (!incident.background) return place;
  // Keep the background mark visible even when the place name is cut.
  const std::size_t room = kColumns[1].width - code_points(kBackgroundMark);
  const std::string cut = code_points(place) > room ? prefix(place, room - 1) + "…" : place;
  return cut + kBackgroundMark;
}

}  // namespace

std::string incidents_json(const std::vector<Incident>& incidents) {
  json array = json::array();
  for (const Incident& incident : incidents) array.push_back(to_json(incident));
  return array.dump(2) + "\n";
}

std::string incidents_csv(const std::vector<Incident>& incidents) {
  std::vector<std::string> header(std::begin(kCsvColumns), std::end(kCsvColumns));
  std::string out = join(header, ",") + "\r\n";
  for (const Incident& i : incidents) {
    std::vector<std::string> row = {i.id,
                                    i.date.value_or(""),
                                    i.time_local.value_or(""),
                                    i.country,
                                    i.city,
                                    i.facility,
                                    number(i.lat),
                                    number(i.lon),
                                    i.geo_precision,
                                    i.target_type,
                                    i.weapon,
                                    i.weapon_detail};
    add_figure(row, i.launched);
    add_figure(row, i.intercepted);
    add_figure(row, i.impacted);
    add_figure(row, i.killed);
    add_figure(row, i.injured);
    row.push_back(i.damage);
    row.push_back(join(i.suspected, "; "));
    row.push_back(join(i.claimed_by, "; "));
    row.push_back(join(i.denied_by, "; "));
    row.push_back(std::to_string(i.reports.size()));
    row.push_back(join(i.reports, "; "));
    row.push_back(i.background ? "true" : "false");
    row.push_back(std::to_string(i.revision));
    row.push_back(i.first_seen);
    row.push_back(i.updated);
    for (std::string& field : row) field = csv_field(field);
    out += join(row, ",") + "\r\n";
  }
  return out;
}

std::string incidents_geojson(const std::vector<Incident>& incidents) {
  json features = json::array();
  for (const Incident& incident : incidents) {
    json geometry = nullptr;
    if (incident.lat && incident.lon)  // GeoJSON positions are [longitude, latitude]
      geometry =
          json{{"type", "Point"}, {"coordinates", json::array({*incident.lon, *incident.lat})}};
    features.push_back(json{{"type", "Feature"},
                            {"id", incident.id},
                            {"geometry", geometry},
                            {"properties", to_json(incident)}});
  }
  return json{{"type", "FeatureCollection"}, {"features", features}}.dump(2) + "\n";
}

std::string incidents_table(const std::vector<Incident>& incidents) {
  std::vector<std::string> titles;
  for (const Column& c : kColumns) titles.push_back(c.title);
  std::string out = table_row(titles);
  for (const Incident& i : incidents)
    out += table_row({i.date.value_or("undated"), place_cell(i), i.weapon,
                      range(i.launched, kColumns[3].width), range(i.intercepted, kColumns[4].width),
                      range(i.impacted, kColumns[5].width), range(i.killed, kColumns[6].width),
                      range(i.injured, kColumns[7].width), std::to_string(i.reports.size())});
  out += std::to_string(incidents.size()) + (incidents.size() == 1 ? " incident" : " incidents") +
         "\n";
  return out;
}

}  // namespace sitrep::serve
