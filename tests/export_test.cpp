// Export formats: JSON, CSV (RFC 4180), GeoJSON, 80-column table.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <sstream>
#include <string>
#include <vector>

#include "serve/export.h"

namespace {

using sitrep::Figure;
using sitrep::Incident;
namespace serve = sitrep::serve;

std::vector<Incident> sample_incidents() {
  Incident a;
  a.id = "inc-2023-12-08-us-embassy-baghdad";
  a.revision = 2;
  a.date = "2023-12-08";
  a.time_local = "04:15";
  a.country = "IQ";
  a.city = "Baghdad";
  a.facility = "US Embassy \"Annex\", Baghdad";  // a comma and quotes, to test CSV quoting
  a.lat = 33.2986;
  a.lon = 44.3958;
  a.geo_precision = "facility";
  a.target_type = "diplomatic";
  a.weapon = "rocket";
  a.weapon_detail = "Katyusha";
  a.launched =
      Figure{3, 3, 14, {{3, "001_a.txt", "Outlet A", "official"}, {14, "004_b.txt", "", ""}}};
  a.killed = Figure{0, 0, 0, {{0, "001_a.txt", "", ""}}};
  a.suspected = {"Iran-aligned militias", "Kataib Hezbollah"};
  a.reports = {"001_a.txt", "004_b.txt"};
  a.first_seen = a.updated = "2024-01-01T00:00:00Z";

  Incident b;
  b.id = "inc-2022-01-03-a-very-long-facility-name-that-cannot-fit-in-the-table";
  b.date = "2022-01-03";
  b.country = "IQ";
  b.facility = "A Very Long Facility Name That Cannot Fit In The Table — Südflügel";
  b.geo_precision = "facility";
  b.background = true;
  b.reports = {"003_c.txt"};
  b.launched = Figure{1000, 100, 100000, {}};
  b.injured = Figure{12345, 12345, 123456, {}};

  Incident c;  // no coordinates, no date
  c.id = "inc-undated-iq";
  c.country = "IQ";
  c.date_precision = "unknown";
  c.reports = {"009_d.txt"};
  return {a, b, c};
}

// Minimal RFC 4180 reader: quoted fields may hold commas, doubled quotes and line breaks.
std::vector<std::vector<std::string>> read_csv(const std::string& text) {
  std::vector<std::vector<std::string>> rows;
  std::vector<std::string> row;
  std::string field;
  bool quoted = false, any = false;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (quoted) {
      if (c == '"' && i + 1 < text.size() && text[i + 1] == '"') {
        field += '"';
        ++i;
      } else if (c == '"') {
        quoted = false;
      } else {
        field += c;
      }
    } else if (c == '"') {
      quoted = true;
      any = true;
    } else if (c == ',') {
      row.push_back(field);
      field.clear();
    } else if (c == '\r' && i + 1 < text.size() && text[i + 1] == '\n') {
      continue;  // CRLF: the '\n' ends the row
    } else if (c == '\n') {
      row.push_back(field);
      rows.push_back(row);
      row.clear();
      field.clear();
      any = false;
    } else {
      field += c;
      any = true;
    }
  }
  if (any || !field.empty() || !row.empty()) {
    row.push_back(field);
    rows.push_back(row);
  }
  return rows;
}

std::size_t code_points(const std::string& line) {
  std::size_t n = 0;
  for (unsigned char c : line)
    if ((c & 0xC0) != 0x80) ++n;
  return n;
}

std::size_t column(const std::vector<std::string>& header, const std::string& name) {
  for (std::size_t i = 0; i < header.size(); ++i)
    if (header[i] == name) return i;
  ADD_FAILURE() << "no column " << name;
  return 0;
}

TEST(ExportJson, ArrayOfIncidents) {
  const auto incidents = sample_incidents();
  const auto json = nlohmann::json::parse(serve::incidents_json(incidents));
  ASSERT_TRUE(json.is_array());
  ASSERT_EQ(json.size(), 3u);
  EXPECT_EQ(json[0]["id"], "inc-2023-12-08-us-embassy-baghdad");
  EXPECT_EQ(json[0]["launched"]["high"], 14);
  EXPECT_EQ(json[0]["launched"]["claims"][1]["doc"], "004_b.txt");
  EXPECT_TRUE(json[1]["background"].get<bool>());
  EXPECT_TRUE(json[2]["date"].is_null());
  EXPECT_EQ(nlohmann::json::parse(serve::incidents_json({})), nlohmann::json::array());
}

TEST(ExportCsv, HeaderAndQuoting) {
  const auto incidents = sample_incidents();
  const std::string text = serve::incidents_csv(incidents);
  const auto rows = read_csv(text);
  ASSERT_EQ(rows.size(), 4u);
  const auto& header = rows[0];
  for (const char* name :
       {"event_id_cnty", "event_date",     "time_local",       "country",
        "location",      "facility",       "latitude",         "longitude",
        "geo_precision", "target_type",    "weapon",           "weapon_detail",
        "launched_low",  "launched_best",  "launched_high",    "intercepted_best",
        "impacted_high", "fatalities_low", "fatalities_best",  "fatalities_high",
        "injured_best",  "damage",         "actor1_suspected", "claimed_by",
        "sources_count", "reports",        "background",       "revision"})
    column(header, name);
  for (const auto& row : rows) EXPECT_EQ(row.size(), header.size());

  const auto& a = rows[1];
  EXPECT_EQ(a[column(header, "facility")], "US Embassy \"Annex\", Baghdad");
  EXPECT_NE(text.find("\"US Embassy \"\"Annex\"\", Baghdad\""), std::string::npos);
  EXPECT_EQ(a[column(header, "event_date")], "2023-12-08");
  EXPECT_EQ(a[column(header, "launched_low")], "3");
  EXPECT_EQ(a[column(header, "launched_best")], "3");
  EXPECT_EQ(a[column(header, "launched_high")], "14");
  EXPECT_EQ(a[column(header, "intercepted_best")], "");
  EXPECT_EQ(a[column(header, "fatalities_best")], "0");
  EXPECT_EQ(a[column(header, "actor1_suspected")], "Iran-aligned militias; Kataib Hezbollah");
  EXPECT_EQ(a[column(header, "reports")], "001_a.txt; 004_b.txt");
  EXPECT_EQ(a[column(header, "sources_count")], "2");
  EXPECT_EQ(std::stod(a[column(header, "latitude")]), 33.2986);
  EXPECT_EQ(std::stod(a[column(header, "longitude")]), 44.3958);
  EXPECT_EQ(rows[2][column(header, "background")], "true");
  EXPECT_EQ(rows[3][column(header, "latitude")], "");
}

TEST(ExportGeoJson, PointsAreLonLat) {
  const auto json = nlohmann::json::parse(serve::incidents_geojson(sample_incidents()));
  EXPECT_EQ(json["type"], "FeatureCollection");
  ASSERT_EQ(json["features"].size(), 3u);
  const auto& first = json["features"][0];
  EXPECT_EQ(first["type"], "Feature");
  EXPECT_EQ(first["geometry"]["type"], "Point");
  EXPECT_DOUBLE_EQ(first["geometry"]["coordinates"][0].get<double>(), 44.3958);  // lon first
  EXPECT_DOUBLE_EQ(first["geometry"]["coordinates"][1].get<double>(), 33.2986);
  EXPECT_EQ(first["properties"]["id"], "inc-2023-12-08-us-embassy-baghdad");
  EXPECT_EQ(first["properties"]["launched"]["best"], 3);
  EXPECT_TRUE(json["features"][2]["geometry"].is_null());
}

TEST(ExportTable, FitsEightyColumns) {
  const std::string table = serve::incidents_table(sample_incidents());
  std::istringstream in(table);
  std::vector<std::string> lines;
  for (std::string line; std::getline(in, line);) lines.push_back(line);
  ASSERT_EQ(lines.size(), 5u);  // header, 3 incidents, count
  for (const auto& line : lines) EXPECT_LE(code_points(line), 80u) << line;
  EXPECT_NE(lines[1].find("3–14"), std::string::npos) << lines[1];
  EXPECT_NE(lines[1].find("2023-12-08"), std::string::npos);
  EXPECT_NE(lines[1].find("rocket"), std::string::npos);
  EXPECT_NE(lines[2].find("…"), std::string::npos) << lines[2];
  EXPECT_NE(lines[2].find("(bg)"), std::string::npos) << lines[2];
  EXPECT_NE(lines[2].find("100+"), std::string::npos) << lines[2];  // too wide for a range
  EXPECT_EQ(lines[1].find("(bg)"), std::string::npos);
  EXPECT_NE(lines[3].find("undated"), std::string::npos);
  EXPECT_EQ(lines.back(), "3 incidents");
}

}  // namespace
