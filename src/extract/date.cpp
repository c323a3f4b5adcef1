#include "extract/date.h"

#include "extract/events.h"

namespace sitrep::extract {

Read<std::optional<std::string>> read_date(const Annotated& article,
                                           const std::vector<std::size_t>& sentences,
                                           std::size_t anchor) {
  Read<std::optional<std::string>> out;
  const auto pub = article.published_day;
  std::optional<std::string> reporting;
  const SentenceView* reporting_view = nullptr;
  for (std::size_t i : sentences) {
    const auto& v = article.sentences[i];
    if (i != anchor && v.sentence.quoted) continue;
    for (const auto& d : v.dates) {
      if (!d.date) continue;
      auto days = text::days_from_civil(*d.date);
      if (pub && days && (*days > *pub + 1 || *days < *pub - 30)) continue;
      if (date_starts_period(v, d)) continue;
      if (date_is_reporting_mention(v, d)) {
        if (!reporting) reporting = d.date, reporting_view = &v;
        continue;
      }
      if (!v.attack_evidence && i != anchor) continue;
      out.value = d.date;
      out.evidence = evidence_of(v);
      return out;
    }
  }
  if (reporting) {
    out.value = reporting;
    out.evidence = evidence_of(*reporting_view);
  } else if (!article.published.empty()) {
    out.value = article.published;
  }
  return out;
}

Read<std::optional<std::string>> read_time(const Annotated& article, const Event& event) {
  Read<std::optional<std::string>> out;
  std::vector<std::size_t> order{event.anchor};
  // Then the event's sentences that tell what happened to the projectiles: "one of them was
  // shot down around 21:30" times the attack as well as "rockets struck at 21:30" does.
  for (std::size_t i : event.sentences) {
    const auto& v = article.sentences[i];
    if (i != event.anchor &&
        (v.attack_evidence || v.has(lexicon::Cue::kIntercept) || v.has(lexicon::Cue::kImpact)))
      order.push_back(i);
  }
  for (std::size_t i : order) {
    const auto& v = article.sentences[i];
    if (v.times.empty()) continue;
    out.value = v.times.front().hhmm;
    out.evidence = evidence_of(v);
    return out;
  }
  return out;
}

}  // namespace sitrep::extract
