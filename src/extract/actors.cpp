#include <algorithm>
#include <array>
#include <map>
#include <set>
#include <string>

#include "extract/readers.h"

namespace sitrep::extract {
namespace {

// "blamed X for a rocket attack ...": "for" and an attack noun within three words, at token `k`.
bool blame_for_attack_at(const SentenceView& v, std::size_t k) {
  return v.tokens[k].lower == "for" && k + 3 < v.tokens.size() &&
         (v.token_in(k + 1, lexicon::Cue::kAttackNoun) ||
          v.token_in(k + 2, lexicon::Cue::kAttackNoun) ||
          v.token_in(k + 3, lexicon::Cue::kAttackNoun));
}

// Whether a blame names the attack it is for before token `end`: "holds X responsible for the
// drone attack that killed three soldiers".
bool blame_names_its_attack(const SentenceView& v, const Hit& blame, std::size_t end) {
  for (std::size_t k = blame.last + 1; k < end && k < v.tokens.size(); ++k)
    if (blame_for_attack_at(v, k)) return true;
  return false;
}

using lexicon::Cue;
using lexicon::Kind;

// A word that introduces the name a group goes by: "called the Islamic Resistance in Iraq",
// "calling itself", "known as", "dubbed".
bool naming_word(const std::string& w) {
  return w == "called" || w == "named" || w == "dubbed" || w == "calling" || w == "calls" ||
         w == "known";
}

// "similar attacks", "such strikes", "previous operations" at token k: attacks like this one.
bool similar_attacks_at(const SentenceView& v, std::size_t k) {
  if (k + 1 >= v.tokens.size()) return false;
  const auto& w = v.tokens[k].lower;
  const auto& what = v.tokens[k + 1].lower;
  return (w == "similar" || w == "such" || w == "previous" || w == "past" || w == "earlier" ||
          w == "prior") &&
         (what == "attacks" || what == "strikes" || what == "operations" || what == "incidents" ||
          what == "actions");
}

// A blame withheld: "did not blame X", "would hold X responsible if the attacks go on" (a
// negation or a modal of what is yet to come right before the trigger).
bool blame_withheld(const SentenceView& v, const Hit& suspect) {
  for (std::size_t k = suspect.first >= 2 ? suspect.first - 2 : 0; k < suspect.first; ++k) {
    const auto& w = v.tokens[k].lower;
    if (v.token_in(k, Cue::kNegation) || w == "would" || w == "will") return true;
  }
  return false;
}

// "accused Iran-backed groups of being behind past attacks", "believes that the attacks are
// carried out by pro-Iranian groups": the blame's nearest attack noun is a plural, so it is for
// a run of attacks, not for this one.
bool blames_many_attacks(const SentenceView& v, const Hit& suspect) {
  // "Washington usually blames ...", "have often blamed", the gloss of "costuma atribuir".
  bool habitual = false;
  for (std::size_t k = suspect.first >= 2 ? suspect.first - 2 : 0; k <= suspect.last; ++k)
    habitual = habitual || v.word_in(lexicon::WordList::kHabitualAdverbs, v.tokens[k].lower);
  const Hit* nearest = nullptr;
  std::size_t distance = 0;
  for (const Hit* h : v.all(Cue::kAttackNoun)) {
    std::size_t d = h->first > suspect.last ? h->first - suspect.last : suspect.first - h->last;
    if (d > 10) continue;
    // "pointed to militias, which have carried out dozens of attacks": the relative clause
    // describes the actor, not what it is blamed for.
    bool relative = false;
    for (std::size_t k = suspect.last + 1; k < h->first; ++k)
      relative |= v.tokens[k].lower == "which" || v.tokens[k].lower == "who";
    if (relative) continue;
    if (!nearest || d < distance) nearest = h, distance = d;
  }
  // A habit told of one attack ("as always, blamed Kataib Hezbollah for Tuesday's attack",
  // "generally blamed the Monday attack on ...") blames for that attack: its object comes after
  // the blame, or before it in the passive ("Tuesday's attack was generally blamed on X"). Any
  // other habit points at who is usually blamed.
  bool passive = false;
  for (std::size_t k = suspect.first >= 3 ? suspect.first - 3 : 0; k < suspect.first; ++k)
    passive = passive || v.word_in(lexicon::WordList::kAuxiliaries, v.tokens[k].lower);
  const bool object_before = nearest && nearest->first < suspect.first && passive;
  if (habitual && (!nearest || (nearest->first < suspect.first && !object_before))) return true;
  if (!nearest) return false;
  std::string_view last = v.tokens[nearest->last].lower;
  // "blames this type of attack on ...", "this kind of attack": a kind, not this one.
  const std::size_t first = nearest->first;
  const bool kind = first >= 2 && v.tokens[first - 1].lower == "of" &&
                    (v.tokens[first - 2].lower == "type" || v.tokens[first - 2].lower == "kind" ||
                     v.tokens[first - 2].lower == "sort");
  return kind || last == "attacks" || last == "strikes" || last == "assaults" || last == "raids";
}

// The sentence speaks of the main attack: the anchor, a headline, a target of ours, or a
// definite "the attack" / "the strike" / "the incident".
bool refers_to_main(const Annotated& article, const Event& event, const SentenceView& v) {
  if (&v == &article.sentences[event.anchor] || v.sentence.heading || v.in_scope_target)
    return true;
  // The lead's own sentences tell the story's attack ("... were killed during an ambush by a lone
  // ISIS gunman in Palmyra"); older ones have their own roles by then.
  if (v.lead && v.role == Role::kMain && event.speaks_of(&v - article.sentences.data()))
    return true;
  // "This was likely carried out by ...": a sentence that names no attack speaks of this one
  // (a weapon alone, "the drone's debris", names none).
  if (!v.has(Cue::kAttackVerb) && !v.has(Cue::kAttackNoun)) return true;
  const auto& t = v.tokens;
  for (std::size_t i = 0; i + 1 < t.size(); ++i) {
    if (t[i].lower != "the" && t[i].lower != "this" && t[i].lower != "tuesday's" &&
        t[i].lower != "latest")
      continue;
    for (std::size_t k = i + 1; k < t.size() && k <= i + 2; ++k) {
      const auto& w = t[k].lower;
      if (w == "attack" || w == "attacks" || w == "strike" || w == "assault" || w == "incident" ||
          w == "explosion" || w == "blast" || w == "bombardment" || w == "barrage" ||
          w == "explosions" || w == "blasts")
        return true;
      if (!v.token_is_weapon(k)) break;
    }
  }
  return false;
}

// "The Islamic Resistance in Iraq said in a statement that its fighters had attacked the base",
// "the Guards said they fired the missiles", "X announces targeting the base": a report verb
// whose clause has the speaker's own fighters as the attackers. Each becomes a claim hit at the
// report verb. The clause must be about this attack: "said it had attacked a convoy" or "launched
// drones at the al-Tanf base" (another facility) admit other attacks.
std::vector<Hit> admissions_in(const lexicon::Lexicon& lexicon, const Event& event,
                               const SentenceView& v) {
  std::vector<Hit> out;
  const auto& t = v.tokens;
  const auto* main = event.place.facility;
  auto other_facility = [&](std::size_t from, std::size_t to) {
    for (const Hit* h : v.all(Kind::kFacility)) {
      if (h->first < from || h->first > to) continue;
      if (!main || !same_or_nested(lexicon.facility(h->entry), *main)) return true;
    }
    return false;
  };
  // The first site named after the verb is what was attacked: "targeting Harir base, near
  // Erbil airport" is about Harir.
  auto other_object = [&](std::size_t from, std::size_t to) {
    const Hit* first = nullptr;
    for (const Hit* h : v.all(Kind::kFacility))
      if (h->first >= from && h->first <= to && (!first || h->first < first->first)) first = h;
    return first && (!main || !same_or_nested(lexicon.facility(first->entry), *main));
  };
  auto attack_verb = [&](std::size_t j) {
    return v.token_in(j, Cue::kLaunch) || v.token_in(j, Cue::kAttackVerb);
  };
  // "The Mujahideen of the Islamic Resistance in Iraq targeted the base": a group's name for its
  // own fighters is the group speaking. The claim sits at the attack verb, after its subject.
  for (const Hit* a : v.all(Kind::kActor)) {
    std::size_t k = a->first;
    if (k >= 1 && t[k - 1].lower == "the") --k;
    if (k < 2 || t[k - 1].lower != "of" ||
        !v.word_in(lexicon::WordList::kOwnFighters, t[k - 2].lower))
      continue;
    // Verb first, as Arabic writes it: "targeted (the) mujahideen of the Islamic Resistance ...".
    std::size_t own = k - 2;  // the mujahideen word
    if (own >= 1 && t[own - 1].lower == "the") --own;
    if (own >= 1 && attack_verb(own - 1)) {
      if (!other_object(a->last + 1, a->last + 12))
        out.push_back(Hit{Kind::kTrigger, -1, t[own - 1].start, t[own - 1].end, own - 1, own - 1,
                          Cue::kClaim});
      continue;
    }
    for (std::size_t j = a->last + 1; j < t.size() && j <= a->last + 3; ++j)
      if (attack_verb(j)) {
        // "the mujahideen of X were attacked by ...": the fighters are the ones struck.
        const bool passive = (j >= 1 && (t[j - 1].lower == "were" || t[j - 1].lower == "was")) ||
                             (j + 1 < t.size() && t[j + 1].lower == "by");
        if (!passive && !other_object(j + 1, j + 12))
          out.push_back(Hit{Kind::kTrigger, -1, t[j].start, t[j].end, j, j, Cue::kClaim});
        break;
      }
  }
  for (const Hit* r : v.all(Cue::kReportVerb)) {
    const auto& verb = t[r->first].lower;
    if (verb != "said" && verb != "says" && verb != "announced" && verb != "announces" &&
        verb != "stated" && verb != "claimed" && verb != "claims")
      continue;
    // Verb first, as Arabic writes it (the gloss of "أعلنت المقاومة الإسلامية استهداف قاعدة"):
    // "announced the Islamic Resistance in Iraq targeting the base": the group announces its own
    // attack.
    const bool announces = verb == "announced" || verb == "announces";
    // The group's own act, told as a verbal noun ("targeting", "the targeting of") or done by
    // its fighters ("..., that fighters of [it] targeted", the gloss of "أن مجاهديها استهدفوا"),
    // not a clause with a subject of its own ("announces drones hit the base").
    // "fighters" alone is anyone's ("that fighters targeted"); the gloss's dangling "of" makes
    // them the announcer's own.
    auto own_fighters_before = [&](std::size_t j) {
      if (j >= 2 && t[j - 1].lower == "of" && t[j - 2].lower == "fighters") return true;
      std::size_t k = j;
      if (k >= 1 && t[k - 1].lower == "of") --k;
      return k >= 1 && v.word_in(lexicon::WordList::kOwnFighters, t[k - 1].lower);
    };
    auto attack_word_in = [&](std::size_t from, std::size_t to) {
      for (std::size_t j = from; j < t.size() && j <= to; ++j) {
        if (v.token_in(j, Cue::kNegation)) return false;
        if (attack_verb(j))
          return (t[j].lower.ends_with("ing") || own_fighters_before(j)) &&
                 !other_object(j + 1, j + 12);
      }
      return false;
    };
    // "The Islamic Resistance in Iraq announces targeting the base": the subject comes first.
    if (announces && attack_word_in(r->last + 1, r->last + 2)) {
      out.push_back(*r);
      continue;
    }
    if (announces && opens_clause(v, r->first)) {
      // The first actor after the verb is its subject; its day may stand between them
      // ("announced the Islamic Resistance in Iraq, Friday evening 5 January, targeting").
      const auto actors = v.all(Kind::kActor);
      auto a = std::find_if(actors.begin(), actors.end(), [&](const Hit* h) {
        return h->first > r->last && h->first <= r->last + 8;
      });
      if (a != actors.end() && attack_word_in((*a)->last + 1, (*a)->last + 14)) {
        out.push_back(*r);
        continue;
      }
      // Past a description of the group and its statement ("announced the People's Defence
      // Forces, the military wing of the PKK, in a statement, that fighters of carried out an
      // attack"): its fighters' act, further on.
      if (a != actors.end()) {
        bool own_act = false;
        for (std::size_t j = (*a)->last + 11; j < t.size() && j <= (*a)->last + 24; ++j) {
          if (v.token_in(j, Cue::kNegation)) break;
          // "carried out [on 12 June] an attack": the attack noun within its clause.
          bool carried = false;
          if (t[j].lower == "carried" && j + 1 < t.size() && t[j + 1].lower == "out")
            for (std::size_t n = j + 2; n < t.size() && n <= j + 8 && t[n].word; ++n)
              if (v.token_in(n, Cue::kAttackNoun)) carried = true;
          if ((attack_verb(j) || carried) && own_fighters_before(j)) {
            own_act = !other_object(j + 1, j + 12);
            break;
          }
        }
        if (own_act) {
          out.push_back(*r);
          continue;
        }
      }
    }
    // Verb first, the group and its day between the verb and its clause ("Announced the Islamic
    // Revolutionary Guard Corps, early Wednesday 8 January, that it fired ...").
    // Words set aside between commas ("said hours later, in its Telegram channel, it had
    // attacked") do not count toward the reach.
    std::size_t reach = announces && opens_clause(v, r->first) ? 14 : 9;
    bool aside = false;
    for (std::size_t k = r->last + 1; k < t.size() && k <= r->last + reach; ++k) {
      const auto& w = t[k].lower;
      if (w == ",") aside = !aside;
      if (aside && reach < 20) ++reach;
      // "in its statement", "on their Telegram channel": the source's owner, not the clause's
      // subject.
      if ((w == "its" || w == "their") && k >= 1 &&
          (t[k - 1].lower == "in" || t[k - 1].lower == "on" || t[k - 1].lower == "via" ||
           t[k - 1].lower == "through"))
        continue;
      // The gloss of a dropped subject ("anunció que ha atacado": "announced that has
      // attacked"): the verb's own subject acts.
      // Right after the verb and its day ("announced on Tuesday that has attacked"), not a
      // relative clause further on ("said the rockets that had hit the embassy").
      // Its source may stand between: "anunció en un comunicado que ha atacado".
      bool right_after = k <= r->last + 8;
      for (std::size_t j = r->last + 1; j < k; ++j) {
        const auto& between = t[j].lower;
        right_after = right_after &&
                      (v.token_in_date(j) || between == "," || between == "on" || between == "in" ||
                       between == "a" || between == "its" || between == "statement" ||
                       between == "communique" || between == "communiqué");
      }
      const bool dropped = right_after && w == "that" && k + 1 < t.size() &&
                           (t[k + 1].lower == "has" || t[k + 1].lower == "had");
      // "stated: "Our mujahideen targeted ..."": the statement's own words. "The Houthis'
      // spokesman announced that the group targeted ...": the group is the speaker's own.
      // Only when the group itself or its spokesman speaks, named right before the verb (not
      // "a US official said the group targeted the base").
      const bool group_speaks = std::any_of(v.hits.begin(), v.hits.end(), [&](const Hit& h) {
        if (h.kind != Kind::kActor || h.last >= r->first || r->first - h.last > 6) return false;
        for (std::size_t j = h.last + 1; j < r->first; ++j)
          if (t[j].lower == ",") return false;
        return true;
      });
      const bool the_group = group_speaks && k >= 1 && t[k - 1].lower == "the" &&
                             (w == "group" || w == "movement" || w == "faction" || w == "militia");
      if (w != "it" && w != "they" && w != "its" && w != "their" && w != "our" && !dropped &&
          !the_group)
        continue;
      for (std::size_t j = k + 1; j < t.size() && j <= k + 3; ++j) {
        const auto& m = t[j].lower;
        // "Russia said it had shot down six drones": the defender's act, no admission ("said it
        // took out a US radar" still admits one).
        const bool shot_down =
            v.token_in(j, Cue::kIntercept) && (m == "shot" || m == "intercepted" || m == "downed" ||
                                               m == "intercepting" || m == "shooting");
        if (v.token_in(j, Cue::kNegation) || shot_down || m == "not" || m == "would" ||
            m == "will" || m == "could" || m == "may" || m == "might")
          break;
        // "said in a statement that it was behind the strike", "says they were responsible for
        // the attack": the speaker owns the attack the article tells, whatever its verb.
        if ((m == "behind" || m == "responsible") && j >= 1 &&
            v.word_in(lexicon::WordList::kAuxiliaries, t[j - 1].lower) && j + 2 < t.size() &&
            !other_facility(j + 1, j + 12)) {
          std::size_t n = j + 1;
          if (t[n].lower == "for") ++n;
          if (t[n].lower == "the" || t[n].lower == "this" || t[n].lower == "that") ++n;
          if (n < t.size() && (v.token_in(n, Cue::kAttackNoun) || v.token_is_weapon(n) ||
                               t[n].lower == "attack" || t[n].lower == "strike"))
            out.push_back(*r);
          break;
        }
        if (!v.token_in(j, Cue::kLaunch) && !v.token_in(j, Cue::kAttackVerb)) continue;
        std::size_t object = j + 1;
        while (object < t.size() && (v.token_in(object, Cue::kLaunch) ||
                                     v.token_in(object, Cue::kAttackVerb) || !t[object].word))
          ++object;
        // "said they carried out no attack on the base": a denial, no admission.
        if (object < t.size() && (t[object].lower == "no" || t[object].lower == "none")) break;
        // "said it launched an investigation" admits nothing; "claimed it launched a drone at the
        // base" does, the article's noun being a weapon; so does "has attacked with a drone".
        // Not "launched a drone strike on a militia": a strike told by its noun is no weapon.
        auto weapon_at = [&](std::size_t n) { return n < t.size() && v.token_is_weapon(n); };
        const bool indefinite = object < t.size() &&
                                (t[object].lower == "a" || t[object].lower == "an") &&
                                !weapon_at(object + 1) && !weapon_at(object + 2);
        // "Israel said it launched a drone strike on an Iran-backed militia": a strike on a group
        // is the speaker's own strike, not an admission of the attack on our site.
        bool on_a_group = false;
        for (const Hit* a : v.all(Kind::kActor)) {
          if (a->first <= object || a->first > object + 6) continue;
          std::size_t before = a->first;
          while (before > object && (t[before - 1].lower == "a" || t[before - 1].lower == "an" ||
                                     t[before - 1].lower == "the"))
            --before;
          on_a_group = on_a_group || (before > object && (t[before - 1].lower == "on" ||
                                                          t[before - 1].lower == "against"));
        }
        // "announced it had targeted several Israeli positions": another state's ground, no
        // site of ours.
        bool foreign_ground = false, our_target = false;
        for (std::size_t n = object; n < t.size() && n <= object + 5; ++n) {
          our_target = our_target || v.token_in(n, Cue::kTargetMilitary) ||
                       v.token_in(n, Cue::kTargetDiplomatic) ||
                       v.token_in_kind(n, Kind::kFacility) ||
                       v.word_in(lexicon::WordList::kMilitaryHeads, t[n].lower);
          foreign_ground = foreign_ground || v.token_in_kind(n, Kind::kCountry);
        }
        if (!indefinite && !on_a_group && !(foreign_ground && !our_target) &&
            !other_facility(object, object + 12))
          out.push_back(*r);
        break;
      }
      break;
    }
  }
  return out;
}

// "an Iran-affiliated group", "Iranian-made drones": a name inside a hyphenated modifier
// describes something else; it is no agent of the attack.
bool compound_modifier(const SentenceView& v, const Hit& actor) {
  if (actor.end < v.text.size() && v.text[actor.end] == '-') return true;
  // "attributed to Iran's Islamic Revolutionary Guard Corps": the possessor of the actor that
  // follows it is no actor of its own.
  const std::string_view rest = std::string_view(v.text).substr(actor.end);
  if (!rest.starts_with("'s") && !rest.starts_with("\u2019s")) return false;
  return std::any_of(v.hits.begin(), v.hits.end(), [&](const Hit& h) {
    return h.kind == lexicon::Kind::kActor && h.first == actor.last + 1;
  });
}

// Whether `group`, a group and not a state, follows `described`, a description of proxies (an
// actor with backers), across "of" or "of the": "pro-Iran militias of the Islamic Resistance in
// Iraq"; not "the Revolutionary Guards of Iran" nor a named member of its umbrella ("Kataib
// Hezbollah of the Popular Mobilization Forces").
bool of_group(const lexicon::Lexicon& lexicon, const SentenceView& v, const Hit& described,
              const Hit& group) {
  if (lexicon.actor(group.entry).kind == "state" || lexicon.actor(described.entry).backers.empty())
    return false;
  std::size_t k = described.last + 1;
  if (k >= group.first || v.tokens[k].lower != "of") return false;
  ++k;
  if (k < group.first && v.tokens[k].lower == "the") ++k;
  return k == group.first;
}

// Whether the launch verb at token k fires or aims something: a weapon, an attack or a target
// within the next five tokens, or a direction right after it ("fired at", "launched toward").
bool launches_a_weapon(const SentenceView& v, std::size_t k) {
  const auto& t = v.tokens;
  while (k + 1 < t.size() && v.token_in(k + 1, Cue::kLaunch)) ++k;  // "were fired at"
  if (k + 1 < t.size()) {
    const auto& w = t[k + 1].lower;
    if (w == "at" || w == "on" || w == "toward" || w == "towards" || w == "against") return true;
  }
  for (std::size_t j = k + 1; j < t.size() && j <= k + 5; ++j)
    if (v.token_is_weapon(j) || v.token_in(j, Cue::kAttackNoun) ||
        v.token_in(j, Cue::kTargetMilitary) || v.token_in(j, Cue::kTargetDiplomatic) ||
        // "fired three projectiles", "fired 30 rounds"; not "launched aircraft to patrol",
        // "launched new rounds of talks".
        (v.word_in(lexicon::WordList::kFiredNouns, t[j].lower) && t[j].lower != "aircraft" &&
         j >= 1 && count_at(v, j - 1, false)))
      return true;
  for (const Hit* h : v.all(lexicon::Kind::kFacility))
    if (h->first > k && h->first <= k + 5) return true;
  return false;
}

// "since the US bombed facilities used by Iran-backed militias", "the US military launched an
// attack on the Iranian proxy": the US (as a country, or its military) is the subject of a
// strike, so the groups the sentence names were struck.
bool us_strikes_in(const lexicon::Lexicon& lexicon, const SentenceView& v) {
  const auto& t = v.tokens;
  for (const Hit* h : v.all(Kind::kCountry)) {
    if (lexicon.country(h->entry).code != "US") continue;
    std::size_t k = h->last + 1;
    while (k < t.size() && k <= h->last + 2 &&
           (t[k].lower == "military" || t[k].lower == "forces" || t[k].lower == "army" ||
            t[k].lower == "troops" || t[k].lower == "warplanes" || t[k].lower == "jets" ||
            t[k].lower == "aircraft" || t[k].lower == "helicopters"))
      ++k;
    // "US troops targeted by Kataib Hezbollah": a passive, the US is struck.
    const bool passive = k + 1 < t.size() && t[k + 1].lower == "by";
    if (k < t.size() && !passive &&
        (v.token_in(k, Cue::kAttackVerb) || v.token_in(k, Cue::kLaunch)))
      return true;
  }
  return false;
}

// "X, which is linked to al-Qaeda, frequently targets the airport", "X has carried out many
// similar attacks", "jihadists who have claimed most previous attacks": the actor, not the object
// of a fight ("the coalition against the Islamic State"), before a verb of claiming or attacking
// in a sentence about a run of attacks.
// `claims_only`: only as the subject of a claim ("have claimed most previous attacks"), not of a
// verb of attacking, which a party to an exchange of fire is too ("Hezbollah and the Israeli army
// exchange fire almost daily").
bool habitual_author(const SentenceView& v, const Hit& a, bool claims_only = false) {
  const auto& t = v.tokens;
  for (std::size_t k = a.first >= 3 ? a.first - 3 : 0; k < a.first; ++k)
    if (t[k].lower == "against" || t[k].lower == "fighting" || t[k].lower == "fight" ||
        t[k].lower == "on" || t[k].lower == "war")
      return false;
  const bool run = std::any_of(t.begin(), t.end(), [&](const text::Token& w) {
    return v.word_in(lexicon::WordList::kSeriesQuantifiers, w.lower) ||
           v.word_in(lexicon::WordList::kHabitualWords, w.lower);
  });
  if (!run) return false;
  // The group as what is hit: "raid Islamic State hideouts", "killed Islamic State leaders".
  if (a.last + 1 < t.size() && v.word_in(lexicon::WordList::kGroupPartNouns, t[a.last + 1].lower))
    return false;
  // Another actor before the verb is its subject ("Unlike X, the group Y has claimed dozens of
  // attacks"), unless a relative clause describes the first ("X, which is linked to Y, often
  // targets the airport").
  std::vector<bool> actor_at(t.size(), false);
  for (const Hit& h : v.hits)
    if (h.kind == Kind::kActor) actor_at[h.first] = true;
  // Attacks on another party ("claimed many attacks on Syrian army checkpoints") are not like ours.
  auto other_party_after = [&](std::size_t verb) {
    for (std::size_t m = verb + 1; m < t.size() && m <= verb + 6; ++m)
      if (actor_at[m]) return true;
    return false;
  };
  bool relative = false;
  for (std::size_t k = a.last + 1; k < t.size() && k <= a.last + 14; ++k) {
    relative |= t[k].lower == "which" || t[k].lower == "who";
    if (actor_at[k] && !relative) return false;
    if (v.token_in(k, Cue::kClaim) ||
        (!claims_only && (v.token_in(k, Cue::kAttackVerb) || v.token_in(k, Cue::kLaunch))))
      return !other_party_after(k);
    // "have claimed most previous attacks", "have claimed most of the roughly 170 attacks": a
    // claim of attacks with no trigger of its own.
    if (t[k].lower == "claimed" || t[k].lower == "claim" || t[k].lower == "claims")
      for (std::size_t j = k + 1; j < t.size() && j <= k + 6; ++j)
        if (v.token_in(j, Cue::kAttackNoun)) return !other_party_after(j);
  }
  return false;
}

// The actor is the agent of an attack word: "a drone strike by Kataib Hezbollah", "rockets
// fired by the militia", "launched by Iran-backed groups", "an ambush by a lone ISIS gunman".
// Strikes on something other than a watched target ("strikes by Israel against positions of
// Hezbollah", "operations launched by Turkish forces against the SDF") name no attacker of ours.
bool agent_of_attack(const SentenceView& v, const Hit& a) {
  const auto& t = v.tokens;
  std::size_t by = a.first;
  for (std::size_t skipped = 0; by >= 1 && skipped < 5; ++skipped) {
    const auto& w = t[by - 1].lower;
    // "launched by the Islamic Republic of Iran", "by militants of the terrorist group Hayat
    // Tahrir al-Sham" (a kind of group named before its name: actor_descriptors).
    // Across an opening quotation mark: 'fired by "an armed faction close to Tehran"'.
    if (w != "a" && w != "an" && w != "the" && w != "lone" && w != "suspected" && w != "alleged" &&
        w != "likely" && w != "possibly" && w != "probably" && w != "presumably" &&
        !is_quote_mark(w) && !v.word_in(lexicon::WordList::kActorDescriptors, w))
      break;
    --by;
  }
  // "launched by militants of the Jabhat al-Nusra terrorist group": the group's fighters are
  // the group ("by Jabhat al-Nusra militants" reads so already).
  // So are "armed groups", "illegal armed groups" of it: a run of attacker heads and group words
  // between "by" and "of".
  if (by >= 3 && t[by - 1].lower == "of") {
    bool head = false;
    std::size_t k = by - 1;
    while (k >= 2 && by - 1 - k < 4) {
      const auto& w = t[k - 1].lower;
      const bool attacker = v.word_in(lexicon::WordList::kAttackerHeads, w) || w == "groups";
      if (!attacker && !v.word_in(lexicon::WordList::kActorDescriptors, w) && w != "illegal") break;
      head = head || attacker;
      --k;
    }
    if (head && k >= 2 && t[k - 1].lower == "by") by = k;
  }
  // "artillery fire of the Syrian army", the gloss of "tiros de artilharia do governo Assad":
  // the weapon's owner fired it (what it was fired on is checked below, as for "by").
  std::size_t of = by;
  if (of >= 1 && t[of - 1].lower == "the") --of;
  const bool owner = of >= 2 && t[of - 1].lower == "of" && v.token_is_weapon(of - 2);
  // "attacks by X"; "attacks from likely Iran-backed groups" says the same.
  // "the embassy was damaged in a Russian strike", "during a Russian strike" (the gloss of "lors
  // d'une frappe russe"): an actor named by its attack ("Russian strike") is the agent of the
  // harm the sentence tells before it.
  // (The gloss puts the noun first: "attack Israeli".)
  const bool names_its_attack = v.token_in(a.last, Cue::kAttackNoun) || v.token_is_weapon(a.last) ||
                                v.token_in(a.first, Cue::kAttackNoun);
  if (const std::size_t in = by >= 1 && t[by - 1].lower == "the" ? by - 1 : by;
      names_its_attack && in >= 2 &&
      (t[in - 1].lower == "in" || t[in - 1].lower == "during" || t[in - 1].lower == "amid") &&
      (v.token_in(in - 2, Cue::kDamageMinor) || v.token_in(in - 2, Cue::kDamageSignificant) ||
       v.token_in(in - 2, Cue::kImpact) || v.token_in(in - 2, Cue::kAttackVerb)))
    return true;
  // "condemns the Israeli attack on the UNIFIL headquarters": an actor named by its attack, that
  // attack aimed at a watched target.
  // (Across a closing quote: 'condemns the "Israeli attack" on ...'.)
  std::size_t on = a.last + 1;
  while (on < t.size() && !t[on].word && t[on].lower != "," && t[on].lower != ".") ++on;
  if (names_its_attack && on + 1 < t.size() && (t[on].lower == "on" || t[on].lower == "against"))
    for (std::size_t m = on + 1; m < t.size() && m <= on + 4; ++m)
      if (v.token_in(m, Cue::kTargetMilitary) || v.token_in(m, Cue::kTargetDiplomatic) ||
          std::any_of(v.hits.begin(), v.hits.end(),
                      [&](const Hit& h) { return h.kind == Kind::kFacility && h.first == m; }))
        return true;
  if (!owner && (by < 2 || (t[by - 1].lower != "by" && t[by - 1].lower != "from"))) return false;
  std::size_t k = owner ? of - 2 : by - 2;
  // The verb's agent after the place or time it was fired from: "were launched from an
  // agricultural area near the town by an armed faction", "fired from Zummar on Sunday by PKK
  // militants". Back over that phrase, within the clause, to a verb of firing followed by its
  // preposition.
  // Not the "by" of another participle: "launched from an area controlled by the SDF".
  const auto& before_by = t[k].lower;
  const bool participle_before_by = before_by.ends_with("ed") || before_by == "held" ||
                                    before_by == "run" || before_by == "overrun";
  if (!owner && t[by - 1].lower == "by" && !participle_before_by && !v.token_in(k, Cue::kLaunch) &&
      !v.token_in(k, Cue::kAttackVerb))
    for (std::size_t j = k; j >= 1 && k - j < 16; --j) {
      if (!t[j].word || v.token_in_kind(j, Kind::kActor) || v.token_in(j, Cue::kIntercept) ||
          v.token_in(j, Cue::kImpact) || v.token_in(j, Cue::kReportVerb))
        break;
      static constexpr std::array kPlacePrepositions = {"from",   "near",    "in", "at",
                                                        "toward", "towards", "on", "outside"};
      const bool place_follows =
          std::ranges::find(kPlacePrepositions, t[j].lower) != kPlacePrepositions.end();
      if (place_follows && v.token_in(j - 1, Cue::kLaunch)) {
        k = j - 1;
        break;
      }
    }
  // "launched from Iran" names a place (read apart, with its negation); "from" names an agent
  // only after an attack noun.
  if (!owner && t[by - 1].lower == "from" && !v.token_in(k, Cue::kAttackNoun)) return false;
  // "no comment on the attack from Iran", "condemnation of the attack from Israel": "from"
  // belongs to the noun before the attack.
  if (!owner && t[by - 1].lower == "from") {
    std::size_t before = k;
    while (before >= 1 && v.token_in(before - 1, Cue::kAttackNoun)) --before;
    if (before >= 1 && t[before - 1].lower == "the") --before;
    if (before >= 1 &&
        (t[before - 1].lower == "on" || t[before - 1].lower == "of" || t[before - 1].lower == "to"))
      return false;
  }
  // "the embassy was damaged by a Russian strike": the damage's agent too.
  // "the explosions were caused by Israeli fire": an actor named by its attack is the cause.
  const bool caused_by_its_attack = (names_its_attack || v.token_in(a.last, Cue::kLaunch)) &&
                                    !owner && t[k].lower == "caused" && !negated_in_clause(v, k);
  const bool attack = v.token_in(k, Cue::kLaunch) || v.token_in(k, Cue::kAttackVerb) ||
                      v.token_in(k, Cue::kAttackNoun) || v.token_is_weapon(k) ||
                      v.token_in(k, Cue::kDamageMinor) || v.token_in(k, Cue::kDamageSignificant) ||
                      caused_by_its_attack;
  if (!attack || v.token_in(k, Cue::kClaim)) return false;
  for (std::size_t j = a.last + 1; j < t.size() && j <= a.last + 3; ++j) {
    if (t[j].lower != "on" && t[j].lower != "against") continue;
    // What was struck: a watched target keeps the agent; a group or its positions ("on sites of
    // the PKK", "against the SDF") does not; anything else ("on Monday") says nothing.
    for (std::size_t m = j + 1; m < t.size() && m <= j + 6; ++m) {
      const auto starts = [&](Kind kind) {
        return std::any_of(v.hits.begin(), v.hits.end(),
                           [&](const Hit& h) { return h.kind == kind && h.first == m; });
      };
      if (v.token_in(m, Cue::kTargetMilitary) || v.token_in(m, Cue::kTargetDiplomatic) ||
          starts(Kind::kFacility))
        return true;
      const auto& w = t[m].lower;
      if (starts(Kind::kActor) || w == "positions" || w == "sites" || w == "targets" ||
          w == "strongholds" || w == "hideouts" || w == "areas" || w == "regions" ||
          w == "villages" || w == "towns" || w == "cities")
        return false;
    }
    return true;
  }
  return true;
}

// "following Hamas' October 7 attack on Israel", "an attack by Hamas inside Israel": the group
// is the author of another attack, on a country the sentence names, not of attacks like ours.
bool agent_of_an_attack_on_a_country(const SentenceView& v, const Hit& a) {
  const auto& t = v.tokens;
  auto on_a_country = [&](std::size_t k) {  // "on Israel", "inside Israel", "into Israel"
    if (k >= t.size()) return false;
    const auto& w = t[k].lower;
    // Not "in": "the militias' rocket attack in Syria" names where our site stands.
    if (w != "on" && w != "against" && w != "into" && w != "inside") return false;
    // Our own targets are no other country's: "attacks on US forces", "on the US embassy".
    for (std::size_t m = k + 1; m < t.size() && m <= k + 4; ++m)
      if (v.token_in(m, Cue::kTargetMilitary) || v.token_in(m, Cue::kTargetDiplomatic) ||
          std::any_of(v.hits.begin(), v.hits.end(),
                      [&](const Hit& h) { return h.kind == Kind::kFacility && h.first == m; }))
        return false;
    // The country itself, not as an owner ("on Israel", not "against US interests").
    return std::any_of(v.hits.begin(), v.hits.end(), [&](const Hit& h) {
      const bool owner = h.last + 1 < t.size() && t[h.last + 1].word &&
                         !t[h.last + 1].capitalized && t[h.last + 1].lower != "and" &&
                         t[h.last + 1].lower != "on" && t[h.last + 1].lower != "in";
      return (h.kind == Kind::kCountry || h.kind == Kind::kActor) && h.first > k &&
             h.first <= k + 2 && !owner;
    });
  };
  // The group's own attack after it: "Hamas' October 7 attack on Israel".
  for (std::size_t k = a.last + 1; k < t.size() && k <= a.last + 4; ++k)
    if (v.token_in(k, Cue::kAttackNoun)) {
      std::size_t after = k + 1;
      while (after < t.size() && v.token_in(after, Cue::kAttackNoun)) ++after;
      return on_a_country(after);
    }
  // "an attack by Hamas inside Israel".
  return a.first >= 2 && t[a.first - 1].lower == "by" &&
         v.token_in(a.first - 2, Cue::kAttackNoun) && on_a_country(a.last + 1);
}

// "the Israel-Hamas war", "the truce between Hamas and Israel", "clashes between Hezbollah and
// Israeli forces": the group is a side of another war the sentence names, not the author of
// attacks like ours.
bool party_to_a_war(const SentenceView& v, const Hit& a) {
  const auto& t = v.tokens;
  // "exchanges of fire between Hezbollah and the Israeli army" too (not a war noun elsewhere:
  // "exchanges of fire between the attackers and the guards left two dead" is this attack's).
  auto war_noun = [&](std::size_t k) {
    return k < t.size() &&
           (v.word_in(lexicon::WordList::kWarNouns, t[k].lower) || t[k].lower == "exchanges");
  };
  // Our own war is no other war: "confrontations between Iran-backed militias and US forces",
  // "a truce between Kataib Hezbollah and US forces", "the US-Iran conflict"; "clashes between
  // Hezbollah and Israeli forces" is another.
  // A hyphened pair ("US-Iran", "Iran-US") is ours when either part is.
  auto ours = [&](std::size_t k) {
    if (v.token_in(k, Cue::kUsAgent)) return true;
    std::string_view w = t[k].lower;
    for (std::size_t from = 0; from <= w.size();) {
      const std::size_t dash = std::min(w.find('-', from), w.size());
      const auto part = w.substr(from, dash - from);
      if (v.word_in(lexicon::WordList::kUsAgents, part) ||
          v.word_in(lexicon::WordList::kOurSides, part))
        return true;
      from = dash + 1;
    }
    return false;
  };
  // Joined to the other side by a hyphen inside one token, the war noun right after it.
  if (a.first == a.last && t[a.first].lower.find('-') != std::string::npos && war_noun(a.last + 1))
    return !ours(a.first);
  // "between X and Y" with a war noun just before "between"; only names, articles and "and"
  // between "between" and the group.
  for (std::size_t k = a.first; k > 0 && k + 8 > a.first; --k) {
    const auto& w = t[k - 1].lower;
    if (w == "between") {
      bool war = false;
      for (std::size_t j = k - 1; j > 0 && j + 4 > k - 1; --j) war = war || war_noun(j - 1);
      // Both sides, up to the clause's end: neither may be ours.
      for (std::size_t j = k; war && j < t.size() && j <= a.last + 6 && t[j].lower != ","; ++j)
        if (ours(j)) return false;
      return war;
    }
    const bool named = std::any_of(v.hits.begin(), v.hits.end(), [&](const Hit& h) {
      return (h.kind == Kind::kActor || h.kind == Kind::kCountry) && h.first <= k - 1 &&
             k - 1 <= h.last;
    });
    if (!t[k - 1].word || (w != "and" && w != "the" && !named)) return false;
  }
  return false;
}

// "The attack came two days after nine civilians were killed in artillery fire that Baghdad
// blamed on Turkey", "comes a week after ... killed in an attack blamed on Israel": where the
// sentence ties this attack to an earlier event by a span of time ("two days after", "a week
// after"), the token after which that event is told. "came under fire shortly after midnight"
// and "took place after evening prayers" tie it to no event.
std::optional<std::size_t> earlier_event_start(const SentenceView& v) {
  const auto& t = v.tokens;
  for (std::size_t k = 2; k < t.size(); ++k) {
    if (t[k].lower != "after" && t[k].lower != "following") continue;
    const auto& unit = t[k - 1].lower;
    if (!v.word_in(lexicon::WordList::kTimeSpans, unit)) continue;
    for (std::size_t j = k >= 6 ? k - 6 : 0; j + 1 < k; ++j) {
      const auto& w = t[j].lower;
      const bool came = (w == "comes" || w == "came" || w == "come") && t[j + 1].lower != "under";
      if (came || w == "happened" || w == "occurred" || w == "took" || w == "takes") return k;
    }
  }
  return std::nullopt;
}

// Whether the clause holding `h` tells a protest and no attack (an attack word, a launch, a
// weapon, a blame or a claim): clauses part at ";" and at a comma before "and", "but" or "while"
// ("..., and Iraqi factions loyal to Iran had then organised protests").
bool protest_in_clause_of(const SentenceView& v, const Hit& h) {
  const auto& t = v.tokens;
  auto boundary = [&](std::size_t k) {  // token k opens a new clause
    return t[k].lower == ";" ||
           (k + 1 < t.size() && t[k].lower == "," &&
            (t[k + 1].lower == "and" || t[k + 1].lower == "but" || t[k + 1].lower == "while"));
  };
  std::size_t from = h.first, to = h.last + 1;
  while (from > 0 && !boundary(from - 1)) --from;
  while (to < t.size() && !boundary(to)) ++to;
  bool protest = false;
  for (std::size_t k = from; k < to; ++k) {
    if (v.token_in(k, Cue::kAttackVerb) || v.token_in(k, Cue::kLaunch) ||
        v.token_in(k, Cue::kAttackNoun) || v.token_in(k, Cue::kSuspect) ||
        v.token_in(k, Cue::kClaim) || v.token_is_weapon(k))
      return false;
    protest = protest || v.word_in(lexicon::WordList::kProtestWords, t[k].lower);
  }
  return protest;
}

// Whether the "from" at token `from` tells where a launch came from ("missiles had been launched
// at the city from Iran"), the launch verb within the seven words before it and not denied ("had
// not been launched from Iran but from ...").
bool fired_from(const SentenceView& v, std::size_t from) {
  for (std::size_t k = from; k > 0 && k + 7 > from; --k) {
    if (!v.tokens[k - 1].word) return false;
    if (!v.token_in(k - 1, Cue::kLaunch)) continue;
    for (std::size_t j = k - 1; j > 0 && j + 4 > k - 1; --j)
      if (v.token_in(j - 1, Cue::kNegation)) return false;
    return true;
  }
  return false;
}
}  // namespace

Actors read_actors(const Annotated& article, const lexicon::Lexicon& lexicon, const Event& event) {
  std::set<std::string> suspected, claimed, denied;
  std::map<std::string, const SentenceView*> claim_sentence;  // where each claimant first claims
  std::map<std::string, std::string> basis;
  std::map<std::string, const SentenceView*> where;
  std::map<std::string, const SentenceView*> series_claimants;  // "claimed most of the attacks"
  std::map<std::string, const SentenceView*> suspect_sentence;  // where each suspect is first named
  auto suspect = [&](const std::string& name, bool pattern, const SentenceView& v) {
    suspected.insert(name);
    auto& b = basis[name];
    if (b != "explicit") b = pattern ? "pattern" : "explicit";
    where.emplace("suspected", &v);
    suspect_sentence.emplace(name, &v);
  };
  for (std::size_t index = 0; index < article.sentences.size(); ++index) {
    const auto& v = article.sentences[index];
    const Role role = event.roles[index];
    // A blame next to a vow or a "would" ("blamed X ... and vowed the US would respond") is
    // still a blame; strikes BY US forces, drills and plots are not about the attack.
    bool hedged = role == Role::kNotAttack && !v.has(Cue::kUsAgent) && !v.has(Cue::kDrill) &&
                  !v.has(Cue::kFoiled);
    // "Indications pointed to X, which have carried out dozens of attacks since ...", "officials
    // blamed X, which has carried out similar attacks in the past", "pointed the finger at X, the
    // militia that Washington held responsible for a rocket attack on K-1 on December 27": the
    // blame comes before the clause that made the sentence generic or background.
    const Hit* generic = role == Role::kGeneric ? v.first(Cue::kGeneric) : nullptr;
    std::optional<std::size_t> aside;  // the first token of what made the sentence so
    if (generic) aside = generic->first;
    if (role == Role::kBackground) {
      if (const Hit* b = v.first(Cue::kBackground)) aside = b->first;
      for (const auto& d : v.dates)
        if (const std::size_t k = v.token_at(d.span.start); !aside || k < *aside) aside = k;
    }
    bool blame_before_generic = false;
    if (aside)
      for (const Hit* s : v.all(Cue::kSuspect)) {
        if (s->last >= *aside) continue;
        // Only when that part describes the actor in a relative clause; "blamed X for a wave of
        // earlier attacks" is a blame for those attacks.
        // Nor when the blame names its own attack before the clause ("blamed X for a rocket
        // attack that killed a contractor on December 27").
        for (std::size_t k = s->last + 1; k < *aside && k < v.tokens.size(); ++k) {
          if (blame_for_attack_at(v, k)) break;
          if (v.tokens[k].lower == "which" || v.tokens[k].lower == "who" ||
              (v.tokens[k].lower == "that" && k >= 1 && v.tokens[k - 1].word &&
               !v.token_in(k - 1, Cue::kReportVerb))) {
            blame_before_generic = true;
            break;
          }
        }
      }
    // "Washington holds Iran-backed groups responsible and carried out strikes on ...": a blame in
    // its own clause before the US response that made the sentence other news; only the actors
    // before the response are read.
    // Not a blame for an attack it names itself ("holds X responsible for the drone attack that
    // killed three soldiers in Jordan and struck its positions").
    std::optional<std::size_t> response_from;
    if (role == Role::kNotAttack)
      if (const Hit* response = v.first(Cue::kUsAgent);
          response && std::any_of(v.hits.begin(), v.hits.end(), [&](const Hit& a) {
            return a.kind == Kind::kActor && a.last < response->first;
          }))
        for (const Hit* s : v.all(Cue::kSuspect))
          if (s->last < response->first && !blame_names_its_attack(v, *s, response->first))
            response_from = response->first;
    const bool blame_before_response = response_from.has_value();
    std::vector<Hit> admissions = admissions_in(lexicon, event, v);
    // "Iran-backed militias have been blamed for such attacks": who is usually blamed for
    // attacks like this one, told beside it (SCHEMA: suspected with basis "pattern").
    bool pattern_context = !blame_before_generic && v.has(Cue::kSuspect) &&
                           (role == Role::kGeneric ||
                            (role == Role::kBackground && v.dates.empty() && !v.has(Cue::kCause)));
    // "Armed factions close to Iran already claimed similar attacks on the base in the past": a
    // claim of attacks like this one, told as history, names who is usually blamed (read below
    // as a series claim only).
    bool series_claim = false;
    if ((role == Role::kBackground || role == Role::kGeneric) && v.has(Cue::kClaim))
      // (Also before the claim: "similar attacks ..., of which some were claimed by X".)
      for (std::size_t k = 0; k < v.tokens.size(); ++k)
        series_claim = series_claim || similar_attacks_at(v, k);
    bool usable = role == Role::kMain || hedged || blame_before_generic || pattern_context ||
                  blame_before_response || series_claim ||
                  (role == Role::kBackground && v.has(Cue::kCause) &&
                   (v.has(Cue::kClaim) || !admissions.empty())) ||
                  (v.sentence.heading && role != Role::kGeneric && role != Role::kBackground);
    if (!usable) continue;
    auto actors = v.all(Kind::kActor);
    // "carried out by the Iran-affiliated Kataib Hezbollah": the modifier is no actor.
    std::erase_if(actors, [&](const Hit* a) {
      return compound_modifier(v, *a) || (response_from && a->first >= *response_from);
    });
    // "had been fired from the Israeli side (of the border)": the state whose side it came
    // from, as "launched from Iran" names Iran.
    if (role == Role::kMain && refers_to_main(article, event, v))
      for (const Hit* c : v.all(Kind::kCountry)) {
        const auto& t = v.tokens;
        if (c->first < 2 || c->last + 1 >= t.size() || t[c->last + 1].lower != "side" ||
            t[c->first - 1].lower != "the" || t[c->first - 2].lower != "from")
          continue;
        const lexicon::Actor* state = lexicon.actor_named(lexicon.country(c->entry).name);
        if (!state || state->kind != "state") continue;
        if (fired_from(v, c->first - 2)) suspect(state->name, false, v);
      }
    if (actors.empty()) continue;
    for (const Hit* a : actors) {
      const auto& actor = lexicon.actor(a->entry);
      // A short name ("the Islamic Resistance") is the group it stands for where the attack was,
      // or no one there.
      const std::string name = actor.named_in(event.place.country);
      if (name.empty()) continue;
      if (actor.kind == "state" && actor.name == "United States") continue;
      // "the Revolutionary Guard of Iran": the state after "of" owns the group named before it;
      // the group, not the state, is who claimed or is blamed.
      if (actor.kind == "state" && a->first >= 2 && v.tokens[a->first - 1].lower == "of" &&
          std::any_of(actors.begin(), actors.end(),
                      [&](const Hit* group) { return group->last + 2 == a->first; }))
        continue;
      // A group's spokesperson speaking is not a suspicion ("a spokesman for the Taliban said");
      // one who speaks of the group is ("a ministry spokesman said the Taliban were behind").
      bool speaker = false;
      for (std::size_t k = a->first >= 3 ? a->first - 3 : 0; k < a->first; ++k) {
        if (v.token_in(k, Cue::kSpeaker)) speaker = true;
        if (speaker && v.token_in(k, Cue::kReportVerb)) speaker = false;
      }
      // Denials, read for a group's spokesperson too ("a spokesman for Kataib Hezbollah, one of
      // the militias closest to Tehran, denied any involvement").
      auto read_denial = [&] {
        // The denier is the clause's subject, across an apposition set off by commas ("Kataib
        // Hezbollah, one of the most powerful pro-Iran factions in Iraq, denied any involvement"),
        // not the description inside it.
        const auto& t = v.tokens;
        // (Past a name's gloss in brackets: "the Hezbollah Brigades (Kataib Hezbollah), one of".)
        auto opens_apposition = [&](const Hit* x, const Hit* d) {
          std::size_t comma = x->last + 1;
          if (comma < t.size() && t[comma].lower == "(") {
            while (comma < t.size() && comma <= x->last + 8 && t[comma].lower != ")") ++comma;
            if (comma >= t.size() || t[comma].lower != ")") return false;
            ++comma;
          }
          return comma < t.size() && t[comma].lower == "," && d->first >= 1 &&
                 t[d->first - 1].lower == "," && x->last < d->first && d->first - x->last <= 24;
        };
        auto described = [&](const Hit* d) {
          return std::any_of(actors.begin(), actors.end(), [&](const Hit* other) {
            return other != a && other->last < a->first && opens_apposition(other, d);
          });
        };
        // "X, which denies involvement in most cases": a denial of a run of attacks, not of this
        // one (as a claim of "most of the attacks" is no claim of it).
        auto denies_a_series = [&](const Hit* d) {
          bool quantified = false;
          for (std::size_t k = d->last + 1; k < t.size() && k <= d->last + 7; ++k) {
            const auto& w = t[k].lower;
            if (w == "," || w == ";") break;
            // "in this and previous attacks", "Monday's and earlier strikes" deny this one too.
            if (w == "this" || w.ends_with("'s")) return false;
            if (quantified && (w == "cases" || w == "attacks" || w == "incidents" ||
                               w == "strikes" || w == "operations"))
              return true;
            quantified =
                quantified || w == "majority" || w == "most" || w == "many" || w == "numerous";
          }
          return false;
        };
        // "..., which Tehran denies": the relative clause's own subject denies what the clause
        // before it said. The glosses keep the Arabic order, verb before subject ("وهو ما تنفيه
        // طهران": "what denies Tehran"): then the actor right after the verb.
        auto relative_between = [&](std::size_t from, std::size_t to) {
          for (std::size_t k = from; k < to && k < t.size(); ++k)
            if (t[k].lower == "which" || t[k].lower == "what" || t[k].lower == "whom") return true;
          return false;
        };
        auto nearer_subject = [&](const Hit* d) {
          return std::any_of(actors.begin(), actors.end(), [&](const Hit* other) {
            if (other == a) return false;
            if (other->first > a->last && other->last < d->first)
              return relative_between(a->last + 1, other->first);
            return v.glossed && other->first == d->last + 1 &&
                   relative_between(a->last + 1, d->first);
          });
        };
        for (const Hit* d : v.all(Cue::kDeny)) {
          const bool before = a->last < d->first && !described(d) && !denies_a_series(d) &&
                              (d->first - a->last <= 6 || opens_apposition(a, d)) &&
                              !nearer_subject(d);
          if (before) {
            denied.insert(name);
            where.emplace("denied_by", &v);
          }
        }
      };
      // Only where the sentence may tell this attack's suspects (the claims below are read in
      // more).
      const bool tells_main = role == Role::kMain || v.sentence.heading || hedged ||
                              blame_before_generic || pattern_context || blame_before_response;
      // Claims: "X claimed responsibility", "claimed by X"; not "claimed other attacks". An
      // admission ("X said its fighters had attacked the base") is a claim too.
      auto claims = v.all(Cue::kClaim);
      for (const Hit& admission : admissions) claims.push_back(&admission);
      // In a sentence about attacks like this one only a claim of that run is read ("..., of
      // which some drew a claim by X, while Ankara accuses Y").
      for (const Hit* c : claims) {
        // "said they carried out no attack": a denial read over the claim's words.
        if (std::any_of(v.hits.begin(), v.hits.end(), [&](const Hit& d) {
              return d.cue == Cue::kDeny && d.first <= c->last && d.last >= c->first;
            }))
          continue;
        // A claim in apposition belongs to the noun right before its comma: "The attack, claimed
        // by X," claims this attack; "since the January strike on Tower 22, claimed by X" claims
        // another one.
        // So does one right after a singular noun: "in an attack claimed by the Revolutionary
        // Guard"; not "a week after a drone attack claimed by X killed three US troops" (another
        // attack) nor "a string of attacks claimed by X".
        // Across an adverb: "in an attack later claimed by Islamic State".
        auto this_attack_before = [&]() {
          if (c->first < 1) return false;
          std::size_t noun = c->first - 1;
          if (noun >= 1 && v.tokens[noun].lower != "not" &&
              v.word_in(lexicon::WordList::kAdverbs, v.tokens[noun].lower))
            --noun;
          if (!v.token_in(noun, Cue::kAttackNoun) || v.tokens[noun].lower.ends_with("s"))
            return false;
          for (std::size_t k = noun >= 7 ? noun - 7 : 0; k < noun; ++k) {
            const auto& w = v.tokens[k].lower;
            if (w == "after" || w == "since" || w == "following" || w == "before") return false;
          }
          return true;
        };
        if (c->last == c->first + 1 && v.tokens[c->last].lower == "by" &&
            v.tokens[c->first].lower == "claimed" &&
            !(c->first >= 2 && v.tokens[c->first - 1].lower == "," &&
              v.token_in(c->first - 2, Cue::kAttackNoun)) &&
            !this_attack_before())
          continue;
        // "claiming the attack was staged by the Americans": an assertion about the attack, not a
        // claim of it.
        if (c->last + 1 < v.tokens.size()) {
          const auto& object = v.tokens[c->last].lower;
          const auto& next = v.tokens[c->last + 1].lower;
          if ((object == "attack" || object == "strike" || object == "attacks" ||
               object == "strikes") &&
              (next == "was" || next == "is" || next == "had" || next == "has" || next == "were" ||
               next == "would"))
            continue;
        }
        // The claimant is the clause's subject: the first actor before the claim, across an
        // apposition ("The Islamic Resistance in Iraq, an umbrella of Iran-backed factions,
        // claimed ...").
        // Farther across an apposition set off by commas ("The Islamic Resistance in Iraq, a
        // loose network of armed groups that emerged in recent weeks, claimed ...").
        std::size_t after_name = a->last + 1;
        while (after_name < c->first && is_quote_mark(v.tokens[after_name].lower)) ++after_name;
        // The apposition may close a few words before the claim: "..., said in a late-night
        // statement that it had targeted ...".
        std::size_t closing = c->first;
        while (closing > after_name + 1 && c->first - closing < 8 &&
               v.tokens[closing - 1].lower != ",")
          --closing;
        // ... and what follows that comma is the name's own verb of speech ("said", "announced"),
        // not a clause of its own ("..., stayed silent, but a group with ties to it claimed").
        const bool apposed = after_name + 1 < c->first && v.tokens[after_name].lower == "," &&
                             closing > after_name + 1 && v.tokens[closing - 1].lower == "," &&
                             (closing == c->first || v.token_in(closing, Cue::kReportVerb)) &&
                             c->first - a->last <= 30;
        bool subject = a->last < c->first && (c->first - a->last <= 14 || apposed);
        // "..., while claimed responsibility for X the bombing": a claim verb right after a
        // clause opener has its subject after it; the actor before belongs to the clause before.
        if (c->first >= 1 && v.tokens[c->first - 1].word &&
            v.word_in(lexicon::WordList::kClauseOpeners, v.tokens[c->first - 1].lower) &&
            v.tokens[c->first - 1].lower != "that" &&
            (c->first == 1 || !v.tokens[c->first - 2].word) &&
            std::any_of(actors.begin(), actors.end(), [&](const Hit* other) {
              return other->first > c->last && other->first <= c->last + 8;
            }))
          subject = false;
        for (const Hit* other : actors) {
          // "Iran's Islamic Revolutionary Guard Corps": the possessor is not the claimant.
          bool possessor = other->last + 1 >= a->first;
          // "A group of Iran-backed militias, called the Islamic Resistance in Iraq, claimed":
          // the name after "called" is the subject the description stood for ("calling itself",
          // "known as" too).
          bool named = false;
          for (std::size_t k = other->last + 1; k < a->first && k <= other->last + 3; ++k)
            named = named || naming_word(v.tokens[k].lower);
          // "pro-Iran militias of the Islamic Resistance in Iraq claimed": the group after "of"
          // is the claimant, the words before describe it.
          named = named || of_group(lexicon, v, *other, *a);
          if (other != a && other->first < a->first && c->first > other->last &&
              c->first - other->last <= 14 && !possessor && !named)
            subject = false;
          if (other != a && other->first > a->last && other->first <= a->last + 1) subject = false;
          if (other != a && of_group(lexicon, v, *a, *other)) subject = false;
        }
        // "claimed by X", "were claimed in a statement by the \"X\"": the agent of a passive claim.
        // Within the clause: "claimed responsibility, in a statement later praised by X" makes
        // no claimant of X.
        bool agent = false;
        if (c->last < a->first && a->first - c->last <= 8) {
          // The claim may end in "by" itself ("The attack, claimed by X, ...").
          agent = v.tokens[c->last].lower == "by";
          for (std::size_t k = c->last + 1; k < a->first; ++k) {
            if (v.tokens[k].lower == ",") {
              agent = false;
              break;
            }
            agent = agent || v.tokens[k].lower == "by";
          }
        }
        // A claim verb that opens its clause, as Arabic news writes it (the gloss of "تبنت
        // المقاومة الإسلامية الهجوم"): "Claimed responsibility for the Islamic Resistance in
        // Iraq, on Friday, the attack": the actor right after it is its subject.
        // The actor may be named further on when the claimant is described first ("Claimed
        // responsibility for an armed faction, calling itself \"X\"", the gloss of "تبنى فصيل
        // مسلح يطلق على نفسه"), or behind its banner ("Claimed responsibility for \"Islamic
        // Resistance - Ahrar al-Iraq brigade\"").
        bool naming_between = false;
        for (std::size_t k = c->last + 1; k < a->first; ++k)
          naming_between = naming_between || naming_word(v.tokens[k].lower);
        const std::size_t reach = naming_between ? 12 : 8;
        if (!subject && !agent && c->last < a->first && a->first - c->last <= reach) {
          const auto& t = v.tokens;
          // "..., while claimed responsibility for the Islamic Resistance ..." (the gloss of
          // "في وقت تبنت"): a clause opener counts as the clause's start.
          const bool opens = opens_clause(v, c->first) ||
                             v.word_in(lexicon::WordList::kClauseOpeners, t[c->first - 1].lower);
          bool between_clear = true;
          for (std::size_t k = c->last + 1; k < a->first; ++k)
            if (!t[k].word && !is_quote_mark(t[k].lower) && !is_dash(t[k].lower) &&
                !(t[k].lower == "," && k + 1 < a->first && naming_word(t[k + 1].lower)))
              between_clear = false;
          for (const Hit* other : actors)
            if (other != a && other->first > c->last && other->first < a->first)
              between_clear = false;
          agent = opens && between_clear;
        }
        if (!subject && !agent) continue;
        bool negated = false;
        std::size_t from = subject ? a->last + 1 : c->first;
        for (std::size_t k = from; k < c->first; ++k)
          if (v.token_in(k, Cue::kNegation)) negated = true;
        for (std::size_t k = c->first >= 2 ? c->first - 2 : 0; k < c->first; ++k)
          if (v.token_in(k, Cue::kNegation)) negated = true;
        // "No Iran-backed group claimed responsibility": the negation stands before the subject.
        if (subject && a->first >= 1 && v.token_in(a->first - 1, Cue::kNegation)) negated = true;
        // "denied Kataib Hezbollah responsibility for the attack" (the gloss of "نفت كتائب حزب
        // الله مسؤوليتها عن"): a denial opens the clause, so the responsibility is denied.
        for (std::size_t k = c->first >= 8 ? c->first - 8 : 0; k < c->first; ++k)
          if (v.token_in(k, Cue::kDeny)) negated = true;
        bool other = role == Role::kOtherEvent;
        // "Most of the attacks have been claimed by X": a share of a series, not this attack.
        bool series = share_of_a_series(v, c->first);
        // "Previous attacks on the camp have been claimed by X", "Most were claimed by X" (the
        // gloss of "La plupart ont été revendiquées par"): a passive claim's subject, a run of
        // attacks, is what X claimed.
        if (agent)
          for (std::size_t k = c->first; k-- > 0 && k + 16 > c->first;) {
            const auto& w = v.tokens[k].lower;
            // "similar attacks in previous months, of which some drew a claim of responsibility
            // by X": the relative's antecedent is the run.
            const bool of_which = w == "," && k + 2 < v.tokens.size() &&
                                  v.tokens[k + 1].lower == "of" && v.tokens[k + 2].lower == "which";
            if ((w == "," && !of_which) || w == ";") break;
            if ((w == "attacks" || w == "strikes") && k >= 1 &&
                v.word_in(lexicon::WordList::kSeriesQuantifiers, v.tokens[k - 1].lower))
              series = true;
            if (similar_attacks_at(v, k)) series = true;
            // The quantifier as the passive's subject: "Most were claimed", not "Earlier today
            // the attack was claimed".
            if (v.word_in(lexicon::WordList::kSeriesQuantifiers, w) &&
                (k == 0 || !v.tokens[k - 1].word) && k + 1 < v.tokens.size() &&
                (v.word_in(lexicon::WordList::kAuxiliaries, v.tokens[k + 1].lower) ||
                 v.tokens[k + 1].lower == "have" || v.tokens[k + 1].lower == "had"))
              series = true;
          }
        // Past the claimant when it comes after the claim, as the gloss of Arabic keeps it:
        // "claimed responsibility for the Islamic Resistance in Iraq two attacks previous".
        const std::size_t object_end = agent && a->first > c->last ? a->last + 5 : c->last + 5;
        // The object's first word: past the claimant when it comes after the claim, and past
        // the quote marks that close its name.
        std::size_t object_start = agent && a->first > c->last ? a->last + 1 : c->last + 1;
        while (object_start < v.tokens.size() && is_quote_mark(v.tokens[object_start].lower))
          ++object_start;
        for (std::size_t k = c->last + 1; k < v.tokens.size() && k <= object_end; ++k) {
          const auto& w = v.tokens[k].lower;
          // Past the claim's own five words only an attack noun's adjective ("two attacks
          // previous"): "claimed by the Islamic Resistance in Iraq earlier on Sunday" is this one.
          const bool after_noun = k >= 1 && (v.token_in(k - 1, Cue::kAttackNoun) ||
                                             v.tokens[k - 1].lower == "attacks" ||
                                             v.tokens[k - 1].lower == "operations");
          if ((w == "other" || w == "separate" || w == "previous" || w == "earlier") &&
              (k <= c->last + 5 || after_noun))
            other = true;
          // "claimed responsibility for most attacks", "for numerous attacks on US forces",
          // "for previous similar attacks": a run of attacks, as a share of them is.
          if ((w == "attacks" || w == "strikes" || w == "operations") &&
              v.word_in(lexicon::WordList::kSeriesQuantifiers, v.tokens[k - 1].lower))
            series = true;
          // "claimed responsibility for the majority of the attacks", "most of them": a share
          // of a series, as before the claim; within the claim's clause ("claimed the attack,
          // which wounded dozens of soldiers" is a claim).
          if (w == "," || w == "which" || w == "saying" || w == "adding" || w == "that" ||
              w == "and" || w == "who")
            break;
          if ((w == "majority" || w == "most" || w == "many" || w == "dozens" || w == "hundreds" ||
               w == "scores") &&
              k + 2 < v.tokens.size() && v.tokens[k + 1].lower == "of") {
            std::size_t noun = k + 2;
            const auto& det = v.tokens[noun].lower;
            if ((det == "the" || det == "these" || det == "those") && noun + 1 < v.tokens.size())
              ++noun;
            const auto& what = v.tokens[noun].lower;
            if (what == "attacks" || what == "strikes" || what == "operations" || what == "them" ||
                what == "incidents" || what == "actions")
              series = true;
          }
          // "claimed responsibility for similar attacks against the base in the past", "have
          // claimed previous attacks": attacks like this one, not this one.
          if (similar_attacks_at(v, k)) series = true;
          // "claimed two drone attacks on US bases", "claimed responsibility for «X» two attacks":
          // a count of attacks, first in the claim's object, is not this attack.
          if ((w == "attacks" || w == "strikes") &&
              (text::parse_number(v.tokens[c->last].lower) ||
               (k > object_start && text::parse_number(v.tokens[object_start].lower))))
            other = true;
        }
        other = other || series ||
                leaves_out_a_place(v, c->last,
                                   event.place.facility
                                       ? std::vector<std::string>{event.place.facility->name}
                                       : std::vector<std::string>{});
        // A claim in a sentence that ends "in response to ..." is still a claim.
        if (role == Role::kBackground) {
          const Hit* cause = v.first(Cue::kCause);
          if (!cause || cause->start < c->end) other = true;
        }
        // (Only the claim's agent: "by X", or the name after a claim verb that opens its clause;
        // a subject guessed before it may be another clause's, "the war between Israel and Hamas,
        // and claimed most of them ...".)
        if (pattern_context && !(series && agent)) continue;
        if (!negated && !other) claimed.insert(name), claim_sentence.emplace(name, &v);
        // A group that claims attacks like this one is who is usually blamed for them.
        else if (!negated && series && role != Role::kOtherEvent)
          series_claimants.emplace(name, &v);
      }
      if (!tells_main) continue;
      // A group's spokesperson claims or denies for it; speaking is no suspicion.
      if (speaker) {
        read_denial();
        continue;
      }
      // A blame told before an aside about the actor's past is a blame for the attack at hand.
      const bool refers =
          pattern_context || blame_before_generic || refers_to_main(article, event, v);
      const auto earlier = earlier_event_start(v);
      for (const Hit* s : v.all(Cue::kSuspect)) {
        if (!pattern_context && generic && s->start >= generic->start) continue;
        if (earlier && s->first > *earlier) continue;  // a blame for the earlier event
        // A blame for a run of attacks ("behind past attacks") points at who is usually blamed.
        bool pattern = pattern_context || blames_many_attacks(v, *s);
        if (!refers && !pattern) continue;
        if (!pattern_context && generic && a->start >= generic->start) continue;
        // "X were behind", "X orchestrated": the blamed comes first; "believed to be members
        // of X", "attributed to X": it comes after.
        bool agent_first = false;
        for (std::size_t k = s->first; k <= s->last; ++k)
          agent_first |= v.word_in(lexicon::WordList::kBlameSubjectWords, v.tokens[k].lower);
        const auto& closing = v.tokens[s->last].lower;
        if (closing == "by" || closing == "of" || closing == "to" || closing == "on")
          agent_first = false;
        // Passive blame names the blamed first: "Iran-backed militias were blamed for ...".
        if (s->first >= 1) {
          const auto& w = v.tokens[s->first - 1].lower;
          if (w == "were" || w == "was" || w == "are" || w == "is" || w == "been" || w == "being" ||
              w == "widely")
            agent_first = true;
        }
        // The object of the blame is the first actor after it, not every actor in the sentence.
        // A denial of the blame sits between the trigger and the actor, or right before the
        // trigger ("did not blame"); "... although no group claimed it" does not undo it.
        bool negated = false;
        for (const Hit* n : v.all(Cue::kNegation)) {
          std::size_t lo = std::min(s->first, a->first), hi = std::max(s->last, a->last);
          if (n->first > lo && n->last < hi) negated = true;
        }
        negated = negated || blame_withheld(v, *s);
        // What a denial denies: "denied in a message to journalists that the group was behind
        // the rocket attack" (the denial is read apart).
        for (const Hit* d : v.all(Cue::kDeny)) {
          if (d->last >= s->first || s->first - d->last > 12) continue;
          // Not across a clause of its own: "Tehran denied any role, but US officials blamed".
          bool apart = false;
          for (std::size_t k = d->last + 1; k < s->first; ++k) {
            const auto& w = v.tokens[k].lower;
            apart = apart || w == "but" || w == ";" || w == "while" || w == "although" ||
                    w == "whereas";
          }
          if (!apart) negated = true;
        }
        bool after = s->last < a->first && a->first - s->last <= 14;
        // "linked the attack to Iran-backed militias": the group right after "to", not "linked
        // the attack to the war in Gaza rather than to any order from Tehran" nor "to Iran's
        // stalled nuclear talks".
        bool close_object = false;
        for (std::size_t k = s->first; k <= s->last; ++k)
          close_object |= v.word_in(lexicon::WordList::kBlameCloseObjectWords, v.tokens[k].lower);
        if (after && close_object &&
            (a->first - s->last > 2 || compound_modifier(v, *a) ||
             (a->last + 1 < v.tokens.size() &&
              (v.tokens[a->last + 1].lower == "'s" || v.tokens[a->last].lower.ends_with("'s")))))
          after = false;
        // Verb, subject, object (the glosses keep the Arabic order): "واتهم الجيش السوداني قوات
        // الدعم السريع" reads "accused Sudanese army Rapid Support Forces". An actor right after
        // the blame with another right after it, nothing between, is the one who blames.
        const Hit* verb_subject = nullptr;
        if (v.glossed)
          for (const Hit* first : actors)
            if (first->first == s->last + 1)
              for (const Hit* second : actors)
                if (second->first == first->last + 1) verb_subject = first;
        if (a == verb_subject) after = false;
        // "the al-Nusra Front, whom Moscow blamed for the attack": the blamed is the relative
        // pronoun's antecedent, the actor right before it; the one after "whom" blames.
        std::optional<std::size_t> whom;
        for (std::size_t k = s->first >= 4 ? s->first - 4 : 0; k < s->first; ++k)
          if (v.tokens[k].lower == "whom") whom = k;
        if (whom) {
          const bool antecedent =
              a->last + 1 == *whom || (a->last + 2 == *whom && v.tokens[a->last + 1].lower == ",");
          if (antecedent && !negated) suspect(name, blames_many_attacks(v, *s), v);
          if (antecedent || (a->first > *whom && a->last < s->first)) continue;
        }
        // Objects joined by "and" or a comma are all blamed ("blames Iran and its allies"), and
        // so are the examples named after a group ("Iran-backed militias such as Kataib
        // Hezbollah", "..., chief among them Kataib Hezbollah").
        auto joined = [&](const Hit& left, const Hit& right) {
          if (left.last >= right.first) return false;
          bool plain = true, example = true;
          for (std::size_t k = left.last + 1; k < right.first; ++k) {
            const auto& w = v.tokens[k].lower;
            if (w == ",") continue;
            // "Kataib Hezbollah and other Iran-backed militias": "other" after the conjunction.
            const bool other = w == "other" && k > left.last + 1 &&
                               (v.tokens[k - 1].lower == "and" || v.tokens[k - 1].lower == "or");
            plain = plain && (w == "and" || w == "or" || other);
            // "militias in Iraq, notably ...": the first group's country stays with it.
            const bool country =
                v.token_in_kind(k, Kind::kCountry) ||
                ((w == "of" || w == "in") && v.token_in_kind(k + 1, Kind::kCountry));
            // "em especial o Kataib Hezbollah" reads "in particular the Kataib Hezbollah".
            // "in particular", not "militias in the PMF" (membership).
            const bool particular =
                w == "in" && k + 1 < right.first &&
                v.word_in(lexicon::WordList::kExampleMarkers, v.tokens[k + 1].lower);
            // "such as", not a bare "as" ("blamed X, as Iran denied any role").
            const bool such_as = w == "as" && k >= 1 && v.tokens[k - 1].lower == "such";
            example = example && (w == "the" || w == "and" || country || particular || such_as ||
                                  v.word_in(lexicon::WordList::kExampleMarkers, w));
          }
          return plain || (example && right.first > left.last + 1);
        };
        // A list's later member is as near as its head: "blames this type of action on the
        // pro-Iran factions of Iraq, in particular Kataib Hezbollah".
        if (!after && s->last < a->first && a->first - s->last <= 24 && a != verb_subject)
          for (const Hit* head : actors)
            if (head != a && head->first > s->last && head->first - s->last <= 14 &&
                joined(*head, *a))
              after = true;
        // "blamed previous rocket and drone attacks on the embassy and on bases hosting US troops
        // on Iran-backed factions": the blame's object, however long, then "on" and the blamed,
        // all in one clause.
        if (!after && s->last < a->first && a->first - s->last <= 28 &&
            v.tokens[s->last].lower.starts_with("blame")) {
          std::size_t on = a->first;
          if (on >= 1 && v.tokens[on - 1].lower == "the") --on;
          bool one_clause = on >= 1 && v.tokens[on - 1].lower == "on";
          for (std::size_t k = s->last + 1; k + 1 < on && one_clause; ++k) {
            const auto& w = v.tokens[k].lower;
            one_clause = w != "," && w != ";" && w != "but" && w != "while" && w != "which" &&
                         w != "that" && w != "who" && !v.token_in_kind(k, Kind::kActor);
          }
          after = one_clause;
        }
        // "blamed by Russia on HTS", "attributed by US officials to Kataib Hezbollah": the
        // passive's agent right after the blame blames; it does not stand between.
        auto passive_agent = [&](const Hit* other) {
          if (!v.word_in(lexicon::WordList::kBlamerAgentVerbs, v.tokens[s->last].lower))
            return false;
          std::size_t k = other->first;
          if (k >= 1 && v.tokens[k - 1].lower == "the") --k;
          // Not the trigger's own "by" ("carried out by X" names the attacker).
          return k >= 1 && v.tokens[k - 1].lower == "by" && k - 1 > s->last && k - 1 <= s->last + 2;
        };
        if (passive_agent(a)) after = false;
        for (const Hit* other : actors) {
          if (other == a || other == verb_subject || other->first <= s->last ||
              other->first >= a->first || passive_agent(other))
            continue;
          // Between the blame and this actor: fine only as the start of a joined list.
          const Hit* next = a;
          for (const Hit* mid : actors)
            if (mid->first > other->last && mid->first < next->first) next = mid;
          if (!joined(*other, *next)) after = false;
        }
        // Agent first: the clause's subject, across an apposition ("Kataib Hezbollah, an Iraqi
        // militia backed by Iran, was believed to be behind the attack").
        bool before = a->last < s->first && s->first - a->last <= 14 && agent_first;
        for (const Hit* other : actors)
          if (other != a && other->first < a->first && other->last + 1 < a->first &&
              s->first > other->last && s->first - other->last <= 14)
            before = false;
        // "said it was behind the attack" is a claim, not a suspicion.
        for (const Hit* c : v.all(Cue::kClaim))
          if (c->first <= s->first && s->last <= c->last + 1) before = after = false;
        // "accused Turkey of violating its sovereignty": blamed for something else.
        if (after && a->last + 2 < v.tokens.size() && v.tokens[a->last + 1].lower == "of") {
          const std::size_t g = a->last + 2;
          const auto& gerund = v.tokens[g].lower;
          // "accused the army of having fired the shell": the perfect's verb is the gerund's.
          const std::size_t act = gerund == "having" && g + 1 < v.tokens.size() ? g + 1 : g;
          if (gerund.ends_with("ing") && !v.token_in(act, Cue::kLaunch) &&
              !v.token_in(act, Cue::kAttackVerb) &&
              !v.word_in(lexicon::WordList::kBlameGerunds, gerund))
            after = false;
        }
        // "blamed Tehran for not having guaranteed the security of the mission", "for failing to
        // protect the embassy": blamed for a failure to protect, not for the attack.
        if (after && a->last + 2 < v.tokens.size() && v.tokens[a->last + 1].lower == "for") {
          const auto& next = v.tokens[a->last + 2].lower;
          if (next == "not" || next == "failing" || next == "failure" || next == "lax" ||
              next == "lapses")
            after = false;
        }
        if ((after || before) && !negated) suspect(name, pattern, v);
      }
      // "Russia's massive overnight attack on the capital damaged the embassy": the attack's
      // owner, across two modifiers, is its author.
      const std::string_view after_actor = v.text.substr(a->end);
      if (role == Role::kMain && refers_to_main(article, event, v) && !claimed.count(name) &&
          (after_actor.starts_with("'s ") || after_actor.starts_with("\u2019s ")))
        for (std::size_t k = a->last + 1; k < v.tokens.size() && k <= a->last + 4; ++k) {
          if (v.tokens[k].lower == "'s" || v.tokens[k].lower == "\u2019s") continue;
          // "Russia's embassy attack in Kabul": the owner of the site hit, not the author.
          if (!v.tokens[k].word || v.token_in(k, Cue::kTargetDiplomatic) ||
              v.token_in(k, Cue::kTargetMilitary) || v.token_in_kind(k, Kind::kFacility))
            break;
          if (v.token_in(k, Cue::kAttackNoun) && !v.token_in(k, Cue::kGeneric)) {
            suspect(name, false, v);
            break;
          }
        }
      // The outlet or an official names the attacker as the subject of the attack: "Iran-backed
      // militants fired multiple ballistic missiles at the base".
      if (role == Role::kMain && refers_to_main(article, event, v) && !claimed.count(name)) {
        bool admitted = std::any_of(admissions.begin(), admissions.end(),
                                    [&](const Hit& h) { return h.first > a->last; });
        // "Kataib Hezbollah fighters fired", "ISIS militants attacked": one head noun may sit
        // between the actor and its verb.
        for (std::size_t k = a->last + 1; k < v.tokens.size() && k <= a->last + 3 && !admitted;
             ++k) {
          if (v.token_in(k, Cue::kLaunch) || v.token_in(k, Cue::kAttackVerb)) {
            // "Daesh was attacked by a Turkish drone": the subject of a passive attack verb is
            // the target ("Turkish drones were launched at the base" still fired them).
            const auto& aux = v.tokens[k].lower;
            const bool passive_aux = aux == "was" || aux == "were" || aux == "is" || aux == "are" ||
                                     aux == "been" || aux == "being";
            if (passive_aux && k + 1 < v.tokens.size()) {
              const auto& done = v.tokens[k + 1].lower;
              if (done == "attacked" || done == "targeted" || done == "struck" || done == "hit" ||
                  done == "bombed" || done == "shelled")
                break;
            }
            bool negated = k >= 1 && v.token_in(k - 1, Cue::kNegation);
            // "Russia and Turkey launched the patrols": a launch verb makes an attacker only
            // of what fires or aims something ("fired rockets", "launched drones at").
            if (!v.token_in(k, Cue::kAttackVerb) && !launches_a_weapon(v, k)) break;
            if (!negated) suspect(name, false, v);
            break;
          }
          const auto& w = v.tokens[k].lower;
          // "a Russian attack drone hit the courtyard": the weapon between the actor named by its
          // attack ("Russian attack") and the verb.
          if (v.token_is_weapon(k) && v.token_in(a->last, Cue::kAttackNoun)) continue;
          // "Five PKK terrorists who opened harassment fire on the base": the relative's verb.
          if (w != "had" && w != "have" && w != "has" && w != "reportedly" && w != "allegedly" &&
              w != "who" && !(k == a->last + 1 && v.word_in(lexicon::WordList::kAttackerHeads, w)))
            break;
        }
        // The agent of the attack: "a drone strike by Kataib Hezbollah", "rockets fired by the
        // militia", "launched by Iran-backed groups", "an ambush by a lone ISIS gunman".
        if (!admitted && agent_of_attack(v, *a)) suspect(name, false, v);
        // Verb first, as the gloss keeps Arabic: "Targeted Syrian regime forces with rockets a
        // Turkish post" ("استهدفت قوات النظام بقذائف ... نقطة تركية"): right after the verb and
        // before "with" and the weapon comes who fired; what was hit follows the weapon.
        // The object and the time may stand between the subject and its instrument:
        // "targeted Rapid Support Forces [the rebel] Tuesday afternoon the embassy compound ...
        // with a number of mortar shells" ("استهدفت مليشيا الدعم السريع ... بعدد من قذائف الهاون").
        if (!admitted && v.glossed && a->first >= 1 && a->last + 2 < v.tokens.size() &&
            (v.token_in(a->first - 1, Cue::kAttackVerb) ||
             v.token_in(a->first - 1, Cue::kLaunch))) {
          bool fired = false;
          for (std::size_t k = a->last + 1; k + 1 < v.tokens.size() && k <= a->last + 30 && !fired;
               ++k) {
            if (v.tokens[k].lower != "with") continue;
            for (std::size_t j = k + 1; j < v.tokens.size() && j <= k + 5 && !fired; ++j)
              fired = v.token_is_weapon(j);
          }
          if (fired) suspect(name, false, v);
        }
        // Whoever holds the ground it was fired from: "the drones were launched from an area
        // controlled by Jabhat al-Nusra", "fired from areas held by HTS". A group's ground, not
        // a state's nor a partner force's: "from government-held areas", "from an area controlled
        // by the Syrian Democratic Forces" place the launch and blame no one.
        if (!admitted && actor.kind != "state" && actor.kind != "partner" && a->first >= 3) {
          std::size_t by = a->first - 1;
          if (v.tokens[by].lower == "the") --by;
          const auto& held = v.tokens[by - 1].lower;
          if (v.tokens[by].lower == "by" &&
              (held == "controlled" || held == "held" || held == "run" || held == "occupied")) {
            // Across the area's description: "from an area in the south of the Idlib
            // de-escalation zone controlled by ...".
            for (std::size_t k = by - 1; k > 0 && k + 12 > by - 1; --k) {
              if (!v.tokens[k - 1].word) break;
              if (v.tokens[k - 1].lower != "from") continue;
              bool launched = false;
              for (std::size_t j = k - 1; j > 0 && j + 4 > k - 1 && !launched; --j)
                launched = v.token_in(j - 1, Cue::kLaunch);
              if (launched) suspect(name, false, v);
              break;
            }
          }
        }
        // Where it was launched from names the state that fired: "missiles had been launched at
        // the city from neighbouring Iran".
        if (!admitted && actor.kind == "state" && a->first >= 2) {
          std::size_t from = a->first - 1;
          const auto& before = v.tokens[from].lower;
          if ((before == "neighbouring" || before == "neighboring") && from >= 1) --from;
          // "shells fired from the Israeli army positions".
          if (v.tokens[from].lower == "the" && from >= 1) --from;
          if (v.tokens[from].lower == "from" && fired_from(v, from)) suspect(name, false, v);
        }
      }
      read_denial();
    }
  }
  // Who a blame named; the readings below name groups by what the article says of them.
  const std::set<std::string> blamed = suspected;
  // With no explicit blame and no claim, an armed group named as the author of attacks like this
  // one ("the area has been used by Iran-backed militias to fire rockets at the airport", "such
  // attacks are usually blamed on Iran-backed factions") is who is usually blamed: a pattern.
  if (suspected.empty() && claimed.empty())
    for (std::size_t index = 0; index < article.sentences.size(); ++index) {
      const auto& v = article.sentences[index];
      const Role role = event.roles[index];
      if (role == Role::kNotAttack || role == Role::kOtherEvent || v.sentence.quoted) continue;
      // "did not blame Kataib Hezbollah": a group the sentence clears is no author of a pattern.
      const auto blames = v.all(Cue::kSuspect);
      if (std::any_of(blames.begin(), blames.end(),
                      [&](const Hit* b) { return blame_withheld(v, *b); }))
        continue;
      auto actors = v.all(Kind::kActor);
      // "Attacks carried out by Iran-backed groups on bases hosting US forces have increased":
      // the agent of attacks like this one, in a sentence with no attack evidence of its own;
      // then only that agent, not every group the sentence names. So is the subject of a claim
      // of attacks like this one ("X has claimed responsibility for numerous attacks on US
      // forces"), not a group named after it ("... since the Israel-Hamas war").
      if (!v.attack_evidence && !v.has(Cue::kSuspect)) {
        const Hit* claim = v.first(Cue::kClaim);
        const bool denied = claim && (negated_in_clause(v, claim->first) ||
                                      std::any_of(v.hits.begin(), v.hits.end(), [&](const Hit& h) {
                                        return h.cue == Cue::kNegation && h.last < claim->first &&
                                               claim->first - h.last <= 3;
                                      }));
        // Inside a relative clause ("X, which includes Y, has claimed"): not the subject.
        auto in_relative = [&](const Hit* h) {
          for (std::size_t k = h->first; k > 1; --k) {
            if (v.tokens[k - 1].lower == ",") return false;
            if ((v.tokens[k - 1].lower == "which" || v.tokens[k - 1].lower == "who") &&
                v.tokens[k - 2].lower == ",")
              return true;
          }
          return false;
        };
        auto in_order = v.all(Kind::kActor);
        std::sort(in_order.begin(), in_order.end(),
                  [](const Hit* x, const Hit* y) { return x->first < y->first; });
        std::erase_if(actors, [&](const Hit* a) {
          // The claim's subject: no other actor between it and the claim but a description of
          // it in apposition ("X, an umbrella of Iran-backed militias, has claimed"); "Unlike
          // Y, X has claimed" makes no claimant of Y.
          bool claims = claim && !denied && a->last < claim->first && claim->first - a->last <= 14;
          if (claims && in_relative(a)) claims = false;
          // "X, Y and Z have claimed": a list of subjects, each gap a comma or "and", the last
          // one with "and" ("Unlike Y, X has claimed" is no list). A description in apposition
          // ("X, an Iran-backed militia, and Y") is skipped with its article.
          std::size_t gap_from = a->last + 1;
          bool last_gap_and = true;
          for (const Hit* other : in_order) {
            if (!claims || other == a || other->first <= a->last || other->last >= claim->first ||
                in_relative(other) || compound_modifier(v, *other))
              continue;
            const bool description = !lexicon.actor(other->entry).backers.empty();
            bool with_and = false;
            // A description opened by a comma is an apposition, whatever its words ("X, an
            // umbrella group of Iran-backed militias, has claimed").
            const bool apposition =
                description && gap_from < other->first && v.tokens[gap_from].lower == ",";
            for (std::size_t k = gap_from; k < other->first && !apposition; ++k) {
              const auto& w = v.tokens[k].lower;
              with_and |= w == "and" || w == "or";
              if (w != "," && w != "and" && w != "or" && w != "the") claims = false;
            }
            if (!description) last_gap_and = with_and;
            gap_from = other->last + 1;
          }
          if (!last_gap_and) claims = false;
          return !claims && !agent_of_attack(v, *a) && !habitual_author(v, *a, true);
        });
        if (actors.empty()) continue;
      }
      if (us_strikes_in(lexicon, v)) continue;
      for (const Hit* a : actors) {
        const auto& actor = lexicon.actor(a->entry);
        // A short name ("the Islamic Resistance") is the group it stands for where the attack was,
        // or no one there.
        const std::string name = actor.named_in(event.place.country);
        if (name.empty()) continue;
        // A jihadist group only as the habitual author of such attacks ("jihadists linked to
        // al-Qaeda, who have claimed most previous attacks on the camp"): it is named as often
        // as what the coalition fights ("the coalition against the Islamic State").
        if (actor.kind != "militia" && actor.kind != "umbrella" &&
            !(actor.kind == "jihadist" && habitual_author(v, *a)))
          continue;
        if (compound_modifier(v, *a)) continue;
        // "Kataib Hezbollah, an Iran-backed militia", "the Islamic Resistance in Iraq, an
        // umbrella group of Iran-backed militias, ...": an apposition describes another actor.
        bool apposition = false;
        // A longer apposition opens with an article or a relative ("X, an umbrella group of
        // ...", "X, which is an umbrella ...") or is a description; "X, Y and Z" is a list.
        const std::string_view opener =
            a->first >= 1 ? std::string_view(v.tokens[a->first - 1].lower) : std::string_view();
        for (const Hit* other : actors) {
          if (other == a || other->last >= a->first) continue;
          const std::string_view after_comma =
              other->last + 2 < v.tokens.size() ? std::string_view(v.tokens[other->last + 2].lower)
                                                : std::string_view();
          const bool describes = !actor.backers.empty() || after_comma == "a" ||
                                 after_comma == "an" || after_comma == "which" ||
                                 after_comma == "who" || after_comma == "وهي" ||
                                 after_comma == "وهو";
          if (a->first - other->last <= 4) apposition = true;
          if (opener == "and" || opener == "or" || !describes) continue;
          // A comma closes the apposition ("X, an umbrella of ... Y and Z, said"); "Unlike Y,
          // the group X has claimed" has none after X: X is the clause's subject.
          bool closed = false, relative_clause = false;
          for (std::size_t k = a->last + 1; k < v.tokens.size() && k <= a->last + 14; ++k) {
            if (v.tokens[k].lower == ",") {
              closed = true;
              break;
            }
            // The clause's verb comes first: "Unlike Y, the group X has claimed ..."; not a
            // verb of the description's own relative clause ("that says it has attacked").
            if (v.tokens[k].lower == "that" || v.tokens[k].lower == "which" ||
                v.tokens[k].lower == "who")
              relative_clause = true;
            if (!relative_clause &&
                (v.token_in(k, Cue::kClaim) || v.token_in(k, Cue::kReportVerb) ||
                 v.token_in(k, Cue::kAttackVerb) || v.token_in(k, Cue::kLaunch)))
              break;
          }
          if (a->first - other->last <= 8 && v.tokens[other->last + 1].lower == "," && closed) {
            bool one_phrase = true;
            for (std::size_t k = other->last + 2; k < a->first; ++k)
              one_phrase = one_phrase && v.tokens[k].word;
            apposition = apposition || one_phrase;
          }
        }
        // "Last July the consulate was targeted by a rocket ..., and Iraqi factions loyal to
        // Iran had then organised protests": a group whose own clause tells a protest and no
        // attack is no author of one.
        if (protest_in_clause_of(v, *a)) continue;
        // "strikes on Iran-aligned militia targets": the group is struck, not striking.
        bool object = a->first >= 1 && (v.tokens[a->first - 1].lower == "on" ||
                                        v.tokens[a->first - 1].lower == "against");
        if (!apposition && !object && !agent_of_an_attack_on_a_country(v, *a) &&
            !party_to_a_war(v, *a))
          suspect(name, true, v);
      }
    }
  // Still no one: the groups US forces struck in retaliation ("In response, Austin ordered
  // airstrikes against facilities used by groups affiliated with Iran's IRGC") are who
  // Washington holds responsible. A strike told without a response ("the first attack since the
  // US struck Iran-aligned militia targets") blames no one for this attack.
  if (suspected.empty() && claimed.empty())
    for (std::size_t index = 0; index < article.sentences.size(); ++index) {
      const auto& v = article.sentences[index];
      const Hit* strike = v.first(Cue::kUsAgent);
      if (!strike || v.sentence.quoted) continue;
      // "In response to today's attack ...", "authorized CENTCOM to retaliate by carrying out
      // airstrikes"; a response that follows an earlier attack's sentence answers that one.
      bool response = false, earlier = false;
      for (std::size_t k = 0; k < v.tokens.size(); ++k) {
        const bool word = v.tokens[k].lower == "response" ||
                          (k < strike->first && v.tokens[k].lower.starts_with("retaliat"));
        response |= word;
        // "in response to an earlier drone attack", "retaliation for last month's attack".
        // Only of an attack or a period ("last month's attack"), not "last night".
        for (std::size_t j = k + 1; word && j < v.tokens.size() && j <= k + 5; ++j) {
          const auto& w = v.tokens[j].lower;
          if (w != "earlier" && w != "previous" && w != "prior" && w != "past" && w != "last")
            continue;
          for (std::size_t n = j + 1; n < v.tokens.size() && n <= j + 2; ++n) {
            const auto& x = v.tokens[n].lower;
            earlier |= v.token_in(n, Cue::kAttackNoun) || v.token_is_weapon(n) ||
                       x.starts_with("month") || x.starts_with("week") || x.starts_with("year");
          }
        }
      }
      if (earlier) continue;
      if (!response || (index >= 1 && (event.roles[index - 1] == Role::kBackground ||
                                       event.roles[index - 1] == Role::kOtherEvent)))
        continue;
      for (const Hit* a : v.all(Kind::kActor)) {
        const auto& actor = lexicon.actor(a->entry);
        // A short name ("the Islamic Resistance") is the group it stands for where the attack was,
        // or no one there.
        const std::string name = actor.named_in(event.place.country);
        if (name.empty()) continue;
        if (actor.kind != "militia" && actor.kind != "umbrella") continue;
        if (a->first < strike->first || compound_modifier(v, *a)) continue;
        suspect(name, false, v);
      }
    }
  // A group that claims attacks like this one is usually blamed for them, beside whoever else is
  // blamed ("Ankara blames the PKK, while factions close to Iran claimed similar attacks"); a
  // claim of this attack says more.
  if (claimed.empty())
    for (const auto& [name, v] : series_claimants) suspect(name, true, *v);

  // "Claimed by a pro-Iran militia ... The Ahrar al-Iraq brigade said it had fired 20 rockets":
  // the description and the named group are one claimant, and the name says more.
  auto is_description = [&](const std::string& name) {
    const auto* actor = lexicon.actor_named(name);
    return actor && !actor->backers.empty();
  };
  auto is_named_group = [&](const std::string& name) {
    const auto* actor = lexicon.actor_named(name);
    return actor && actor->backers.empty() &&
           (actor->kind == "militia" || actor->kind == "umbrella");
  };
  if (std::any_of(claimed.begin(), claimed.end(), is_named_group))
    std::erase_if(claimed, is_description);
  // The evidence is the first claim by a claimant that stays.
  for (const auto& name : claimed) {
    const SentenceView* v = claim_sentence.at(name);
    auto at = where.find("claimed_by");
    if (at == where.end())
      where.emplace("claimed_by", v);
    else if (std::less<const SentenceView*>{}(v, at->second))  // one vector: article order
      at->second = v;
  }
  // A claimant is not also a suspect, nor is a group that denied the attack and that no blame
  // named, suspected only by the pattern of such attacks; a suspicion so emptied keeps no
  // evidence. ("The Pentagon holds Iran responsible for these groups' attacks, while Tehran
  // denies giving them orders" keeps Iran.)
  for (const auto& name : claimed) suspected.erase(name), basis.erase(name);
  for (const auto& name : denied)
    if (basis.count(name) && basis[name] == "pattern" && !blamed.count(name))
      suspected.erase(name), basis.erase(name);
  // A state whose own site was hit ("a drone struck the Turkish military base ..., followed by
  // heavy Turkish artillery fire") answered the attack; it did not make it.
  std::vector<const lexicon::Country*> owners;
  for (std::size_t i : event.sentences) {
    const auto& v = article.sentences[i];
    if (event.roles[i] != Role::kMain) continue;
    for (const auto& h : v.hits) {
      if (h.kind != Kind::kTrigger ||
          (h.cue != Cue::kTargetMilitary && h.cue != Cue::kTargetDiplomatic))
        continue;
      for (const Hit* c : v.all(Kind::kCountry)) {
        const auto& country = lexicon.country(c->entry);
        if (c->first >= h.first && c->last <= h.last &&
            country.is_demonym(v.text.substr(c->start, c->end - c->start)))
          owners.push_back(&country);
      }
    }
  }
  std::erase_if(suspected, [&](const std::string& name) {
    const lexicon::Actor* actor = lexicon.actor_named(name);
    const bool owner = actor && actor->kind == "state" &&
                       std::any_of(owners.begin(), owners.end(), [&](const lexicon::Country* c) {
                         return c->is_name(actor->name);
                       });
    if (owner) basis.erase(name);
    return owner;
  });
  if (suspected.empty()) {
    where.erase("suspected");
  } else if (auto at = where.find("suspected"); at != where.end()) {
    // The evidence is the first sentence naming a suspect that stays.
    const SentenceView* first = nullptr;
    for (const auto& name : suspected)
      if (auto s = suspect_sentence.find(name); s != suspect_sentence.end())
        if (!first || std::less<const SentenceView*>{}(s->second, first)) first = s->second;
    if (first) at->second = first;
  }
  Actors out;
  out.suspected.assign(suspected.begin(), suspected.end());
  for (const auto& name : suspected) out.suspected_basis[name] = basis[name];
  out.claimed_by.assign(claimed.begin(), claimed.end());
  out.denied_by.assign(denied.begin(), denied.end());
  for (const auto& [field, v] : where) out.evidence[field] = evidence_of(*v);
  return out;
}

}  // namespace sitrep::extract
