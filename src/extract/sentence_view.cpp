#include "extract/sentence_view.h"

#include <algorithm>
#include <cctype>
#include <set>
#include <string>

namespace sitrep::extract {

using lexicon::Cue;

bool SentenceView::has(lexicon::Cue cue) const {
  return first(cue) != nullptr;
}

const Hit* SentenceView::first(lexicon::Cue cue) const {
  for (const auto& h : hits)
    if (h.kind == lexicon::Kind::kTrigger && h.cue == cue) return &h;
  return nullptr;
}

std::vector<const Hit*> SentenceView::all(lexicon::Cue cue) const {
  std::vector<const Hit*> out;
  for (const auto& h : hits)
    if (h.kind == lexicon::Kind::kTrigger && h.cue == cue) out.push_back(&h);
  return out;
}

std::vector<const Hit*> SentenceView::all(lexicon::Kind kind) const {
  std::vector<const Hit*> out;
  for (const auto& h : hits)
    if (h.kind == kind) out.push_back(&h);
  return out;
}

std::size_t SentenceView::token_at(std::size_t byte) const {
  auto it = std::lower_bound(tokens.begin(), tokens.end(), byte,
                             [](const text::Token& t, std::size_t b) { return t.end <= b; });
  return static_cast<std::size_t>(it - tokens.begin());
}

bool SentenceView::token_in(std::size_t i, lexicon::Cue cue) const {
  for (const auto& h : hits)
    if (h.kind == lexicon::Kind::kTrigger && h.cue == cue && h.first <= i && i <= h.last)
      return true;
  return false;
}

bool SentenceView::token_is_weapon(std::size_t i) const {
  return token_in_kind(i, lexicon::Kind::kWeapon);
}

bool SentenceView::token_in_kind(std::size_t i, lexicon::Kind kind) const {
  for (const auto& h : hits)
    if (h.kind == kind && h.first <= i && i <= h.last) return true;
  return false;
}

bool SentenceView::token_in_date(std::size_t i) const {
  return i < tokens.size() && std::any_of(dates.begin(), dates.end(), [&](const auto& d) {
           return d.span.contains(tokens[i].start);
         });
}

std::optional<int> count_at(const SentenceView& v, std::size_t i, bool allow_article) {
  if (i >= v.tokens.size()) return std::nullopt;
  const auto& w = v.tokens[i].lower;
  if (auto n = text::parse_number(w)) {
    if (*n >= 1900 && *n <= 2100 && w.size() == 4) return std::nullopt;
    if (w.find(':') != std::string::npos) return std::nullopt;
    // "on Monday February 15 by rockets": the day of a written date counts nothing.
    for (const auto& d : v.dates)
      if (d.explicit_day && d.span.contains(v.tokens[i].start)) return std::nullopt;
    // "three Grad rockets of 122 mm": a calibre inside a weapon's name counts nothing; nor does
    // a number inside a site's ("Tower 22 injury toll rises to 47").
    for (const auto& h : v.hits)
      if ((h.kind == lexicon::Kind::kWeapon || h.kind == lexicon::Kind::kFacility) &&
          h.first <= i && i <= h.last)
        return std::nullopt;
    // "four fifths of civilian deaths", "30 percent": a share, not a count; "two months ago", "for
    // three days": a span of time.
    if (i + 1 < v.tokens.size() &&
        (v.word_in(lexicon::WordList::kShareWords, v.tokens[i + 1].lower) ||
         v.word_in(lexicon::WordList::kTimeSpans, v.tokens[i + 1].lower)))
      return std::nullopt;
    // "four hundred drones", "two thousand troops": the number word with its multiplier.
    if (i + 1 < v.tokens.size()) {
      const auto& next = v.tokens[i + 1].lower;
      if (next == "hundred") return *n * 100;
      if (next == "thousand") return *n * 1000;
    }
    return n;
  }
  // "a pair of drones": two, wherever it stands ("by a pair of drones").
  if (w == "a" && i + 2 < v.tokens.size() && v.tokens[i + 1].lower == "pair" &&
      v.tokens[i + 2].lower == "of")
    return 2;
  if (allow_article && (w == "a" || w == "an" || w == "single")) return 1;
  return std::nullopt;
}

bool outcome_noun(const SentenceView& v, std::string_view w) {
  return v.word_in(lexicon::WordList::kOutcomeNouns, w);
}

bool states_tally(const SentenceView& v) {
  for (std::size_t i = 0; i < v.tokens.size(); ++i)
    if (tally_at(v, i)) return true;
  return false;
}

bool tally_at(const SentenceView& v, std::size_t i) {
  const auto& t = v.tokens;
  // A set-aside clause tells another event ("on the anniversary of the September 11 attacks").
  if (i + 1 >= t.size() || v.token_set_aside(i)) return false;
  // "attacked 170 times", "were attacked with drones and rockets 23 times", "attacked US forces
  // and diplomatic sites in Iraq and Syria at least nine times": the verb of the clause the
  // count ends; another verb between ("and the alarm sounded three times") ends the search.
  auto counts_attacks_of_its_clause = [&] {
    for (std::size_t k = i; k > 0 && k + 18 > i; --k) {
      const auto& w = t[k - 1].lower;
      if (w == "attacked" || w == "targeted" || v.token_in(k - 1, Cue::kAttackVerb)) return true;
      if (!t[k - 1].word) return false;
      if (w.size() > 3 && w.ends_with("ed") && !v.token_in(k - 1, Cue::kLaunch)) return false;
    }
    return false;
  };
  // "were attacked dozens of times": a multitude told without its number counts attacks too.
  const auto& word = t[i].lower;
  if ((word == "dozens" || word == "scores" || word == "hundreds" || word == "tens" ||
       word == "thousands") &&
      i + 2 < t.size() && t[i + 1].lower == "of" && t[i + 2].lower == "times")
    return counts_attacks_of_its_clause();
  auto n = count_at(v, i, false);
  if (!n || *n < 3) return false;
  if (t[i + 1].lower == "attacks") return true;
  // Arabic counts 11 and up with a singular noun, and its gloss keeps it: "55 attack", "150
  // attack". Not a
  // name's number ("the Tower 22 attack") nor a count of attack weapons ("15 attack drones").
  if (*n >= 11 && t[i + 1].lower == "attack") {
    const bool named = std::any_of(v.hits.begin(), v.hits.end(), [&](const Hit& h) {
      return h.kind == lexicon::Kind::kFacility && h.first <= i && i <= h.last + 1;
    });
    const bool modifier =
        i + 2 < t.size() && t[i + 2].word && (v.token_is_weapon(i + 2) || v.token_is_weapon(i + 1));
    return !named && !modifier;
  }
  if (i + 2 < t.size() && t[i + 2].lower == "attacks" && t[i + 1].word) return true;
  // "destroyed 118 drones during two years", "in two years the base was attacked by about 120
  // drones": scores of projectiles over months or years count a campaign, not one attack.
  if (*n >= 20 && (v.token_is_weapon(i + 1) || (i + 2 < t.size() && v.token_is_weapon(i + 2)))) {
    for (std::size_t k = 1; k < t.size(); ++k) {
      const auto& unit = t[k].lower;
      if (unit != "months" && unit != "years") continue;
      const auto& before = t[k - 1].lower;
      if (before == "past" || before == "last" || before == "recent" || text::parse_number(before))
        return true;
    }
  }
  // "the total number of attacks on US forces has exceeded 180", "rose to 170": a number the
  // count of attacks reaches, right after its verb (across "to", "at", "more than"); "rose
  // sharply when militants fired five rockets" counts rockets.
  {
    std::size_t k = number_hedge_start(v, i);
    while (k > 0 && (t[k - 1].lower == "to" || t[k - 1].lower == "at")) --k;
    if (k >= 3 && k + 3 >= i) {
      const auto& w = t[k - 1].lower;
      const std::size_t from = k >= 12 ? k - 12 : 0;
      auto named = [&](std::string_view word) {
        return std::any_of(t.begin() + from, t.begin() + (k - 1),
                           [&](const auto& x) { return x.lower == word; });
      };
      if ((w == "exceeded" || w == "reached" || w == "topped" || w == "passed" ||
           w == "surpassed" || w == "stands" || w == "stood" || w == "rose") &&
          named("number") && named("attacks"))
        return true;
    }
  }
  // Arabic counts 11 to 99 with a singular: "27 مرة" glossed "27 time".
  const bool times =
      t[i + 1].lower == "times" || (*n >= 11 && *n <= 99 && t[i + 1].lower == "time");
  if (!times) return false;
  // "was shelled three times in an hour", "attacked twice within 30 minutes": one episode of
  // fire told in rounds, not a count of attacks ("four times in 48 hours", "five times in the
  // last 24 hours" count attacks).
  if (i + 4 < t.size() && (t[i + 2].lower == "in" || t[i + 2].lower == "within")) {
    std::size_t a = i + 3;
    // "in under an hour", "within less than an hour", "in half an hour"
    if (t[a].lower == "under" || t[a].lower == "half") ++a;
    if (a + 1 < t.size() && t[a].lower == "less" && t[a + 1].lower == "than") a += 2;
    if (a + 1 < t.size()) {
      const auto& amount = t[a].lower;
      const auto& unit = t[a + 1].lower;
      const bool one = amount == "a" || amount == "an" || amount == "one" || amount == "1";
      const auto hours = text::parse_number(amount);
      if (unit == "minutes" || unit == "minute" || (one && unit == "hour") ||
          (unit == "hours" && hours && *hours <= 3))
        return false;
    }
  }
  // "came under attack 27 times" (the gloss of "تعرضت لهجوم 27 مرة").
  if (i >= 1 && v.token_in(i - 1, Cue::kAttackNoun)) return true;
  return counts_attacks_of_its_clause();
}

std::size_t number_hedge_at(const SentenceView& v, std::size_t j) {
  const auto& t = v.tokens;
  std::string phrase;
  std::size_t found = 0;
  for (std::size_t n = 1; n <= 3 && j + n <= t.size(); ++n) {
    if (!t[j + n - 1].word) break;
    if (n > 1) phrase += ' ';
    phrase += t[j + n - 1].lower;
    if (v.word_in(lexicon::WordList::kNumberHedges, phrase)) found = n;
  }
  return found;
}

std::size_t number_hedge_start(const SentenceView& v, std::size_t i) {
  for (std::size_t n = 3; n >= 1; --n)
    if (i >= n && number_hedge_at(v, i - n) == n) return i - n;
  return i;
}

// A quotation mark token. The backtick and the opening single quote stand for quotes in
// reposted pages ("a `drone`"); the closing single quote is also the apostrophe and stays out.
bool is_quote_mark(std::string_view token) {
  return token == "\"" || token == "\xE2\x80\x9C" || token == "\xE2\x80\x9D" ||
         token == "\xC2\xAB" || token == "\xC2\xBB" || token == "`" || token == "\xE2\x80\x98";
}

bool is_dash(std::string_view token) {
  return token == "-" || token == "\xE2\x80\x93" || token == "\xE2\x80\x94";
}

bool locative_at(const std::vector<text::Token>& t, std::size_t k) {
  const auto& w = t[k].lower;
  const bool before_from = k + 1 < t.size() && t[k + 1].lower == "from";
  return w == "near" || w == "outside" || w == "around" ||
         ((w == "close" || w == "next") && k + 1 < t.size() && t[k + 1].lower == "to") ||
         (w == "far" && before_from && k >= 1 && t[k - 1].lower == "not");  // "not far from"
}

bool is_site_hit(const Hit& h) {
  return h.kind == lexicon::Kind::kFacility ||
         (h.kind == lexicon::Kind::kTrigger &&
          (h.cue == lexicon::Cue::kTargetMilitary || h.cue == lexicon::Cue::kTargetDiplomatic));
}

std::string lower_text(const SentenceView& v, const Hit& hit) {
  std::string out(v.text.substr(hit.start, hit.end - hit.start));
  for (auto& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

// True when a negator governs token i in its clause: "no injuries", "without causing any
// casualties", "did not result in injuries or material damage", "no victims or damage". A
// coordination of outcome nouns stays in scope; "and" before anything else starts a new clause
// ("No one was hurt and the blast damaged a hangar").
bool negated_in_clause(const SentenceView& v, std::size_t i) {
  const auto& t = v.tokens;
  for (std::size_t k = i; k > 0 && k + 9 > i; --k) {
    const auto& w = t[k - 1].lower;
    if (w == "no" || w == "not" || w == "without" || w == "nor" || w == "never" || w == "neither" ||
        w == "n't" || w == "didn't")
      return true;
    // A quotation opening between them ("stressed no \"any casualties or damage\"") goes on.
    if (is_quote_mark(w)) continue;
    if (!t[k - 1].word || w == "but" || w == "while" || w == "although" || w == "though")
      return false;
    // "no damage or casualties", "without any human or material casualties": the negation
    // reaches across a list of outcomes and their qualifiers.
    if (w == "and" || w == "or") {
      // The word before the conjunction, across a serial comma ("damage, or injuries"); ", and"
      // opens a new clause ("no damage, and injuries were reported among the guards").
      std::size_t before = k >= 2 ? k - 2 : k - 1;
      if (k >= 3 && t[before].lower == "," && w == "or") --before;
      auto outcome_word = [&](std::size_t j) {
        return outcome_noun(v, t[j].lower) ||
               v.word_in(lexicon::WordList::kOutcomeAdjectives, t[j].lower);
      };
      // An item may carry its object before "or": "no injuries to personnel or damage to
      // equipment" ("no injuries to US personnel and damage to the facility was minimal" says
      // there was damage).
      if (k >= 2 && w == "or" && !outcome_word(before))
        for (std::size_t j = before; j > 0 && j + 3 > before; --j) {
          const auto& p = t[j].lower;
          if ((p == "to" || p == "among" || p == "of" || p == "for") && outcome_word(j - 1)) {
            before = j - 1;
            break;
          }
          if (!t[j].word) break;
        }
      // A list of outcomes on both sides: "..., and we are assessing the damage" is a new clause.
      if (!(k >= 2 && outcome_word(before) && outcome_word(k))) return false;
      if (before + 1 < k - 1) k = before + 2;  // go on from the word before the comma
    }
  }
  return false;
}

bool share_of_a_series(const SentenceView& v, std::size_t i) {
  const auto& t = v.tokens;
  for (std::size_t k = i >= 12 ? i - 12 : 0; k + 2 < i; ++k) {
    if (!(t[k].lower == "most" || t[k].lower == "many" || t[k].lower == "majority") ||
        t[k + 1].lower != "of")
      continue;
    // "most of them", "many of the attacks", "the majority of these strikes".
    const auto& what = t[k + 2].lower;
    std::size_t noun = what == "the" || what == "these" || what == "those" ? k + 3 : k + 2;
    if (noun >= i) continue;
    const auto& w = t[noun].lower;
    bool series = w == "them" || w == "which" || w == "attacks" || w == "strikes" ||
                  w == "operations" || w == "incidents";
    // Within one clause: "most of them fell short, and ..." ends at the comma and conjunction.
    for (std::size_t j = noun + 1; j < i && series; ++j)
      if (t[j].lower == "," && j + 1 < i && (t[j + 1].lower == "and" || t[j + 1].lower == "but"))
        series = false;
    if (series) return true;
  }
  return false;
}

std::size_t after_source_tag(const SentenceView& v) {
  const auto& t = v.tokens;
  if (t.empty() || t[0].lower != "(") return 0;
  for (std::size_t k = 1; k < t.size() && k <= 12; ++k)
    if (t[k].lower == ")") return k + 1;
  return 0;
}

std::size_t after_dateline(const SentenceView& v) {
  const auto& t = v.tokens;
  const std::size_t from = after_source_tag(v);
  for (std::size_t k = from; k < t.size() && k <= from + 16; ++k) {
    const auto& w = t[k].lower;
    if (w == "-" || w == "\u2014" || w == "\u2013") return k > from ? k + 1 : from;
    // Only a place, a day and an agency stand before the dash.
    const bool dateline_word = !t[k].word ? (w == "," || w == "(" || w == ")" || w == ".")
                                          : (t[k].capitalized || text::parse_number(w));
    if (!dateline_word) return from;
  }
  return from;
}

bool date_is_dateline(const SentenceView& v, const text::DateMention& d) {
  std::size_t first = v.token_at(d.span.start);
  std::size_t last = v.token_at(d.span.end - 1);
  // A dateline ("BAGHDAD, Jan 27 — ...", "(MENAFN- Nam News Network) DAMASCUS, Aug 14
  // (NNN-SANA) – ...") dates the report. Its place may carry its country in parentheses ("Erbil
  // (Irak), 27 mar (EFE).-"), which does not count as words before the date.
  std::size_t place_words = 0;
  for (std::size_t k = after_source_tag(v), depth = 0; k < first; ++k) {
    const auto& w = v.tokens[k].lower;
    if (w == "(") ++depth;
    // Only words count: "ERBIL, Kurdistan Region, Feb. 5 -" is a place of three.
    if (depth == 0 && v.tokens[k].word) ++place_words;
    if (w == ")" && depth > 0) --depth;
  }
  if (place_words <= 4)
    for (std::size_t i = last + 1; i < v.tokens.size() && i <= last + 2; ++i) {
      const auto& w = v.tokens[i].lower;
      // "أربيل – 16 شباط 2021:" (glossed "Erbil – 16 February 2021:"): a colon closes it too.
      if (is_dash(w) || w == "(" || (w == ":" && i == last + 1)) return true;
    }
  // "MOSCOW (UrduPoint News / Sputnik - 24th December, 2019) Militants attempted ...": a date
  // inside a parenthesis that opens the sentence is the agency's dateline.
  for (std::size_t i = first; i-- > 0;) {
    const auto& w = v.tokens[i].lower;
    if (w == ")") break;
    if (w != "(") continue;
    if (i <= 3)
      for (std::size_t k = last + 1; k < v.tokens.size(); ++k)
        if (v.tokens[k].lower == ")") return true;
    break;
  }
  return false;
}

bool date_is_reporting_mention(const SentenceView& v, const text::DateMention& d) {
  // A word that tells the attack (or its toll) itself: what a day right before it dates.
  auto tells_attack = [&](std::size_t k) {
    return v.token_in(k, Cue::kAttackVerb) || v.token_in(k, Cue::kLaunch) ||
           v.token_in(k, Cue::kImpact) || v.token_in(k, Cue::kIntercept) ||
           v.token_in(k, Cue::kAttackNoun) || v.token_is_weapon(k) || v.token_in(k, Cue::kKilled) ||
           v.token_in(k, Cue::kInjured);
  };
  std::size_t first = v.token_at(d.span.start);
  std::size_t last = v.token_at(d.span.end - 1);
  if (date_is_dateline(v, d)) return true;
  // "The embassy on Friday blamed", "the coalition on Tuesday revised": the date sits before a
  // verb that is not the attack itself.
  if (last + 1 < v.tokens.size()) {
    const auto& next = v.tokens[last + 1];
    // What may follow the day of an attack without being a verb: "on Tuesday night", "on
    // Tuesday at 9 p.m.", "on Tuesday, wounding ...". Any other lowercase word is taken as the
    // verb the day belongs to ("commanders on Monday took reporters").
    // "Monday night's attack": the possessive belongs to the continuation.
    std::string_view continuation = next.lower;
    if (continuation.ends_with("'s")) continuation.remove_suffix(2);
    // "Friday's pre-dawn attack": after a possessive day comes the attack it dates ("weighed
    // Friday's ultimatum" dates no attack).
    const auto& day_word = v.tokens[last].lower;
    bool owns_next = false;
    if (day_word.ends_with("'s") || day_word.ends_with("\u2019s"))
      for (std::size_t k = last + 1; k < v.tokens.size() && k <= last + 3 && !owns_next; ++k)
        owns_next = v.token_in(k, Cue::kAttackNoun) || v.token_is_weapon(k);
    // A name is no verb, though it may start in lower case ("on Wednesday al-Tanf garrison").
    const bool name_next = std::any_of(v.hits.begin(), v.hits.end(), [&](const Hit& h) {
      return h.kind != lexicon::Kind::kTrigger && h.first == last + 1;
    });
    bool verb_like = !owns_next && !name_next && next.word && !next.capitalized &&
                     !next.lower.ends_with("ing") &&
                     !std::isdigit(static_cast<unsigned char>(next.lower[0])) &&
                     !v.word_in(lexicon::WordList::kDateContinuations, continuation);
    // "on Sunday killed two contractors": a toll dates the attack too. So does a verb of attack
    // right before the day, as the gloss of Arabic orders it: "the attack which targeted early
    // Wednesday vicinity US consulate".
    const bool attack_before =
        (first >= 1 && tells_attack(first - 1)) || (first >= 2 && tells_attack(first - 2));
    if (verb_like && !tells_attack(last + 1) && !(v.glossed && attack_before)) return true;
  }
  // "said on Tuesday", not "said on Tuesday that Monday's attack": a report verb dates the
  // report through the nearest date after it only.
  std::size_t from = first > 3 ? first - 3 : 0;
  for (const auto& other : v.dates)
    if (other.span.end <= d.span.start && v.token_at(other.span.end - 1) >= from)
      from = v.token_at(other.span.end - 1) + 1;
  // "claimed responsibility on Sunday for the attack of Saturday night" (the gloss of
  // "reivindicó este domingo el ataque"): a claim dates itself like a report, not "claimed
  // Sunday's attack", where the day is the attack's.
  const auto& after_date = v.tokens[last].lower;
  const bool possessive = after_date.ends_with("'s") || after_date.ends_with("\u2019s") ||
                          (last + 1 < v.tokens.size() && (v.tokens[last + 1].lower == "'s" ||
                                                          v.tokens[last + 1].lower == "\u2019s"));
  // Only when the sentence dates the attack itself further on: a lone day after a claim is
  // also the attack's in the outlets' shorthand.
  // That later day is the attack's: an attack word beside it, and no "since" before it ("the
  // first since January 5" dates nothing of this attack).
  const bool later_date = std::any_of(v.dates.begin(), v.dates.end(), [&](const auto& other) {
    if (other.span.start < d.span.end) return false;
    const std::size_t at = v.token_at(other.span.start);
    // An attack told between the two days ("announced on Sunday that air defences shot down a
    // drone ... on Friday evening"), or beside the later one.
    bool told = attack_word_near_date(v, other, true);
    for (std::size_t k = last + 1; k < at && !told; ++k)
      told = v.token_in(k, Cue::kAttackVerb) || v.token_in(k, Cue::kLaunch) ||
             v.token_in(k, Cue::kImpact) || v.token_in(k, Cue::kIntercept);
    if (!told) return false;
    for (std::size_t k = at >= 3 ? at - 3 : 0; k < at; ++k)
      if (v.tokens[k].lower == "since") return false;
    return true;
  });
  for (std::size_t i = from; i < first; ++i)
    if (v.token_in(i, Cue::kReportVerb) ||
        (!possessive && later_date &&
         (v.token_in(i, Cue::kClaim) ||
          // "raised on Monday to 34 the number of soldiers wounded in the drone attack that
          // struck the base on Sunday": a toll's update dates itself.
          v.word_in(lexicon::WordList::kRiseWords, v.tokens[i].lower))))
      return true;
  // "in a statement posted on Telegram on Saturday", "said in Baghdad on Sunday": a report verb,
  // then a short place or medium opened by its preposition, then the day.
  auto preposition = [](std::string_view w) {
    return w == "on" || w == "in" || w == "at" || w == "via";
  };
  for (std::size_t i = first; i-- > 0 && i + 7 > first;) {
    const auto& w = v.tokens[i].lower;
    if (v.token_in(i, Cue::kReportVerb)) {
      if (i + 2 < first && preposition(v.tokens[i + 1].lower)) return true;
      break;
    }
    if (!preposition(w) && !v.tokens[i].capitalized && w != "the" && w != "its" && w != "their")
      break;
  }
  // "The group, Sunday, adopted the attack that targeted last night the airport": a day set off
  // by commas before the claim or report verb dates that verb, when the attack has its own day.
  if (later_date && last + 2 < v.tokens.size() && v.tokens[last + 1].lower == "," && first >= 1 &&
      v.tokens[first - 1].lower == "," &&
      (v.token_in(last + 2, Cue::kClaim) || v.token_in(last + 2, Cue::kReportVerb)))
    return true;
  // "An official in the Pentagon announced, on Thursday, that three drones targeted the base on
  // Wednesday evening": a day between a report verb and the "that" of what it reports, with no
  // attack word between the verb and the day, when the report dates the attack after it. The
  // gloss of Arabic puts the verb first and its subject between ("Announced Security Media
  // Cell, on Tuesday, details of the rocket attack which targeted ... late Monday"): a day set
  // off by its comma after them is the report's too.
  {
    std::size_t k = last + 1;
    const bool comma = k < v.tokens.size() && v.tokens[k].lower == ",";
    if (comma) ++k;
    const bool that = k < v.tokens.size() && v.tokens[k].lower == "that";
    // The comma alone only in that verb-first order: "Iraqi officials said that late on
    // Saturday, two rockets struck ..." fronts the attack's own day.
    // Set off by commas before "that" it is the report's even with no later day in the
    // sentence ("announced the directorate, early Thursday, that a drone targeted the base"):
    // the attack's own day, if any, is told further on.
    if ((later_date && (that || comma)) || (comma && that))
      for (std::size_t i = first; i-- > 0 && (that || i + 10 > first);) {
        if (v.token_in(i, Cue::kAttackVerb) || v.token_in(i, Cue::kAttackNoun) ||
            v.token_in(i, Cue::kLaunch) || v.token_is_weapon(i) ||
            (!that && v.tokens[i].lower == "that"))
          break;
        if (v.token_in(i, Cue::kReportVerb)) return true;
      }
  }
  // "On Sunday, the Islamic State group claimed responsibility for the attack": a day that opens
  // the sentence dates the claim that comes first after it; not "On Sunday, two drones struck
  // the base", nor "Earlier today, a source reported that an explosion was heard" (what a report
  // tells may be of its day).
  if (first <= 1)
    for (std::size_t k = last + 1; k < v.tokens.size() && k <= last + 12; ++k) {
      if (tells_attack(k)) break;
      if (v.token_in(k, Cue::kClaim)) return true;
    }
  // "on Friday said" (rare); a comma ends the date's phrase: "early Thursday, according to".
  if (last + 1 < v.tokens.size() && v.token_in(last + 1, Cue::kReportVerb)) return true;
  // "..., according to local sources on Saturday" (the gloss of "بحسب ما أفادت به مصادر محلية
  // اليوم السبت"): the day the source told it, after the source, with no attack word between.
  for (std::size_t i = first >= 14 ? first - 14 : 0; i + 1 < first; ++i) {
    if (v.tokens[i].lower != "according" || v.tokens[i + 1].lower != "to") continue;
    // Inside the source phrase: "According to the Pentagon, on Sunday a drone struck" fronts
    // the attack's own day after the comma.
    bool attack_between = false;
    for (std::size_t k = i + 2; k < first; ++k)
      attack_between = attack_between || v.tokens[k].lower == "," ||
                       v.token_in(k, Cue::kAttackVerb) || v.token_in(k, Cue::kLaunch) ||
                       v.token_in(k, Cue::kAttackNoun) || v.token_is_weapon(k);
    if (!attack_between) return true;
  }
  // "The number of wounded rose to 40 on Monday": the day of a toll's update, not the attack's
  // (a number between the rise and the day; "security was raised at the embassy on Monday" is
  // no update).
  for (std::size_t i = first >= 5 ? first - 5 : 0; i < first; ++i)
    if (v.word_in(lexicon::WordList::kRiseWords, v.tokens[i].lower))
      for (std::size_t k = i + 1; k < first; ++k)
        if (text::parse_number(v.tokens[k].lower)) return true;
  return false;
}

bool bare_report_day(const SentenceView& v, const text::DateMention& d) {
  const auto& t = v.tokens;
  const std::size_t first = v.token_at(d.span.start), last = v.token_at(d.span.end - 1);
  // A part of the day beside it dates the attack ("announced, early Monday, the downing").
  for (std::size_t j = first >= 1 ? first - 1 : 0; j < t.size() && j <= last + 1; ++j)
    if (v.word_in(lexicon::WordList::kDayParts, t[j].lower)) return false;
  std::size_t k = last + 1;
  const bool comma = k < t.size() && t[k].lower == ",";
  if (comma) ++k;
  const bool that = k < t.size() && t[k].lower == "that";
  if (!comma && !that) return false;
  for (std::size_t i = first; i-- > 0 && i + 10 > first;) {
    if (v.token_in(i, Cue::kAttackVerb) || v.token_in(i, Cue::kAttackNoun) ||
        v.token_in(i, Cue::kLaunch) || v.token_is_weapon(i) || t[i].lower == "that")
      return false;
    if (!v.token_in(i, Cue::kReportVerb) || t[i].lower == "according" || t[i].lower == "to")
      continue;
    // The verb opens the sentence, after a dateline if any.
    for (std::size_t j = i; j-- > 0;) {
      if (is_dash(t[j].lower)) break;
      if (t[j].word && t[j].lower != "and") return false;
    }
    return true;
  }
  return false;
}

bool opens_clause(const SentenceView& v, std::size_t k) {
  return k == 0 || !v.tokens[k - 1].word || v.tokens[k - 1].lower == "and";
}

bool reaction_came_after(const SentenceView& v, const Hit& marker) {
  const auto& t = v.tokens;
  const auto& w = t[marker.first].lower;
  if (w == "hours" || w == "minutes") {
    bool statement = false;
    for (std::size_t k = marker.first; k-- > 0;) {
      if (t[k].lower == ";" || v.token_in(k, Cue::kAttackVerb) || v.token_in(k, Cue::kLaunch) ||
          v.token_in(k, Cue::kImpact))
        return false;
      statement = statement || v.token_in(k, Cue::kReportVerb) ||
                  v.word_in(lexicon::WordList::kCondemnWords, t[k].lower);
    }
    return statement;
  }
  if (w != "came" && w != "comes") return false;
  for (std::size_t k = marker.first >= 3 ? marker.first - 3 : 0; k < marker.first; ++k) {
    const auto& before = v.tokens[k].lower;
    if (v.word_in(lexicon::WordList::kCondemnWords, before) || before == "reaction" ||
        before == "reactions")
      return true;
  }
  return false;
}

const Hit* same_day_of_attack(const SentenceView& v) {
  const auto& t = v.tokens;
  auto attack_word = [&](std::size_t k) {
    return v.token_in(k, Cue::kAttackVerb) || v.token_in(k, Cue::kLaunch) ||
           v.token_in(k, Cue::kImpact) || v.token_in(k, Cue::kAttackNoun) || v.token_is_weapon(k);
  };
  auto reaction_word = [&](std::size_t k) {
    return v.token_in(k, Cue::kReportVerb) || v.token_in(k, Cue::kAftermath) ||
           v.word_in(lexicon::WordList::kCondemnWords, t[k].lower);
  };
  for (const Hit* h : v.all(Cue::kSameDay)) {
    for (std::size_t k = h->first; k-- > 0 && k + 12 > h->first;) {
      if (reaction_word(k) || t[k].lower == ";") break;
      if (attack_word(k)) return h;
    }
    if (h->first <= 1)
      for (std::size_t k = h->last + 1; k < t.size() && k <= h->last + 8; ++k) {
        if (reaction_word(k)) break;
        if (attack_word(k)) return h;
      }
  }
  return nullptr;
}

bool attack_word_near_date(const SentenceView& v, const text::DateMention& d, bool nouns) {
  const std::size_t first = v.token_at(d.span.start), last = v.token_at(d.span.end - 1);
  const auto& t = v.tokens;
  // "an incident early on Thursday in which, according to UNIFIL, an Israeli tank opened fire on
  // a watchtower": a relative clause right after the day tells what happened on it, however long.
  std::size_t reach = last + 6;
  for (std::size_t k = last + 1; k < t.size() && k <= last + 2; ++k)
    if (t[k].lower == "when" ||
        (t[k].lower == "in" && k + 1 < t.size() && t[k + 1].lower == "which"))
      reach = k + 25;
  for (std::size_t k = first >= 6 ? first - 6 : 0; k < t.size() && k <= reach; ++k) {
    if (k > last + 6 && (t[k].lower == ";" || t[k].lower == ":")) break;
    if (v.token_in(k, Cue::kAttackVerb) || v.token_in(k, Cue::kLaunch) ||
        v.token_in(k, Cue::kImpact) || v.token_in(k, Cue::kIntercept) || v.token_is_weapon(k) ||
        (nouns && v.token_in(k, Cue::kAttackNoun)))
      return true;
  }
  return false;
}

bool date_awaited(const SentenceView& v, const text::DateMention& d) {
  const std::size_t first = v.token_at(d.span.start);
  if (first >= 1) {
    const auto& before = v.tokens[first - 1].lower;
    if (before == "before" || before == "by" || before == "until") return true;
  }
  for (std::size_t k = first >= 3 ? first - 3 : 0; k < first; ++k)
    if (v.tokens[k].lower == "ahead" || v.tokens[k].lower == "alert") return true;
  return false;
}

bool date_opens_a_war(const SentenceView& v, const text::DateMention& d) {
  const std::size_t first = v.token_at(d.span.start), last = v.token_at(d.span.end - 1);
  for (std::size_t k = first >= 7 ? first - 7 : 0; k < first; ++k) {
    if (v.tokens[k].lower != "since") continue;
    for (std::size_t j = k + 1; j < v.tokens.size() && j <= last + 4; ++j) {
      const auto& w = v.tokens[j].lower;
      if (v.word_in(lexicon::WordList::kWarNouns, w) || w == "outbreak") return true;
      if (w == ";" || v.token_in(j, Cue::kAttackNoun)) break;
    }
  }
  return false;
}

bool date_starts_period(const SentenceView& v, const text::DateMention& d) {
  std::size_t first = v.token_at(d.span.start);
  for (std::size_t k = first >= 2 ? first - 2 : 0; k < first; ++k)
    if (v.tokens[k].lower == "since" || v.tokens[k].lower == "until") return true;
  // "until the night of this Monday (19)", "until the end of the day on Monday".
  for (std::size_t k = first; k-- > 0 && k + 7 > first;) {
    const auto& w = v.tokens[k].lower;
    if (w == "until") return true;
    if (w != "the" && w != "of" && w != "this" && w != "end" && w != "on" &&
        !v.word_in(lexicon::WordList::kDayParts, w))
      break;
  }
  if (date_opens_a_war(v, d)) return true;
  // "before dawn that Sunday", "on that Sunday": the day told before, not the last Sunday before
  // publication ("said that Monday's attack" is a clause's "that").
  if (first >= 2 && v.tokens[first - 1].lower == "that" && d.clue.weekday >= 0 && !d.explicit_day &&
      (v.tokens[first - 2].lower == "on" ||
       v.word_in(lexicon::WordList::kDayParts, v.tokens[first - 2].lower)))
    return true;
  return false;
}

bool asks_whether(const SentenceView& v, std::size_t k) {
  const auto& t = v.tokens;
  if (k >= t.size() || k == 0) return false;
  if (t[k].lower == "whether") return true;
  if (t[k].lower != "if") return false;
  const auto& verb = t[k - 1].lower;
  if (v.word_in(lexicon::WordList::kIndirectQuestionVerbs, verb)) return true;
  // "did not say if", "no han precisado si" (glossed "not said if"): a verb of saying asks only
  // when negated; "said if militias attack again" sets a condition.
  if (verb != "said" && verb != "says" && verb != "told") return false;
  for (std::size_t j = k - 1; j-- > 0 && j + 3 >= k - 1;)
    if (t[j].lower == "not" || t[j].lower == "n't" || t[j].lower == "never") return true;
  return false;
}

// Whether the sentence goes on, after token `from`, to say the statement left a place out:
// "said it had launched drones at three bases in Syria, but its statement made no mention of
// any site inside Jordan", "claimed an attack on Ain al-Asad, but made no mention of Erbil." (and
// the gloss of "mas não mencionou diretamente a Torre 22"). What it claimed is other attacks.
// Not when the claim names one of `own_sites` ("claimed the drone attack on Rumalyn but made no
// mention of the Conoco field"), nor what else it left out: casualties, a weapon, a country or
// a group ("of Kurdish casualties", "of Iran", "of Katyusha rockets"), "which base", "the launch
// site", an account ("the Pentagon account"), nor "without mentioning Washington's response".
bool leaves_out_a_place(const SentenceView& v, std::size_t from,
                        const std::vector<std::string>& own_sites) {
  const auto& t = v.tokens;
  for (const Hit* u : v.all(lexicon::Cue::kUncertain)) {
    if (u->first <= from) continue;
    bool mention = false, negated = false;
    for (std::size_t k = u->first; k <= u->last; ++k) {
      const auto& w = t[k].lower;
      mention = mention || w == "mention" || w == "mentioned";
      negated = negated || w == "no" || w == "not" || w == "n't";
    }
    if (!mention || !negated) continue;
    for (const Hit* f : v.all(lexicon::Kind::kFacility))
      if (f->first > from && f->last < u->first && v.lexicon &&
          std::find(own_sites.begin(), own_sites.end(), v.lexicon->facility(f->entry).name) !=
              own_sites.end())
        return false;
    std::size_t end = u->last + 1;
    while (end < t.size() && end <= u->last + 5 && t[end].word) ++end;
    for (std::size_t k = u->last + 1; k < end; ++k) {
      const auto& w = t[k].lower;
      if (v.token_in_kind(k, lexicon::Kind::kCountry) ||
          v.token_in_kind(k, lexicon::Kind::kActor) || v.token_is_weapon(k) || outcome_noun(v, w) ||
          w == "which" || w == "launch")
        return false;
    }
    for (std::size_t k = u->last + 1; k < end; ++k) {
      const auto& w = t[k].lower;
      const bool bare_name =
          t[k].capitalized && (k + 1 >= t.size() || !t[k + 1].word || t[k + 1].capitalized);
      if (v.token_in_kind(k, lexicon::Kind::kFacility) || w == "site" || w == "sites" ||
          w == "base" || w == "bases" || w == "position" || w == "positions" ||
          (bare_name && (k + 1 >= end)))
        return true;
    }
  }
  return false;
}

bool definite_site_head(const SentenceView& v) {
  const auto& t = v.tokens;
  for (std::size_t i = 1; i < t.size(); ++i)
    if (t[i - 1].lower == "the" && (v.word_in(lexicon::WordList::kMilitaryHeads, t[i].lower) ||
                                    v.word_in(lexicon::WordList::kDiplomaticHeads, t[i].lower)))
      return true;
  return false;
}

}  // namespace sitrep::extract
