// The field readers: each a free function of (Annotated, Event) that reads one group of Report
// fields from the event's own sentences and returns the values with their evidence. None
// depends on another having run. Place and date live in place.h and date.h (find_events needs
// them to define the event); the rest are here, one file each.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/report.h"
#include "extract/annotate.h"
#include "extract/events.h"
#include "extract/reading.h"
#include "lexicon/lexicon.h"

namespace sitrep::extract {

struct WeaponRead {
  std::string weapon = "unknown";
  std::string detail;
  std::optional<Evidence> evidence;
};
// weapon.cpp: the weapon most of the event's sentences name.
WeaponRead read_weapon(const Annotated& article, const lexicon::Lexicon& lexicon,
                       const Event& event);

struct Counts {
  Read<std::optional<int>> launched, intercepted, impacted;
};
// counts.cpp: how many projectiles were launched, intercepted and impacted.
Counts read_counts(const Annotated& article, const lexicon::Lexicon& lexicon, const Event& event);

struct Casualties {
  Read<std::optional<int>> killed, injured;
};
// casualties.cpp: the victims' toll.
Casualties read_casualties(const Annotated& article, const Event& event);

// damage.cpp: none | minor | significant | unknown.
Read<std::string> read_damage(const Annotated& article, const Event& event);

struct Actors {
  std::vector<std::string> suspected, claimed_by, denied_by;
  std::map<std::string, std::string> suspected_basis;  // actor -> explicit | pattern
  std::map<std::string, Evidence> evidence;            // field -> sentence
};
// actors.cpp: who is blamed for, who claimed and who denied this attack.
Actors read_actors(const Annotated& article, const lexicon::Lexicon& lexicon, const Event& event);

struct DefenseFlags {
  Read<std::optional<bool>> alarm_sounded, air_defense_engaged;
};
// counts.cpp: sirens and air defences.
DefenseFlags read_defense_flags(const Annotated& article, const Event& event);

// tallies.cpp: counts of many attacks over a period ("78 attacks since October 17").
std::vector<Tally> read_tallies(const Annotated& article, const lexicon::Lexicon& lexicon);

}  // namespace sitrep::extract
