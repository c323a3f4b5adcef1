// The read side of the HTTP API as pure functions: request parameters -> a validated filter,
// incidents -> the filtered, sorted, paginated page; facility threat history; weekly stats.
// No I/O: the server hands in the incidents and the documents a full-text query matched.
#pragma once

#include <cstddef>
#include <expected>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/incident.h"
#include "store/store.h"

namespace sitrep::serve {

// A request the API refuses: the HTTP status, a message and the parameter or field at fault.
struct ApiError {
  int status = 400;
  std::string message;
  std::string field;  // empty when no one parameter is at fault
};
template <typename T>
using ApiResult = std::expected<T, ApiError>;

nlohmann::json to_json(const ApiError& error);

// Query parameters as the server received them (name -> value; a repeated name keeps the last).
using Params = std::multimap<std::string, std::string>;

// Where a page ends: the sort key of its last incident. Opaque to clients (base64url text).
struct Cursor {
  std::string date;  // empty for an undated incident
  std::string id;
};
std::string encode_cursor(const Cursor& cursor);
std::optional<Cursor> decode_cursor(const std::string& text);

inline constexpr std::size_t kDefaultLimit = 100;
inline constexpr std::size_t kMaxLimit = 1000;

struct Filter {
  store::IncidentQuery query;  // since, until, near, facility (substring), weapon
  std::string actor;           // case-insensitive substring of a suspected or claiming actor
  std::string country;         // ISO 3166 alpha-2, upper case
  std::string q;               // full text over the reports' sentences
  std::size_t limit = kDefaultLimit;
  std::optional<Cursor> after;
};

// Validates since, until, near, facility, weapon, actor, country, q, limit and cursor. Unknown
// parameters are refused too, so a typo ("weapons=") does not silently return everything.
ApiResult<Filter> parse_filter(const Params& params, bool paged);

// Newest first: date descending (undated last), then id descending.
bool newer_first(const Incident& a, const Incident& b);

// Applies every filter but paging. `incidents` must be sorted newest first (newer_first, as the
// server's snapshot is); the selection keeps that order. `matching_docs` holds the documents the
// full-text query matched (ignored when filter.q is empty).
std::vector<const Incident*> select(const std::vector<Incident>& incidents, const Filter& filter,
                                    const std::set<std::string>& matching_docs);

struct Page {
  std::vector<const Incident*> items;
  std::optional<std::string> next_cursor;
};
// `selected` sorted newest first; returns up to filter.limit after filter.after.
Page paginate(const std::vector<const Incident*>& selected, const Filter& filter);

// GET /api/facilities: one row per facility with its attack count and last attack.
nlohmann::json facilities_json(const std::vector<Incident>& incidents, const std::string& today);
// GET /api/facilities/{name}: threat history; nullopt when no incident names the facility.
std::optional<nlohmann::json> facility_json(const std::vector<Incident>& incidents,
                                            const std::string& name, const std::string& today);
// GET /api/stats: counts by week (Monday), weapon, actor and country.
nlohmann::json stats_json(const std::vector<const Incident*>& incidents);

// Days from `from` to `to` (YYYY-MM-DD); nullopt when either is not a date.
std::optional<long> days_between(const std::string& from, const std::string& to);
// The Monday of the week holding `date` (YYYY-MM-DD), or "" when it is not a date.
std::string week_of(const std::string& date);

}  // namespace sitrep::serve
