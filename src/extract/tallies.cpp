#include <algorithm>
#include <cctype>
#include <cstdio>
#include <string>

#include "extract/readers.h"

namespace sitrep::extract {
namespace {

using lexicon::Cue;
using lexicon::Kind;

// "mid-october" / "october" as the start of a period: the latest such month on or before the
// published date.
std::optional<std::string> resolve_month_phrase(std::string_view phrase,
                                                const std::string& published) {
  static constexpr std::string_view kMonths[] = {"january",   "february", "march",    "april",
                                                 "may",       "june",     "july",     "august",
                                                 "september", "october",  "november", "december"};
  if (published.size() != 10) return std::nullopt;
  int day = 1;
  if (phrase.starts_with("mid-"))
    phrase.remove_prefix(4), day = 15;
  else if (phrase.starts_with("early-"))
    phrase.remove_prefix(6);
  else if (phrase.starts_with("late-"))
    phrase.remove_prefix(5), day = 20;
  for (int m = 0; m < 12; ++m) {
    if (phrase != kMonths[m]) continue;
    int year = std::stoi(published.substr(0, 4));
    int published_month = std::stoi(published.substr(5, 2));
    if (m + 1 > published_month) --year;
    char buffer[32];
    std::snprintf(buffer, sizeof buffer, "%04d-%02d-%02d", year, m + 1, day);
    return std::string(buffer);
  }
  return std::nullopt;
}

}  // namespace

std::vector<Tally> read_tallies(const Annotated& article, const lexicon::Lexicon& lexicon) {
  std::vector<Tally> out;
  for (const auto& v : article.sentences) {
    const auto& t = v.tokens;
    for (std::size_t i = 0; i + 1 < t.size(); ++i) {
      if (!tally_at(v, i)) continue;
      auto n = count_at(v, i, false);
      Tally tally;
      tally.count = *n;
      for (std::size_t k = number_hedge_start(v, i); k < i; ++k)
        tally.qualifier += (tally.qualifier.empty() ? "" : " ") + t[k].lower;
      for (std::size_t k = 0; k < t.size(); ++k)
        if (t[k].lower == "since" && k + 1 < t.size()) {
          for (const auto& d : v.dates)
            if (d.span.start >= t[k].end && d.date) tally.period_start = *d.date;
          if (tally.period_start.empty()) {
            std::size_t e = std::min(t.size(), k + 3);
            tally.period_start =
                std::string(v.text.substr(t[k + 1].start, t[e - 1].end - t[k + 1].start));
            if (auto comma = tally.period_start.find(','); comma != std::string::npos)
              tally.period_start.resize(comma);
            // "mid-October" -> the 15th of the latest October before publication.
            if (auto resolved = resolve_month_phrase(t[k + 1].lower, article.published))
              tally.period_start = *resolved;
          }
          break;
        }
      // "nine times in May": the month the count covers, whatever "since" comes later.
      // "in December 2022": the year written after the month.
      for (std::size_t k = i + 1; k + 1 < t.size() && k <= i + 3; ++k)
        if (t[k].lower == "in")
          if (auto month = resolve_month_phrase(t[k + 1].lower, article.published)) {
            tally.period_start = *month;
            const std::string_view year =
                k + 2 < t.size() ? std::string_view(t[k + 2].lower) : std::string_view();
            if (year.size() == 4 && std::all_of(year.begin(), year.end(), [](char c) {
                  return std::isdigit(static_cast<unsigned char>(c)) != 0;
                }))
              tally.period_start.replace(0, 4, year);
          }
      tally.period_end = article.published;
      std::vector<std::string> countries;
      for (const Hit* h : v.all(Kind::kCountry)) {
        // "Iran-backed militias" names an actor, not a region.
        bool in_actor = std::any_of(v.hits.begin(), v.hits.end(), [&](const Hit& a) {
          return a.kind == Kind::kActor && a.start <= h->start && h->end <= a.end;
        });
        if (in_actor) continue;
        const auto& c = lexicon.country(h->entry);
        if (c.code != "US" &&
            std::find(countries.begin(), countries.end(), c.code) == countries.end())
          countries.push_back(c.code);
      }
      for (std::size_t c = 0; c < countries.size(); ++c)
        tally.region += (c ? "," : "") + countries[c];
      if (const Hit* target = v.first(Cue::kTargetMilitary))
        tally.target = std::string(v.text.substr(target->start, target->end - target->start));
      tally.evidence = evidence_of(v);
      out.push_back(std::move(tally));
      break;
    }
  }
  return out;
}

}  // namespace sitrep::extract
