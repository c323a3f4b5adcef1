#include "extract/date.h"

#include "extract/events.h"

namespace sitrep::extract {

Read<EventDay> read_date(const Annotated& article, const std::vector<std::size_t>& sentences,
                         std::size_t anchor) {
  Read<EventDay> out;
  const auto pub = article.published_day;
  std::optional<std::string> reporting;
  const SentenceView* reporting_view = nullptr;
  for (std::size_t i : sentences) {
    const auto& v = article.sentences[i];
    if (i != anchor && v.sentence.quoted) continue;
    for (const auto& d : v.dates) {
      if (!d.date && (pub || d.clue.empty())) continue;
      auto days = d.date ? text::days_from_civil(*d.date) : std::nullopt;
      if (pub && days && (*days > *pub + 1 || *days < *pub - 30)) continue;
      if (date_starts_period(v, d)) continue;
      if (date_is_reporting_mention(v, d)) {
        if (!reporting && d.date) reporting = d.date, reporting_view = &v;
        continue;
      }
      if (!v.attack_evidence && i != anchor) continue;
      if (!d.date) {
        // No year and no published date: keep what it says for merging, and read on.
        if (out.value.clue.empty()) out.value.clue = d.clue;
        continue;
      }
      out.value.date = d.date;
      out.evidence = evidence_of(v);
      return out;
    }
  }
  if (reporting) {
    out.value.date = reporting;
    out.evidence = evidence_of(*reporting_view);
  } else if (!article.published.empty()) {
    out.value.date = article.published;
  }
  if (out.value.date) out.value.clue = {};
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
