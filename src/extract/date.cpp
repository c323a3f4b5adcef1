#include "extract/date.h"

#include "extract/events.h"
#include "extract/reading.h"

#include <algorithm>
#include <cctype>
#include <cstdio>
#include <map>
#include <set>

namespace sitrep::extract {
namespace {

// The year a four-digit word names ("2021"), 0 for any other word or a year out of range.
int year_number(std::string_view w) {
  if (w.size() != 4 || !std::all_of(w.begin(), w.end(), ::isdigit)) return 0;
  const int year = std::stoi(std::string(w));
  return year >= 1990 && year <= 2100 ? year : 0;
}

// "Monday, February 15" with no year and no published date, in an article that writes the year
// elsewhere ("the attacks of 2021"): the one year the article names on which February 15 was a
// Monday. Without the weekday a year named in passing ("until mid-January 2021") says too little.
// "Thursday, 19" gives no month either: a page's partial date ("date 2023-10") gives both.
std::optional<std::string> year_from_weekday(const Annotated& article, const DateClue& clue) {
  if (clue.weekday < 0 || !clue.day) return std::nullopt;
  std::set<std::pair<int, int>> candidates;  // (year, month)
  for (const auto& v : article.sentences)
    for (const auto& t : v.tokens) {
      // "2021", or the year of a partial ISO date ("date 2021-02" over a page).
      const auto& w = t.lower;
      if (w.size() < 4 || (w.size() != 4 && w[4] != '-')) continue;
      const int year = year_number(w.substr(0, 4));
      if (!year) continue;
      if (clue.month) {
        candidates.insert({year, clue.month});
      } else if (w.size() == 7 && std::isdigit(static_cast<unsigned char>(w[5])) &&
                 std::isdigit(static_cast<unsigned char>(w[6]))) {
        const int month = std::stoi(std::string(w.substr(5, 2)));
        if (month >= 1 && month <= 12) candidates.insert({year, month});
      }
    }
  std::optional<std::string> found;
  for (auto [year, month] : candidates) {
    char ymd[16];
    std::snprintf(ymd, sizeof ymd, "%04d-%02d-%02d", year, month, clue.day);
    auto days = text::days_from_civil(ymd);
    if (!days || !text::matches(clue, *days)) continue;
    if (found) return std::nullopt;  // two years fit: the text does not say which
    found = ymd;
  }
  return found;
}

// "Jan. 14" with no year and no published date, in an article that writes the day in full
// elsewhere (an embedded tweet "January 14, 2020", a statement's dateline): that year, when the
// article writes only one.
// The evidence is the sentence that writes the day in full.
struct FullDate {
  std::string date;
  const SentenceView* where = nullptr;
};
std::optional<FullDate> year_from_full_date(const Annotated& article, const DateClue& clue) {
  if (!clue.month || !clue.day) return std::nullopt;
  std::map<std::string, const SentenceView*> found;
  for (const auto& v : article.sentences) {
    // "the anniversary of the killing of Soleimani, who died on January 3, 2020" dates another
    // event: only the article's own news and its quoted posts lend a year.
    if (v.role == Role::kBackground || v.role == Role::kOtherEvent || v.role == Role::kNotAttack)
      continue;
    for (const auto& d : v.dates) {
      if (!d.date || d.date->size() != 10) continue;
      const auto days = text::days_from_civil(*d.date);
      if (days && text::matches(clue, *days)) found.emplace(*d.date, &v);
    }
  }
  if (found.size() != 1) return std::nullopt;
  return FullDate{found.begin()->first, found.begin()->second};
}

// The latest year the article writes as a time in the past: a full date ("January 14, 2020"),
// or a year after "in", "since", "of", "early", "late", "mid" ("since October 2023" reads as a
// date; "the 2022 strikes" as "of"). An attack the article does not date is no older than it.
// Clock times ("2030 GMT", "at 2045 local time"), deadlines ("by September 2025", "until 2026"),
// plans ("Vision 2030") and compounds ("a 2064-page report") are no such year.
int latest_year(const Annotated& article) {
  int latest = 0;
  for (const auto& v : article.sentences) {
    for (const auto& d : v.dates)
      if (d.date && d.date->size() >= 4)
        latest = std::max(latest, year_number(d.date->substr(0, 4)));
    const auto& t = v.tokens;
    for (std::size_t i = 1; i < t.size(); ++i) {
      const int year = year_number(t[i].lower);
      if (!year) continue;
      const auto& before = t[i - 1].lower;
      const bool past =
          before == "in" || before == "since" || before == "of" || before == "early" ||
          before == "late" || before == "mid" || before == "during" ||
          (before == "the" && i + 1 < t.size() &&
           (v.token_in(i + 1, lexicon::Cue::kAttackNoun) || v.token_is_weapon(i + 1)));
      // "since October 2023": a month name between.
      const bool month_year = i >= 2 && (t[i - 2].lower == "in" || t[i - 2].lower == "since") &&
                              text::month_number(before).has_value();
      const bool compound = i + 1 < t.size() && t[i + 1].lower == "-";
      if ((past || month_year) && !compound) latest = std::max(latest, year);
    }
  }
  return latest;
}

// Whether a written date can be the day a clue names (a plain long: GCC 12 at -O2 misreads an
// optional here as maybe uninitialized).
bool clue_allows(const DateClue& clue, const std::string& ymd) {
  const auto days = text::days_from_civil(ymd);
  if (!days) return true;
  const long day_number = *days;
  return text::matches(clue, day_number);
}

// A day written without its year, or without its month ("domingo (13)"), on a page that gave
// only the month it was filed ("date 2022-11"): the day falls in that month, or for a month
// named after it, in the year before. The weekday, when written, must agree.
std::optional<std::string> date_in_filed_month(const Annotated& article, const DateClue& clue) {
  const std::string& filed = article.filed_month;
  if (filed.size() != 7 || filed[4] != '-' || !clue.day) return std::nullopt;
  int filed_year = 0, filed_month = 0;
  for (std::size_t i = 0; i < filed.size(); ++i) {
    if (i == 4) continue;
    if (!std::isdigit(static_cast<unsigned char>(filed[i]))) return std::nullopt;
    int& part = i < 4 ? filed_year : filed_month;
    part = part * 10 + (filed[i] - '0');
  }
  if (filed_month < 1 || filed_month > 12) return std::nullopt;
  const int month = clue.month ? clue.month : filed_month;
  const int year = month > filed_month ? filed_year - 1 : filed_year;
  char ymd[11];
  std::snprintf(ymd, sizeof ymd, "%04d-%02d-%02d", year, month, clue.day);
  if (!text::days_from_civil(ymd) || !clue_allows(clue, ymd)) return std::nullopt;
  return std::string(ymd);
}

// "The incident happened on Saturday night", "It took place late on Sunday": a sentence that
// only tells when the attack told before it happened; it has no attack words of its own.
bool tells_when_it_happened(const SentenceView& v) {
  const auto& t = v.tokens;
  std::size_t k = 0;
  while (k < t.size() && !t[k].word) ++k;
  if (k < t.size() && t[k].lower == "the") ++k;
  if (k >= t.size() || !v.word_in(lexicon::WordList::kOccurrenceSubjects, t[k].lower)) return false;
  for (std::size_t j = k + 1; j < t.size() && j <= k + 3; ++j) {
    const auto& w = t[j].lower;
    if (v.word_in(lexicon::WordList::kOccurrenceVerbs, w))
      return w != "took" || (j + 1 < t.size() && t[j + 1].lower == "place");
    if (w != "reportedly" && w != "had" && w != "has" && w != "apparently") return false;
  }
  return false;
}

// After the day told at token `day`, a marker that puts the attack on the day before it: "a day
// after the fall of a rocket", "the day after the attack", "the fire that targeted the previous
// day the base" (not "the day before Tuesday's vote", a day of its own).
bool attack_a_day_before(const SentenceView& v, std::size_t day) {
  const auto& t = v.tokens;
  // The day is a reaction's: a report or condemnation word beside it ("Italy on Sunday
  // condemned", "condemns firmly Sunday"), not the attack's own ("two rockets fell on Tuesday, an
  // attack that came after threats made the previous day").
  bool reaction_day = false;
  for (std::size_t k = day >= 4 ? day - 4 : 0; k < t.size() && k <= day + 3; ++k)
    reaction_day = reaction_day || v.token_in(k, lexicon::Cue::kReportVerb) ||
                   v.token_in(k, lexicon::Cue::kAftermath);
  if (!reaction_day) return false;
  auto attack_word = [&](std::size_t k) {
    return v.token_in(k, lexicon::Cue::kAttackNoun) || v.token_in(k, lexicon::Cue::kLaunch) ||
           v.token_in(k, lexicon::Cue::kImpact) || v.token_in(k, lexicon::Cue::kAttackVerb) ||
           v.token_is_weapon(k);
  };
  for (std::size_t k = day + 1; k + 2 < t.size(); ++k) {
    const bool after = (t[k].lower == "a" || t[k].lower == "the" || t[k].lower == "one") &&
                       t[k + 1].lower == "day" && t[k + 2].lower == "after";
    if (after)
      for (std::size_t j = k + 3; j < t.size() && j <= k + 8; ++j)
        if (attack_word(j)) return true;
    // "the previous day" after an attack word told after the day: "condemned on Sunday the fire
    // that hit the headquarters the previous day".
    const bool previous = t[k].lower == "the" &&
                          ((t[k + 1].lower == "previous" && t[k + 2].lower == "day") ||
                           (t[k + 1].lower == "day" && t[k + 2].lower == "before")) &&
                          !(k + 3 < t.size() && v.token_in_date(k + 3));
    if (previous)
      for (std::size_t j = day + 1; j < k; ++j)
        if (attack_word(j)) return true;
  }
  return false;
}

// Whether sentence `i` only tells when the attack happened, after the event's own sentences
// ("Two rockets hit the compound. Sirens sounded across the Green Zone. The incident took place
// on Saturday night."); a sentence outside the event ("Separately, police arrested ...") stops
// the walk back.
bool dates_the_attack_told_before(const Annotated& article,
                                  const std::vector<std::size_t>& sentences, std::size_t i) {
  if (!tells_when_it_happened(article.sentences[i])) return false;
  for (std::size_t j = i; j > 0 && j + 4 > i; --j) {
    if (std::find(sentences.begin(), sentences.end(), j - 1) == sentences.end()) return false;
    const auto& p = article.sentences[j - 1];
    if (p.attack_evidence || p.has(lexicon::Cue::kKilled) || p.has(lexicon::Cue::kInjured) ||
        p.has(lexicon::Cue::kDamageMinor) || p.has(lexicon::Cue::kDamageSignificant))
      return true;
  }
  return false;
}

}  // namespace

Read<EventDay> read_date(const Annotated& article, const std::vector<std::size_t>& sentences,
                         std::size_t anchor) {
  Read<EventDay> out;
  const auto pub = article.published_day;
  std::optional<std::string> reporting;
  bool reporting_dateline = false;  // `reporting` is a dateline's filing day
  const SentenceView* reporting_view = nullptr;
  std::size_t reporting_token = 0;          // the last token of the report day in reporting_view
  const SentenceView* clue_view = nullptr;  // where out.value.clue was read
  DateClue reporting_clue;  // "the US military said on Wednesday", with no published date
  // The first bare report day, set aside for a day told on it or a day before it in a later
  // sentence
  // ("... It said the drone was shot down on Wednesday evening"); read again if none is.
  std::optional<long> set_aside;
  bool seen_a_day = false;
  for (const bool second_look : {false, true}) {
    if (second_look && !set_aside) break;
    reporting.reset();
    reporting_dateline = false;
    reporting_view = clue_view = nullptr;
    reporting_clue = {};
    out = {};
    for (std::size_t i : sentences) {
      const auto& v = article.sentences[i];
      if (i != anchor && v.sentence.quoted) continue;
      // "The condemnations followed an attack earlier in the evening", "rockets struck the base
      // hours ago": an anchor with no day of its own that puts the attack on the day of the report
      // is dated so, before any later sentence's day ("whose followers marched on Friday").
      // Not "overnight", which may be the night before.
      if (i == anchor && !article.published.empty() && v.dates.empty())
        if (const Hit* h = same_day_of_attack(v); h && v.tokens[h->first].lower != "overnight") {
          out.value.date = article.published;
          out.evidence = evidence_of(v);
          return out;
        }
      for (const auto& d : v.dates) {
        if (!d.date && (pub || d.clue.empty())) continue;
        auto days = d.date ? text::days_from_civil(*d.date) : std::nullopt;
        if (pub && days && (*days > *pub + 1 || *days < *pub - 30)) continue;
        if (date_starts_period(v, d)) continue;
        // Only the first day read (the anchor's, or the lead's after a headline without one).
        if (!second_look && !seen_a_day && days && bare_report_day(v, d)) {
          set_aside = days;
          seen_a_day = true;
          continue;
        }
        seen_a_day = true;
        if (set_aside && !second_look && days && (*days < *set_aside - 1 || *days > *set_aside))
          continue;
        if (date_is_reporting_mention(v, d)) {
          // A statement's day ("announced on Tuesday evening that it had targeted ...") is
          // nearer the attack than the dateline's filing day before it.
          const bool dateline = date_is_dateline(v, d);
          if (d.date && (!reporting || (reporting_dateline && !dateline)))
            reporting = d.date, reporting_view = &v, reporting_dateline = dateline,
            reporting_token = v.token_at(d.span.end - 1);
          if (!d.date && reporting_clue.empty()) reporting_clue = d.clue;
          continue;
        }
        if (!v.attack_evidence && i != anchor &&
            !dates_the_attack_told_before(article, sentences, i))
          continue;
        if (!d.date) {
          // No year and no published date: keep what it says for merging, and read on.
          if (out.value.clue.empty()) out.value.clue = d.clue, clue_view = &v;
          continue;
        }
        // A day the article named first ("on Wednesday, 5") is not overruled by a later full date
        // that cannot be it ("the killing of Soleimani on January 3, 2020").
        if (out.value.clue.day && !clue_allows(out.value.clue, *d.date)) continue;
        out.value.date = d.date;
        out.evidence = evidence_of(v);
        // A quoted "this morning" dated by the statement the sentence before dates: that
        // sentence says the day.
        if (d.relative && i >= 1 && !statement_day(v) && inside_quotes(v.text, d.span.start) &&
            statement_day(article.sentences[i - 1]) == d.date)
          out.evidence = evidence_of(article.sentences[i - 1]);
        // The day of a reaction told with the attack a day before it: "condemned on Wednesday
        // ..., a day after the fall of a rocket", "condemned Sunday the fire that targeted the
        // previous day the headquarters".
        if (const auto told = text::days_from_civil(*d.date);
            told && attack_a_day_before(v, v.token_at(d.span.end - 1)))
          out.value.date = text::civil_from_days(*told - 1);
        {
          const auto& t = v.tokens;
          const std::size_t first = v.token_at(d.span.start), last = v.token_at(d.span.end - 1);
          out.value.night = (first >= 1 && t[first - 1].lower == "overnight") ||
                            (last + 1 < t.size() && t[last + 1].lower == "night");
          // "overnight into Monday", read as the day "into" names or as "overnight" itself.
          // A bare "overnight" ("in an overnight attack") is the night before the day it resolves
          // to, as "overnight into" is.
          out.value.night_into =
              (first >= 2 && t[first - 1].lower == "into" && t[first - 2].lower == "overnight") ||
              t[first].lower == "overnight";
          for (std::size_t k = 0; k + 1 < t.size(); ++k)
            out.value.after_midnight =
                out.value.after_midnight || (t[k].lower == "after" && t[k + 1].lower == "midnight");
        }
        return out;
      }
    }
    // Nothing dated the attack a day before the report: read again, the anchor's day the
    // attack's.
  }
  // "Residents were jolted late on Friday by two loud blasts. The CTD said two drones had
  // targeted the base at Erbil airport ...": the lead's account of what was heard (blasts, with
  // no attack words of their own), before the anchor and naming no site, dates the attack its
  // own sentences leave undated.
  if (!out.value.date && out.value.clue.empty())
    for (std::size_t i = 0; i < anchor && i < article.sentences.size(); ++i) {
      const auto& v = article.sentences[i];
      const bool heard = std::any_of(v.tokens.begin(), v.tokens.end(), [&](const text::Token& w) {
        return v.word_in(lexicon::WordList::kBlastNouns, w.lower);
      });
      if (!v.lead || v.role != Role::kMain || !(v.attack_evidence || heard) || v.sentence.quoted ||
          !v.all(lexicon::Kind::kFacility).empty())
        continue;
      for (const auto& d : v.dates) {
        if (!d.date) continue;
        const auto days = text::days_from_civil(*d.date);
        if (pub && days && (*days > *pub + 1 || *days < *pub - 30)) continue;
        if (date_starts_period(v, d) || date_is_reporting_mention(v, d)) continue;
        out.value.date = d.date;
        out.evidence = evidence_of(v);
        out.value.clue = {};
        return out;
      }
    }
  auto dated = pub ? std::nullopt : year_from_weekday(article, out.value.clue);
  const auto written = dated || pub ? std::nullopt : year_from_full_date(article, out.value.clue);
  // The month the page was filed comes after what the article itself writes (a live blog's
  // address keeps the month it was opened), and never before a year the article names.
  auto filed =
      pub || dated || written ? std::nullopt : date_in_filed_month(article, out.value.clue);
  if (filed && filed->substr(0, 4) < std::to_string(latest_year(article))) filed.reset();
  if (dated) {
    out.value.date = dated;
    out.evidence = evidence_of(*clue_view);
  } else if (written) {
    out.value.date = written->date;
    out.evidence = evidence_of(*written->where);
  } else if (filed) {
    out.value.date = filed;
    out.evidence = evidence_of(*clue_view);
  } else if (reporting) {
    out.value.date = reporting;
    out.value.report_day = true;
    out.evidence = evidence_of(*reporting_view);
    // "France condemned on Wednesday ..., a day after a rocket fell inside the headquarters".
    if (const auto told = text::days_from_civil(*reporting);
        told && !reporting_dateline && attack_a_day_before(*reporting_view, reporting_token)) {
      out.value.date = text::civil_from_days(*told - 1);
      out.value.report_day = false;
    }
  } else if (!article.published.empty()) {
    out.value.date = article.published;
  }
  if (out.value.date) {
    out.value.clue = {};
  } else {
    if (out.value.clue.empty()) out.value.clue = reporting_clue;
    out.value.clue.year_at_least = latest_year(article);
  }
  return out;
}

Read<std::optional<std::string>> read_time(const Annotated& article,
                                           const lexicon::Lexicon& lexicon, const Event& event) {
  Read<std::optional<std::string>> out;
  // A time written in GMT is told on the clock of the country the attack was in, on its day
  // ("12h30 GMT" in Naqoura is 14:30 in November and 15:30 in July).
  auto local = [&](const text::TimeMention& m) {
    if (!m.universal_minutes || event.place.country.empty()) return m.hhmm;
    std::optional<long> day = article.published_day;
    if (event.date.value.date) day = text::days_from_civil(*event.date.value.date);
    if (!day) return m.hhmm;
    return text::local_hhmm(*m.universal_minutes,
                            lexicon.utc_offset_minutes(event.place.country, *day));
  };
  std::vector<std::size_t> order{event.anchor};
  // Then the event's sentences that tell what happened to the projectiles: "one of them was
  // shot down around 21:30" times the attack as well as "rockets struck at 21:30" does.
  for (std::size_t i : event.sentences) {
    const auto& v = article.sentences[i];
    // "Les tirs ont eu lieu vers 0 h 30" ("the fire took place toward 0 h 30") names the firing.
    if (i != event.anchor && (v.attack_evidence || v.has(lexicon::Cue::kIntercept) ||
                              v.has(lexicon::Cue::kImpact) || v.has(lexicon::Cue::kLaunch)))
      order.push_back(i);
  }
  // Then a sentence that only tells when the attack told before happened: "The events happened
  // toward 4h30, local time" (the gloss of "Les faits se sont produits vers 4h30"), the time
  // right after its verb: not "It happened as officials were due to meet at 14:00".
  std::vector<std::size_t> happened;
  for (std::size_t i : event.sentences)
    if (i != event.anchor && !article.sentences[i].attack_evidence &&
        dates_the_attack_told_before(article, event.sentences, i))
      happened.push_back(i);
  // Then the sirens: "the embassy's alarm sirens sounded around 4h15" times the attack too, and
  // so do the defences woken by it: "the embassy's C-RAM system was activated at around 8 p.m.".
  for (std::size_t i : event.sentences) {
    const auto& v = article.sentences[i];
    if (i != event.anchor && !v.attack_evidence && !v.has(lexicon::Cue::kIntercept) &&
        !v.has(lexicon::Cue::kImpact) &&
        (v.has(lexicon::Cue::kAlarm) || v.has(lexicon::Cue::kAirDefense)))
      order.push_back(i);
  }
  // Then the blasts heard: "an AFP correspondent heard two loud blasts around 8:00 pm", "the
  // blasts occurred at around 8:45 a.m.".
  for (std::size_t i : event.sentences) {
    const auto& v = article.sentences[i];
    if (i == event.anchor || v.attack_evidence || v.has(lexicon::Cue::kAlarm)) continue;
    if (std::any_of(v.tokens.begin(), v.tokens.end(), [&](const text::Token& w) {
          return v.word_in(lexicon::WordList::kBlastNouns, w.lower);
        }))
      order.push_back(i);
  }
  // A time told of a statement's posting ("In a statement published on its Telegram channel at
  // 11:05 pm") is not the attack's: back from the time within its clause.
  auto posting_time = [&](const SentenceView& v, const text::TimeMention& m) {
    const auto& t = v.tokens;
    const std::size_t at = v.token_at(m.span.start);
    for (std::size_t k = at; k-- > 0 && k + 7 > at;) {
      if (t[k].lower == "," || t[k].lower == ";") return false;
      if (v.word_in(lexicon::WordList::kPublicationVerbs, t[k].lower)) return true;
    }
    return false;
  };
  for (std::size_t i : order) {
    const auto& v = article.sentences[i];
    for (const auto& m : v.times) {
      if (posting_time(v, m)) continue;
      out.value = local(m);
      out.evidence = evidence_of(v);
      return out;
    }
  }
  for (std::size_t i : happened) {
    const auto& v = article.sentences[i];
    const auto& t = v.tokens;
    std::size_t verb = 0;
    while (verb < t.size() && !v.word_in(lexicon::WordList::kOccurrenceVerbs, t[verb].lower))
      ++verb;
    for (const auto& m : v.times) {
      const std::size_t at = v.token_at(m.span.start);
      if (at <= verb || at > verb + 8) continue;
      bool joined = true;  // no clause of its own between the verb and the time
      for (std::size_t k = verb + 1; k < at; ++k) {
        const auto& w = t[k].lower;
        // A comma before the time's own preposition goes on: "late on Sunday, at around 11:30".
        const bool comma_on =
            w == "," && k + 1 < at &&
            (t[k + 1].lower == "at" || t[k + 1].lower == "around" || t[k + 1].lower == "about" ||
             t[k + 1].lower == "toward" || t[k + 1].lower == "towards");
        joined = joined && w != "while" && w != "as" && w != "when" && w != "and" &&
                 (w != "," || comma_on) && w != ";";
      }
      if (!joined) continue;
      out.value = local(m);
      out.evidence = evidence_of(v);
      return out;
    }
  }
  return out;
}

std::optional<std::string> day_of_the_night(const EventDay& day,
                                            const std::optional<std::string>& time_local) {
  constexpr int kSmallHoursEnd = 6;  // 00:00-05:59 belongs to the morning after
  constexpr int kEveningStart = 18;  // 18:00-23:59 to the evening before
  if (day.night && day.after_midnight && !time_local && day.date)
    if (const auto days = text::days_from_civil(*day.date)) return text::civil_from_days(*days + 1);
  if ((!day.night && !day.night_into) || !day.date || !time_local || time_local->size() < 2)
    return day.date;
  const int hour = std::atoi(time_local->substr(0, 2).c_str());
  const auto days = text::days_from_civil(*day.date);
  if (!days) return day.date;
  if (day.night && hour < kSmallHoursEnd) return text::civil_from_days(*days + 1);
  if (day.night_into && hour >= kEveningStart) return text::civil_from_days(*days - 1);
  return day.date;
}

}  // namespace sitrep::extract
