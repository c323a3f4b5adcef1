// The site of an attack: the registry facility named as its target in the event's sentences,
// else a city from the gazetteer, else the country; and the target type.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "extract/annotate.h"
#include "extract/reading.h"
#include "lexicon/lexicon.h"

namespace sitrep::extract {

struct Place {
  const lexicon::Facility* facility = nullptr;
  std::string country, city, precision, type;
  std::optional<double> lat, lon;
  std::optional<Evidence> evidence;  // the sentence that names the facility or city
};

// `sentences` are the candidate sentences of the event (anchor first); `lead_fallback` lets a
// site named anywhere in the lead stand in when no attack sentence names one.
Place read_place(const Annotated& article, const lexicon::Lexicon& lexicon, std::size_t anchor,
                 const std::vector<Role>& roles);

// diplomatic | military | mixed | unknown from the target phrases of the event's sentences,
// when the place has no type of its own.
std::string read_target_type(const Annotated& article, const std::vector<std::size_t>& sentences);

}  // namespace sitrep::extract
