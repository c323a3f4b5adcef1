// SentenceView: one sentence with everything the extractor reads from it — tokens, lexicon
// matches mapped to token positions, dates, times — and the role the sentence plays in the
// article (the main attack, a background attack, a tally, another event ...).
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "lexicon/lexicon.h"
#include "text/text.h"

namespace sitrep::extract {

// What a sentence is about, decided before any field is read from it.
enum class Role {
  kMain,        // may describe the main attack
  kBackground,  // an older attack, or the cause of a retaliation
  kGeneric,     // many attacks, a campaign, a tally
  kOtherEvent,  // a separate attack ("Separately, ...")
  kNotAttack,   // a drill, threat, foiled plot, hypothetical, or a strike BY US forces
};

// A lexicon match with its token range [first, last] inside the sentence.
struct Hit {
  lexicon::Kind kind;
  int entry;
  std::size_t start, end;  // byte offsets in the sentence
  std::size_t first, last;
  lexicon::Cue cue = lexicon::Cue::kCount;  // for triggers; kCount for other kinds
};

struct SentenceView {
  text::Sentence sentence;
  std::string_view text;   // the sentence
  std::size_t offset = 0;  // of the sentence in the clean text
  std::vector<text::Token> tokens;
  std::vector<Hit> hits;
  std::vector<text::DateMention> dates;
  std::vector<text::TimeMention> times;
  Role role = Role::kMain;       // from its own cues and dates; events may demote it further
  bool attack_evidence = false;  // a weapon, attack verb or noun, or "projectiles fell"
  bool in_scope_target = false;  // a registry facility or a US/coalition/diplomatic target
  bool lead = false;             // headline or one of the first sentences
  bool caption = false;          // a photo caption ("(Photo: AFP)"): page furniture, not news
  bool tally = false;            // states a tally somewhere (states_tally), read once
  // Says that no attack took place and tells none ("there is no attack and no rockets fell").
  bool nothing_happened = false;
  // Where a comment on the report opens (", adding that ...", ", the latest in a series of
  // attacks"): what it says of attacks in general does not make the report generic.
  std::size_t comment = SIZE_MAX;
  // Where an appositive that sets the attack in a run opens (", the latest of more than 60
  // attacks on American forces since Oct. 17"): its tally and dates are not the sentence's.
  std::size_t series_aside = SIZE_MAX;
  bool entry_start = false;  // opens a live blog's entry with its posting time ("10:05 - ...")
  std::string posting_time;  // that time on the 24-hour clock ("21:47"), read once in annotate
  bool glossed = false;      // read through another language's glossary (its word order kept)
  // Token ranges [first, last) of clauses that tell another event and were dropped (drop_span):
  // their cues and dates are gone, and token rules (a year, a month named) skip them too.
  std::vector<std::pair<std::size_t, std::size_t>> set_aside;
  const lexicon::Lexicon* lexicon = nullptr;  // the lexicon the hits come from

  // Whether a lower-case word is on one of data/lexicon/words.tsv's lists.
  bool word_in(lexicon::WordList list, std::string_view lower_word) const {
    return lexicon && lexicon->word_in(list, lower_word);
  }

  bool has(lexicon::Cue cue) const;
  const Hit* first(lexicon::Cue cue) const;
  std::vector<const Hit*> all(lexicon::Cue cue) const;
  std::vector<const Hit*> all(lexicon::Kind kind) const;
  // The token index at or after a byte offset.
  std::size_t token_at(std::size_t byte) const;
  // True when a trigger of `cue` covers token i.
  bool token_in(std::size_t i, lexicon::Cue cue) const;
  bool token_is_weapon(std::size_t i) const;
  // True when a hit of `kind` (a country, an actor, a facility, ...) covers token i.
  bool token_in_kind(std::size_t i, lexicon::Kind kind) const;
  // Whether token i lies inside a date mention ("on Monday 20 June 2022").
  bool token_in_date(std::size_t i) const;
  // Whether token i lies in a dropped clause.
  bool token_set_aside(std::size_t i) const {
    for (const auto& [first, last] : set_aside)
      if (i >= first && i < last) return true;
    return false;
  }
};

// A number usable as a count at token i ("14", "two", "a dozen"); "a"/"an"/"single" count as one
// only where the caller allows it. Years, clock times, a written date's day and a calibre inside a
// weapon's name ("rockets of 122 mm") are not counts.
std::optional<int> count_at(const SentenceView& v, std::size_t i, bool allow_article);

// A tally of attacks at token i: a count of three or more of them ("78 attacks", "38 drone
// attacks", "attacked 170 times", "were attacked with drones and rockets 23 times").
bool tally_at(const SentenceView& v, std::size_t i);
// Whether the sentence states a tally anywhere (tally_at at some token).
bool states_tally(const SentenceView& v);

// Nouns naming an attack's outcome: "casualties", "injuries", "victims", "damage" ...
bool outcome_noun(const SentenceView& v, std::string_view w);

// The number of tokens (0 to 3) of a hedge on a number that opens at token j: "at least",
// "more than", "no fewer than", "about", "nearly" (words.tsv number_hedges).
std::size_t number_hedge_at(const SentenceView& v, std::size_t j);
// Where the hedge before the number at token i opens, or i when there is none ("at least 14":
// the index of "at").
std::size_t number_hedge_start(const SentenceView& v, std::size_t i);

// Whether a token is a quotation mark: ASCII, curly or guillemet.
bool is_quote_mark(std::string_view token);

// Whether a token is a dash: "-", the en dash or the em dash.
bool is_dash(std::string_view token);

// A word that places what follows as a landmark: "near", "outside", "around", "close to", "next
// to".
bool locative_at(const std::vector<text::Token>& t, std::size_t k);

// Whether a hit names one of our sites: a registry facility, or a diplomatic or military target
// phrase ("the US embassy", "coalition forces").
bool is_site_hit(const Hit& h);

// The text of a hit in lower case ("Opened fire" -> "opened fire").
std::string lower_text(const SentenceView& v, const Hit& hit);

// True when a negator governs token i in its clause: "no injuries", "without causing any
// casualties", "did not result in injuries or material damage", "no victims or damage".
bool negated_in_clause(const SentenceView& v, std::size_t i);
// Whether token i is said of a share of a series ("most of them caused no losses", "many of
// the attacks were claimed by"): within its clause, "most / many / the majority of" them, the
// attacks or the strikes.
bool share_of_a_series(const SentenceView& v, std::size_t i);

// A dateline's date ("BAGHDAD, Jan 27 — ...", "MOSCOW (Sputnik - 24th December, 2019)"): the day
// the report was filed.
bool date_is_dateline(const SentenceView& v, const text::DateMention& d);

// True when a date sits beside a reporting verb ("the embassy on Friday blamed", "announced on
// Friday that") or is a dateline's: it dates the report, not the attack.
bool date_is_reporting_mention(const SentenceView& v, const text::DateMention& d);
// "Announced the counter-terrorism service, on Thursday, that ...", verb first as the gloss of
// Arabic keeps it: a bare day (no "early", no "night") between a report verb that opens the
// sentence and its comma or "that". It is the report's day when another sentence tells the
// attack a day before it, and the attack's when none does.
bool bare_report_day(const SentenceView& v, const text::DateMention& d);
// Where the sentence starts after a syndication tag in parentheses ("(MENAFN- Nam News
// Network) DAMASCUS, Aug 14 ..."): the index of the token after ")", or 0 when none opens it.
std::size_t after_source_tag(const SentenceView& v);
// Where the sentence's own words start after a dateline ("KYIV, Jan 18 (Wire) - "): the
// index after its dash, or after_source_tag() when none opens it.
std::size_t after_dateline(const SentenceView& v);

// "since the outbreak, on 7 October, of the war", "since the war broke out on October 7": the
// day a war began, a period's start, not the day of what the sentence tells.
bool date_opens_a_war(const SentenceView& v, const text::DateMention& d);

// True when a date starts a period ("the third in as many days since Monday's anniversary") or
// points back at a day told before ("before dawn that Sunday"): it dates no attack of this
// sentence by itself.
bool date_starts_period(const SentenceView& v, const text::DateMention& d);

// Whether a date tells the day of an attack word near it: a verb of firing, striking or stopping,
// or a weapon, within six words of it ("On Wednesday night a drone slammed into ..."); with
// `nouns`, an attack noun too ("Wednesday's attack").
bool attack_word_near_date(const SentenceView& v, const text::DateMention& d, bool nouns);

// The `same_day` phrase ("overnight", "hours ago", "earlier in the evening") that dates an attack
// word of the sentence: after it in its clause ("an attack earlier in the evening", "fired rockets
// at the base overnight"), or before it when the phrase opens the sentence ("Hours ago, two
// rockets hit ..."); not one that dates a report or a reaction ("the ministry confirmed earlier in
// the day", "this evening condemned the attack"). Null when none does.
const Hit* same_day_of_attack(const SentenceView& v);

// "The condemnations came hours after a gunman opened fire on the embassy": a background marker
// ("came hours after") whose subject is a reaction; what follows is the attack reacted to. So is
// "hours after" closing a statement's clause ("a spokesman told reporters on Thursday evening,
// hours after the attack on Harir air base"): hours are too short for an older attack.
bool reaction_came_after(const SentenceView& v, const Hit& marker);

// Whether a date is one something else waits for: "before Thursday", "by Thursday", "until
// Thursday" right before it, "ahead of ... on Thursday" or "on high alert on Thursday" a few
// words back; not "before dawn on Thursday" nor "by militants on Thursday".
bool date_awaited(const SentenceView& v, const text::DateMention& d);

// Whether token k opens its clause: the sentence's start, after punctuation or after "and" (a
// verb written first, as Arabic glosses put it: "Claimed responsibility for X ...").
bool opens_clause(const SentenceView& v, std::size_t k);

// Whether token k asks "whether": "whether", or an "if" after a verb of knowing or asking ("it
// was not known if"), or after a negated verb of saying ("did not say if").
bool asks_whether(const SentenceView& v, std::size_t k);

// Whether the sentence goes on, after token `from`, to say a statement left a place out ("...,
// but its statement made no mention of any site inside Jordan"): what was claimed there is
// other attacks.
bool leaves_out_a_place(const SentenceView& v, std::size_t from,
                        const std::vector<std::string>& own_sites);

// A site told of again by its head: "the airport perimeter", "the embassy compound", "the base".
bool definite_site_head(const SentenceView& v);

}  // namespace sitrep::extract
