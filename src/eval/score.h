// Scoring extraction and merging against a gold file: the same measures, names and rules as
// ../shared/tools/score.py, as a pure function over parsed JSON (no I/O).
//
//   auto gold = eval::parse_jsonl(gold_text, "gold.jsonl");        // Result<vector<json>>
//   eval::ScoreInput input{*gold, reports_as_json};                // incidents/places optional
//   eval::Scores scores = eval::score(input);
//   std::cout << scores.text();                                    // "detect_mcc: 1.000" ...
//   "score: F"
#pragma once

#include <map>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/error.h"

namespace sitrep::eval {

struct Measure {
  std::string name;
  double value = 0;
  bool integer = false;  // counts print without decimals
};

// One article a field was wrong on; `expected` is the gold value, `got` the system's.
struct FieldError {
  std::string field;  // "reports_attack", "date", ..., "location"
  std::string doc;
  nlohmann::json expected, got;
};

// Facility or city name -> (lat, lon), as score.py's --facilities TSV.
using Places = std::map<std::string, std::pair<double, double>>;

struct ScoreInput {
  std::vector<nlohmann::json> gold;         // one object per article (SCHEMA.md, "Gold file")
  std::vector<nlohmann::json> reports;      // to_json(Report) objects
  std::optional<nlohmann::json> incidents;  // a JSON array of incidents, when merge is scored
  std::optional<Places> places;
};

struct Scores {
  std::vector<Measure> measures;  // in score.py's order; the last one is "score"
  std::vector<FieldError> errors;

  std::optional<double> get(const std::string& name) const;
  // score.py's plain output: "name: 0.123" per line (integers bare), last line "score: F".
  std::string text() const;
  // score.py's --json output.
  std::string json_text() const;
  // The articles each field got wrong, grouped by field, for people.
  std::string errors_text() const;
};

Scores score(const ScoreInput& input);

// Reads JSONL text (blank lines skipped); the error names `name:LINE`.
Result<std::vector<nlohmann::json>> parse_jsonl(const std::string& text, const std::string& name);

// Reads a name<TAB>lat<TAB>lon file ('#' lines skipped).
Result<Places> parse_places(const std::string& text, const std::string& name);

}  // namespace sitrep::eval
