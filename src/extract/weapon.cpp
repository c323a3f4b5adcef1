#include <algorithm>
#include <map>
#include <set>

#include "extract/readers.h"

namespace sitrep::extract {

namespace {

constexpr std::string_view kImplied = "(implied)";

// Guards or air defences firing back; a force before the verb may be the attacker ("Syrian
// government forces opened fire on a Turkish post"), so force nouns do not count.
bool defenders_fire(const SentenceView& v, const Hit& h) {
  if (v.token_in(h.first, lexicon::Cue::kIntercept)) return true;
  for (const Hit* d : v.all(lexicon::Cue::kAirDefense))
    if (d->last < h.first && h.first <= d->last + 3) return true;
  for (std::size_t k = h.first >= 2 ? h.first - 2 : 0; k < h.first; ++k) {
    const auto& w = v.tokens[k].lower;
    if (w == "guards" || w == "guard" || w == "police" || w == "policemen") return true;
  }
  return false;
}

}  // namespace

WeaponRead read_weapon(const Annotated& article, const lexicon::Lexicon& lexicon,
                       const Event& event) {
  std::map<std::string, int> votes;
  std::map<std::string, std::string> detail;
  std::map<std::string, const SentenceView*> where;
  std::map<std::string, std::size_t> first_seen;
  std::size_t order = 0;
  // Votes of words that name the attackers or the act, not what was fired (weapons.tsv
  // "(implied)": "gunmen", "opened fire"): they yield when the event names another weapon
  // ("Gunmen fired three rockets at the base. The gunmen fled."), one not told in a clause of
  // another time ("..., a week after a drone attack on the same base").
  std::map<std::string, int> implied_votes;
  std::set<std::string> named;  // kinds named outright, in this attack's time
  // Plain "rocket" votes read through a gloss: Arabic names a rocket and a missile with one word
  // (صاروخ), which the gloss renders "rocket".
  int glossed_plain_rockets = 0;
  // "A projectile struck near the embassy ...; officials later said it was a drone": a projectile
  // of no named kind yields to any kind the event names.
  int projectile_votes = 0;
  for (std::size_t i : event.sentences) {
    const auto& v = article.sentences[i];
    for (const Hit* h : v.all(lexicon::Kind::kWeapon)) {
      const auto& w = lexicon.weapon(h->entry);
      const bool implied = w.detail.starts_with(kImplied);
      // "air defences opened fire", "guards opened fire", "shooting down a hostile target": the
      // defenders' fire is not the attack's weapon.
      if (implied && defenders_fire(v, *h)) continue;
      const std::string own_detail = implied ? "" : w.detail;
      const int before = votes[w.weapon];
      votes[w.weapon] += 1;
      // "three rockets were launched ..., and one of them landed close to the outer wall of the
      // center": a weapon counted in a sentence about our site (or "the airport", "the base")
      // is the account's, over a headline's loose word ("Drone attack targets ...") or a second
      // source's passing mention; a tally across a country names no site and gets no more.
      if ((v.in_scope_target || definite_site_head(v)) && h->first >= 1 &&
          text::parse_number(v.tokens[h->first - 1].lower))
        votes[w.weapon] += 2;
      if (w.weapon == "unknown" && w.detail == "projectile") ++projectile_votes;
      if (v.glossed && w.weapon == "rocket" && w.detail.empty()) ++glossed_plain_rockets;
      if (implied) implied_votes[w.weapon] += votes[w.weapon] - before;
      bool other_time = false, other_day = false;
      for (std::size_t k = h->first >= 8 ? h->first - 8 : 0; k < h->first; ++k) {
        const auto& word = v.tokens[k].lower;
        const bool after = word == "after" || word == "following";
        other_time = other_time || after || word == "since";
        // "a year after", "two weeks after": a span of days or more back to another attack;
        // "minutes after sirens sounded", "shortly after midnight" stay with this one.
        if (after && k >= 1 && v.word_in(lexicon::WordList::kLongSpanUnits, v.tokens[k - 1].lower))
          other_day = true;
      }
      if (!implied && !other_time) named.insert(w.weapon);
      // "... a year after Iran used ballistic missiles against the base": the type of another
      // day's weapon says nothing of this one's.
      if (!detail.count(w.weapon) && !own_detail.empty() && !other_day)
        detail[w.weapon] = own_detail;
      if (!where.count(w.weapon)) where[w.weapon] = &v, first_seen[w.weapon] = order++;
    }
  }
  WeaponRead out;
  if (votes.empty()) return out;
  // Outlets call rockets "missiles" in passing, rarely the reverse: a plain "missile" yields
  // to "rocket" unless the missile has a type (ballistic, cruise).
  if (votes.count("rocket") && votes.count("missile") && !detail.count("missile"))
    votes.erase("missile");
  // And the reverse: a typed missile ("19 ballistic missiles") outweighs as many plain rockets,
  // the loose word of a headline ("Rocket attack on Al Udeid", the gloss of "هجوم صاروخي", where
  // one Arabic word names both).
  if (votes.count("rocket") && votes.count("missile") && detail.count("missile") &&
      !detail.count("rocket") && votes["missile"] >= votes["rocket"])
    votes["missile"] += 1;
  // Through a gloss, a typed missile ("الصواريخ الباليستية") tells what the plain word meant:
  // "rocket" from the same Arabic word yields, unless a rocket's own type (Katyusha, Grad) is
  // named.
  if (glossed_plain_rockets > 0 && votes.count("rocket") && !detail.count("rocket") &&
      detail.count("missile")) {
    votes["rocket"] -= glossed_plain_rockets;
    if (votes["rocket"] <= 0) votes.erase("rocket");
  }
  // Not to small arms: a projectile is no bullet ("who fired the shot" after "A projectile hit").
  const std::size_t kinds = votes.size() - (votes.count("small_arms") ? 1 : 0);
  if (auto it = votes.find("unknown"); it != votes.end() && projectile_votes > 0 && kinds > 1) {
    it->second -= projectile_votes;
    if (it->second <= 0) votes.erase(it);
  }
  // "Gunmen shelled the base with eight rockets": the attackers are called gunmen whatever they
  // fire; with another weapon named, the word is no vote for small arms.
  for (const auto& [kind, n] : implied_votes) {
    const bool other =
        std::any_of(named.begin(), named.end(), [&](const std::string& k) { return k != kind; });
    auto it = votes.find(kind);
    if (!other || it == votes.end() || votes.size() < 2) continue;
    it->second -= n;
    if (it->second <= 0) votes.erase(it);
  }
  std::string best;
  int n = 0;
  for (const auto& [weapon, count] : votes)
    if (count > n || (count == n && first_seen[weapon] < first_seen[best]))
      best = weapon, n = count;
  out.weapon = best;
  if (detail.count(best)) out.detail = detail[best];
  out.evidence = evidence_of(*where[best]);
  return out;
}

}  // namespace sitrep::extract
