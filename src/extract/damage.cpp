#include <algorithm>
#include <set>
#include <string>
#include <string_view>

#include "extract/readers.h"

namespace sitrep::extract {
namespace {

using lexicon::Cue;

int damage_rank(std::string_view level) {
  if (level == "none") return 1;
  if (level == "minor") return 2;
  if (level == "significant") return 3;
  return 0;
}

// "The strike destroyed two vehicles", "destroying a hangar": a structure or vehicle destroyed
// (not a drone destroyed in the air) is significant damage.
bool destroyed_structure(const SentenceView& v) {
  const auto& t = v.tokens;
  for (std::size_t i = 0; i < t.size(); ++i) {
    if (t[i].lower != "destroyed" && t[i].lower != "destroying") continue;
    if (uncertain_in_clause(v, i)) continue;
    // "destroying the two aircraft in the air before they reached the target": drones stopped
    // in flight (the gloss of "تدمير الطائرتين في الجو"), not aircraft on the ground.
    auto in_flight = [&](std::size_t from) {
      for (std::size_t k = from; k < t.size() && k <= from + 3; ++k) {
        const auto& w = t[k].lower;
        // "in the air", "in mid-air", "in flight" (not "the air base", "the flight line").
        const bool in_before = k >= 1 && t[k - 1].lower == "in";
        const bool in_the_before = k >= 2 && t[k - 1].lower == "the" && t[k - 2].lower == "in";
        const bool ends_phrase = k + 1 >= t.size() || !t[k + 1].word ||
                                 t[k + 1].lower == "before" || t[k + 1].lower == "and" ||
                                 t[k + 1].lower == "over" || t[k + 1].lower == "by";
        if (((w == "mid-air" || w == "midair" || w == "flight") && in_before && ends_phrase) ||
            (w == "air" && in_the_before && ends_phrase) ||
            (w == "before" && k + 1 < t.size() && t[k + 1].lower.starts_with("reach")))
          return true;
      }
      return false;
    };
    for (std::size_t k = i + 1; k < t.size() && k <= i + 4; ++k) {
      if (v.word_in(lexicon::WordList::kDestroyedThings, t[k].lower)) {
        if (in_flight(k + 1)) break;
        return true;
      }
      if (!t[k].word || v.token_is_weapon(k)) break;
    }
    // The passive: "a hangar was destroyed", "several hangars and a tent were destroyed" (not
    // "the drone was destroyed", a projectile stopped).
    if (i >= 2 &&
        (t[i - 1].lower == "was" || t[i - 1].lower == "were" || t[i - 1].lower == "been")) {
      for (std::size_t k = i - 1; k-- > 0 && k + 7 > i;) {
        // "the aircraft was destroyed" in a report of drones ("l'appareil a été détruit"): what
        // was fired, stopped.
        // Not a relative clause's object: "The drone that approached the hangar was destroyed".
        const auto& w = t[k].lower;
        if (!t[k].word || v.token_is_weapon(k) || v.word_in(lexicon::WordList::kFiredNouns, w) ||
            w == "that" || w == "which" || w == "who" ||
            std::any_of(v.hits.begin(), v.hits.end(), [&](const Hit& h) {
              return h.kind == lexicon::Kind::kTrigger && h.first <= k && k <= h.last;
            }))
          break;
        if (v.word_in(lexicon::WordList::kDestroyedThings, t[k].lower)) {
          // The subject, not the object of a relative clause inside it ("The drone that
          // approached the hangar was destroyed").
          bool relative = false;
          for (std::size_t j = k; j-- > 0 && j + 6 > k && t[j].word;)
            relative =
                relative || t[j].lower == "that" || t[j].lower == "which" || t[j].lower == "who";
          if (!relative) return true;
        }
      }
    }
  }
  return false;
}

// "One drone hit a guard tower", "a rocket fell on a house": a projectile that hit a building or a
// vehicle did some damage. The thing struck follows the hit within four words ("landed on the
// roof of"), unless a word puts it beside the hit ("fell near a school"); a capitalised one is a
// site's name ("struck Tower 22").
bool hit_a_structure(const SentenceView& v) {
  const auto& t = v.tokens;
  for (const Hit* h : v.all(Cue::kImpact)) {
    if (uncertain_in_clause(v, h->first) || negated_in_clause(v, h->first)) continue;
    // "shot down before they could hit any buildings", "but none hit the runway", "failing to
    // hit the hangars": a hit that did not happen.
    bool unreal = false;
    for (std::size_t k = h->first >= 3 ? h->first - 3 : 0; k < h->first; ++k) {
      const auto& w = t[k].lower;
      unreal = unreal || w == "could" || w == "none" || w == "failing" || w == "failed" ||
               w == "before" || w == "not" || w == "no" || w == "without";
    }
    if (unreal) continue;
    for (std::size_t k = h->last + 1; k < t.size() && k <= h->last + 4; ++k) {
      if (!t[k].word || v.word_in(lexicon::WordList::kImpactStops, t[k].lower)) break;
      // "struck the Tower 22 outpost" names the site, not a building in it.
      if (!t[k].capitalized && v.word_in(lexicon::WordList::kStruckThings, t[k].lower)) return true;
    }
  }
  return false;
}

// "shooting down one and damaging the second", "damaging the drone": what was damaged is one of
// the projectiles, not the site.
bool damages_a_projectile(const SentenceView& v, const Hit& h) {
  const auto& t = v.tokens;
  // "the drone caught fire and fell in a field": the projectile's own fire, told with the
  // projectile as the subject of "caught fire" / "on fire" ("the drone strike caused a fire" is
  // a fire the attack set).
  const bool own_fire = h.first >= 1 && t[h.last].lower == "fire" &&
                        (t[h.first].lower == "caught" || t[h.first].lower == "on");
  if (own_fire)
    for (std::size_t k = h.first >= 2 ? h.first - 2 : 0; k < h.first; ++k) {
      if (v.token_is_weapon(k)) return true;
      // "after the launch the truck caught fire": the launcher's own fire, in a sentence that
      // tells the launch.
      if (v.word_in(lexicon::WordList::kLauncherNouns, t[k].lower) && v.has(Cue::kLaunch))
        // ... the one the sentence says they were fired from ("launched from a truck").
        for (std::size_t j = 0; j + 1 < k; ++j)
          if ((t[j].lower == "from" || (v.glossed && t[j].lower == "of")) &&
              (t[j + 1].lower == t[k].lower || (j + 2 < k && t[j + 2].lower == t[k].lower) ||
               (j + 3 < k && t[j + 3].lower == t[k].lower)))
            return true;
    }
  for (std::size_t k = h.last + 1; k < t.size() && k <= h.last + 3; ++k) {
    if (v.token_is_weapon(k)) return true;
    const auto& w = t[k].lower;
    if (w == "second" || w == "other" || w == "first" || w == "third") return true;
    if (!t[k].word) break;
  }
  return false;
}

// Whether a damage cue of this kind is said in a clause that no uncertainty phrase governs:
// "The rockets caused some material damage, and there was no word of casualties" still says
// there was damage.
bool said(const SentenceView& v, Cue cue) {
  for (const Hit* h : v.all(cue)) {
    // "no losses among the Turkish soldiers" (the gloss of "لا خسائر في صفوف"): losses of
    // people only, nothing said of damage.
    if (cue == Cue::kDamageNone && h->last + 1 < v.tokens.size() &&
        v.tokens[h->last + 1].lower == "among") {
      // "... nor in the equipment", "among personnel or equipment": things too.
      bool things = false;
      for (std::size_t k = h->last + 2; k < v.tokens.size() && k <= h->last + 10 && !things; ++k)
        things = v.tokens[k].lower == "equipment" || v.tokens[k].lower == "materiel" ||
                 v.tokens[k].lower == "vehicles" || v.tokens[k].lower == "property";
      if (!things) continue;
    }
    if (!uncertain_in_clause(v, h->first) && !damages_a_projectile(v, *h)) return true;
  }
  return false;
}

// "The damage was minimal", "the damage they caused was limited", the gloss of "los daños
// fueron mínimos": the extent a damage noun is given as its predicate, within its clause.
// Returns the damage level it says, or an empty view.
std::string_view extent_predicate(const SentenceView& v, std::size_t noun) {
  const auto& t = v.tokens;
  // "Details about the damage were limited": the damage is not the subject.
  if (noun >= 1 && (t[noun - 1].lower == "about" || t[noun - 1].lower == "of" ||
                    t[noun - 1].lower == "on" || t[noun - 1].lower == "regarding"))
    return {};
  if (noun >= 2 && (t[noun - 1].lower == "the" || t[noun - 1].lower == "any") &&
      (t[noun - 2].lower == "about" || t[noun - 2].lower == "of" || t[noun - 2].lower == "on"))
    return {};
  for (std::size_t k = noun + 1; k < t.size() && k <= noun + 6; ++k) {
    if (!t[k].word) break;
    const auto& w = t[k].lower;
    if (w != "was" && w != "were" && w != "is" && w != "are" && w != "remained" && w != "been")
      continue;
    std::size_t adjective = k + 1;
    if (adjective < t.size() && (t[adjective].lower == "very" || t[adjective].lower == "only" ||
                                 t[adjective].lower == "relatively"))
      ++adjective;
    if (adjective >= t.size()) break;
    if (v.word_in(lexicon::WordList::kDamageExtentMinor, t[adjective].lower)) return "minor";
    if (v.word_in(lexicon::WordList::kDamageExtentSignificant, t[adjective].lower))
      return "significant";
    break;
  }
  return {};
}

}  // namespace

Read<std::string> read_damage(const Annotated& article, const Event& event) {
  Read<std::string> out{"unknown", std::nullopt};
  for (std::size_t index : event.sentences) {
    const auto& v = article.sentences[index];
    // A negated damage phrase ("did not result in ... material damage", "no victims or damage")
    // says there was none; "damage to a hangar" says there was some.
    bool negated = false, damage_to = false;
    std::string_view extent;  // what a predicate says of the damage's extent
    for (Cue cue : {Cue::kDamageMinor, Cue::kDamageSignificant})
      for (const Hit* h : v.all(cue))
        if (!uncertain_in_clause(v, h->first) && negated_in_clause(v, h->first)) negated = true;
    const auto& t = v.tokens;
    for (std::size_t i = 0; i < t.size(); ++i) {
      // "material losses" are damage: "without casualties or material losses".
      // So are losses told as material: "without losses material or human" (the gloss of "دون
      // وقوع خسائر مادية أو بشرية"), "no losses in lives or equipment".
      bool material_losses = false;
      if (t[i].lower == "losses" || t[i].lower == "loss") {
        material_losses = i >= 1 && t[i - 1].lower == "material";
        for (std::size_t k = i + 1; k < t.size() && k <= i + 5 && t[k].word; ++k)
          material_losses |= t[k].lower == "material" || t[k].lower == "equipment" ||
                             t[k].lower == "property" || t[k].lower == "materiel";
      }
      if (t[i].lower != "damage" && t[i].lower != "damages" && !material_losses) continue;
      if (uncertain_in_clause(v, i) || share_of_a_series(v, i)) continue;
      if (negated_in_clause(v, i)) {
        // "did not release any details about damage": the telling is negated, not the damage.
        bool telling = false;
        for (std::size_t k = i >= 4 ? i - 4 : 0; k < i; ++k)
          telling |= t[k].lower == "details" || t[k].lower == "information";
        if (!telling) negated = true;
        continue;
      }
      // "damage to a hangar"; "damage with the hangar" is how the Arabic "أضرار بـ" glosses.
      if (i + 1 < t.size() && (t[i + 1].lower == "to" || t[i + 1].lower == "with"))
        damage_to = true;
      // "denied reports that the damage was extensive": no extent said.
      const bool denied = std::any_of(v.hits.begin(), v.hits.end(), [&](const Hit& h) {
        if (h.kind != lexicon::Kind::kTrigger || h.cue != Cue::kDeny || h.last >= i) return false;
        for (std::size_t k = h.last + 1; k < i; ++k)  // in the noun's own clause
          if (t[k].lower == "," || t[k].lower == ";" || t[k].lower == "and" || t[k].lower == "but")
            return false;
        return true;
      });
      // The larger of two extents ("damage to the barracks was minor, while the damage to the
      // runway was extensive").
      if (const auto said_extent = extent_predicate(v, i);
          !denied && !said_extent.empty() && damage_rank(said_extent) > damage_rank(extent))
        extent = said_extent;
    }
    struct Level {
      const char* name;
      bool said;
    };
    const Level levels[] = {
        {"none", said(v, Cue::kDamageNone) || negated},
        {"minor", !negated && (said(v, Cue::kDamageMinor) || damage_to || extent == "minor" ||
                               hit_a_structure(v))},
        {"significant", !negated && (said(v, Cue::kDamageSignificant) || extent == "significant" ||
                                     destroyed_structure(v))}};
    for (const auto& level : levels)
      if (level.said && damage_rank(level.name) > damage_rank(out.value)) {
        out.value = level.name;
        out.evidence = evidence_of(v);
      }
  }
  return out;
}

}  // namespace sitrep::extract
