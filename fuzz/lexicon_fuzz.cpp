// Lexicon files: a lexicon folder written from the input and read by Lexicon::load (TSV rows,
// aliases, coordinates, cues, word lists, one glossary folder), then searched. The input is cut
// into files by "@@ NAME" lines (fuzz.h); parts with other names are the text searched.
#include <array>
#include <string>

#include "fuzz.h"
#include "lexicon/lexicon.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace sitrep;
  static constexpr std::array kFiles = {"facilities.tsv", "actors.tsv",   "weapons.tsv",
                                        "countries.tsv",  "triggers.tsv", "words.tsv",
                                        "timezones.tsv",  "xx/gloss.tsv", "xx/affixes.tsv"};
  const auto parts = fuzz::parts_of(fuzz::bytes_of(data, size));
  const auto dir = fuzz::scratch_dir("lexicon");
  for (const char* name : kFiles)
    if (const auto it = parts.find(name); it != parts.end())
      fuzz::write_file(dir / "lexicon" / name, it->second);
  const auto lexicon = lexicon::Lexicon::load(dir);
  if (!lexicon) {
    fuzz::check(!lexicon.error().message.empty(), "a load error says why");
    return 0;
  }
  const auto it = parts.find("text");
  const std::string text = it == parts.end() ? "" : it->second;
  for (const auto& match : lexicon->find(text)) {
    fuzz::check(match.start <= match.end && match.end <= text.size(), "match inside the text");
    switch (match.kind) {
      case lexicon::Kind::kFacility:
        fuzz::check(match.entry >= 0 &&
                        static_cast<std::size_t>(match.entry) < lexicon->facilities().size(),
                    "facility entry");
        break;
      case lexicon::Kind::kActor:
        fuzz::check(
            match.entry >= 0 && static_cast<std::size_t>(match.entry) < lexicon->actors().size(),
            "actor entry");
        break;
      case lexicon::Kind::kWeapon:
        fuzz::check(
            match.entry >= 0 && static_cast<std::size_t>(match.entry) < lexicon->weapons().size(),
            "weapon entry");
        break;
      case lexicon::Kind::kCountry:
        fuzz::check(
            match.entry >= 0 && static_cast<std::size_t>(match.entry) < lexicon->countries().size(),
            "country entry");
        break;
      case lexicon::Kind::kTrigger:
        fuzz::check(
            match.entry >= 0 && static_cast<std::size_t>(match.entry) < lexicon->triggers().size(),
            "trigger entry");
        break;
    }
  }
  if (const auto* glossary = lexicon->glossary("xx")) (void)glossary->gloss(text);
  for (const auto& facility : lexicon->facilities()) (void)lexicon->name_words(facility.name);
  // Every clock, on days around the summer switches and at the ends of time.
  for (const auto& country : lexicon->countries())
    for (long day : {0L, 19447L, 19814L, 20000L, -100000L, 100000L}) {
      const int offset = lexicon->utc_offset_minutes(country.code, day);
      // The loader takes standard offsets from -12:00 to +14:00; summer adds at most an hour.
      fuzz::check(offset >= -12 * 60 && offset <= 15 * 60, "a clock the world keeps");
    }
  return 0;
}
