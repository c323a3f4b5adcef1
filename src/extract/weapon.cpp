#include <map>
#include <vector>

#include "extract/readers.h"

namespace sitrep::extract {

WeaponRead read_weapon(const Annotated& article, const lexicon::Lexicon& lexicon,
                       const Event& event) {
  std::map<std::string, int> votes;
  std::map<std::string, std::string> detail;
  std::map<std::string, const SentenceView*> where;
  std::map<std::string, std::size_t> first_seen;
  std::size_t order = 0;
  // Small-arms votes that name the attackers, not what they fired: "gunmen" in a sentence that
  // names another weapon ("Gunmen fired a rocket at the base"); not one whose other weapon is
  // another attack's ("Gunmen opened fire ..." beside "a week after a drone attack").
  int gunmen = 0;
  for (std::size_t i : event.sentences) {
    const auto& v = article.sentences[i];
    std::vector<std::size_t> named_gunmen, others;  // token positions
    for (const Hit* h : v.all(lexicon::Kind::kWeapon)) {
      const auto& w = lexicon.weapon(h->entry);
      votes[w.weapon] += 1;
      if (w.weapon == "small_arms" && v.tokens[h->first].lower.starts_with("gunm"))
        named_gunmen.push_back(h->first);
      else if (w.weapon != "small_arms")
        others.push_back(h->first);
      if (!detail.count(w.weapon) && !w.detail.empty()) detail[w.weapon] = w.detail;
      if (!where.count(w.weapon)) where[w.weapon] = &v, first_seen[w.weapon] = order++;
    }
    // What they fired is in their clause ("rockets fired by gunmen" too): no clause of time
    // ("after", "since") between them.
    for (std::size_t g : named_gunmen)
      for (std::size_t o : others) {
        bool same_clause = true;
        for (std::size_t k = std::min(g, o) + 1; k < std::max(g, o) && same_clause; ++k) {
          const auto& w = v.tokens[k].lower;
          same_clause = w != "after" && w != "following" && w != "since" && w != "amid";
        }
        if (same_clause) {
          ++gunmen;
          break;
        }
      }
  }
  WeaponRead out;
  if (votes.empty()) return out;
  // Outlets call rockets "missiles" in passing, rarely the reverse: a plain "missile" yields
  // to "rocket" unless the missile has a type (ballistic, cruise).
  if (votes.count("rocket") && votes.count("missile") && !detail.count("missile"))
    votes.erase("missile");
  // "Gunmen shelled the base with eight rockets": the attackers are called gunmen whatever they
  // fire; with another weapon named, the word is no vote for small arms.
  if (auto it = votes.find("small_arms"); it != votes.end() && votes.size() > 1) {
    it->second -= gunmen;
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
