#include <algorithm>
#include <map>
#include <set>
#include <string>

#include "extract/readers.h"

namespace sitrep::extract {
namespace {

using lexicon::Cue;

// Words that may follow a number standing for projectiles: "intercepted five before",
// "two of them", "three were shot down".
bool count_stands_alone(const SentenceView& v, const std::string& w) {
  return v.word_in(lexicon::WordList::kCountFollowers, w);
}

// "a barrage of", "a volley of", "an unspecified number of": an amount, not a count of one.
bool is_quantifier(const SentenceView& v, const std::string& w) {
  return v.word_in(lexicon::WordList::kQuantifiers, w);
}

// A count in a clause about projectiles found at the launch site: "found the launch pad with 11
// more rockets", "two unfired rockets were discovered", "seized 18 rockets".
bool unfired_in_clause(const SentenceView& v, std::size_t i) {
  const auto& t = v.tokens;
  std::size_t a = i, b = i;
  auto boundary = [&](std::size_t k) {
    const auto& w = t[k].lower;
    return w == "," || w == ";" || w == "and" || w == "but" || w == "while" || w == "whereas" ||
           w == "although" || w == "though";
  };
  // "the survey found three rockets fell near the fence": what landed was fired.
  for (std::size_t k = i + 1; k < t.size() && k <= i + 3; ++k)
    if (v.token_in(k, Cue::kImpact)) return false;
  while (a > 0 && !boundary(a - 1) && i - a < 8) --a;
  while (b + 1 < t.size() && !boundary(b + 1) && b - i < 8) ++b;
  for (std::size_t k = a; k <= b; ++k) {
    if (v.word_in(lexicon::WordList::kUnfiredWords, t[k].lower)) return true;
    // "fired from a launcher mounted on a truck": where they flew from, not a find.
    bool whence = false;
    for (std::size_t j = k >= 3 ? k - 3 : 0; j < k; ++j) whence = whence || t[j].lower == "from";
    if (v.token_in(k, Cue::kFoiled) && !whence) return true;
    // "11 more rockets", not "more than 30 rockets".
    if (t[k].lower == "more" && k == i + 1) return true;
  }
  return false;
}

// A word for what was fired, named or not: "rockets", or "the projectiles", "the rounds".
bool fired_noun(const lexicon::Lexicon& lexicon, const SentenceView& v, std::size_t k) {
  return is_projectile(lexicon, v, k) ||
         v.word_in(lexicon::WordList::kFiredNouns, v.tokens[k].lower);
}

bool is_clause_break(const text::Token& t) {
  return t.lower == ";" || t.lower == ":" || t.lower == "(" || t.lower == ")";
}

// Whether the comma at `j` opens a relative clause: ", which", ", that", ", two of which".
bool opens_relative_clause(const std::vector<text::Token>& t, std::size_t j) {
  if (t[j].lower != "," || j + 1 >= t.size()) return false;
  const auto& w = t[j + 1].lower;
  if (w == "which" || w == "that" || w == "where" || w == "who") return true;
  return j + 3 < t.size() && t[j + 2].lower == "of" &&
         (t[j + 3].lower == "which" || t[j + 3].lower == "whom");
}

// The comma that opens the relative clause closed by the comma at `close` (", which ... ,"),
// within 25 tokens.
std::optional<std::size_t> relative_clause_opening(const std::vector<text::Token>& t,
                                                   std::size_t close) {
  for (std::size_t j = close; j-- > 0 && j + 25 > close;) {
    if (is_clause_break(t[j])) return std::nullopt;
    if (j + 1 < close && opens_relative_clause(t, j)) return j;
  }
  return std::nullopt;
}

// The comma that closes the relative clause opened at `open`, within 25 tokens: "Three drones,
// two of which were shot down, targeted the base".
std::optional<std::size_t> relative_clause_closing(const std::vector<text::Token>& t,
                                                   std::size_t open) {
  if (!opens_relative_clause(t, open)) return std::nullopt;
  for (std::size_t j = open + 1; j < t.size() && j < open + 25; ++j) {
    if (is_clause_break(t[j])) return std::nullopt;
    if (t[j].lower == ",") return j;
  }
  return std::nullopt;
}

// The sentence of an article's one projectile: every projectile it names is singular, and one
// is introduced as one ("a drone", "an explosive-laden drone", "the rocket"; a gloss of Arabic,
// which has no indefinite article, after its verb: "shooting down explosive-laden drone"). A plural
// anywhere, "rocket fire" or a barrage says there were more.
struct LoneProjectile {
  const SentenceView* where = nullptr;
  bool stopped = false;  // the object of an interception: "shot down a drone"
};

// "exploded in mid-air before it could strike", "fell in the air": no hit, told right after the
// verb that ends at `last`.
bool in_the_air_after(const std::vector<text::Token>& t, std::size_t last) {
  for (std::size_t j = last + 1; j < t.size() && j <= last + 3; ++j)
    if (t[j].lower == "mid-air" || t[j].lower == "midair" ||
        (t[j].lower == "air" && t[j - 1].lower == "the" &&
         !(j + 1 < t.size() && t[j + 1].word)))  // not "the air base"
      return true;
  return false;
}
// Whether a sentence about this attack gives its projectiles a vague plural number ("several
// drones", "a number of rockets", "multiple drones") or says the number is unknown ("could not say
// how many had been launched").
bool uncounted_plural(const lexicon::Lexicon& lexicon,
                      const std::vector<const SentenceView*>& order) {
  for (const SentenceView* view : order) {
    const auto& v = *view;
    if (v.role == Role::kGeneric || v.role == Role::kBackground || v.tally || !v.attack_evidence)
      continue;
    const auto& t = v.tokens;
    // "could not say how many had been launched", "how many drones": not "how many of the
    // wounded".
    for (std::size_t k = 0; k + 1 < t.size(); ++k)
      if (t[k].lower == "how" && t[k + 1].lower == "many" && v.has(Cue::kNegation))
        for (std::size_t j = k + 2; j < t.size() && j <= k + 5; ++j)
          if (is_projectile(lexicon, v, j) || v.token_in(j, Cue::kLaunch)) return true;
    for (std::size_t k = 1; k < t.size(); ++k) {
      if (!is_projectile(lexicon, v, k) || !t[k].lower.ends_with("s")) continue;
      if (k + 1 < t.size() && v.token_in(k + 1, Cue::kAttackNoun)) continue;  // "drone attacks"
      // Fired, striking or stopped in its clause: not "the base hosts several drones of its own".
      bool told_fired = false;
      for (std::size_t j = k >= 6 ? k - 6 : 0; j < t.size() && j <= k + 6 && !told_fired; ++j)
        told_fired = v.token_in(j, Cue::kLaunch) || v.token_in(j, Cue::kAttackVerb) ||
                     v.token_in(j, Cue::kImpact) || v.token_in(j, Cue::kIntercept);
      if (!told_fired) continue;
      for (std::size_t j = k >= 3 ? k - 3 : 0; j < k; ++j)
        if (t[j].lower == "multiple" || t[j].lower == "several" ||
            (t[j].lower == "number" && j + 1 < k && t[j + 1].lower == "of"))
          return true;
    }
  }
  return false;
}

LoneProjectile lone_projectile(const lexicon::Lexicon& lexicon,
                               const std::vector<const SentenceView*>& order) {
  LoneProjectile lone;
  for (const SentenceView* view : order) {
    const auto& v = *view;
    const auto& t = v.tokens;
    // "Since October the base has been attacked at least 100 times, usually with rockets and
    // drones": a plural in a sentence about attacks in general (its role, or a tally it states)
    // is no second projectile of this attack, and a projectile there is none of it. A generic
    // cue alone ("the first attack since the truce") does not make the sentence general.
    if (v.role == Role::kGeneric || v.tally) continue;
    for (std::size_t k = 0; k < t.size(); ++k) {
      if (!is_projectile(lexicon, v, k)) continue;
      const auto& w = t[k].lower;
      if (w == "attack" || w == "strike" || w == "attacks" || w == "strikes") continue;
      if (v.word_in(lexicon::WordList::kFiredNouns, w) && !w.ends_with("s")) continue;
      // "A drone attacks Harir base": after "a" the word is the verb, not "drone attacks".
      const bool verb_after = k >= 1 && (t[k - 1].lower == "a" || t[k - 1].lower == "an") &&
                              k + 1 < t.size() &&
                              (t[k + 1].lower == "attacks" || t[k + 1].lower == "strikes" ||
                               t[k + 1].lower == "hits" || t[k + 1].lower == "targets");
      // The word after it, past a closing quote ('a "drone" attack').
      std::size_t after = k + 1;
      if (after + 1 < t.size() && is_quote_mark(t[after].lower)) ++after;
      const bool compound =
          !verb_after && after < t.size() &&
          (is_projectile(lexicon, v, after) || v.token_in(after, Cue::kAttackNoun));
      if (compound) {
        const auto& next = t[after].lower;
        if (next != "attack" && next != "strike" && !v.token_in(after, Cue::kAttackNoun)) {
          // "Katyusha rocket": the noun is the last word; "rocket fire", "drone attacks": more.
          if (next.ends_with("s") || next == "fire" || next == "barrage" || next == "salvo" ||
              next == "volley" || next == "shelling" || next == "bombardment")
            return {};
          continue;
        }
      }
      // A figure before it is a count the reading above missed, unless it is "one" ("targeted
      // the base, west of Iraq, with one drone": its verb across the commas).
      if (w.ends_with("s")) return {};
      if (k >= 1) {
        const auto figure = count_at(v, k - 1, false);
        if (figure && *figure != 1) return {};
      }
      // Where the weapon's name starts: "an explosive-laden drone", "shooting down
      // explosive-laden drone" read before "explosive-laden".
      std::size_t start = k;
      for (const Hit* h : v.all(lexicon::Kind::kWeapon))
        if (h->first <= k && k <= h->last) start = std::min(start, h->first);
      // A quoted name starts at its quote: "with a \"drone\"", "um `drone` carregado".
      while (start >= 1 && is_quote_mark(t[start - 1].lower)) --start;
      auto introduces = [&](std::size_t i) {
        const auto& a = t[i].lower;
        return a == "a" || a == "an" || a == "the" || a == "single" || a == "one";
      };
      bool one = (start >= 1 && introduces(start - 1)) ||
                 (start >= 2 && introduces(start - 2) && t[start - 1].word &&
                  !count_at(v, start - 1, false));
      // "a drone attack", "a rocket attack" name the attack, not how many were fired.
      if (compound) one = false;
      if (!one && start >= 1 && !compound)
        one = v.token_in(start - 1, Cue::kIntercept) || t[start - 1].lower == "with" ||
              t[start - 1].lower == "by";
      // A name of equipment, not a projectile fired: "a missile defense system", "a drone
      // squadron", "a rocket launcher".
      if (k + 1 < t.size()) {
        const auto& next = t[k + 1].lower;
        if (next == "defense" || next == "defence" || next == "system" || next == "systems" ||
            next == "squadron" || next == "program" || next == "programme" || next == "unit" ||
            next == "operator" || next == "operators" ||
            v.word_in(lexicon::WordList::kLauncherWords, next))
          continue;
      }
      // Told as fired, hit or stopped: an attack, launch, impact or interception verb near it,
      // or "by"/"with" before it; not "whether a rocket or a drone was involved", "denied that
      // a drone was used", "an unfired rocket".
      // "by a drone", "with a rocket": the preposition before the projectile's article.
      std::size_t before = start;
      if (before >= 1 && introduces(before - 1)) --before;
      bool told = before >= 1 && (t[before - 1].lower == "with" || t[before - 1].lower == "by");
      auto verb = [&](std::size_t i) {
        return v.token_in(i, Cue::kAttackVerb) || v.token_in(i, Cue::kLaunch) ||
               v.token_in(i, Cue::kImpact) || v.token_in(i, Cue::kIntercept);
      };
      // Within its clause: "intercepted the incoming fire, and a drone later surveyed the
      // damage" tells no drone fired.
      for (std::size_t i = start; i > 0 && i + 4 > start && !told; --i) {
        if (t[i - 1].lower == "," || t[i - 1].lower == "and" || is_clause_break(t[i - 1])) break;
        told = verb(i - 1);
      }
      for (std::size_t i = k + 1; i < t.size() && i <= k + 4 && !told; ++i) {
        if (t[i].lower == "," || is_clause_break(t[i])) break;
        told = verb(i);
      }
      // The subject of a passive verb further on: "A drone attempting to target the coalition
      // base at Erbil airport was shot down".
      // Not across a relative clause ("a police drone filming the street where the guards
      // were attacked").
      for (std::size_t i = k + 5; i < t.size() && i <= k + 14 && !told; ++i) {
        const auto& w = t[i].lower;
        if (w == "," || is_clause_break(t[i]) || w == "where" || w == "which" || w == "that" ||
            w == "who" || w == "when")
          break;
        told = (t[i - 1].lower == "was" || t[i - 1].lower == "were") && verb(i);
      }
      // Doubt, denial and negation of this clause only: "fired a rocket ..., but it was not
      // clear where it came down" and "No one was hurt after militants fired a rocket" still
      // tell one fired.
      bool denied = false, negated = false;
      for (const Hit* d : v.all(Cue::kDeny)) {
        bool same_clause = true;
        for (std::size_t k = std::min(d->first, start); k < std::max(d->first, start); ++k)
          same_clause = same_clause && t[k].lower != "," && t[k].lower != ";";
        denied = denied || same_clause;
      }
      for (std::size_t k = start; k > 0 && k + 4 > start; --k) {
        const auto& w = t[k - 1].lower;
        if (w == "," || w == "after" || w == "when" || w == "before" || w == "as") break;
        negated |= w == "no" || w == "not" || w == "never" || w == "n't" || w == "without";
      }
      if (!told || uncertain_in_clause(v, start) || denied || negated ||
          unfired_in_clause(v, start))
        continue;
      // "shot down a drone", "intercepting the drone": the verb right before its object.
      bool stopped_here = false;
      for (std::size_t i = start >= 4 ? start - 4 : 0; i < start; ++i)
        stopped_here = stopped_here || (v.token_in(i, Cue::kIntercept) && !v.has(Cue::kUncertain) &&
                                        !negated_in_clause(v, i));
      if (!one || lone.where) continue;
      lone.where = &v;
      lone.stopped = stopped_here;
    }
  }
  return lone;
}

// "targeted the base with a drone, and hit its target directly", "drone targeted, at noon, the
// air base, and exploded inside the airport": the clause of the singular projectile at `k` goes
// on to tell it hit. Its defences or another projectile end the look.
// Whether the projectile named from token `first` is what debris came from: "debris from an
// intercepted missile landed inside the embassy grounds", "fragments of the drone fell".
bool debris_of(const SentenceView& v, std::size_t first, std::size_t last) {
  const auto& t = v.tokens;
  // "Shrapnel from a rocket that struck the base": the projectile's own clause tells it hit.
  if (last + 1 < t.size() && (t[last + 1].lower == "that" || t[last + 1].lower == "which"))
    return false;
  for (std::size_t k = first; k-- > 0 && first - k <= 4;) {
    const auto& w = t[k].lower;
    if (w == "of" || w == "from")
      return k >= 1 && v.word_in(lexicon::WordList::kDebrisNouns, t[k - 1].lower);
    if (!t[k].word) return false;
  }
  return false;
}

bool clause_tells_it_hit(const lexicon::Lexicon& lexicon, const SentenceView& v, std::size_t k) {
  const auto& t = v.tokens;
  for (std::size_t i = k + 1; i < t.size() && i <= k + 14; ++i) {
    if (is_clause_break(t[i]) || is_projectile(lexicon, v, i) || v.token_in(i, Cue::kIntercept) ||
        v.token_in(i, Cue::kAirDefense))
      return false;
    if (v.token_in(i, Cue::kImpact)) {
      // The projectile's own verb: right after it, or opening the clause that goes on after
      // "and" or a comma ("..., and exploded inside"); not another subject's ("and US forces
      // later hit the militia's headquarters") nor "the third attack to hit the base".
      // Back over an adverb, an auxiliary or a quotation mark ("drone has \" hit its target").
      std::size_t before = i - 1;
      while (before > k &&
             (v.word_in(lexicon::WordList::kAdverbs, t[before].lower) || t[before].lower == "has" ||
              t[before].lower == "had" || is_quote_mark(t[before].lower)))
        --before;
      // "..., and it hit its target": the pronoun after the conjunction is the projectile.
      if (before > k + 1 && t[before].lower == "it" &&
          (t[before - 1].lower == "and" || t[before - 1].lower == ","))
        --before;
      const bool own_verb = before == k || t[before].lower == "and" || t[before].lower == ",";
      if (!own_verb) return false;
      // "landed next to a house", "hit a school": it fell short of the site.
      for (std::size_t j = i + 1; j < t.size() && j <= i + 5; ++j)
        if (v.token_in(j, Cue::kTargetCivilian)) return false;
      return !uncertain_in_clause(v, i) && !negated_in_clause(v, i) && !in_the_air_after(t, i) &&
             !about_one_projectile(v, i);
    }
  }
  return false;
}

// Whether the projectiles named at `p` were fired at a whole country: "80 drones and missiles
// at Ukraine", "missiles on Israel", "across Ukraine" (not "at Iraq's Ain al-Asad base").
bool at_a_country(const SentenceView& v, std::size_t p) {
  const auto& t = v.tokens;
  // "Across the country, the air force counted 90 missiles and 400 drones": the whole country
  // named first, before the projectiles.
  if (const std::size_t s = after_dateline(v);
      s + 3 < t.size() && p > s + 3 && (t[s].lower == "across" || t[s].lower == "throughout") &&
      t[s + 1].lower == "the" && t[s + 2].lower == "country")
    return true;
  // "attacked the Iraqi territory with 22 missiles": the country as the object before "with".
  for (std::size_t k = p; k > 0 && k + 4 > p; --k) {
    if (t[k - 1].lower != "with") continue;
    const std::size_t before = k - 1;
    if (before == 0) break;
    // Across a time told between: "attacked Ukraine overnight with 464 drones".
    std::size_t object_end = before;
    while (object_end > 1 && v.word_in(lexicon::WordList::kDayParts, t[object_end - 1].lower))
      --object_end;
    const bool territory = t[object_end - 1].lower == "territory";
    // The object of the attack verb, not a place named after a site ("a US base in Syria with
    // three drones"): the verb right before it, "the" and "territory" aside.
    auto object_of_verb = [&](std::size_t first) {
      while (first > 0 && (t[first - 1].lower == "the" || t[first - 1].lower == "territory"))
        --first;
      return first > 0 &&
             (v.token_in(first - 1, Cue::kAttackVerb) || v.token_in(first - 1, Cue::kLaunch));
    };
    for (const Hit* c : v.all(lexicon::Kind::kCountry))
      if ((c->last + 1 == object_end || (territory && c->last + 2 == object_end)) &&
          object_of_verb(c->first))
        return true;
    break;
  }
  // Across the rest of a list: "125 drones and four ballistic missiles at Ukraine".
  for (std::size_t k = p + 1; k + 1 < t.size() && k <= p + 6; ++k) {
    const auto& w = t[k].lower;
    // "22 missiles landed in Iraq", "fell on Iraqi territory": where they fell, a whole country.
    const bool fell_in = w == "in" && v.token_in(k - 1, Cue::kImpact);
    if (w == "at" || w == "on" || w == "against" || w == "across" || w == "toward" ||
        w == "towards" || w == "throughout" || fell_in) {
      // The country as the whole object: "at Ukraine overnight", "at Israel.", not "at US
      // positions", "at Turkish positions".
      auto whole = [&](std::size_t after) {
        if (after >= t.size() || !t[after].word) return true;
        const auto& w = t[after].lower;
        return w == "overnight" || w == "on" || w == "in" || w == "during" || w == "from" ||
               w == "since" || w == "last" || w == "this" || w == "early" || w == "late" ||
               w == "and" || w == "with" || w == "over" || w == "throughout" || w == "shortly" ||
               w == "around" || w == "after" || w == "before";
      };
      // "across the country", "throughout the country": the whole country, unnamed.
      if (k + 2 < t.size() && t[k + 1].lower == "the" && t[k + 2].lower == "country" &&
          whole(k + 3))
        return true;
      // "contre l'Ukraine" glossed "against the Ukraine"; a region named as the country's ("toward
      // the western Galilee").
      std::size_t name = k + 2 < t.size() && t[k + 1].lower == "the" ? k + 2 : k + 1;
      // The gloss's "the territory Iraqi" ("el territorio iraquí").
      if (name + 1 < t.size() && t[name].lower == "territory") ++name;
      // "on Iraqi territory".
      auto territory = [&](std::size_t after) {
        return after < t.size() && t[after].lower == "territory" && whole(after + 1);
      };
      for (const Hit* c : v.all(lexicon::Kind::kCountry))
        if (c->first == name && (whole(c->last + 1) || territory(c->last + 1)) &&
            !t[c->last].lower.ends_with("'s") && !t[c->last].lower.ends_with("\u2019s") &&
            !(c->last + 1 < t.size() &&
              (t[c->last + 1].lower == "'s" || t[c->last + 1].lower == "\u2019s" ||
               v.token_in(c->last + 1, Cue::kTargetMilitary) ||
               v.token_in(c->last + 1, Cue::kTargetDiplomatic))))
          return true;
      return false;
    }
    if (!t[k].word && w != ",") return false;
  }
  return false;
}

// The sentence that tells the projectiles already counted were all stopped, with no number of
// their own: "The drones were shot down", "they were intercepted", "both were downed".
const SentenceView* told_all_stopped(const lexicon::Lexicon& lexicon,
                                     const std::vector<const SentenceView*>& order, int launched) {
  for (const SentenceView* view : order) {
    const auto& v = *view;
    const auto& t = v.tokens;
    for (const Hit* h : v.all(Cue::kIntercept)) {
      bool counted = false, definite = false;
      for (std::size_t k = h->first >= 5 ? h->first - 5 : 0; k < h->first; ++k) {
        const auto& w = t[k].lower;
        counted = counted || count_at(v, k, false).has_value() || w == "one" || w == "some";
        definite = definite || w == "they" || w == "both" || w == "all" ||
                   (w == "the" && k + 1 < h->first &&
                    (is_projectile(lexicon, v, k + 1) || t[k + 1].lower == "aircraft"));
      }
      // One projectile launched, as the gloss of an Arabic verbal noun names it, the verb before
      // its bare object: "intercepting drone targeted the base" ("اعتراض طائرة مسيرة").
      if (launched == 1 && v.glossed && h->last + 1 < t.size() &&
          is_projectile(lexicon, v, h->last + 1) && !t[h->last + 1].lower.ends_with("s") &&
          !(h->last + 2 < t.size() &&
            (t[h->last + 2].lower == "and" || t[h->last + 2].lower == "or" ||
             v.token_in(h->last + 2, Cue::kAttackNoun))) &&
          !negated_in_clause(v, h->first))
        definite = true;
      // One projectile launched: "a suicide drone attempting to target the coalition was shot
      // down" is that one stopped, however long its subject.
      if (launched == 1)
        for (std::size_t k = h->first; k > 1 && k + 14 > h->first && !definite; --k) {
          if (is_clause_break(t[k - 1]) || t[k - 1].lower == ",") break;
          const auto& w = t[k - 2].lower;
          definite = (w == "a" || w == "an" || w == "the") && is_projectile(lexicon, v, k - 1);
        }
      // "The drone was not intercepted", "was not shot down": no stop.
      if (definite && !counted && !v.has(Cue::kUncertain) && !negated_in_clause(v, h->first))
        return &v;
    }
  }
  return nullptr;
}

// The conjunction that token k opens a new clause with: ", but", ", and", ", while", or a bare
// "while", "whereas", "but" ("one of the two drones while the other fell"); nullopt otherwise.
std::optional<std::size_t> clause_conjunction(const std::vector<text::Token>& t, std::size_t k) {
  const std::size_t conj = t[k].lower == "," ? k + 1 : k;
  if (conj >= t.size()) return std::nullopt;
  const auto& w = t[conj].lower;
  if (w == "but" || w == "while" || (conj == k && w == "whereas") || (conj == k + 1 && w == "and"))
    return conj;
  return std::nullopt;
}

// ", several of which fell inside the camp", ", of which some hit": a relative clause that tells
// an uncounted part of the projectiles, whose verb is not the whole's fate ("both of which" and
// "all of which" are the whole).
bool vague_part_relative(const std::vector<text::Token>& t, std::size_t k) {
  if (t[k].lower != "," || k + 3 >= t.size()) return false;
  auto vague = [](std::string_view w) {
    return w == "several" || w == "some" || w == "many" || w == "most" || w == "few" ||
           w == "part" || w == "others";
  };
  std::size_t q = k + 1;
  if (t[q].lower == "a" && t[q + 1].lower == "few") ++q;  // ", a few of which"
  if (vague(t[q].lower) && q + 2 < t.size() && t[q + 1].lower == "of" &&
      (t[q + 2].lower == "which" || t[q + 2].lower == "them"))
    return true;
  return t[k + 1].lower == "of" && t[k + 2].lower == "which" && vague(t[k + 3].lower);
}

// The target or a part of it: "the camp", "the perimeter", "the embassy", "the main entrance".
bool names_target_or_part(const SentenceView& v, std::size_t m) {
  const auto& w = v.tokens[m].lower;
  return v.token_in(m, Cue::kTargetMilitary) || v.token_in(m, Cue::kTargetDiplomatic) ||
         v.word_in(lexicon::WordList::kSiteParts, w) || w == "perimeter" || w == "camp" ||
         w == "base" || w == "compound" || w == "entrance" || w == "gate" || w == "fence" ||
         w == "wall" || w == "runway";
}

// A place word that opens a part whose verb was left out: "one fell inside the camp and the
// other two in the fields nearby", "and the third inside the compound".
bool opens_gapped_place(std::string_view w) {
  return w == "in" || w == "on" || w == "inside" || w == "near" || w == "around" ||
         w == "outside" || w == "within";
}

// What the rest of the whole did, told after token `from` ("while the rest fell near the river",
// "the others landed in farmland near the base"). The rest must fall: an impact verb, or
// "missed". ("the rest landed inside the perimeter" hit too, and leaves the part a part; "the
// others standing near him" are people.)
enum class RestFate { kUntold, kMissed, kNear };

// Near the target (ANNOTATE counts a landing inside or near the target as an impact): "nearby",
// "in the surrounding fields", "around the base", "just outside the perimeter", "near the
// camp". Anything else fell away from it: "near the river", "short", "several kilometres away".
RestFate rest_told_apart(const SentenceView& v, std::size_t from) {
  const auto& t = v.tokens;
  for (std::size_t k = from; k + 1 < t.size(); ++k) {
    if (t[k].lower != "the" || (t[k + 1].lower != "rest" && t[k + 1].lower != "others" &&
                                t[k + 1].lower != "remaining" && t[k + 1].lower != "remainder"))
      continue;
    bool fell = false, away = false, near_target = false, near_other = false;
    for (std::size_t j = k + 2; j < t.size() && j <= k + 10; ++j) {
      const auto& w = t[j].lower;
      if (w == ";" || w == "while" || w == "but") break;
      fell = fell || w == "missed" || v.token_in(j, Cue::kImpact);
      if (!fell) continue;
      away = away || v.word_in(lexicon::WordList::kWideOfTargetWords, w) ||
             v.word_in(lexicon::WordList::kOpenWaterWords, w);
      if (w == "nearby" || w == "surrounding" || w == "vicinity" || w == "adjacent" ||
          w == "outside" || w == "around")
        near_target = true;
      // "near the camp", "near the perimeter": the target's own word after "near".
      if (w == "near" || w == "close") {
        bool target = false;
        for (std::size_t m = j + 1; m < t.size() && m <= j + 3; ++m)
          target = target || names_target_or_part(v, m);
        (target ? near_target : near_other) = true;
      }
      near_other = near_other || w == "open" || w == "empty";
    }
    if (!fell) continue;
    if (away) return RestFate::kMissed;
    if (near_target) return RestFate::kNear;
    if (near_other) return RestFate::kMissed;
  }
  return RestFate::kUntold;
}

// A tally of a barrage on a whole country: "Russia fired 598 drones and 31 missiles at Ukraine
// overnight", or one that opens "In total" / "Overall" with a count of fifty or more ("In total,
// the enemy launched 478 attack UAVs and 48 missiles"; "In total, 24 rockets were fired" may be
// the attack's own).
bool barrage_tally(const lexicon::Lexicon& lexicon, const SentenceView& v) {
  const auto& t = v.tokens;
  for (std::size_t p = 0; p < t.size(); ++p)
    if (is_projectile(lexicon, v, p) && at_a_country(v, p)) return true;
  const bool total = t.size() > 2 && ((t[0].lower == "in" && t[1].lower == "total") ||
                                      (t[0].lower == "in" && t[1].lower == "all") ||
                                      t[0].lower == "overall" || t[0].lower == "altogether");
  // The whole country named anywhere: "Nationwide, Russia launched 397 drones", "launched
  // against the whole country more than four hundred drones" (the gloss of "contra todo el país").
  bool country_wide = false;
  for (std::size_t k = 0; k < t.size() && !country_wide; ++k)
    country_wide =
        t[k].lower == "nationwide" ||
        (k + 2 < t.size() &&
         (t[k].lower == "across" || t[k].lower == "throughout" || t[k].lower == "against") &&
         t[k + 1].lower == "the" &&
         (t[k + 2].lower == "country" ||
          (t[k + 2].lower == "whole" && k + 3 < t.size() && t[k + 3].lower == "country")));
  if (!total && !country_wide) return false;
  for (std::size_t k = 0; k < t.size(); ++k)
    if (auto n = count_at(v, k, false); n && *n >= 50) return true;
  return false;
}

// The sentence that tells the projectiles already counted all hit, with no number of their own:
// "The rockets struck inside the base", "they landed near the runway". "One of the rockets
// landed near the runway" counts a part; "the rockets fell in the southern part of the airport"
// still says they all hit.
const SentenceView* told_all_hit(const lexicon::Lexicon& lexicon,
                                 const std::vector<const SentenceView*>& order, int launched) {
  for (const SentenceView* view : order) {
    const auto& v = *view;
    const auto& t = v.tokens;
    // With one launched, the one projectile's own clause: "with a drone, and hit its target".
    if (launched == 1 && v.role != Role::kGeneric && !v.tally) {
      for (const Hit* h : v.all(lexicon::Kind::kWeapon))
        if (is_projectile(lexicon, v, h->last) && !t[h->last].lower.ends_with("s") &&
            !debris_of(v, h->first, h->last) && clause_tells_it_hit(lexicon, v, h->last))
          return &v;
      // "The aircraft, loaded with explosives, hit the living quarters" (the gloss of "El
      // aparato ... impactó"): the one projectile named by a word that names no weapon.
      for (std::size_t k = 1; k < t.size(); ++k)
        if (t[k - 1].lower == "the" && fired_noun(lexicon, v, k) && !t[k].lower.ends_with("s") &&
            !debris_of(v, k, k) && clause_tells_it_hit(lexicon, v, k))
          return &v;
    }
    for (const Hit* h : v.all(Cue::kImpact)) {
      // "but none hit the compound", "neither got inside": no hit at all.
      if (h->first >= 1 &&
          (t[h->first - 1].lower == "none" || t[h->first - 1].lower == "neither" ||
           (h->first >= 2 && t[h->first - 1].lower == "them" && t[h->first - 2].lower == "of" &&
            h->first >= 3 && t[h->first - 3].lower == "none")))
        continue;
      // "The consulate came under a direct hit by a drone": the noun says the one projectile
      // hit, in a sentence that names it.
      // Not one avoided or stopped: "The base avoided a direct hit from the drone", "... but air
      // defences shot it down".
      bool direct_hit = launched == 1 && h->first >= 1 && t[h->first - 1].lower == "direct" &&
                        t[h->first].lower == "hit" && !v.has(Cue::kIntercept) &&
                        !v.has(Cue::kAirDefense);
      for (std::size_t k = h->first >= 4 ? h->first - 4 : 0; k + 1 < h->first && direct_hit; ++k) {
        const auto& w = t[k].lower;
        direct_hit = !w.starts_with("avoid") && !w.starts_with("escap") && !w.starts_with("spar") &&
                     !w.starts_with("narrowly") && !w.starts_with("prevent");
      }
      if (direct_hit && !v.all(lexicon::Kind::kWeapon).empty() && v.role != Role::kGeneric &&
          !uncertain_in_clause(v, h->first) && !negated_in_clause(v, h->first))
        return &v;
      // The verb first, as Arabic writes it: "fell the rockets" (the gloss of "سقطت
      // الصواريخ"), with no number of its own.
      const std::size_t after = h->last + 1;
      const std::size_t noun = after < t.size() && t[after].lower == "the" ? after + 1 : after;
      // Only opening its clause ("And fell the rockets"), in a sentence that tells no
      // interception ("air defences hit the drones", "fell after being intercepted").
      const bool opens = h->first == 0 || t[h->first - 1].lower == "and";
      // A verb with no subject at all, after the sentence that counted them (Portuguese and
      // Spanish drop it: "Caíram na base e em seu perímetro" glossed "Fell in the base ...").
      // Not when the subject follows ("Cayeron en la base tres de ellos").
      bool count_after = false;
      for (std::size_t k = after; k < t.size() && !count_after; ++k)
        count_after = count_at(v, k, false).has_value();
      const bool dropped_subject =
          v.glossed && h->first == 0 && after < t.size() && !count_after &&
          (t[after].lower == "in" || t[after].lower == "on" || t[after].lower == "inside" ||
           t[after].lower == "within" || t[after].lower == "into") &&
          !v.has(Cue::kIntercept) && !v.has(Cue::kAirDefense);
      if (dropped_subject && !uncertain_in_clause(v, h->first)) return &v;
      const bool verb_first = opens && noun < t.size() && fired_noun(lexicon, v, noun) &&
                              t[noun].lower.ends_with("s") && !v.has(Cue::kIntercept) &&
                              !v.has(Cue::kAirDefense) &&
                              !(noun + 1 < t.size() && t[noun + 1].lower == "'");
      // "All of them fell inside the base", and the Arabic order "and fell all of them inside"
      // (the gloss of "وسقطت جميعها"): every projectile counted before.
      const bool all_of_them_after = opens && after + 2 < t.size() &&
                                     (t[after].lower == "all" || t[after].lower == "both") &&
                                     t[after + 1].lower == "of" && t[after + 2].lower == "them" &&
                                     !v.has(Cue::kIntercept) && !v.has(Cue::kAirDefense);
      const bool all_of_them_before =
          h->first >= 3 && t[h->first - 1].lower == "them" && t[h->first - 2].lower == "of" &&
          (t[h->first - 3].lower == "all" || t[h->first - 3].lower == "both") &&
          !v.has(Cue::kIntercept) && !v.has(Cue::kAirDefense);
      if ((all_of_them_after || all_of_them_before) && !in_the_air_after(t, h->last) &&
          !uncertain_in_clause(v, h->first))
        return &v;
      if (h->first < 2 && !verb_first) continue;
      std::size_t k = h->first >= 1 ? h->first - 1 : 0;
      if (t[k].lower == "all" || t[k].lower == "both") --k;
      // "the projectiles landed": all of them; "two of the projectiles" counts its own.
      // With one launched, the one projectile as the subject: "the rocket landed", "Katyusha
      // rocket fell central Green Zone" (Arabic has no article to count it by).
      // Not a participle: "the drone hit by the base's air defences crashed".
      const bool passive = h->last + 1 < t.size() && t[h->last + 1].lower == "by";
      // The Arabic gloss names a drone again as "aircraft" ("الطائرة سقطت داخل القاعدة": "aircraft
      // landed inside base"), as English does: "the aircraft crashed near the runway".
      // Only "the aircraft" (or the gloss's bare "that aircraft", "and aircraft"), not "a US
      // military aircraft landed at the base".
      const auto& landing = t[h->first].lower;
      const bool named_again = k == 0 || t[k - 1].lower == "the" || t[k - 1].lower == "that" ||
                               (v.glossed && (t[k - 1].lower == "and" || t[k - 1].lower == ","));
      const bool aircraft_fell = t[k].lower == "aircraft" && named_again &&
                                 (landing == "landed" || landing == "fell" ||
                                  landing == "crashed" || landing == "exploded");
      const bool the_one =
          launched == 1 &&
          ((is_projectile(lexicon, v, k) && !t[k].lower.ends_with("s")) || aircraft_fell) &&
          h->first >= 1 && k + 1 == h->first && !passive;
      bool subject = verb_first || the_one || t[k].lower == "they" ||
                     (fired_noun(lexicon, v, k) && t[k].lower.ends_with("s") && k >= 1 &&
                      (t[k - 1].lower == "the" || t[k - 1].lower == "both") &&
                      !(k >= 2 && t[k - 2].lower == "of"));
      // "unclear how many missiles were fired or where they landed": a question, not a landing.
      const bool question = k >= 1 && (t[k - 1].lower == "where" || t[k - 1].lower == "whether" ||
                                       t[k - 1].lower == "if" || t[k - 1].lower == "how");
      if (!subject || question || in_the_air_after(t, h->last) ||
          uncertain_in_clause(v, h->first) || about_one_projectile(v, h->first))
        continue;
      return &v;
    }
  }
  return nullptr;
}

}  // namespace

// The share of `total` that a breakdown after a colon gives `site`: "22 missiles fell: 17
// against Ain al-Asad and five against Erbil" gives Ain al-Asad 17. The total must come before
// the colon, and the share be smaller.
std::optional<int> site_share(const lexicon::Lexicon& lexicon, const SentenceView& v,
                              const lexicon::Facility& site, int total) {
  const auto& t = v.tokens;
  std::size_t colon = 0;
  bool total_before = false;
  for (; colon < t.size() && t[colon].lower != ":"; ++colon)
    total_before = total_before || count_at(v, colon, false) == total;
  if (colon >= t.size() || !total_before) return std::nullopt;
  for (std::size_t c = colon + 1; c < t.size(); ++c) {
    const auto n = count_at(v, c, false);
    if (!n || *n >= total) continue;
    std::size_t k = c + 1;
    if (k < t.size() && is_projectile(lexicon, v, k)) ++k;  // "17 missiles against ..."
    if (k >= t.size() || (t[k].lower != "against" && t[k].lower != "at" && t[k].lower != "on" &&
                          t[k].lower != "toward" && t[k].lower != "towards"))
      continue;
    for (const Hit* h : v.all(lexicon::Kind::kFacility))
      if (h->first > k && h->first <= k + 3 && lexicon.facility(h->entry).name == site.name)
        return n;
  }
  return std::nullopt;
}

// Counts: "14 rockets were fired", "intercept five of them", "two missiles impacted",
// "three impacts", "one hit X and the second landed Y".
Counts read_counts(const Annotated& article, const lexicon::Lexicon& lexicon, const Event& event) {
  const auto& views = article.sentences;
  struct Found {
    std::optional<int> value;
    const SentenceView* where = nullptr;
    bool lower_bound = false;  // "more than 30 rockets": a later exact "33 rockets" replaces it
    bool single = false;       // "a drone", "a single rocket": the whole attack was one projectile
    bool partial = false;      // "one of the rockets struck": a part of a larger whole
    bool rest_missed = false;  // "... while the rest fell near the river": the part is all that hit
    bool rest_near = false;    // "... and the rest landed in farmland nearby": all of them hit
    std::optional<int> first;  // the first of several parts summed ("two inside, two outside")
  };
  std::map<std::string, Found> found;
  auto set = [&](const std::string& field, int value, const SentenceView& v, bool raise,
                 bool lower_bound = false) {
    auto& f = found[field];
    if (!f.value) {
      f.value = value;
      f.where = &v;
      f.lower_bound = lower_bound;
    } else if (raise && f.where == &v && value > *f.value) {
      f.value = value;
    } else if (f.lower_bound && !lower_bound && value > *f.value) {
      f.value = value;
      f.where = &v;
      f.lower_bound = false;
    } else if (f.lower_bound && !lower_bound && value == *f.value) {
      // "At least four rockets crashed ... four of them landed inside": the bound confirmed,
      // so another source's "five" later is a figure in conflict, not a refinement.
      f.lower_bound = false;
    }
  };
  // "two drones were destroyed before reaching the base", "the military destroyed two one-way
  // attack drones": a projectile destroyed is one stopped; "two rockets destroyed a hangar" is
  // not (the projectile is the subject).
  auto destroyed_projectile = [&](const SentenceView& v, std::size_t i) {
    const auto& t = v.tokens;
    const auto& w = t[i].lower;
    if (w != "destroyed" && w != "destroy" && w != "destroying") return false;
    if (i >= 1 && (t[i - 1].lower == "were" || t[i - 1].lower == "was" ||
                   t[i - 1].lower == "been" || t[i - 1].lower == "being"))
      return true;
    for (std::size_t k = i + 1; k < t.size() && k <= i + 5; ++k) {
      if (is_projectile(lexicon, v, k)) return true;
      if (!t[k].word) return false;
    }
    return false;
  };
  // "failed to intercept the two rockets", "was not able to shoot them down", "did not
  // intercept": a stop that did not happen.
  auto failed_stop = [&](const SentenceView& v, std::size_t i) {
    const auto& t = v.tokens;
    for (std::size_t k = i; k > 0 && k + 4 > i; --k) {
      const auto& w = t[k - 1].lower;
      if (!t[k - 1].word) return false;
      if (w == "not" || w == "n't" || w == "never" || w == "failed" || w == "fail" ||
          w == "fails" || w == "unable")
        return true;
    }
    return false;
  };
  // A part named after verb `k` within its clause, across the gloss's subject: "shot down one
  // of them", "shot down US forces one of them", "fell three of them inside".
  auto partitive_after = [&](const SentenceView& v, std::size_t k) {
    const auto& t = v.tokens;
    for (std::size_t j = k + 1; j + 2 < t.size() && j <= k + 5; ++j) {
      if (is_clause_break(t[j]) || t[j].lower == ",") return false;
      // "were launched and three of them hit the base": "and" opens the part's own clause.
      if (t[j].lower == "and") return false;
      const auto& whole = t[j + 2].lower;
      if (count_at(v, j, false) && t[j + 1].lower == "of" &&
          (whole == "them" || whole == "those" || whole == "which"))
        return true;
    }
    return false;
  };
  auto verb_category = [&](const SentenceView& v, std::size_t i) -> std::string {
    if (v.token_in(i, Cue::kIntercept) || destroyed_projectile(v, i))
      return failed_stop(v, i) ? std::string() : std::string("intercept");
    // "Russian defences falling five drones": the gloss of "الدفاعات تسقط" (the defences shoot
    // down), where the same letters also write "falls"; with the defences as its subject, the
    // verb downs what follows.
    // "the defenses dropped six drones" (machine-translated "أسقطت الدفاعات"): "drop" with the
    // defences as its subject downs what follows, as "falling" does.
    const bool drop = v.tokens[i].lower == "drop" || v.tokens[i].lower == "dropped" ||
                      v.tokens[i].lower == "drops";
    if ((v.token_in(i, Cue::kImpact) && v.tokens[i].lower.starts_with("fall")) || drop)
      for (std::size_t k = i; k > 0 && k + 4 > i; --k) {
        const auto& w = v.tokens[k - 1].lower;
        if (w == "defenses" || w == "defences" || w == "defense" || w == "defence")
          return "intercept";
        if (!v.tokens[k - 1].word) break;
      }
    if (v.token_in(i, Cue::kImpact)) return "impact";
    if (v.token_in(i, Cue::kLaunch)) return "launch";
    return {};
  };
  bool projectile_seen = false;  // "Two were shot down" after a sentence that named the drones
  const SentenceView* none_reached = nullptr;  // "Neither reached the compound."
  const SentenceView* all_stopped = nullptr;   // "destroyed the drones"
  // A claimant's own numbers ("saying it had targeted the base with three drones that hit their
  // targets") fill only what the reporting leaves open: the claim sentences come last.
  auto claim_sentence = [](const SentenceView& v) { return v.has(Cue::kClaim); };
  std::vector<const SentenceView*> order;
  for (std::size_t i : event.sentences)
    if (!claim_sentence(views[i])) order.push_back(&views[i]);
  for (std::size_t i : event.sentences)
    if (claim_sentence(views[i])) order.push_back(&views[i]);
  for (const SentenceView* view : order) {
    const auto& v = *view;
    for (std::size_t k = 0; k < v.tokens.size() && !projectile_seen; ++k)
      projectile_seen = is_projectile(lexicon, v, k);
    bool sentence_has_weapon = projectile_seen;
    const auto& t = v.tokens;
    std::optional<std::size_t> impact_at;  // where this sentence's impact count was read
    bool impact_bare = false;              // and whether it stood without a projectile noun
    // "Russia launched 598 drones and 31 missiles at Ukraine, ... shot down 563 drones": the
    // counts after a barrage on a whole country are that barrage's too, and so are those of the
    // next sentence of the paragraph when it names no site of ours ("Air defence neutralised
    // 450 drones and 41 missiles.").
    const std::size_t index = static_cast<std::size_t>(view - views.data());
    const bool names_our_site =
        std::any_of(v.hits.begin(), v.hits.end(), [](const Hit& h) { return is_site_hit(h); });
    bool barrage = !names_our_site && barrage_tally(lexicon, v);
    if (!names_our_site && index > 0 && index < views.size() &&
        views[index - 1].sentence.paragraph == v.sentence.paragraph &&
        barrage_tally(lexicon, views[index - 1]))
      barrage = true;
    for (std::size_t i = 0; i < t.size(); ++i) {
      // "the downing of a drone" (a verb's noun before "of") counts one; "part of a series" not.
      const bool of_a_verb = i >= 2 && t[i - 1].lower == "of" && !verb_category(v, i - 2).empty();
      bool article_position =
          i == 0 || of_a_verb ||
          !(t[i - 1].lower == "by" || t[i - 1].lower == "with" || t[i - 1].lower == "from" ||
            t[i - 1].lower == "of" || t[i - 1].lower == "in");
      auto n = count_at(v, i, article_position);
      if (!n) continue;
      // "No two aircraft hit the base", "none of the three drones": a count denied.
      if (i >= 1 &&
          (t[i - 1].lower == "no" || (i >= 3 && t[i - 1].lower == "the" && t[i - 2].lower == "of" &&
                                      (t[i - 3].lower == "none" || t[i - 3].lower == "neither"))))
        continue;
      // "fragments of one of the drones fell on the embassy", "debris from two of the missiles":
      // pieces of projectiles counted elsewhere, not projectiles of their own.
      if (i + 1 < t.size() && t[i + 1].lower == "of" && debris_of(v, i, i)) continue;
      bool article = (t[i].lower == "a" || t[i].lower == "an" || t[i].lower == "single") && *n == 1;
      // "A second drone impacted": the enumeration below counts it.
      if (article && i + 1 < t.size() && text::parse_ordinal(t[i + 1].lower)) continue;
      // "a barrage of rockets", "an unspecified number of drones": a quantity, not one.
      if (article && i + 1 < t.size() && is_quantifier(v, t[i + 1].lower)) continue;
      if (article && i + 2 < t.size() && is_quantifier(v, t[i + 2].lower)) continue;
      // "five to seven rockets", "two or three drones": the low value counts (the range stays
      // in the evidence sentence); the parser moves on to the noun after the high one.
      std::size_t range_skip = 0;
      if (!article && i + 2 < t.size() && (t[i + 1].lower == "to" || t[i + 1].lower == "or") &&
          count_at(v, i + 2, false))
        range_skip = 2;
      // "between five and seven".
      if (!article && i >= 1 && t[i - 1].lower == "between" && i + 2 < t.size() &&
          t[i + 1].lower == "and" && count_at(v, i + 2, false))
        range_skip = 2;
      // "Five of six drones were intercepted": five intercepted, six launched.
      // A plain int: GCC 12 at -O2 misreads an optional here as maybe uninitialized.
      int total = 0;
      std::size_t skip = range_skip;
      // "fell number (5) Katyusha rockets" (the gloss of the statements' "عدد (٥) صواريخ"): a
      // count in parentheses before its noun.
      // Only after "number", or opening its clause right before the noun ('"(14) rocket
      // fired'): "domingo (29) drones atacaram" is a day.
      const bool parenthesised = !article && i >= 1 && t[i - 1].lower == "(" && i + 2 < t.size() &&
                                 t[i + 1].lower == ")" &&
                                 ((i >= 2 && t[i - 2].lower == "number") ||
                                  ((i < 2 || !t[i - 2].word) && is_projectile(lexicon, v, i + 2)));
      if (parenthesised) skip = 1;
      // "Two of the three drones were shot down": the same, across the article.
      if (!range_skip && i + 3 < t.size() && t[i + 1].lower == "of") {
        const bool article_between = t[i + 2].lower == "the" || t[i + 2].lower == "its" ||
                                     t[i + 2].lower == "their" || t[i + 2].lower == "these";
        const std::size_t at = article_between ? i + 3 : i + 2;
        int whole = at < t.size() ? count_at(v, at, false).value_or(0) : 0;
        if (whole > *n) total = whole, skip = article_between ? 3 : 2;
      }
      // The projectile noun: a weapon term within the next four tokens, or "of them".
      std::size_t p = i + 1 + skip;
      bool projectile = false;
      for (; p < t.size() && p <= i + 4 + skip; ++p) {
        if (is_projectile(lexicon, v, p)) {
          projectile = true;
          while (p + 1 < t.size() && v.token_is_weapon(p + 1)) ++p;
          break;
        }
        // "Six projectiles fell": what was fired, unnamed, right after the number.
        if (p == i + 1 + skip && fired_noun(lexicon, v, p)) {
          projectile = true;
          break;
        }
        if (t[p].lower == "of" && p + 1 < t.size() &&
            (t[p + 1].lower == "them" || t[p + 1].lower == "which" || t[p + 1].lower == "those" ||
             t[p + 1].lower == "these")) {
          projectile = true;
          ++p;
          break;
        }
        if (t[p].lower == "of" && p + 2 < t.size() && t[p + 1].lower == "the" &&
            fired_noun(lexicon, v, p + 2)) {
          projectile = true;
          p += 2;
          while (p + 1 < t.size() && v.token_is_weapon(p + 1)) ++p;
          break;
        }
        // "Two militants' combat drones": the attackers' possessive mark between number and
        // noun ("two years' lull" is no count of rockets).
        const auto& mark = t[p].lower;
        // "two \"missiles hit the base\"": a quotation that opens after the number.
        if (p == i + 1 && is_quote_mark(mark)) continue;
        if ((mark == "'" || mark == "’") && p == i + 2 &&
            (v.word_in(lexicon::WordList::kEnemyHeads, t[i + 1].lower) ||
             v.word_in(lexicon::WordList::kAttackerHeads, t[i + 1].lower)))
          continue;
        if (!t[p].word || count_at(v, p, false) || verb_category(v, p) != "") break;
        // "Seven injured as rockets hit the hangar": the number counts people, and the rockets
        // belong to the clause after.
        if (v.token_in(p, Cue::kKilled) || v.token_in(p, Cue::kInjured) ||
            v.word_in(lexicon::WordList::kPersonHeads, t[p].lower))
          break;
      }
      if (projectile) {
        // "a drone attack" names the attack, it does not count drones.
        if (p + 1 < t.size() && (v.token_in(p + 1, Cue::kAttackNoun) ||
                                 t[p + 1].lower == "attack" || t[p + 1].lower == "attacks" ||
                                 t[p + 1].lower == "strike" || t[p + 1].lower == "strikes"))
          continue;
        if (p >= i + 1 && v.token_in(i + 1, Cue::kAttackNoun)) continue;
        // "A rocket attack targeted the base": the weapon term itself ends in the attack noun.
        const auto& noun = t[p].lower;
        if (noun == "attack" || noun == "attacks" || noun == "strike" || noun == "fire") continue;
      }
      std::string category;
      // 1. A verb right before the number: "intercepted five", "fired 14 rockets".
      const std::size_t hedge = number_hedge_start(v, i);
      for (std::size_t k = hedge; k > 0 && k + 3 > hedge; --k) {
        std::string c = verb_category(v, k - 1);
        // "militants sent six drones toward the base": a verb of sending before counted
        // projectiles aimed somewhere launches them ("sent two Patriot missile batteries to the
        // region" counts none).
        if (c.empty() && projectile && (t[k - 1].lower == "sent" || t[k - 1].lower == "dispatched"))
          for (std::size_t d = p + 1; d < t.size() && d <= p + 3; ++d)
            if (t[d].lower == "toward" || t[d].lower == "towards" || t[d].lower == "at" ||
                t[d].lower == "against")
              c = "launch";
        if (!c.empty()) {
          category = c;
          break;
        }
        const auto& w = t[k - 1].lower;
        // "the downing of two drones", "the shot down of a drone" (the gloss of "el derribo de
        // un dron"): a verb's noun and "of" before the number.
        // "fell number (4) rockets": the statements' count formula.
        if (w != "to" && w != "at" && w != "down" && w != "all" && w != "of" &&
            !(parenthesised && (w == "(" || w == "number")))
          break;
      }
      // A time or place set off by commas between the verb and its count: "intercepted, at dawn
      // on Monday, four hostile drones". Only over words naming no verb or clause of their own.
      // Not when the count has a verb of its own after it ("After the drones were intercepted,
      // on Monday, three rockets hit the base").
      bool own_verb_after = false;
      for (std::size_t k = p + 1; k < t.size() && k <= p + 4 && projectile; ++k)
        own_verb_after = own_verb_after || !verb_category(v, k).empty();
      if (category.empty() && projectile && !own_verb_after && hedge >= 2 &&
          t[hedge - 1].lower == ",")
        for (std::size_t j = hedge - 1; j-- > 0 && j + 10 > hedge;) {
          if (t[j].lower == ",") {
            if (j >= 1) category = verb_category(v, j - 1);
            break;
          }
          if (!t[j].word || !verb_category(v, j).empty() || v.token_in(j, Cue::kReportVerb) ||
              t[j].lower == "and" || t[j].lower == "which" || t[j].lower == "that" ||
              t[j].lower == "who")
            break;
        }
      // The verb of the part before, left out: "one fell inside the camp and the other two in
      // the fields nearby" (and the glosses of "los otros dos en las tierras alrededor", "os
      // outros dois em terrenos das imediações").
      const bool gapped = !projectile && category.empty() && found["impacted"].where == &v &&
                          i >= 2 && t[i - 1].lower == "other" && t[i - 2].lower == "the" &&
                          i + 1 < t.size() && opens_gapped_place(t[i + 1].lower);
      if (gapped) category = "impact";
      // Without a projectile noun the number must stand alone ("intercepted five", "two were
      // shot down"): "struck a strategic centre", "hit two buildings" count no projectiles.
      if (!projectile && !gapped) {
        if (article) continue;
        // Past an adverb: "the other two reportedly fell inside the compound".
        std::size_t next = i + 1;
        while (next + 1 < t.size() && v.word_in(lexicon::WordList::kAdverbs, t[next].lower) &&
               t[next].lower != "not")
          ++next;
        if (next < t.size() && t[next].word && !count_stands_alone(v, t[next].lower) &&
            verb_category(v, next).empty())
          continue;
      }
      if (!projectile && category.empty()) {
        // "two were shot down", "three impacts": a number standing for projectiles.
        if (!sentence_has_weapon && t[i + 1 < t.size() ? i + 1 : i].lower != "impacts") continue;
        std::size_t k = i + 1;
        // "the two others fell inside": the rest of the projectiles told; "13 had been
        // intercepted", "two have since been shot down".
        while (k < t.size() &&
               (t[k].lower == "were" || t[k].lower == "was" || t[k].lower == "reportedly" ||
                t[k].lower == "later" || t[k].lower == "had" || t[k].lower == "have" ||
                t[k].lower == "been" || t[k].lower == "since" ||
                (k == i + 1 && t[k].lower == "others")))
          ++k;
        if (k < t.size() && k <= i + 4 && !article) category = verb_category(v, k);
        if (category.empty()) continue;
      }
      bool verb_after = projectile && category.empty();
      if (projectile && category.empty()) {
        // 2. The verb after the projectile noun, within its clause.
        std::size_t last = p + 7;
        for (std::size_t k = p + 1; k < t.size() && k <= last; ++k) {
          // "Three drones, two of which were shot down, targeted the base": the relative
          // clause tells a part; the verb after it tells the whole.
          if (k == p + 1 && k + 2 < t.size() && t[k + 2].lower == "of")
            if (auto close = relative_clause_closing(t, k)) {
              last += *close - k;
              k = *close;
              continue;
            }
          if (is_clause_break(t[k]) || count_at(v, k, false) || clause_conjunction(t, k)) break;
          std::string c = verb_category(v, k);
          if (!c.empty()) {
            // "attacked by two drones ..., shot down US forces one of them" (the gloss's verb,
            // subject, object): the verb tells the part it takes, not the whole.
            if (!partitive_after(v, k)) category = c;
            break;
          }
          // "five of them were neutralized by our fire support vehicles": the participle after
          // the auxiliary is the verb, and its agent's words ("fire support") are none.
          if (k > p + 1 && v.word_in(lexicon::WordList::kAuxiliaries, t[k - 1].lower) &&
              t[k].lower.ends_with("ed") && k + 1 < t.size() && t[k + 1].lower == "by")
            break;
        }
      }
      if (projectile && category.empty() && !article) {
        // 3. A verb before, further back: "... fired at the base, including three rockets";
        // an instrument names what was launched: "targeted the US base in the Kurdistan
        // region with two drones".
        // "an attack by two drones": the attack's instrument as its agent.
        // Across a hedge on the number: "an attack with at least 14 rockets".
        const std::size_t lead = number_hedge_start(v, i);
        bool instrument =
            lead >= 1 && (t[lead - 1].lower == "with" || (t[lead - 1].lower == "by" && lead >= 2 &&
                                                          v.token_in(lead - 2, Cue::kAttackNoun)));
        // The agent of a passive attack verb, across the time told between them: "was targeted
        // in the early hours of Monday by three rockets" (the verb says what became of them:
        // "was struck ... by three rockets" hit).
        bool passive_agent = false;
        if (!instrument && lead >= 2 && t[lead - 1].lower == "by")
          for (std::size_t k = lead - 1; k-- > 0 && k + 12 > lead;) {
            if (is_clause_break(t[k])) break;
            // Any participle ("was targeted", "was struck", "were hit"), not "were attacking".
            if (k >= 1 && v.token_in(k, Cue::kAttackVerb) && !t[k].lower.ends_with("ing") &&
                v.word_in(lexicon::WordList::kAuxiliaries, t[k - 1].lower)) {
              passive_agent = true;
              break;
            }
          }
        // Arabic puts the subject and the time between the verb and its instrument ("shelled an
        // armed party, on Monday evening, the Zilkan base ... with five rockets").
        const std::size_t reach = instrument ? (v.glossed ? 30 : 16) : passive_agent ? 12 : 6;
        for (std::size_t k = i, seen = 0; k > 0 && seen < reach; --k, ++seen) {
          if (is_clause_break(t[k - 1])) break;
          // "targeted the Conoco base, which the coalition uses as its headquarters in the
          // province, with four rockets": the relative clause between the verb and its
          // instrument is skipped.
          if (instrument && t[k - 1].lower == ",")
            if (auto opening = relative_clause_opening(t, k - 1)) {
              bool verb_inside = false;
              for (std::size_t j = *opening + 1; j + 1 < k; ++j)
                verb_inside = verb_inside || !verb_category(v, j).empty();
              if (!verb_inside) {
                k = *opening + 1;
                continue;
              }
            }
          // So is a place set off by commas: "targeted the base in Kharab al-Jir, in the
          // countryside of al-Hasakah in northeastern Syria, with two drones".
          if (instrument && t[k - 1].lower == "," && k >= 2) {
            std::size_t open = k - 1;
            while (open > 0 && open + 20 > k - 1 && t[open - 1].lower != "," &&
                   verb_category(v, open - 1).empty())
              --open;
            if (open > 0 && open + 20 > k - 1 && t[open - 1].lower == "," && open + 1 < k) {
              const auto& w = t[open].lower;
              if (w == "in" || w == "near" || w == "outside" || w == "north" || w == "south" ||
                  w == "east" || w == "west" || w == "northeast" || w == "northwest" ||
                  w == "southeast" || w == "southwest") {
                k = open;  // the loop steps back past the opening comma
                continue;
              }
            }
          }
          // "struck the base with three rockets" says what was fired at it, not what hit; so
          // does an attack noun: "an attack with 14 rockets", "the attack was carried out with".
          std::string c = instrument && (v.token_in(k - 1, Cue::kAttackVerb) ||
                                         v.token_in(k - 1, Cue::kAttackNoun))
                              ? std::string("launch")
                              : verb_category(v, k - 1);
          // Beyond the English reach, only the attack's own verb: "interceptou ... um drone ...
          // com dois mísseis Patriot" counts the defence's missiles, not the attack's.
          if (!c.empty() && seen >= 16 && c != "launch") break;
          if (!c.empty()) {
            category = c;
            break;
          }
        }
      }
      // "A drone heading towards the base was shot down": the clause's last word on the drone
      // decides, not the launch verb that describes it.
      if (category == "launch" && verb_after)
        for (std::size_t k = p + 1; k < t.size() && k <= p + 20; ++k) {
          if (is_clause_break(t[k]) || count_at(v, k, false) || vague_part_relative(t, k)) break;
          // "Three rockets were fired at the base, but none of them hit it": a new clause with
          // a subject of its own; not "..., and were shot down", which goes on with the drones.
          if (const auto conj = clause_conjunction(t, k);
              conj && *conj + 1 < t.size() &&
              !v.word_in(lexicon::WordList::kAuxiliaries, t[*conj + 1].lower) &&
              verb_category(v, *conj + 1).empty())
            break;
          std::string c = verb_category(v, k);
          if (c == "intercept" || c == "impact") {
            if (!partitive_after(v, k)) category = c;
            break;
          }
        }
      if (category.empty()) continue;
      // "launched a drone" says little; "a drone targeted the base" is the one drone launched.
      if (article && category == "launch" && !verb_after) continue;
      // "with 11 more rockets ready to fire", "a third rocket was found unfired": projectiles
      // left at the launch site were not launched.
      if (unfired_in_clause(v, i)) continue;
      // "Russia had launched more than 80 drones and missiles at Ukraine overnight": a barrage
      // on a whole country, of which this attack's site took a part; not "at Iraq's Ain al-Asad".
      if (projectile && at_a_country(v, p)) barrage = true;
      // The barrage ends at a clause that names a site of ours ("..., and two missiles hit the
      // building housing foreign embassies").
      if (barrage && !at_a_country(v, p)) {
        std::size_t clause = i;
        while (clause > 0 && t[clause - 1].lower != "," && t[clause - 1].lower != ";" &&
               t[clause - 1].lower != "and" && t[clause - 1].lower != "with")
          --clause;
        std::size_t end = i;
        while (end < t.size() && t[end].lower != "," && t[end].lower != ";") ++end;
        if (std::any_of(v.hits.begin(), v.hits.end(), [&](const Hit& h) {
              return is_site_hit(h) && h.first >= clause && h.first < end;
            }))
          barrage = false;
      }
      if (barrage) continue;
      std::string field = category == "launch"      ? "launched"
                          : category == "intercept" ? "intercepted"
                                                    : "impacted";
      bool first_value = !found[field].value;
      bool bound = (i >= 2 && ((t[i - 2].lower == "more" && t[i - 1].lower == "than") ||
                               (t[i - 2].lower == "at" && t[i - 1].lower == "least"))) ||
                   (i >= 1 && t[i - 1].lower == "over");
      // Impacts told in parts within one sentence add up: "two striking inside and two hitting
      // the perimeter", "three struck within the embassy perimeter, while one hit a school";
      // not a part of the same ones ("two of them", "including two that hit the runway").
      // A part follows the one before it across "and", "while", "but" or ";" ("three struck
      // the Green Zone, one falling within the embassy" is one of the three; "the third one"
      // is the enumeration's).
      // Only bare parts ("with two striking inside and two hitting the perimeter"): after a total
      // with its noun ("Five rockets struck near the base; two landed inside and three fell in a
      // lot") the counts that follow break it down.
      auto& counted = found[field];
      bool part = field == "impacted" && counted.value && counted.where == &v && impact_at &&
                  impact_bare && !projectile && !counted.lower_bound && !bound && !article &&
                  !(i + 1 < t.size() && t[i + 1].lower == "of") &&
                  !(i >= 1 && text::parse_ordinal(t[i - 1].lower));
      // After "and" the part is a bare number ("and two hitting the perimeter"): "two rockets
      // landed ..., and two rockets hit ..." more often retells the same two.
      bool joined = false;
      // (A partitive's own "of which", "of them" is no relative clause.)
      std::size_t from = impact_at.value_or(i) + 1;
      if (from + 1 < i && t[from].lower == "of" &&
          (t[from + 1].lower == "which" || t[from + 1].lower == "them"))
        from += 2;
      for (std::size_t k = from; k < i && part; ++k) {
        const auto& w = t[k].lower;
        joined |= w == "while" || w == "whereas" || w == "and" || w == "but";
        part = w != "including" && w != "which" && w != "them" && w != "among" && w != "only";
      }
      // After a partitive part, only a part told near the target ("the other two landed in open
      // ground just outside it", "in an empty field nearby"), not one that missed ("several
      // hundred metres away", "on a house in Mosul, 20 kilometres to the south").
      if (part && joined && counted.partial) {
        bool near = false;
        for (std::size_t k = i + 1; k < t.size() && k <= i + 14; ++k) {
          const auto& w = t[k].lower;
          if (w == ";" || w == "while" || w == "but") break;
          if (v.word_in(lexicon::WordList::kWideOfTargetWords, w)) {
            near = false;
            break;
          }
          near |= w == "near" || w == "nearby" || w == "outside" || w == "next" ||
                  w == "adjacent" || w == "vicinity" || w == "perimeter" || w == "around" ||
                  w == "surrounding" || w == "surroundings" || w == "inside" || w == "within";
        }
        part = near;
      }
      if (part && joined) {
        if (!counted.first) counted.first = counted.value;
        counted.value = *counted.value + *n;
        impact_at = i;
        i += skip;
        continue;
      }
      // "Two of the rockets fell inside the perimeter, while the other two landed in open ground
      // outside it": a part of the whole, which the next part adds to.
      if (field == "impacted" && !counted.value)
        impact_at = i, impact_bare = !projectile || (i + 1 < t.size() && t[i + 1].lower == "of");
      set(field, *n, v, false, bound);
      if (first_value && article) found[field].single = true;
      // "One of the rockets struck the dining hall": how many there were is not said. When the
      // sentence tells the rest apart ("Three of the rockets struck the embassy, while the rest
      // fell near the river"), the part is all that hit, but the whole is still not told.
      if (first_value && total == 0 && i + 1 < t.size() && t[i + 1].lower == "of") {
        found[field].partial = true;
        const RestFate rest = rest_told_apart(v, i + 2);
        found[field].rest_missed = rest == RestFate::kMissed;
        found[field].rest_near = rest == RestFate::kNear;
      }
      if (total > 0 && field != "launched") set("launched", total, v, false);
      i += skip;
    }
    for (std::size_t i = 0; i + 2 < t.size(); ++i) {
      // "used countermeasures to destroy the drones", "shot down both drones": all of them.
      if ((t[i].lower == "destroy" || t[i].lower == "destroyed" ||
           v.token_in(i, Cue::kIntercept)) &&
          (t[i + 1].lower == "the" || t[i + 1].lower == "both" || t[i + 1].lower == "all") &&
          is_projectile(lexicon, v, i + 2) && !v.token_in(i + 1, Cue::kIntercept) &&
          !t[i + 2].lower.ends_with("'s") && t[i + 2].lower.ends_with("s") && !all_stopped)
        all_stopped = &v;
      // "shot down both of them", "intercepted all of the rockets".
      if ((t[i].lower == "destroyed" || v.token_in(i, Cue::kIntercept)) &&
          (t[i + 1].lower == "both" || t[i + 1].lower == "all") && t[i + 2].lower == "of" &&
          i + 3 < t.size() &&
          (t[i + 3].lower == "them" ||
           (t[i + 3].lower == "the" && i + 4 < t.size() && is_projectile(lexicon, v, i + 4))) &&
          !all_stopped)
        all_stopped = &v;
      // "Neither reached the compound", "none of the drones hit the base", and the gloss's "No two
      // aircraft hit the base" ("Aucun des deux appareils n'a atteint la base").
      // So does "No drone hit the compound" (the gloss of "Aucun drone n'a atteint l'enceinte").
      const bool no_count = t[i].lower == "no" && (count_at(v, i + 1, false).has_value() ||
                                                   is_projectile(lexicon, v, i + 1));
      if (t[i].lower == "neither" ||
          ((t[i].lower == "none" || no_count) && !v.has(Cue::kUncertain)))
        for (std::size_t j = i + 1; j < t.size() && j <= i + 5; ++j) {
          if (v.token_in(j, Cue::kImpact) || t[j].lower == "reached") {
            if (!none_reached) none_reached = &v;
            break;
          }
          if (!t[j].word) break;
        }
    }
    // "an attack with (one) drone": the projectile names the attack's kind.
    auto attack_names_it = [&](std::size_t i) {
      for (std::size_t k = i >= 4 ? i - 4 : 0; k < i; ++k)
        if (v.token_in(k, Cue::kAttackNoun)) return true;
      return false;
    };
    // Enumerated impacts: "One rocket hit the wall ..., and the second landed inside the base".
    for (std::size_t i = 0; i + 1 < t.size(); ++i) {
      std::optional<int> ordinal;
      if ((t[i].lower == "the" || t[i].lower == "a") && text::parse_ordinal(t[i + 1].lower))
        ordinal = text::parse_ordinal(t[i + 1].lower);
      // Arabic puts the ordinal after its noun: "drone third got inside base" (the gloss of
      // "المسيرة الثالثة وصلت إلى داخل القاعدة").
      // Not the attack's ordinal: "in the attack with drone third during 24 hours" (the gloss of
      // "في الهجوم بطائرة مسيرة الثالث", the third attack).
      else if (v.glossed && is_projectile(lexicon, v, i) && !t[i].lower.ends_with("s") &&
               text::parse_ordinal(t[i + 1].lower) && !attack_names_it(i))
        ordinal = text::parse_ordinal(t[i + 1].lower);
      else if (t[i].lower == "another")
        ordinal = 2;
      if (t[i].lower == "the" && i + 1 < t.size() && t[i + 1].lower == "other") ordinal = 2;
      // "Two drones ... The first was shot down and the second crashed into the wall": the first
      // of several counted is one projectile whose fate its verb tells.
      if (ordinal == 1 && t[i].lower == "the" && found["launched"].value &&
          *found["launched"].value >= 2) {
        std::string fate;
        for (std::size_t k = i + 2; k < t.size() && k <= i + 5 && fate.empty(); ++k) {
          std::string c = verb_category(v, k);
          if (c == "intercept" || c == "impact") fate = c;
        }
        // "Air defences downed the first drone": the verb before it, the first as its object.
        bool object = false;
        if (fate.empty() && i >= 1) {
          const std::string c = verb_category(v, i - 1);
          if (c == "intercept" || c == "impact") fate = c, object = true;
        }
        auto& first = found[fate == "impact" ? "impacted" : "intercepted"];
        if (!fate.empty() && !first.value && i + 2 < t.size() &&
            (t[i + 2].lower == "was" || t[i + 2].lower == "one" || fired_noun(lexicon, v, i + 2) ||
             !verb_category(v, i + 2).empty() || (object && is_projectile(lexicon, v, i + 2)))) {
          first.value = 1;
          first.where = &v;
        }
        continue;
      }
      if (!ordinal || *ordinal < 2) continue;
      // "the other two fell", "another three landed": a number of their own, which the count
      // reader above has read; not one more.
      std::size_t counted_at = t[i].lower == "another" ? i + 1 : i + 2;
      if (counted_at < t.size() && text::parse_number(t[counted_at].lower)) continue;
      // "the second landed inside the base", "the third managed to strike": one more impact
      // than this sentence has counted so far.
      // The verb after it says what happened to that one: hit ("the second landed") or was
      // stopped ("the second was diverted").
      std::string follows;
      std::size_t after = t[i].lower == "another" ? i + 1 : i + 2;  // "another exploded"
      for (std::size_t k = after; k < t.size() && k <= i + 6 && follows.empty(); ++k) {
        std::string c = verb_category(v, k);
        if (c == "intercept" || c == "impact") follows = c;
      }
      // The verb of the part before, left out: "two fell in empty land and the third inside the
      // airport compound".
      // Only a part joined to the one before ("and the third"), and in a place ("on" also opens a
      // day). Not "another", which tells another attack as often ("a drone struck a base in Syria
      // and another near Erbil").
      // The place must be the target's: "and the other in a nearby village" fell away from it.
      if (follows.empty() && t[i].lower == "the" && found["impacted"].where == &v &&
          after < t.size() && opens_gapped_place(t[after].lower) && t[after].lower != "on" &&
          i >= 1 && (t[i - 1].lower == "and" || t[i - 1].lower == "while")) {
        // Across "the immediate vicinity of": "and the other in the immediate vicinity of the
        // main entrance".
        bool at_target = false;
        std::size_t reach = after + 3;
        for (std::size_t m = after + 1; m < t.size() && m <= after + 3; ++m)
          if (t[m].lower == "vicinity" || t[m].lower == "proximity") reach = m + 4;
        for (std::size_t m = after + 1; m < t.size() && m <= reach; ++m)
          at_target = at_target || names_target_or_part(v, m);
        if (at_target) follows = "impact";
      }
      if (follows.empty()) continue;
      // "The second landed", "a second rocket struck"; not "the second attack to hit the base
      // this month" (an attack counted, not a projectile).
      auto stands_for_a_projectile = [&](std::size_t k) {
        if (k >= t.size()) return false;
        const auto& w = t[k].lower;
        return fired_noun(lexicon, v, k) || w == "projectile" || !verb_category(v, k).empty() ||
               w == "was" || w == "were" || w == "had" || w == "has" || w == "one";
      };
      // "the second intercepted near the airport this month": a count of incidents over a span.
      bool over_a_span = false;
      for (std::size_t k = i + 2; k < t.size() && k <= i + 10 && !is_clause_break(t[k]); ++k) {
        const auto& w = t[k].lower;
        over_a_span |= w == "month" || w == "week" || w == "year" || w == "weeks" ||
                       w == "months" || w == "days" || w == "hours";
      }
      if (over_a_span) continue;
      auto& f = found[follows == "impact" ? "impacted" : "intercepted"];
      bool first_in_sentence = false;
      for (std::size_t k = 0; k < i; ++k)
        first_in_sentence |= t[k].lower == "one" || t[k].lower == "first";
      // "The first missile hit the runway, while the second landed near a hangar": both hit.
      bool first_too = false;
      // (The gloss of Arabic puts the verb first: "And has fallen aircraft first inside base".)
      for (std::size_t k = 0; k + 1 < i && !first_too; ++k)
        if (t[k].lower == "first" || t[k].lower == "one")
          for (std::size_t j = v.glossed && k >= 3 ? k - 3 : k + 1; j < i && j <= k + 4; ++j)
            if (j != k && verb_category(v, j) == follows) first_too = true;
      // "Two rockets struck the Green Zone. One was destroyed in the air and the other landed
      // near a monument": the enumeration splits the two the sentence before counted, so they
      // were what was fired, and one of them hit.
      const bool first_stopped = follows == "impact" && found["intercepted"].where == &v;
      if (first_stopped && f.value && f.where && &v > views.data() && f.where == &v - 1 &&
          *f.value == *ordinal && !found["launched"].value) {
        found["launched"].value = f.value;
        found["launched"].where = f.where;
        f.value = 1;
        f.where = &v;
      } else if (f.value && f.where == &v) {
        // "two rockets hit the base, one of which fell inside and the other outside": the
        // enumeration splits the whole the sentence counted; it adds none.
        bool splits_the_whole = false;
        for (std::size_t k = 0; k + 2 < i; ++k)
          splits_the_whole |= t[k].lower == "one" && t[k + 1].lower == "of" &&
                              (t[k + 2].lower == "which" || t[k + 2].lower == "them");
        if (splits_the_whole && *f.value >= *ordinal) continue;
        f.value = *f.value + 1;
      } else if (f.value && *f.value == *ordinal - 1 && t[i].lower != "another" &&
                 stands_for_a_projectile(i + 2) && &v > views.data() && f.where == &v - 1 &&
                 !first_in_sentence) {
        // Told over two sentences: "One fell on the wall of the compound. The second landed
        // inside the base." The count so far is the ones the sentence before told; a sentence
        // that tells its own "one ... the other" retells the account, it adds nothing.
        f.value = *ordinal;
        f.where = &v;
      } else if (!f.value && first_too && t[i].lower != "another") {
        f.value = *ordinal;
        f.where = &v;
      } else if (!f.value) {
        f.value = 1;
        f.where = &v;
      }
    }
  }
  // "It later revised that figure to three", "the count was corrected to four": a figure given
  // again by its own source replaces the one the sentence before (or the same sentence) gave.
  // (Read in every sentence: the revision may tell no attack of its own.)
  for (const SentenceView& revision : views) {
    const SentenceView* v = &revision;
    const auto& t = v->tokens;
    for (std::size_t i = 0; i < t.size(); ++i) {
      if (!v->word_in(lexicon::WordList::kRevisionVerbs, t[i].lower)) continue;
      // Only a figure of the projectiles ("that figure", "the number of rockets"): not a toll,
      // a tally or an alert level ("raised the tally of attacks to 165", "its alert level to 4").
      std::optional<int> value;
      bool projectiles = true;
      for (std::size_t k = i + 1; k + 1 < t.size() && k <= i + 5 && !value && projectiles; ++k) {
        const auto& w = t[k].lower;
        if (w == "to") {
          value = count_at(*v, k + 1, false);
        } else if (w != "that" && w != "the" && w != "its" && w != "this" && w != "figure" &&
                   w != "count" && w != "number" && w != "of" && !is_projectile(lexicon, *v, k)) {
          projectiles = false;
        }
      }
      if (!value || !projectiles) continue;
      // The figure revised is the number fired when that sentence gave one ("five rockets were
      // fired, two hit the base. It later revised that figure to three"), else its one count.
      auto given_here = [&](const Found& f) {
        return f.value && f.where && (f.where == v || f.where + 1 == v) && *f.value != *value;
      };
      Found* revised = given_here(found["launched"]) ? &found["launched"] : nullptr;
      for (auto& [field, f] : found)
        if (!revised && given_here(f)) revised = &f;
      if (revised) {
        revised->value = value;
        revised->where = v;
        revised->lower_bound = false;
      }
    }
  }
  // Parts that add up to more than were fired were no parts: the first count stands.
  if (auto& hit = found["impacted"];
      hit.first && found["launched"].value && *hit.value > *found["launched"].value)
    hit.value = hit.first;
  // "The drones were shot down", "they were intercepted", "both were downed": an interception
  // of the projectiles already counted, with no number of their own.
  if (!all_stopped && found["launched"].value && !found["intercepted"].value &&
      !found["impacted"].value)
    all_stopped = told_all_stopped(lexicon, order, *found["launched"].value);
  // "The rockets struck inside the base", "they landed near the runway": the projectiles
  // already counted hit, with no number of their own.
  // "One of the rockets fell inside the camp, and the rest landed in farmland nearby": all of
  // those fired hit.
  if (auto& hit = found["impacted"]; hit.value && hit.partial && hit.rest_near &&
                                     found["launched"].value && !found["intercepted"].value &&
                                     *found["launched"].value > *hit.value) {
    hit.value = found["launched"].value;
    hit.partial = false;
  }
  const bool impacted_open =
      !found["impacted"].value || (found["impacted"].partial && !found["impacted"].rest_missed);
  if (found["launched"].value && impacted_open && !found["intercepted"].value && !all_stopped)
    if (const SentenceView* hit = told_all_hit(lexicon, order, *found["launched"].value)) {
      found["impacted"].value = found["launched"].value;
      found["impacted"].where = hit;
      found["impacted"].partial = false;
    }
  if (all_stopped && !found["intercepted"].value && found["launched"].value &&
      !found["impacted"].value) {
    found["intercepted"].value = found["launched"].value;
    found["intercepted"].where = all_stopped;
  }
  if (none_reached && !found["impacted"].value && found["intercepted"].value) {
    found["impacted"].value = 0;
    found["impacted"].where = none_reached;
  }

  // "The drone struck the base", "a roadside bomb hit the convoy" in an article that speaks of
  // one projectile or device only: one hit.
  if (!found["impacted"].value && !found["launched"].value && !found["intercepted"].value) {
    bool plural = false;
    const SentenceView* single_hit = nullptr;
    const SentenceView* single_fired = nullptr;
    const SentenceView* single_stopped = nullptr;
    for (const SentenceView* view : order) {
      const auto& v = *view;
      const auto& t = v.tokens;
      for (const Hit* h : v.all(lexicon::Kind::kWeapon)) {
        if (!is_projectile(lexicon, v, h->last) && lexicon.weapon(h->entry).weapon != "ied")
          continue;
        // Rockets never fired ("found the launch pad with 11 more rockets") are no second
        // projectile; unfired_in_clause() reads "11 more" from the count before the noun.
        const std::size_t count =
            h->first >= 2 && count_at(v, h->first - 2, false) ? h->first - 2 : h->first;
        // "a drone attack", "the rocket strike", "targeted by a rocket attack" name the attack,
        // not one projectile, and "Drone attacks US base" names no projectiles in the plural
        // ("Drones attack US base" does).
        const auto& noun = t[h->last].lower;
        if (noun == "attack" || noun == "strike" || noun == "fire" || noun == "attacks" ||
            noun == "strikes")
          continue;
        if (noun.ends_with("s") && !unfired_in_clause(v, count)) plural = true;
        if (h->last + 1 < t.size() && v.token_in(h->last + 1, Cue::kAttackNoun)) continue;
        // "Debris from an intercepted missile landed inside the compound": the pieces landed.
        if (debris_of(v, h->first, h->last)) continue;
        // The article, across one modifier: "a drone", "a Turkish drone", "the suicide drone".
        auto article_at = [&](std::size_t k) {
          return t[k].lower == "the" || t[k].lower == "a" || t[k].lower == "an";
        };
        std::optional<std::size_t> article;
        if (h->first >= 1 && article_at(h->first - 1))
          article = h->first - 1;
        else if (h->first >= 2 && article_at(h->first - 2) && t[h->first - 1].word &&
                 !count_at(v, h->first - 1, false))
          article = h->first - 2;
        // What became of the one projectile, told right after it: "The drone was shot down", a
        // headline's "Drone shot down near Erbil airport".
        auto stopped_after = [&](std::size_t reach) {
          if (v.has(Cue::kUncertain)) return false;
          for (std::size_t k = h->last + 1; k < t.size() && k <= h->last + reach; ++k)
            if (v.token_in(k, Cue::kIntercept) && !negated_in_clause(v, k)) return true;
          return false;
        };
        if (article && t[*article].lower == "the" && stopped_after(4)) single_stopped = &v;
        if (single_hit) continue;
        // A verb of firing tells the launch, not a hit: "Rocket fired at US embassy".
        auto hit_verb = [&](std::size_t k) {
          const auto& w = t[k].lower;
          if (w == "fired" || w == "fires" || w == "launched" || w == "launches") return false;
          // The preposition of "fired at" belongs to the verb of firing too.
          if ((w == "at" || w == "on" || w == "toward" || w == "towards") && k >= 1 &&
              (t[k - 1].lower == "fired" || t[k - 1].lower == "launched"))
            return false;
          return v.token_in(k, Cue::kImpact) || v.token_in(k, Cue::kAttackVerb);
        };
        // With no article, a singular noun right before its verb: "Rocket hits US embassy", and
        // the gloss of Arabic, which has no indefinite article ("Katyusha rocket fell central
        // Green Zone", "صاروخ كاتيوشا سقط").
        if (!article) {
          const bool bare_singular = !t[h->last].lower.ends_with("s") &&
                                     (h->first == 0 || !count_at(v, h->first - 1, false)) &&
                                     h->last + 1 < t.size();
          // Stopped, as the object of a verb of stopping right before it ("Shooting down drone
          // targeted al-Tanf base", the gloss of "إسقاط مسيرة استهدفت"), or across the defences
          // or forces as the subject between, as the gloss keeps Arabic verb-first order
          // ("اعترضت منظومة سي رام طائرة مسيرة" reads "intercepted C-RAM drone").
          bool stopped = false;
          if (bare_singular && !v.has(Cue::kUncertain)) {
            bool defences = false;
            for (std::size_t k = h->first; k-- > 0 && h->first - k <= 16;) {
              if (v.token_is_weapon(k) || (!t[k].word && t[k].lower != ",")) break;
              if (v.token_in(k, Cue::kIntercept)) {
                stopped = (defences || k + 1 == h->first) && !negated_in_clause(v, k);
                break;
              }
              // The defences or the forces that down it: "أسقطت قوات التحالف طائرة مسيرة".
              defences = defences || v.token_in(k, Cue::kAirDefense) ||
                         v.token_in(k, Cue::kTargetMilitary);
            }
          }
          stopped = stopped || (bare_singular && stopped_after(1));
          if (stopped) {
            single_stopped = &v;
            continue;
          }
          if (bare_singular && hit_verb(h->last + 1)) single_hit = &v;
          // "Rocket fired at US embassy": one launched, nothing said of where it fell.
          if (bare_singular && !single_fired &&
              (t[h->last + 1].lower == "fired" || t[h->last + 1].lower == "launched"))
            single_fired = &v;
          continue;
        }
        // Across a short "of" phrase after the noun: "An explosive device of low intensity
        // exploded near the embassy".
        const std::size_t reach =
            h->last + 1 < t.size() && t[h->last + 1].lower == "of" ? h->last + 5 : h->last + 3;
        for (std::size_t k = h->last + 1; k < t.size() && k <= reach; ++k) {
          if (reach > h->last + 3 && !t[k].word) break;  // the "of" phrase ends at punctuation
          if (hit_verb(k)) {
            single_hit = &v;
            break;
          }
        }
        // The agent of a passive hit: "the base was hit by a Turkish drone", also after a time
        // phrase ("was struck early Sunday by a Shahed drone"), where only a verb of hitting
        // tells a hit ("was targeted this morning by a drone" does not).
        if (*article >= 2 && t[*article - 1].lower == "by")
          for (std::size_t k = *article - 2, seen = 0; seen < 4 && !single_hit; --k, ++seen) {
            if (seen == 0 ? hit_verb(k) : hit_verb(k) && v.token_in(k, Cue::kImpact))
              single_hit = &v;
            if (k == 0 || !t[k].word ||
                !(v.token_in_date(k) || v.word_in(lexicon::WordList::kDayParts, t[k].lower) ||
                  t[k].lower == "early" || t[k].lower == "late" || t[k].lower == "on" ||
                  t[k].lower == "overnight"))
              break;
          }
        // A device is hit by its victims: "the patrol hit an improvised explosive device".
        if (*article >= 1 && lexicon.weapon(h->entry).weapon == "ied" && hit_verb(*article - 1))
          single_hit = &v;
      }
    }
    // Stopped, unless a sentence tells it landed ("the drone hit a hangar"); "the base was
    // attacked by a drone" tells no landing.
    if (single_stopped && !plural && !(single_hit && single_hit->has(Cue::kImpact))) {
      found["intercepted"].value = 1;
      found["intercepted"].where = single_stopped;
    } else if (single_hit && !plural) {
      found["impacted"].value = 1;
      found["impacted"].where = single_hit;
      found["impacted"].single = true;
    } else if (single_fired && !plural) {
      found["launched"].value = 1;
      found["launched"].where = single_fired;
    }
  }
  // "engaged two drones, destroying one and damaging the second ... The damaged drone still came
  // down inside the base": with all but one of those launched stopped, the one left that a
  // sentence tells landed ("the damaged drone", "the other missile") is the one impact.
  if (!found["impacted"].value && found["launched"].value && found["intercepted"].value &&
      *found["launched"].value - *found["intercepted"].value == 1)
    for (const SentenceView* view : order) {
      const auto& v = *view;
      const auto& t = v.tokens;
      if (v.has(Cue::kUncertain)) continue;
      const bool told = std::ranges::any_of(v.all(lexicon::Kind::kWeapon), [&](const Hit* h) {
        const auto& noun = t[h->last].lower;
        if (!is_projectile(lexicon, v, h->last) || noun.ends_with("s") ||
            debris_of(v, h->first, h->last))
          return false;
        // The definite article, across up to two modifiers: "the damaged drone", "the
        // other, damaged drone".
        bool definite = false;
        for (std::size_t k = h->first; k-- > 0 && k + 3 >= h->first;)
          if (t[k].lower == "the") definite = true;
        if (!definite) return false;
        // Not one that fell wide: "fell in open desert several kilometres away".
        for (std::size_t k = h->last + 1; k < t.size(); ++k) {
          const auto& w = t[k].lower;
          if (v.word_in(lexicon::WordList::kWideOfTargetWords, w)) return false;
        }
        for (std::size_t k = h->last + 1; k < t.size() && k <= h->last + 4; ++k)
          if (v.token_in(k, Cue::kImpact) && !negated_in_clause(v, k)) return true;
        return false;
      });
      if (!told) continue;
      found["impacted"].value = 1;
      found["impacted"].where = &v;
      break;
    }
  // Launched is derived where the text accounts for the whole attack: what the defences engaged
  // and what hit ("two drones were shot down"), a lone projectile ("a single drone hit the
  // base"), or an attack told as "three rockets hit the embassy" with nothing said of others.
  // Not one projectile accounted for when the article gives them a vague plural number ("several
  // drones approached the base ... at least one was shot down", "shot down one drone but could
  // not say how many had been launched"): more than one was fired.
  bool whole_attack = (found["intercepted"].value && !found["intercepted"].partial) ||
                      (found["impacted"].value && !found["impacted"].partial);
  // Nor a lower bound ("Several rockets were fired ..., with at least two landing inside"); an
  // exact account after a vague lead ("a number of rockets ... three fell inside") still is.
  const bool parts_a_bound = found["intercepted"].lower_bound || found["impacted"].lower_bound;
  if (whole_attack &&
      (found["intercepted"].value.value_or(0) + found["impacted"].value.value_or(0) == 1 ||
       parts_a_bound) &&
      uncounted_plural(lexicon, order))
    whole_attack = false;
  if (!found["launched"].value && whole_attack) {
    auto& launched = found["launched"];
    launched.value = found["intercepted"].value.value_or(0) + found["impacted"].value.value_or(0);
    launched.where = found["impacted"].where ? found["impacted"].where : found["intercepted"].where;
  }
  // "a one-way drone attack", "the base was attacked by a suicide drone", "shot down an
  // explosive-laden drone": an article that speaks of one projectile, never of several, and
  // gives no figure, tells of one launched.
  if (!found["launched"].value && !found["intercepted"].value && !found["impacted"].value)
    if (const LoneProjectile lone = lone_projectile(lexicon, order); lone.where) {
      found["launched"].value = 1;
      found["launched"].where = lone.where;
      const SentenceView* stopped = lone.stopped ? lone.where : told_all_stopped(lexicon, order, 1);
      if (stopped) {
        found["intercepted"].value = 1;
        found["intercepted"].where = stopped;
      } else if (const SentenceView* hit = told_all_hit(lexicon, order, 1)) {
        // "... and the drone fell near the watch tower": what became of the one projectile.
        found["impacted"].value = 1;
        found["impacted"].where = hit;
      }
    }
  // "The drone was not intercepted", "air defences failed to intercept the rockets": none of
  // those fired was stopped.
  if (found["launched"].value && !found["intercepted"].value)
    for (const SentenceView* view : order) {
      const auto& v = *view;
      const auto intercepts = v.all(Cue::kIntercept);
      // Not a part ("one was not intercepted", "two of the rockets", "not all"), nor after a stop
      // told in the same sentence ("Most were shot down, but one was not intercepted").
      auto whole = [&](const Hit* h) {
        const auto& t = v.tokens;
        // A stop told before, anywhere in the sentence; a part, in the clause.
        for (std::size_t k = 0; k + 4 < h->first; ++k)
          if (v.token_in(k, Cue::kIntercept)) return false;
        std::size_t clause = h->first;
        while (clause > 0 && t[clause - 1].lower != "," && t[clause - 1].lower != ";" &&
               t[clause - 1].lower != "but")
          --clause;
        for (std::size_t k = clause; k < h->first; ++k) {
          const auto& w = t[k].lower;
          if (count_at(v, k, false) || w == "one" || w == "some" || w == "most" || w == "all" ||
              w == "several" || w == "part")
            return false;
        }
        // "failed to intercept one of them" is a part; "the two rockets" are all of them.
        for (std::size_t k = h->last + 1; k < t.size() && k <= h->last + 3; ++k) {
          const auto& w = t[k].lower;
          if (w == "the" || w == "both" || w == "all" || w == "them" || w == "it") return true;
          if (w == "one" || w == "some" || w == "most" || w == "of") return false;
        }
        return true;
      };
      if (std::any_of(intercepts.begin(), intercepts.end(), [&](const Hit* h) {
            return failed_stop(v, h->first) && !uncertain_in_clause(v, h->first) && whole(h);
          })) {
        found["intercepted"].value = 0;
        found["intercepted"].where = &v;
        break;
      }
    }
  // "twenty-two missiles landed between 01:45 and 02:15: seventeen against Ain al-Asad ... and
  // five against Erbil": a total split by site after a colon; this event's site takes its share.
  if (event.place.facility)
    for (auto& [field, f] : found) {
      if (!f.value || !f.where) continue;
      if (const auto share = site_share(lexicon, *f.where, *event.place.facility, *f.value))
        f.value = share;
    }
  Counts out;
  for (const auto& [field, f] : found) {
    if (!f.value) continue;
    auto& slot = field == "launched"      ? out.launched
                 : field == "intercepted" ? out.intercepted
                                          : out.impacted;
    slot.value = f.value;
    slot.evidence = evidence_of(*f.where);
  }
  return out;
}

DefenseFlags read_defense_flags(const Annotated& article, const Event& event) {
  DefenseFlags out;
  for (std::size_t i : event.sentences) {
    const auto& v = article.sentences[i];
    if (v.has(Cue::kUncertain) || v.has(Cue::kDrill)) continue;
    if (v.has(Cue::kAlarm) && !out.alarm_sounded.value) {
      out.alarm_sounded.value = true;
      out.alarm_sounded.evidence = evidence_of(v);
    }
    if (v.has(Cue::kAirDefense) && v.has(Cue::kIntercept) && !out.air_defense_engaged.value) {
      out.air_defense_engaged.value = true;
      out.air_defense_engaged.evidence = evidence_of(v);
    }
  }
  return out;
}

}  // namespace sitrep::extract
