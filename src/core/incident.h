// Incident: what ALL reports say about one attack, merged (SCHEMA.md, "Incident").
#pragma once

#include <array>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace sitrep {

// One source's value for a count.
struct Claim {
  int value = 0;
  std::string doc;
  std::string outlet;
  std::string source;  // who the article says gave the figure

  bool operator==(const Claim&) const = default;
};

// A count reconciled over sources (UCDP style low/best/high).
struct Figure {
  int best = 0, low = 0, high = 0;
  std::vector<Claim> claims;

  bool operator==(const Figure&) const = default;
};

struct Incident {
  std::string id;  // "inc-2023-12-08-us-embassy-baghdad"
  int revision = 1;
  std::optional<std::string> date;
  std::string date_precision = "day";  // day | unknown
  std::optional<std::string> time_local;
  std::string country, city, facility;
  std::optional<double> lat, lon;
  std::string geo_precision;
  std::string target_type = "unknown";
  std::string weapon = "unknown";
  std::string weapon_detail;
  std::optional<Figure> launched, intercepted, impacted, killed, injured;
  std::string damage = "unknown";
  std::vector<std::string> suspected, claimed_by, denied_by;
  std::optional<bool> alarm_sounded, air_defense_engaged;
  std::vector<std::string> reports;  // doc names, sorted
  bool background = false;
  std::string first_seen, updated;  // ISO 8601 UTC timestamps

  bool operator==(const Incident&) const = default;

  // The five figures with their field names, in SCHEMA order: what exports, the store and the
  // API walk when they list claims.
  std::array<std::pair<const char*, const std::optional<Figure>*>, 5> figures() const {
    return {{{"launched", &launched},
             {"intercepted", &intercepted},
             {"impacted", &impacted},
             {"killed", &killed},
             {"injured", &injured}}};
  }
};

// One material change to an incident (`sitrep show ID --history`).
struct Revision {
  std::string incident_id;
  int revision = 1;
  std::string doc;      // the document that caused it
  std::string changes;  // "launched 3 -> 3..14; +report 004_…txt"
  std::string at;       // ISO 8601 UTC
};

}  // namespace sitrep
