// Report: what ONE article says about the attack it is about (SCHEMA.md, "Report").
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "core/date_clue.h"

namespace sitrep {

// The sentence that supports a value, and who the article says gave it.
struct Evidence {
  std::string text;       // the sentence
  std::size_t start = 0;  // byte offsets of the sentence in the clean text
  std::size_t end = 0;
  std::string source;  // "senior Iraqi security official"; empty when unattributed
  // Where the source phrase sits in the clean text (source_end == 0: not known). Not written
  // out: it lets a report read through a glossary quote its source in the original words.
  std::size_t source_start = 0;
  std::size_t source_end = 0;
};

// The fields of one attack. Strings use the SCHEMA.md vocabularies; empty / nullopt is null.
struct Attack {
  std::optional<std::string> date;        // YYYY-MM-DD
  std::optional<std::string> time_local;  // HH:MM
  // When `date` is null: the month, day or weekday the article still gives ("on Sunday").
  // Written as "date_clue" only then; not a SCHEMA field, an addition of ours.
  DateClue date_clue;
  // The date is the day of the report the article relays ("an official said Sunday"), not a
  // day the article gives for the attack: the attack may have been then or a day or two before.
  // Written as "date_basis": "report" only then; an addition of ours.
  bool date_is_report_day = false;
  std::string country;  // ISO 3166 alpha-2
  std::string city;
  std::string facility;
  std::optional<double> lat, lon;
  std::string geo_precision;            // facility | city | region | country | ""
  std::string target_type = "unknown";  // diplomatic | military | civilian | mixed | unknown
  std::string weapon = "unknown";  // rocket | drone | missile | mortar | ied | small_arms | unknown
  std::string weapon_detail;       // "Katyusha", "Shahed", "107mm"
  std::optional<int> launched, intercepted, impacted, killed, injured;
  std::string damage = "unknown";  // none | minor | significant | unknown
  std::vector<std::string> suspected, claimed_by, denied_by;
  // For each suspected actor: "explicit" (blamed for this attack) or "pattern" (blamed for
  // attacks like it: "groups that US officials say are backed by Iran").
  std::map<std::string, std::string> suspected_basis;
  std::optional<bool> alarm_sounded;
  std::optional<bool> air_defense_engaged;
  std::map<std::string, Evidence> evidence;  // field name -> supporting sentence
};

// An older attack mentioned in passing ("targeted in the past, most notably on ...").
struct BackgroundAttack {
  std::optional<std::string> date;
  std::string country, city, facility;
  std::optional<double> lat, lon;
  std::string weapon = "unknown";
  Evidence evidence;
};

// A count of many attacks over a period ("78 attacks ... since October 17").
struct Tally {
  int count = 0;
  std::string qualifier;     // "more than", "at least", "" for exact
  std::string period_start;  // YYYY-MM-DD when resolvable, else the phrase ("mid-October")
  std::string period_end;    // YYYY-MM-DD; defaults to the published date
  std::string region;        // "Iraq and Syria"
  std::string target;        // "US forces"
  Evidence evidence;
};

struct Report {
  std::string doc;
  std::string doc_id;  // content hash id of the stored document, when known
  std::string outlet;
  std::string url;
  std::string published;  // YYYY-MM-DD or empty
  std::string language = "en";
  bool reports_attack = false;
  std::optional<Attack> main;
  std::vector<BackgroundAttack> background;
  std::vector<Tally> tallies;
};

}  // namespace sitrep
