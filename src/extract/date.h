// The day and time of an event: the first date its sentences give for the attack (the anchor
// first); with none, the day of the report the article relays, then the publication day
// (SCHEMA.md: ACLED's rule). Reporting days ("the embassy on Friday blamed") date the report.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "extract/annotate.h"
#include "extract/reading.h"

namespace sitrep::extract {

// The day of an event: its date, or when no date can be resolved (no year written and no
// published date), what the text still says about the day ("on Sunday", "December 20").
struct EventDay {
  std::optional<std::string> date;  // YYYY-MM-DD
  DateClue clue;                    // empty when `date` is set
  bool report_day = false;          // `date` is the day of the report the article relays
  bool night = false;       // `date` is the evening of a night ("overnight Sunday", "Sunday night")
  bool night_into = false;  // `date` is the morning after a night ("overnight into Monday")
  // The sentence that dates it says "after midnight" with no clock time ("overnight Sunday,
  // shortly after midnight"): a night's small hours, the morning after.
  bool after_midnight = false;
};

// `sentences`: the anchor first, then the event's other sentences in document order.
Read<EventDay> read_date(const Annotated& article, const std::vector<std::size_t>& sentences,
                         std::size_t anchor);

// The attack's day once its time is known: the morning after the night its date names when the
// time falls in the small hours ("dans la nuit de dimanche à lundi, vers 0 h 30" is Monday), the
// evening before when a night dated by its morning is timed in the evening ("ليل الأحد على
// الاثنين ... الساعة ١١:٣٠ ليلاً", glossed "overnight into Monday ... 11:30 at night", is Sunday).
std::optional<std::string> day_of_the_night(const EventDay& day,
                                            const std::optional<std::string>& time_local);

struct Event;
Read<std::optional<std::string>> read_time(const Annotated& article,
                                           const lexicon::Lexicon& lexicon, const Event& event);

}  // namespace sitrep::extract
