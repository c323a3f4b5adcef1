#include "extract/casualties.h"

#include "extract/readers.h"

#include <algorithm>
#include <cctype>
#include <optional>
#include <set>
#include <string>
#include <string_view>

namespace sitrep::extract {
namespace {

using lexicon::Cue;

// The word lists (people, attackers, phrase enders, auxiliaries, adverbs, clause openers) are
// data/lexicon/words.tsv's.
bool is_casualty(const SentenceView& v, std::size_t i) {
  return v.token_in(i, Cue::kKilled) || v.token_in(i, Cue::kInjured);
}

struct Group {
  int count = 0;
  std::size_t end = 0;  // one past its last token
  bool enemy = false;
  bool zero = false;
  bool restricted = false;  // a zero about some people: "no US troops"
};

// The people noun of a phrase starting at `from`: up to six modifiers, then a head ("two US
// service members", "a foreign civilian contractor").
std::optional<Group> head_after(const SentenceView& v, std::size_t from, std::size_t limit) {
  const auto& t = v.tokens;
  for (std::size_t m = from; m < t.size() && m < from + limit; ++m) {
    const auto& w = t[m].lower;
    if (v.word_in(lexicon::WordList::kPersonHeads, w)) {
      std::size_t end = m + 1;
      while (end < t.size() && v.word_in(lexicon::WordList::kPersonHeads, t[end].lower)) ++end;
      // "five ISIS members dead": a jihadist group's people are the attackers, not the attack's
      // victims (a militia's may be either: "an Israeli strike ... killing two Hezbollah
      // members").
      bool attackers = false;
      if (v.lexicon && m > from)
        for (const Hit* a : v.all(lexicon::Kind::kActor))
          if (a->last + 1 == m && a->first >= from)
            attackers = v.lexicon->actor(a->entry).kind == "jihadist";
      return Group{0, end, attackers, false};
    }
    if (v.word_in(lexicon::WordList::kEnemyHeads, w)) return Group{0, m + 1, true, false};
    if (!t[m].word || v.word_in(lexicon::WordList::kPhraseEnders, w) || is_casualty(v, m) ||
        v.token_is_weapon(m))
      return std::nullopt;
    if (m > from && count_at(v, m, false)) return std::nullopt;
    // "two US and British soldiers" is one phrase; "two soldiers and a contractor" is two.
    if ((w == "and" || w == "or") && m + 1 < t.size() &&
        (count_at(v, m + 1, true) || t[m + 1].lower == "another"))
      return std::nullopt;
  }
  return std::nullopt;
}

// One counted group of people at token i: "three US soldiers", "two of them", "dozens of
// Americans", "no US troops", "none of the guards", or a bare "three" before a verb.
std::optional<Group> single_group_at(const SentenceView& v, std::size_t i) {
  const auto& t = v.tokens;
  // A day of the month is no count of people: "on Tuesday (14) three soldiers were wounded".
  if (i >= t.size() || v.token_in_date(i)) return std::nullopt;
  const auto& w = t[i].lower;
  if (w == "nobody") return Group{0, i + 1, false, true};
  if (w == "no" && i + 1 < t.size() && t[i + 1].lower == "one") return Group{0, i + 2, false, true};
  if (w == "no" || w == "none") {
    std::size_t from = i + 1;
    if (w == "none" && from < t.size() && t[from].lower == "of") ++from;
    if (auto head = head_after(v, from, 6)) {
      head->zero = true;
      // "no US troops" leaves room for other victims; "no people" does not.
      head->restricted = t[head->end - 1].lower != "people" && t[head->end - 1].lower != "one";
      return head;
    }
    if (w == "none") return Group{0, i + 1, false, true};
    return std::nullopt;
  }
  // Arabic puts the number after the noun, and its gloss keeps that order: "إصابة مدنيين
  // اثنين" = "wounding civilians two". A number word, not digits ("troops 2,500").
  if (v.word_in(lexicon::WordList::kPersonHeads, w) && i + 1 < t.size() &&
      !t[i + 1].lower.empty() && std::isalpha(static_cast<unsigned char>(t[i + 1].lower[0])))
    if (auto count = count_at(v, i + 1, false)) return Group{*count, i + 2};
  std::size_t j = i;
  // "killing the head of the mission's security", "wounding the ambassador", "killing the
  // security chief" (across one modifier): one person.
  // A singular head: not a plural in "-s" or "-men" ("policemen"), nor a collective.
  auto one_person = [&](std::size_t k) {
    if (k >= t.size() || !v.word_in(lexicon::WordList::kPersonHeads, t[k].lower)) return false;
    const auto& w = t[k].lower;
    return !w.ends_with("s") && !w.ends_with("men") && w != "police" && w != "staff" &&
           w != "personnel" && w != "crew" && w != "peshmerga" && w != "people" &&
           w != "children" && w != "family";
  };
  // "wounding its driver", "killing their guard": a possessive names one as well as "the".
  const bool definite = w == "the" || w == "its" || w == "his" || w == "her" || w == "their";
  if (definite && one_person(i + 1)) return Group{1, i + 2};
  if (definite && i + 2 < t.size() && t[i + 1].word && t[i + 1].lower != "other" &&
      !is_casualty(v, i + 1) && !count_at(v, i + 1, false) &&
      !v.word_in(lexicon::WordList::kPersonHeads, t[i + 1].lower) && one_person(i + 2))
    return Group{1, i + 3};
  // "killing a soldier and wounding the other" (the gloss of "وإصابة آخر"): one more; not
  // "the other two", "the other soldiers".
  if (w == "the" && i >= 1 && is_casualty(v, i - 1) && i + 1 < t.size() &&
      t[i + 1].lower == "other") {
    // A view of the token itself (a conditional with "" would make a temporary string).
    std::string_view next;
    if (i + 2 < t.size() && t[i + 2].word) next = t[i + 2].lower;
    // Not a collective ("wounding the other crew", "the other staff").
    const bool one = next.empty() || v.word_in(lexicon::WordList::kAdverbs, next) ||
                     v.word_in(lexicon::WordList::kPhraseEnders, next) ||
                     (v.word_in(lexicon::WordList::kPersonHeads, next) && !next.ends_with("s") &&
                      next != "crew" && next != "staff" && next != "personnel" && next != "police");
    if (one)
      return Group{
          1, next.empty() || !v.word_in(lexicon::WordList::kPersonHeads, next) ? i + 2 : i + 3};
  }
  // "killed the two contractors"
  if (w == "the" && count_at(v, i + 1, false)) ++j;
  if (const std::size_t hedge = number_hedge_at(v, j)) j += hedge;
  // The Romance order, "hirió a otros 34" read as "wounded other 34": the number after "other".
  else if (t[j].lower == "other" && j + 1 < t.size() && count_at(v, j + 1, false))
    j += 1;
  // "a number of troops", "a small number of personnel", "dozens of Americans": an amount,
  // not a count (the real set's readers leave such tolls null).
  if (j < t.size() && (t[j].lower == "dozens" || t[j].lower == "scores" ||
                       t[j].lower == "hundreds" || t[j].lower == "several"))
    return std::nullopt;
  if (j + 1 < t.size() && (t[j].lower == "a" || t[j].lower == "an")) {
    const auto& next = t[j + 1].lower;
    if (next == "number" || next == "few" || next == "handful" || next == "small" ||
        next == "large" || next == "couple" || next == "host" || next == "unknown" ||
        next == "unspecified" || next == "undisclosed" || next == "undetermined")
      return std::nullopt;
  }
  std::optional<int> count = count_at(v, j, true);
  bool another = j < t.size() && t[j].lower == "another";
  if (!count && another) count = 1;
  if (!count) return std::nullopt;
  std::size_t k = j + 1;
  // "two or three fighters", "five to seven soldiers": the low value, with the people after the
  // high one.
  if (k + 1 < t.size() && (t[k].lower == "or" || t[k].lower == "to") && count_at(v, k + 1, false))
    k += 2;
  // "two of them", "three of the soldiers", "dozens of Americans".
  if (k + 1 < t.size() && t[k].lower == "of") {
    const auto& next = t[k + 1].lower;
    if (next == "them" || next == "whom" || next == "those") return Group{*count, k + 2};
    std::size_t from = k + 1;
    if (next == "the" || next == "its" || next == "their" || next == "his" || next == "her" ||
        next == "our")
      ++from;
    if (auto head = head_after(v, from, 5)) {
      head->count = *count;
      return head;
    }
    return std::nullopt;
  }
  if (auto head = head_after(v, k, 7)) {
    head->count = *count;
    return head;
  }
  // A bare number before a verb or the end of the clause: "three were killed", "wounding 40";
  // "two more were wounded", and the gloss's "five other were wounded" ("outros cinco ficaram
  // feridos").
  bool numeral = count_at(v, j, false).has_value() || another;
  // "wounding six others" and the gloss's "wounding six other" ("en blessant six autres").
  if (numeral && k < t.size() &&
      (t[k].lower == "other" || t[k].lower == "others" || t[k].lower == "more") &&
      (k + 1 >= t.size() || !t[k + 1].word ||
       v.word_in(lexicon::WordList::kAuxiliaries, t[k + 1].lower) || is_casualty(v, k + 1)))
    ++k;
  // "another suffered minor injuries", "two sustained wounds": a verb of suffering before the
  // casualty word.
  const bool suffered = k + 1 < t.size() &&
                        v.word_in(lexicon::WordList::kSufferVerbs, t[k].lower) &&
                        (is_casualty(v, k + 1) || (k + 2 < t.size() && is_casualty(v, k + 2)));
  bool bare_end = k >= t.size() || !t[k].word || suffered ||
                  v.word_in(lexicon::WordList::kAuxiliaries, t[k].lower) ||
                  v.word_in(lexicon::WordList::kPhraseEnders, t[k].lower) || is_casualty(v, k) ||
                  t[k].lower == "and" || t[k].lower == "or" ||
                  v.word_in(lexicon::WordList::kAdverbs, t[k].lower);
  if (numeral && bare_end) return Group{*count, k};
  return std::nullopt;
}

// "several US service members", "an unknown number of troops", "some Americans": people in an
// amount the text does not count. Returns where the phrase ends.
std::optional<std::size_t> vague_people_at(const SentenceView& v, std::size_t i) {
  const auto& t = v.tokens;
  if (i >= t.size()) return std::nullopt;
  const auto& w = t[i].lower;
  std::size_t from = 0;
  if (w == "several" || w == "dozens" || w == "scores" || w == "hundreds" || w == "some" ||
      w == "many") {
    from = i + 1;
  } else if ((w == "a" || w == "an") && i + 1 < t.size()) {
    const auto& next = t[i + 1].lower;
    if (next != "number" && next != "few" && next != "handful" && next != "small" &&
        next != "large" && next != "unknown" && next != "unspecified" && next != "undisclosed")
      return std::nullopt;
    from = i + 2;
  } else {
    return std::nullopt;
  }
  auto head = head_after(v, from, 8);
  if (!head || head->enemy) return std::nullopt;
  return head->end;
}

// A group with the groups coordinated after it: "Two Americans and one British service
// member", "eight other contractors and a US service member".
std::optional<Group> group_at(const SentenceView& v, std::size_t i) {
  auto total = single_group_at(v, i);
  if (!total || total->zero) return total;
  const auto& t = v.tokens;
  for (;;) {
    std::size_t n = total->end;
    // "Three service personnel from the US-led coalition in Iraq and two Iraqis": a
    // prepositional modifier between two groups.
    if (n < t.size() &&
        (t[n].lower == "from" || t[n].lower == "of" || t[n].lower == "with" || t[n].lower == "in"))
      for (std::size_t k = n + 1; k < t.size() && k <= n + 8; ++k) {
        if (!t[k].word || v.word_in(lexicon::WordList::kAuxiliaries, t[k].lower) ||
            is_casualty(v, k))
          break;
        if (t[k].lower == "and" && single_group_at(v, k + 1)) {
          n = k;
          break;
        }
      }
    bool comma = n < t.size() && t[n].lower == ",";
    // "Six people died, including two embassy employees, and at least ten were wounded": the
    // comma closes the parenthetical the group stands in; what follows is another clause.
    if (comma && i >= 1 && t[i - 1].lower == "including") break;
    if (comma) ++n;
    bool conjunction = false;
    if (n < t.size() && t[n].lower == "and") {
      ++n, conjunction = true;
    } else if (n + 2 < t.size() && t[n].lower == "as" && t[n + 1].lower == "well" &&
               t[n + 2].lower == "as") {
      n += 3, conjunction = true;
    }
    if (!comma && !conjunction) break;
    // "the death of two US service members and of one British": Romance languages repeat the
    // preposition before each group ("de", "a"), and their gloss keeps it.
    if (conjunction && n + 1 < t.size() && (t[n].lower == "of" || t[n].lower == "to") &&
        single_group_at(v, n + 1))
      ++n;
    auto next = single_group_at(v, n);
    // "two US soldiers and interpreter civilian": a bare singular person noun after "and" is
    // one person (English needs "a"; the gloss of Arabic, which has no indefinite article, does
    // not write it).
    if (!next && conjunction && n < t.size() &&
        v.word_in(lexicon::WordList::kPersonHeads, t[n].lower) && !t[n].lower.ends_with("s") &&
        (n == 0 || t[n - 1].lower == "and"))
      next = Group{1, n + 1, false, false};
    // "one Iraqi officer and several US troops": the total is not told.
    if (!next && conjunction && vague_people_at(v, n)) return std::nullopt;
    if (!next || next->zero) break;
    // "Killing three soldiers and five others were wounded" (the gloss of "قتل ثلاثة جنود وأصيب
    // خمسة آخرون"): after the object of one casualty verb, a group followed by its own auxiliary
    // and casualty verb opens a new clause ("Two soldiers and three contractors were wounded"
    // is one subject).
    if (conjunction && i >= 1 && is_casualty(v, i - 1) && next->end + 1 < t.size() &&
        v.word_in(lexicon::WordList::kAuxiliaries, t[next->end].lower) &&
        is_casualty(v, next->end + 1))
      break;
    // A comma alone joins a list only when the list goes on with "and" ("two Americans, a
    // Briton and a Pole"); "wounding a driver, a police officer said" is not a list.
    if (!conjunction) {
      std::size_t e = next->end;
      if (e < t.size() && t[e].lower == ",") ++e;
      if (e >= t.size() || t[e].lower != "and" || !single_group_at(v, e + 1)) break;
    }
    if (!next->enemy && !total->enemy) total->count += next->count;
    total->end = next->end;
  }
  return total;
}

// The group that ends right before token p: "three soldiers wounded in the attack", "left
// two contractors dead".
std::optional<Group> group_ending_at(const SentenceView& v, std::size_t p) {
  for (std::size_t s = p >= 12 ? p - 12 : 0; s < p; ++s)
    if (auto g = group_at(v, s); g && g->end == p) return g;
  return std::nullopt;
}

// Where the clause that contains token `pos` starts. Parentheticals (", who was not a US
// citizen,", ", including a US service member,", "— one American and one Briton —") are
// stepped over.
std::size_t clause_start(const SentenceView& v, std::size_t pos) {
  const auto& t = v.tokens;
  std::size_t k = pos;
  while (k > 0) {
    const auto& w = t[k - 1].lower;
    bool dash = w == "\xE2\x80\x94" || w == "\xE2\x80\x93" || w == ")";
    if (w == "," || dash) {
      std::size_t c = k - 1;

      std::optional<std::size_t> opener;
      for (std::size_t m = c; m > 0 && m + 15 > c; --m) {
        const auto& o = t[m - 1].lower;
        // The nearest comma before opens the parenthetical only when a relative word follows,
        // or "including" ("nine others, including a US service member, were wounded").
        if (w == "," && o == ",") {
          // An apposition too: "The chief of security, a warrant officer, died", ", identified
          // as a warrant officer of the Armed Forces,".
          if (t[m].lower == "who" || t[m].lower == "which" || t[m].lower == "whose" ||
              t[m].lower == "including" || t[m].lower == "a" || t[m].lower == "an" ||
              t[m].lower == "identified" || t[m].lower == "named" || t[m].lower == "aged")
            opener = m - 1;
          break;
        }
        if (dash && (o == w || (w == ")" && o == "("))) {
          opener = m - 1;
          break;
        }
        if (o == ";" || o == ":") break;
      }
      // "Two Americans, a British soldier and a contractor": a list of people, not a clause.
      // Not a relative partitive: "900 troops, none of whom were hurt" opens its own clause.
      const bool partitive = c + 3 < t.size() && t[c + 2].lower == "of" &&
                             (t[c + 3].lower == "whom" || t[c + 3].lower == "which");
      bool list = w == "," && c >= 1 && !partitive &&
                  v.word_in(lexicon::WordList::kPersonHeads, t[c - 1].lower) &&
                  single_group_at(v, c + 1).has_value();
      if (list) {
        --k;
        continue;
      }
      if (!opener) return k;
      // "Six people died, including two embassy employees, and at least ten were injured": after
      // a parenthetical of a clause that has its own casualty word, ", and" opens the next
      // clause ("Three employees, including an American, and two guards were wounded" is one).
      // After a relative clause (", which hosts about 350 US troops, and 34 were injured") the
      // next clause opens as it always did.
      if (w == "," && k < t.size() && t[k].lower == "and") {
        if (t[*opener + 1].lower != "including") return k;
        for (std::size_t j = *opener; j-- > 0;)
          if (is_casualty(v, j)) return k;
      }
      k = *opener;
      continue;
    }
    if (v.word_in(lexicon::WordList::kClauseOpeners, w) || is_casualty(v, k - 1)) return k;
    --k;
  }
  return 0;
}

// The subject of the clause a casualty word sits in: its first group of people.
std::optional<Group> clause_subject(const SentenceView& v, std::size_t pos) {
  std::optional<std::size_t> vague_end;  // "An unknown number of US troops and ..."
  for (std::size_t i = clause_start(v, pos); i < pos; ++i) {
    if (auto end = vague_people_at(v, i); end && !vague_end) vague_end = end;
    if (auto g = group_at(v, i); g && g->end <= pos) {
      if (vague_end && *vague_end <= i && i == *vague_end + 1 &&
          v.tokens[*vague_end].lower == "and")
        return std::nullopt;
      return g;
    }
  }
  return std::nullopt;
}

// A word that makes a toll a running total, not one attack's: "... wounded in attacks since
// October", "the total".
bool running_total_word(std::string_view w) {
  return w == "since" || w == "attacks" || w == "strikes" || w == "total" || w == "overall";
}

// "... has risen to seven", "rose to 13 on Tuesday": the count after a "to" opened by a rise verb
// (any "to" when `risen`, the rise named before), from token `from` within 20 tokens; a running
// total told first ends the look.
std::optional<Group> rise_to(const SentenceView& v, std::size_t from, bool risen) {
  const auto& t = v.tokens;
  for (std::size_t k = from; k + 1 < t.size() && k <= from + 20; ++k) {
    if (running_total_word(t[k].lower) || t[k].lower == ";") return std::nullopt;
    if (t[k].lower != "to") continue;
    if (!risen && !(k >= 1 && v.word_in(lexicon::WordList::kRiseWords, t[k - 1].lower))) continue;
    if (auto n = count_at(v, k + 1, false)) return Group{*n, k + 2};
  }
  return std::nullopt;
}

std::optional<Group> toll_update(const SentenceView& v, const Hit& h) {
  const auto& t = v.tokens;
  std::optional<std::size_t> number;  // "number" or "toll" of "the number of ..."
  for (std::size_t j = h.first; j-- > 0 && j + 7 > h.first;) {
    if (j + 1 < h.first && is_casualty(v, j)) break;
    if (t[j].lower == "of" && j >= 1 && (t[j - 1].lower == "number" || t[j - 1].lower == "toll")) {
      number = j - 1;
      break;
    }
  }
  if (!number) return std::nullopt;
  // A running total is no toll of one attack: "the number of US troops wounded in attacks by
  // Iran-backed militias has risen to 62", "... since October".
  for (std::size_t k = *number; k < t.size() && k <= h.last + 12; ++k) {
    if (running_total_word(t[k].lower)) return std::nullopt;
    if (t[k].lower == "to" && k > h.last) break;
  }
  // "to five the number of": the count right before the phrase.
  std::size_t b = *number;
  if (b >= 1 && t[b - 1].lower == "the") --b;
  if (b >= 2 && t[b - 2].lower == "to")
    if (auto n = count_at(v, b - 1, false)) return Group{*n, b};
  // "... has risen to seven": a rise verb right before "to", or a rise named before the number.
  bool risen = false;
  auto rise_word = [&](const std::string& w) {
    return v.word_in(lexicon::WordList::kRiseWords, w);
  };
  for (std::size_t j = *number; j-- > 0 && j + 4 > *number;) risen = risen || rise_word(t[j].lower);
  return rise_to(v, h.last + 1, risen);
}

std::optional<Group> victims_of(const SentenceView& v, const Hit& h) {
  const auto& t = v.tokens;
  const auto& w = t[h.first].lower;
  std::size_t after = h.last + 1;
  // A toll told as an update: "the number of US service members injured in the attack has
  // risen to seven", "raised on Tuesday to five the number of wounded" (the gloss of "elevó
  // este martes a cinco el número de heridos"), "the rise in the number of injured ... to six
  // people" (of "ارتفاع عدد المصابين ... إلى ستة").
  if (auto update = toll_update(v, h)) return update;
  // "Tower 22 injury toll rises to 47", "the casualty toll climbed to 12": a toll that rose.
  if (after < t.size() && t[after].lower == "toll" && (w == "injury" || w == "casualty"))
    if (auto g = rise_to(v, after + 1, false)) return g;
  // The noun's head: "suffered a minor traumatic brain injury", "suffered a minor injury".
  const auto& head = t[h.last].lower;
  if (w == "injuries" || w == "wounds" || w == "casualties" || head == "injury" ||
      head == "injuries") {
    // "minor injuries to two foreign contractors", and the gloss's "injuries of two of the
    // guards" ("ferimentos de dois dos seguranças")
    if (after + 1 < t.size() && t[after].lower == "to") return group_at(v, after + 1);
    if (after + 1 < t.size() && t[after].lower == "of")
      if (auto g = group_at(v, after + 1)) return g;
    // "40 service members had been diagnosed with injuries", "two soldiers suffered wounds"
    return clause_subject(v, h.first);
  }
  if (w == "death" || w == "fatalities" || w == "deaths") {
    // "after the death of three US service members in Jordan", "since the death of": a death
    // that dates or causes what the sentence tells is an earlier event's.
    if (w == "death" && t[h.last].lower == "of")
      for (std::size_t k = h.first >= 2 ? h.first - 2 : 0; k < h.first; ++k) {
        const auto& before = t[k].lower;
        if (before == "after" || before == "since" || before == "following" || before == "over" ||
            before == "avenge" || before == "for")
          return std::nullopt;
      }
    // "the death toll rose to three"
    // "the death of two US service members and of one British": the groups coordinated after
    // the first count are victims too.
    for (std::size_t k = after; k < t.size() && k <= after + 3; ++k)
      if (auto n = count_at(v, k, false)) {
        // Only groups with no comma and no casualty word between them: "rose to three, two
        // Americans and a Briton" is one toll told twice, "rose to three, and 12 other people
        // were wounded" and "the deaths of three soldiers and 12 injured" are other tolls.
        if (auto g = group_at(v, k); g && !g->zero && g->count > *n) {
          bool apart = false;
          for (std::size_t m = k; m < g->end; ++m)
            apart = apart || t[m].lower == "," || is_casualty(v, m);
          if (!apart) return g;
        }
        return Group{*n, k + 1};
      }
    // "The death toll from Monday's bombing at the embassy gate rose to 13": the rise told
    // after what the toll is of, which must name this attack (an attack noun, a weapon, a
    // target), not an earthquake's; not a running total ("... from attacks since October").
    if (w == "death" && t[h.last].lower == "toll")
      if (auto g = rise_to(v, after, false)) {
        bool of_an_attack = false;
        for (std::size_t k = after; k + 2 < g->end && !of_an_attack; ++k)
          of_an_attack = v.token_in(k, Cue::kAttackNoun) || v.token_is_weapon(k) ||
                         v.token_in(k, Cue::kTargetDiplomatic) ||
                         v.token_in(k, Cue::kTargetMilitary);
        for (const Hit* f : v.all(lexicon::Kind::kFacility))
          of_an_attack = of_an_attack || (f->first >= after && f->first + 2 < g->end);
        if (of_an_attack) return g;
      }
    return group_ending_at(v, h.first);
  }
  if (w == "dead") {
    // "two soldiers were among the dead"
    if (h.first >= 2 && t[h.first - 1].lower == "the" && t[h.first - 2].lower == "among")
      return clause_subject(v, h.first - 2);
    return group_ending_at(v, h.first);
  }
  // A verb. "were killed or wounded" share one auxiliary and one subject.
  std::size_t p = h.first;
  while (p >= 2 && (t[p - 1].lower == "or" || t[p - 1].lower == "and") && is_casualty(v, p - 2))
    p -= 2;
  std::size_t q = p;
  // "were reported killed", "Nobody has been reported injured": the report between the auxiliary
  // and the verb, as an adverb is.
  while (q > 0 && (v.word_in(lexicon::WordList::kAdverbs, t[q - 1].lower) ||
                   t[q - 1].lower == "reported" || t[q - 1].lower == "confirmed"))
    --q;
  // "the driver was not hurt": the person is no victim ("No soldiers were not injured", a
  // misprint, keeps its zero).
  bool negated = q > 0 && t[q - 1].lower.ends_with("n't");  // "The driver wasn't hurt"
  for (std::size_t k = q; k < p; ++k)
    negated = negated || t[k].lower == "not" || t[k].lower == "never";
  auto unless_negated = [&](std::optional<Group> g) -> std::optional<Group> {
    if (negated && g && g->count > 0) return std::nullopt;
    return g;
  };
  // "No coalition member died or was wounded": a verb with its own auxiliary after "or" shares
  // the subject of the casualty verb before it.
  if (q >= 3 && v.word_in(lexicon::WordList::kAuxiliaries, t[q - 1].lower) &&
      (t[q - 2].lower == "or" || t[q - 2].lower == "nor") && is_casualty(v, q - 3))
    for (const Hit& first : v.hits)
      if ((first.cue == Cue::kKilled || first.cue == Cue::kInjured) && first.last == q - 3)
        return victims_of(v, first);
  if (q > 0 && v.word_in(lexicon::WordList::kAuxiliaries, t[q - 1].lower)) {
    auto subject = clause_subject(v, q - 1);
    // "Killing three soldiers and five others were wounded": the subject is the group after
    // "and", when the group before it is the object of another casualty verb.
    for (std::size_t s = q - 1; s >= 2 && s + 8 > q; --s) {
      if (t[s - 1].lower != "and") continue;
      auto own = group_at(v, s);
      if (!own || own->end != q - 1) break;
      for (std::size_t k = s - 1; k-- > 0 && k + 10 > s;)
        if (is_casualty(v, k)) {
          if (auto object = group_at(v, k + 1); object && object->end == s - 1) subject = own;
          break;
        }
      break;
    }
    // "contractor civilian American was killed": a bare singular person before a singular
    // auxiliary is one person (the gloss of Arabic, which writes no indefinite article).
    if (!subject && (t[q - 1].lower == "was" || t[q - 1].lower == "has") &&
        !uncertain_in_clause(v, q - 1))
      for (std::size_t k = q - 1; k > clause_start(v, q - 1) && k + 5 > q; --k)
        if (v.word_in(lexicon::WordList::kPersonHeads, t[k - 1].lower) &&
            !t[k - 1].lower.ends_with("s") && t[k - 1].lower != "police" &&
            t[k - 1].lower != "staff" && t[k - 1].lower != "personnel") {
          // "Neither soldier was hurt", "any contractor was hurt": a determiner says how many.
          const std::string_view before = k >= 2 ? std::string_view(t[k - 2].lower) : "";
          if (before == "no" || before == "neither" || before == "any" || before == "each" ||
              before == "every" || before == "either")
            break;
          return unless_negated(Group{1, k, false, false});
        }
    return unless_negated(subject);
  }
  // "lost his life", "lost their lives": a death told of its subject, as "died" is ("a
  // peacekeeper from the Chadian contingent lost his life").
  const bool lost_life =
      (w == "lost" || w == "losing") && (t[h.last].lower == "life" || t[h.last].lower == "lives");
  if (w == "died" || w == "die" || w == "dies" || w == "succumbed" || lost_life) {
    if (auto subject = clause_subject(v, p)) return subject;
    // The verb first, as Spanish and the gloss of Arabic write it: "Died six people in a
    // suicide attack" ("Murieron seis personas"); a counted group of people right after it.
    if (after < t.size() && count_at(v, after, false) && head_after(v, after + 1, 4))
      return group_at(v, after);
    return std::nullopt;
  }
  // Active: "killed a foreign civilian contractor", "wounding eight contractors and ...", and
  // across an adverb in the Romance order ("ferindo ligeiramente dois seguranças", "wounding
  // lightly two guards").
  while (after + 1 < t.size() && v.word_in(lexicon::WordList::kAdverbs, t[after].lower)) ++after;
  // Across the day in the Romance order: "matou na quinta-feira um empreiteiro" ("killed on
  // Thursday a contractor").
  if (after + 2 < t.size() && (t[after].lower == "on" || t[after].lower == "in") &&
      v.token_in_date(after + 1)) {
    std::size_t day_end = after + 1;
    while (day_end + 1 < t.size() && v.token_in_date(day_end + 1)) ++day_end;
    if (group_at(v, day_end + 1)) after = day_end + 1;
  }
  // The verb as a noun: "the bombing led to the killing of one foreign contractor and the
  // wounding of two others" (the gloss of Arabic "مقتل ... وإصابة"): its victims follow "of".
  // Not a death that dates or causes what the sentence tells ("the first since the killing of
  // three US soldiers in Jordan"), as with "death of".
  if (h.first == h.last && h.first >= 1 && t[h.first - 1].lower == "the" && w.ends_with("ing") &&
      after + 1 < t.size() && t[after].lower == "of") {
    for (std::size_t k = h.first >= 3 ? h.first - 3 : 0; k < h.first; ++k) {
      const auto& before = t[k].lower;
      if (before == "after" || before == "since" || before == "following" || before == "avenge" ||
          before == "for")
        return std::nullopt;
    }
    ++after;
  }
  if (auto object = group_at(v, after)) return object;
  // A reduced relative: "three soldiers wounded in the attack", across an adverb ("left two
  // Turkish soldiers lightly wounded").
  std::size_t before = p;
  while (before > 0 && v.word_in(lexicon::WordList::kAdverbs, t[before - 1].lower) &&
         t[before - 1].lower != "not")
    --before;
  return group_ending_at(v, before);
}

// An attacker's or a government's unverified assertion: "Tehran claimed, without evidence,
// that dozens of Americans had died".
bool unverified_claim(const SentenceView& v) {
  const auto& t = v.tokens;
  for (std::size_t i = 0; i + 1 < t.size(); ++i) {
    if (t[i].lower == "without" && t[i + 1].lower == "evidence") return true;
    if (t[i].lower == "claimed" || t[i].lower == "claims" || t[i].lower == "claiming") {
      const auto& next = t[i + 1].lower;
      if (next == "that" || next == "," || next == "without") return true;
    }
  }
  return false;
}

// A zero about some of the people, told right after its noun (`at`, the noun's last token): "no
// casualties among coalition personnel", or one side of the war the attack came from: "There
// were no injuries on the Israeli side" (of a stray rocket that hit a UN base across the
// border).
bool zero_on_another_side(const SentenceView& v, std::size_t at) {
  const auto& t = v.tokens;
  for (std::size_t k = at + 1; k + 3 < t.size() && k <= at + 2; ++k)
    if (t[k].lower == "on" && t[k + 1].lower == "the" && t[k + 3].lower == "side") return true;
  return false;
}
bool zero_of_some(const SentenceView& v, std::size_t at) {
  const auto& t = v.tokens;
  for (std::size_t k = at + 1; k < t.size() && k <= at + 2; ++k)
    if (t[k].lower == "among") return true;
  return zero_on_another_side(v, at);
}

}  // namespace

std::vector<CasualtyFigure> casualty_figures(const SentenceView& v) {
  std::vector<CasualtyFigure> out;
  if (unverified_claim(v)) return out;
  for (const auto& h : v.hits) {
    if (h.kind != lexicon::Kind::kTrigger ||
        (h.cue != lexicon::Cue::kKilled && h.cue != lexicon::Cue::kInjured))
      continue;
    auto group = victims_of(v, h);
    if (!group || group->enemy) continue;
    // "The soldier was badly wounded in the attack and died despite being taken to hospital":
    // the wounded died; they are the dead, not the injured.
    if (h.cue == lexicon::Cue::kInjured && !group->zero) {
      bool died_after = false;
      const auto& t = v.tokens;
      for (std::size_t k = h.last + 1; k < t.size() && k <= h.last + 14; ++k) {
        const auto& w = t[k].lower;
        if (w == ";" || w == "." || count_at(v, k, false)) break;
        if ((w == "died" || w == "succumbed") && k >= 1 &&
            (t[k - 1].lower == "and" || t[k - 1].lower == "later" || t[k - 1].lower == "but")) {
          died_after = true;
          break;
        }
      }
      if (died_after) {
        out.push_back({true, group->count, group->restricted, h.first});
        continue;
      }
    }
    bool risen = false;
    for (std::size_t k = h.first >= 5 ? h.first - 5 : 0; k < group->end && k < v.tokens.size(); ++k)
      risen = risen || v.word_in(lexicon::WordList::kRiseWords, v.tokens[k].lower);
    out.push_back({h.cue == lexicon::Cue::kKilled, group->zero ? 0 : group->count,
                   group->restricted, h.first, false, risen});
    // "no member of the staff was wounded" says, as "no injuries" does, that nobody there was
    // harmed: no deaths either, unless the article tells of any (the zero yields).
    if (group->zero && h.cue == lexicon::Cue::kInjured)
      out.push_back({true, 0, true, h.first, true});
  }
  // A negated outcome noun is a zero for everyone: "without causing any casualties", "did not
  // result in injuries", "no victims or damage".
  const auto& t = v.tokens;
  for (std::size_t i = 0; i < t.size(); ++i) {
    const auto& w = t[i].lower;
    bool both = w == "casualties" || w == "victims" || w == "losses" || w == "casualty" ||
                w == "causalities" || w == "casualities";
    // "without wounded", "no dead": the gloss of "sin heridos", "sans blessés", "لا قتلى"; also
    // as the last of a list ("no damage or wounded", "no damage nor injured"), and as the object
    // of a result verb ("has not left wounded", the gloss of "no ha dejado heridos").
    // "two guards were wounded, without other losses": a zero about everyone else.
    const bool others = i >= 1 && (t[i - 1].lower == "other" || t[i - 1].lower == "further" ||
                                   t[i - 1].lower == "additional");
    auto noun_position = [&] {
      std::size_t k = i;
      if (others) --k;
      if (k >= 1 && t[k - 1].lower == "any") --k;
      if (k == 0) return false;
      const auto& before = t[k - 1].lower;
      if (before == "without" || before == "no") return true;
      if (before == "or" || before == "nor") return k >= 2 && outcome_noun(v, t[k - 2].lower);
      // After "and" only when no object follows: "no dead and wounded", not "caused no damage
      // and wounded two soldiers".
      if (before == "and") {
        const bool object = i + 1 < t.size() && t[i + 1].word &&
                            (text::parse_number(t[i + 1].lower) || t[i + 1].lower == "a" ||
                             t[i + 1].lower == "an" || t[i + 1].lower == "the" ||
                             t[i + 1].lower == "one" || t[i + 1].capitalized);
        return k >= 2 && outcome_noun(v, t[k - 2].lower) && !object;
      }
      return before == "left" || before == "leaving" || before == "caused" || before == "causing";
    };
    const bool bare_noun = (w == "wounded" || w == "injured" || w == "dead") && noun_position();
    bool injured = both || w == "injuries" || w == "injury" || w == "wounds" ||
                   (bare_noun && (w == "wounded" || w == "injured"));
    bool killed = both || w == "deaths" || w == "fatalities" || (bare_noun && w == "dead");
    if ((!injured && !killed) || !negated_in_clause(v, i)) continue;
    // "could not confirm the nationality of the victim nor the severity of the injuries": the
    // negation is of an attribute of the harm, which was told.
    {
      std::size_t k = i;
      if (k >= 1 && t[k - 1].lower == "the") --k;
      auto attribute = [](std::string_view a) {
        return a == "severity" || a == "gravity" || a == "extent" || a == "nature" ||
               a == "seriousness" || a == "nationality" || a == "nationalities" ||
               a == "identity" || a == "identities" || a == "names" || a == "ages";
      };
      if (k >= 2 && t[k - 1].lower == "of" && attribute(t[k - 2].lower)) continue;
    }
    // "without serious injuries", "none of the injuries was serious": some, but light; "not yet
    // clear whether there were injuries": a question, not a zero.
    auto severe = [&](std::size_t k) {
      const auto& a = t[k].lower;
      return a == "serious" || a == "severe" || a == "grave" || a == "critical" || a == "major" ||
             a == "life-threatening" || a == "significant";
    };
    // "No serious damage or injuries": the severity governs the coordinated nouns too.
    bool qualified = false;
    for (std::size_t k = i; k >= 1 && k + 4 > i; --k) {
      const auto& before = t[k - 1].lower;
      if (severe(k - 1)) qualified = true;
      if (!(before == "or" || before == "and" || before == "any" || outcome_noun(v, before) ||
            severe(k - 1)))
        break;
    }
    // "did not confirm any injuries", "has not yet reported injuries": the negation is of the
    // telling, not of the harm, as in "no word / no indication of dead or wounded". After "no"
    // or "without" a participle qualifies the noun: "without reported damage or casualties" is
    // a zero.
    bool of_telling = false;
    for (std::size_t k = i; k >= 1 && k + 8 > i; --k) {
      const auto& w = t[k - 1].lower;
      if (w == "no" || w == "without" || w == "not" || w == "n't" || w == "never") {
        // "without reported damage or casualties", "no confirmed casualties": a participle
        // right after the negator (or after an adverb: "without initially reported")
        // qualifies the noun; "no figures were reported" is telling.
        std::size_t p = k;
        if (t[p].lower.ends_with("ly") && p + 1 < i) ++p;
        if ((w == "no" || w == "without") && t[p].lower.ends_with("ed") &&
            (v.token_in(p, Cue::kReportVerb) || t[p].lower == "reported" ||
             t[p].lower == "confirmed"))
          of_telling = false;
        break;
      }
      of_telling |= v.token_in(k - 1, Cue::kReportVerb) || w == "confirm" || w == "comment" ||
                    w == "report" || w == "reported" || w == "disclose" || w == "mention" ||
                    w == "give" || w == "provide" || w == "announce" || w == "word" ||
                    w == "indication" || w == "indications" || w == "information" ||
                    w == "details" ||
                    // "not yet clear the toll of losses" (the gloss of "لم تتضح بعد حصيلة
                    // الخسائر"); "no known casualties" stays a zero
                    w == "clear" || w == "toll" || w == "extent";
    }
    if (of_telling) continue;
    if (i + 2 < t.size()) {
      const auto& be = t[i + 1].lower;
      qualified |= (be == "was" || be == "were" || be == "is" || be == "are") && severe(i + 2);
    }
    for (std::size_t k = i >= 8 ? i - 8 : 0; k < i; ++k)
      qualified |= t[k].lower == "whether" || t[k].lower == "if";
    if (qualified) continue;
    // "most of them caused no significant human and material losses": a share of a series of
    // attacks, not this one's toll.
    if (share_of_a_series(v, i)) continue;
    const bool among = zero_of_some(v, i);
    if (killed) out.push_back({true, 0, among || others, i});
    if (injured) out.push_back({false, 0, among || others, i});
    // "caused no injuries or damage" says no one was harmed, as the cue "no injuries" does:
    // no deaths either, unless the article gives a toll of the dead (the zero yields).
    if (injured && !killed && !zero_on_another_side(v, i)) out.push_back({true, 0, true, i, true});
  }
  return out;
}

// "The PKK has waged an insurgency in which more than 40,000 people have been killed", "is
// responsible for the deaths of 40,000 people", "Since April ... 400 civilians died": a war's,
// a group's or a period's toll, in a sentence that
// names no weapon and no target of ours, is no toll of this attack.
bool toll_of_a_war(const SentenceView& v, std::size_t token) {
  const auto& t = v.tokens;
  // "The incident comes as Israeli strikes continued on the villages of the south, killing at
  // least 22 people": what the attack coincides with is other news, and so is its toll.
  // (The gloss of Arabic puts the subject after the verb: "And comes attack amid American threats
  // to respond to killing 3 from soldiers in Jordan".)
  for (std::size_t k = 1; k + 1 < token && k < t.size(); ++k) {
    if (t[k].lower != "comes" && t[k].lower != "came") continue;
    std::size_t link = k + 1;
    if (link + 1 < token && v.token_in(link, lexicon::Cue::kAttackNoun)) ++link;
    if (t[link].lower == "as" || t[link].lower == "amid") return true;
  }
  if (v.in_scope_target || !v.all(lexicon::Kind::kWeapon).empty()) return false;
  // "Since the end of April, government forces have stepped up their shelling of Idlib, where
  // more than 400 civilians died": a toll over a period the sentence opens with.
  // Not this attack's own update: "Since the attack, the death toll has risen to three",
  // "Since Sunday, the number of dead has risen to four".
  if (!t.empty() && t[0].lower == "since") {
    bool own = false;
    for (std::size_t k = 1; k < t.size(); ++k)
      own = own || v.word_in(lexicon::WordList::kRiseWords, t[k].lower) ||
            (k <= 3 && v.token_in(k, lexicon::Cue::kAttackNoun));
    if (!own) return true;
  }
  for (std::size_t k = token >= 16 ? token - 16 : 0; k < token; ++k)
    if (v.word_in(lexicon::WordList::kWarNouns, t[k].lower) ||
        (t[k].lower == "responsible" && k + 1 < t.size() && t[k + 1].lower == "for"))
      return true;
  return false;
}

// "four people were killed and at least 19 wounded across the capital", "Russia's overnight
// attack on the capital killed four people and damaged ... the embassy": the toll of a barrage
// on a whole city or country, not of the site of ours among its targets.
bool toll_across_a_city(const SentenceView& v, std::size_t token) {
  const auto& t = v.tokens;
  auto area = [&](std::size_t k) {
    return k + 1 < t.size() && t[k].lower == "the" &&
           (t[k + 1].lower == "capital" || t[k + 1].lower == "city" || t[k + 1].lower == "country");
  };
  for (std::size_t k = token + 1; k < t.size() && k <= token + 10; ++k) {
    const auto& w = t[k].lower;
    if (w == "nationwide" || w == "citywide") return true;
    // "... across the capital", "four residents of the city", "in several districts".
    if ((w == "across" || w == "throughout") && area(k + 1)) return true;
    // "four residents of the capital": the townspeople; not "two guards in the centre of the
    // capital" nor "flown out of the country".
    if (w == "of" && k >= 1 && v.word_in(lexicon::WordList::kTownspeopleNouns, t[k - 1].lower) &&
        area(k + 1))
      return true;
    if (v.word_in(lexicon::WordList::kCityPartNouns, w)) return true;
    if (w == ";" || v.token_in(k, lexicon::Cue::kTargetDiplomatic) ||
        v.token_in(k, lexicon::Cue::kTargetMilitary))
      break;
  }
  // Not when the victims are told at a site of ours: "the attack on the capital killed two
  // guards at the US embassy".
  for (std::size_t k = token + 1; k < t.size() && k <= token + 8; ++k)
    if (v.token_in(k, lexicon::Cue::kTargetDiplomatic) ||
        v.token_in(k, lexicon::Cue::kTargetMilitary) ||
        v.token_in_kind(k, lexicon::Kind::kFacility))
      return false;
  // "In the capital, the mayor reported two dead and about twenty wounded": a sentence that opens
  // on the whole city and names no site of ours in it.
  std::size_t open = after_dateline(v);
  if (open < t.size() && t[open].lower == "elsewhere") ++open;
  // So does "In Kyiv, at least two people were killed": the city by its name, and its people
  // ("In Kabul, two guards were killed" may be the site's own).
  // (Asked last: most sentences open otherwise.)
  const bool city_named =
      open + 2 < t.size() && t[open].lower == "in" && t[open + 1].capitalized &&
      t[open + 2].lower == "," && v.lexicon &&
      v.lexicon->city(v.text.substr(t[open + 1].start, t[open + 1].end - t[open + 1].start)) &&
      std::any_of(t.begin(), t.end(), [&](const auto& w) {
        return v.word_in(lexicon::WordList::kTownspeopleNouns, w.lower);
      });
  if (city_named || (open + 3 < t.size() && (t[open].lower == "in" || t[open].lower == "across") &&
                     area(open + 1) && t[open + 3].lower == ",")) {
    bool site = false;
    for (std::size_t k = 0; k < t.size() && !site; ++k)
      site = v.token_in(k, lexicon::Cue::kTargetDiplomatic) ||
             v.token_in(k, lexicon::Cue::kTargetMilitary) ||
             v.token_in_kind(k, lexicon::Kind::kFacility);
    if (!site) return true;
  }
  for (std::size_t k = token >= 10 ? token - 10 : 1; k < token; ++k)
    if ((t[k].lower == "on" || t[k].lower == "against") && area(k + 1) &&
        v.token_in(k - 1, lexicon::Cue::kAttackNoun))
      return true;
  return false;
}

Casualties read_casualties(const Annotated& article, const Event& event) {
  // The first figure the article gives wins, except that a zero about some of the people ("no
  // Americans were hurt") yields to a count of the others ("one civilian was lightly injured"),
  // and a toll that rose ("the death toll rose to three") replaces a lower one.
  // A headline's toll is a summary: a larger count in the body ("two US soldiers killed" over
  // "two soldiers and a civilian interpreter were killed") counts the people it left out.
  Casualties out;
  bool killed_restricted = false, injured_restricted = false;
  // A zero only implied by "only material damage": a toll of either kind undoes both.
  bool killed_implied = false, injured_implied = false;
  std::optional<std::size_t> killed_implied_at, injured_implied_at;  // its sentence
  bool killed_headline = false, injured_headline = false;
  bool killed_from_injuries = false;  // the dead's zero read from "no one was hurt"
  auto record = [&](bool killed, int value, const SentenceView& v, bool restricted = false,
                    bool risen = false) {
    auto& slot = killed ? out.killed : out.injured;
    bool& open = killed ? killed_restricted : injured_restricted;
    bool& from_headline = killed ? killed_headline : injured_headline;
    // Once the body tells the headline's toll itself ("Un Casque bleu tué" then "Un Casque bleu
    // a été tué"), a larger count further on is not the fuller telling but another figure ("Plus
    // de 130 de ses membres ont été tués", the mission's toll since 2013).
    if (from_headline && !v.sentence.heading && value > 0 && value <= *slot.value) {
      from_headline = false;
      return;
    }
    const bool fuller = from_headline && !v.sentence.heading && value > *slot.value;
    // "One soldier was killed ... the death toll later rose to three": the update wins.
    const bool update = risen && slot.value && value > *slot.value;
    // A zero implied by "only material damage" yields to a toll told with it or right after it,
    // not to a war's toll further on ("the exchanges of fire have killed 58 people").
    const auto& implied_at = killed ? killed_implied_at : injured_implied_at;
    const bool near = !implied_at || v.sentence.index <= *implied_at + 1;
    // A zero said outright ("no deaths") closes one that only yielded ("no Americans", "only
    // material damage").
    if (slot.value == 0 && open && value == 0 && !restricted) {
      open = false;
      (killed ? killed_implied : injured_implied) = false;
      return;
    }
    if (slot.value && !(open && value > 0 && near) && !fuller && !update) return;
    from_headline = v.sentence.heading && !slot.value;
    slot.value = value;
    slot.evidence = evidence_of(v);
    open = value == 0 && restricted;
  };
  // "Night attack on Kyiv: four dead, Polish consulate damaged" over "Russia's attack on the
  // capital killed four people": a headline's toll that the body tells as a city's or a war's
  // is not the site's.
  std::set<std::pair<bool, int>> wider_tolls;
  for (std::size_t i : event.sentences) {
    const auto& v = article.sentences[i];
    if (v.sentence.heading) continue;
    for (const auto& figure : casualty_figures(v))
      if (figure.value > 0 &&
          (toll_of_a_war(v, figure.token) || toll_across_a_city(v, figure.token)))
        wider_tolls.emplace(figure.killed, figure.value);
  }
  // "Several Syrian soldiers died in the attack": a death told without a count leaves the dead
  // unknown, whatever "no injuries" says of the others.
  bool deaths_told = false;
  for (std::size_t i : event.sentences) {
    const auto& v = article.sentences[i];
    // (A headline's deaths the body tells as a city's are not told of the site.)
    if (v.sentence.heading &&
        std::any_of(wider_tolls.begin(), wider_tolls.end(), [](const auto& w) { return w.first; }))
      continue;
    for (const Hit* h : v.all(lexicon::Cue::kKilled))
      deaths_told =
          deaths_told || (!negated_in_clause(v, h->first) && !toll_of_a_war(v, h->first) &&
                          !toll_across_a_city(v, h->first));
  }
  for (std::size_t i : event.sentences) {
    const auto& v = article.sentences[i];
    // A doubt blocks a zero only in its own clause: "No one was hurt, and it was not
    // immediately clear who fired the rockets" still says no one was hurt. A zero about one
    // projectile ("one rocket fell in an empty field, causing no casualties") is not the toll.
    // Nor is a zero about bystanders alone: "no casualties had been reported among civilians"
    // (not "among civilians or soldiers").
    auto among_bystanders = [&](std::size_t token) {
      for (std::size_t k = token + 1; k + 1 < v.tokens.size() && k <= token + 6; ++k) {
        if (v.tokens[k].lower != "among") continue;
        // To the clause's end: "among the civilians inside the embassy compound", "among local
        // residents living near the base or Turkish troops" name the site's people too.
        bool bystanders = false;
        for (std::size_t j = k + 1; j < v.tokens.size() && j <= k + 14; ++j) {
          const auto& w = v.tokens[j].lower;
          if (w == "," || w == ";" || w == ".") break;
          if (v.word_in(lexicon::WordList::kBystanderNouns, w))
            bystanders = true;
          else if (v.word_in(lexicon::WordList::kPersonHeads, w) ||
                   v.token_in(j, Cue::kTargetMilitary) || v.token_in(j, Cue::kTargetDiplomatic) ||
                   std::any_of(v.hits.begin(), v.hits.end(), [&](const Hit& h) {
                     return h.kind == lexicon::Kind::kFacility && h.first <= j && j <= h.last;
                   }))
            return false;
        }
        return bystanders;
      }
      return false;
    };
    auto zero_holds = [&](std::size_t token) {
      return !uncertain_in_clause(v, token) && !about_one_projectile(v, token) &&
             !among_bystanders(token);
    };
    // "no casualties among coalition personnel": a zero about some of the people.
    auto among = [&](const Hit* h) { return zero_of_some(v, h->last); };
    // "causing only material damage" (implied_zero) implies no one was hurt: the zero yields to
    // any count the article gives ("..., but two soldiers were wounded"), and says nothing when
    // negated ("not only material damage", the gloss of "n'a pas fait que des dégâts matériels").
    std::vector<const Hit*> zeros = v.all(lexicon::Cue::kZeroCasualties);
    for (const Hit* h : v.all(lexicon::Cue::kImpliedZero)) zeros.push_back(h);
    std::sort(zeros.begin(), zeros.end(),
              [](const Hit* a, const Hit* b) { return a->first < b->first; });
    for (const Hit* h : zeros) {
      if (!zero_holds(h->first)) continue;
      const bool implied = h->cue == lexicon::Cue::kImpliedZero;
      if (implied && (negated_in_clause(v, h->first) ||
                      (h->first >= 1 && (v.tokens[h->first - 1].lower == "than" ||
                                         v.tokens[h->first - 1].lower == "just"))))
        continue;
      const bool killed_open = !out.killed.value, injured_open = !out.injured.value;
      record(true, 0, v, among(h) || implied), record(false, 0, v, among(h) || implied);
      if (implied && killed_open && out.killed.value)
        killed_implied = true, killed_implied_at = v.sentence.index;
      if (implied && injured_open && out.injured.value)
        injured_implied = true, injured_implied_at = v.sentence.index;
    }
    // "There were no injuries" says nobody was harmed: readers of real reports take it as no
    // deaths too, unless the article gives a toll of the dead (a restricted zero yields).
    for (const Hit* h : v.all(lexicon::Cue::kZeroInjuries))
      if (zero_holds(h->first)) {
        // (That nobody on the other side was hurt says nothing of deaths here.)
        record(false, 0, v, among(h));
        if (!zero_on_another_side(v, h->last)) record(true, 0, v, true);
      }
    // (An explicit zero of deaths is no implied one: "no loss of life" keeps it when the wounded
    // are told after it.)
    for (const Hit* h : v.all(lexicon::Cue::kZeroDeaths))
      if (zero_holds(h->first)) {
        record(true, 0, v, among(h));
        if (out.killed.value == 0) killed_implied = false;
      }
    for (const auto& figure : casualty_figures(v))
      if ((figure.value > 0 || zero_holds(figure.token)) &&
          !(figure.from_injuries && deaths_told) && !toll_of_a_war(v, figure.token) &&
          !toll_across_a_city(v, figure.token) &&
          !(v.sentence.heading && wider_tolls.count({figure.killed, figure.value}))) {
        const bool was_open = !out.killed.value;
        record(figure.killed, figure.value, v, figure.restricted, figure.risen);
        // "No member of the staff was hurt": no deaths either, unless others were hurt ("No
        // Americans were hurt. One Iraqi guard was slightly injured." tells nothing of deaths).
        if (figure.from_injuries && was_open && out.killed.value == 0) killed_from_injuries = true;
      }
  }
  // Harm told without a number near it ("several soldiers were wounded", "one soldier had died
  // of wounds" up to two sentences on) undoes an implied zero too.
  const auto implied_at = killed_implied ? killed_implied_at : injured_implied_at;
  if ((killed_implied || injured_implied) && implied_at)
    for (std::size_t i : event.sentences) {
      const auto& v = article.sentences[i];
      // (The headline too: "Soldado turco fica ferido em ataque".)
      if (!v.sentence.heading &&
          (v.sentence.index < *implied_at || v.sentence.index > *implied_at + 2))
        continue;
      bool harm = false;
      for (lexicon::Cue cue : {lexicon::Cue::kKilled, lexicon::Cue::kInjured})
        for (const Hit* h : v.all(cue)) harm = harm || !negated_in_clause(v, h->first);
      if (!harm) continue;
      if (killed_implied && out.killed.value == 0) out.killed = {};
      if (injured_implied && out.injured.value == 0) out.injured = {};
    }
  // "There were no casualties among the US troops ... Several other fighters were wounded": a
  // zero about some of the people, and harm to others told without a number, leave the toll
  // unknown.
  auto harm_uncounted = [&](lexicon::Cue cue) {
    for (std::size_t i : event.sentences) {
      const auto& v = article.sentences[i];
      const auto figures = casualty_figures(v);
      for (const Hit* h : v.all(cue)) {
        if (negated_in_clause(v, h->first) || toll_of_a_war(v, h->first) ||
            toll_across_a_city(v, h->first))
          continue;
        const bool counted = std::any_of(figures.begin(), figures.end(),
                                         [&](const auto& f) { return f.token == h->first; });
        // Told as an amount: "several other fighters", "an unknown number of", "dozens".
        bool amount = false;
        for (std::size_t k = h->first >= 6 ? h->first - 6 : 0; k < h->first; ++k) {
          const auto& w = v.tokens[k].lower;
          amount = amount || w == "several" || w == "many" || w == "some" || w == "dozens" ||
                   w == "number" || w == "scores" || w == "unspecified";
        }
        if (!counted && amount) return true;
      }
    }
    return false;
  };
  if (out.injured.value == 0 && injured_restricted && harm_uncounted(lexicon::Cue::kInjured))
    out.injured = {};
  if (out.killed.value == 0 && killed_restricted && harm_uncounted(lexicon::Cue::kKilled))
    out.killed = {};
  if ((killed_implied || (killed_from_injuries && killed_restricted)) && out.killed.value == 0 &&
      out.injured.value.value_or(0) > 0)
    out.killed = {};
  if (injured_implied && out.injured.value == 0 && out.killed.value.value_or(0) > 0)
    out.injured = {};
  return out;
}

}  // namespace sitrep::extract
