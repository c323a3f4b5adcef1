// find_events(): the attacks an article tells. Requires an Annotated article; adds the main
// attack (the event the article's news is about, chosen in its lead), the sentences that speak
// of it, its site and day, and every other dated attack on a site of ours as background.
//
// Sentence roles start from each sentence's own cues and dates (annotate()) and are refined
// here once the main event's day is known: a sentence dated to another day of the same week is
// another event; the sentences that go on about it in its paragraph are too. Field readers read
// only an event's own sentences, so a second attack in the same article cannot leak into the
// main one.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/report.h"
#include "extract/annotate.h"
#include "extract/date.h"
#include "extract/detect.h"
#include "extract/place.h"
#include "lexicon/lexicon.h"

namespace sitrep::extract {

struct Event {
  std::size_t anchor = 0;              // the sentence that best tells it
  std::vector<std::size_t> sentences;  // the sentences that speak of it, in document order
  std::vector<Role> roles;             // every sentence's role as seen from this event
  Place place;                         // its site (facility, else city, else country)
  Read<EventDay> date;

  bool speaks_of(std::size_t sentence) const;
};

struct Events {
  std::optional<Event> main;                 // set when the article reports an attack
  std::vector<BackgroundAttack> background;  // other specific attacks on sites of ours
  Decision decision;                         // why the article does or does not report one
};

Events find_events(const Annotated& article, const lexicon::Lexicon& lexicon,
                   const DetectModel& model);

}  // namespace sitrep::extract
