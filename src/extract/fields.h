// FieldReader: reads the Report fields from sentences whose Role is already decided.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/report.h"
#include "extract/sentence_view.h"
#include "lexicon/lexicon.h"

namespace sitrep::extract {

class FieldReader {
 public:
  FieldReader(const lexicon::Lexicon& lexicon, std::vector<SentenceView>& views,
              std::string published);

  // Whether the article reports a specific in-scope attack; picks the anchor sentence.
  bool detect();
  Attack main_attack();
  std::vector<BackgroundAttack> background_attacks();
  std::vector<Tally> tallies();

 private:
  struct Place {
    std::string country, city, facility, precision, type;
    std::optional<double> lat, lon;
  };
  Evidence evidence(const SentenceView& v) const;
  std::string source_of(const SentenceView& v) const;
  bool not_the_target(const SentenceView& v, const Hit& hit) const;
  int anchor_score(const SentenceView& v) const;
  bool main_sentence(const SentenceView& v) const;
  bool refers_to_main(const SentenceView& v) const;
  Place place(Attack& attack);
  std::string country_hint() const;
  std::optional<lexicon::City> city_in(const SentenceView& v, const std::string& hint) const;
  void read_date(Attack& attack);
  void read_time(Attack& attack);
  void read_weapon(Attack& attack);
  void read_counts(Attack& attack);
  void read_casualties(Attack& attack);
  void read_damage(Attack& attack);
  void read_actors(Attack& attack);
  std::vector<Hit> admissions_in(const SentenceView& v) const;
  void read_flags(Attack& attack);

  const lexicon::Lexicon& lexicon_;
  std::vector<SentenceView>& views_;
  std::string published_;
  int anchor_ = -1;
  std::string main_facility_;
};

}  // namespace sitrep::extract
