#include "extract/place.h"

#include <algorithm>
#include <cctype>
#include <map>
#include <optional>
#include <set>

#include "core/geo.h"
#include "text/text.h"

namespace sitrep::extract {
namespace {

using lexicon::Cue;
using lexicon::Kind;

// The country most of the event's sentences point at; a facility counts most. Only names place:
// a demonym ("a Turkish base", "Iranian-made drones") or a name in a hyphenated modifier
// ("Iran-backed militias") says whose, which for a foreign base or mission is not where, and
// "from Iran" says whence; they count only when no name does ("Iraqi officials said").
// "fired from Iran", "from neighbouring Iran": where the attack came from, not where it hit.
bool launched_from(const SentenceView& v, const Hit& h) {
  const auto& t = v.tokens;
  if (h.first > 0 && t[h.first - 1].lower == "from") return true;
  return h.first > 1 && t[h.first - 2].lower == "from" && t[h.first - 1].word &&
         !t[h.first - 1].capitalized;
}

// "launched by Russia", "the embassy of (the) Portugal" (the gloss of "l'ambassade du Portugal"):
// who fired, whose mission; neither says where the attack fell.
bool agent_or_mission_owner(const SentenceView& v, const Hit& h) {
  const auto& t = v.tokens;
  std::size_t k = h.first;
  if (k >= 1 && t[k - 1].lower == "the") --k;
  // Only the agent of firing ("launched by Russia"), not "condemned by Iraq".
  if (k >= 2 && t[k - 1].lower == "by" &&
      (v.token_in(k - 2, Cue::kLaunch) || v.token_in(k - 2, Cue::kAttackVerb)))
    return true;
  return k >= 2 && t[k - 1].lower == "of" && v.token_in(k - 2, Cue::kTargetDiplomatic);
}

// "a Turkish military base in northern Iraq", "the embassy in Libya": the country the target
// itself sits in, which outweighs other news the article tells (a facility named counts 3 per
// mention).
bool site_in_country(const SentenceView& v, const Hit& h) {
  const auto& t = v.tokens;
  std::size_t k = h.first;
  while (k > 0 &&
         (t[k - 1].lower == "northern" || t[k - 1].lower == "southern" ||
          t[k - 1].lower == "eastern" || t[k - 1].lower == "western" ||
          t[k - 1].lower == "central" || t[k - 1].lower == "north" || t[k - 1].lower == "south" ||
          t[k - 1].lower == "east" || t[k - 1].lower == "west" || t[k - 1].lower == "the"))
    --k;
  if (k == 0 || t[k - 1].lower != "in") return false;
  for (std::size_t j = k - 1; j > 0 && j + 5 > k; --j)
    if (v.token_in(j - 1, Cue::kTargetMilitary) || v.token_in(j - 1, Cue::kTargetDiplomatic) ||
        v.word_in(lexicon::WordList::kMilitaryHeads, t[j - 1].lower) ||
        v.word_in(lexicon::WordList::kDiplomaticHeads, t[j - 1].lower))
      return true;
  return false;
}

// "Russia's defence ministry said", "Iran's Revolutionary Guard": the country owns or speaks
// for what follows its possessive; "Syria's Idlib province" stays a place.
bool owns_what_follows(const SentenceView& v, const Hit& h) {
  const std::string_view name = v.text.substr(h.start, h.end - h.start);
  const auto& t = v.tokens;
  const bool possessive =
      name.ends_with("'s") || name.ends_with("\u2019s") || v.text.substr(h.end).starts_with("'s") ||
      v.text.substr(h.end).starts_with("\u2019s") || t[h.last].lower.ends_with("'s");
  // "the Revolutionary Guards of Iran", "the army of Syria": the Romance possessive that the
  // glosses of French, Spanish and Portuguese write.
  if (!possessive) {
    std::size_t k = h.first;
    if (k >= 1 && t[k - 1].lower == "the") --k;
    if (k < 2 || t[k - 1].lower != "of") return false;
    return v.word_in(lexicon::WordList::kCountryOwnedHeads, t[k - 2].lower);
  }
  for (std::size_t k = h.last + 1; k < t.size() && k <= h.last + 2; ++k) {
    if (!t[k].word || t[k].lower == "s") continue;
    if (v.word_in(lexicon::WordList::kCountryOwnedHeads, t[k].lower)) return true;
  }
  return false;
}

// The country whose mission a registry site is, from the words before its kind ("Azerbaijan
// Embassy Tehran": AZ; "US Consulate General Erbil": US), or empty.
std::string mission_owner(const lexicon::Lexicon& lexicon, const lexicon::Facility& f,
                          std::string_view kind) {
  const auto at = f.name.find(kind);
  if (f.type != "diplomatic" || at == std::string::npos || at == 0) return "";
  const std::string owner = f.name.substr(0, at - 1);
  for (const auto& c : lexicon.countries())
    if (c.is_name(owner)) return c.code;
  return "";
}

// The registry's mission of `kind` ("Embassy", "Consulate") of the country `owner` in `city`, or
// with no city the only one it knows in `country` (a country with consulates in two cities
// gives none).
const lexicon::Facility* mission_of(const lexicon::Lexicon& lexicon, const std::string& owner,
                                    std::string_view kind, const std::string& city,
                                    const std::string& country) {
  const lexicon::Facility* only = nullptr;
  // A mission stands in a suburb the press names as well as its city: "the US embassy" in
  // Awkar is the registry's US Embassy Beirut, whose alias "US embassy in Awkar" names it.
  auto named_there = [&](const lexicon::Facility& f) {
    if (f.city == city) return true;
    const std::string place = " in " + text::ascii_lower(city);
    return std::any_of(f.aliases.begin(), f.aliases.end(), [&](const std::string& alias) {
      return text::ascii_lower(alias).ends_with(place);
    });
  };
  for (const auto& f : lexicon.facilities()) {
    if (mission_owner(lexicon, f, kind) != owner) continue;
    if (!city.empty() ? !named_there(f) : f.country != country) continue;
    if (only) return nullptr;
    only = &f;
  }
  return only;
}

// The country named right after a target as its owner: "the embassy of Azerbaijan", "the
// embassy of the State of Israel", and the glosses' "the embassy Turkish". The country's hit, or
// null.
const Hit* owner_after(const SentenceView& v, std::size_t target_last) {
  const auto& t = v.tokens;
  std::size_t k = target_last + 1;
  if (k < t.size() && t[k].lower == "of") ++k;
  if (k < t.size() && t[k].lower == "the") ++k;
  for (const Hit* c : v.all(Kind::kCountry))
    if (c->first == k) return c;
  return nullptr;
}

// The mission's owner the sentence names beside a diplomatic target: "the Azerbaijan Embassy",
// "Azerbaijan's embassy", or after it (owner_after); not the host (`host`: "the embassy in
// Iran").
std::string owner_named(const lexicon::Lexicon& lexicon, const SentenceView& v, const Hit& target,
                        const std::string& host) {
  const auto& t = v.tokens;
  if (const Hit* after = owner_after(v, target.last)) {
    const auto& code = lexicon.country(after->entry).code;
    if (code != host) return code;
  }
  // "Poland will summon Russia's envoy after its embassy in Kyiv was damaged": "its" for the
  // country that opens its clause, the subject ("Poland", "...; the Polish foreign ministry said
  // its embassy there was damaged"), not the nearest ("Russia's envoy").
  if (target.first >= 1 &&
      (t[target.first - 1].lower == "its" || t[target.first - 1].lower == "their")) {
    std::size_t subject = after_dateline(v);
    for (std::size_t k = target.first; k-- > subject;)
      if (t[k].lower == ";") {
        subject = k + 1;
        break;
      }
    if (subject < t.size() && t[subject].lower == "the") ++subject;
    for (const Hit* c : v.all(Kind::kCountry))
      if (c->first == subject && c->last < target.first) {
        const auto& code = lexicon.country(c->entry).code;
        if (code != host) return code;
      }
  }
  for (const Hit* c : v.all(Kind::kCountry)) {
    const auto& code = lexicon.country(c->entry).code;
    if (code == host || c->last >= target.first || target.first - c->last > 2) continue;
    bool joined = true;  // "Azerbaijan Embassy", "Azerbaijan's embassy"
    for (std::size_t k = c->last + 1; k < target.first; ++k) {
      const auto& w = t[k].lower;
      joined = joined && (w == "'s" || w == "’s" || w == "s" || w == "'" || w == "’");
    }
    if (joined) return code;
  }
  return "";
}

// The one foreign military site the registry knows within 15 km of a city ("the US base in
// al-Shaddadi" is Shaddadi Base), or none when it knows none or several sites there (Baghdad
// has an embassy, Union III and others: the city alone does not say which).
const lexicon::Facility* only_base_near(const lexicon::Lexicon& lexicon, const Place& city) {
  constexpr double kNearKm = 15;
  if (!city.lat || !city.lon) return nullptr;
  // Any registry site there counts against the one: a city with an embassy, a green zone and
  // a base is no town of one base.
  const lexicon::Facility* only = nullptr;
  for (const auto& f : lexicon.facilities()) {
    if (f.country != city.country || distance_km(*city.lat, *city.lon, f.lat, f.lon) > kNearKm)
      continue;
    if (only) return nullptr;
    only = &f;
  }
  return only && only->type == "military" && only->hosted_until.empty() ? only : nullptr;
}

// "the US base in X", "a US military base in the city of X", "the coalition base in X": a base
// named by whose it is, placed by its city.
bool foreign_base_named(const SentenceView& v, const Hit& h) {
  const std::string lower = lower_text(v, h);
  const bool whose = lower.starts_with("us ") || lower.starts_with("u.s. ") ||
                     lower.starts_with("american ") || lower.starts_with("coalition ") ||
                     lower.starts_with("us-led coalition ") ||
                     lower.starts_with("u.s.-led coalition ");
  return whose && lower.ends_with("base");
}

// For a mission placed by its country alone, whether the sentence tells it as what was hit: an
// attack told with a weapon or a verb, with no military target and no aftermath beside it ("drones
// attacked a base in Iraq as the US embassy remained on high alert"), the mission not the teller
// after its verb ("reported the US embassy", the gloss's order), and no noun after it ("a US
// embassy convoy", "an American embassy employee", "a US embassy residence" are elsewhere).
bool mission_is_the_target(const SentenceView& v, const Hit& h) {
  if (!v.attack_evidence || v.has(Cue::kTargetMilitary) || v.has(Cue::kAftermath)) return false;
  const auto& t = v.tokens;
  // Told with a weapon, a verb of firing or striking or a blast, not by "the attack" alone ("has
  // stepped up security around the US embassy since the attack").
  const bool blast = std::any_of(t.begin(), t.end(), [&](const text::Token& token) {
    return token.lower == "explosion" || token.lower == "blast" ||
           v.word_in(lexicon::WordList::kBlastNouns, token.lower);
  });
  if (v.all(Kind::kWeapon).empty() && !v.has(Cue::kAttackVerb) && !v.has(Cue::kLaunch) &&
      !v.has(Cue::kImpact) && !blast)
    return false;
  std::size_t before = h.first;
  while (before > 0 && (t[before - 1].lower == "the" || t[before - 1].lower == "a" ||
                        t[before - 1].lower == "an"))
    --before;
  if (before > 0 && v.token_in(before - 1, Cue::kReportVerb)) return false;
  // "as the US embassy was evacuating staff": a clause of its own.
  if (before > 0 && t[before - 1].lower == "as") return false;
  // Another mission or site told first is what was hit ("a car bomb exploded at the Turkish
  // embassy ...; the US embassy and other missions were put on lockdown").
  for (const Hit& other : v.hits)
    if (other.first < h.first &&
        (other.kind == Kind::kFacility ||
         (other.kind == Kind::kTrigger &&
          (other.cue == Cue::kTargetDiplomatic || other.cue == Cue::kTargetCivilian))))
      return false;
  if (h.last + 1 < t.size() && t[h.last + 1].word) {
    static const std::set<std::string_view> kAfterTheSite = {
        "compound", "building", "complex", "premises", "grounds", "in",   "at",   "near",
        "on",       "and",      "was",     "were",     "is",      "has",  "had",  "which",
        "that",     "with",     "by",      "of",       "itself",  "wall", "walls"};
    if (!kAfterTheSite.count(t[h.last + 1].lower)) return false;
  }
  return true;
}

// The country the article's attack sentences point to: a country named as a place, else one
// named as an owner or a nationality ("the Egyptian consulate"). `owner_only` says it is the
// latter, which a city named in the attack sentence overrides (the consulate is in Benghazi).
struct CountryHint {
  std::string code;
  bool owner_only = false;
};

// `elsewhere`: sites named by words the article's own place contradicts (read_place).
CountryHint country_hint(const Annotated& article, const lexicon::Lexicon& lexicon,
                         const std::vector<Role>& roles, const std::set<int>& elsewhere) {
  std::map<std::string, int> places, owners;
  std::map<std::string, std::size_t> first_named;  // a tie goes to the country named first
  for (std::size_t i = 0; i < article.sentences.size(); ++i) {
    const auto& v = article.sentences[i];
    if (roles[i] != Role::kMain) continue;
    for (const Hit* h : v.all(Kind::kCountry)) {
      const auto& c = lexicon.country(h->entry);
      if (c.code == "US") continue;
      const bool modifier = h->end < v.text.size() && v.text[h->end] == '-';
      const bool whose = c.is_demonym(v.text.substr(h->start, h->end - h->start));
      auto& votes = modifier || launched_from(v, *h) || whose || owns_what_follows(v, *h) ||
                            agent_or_mission_owner(v, *h)
                        ? owners
                        : places;
      votes[c.code] += site_in_country(v, *h) ? 6 : v.attack_evidence ? 2 : 1;
      first_named.emplace(c.code, i);
    }
    for (const Hit* h : v.all(Kind::kFacility)) {
      if (elsewhere.count(h->entry)) continue;
      places[lexicon.facility(h->entry).country] += 3;
      first_named.emplace(lexicon.facility(h->entry).country, i);
    }
  }
  std::string best;
  int n = 0;
  for (const auto& [code, count] : places.empty() ? owners : places)
    if (count > n || (count == n && first_named[code] < first_named[best])) best = code, n = count;
  return {best, places.empty() && !best.empty()};
}

// `speakers`: whether "an Iraqi official in Baghdad said" counts; where a speaker sits is weaker
// evidence than where the attack fell, so it is asked for only when no other city is named.
// `after_target`: only a city right after the target's name ("the Egyptian consulate in
// Benghazi"), which no country hint restricts.
// A short word in capitals ("US", "EU", "UAE"): an abbreviation, no town.
bool abbreviation(std::string_view word) {
  return word.size() >= 2 && word.size() <= 3 && std::all_of(word.begin(), word.end(), [](char c) {
           return std::isupper(static_cast<unsigned char>(c)) != 0;
         });
}

// `region`, when given, receives a city the sentence names only as its province's name ("in
// Hasakah province"), which places the attack in that city's country.
std::optional<lexicon::City> city_in(const lexicon::Lexicon& lexicon, const SentenceView& v,
                                     const std::string& hint, bool speakers,
                                     bool after_target = false, std::size_t* at = nullptr,
                                     std::optional<lexicon::City>* region = nullptr) {
  const auto& t = v.tokens;
  for (std::size_t i = 1; i < t.size(); ++i) {
    if (!v.word_in(lexicon::WordList::kCityPrepositions, t[i - 1].lower) || !t[i].capitalized ||
        !t[i].word)
      continue;
    // "capital" names the city only inside a place phrase ("in Sudan's capital Khartoum", "at
    // the Libyan capital Tripoli"), not a distance from it ("400 km north of the capital Baghdad").
    if (t[i - 1].lower == "capital") {
      bool placed = false;
      for (std::size_t k = i >= 5 ? i - 5 : 0; k + 1 < i; ++k)
        placed |= t[k].lower == "in" || t[k].lower == "at" || t[k].lower == "inside";
      if (!placed) continue;
    }
    if (after_target) {
      // The city right after the target, or after its owner: "the embassy of Israel in Amman".
      bool follows = false;
      for (std::size_t k = 0; k + 1 < i && !follows; ++k) {
        if (!v.token_in(k, Cue::kTargetDiplomatic) && !v.token_in(k, Cue::kTargetMilitary))
          continue;
        const Hit* owner = owner_after(v, k);
        follows = k + 2 == i || (owner && owner->last + 2 == i);
      }
      if (!follows) continue;
    }
    if (!speakers && i >= 2 && v.word_in(lexicon::WordList::kSpeakerHeads, t[i - 2].lower))
      continue;
    // "on US base in Hasakah": a country's abbreviation is no town (France has a "Us"); a
    // country's name may begin one ("Kuwait City"). "in March", "in May": no towns either.
    const std::string_view word =
        std::string_view(v.text).substr(t[i].start, t[i].end - t[i].start);
    const bool country_at = std::any_of(v.hits.begin(), v.hits.end(), [&](const Hit& h) {
      return h.kind == Kind::kCountry && h.first == i;
    });
    const bool no_town_alone =
        (abbreviation(word) && (country_at || hint.empty())) || text::month_number(t[i].lower);
    // Try the longest capitalized run first (up to three words, "Deir ez-Zor").
    for (std::size_t len = 3; len >= 1; --len) {
      if (i + len > t.size() || (len == 1 && no_town_alone)) continue;
      // Words only: "Lebanon," is no name of its own (place keys drop the comma).
      if (!std::all_of(t.begin() + i, t.begin() + i + len, [](const auto& w) { return w.word; }))
        continue;
      std::string name(v.text.substr(t[i].start, t[i + len - 1].end - t[i].start));
      if (name.ends_with("'s")) name.resize(name.size() - 2);
      if (lexicon.country_by_code(hint) && name == lexicon.country_by_code(hint)->name) continue;
      // With no country to check it against, a country's name ("Jordan": a US town too) is no
      // town.
      if (hint.empty() && std::any_of(lexicon.countries().begin(), lexicon.countries().end(),
                                      [&](const auto& c) { return c.is_name(name); }))
        continue;
      // "in Hasakah province", "the province of Hasakah", "Deir ez-Zor countryside": the
      // province that bears the city's name, not the city.
      auto region_word = [&](std::string_view w) {
        return v.word_in(lexicon::WordList::kRegionWords, w);
      };
      if ((i + len < t.size() && region_word(t[i + len].lower)) ||
          (i >= 2 && t[i - 1].lower == "of" && region_word(t[i - 2].lower))) {
        if (region && !*region)
          if (auto province = lexicon.city(name, hint);
              province && (hint.empty() || province->country == hint))
            *region = province;
        break;
      }
      auto city = lexicon.city(name, hint);
      if (city && (hint.empty() || city->country == hint)) {
        if (at) *at = i;
        return city;
      }
    }
  }
  return std::nullopt;
}

// The owner a main attack sentence names beside a diplomatic target it tells as hit ("the
// embassy of Azerbaijan", "Pakistan's diplomatic mission"), other than `host`, or empty.
std::string told_owner(const Annotated& article, const lexicon::Lexicon& lexicon,
                       const std::vector<Role>& roles, const std::string& host,
                       const SentenceView** told_in = nullptr) {
  for (std::size_t i = 0; i < article.sentences.size(); ++i) {
    const auto& v = article.sentences[i];
    if (roles[i] != Role::kMain || !v.attack_evidence) continue;
    for (const Hit* h : v.all(Cue::kTargetDiplomatic))
      if (!not_the_target(v, *h))
        if (auto owner = owner_named(lexicon, v, *h, host); !owner.empty()) {
          if (told_in) *told_in = &v;
          return owner;
        }
  }
  return "";
}

// Whether a main sentence of the article names `code` as a country (as a place or as whose),
// not as the owner of a target ("the US base in Central Syria" names no US town).
bool article_names_country(const Annotated& article, const lexicon::Lexicon& lexicon,
                           const std::vector<Role>& roles, const std::string& code) {
  for (std::size_t i = 0; i < article.sentences.size(); ++i) {
    if (roles[i] != Role::kMain) continue;
    const auto& v = article.sentences[i];
    for (const Hit* h : v.all(Kind::kCountry)) {
      if (lexicon.country(h->entry).code != code) continue;
      const bool owner_of_target = std::any_of(v.hits.begin(), v.hits.end(), [&](const Hit& t) {
        return t.kind == Kind::kTrigger &&
               (t.cue == Cue::kTargetMilitary || t.cue == Cue::kTargetDiplomatic) &&
               h->first >= t.first && h->first <= t.last + 3;
      });
      if (!owner_of_target) return true;
    }
  }
  return false;
}

// The city called `name` in a country a main sentence names (as a place or as whose, not as the
// owner of a target, and not the US), the first such country first; nullopt when none is.
std::optional<lexicon::City> namesake_in_named_country(const Annotated& article,
                                                       const lexicon::Lexicon& lexicon,
                                                       const std::vector<Role>& roles,
                                                       const std::string& name) {
  std::set<std::string> tried;
  for (std::size_t i = 0; i < article.sentences.size(); ++i) {
    if (roles[i] != Role::kMain) continue;
    for (const Hit* h : article.sentences[i].all(Kind::kCountry)) {
      const std::string& code = lexicon.country(h->entry).code;
      // Not the US: articles name it as speaker or condemner everywhere ("The United States
      // condemned the attack on the Greek embassy in Cairo" is no attack in Cairo, Georgia).
      if (code == "US" || !tried.insert(code).second ||
          !article_names_country(article, lexicon, roles, code))
        continue;
      if (auto city = lexicon.city(name, code); city && city->country == code) return city;
    }
  }
  return std::nullopt;
}

// Whether a main attack sentence names a diplomatic site by description ("a US diplomatic
// facility", "the diplomatic compound"), not an embassy speaking or a mission by name.
bool diplomatic_site_told(const Annotated& article, const std::vector<Role>& roles) {
  for (std::size_t i = 0; i < article.sentences.size(); ++i) {
    const auto& v = article.sentences[i];
    if (roles[i] != Role::kMain || !v.attack_evidence) continue;
    for (const Hit* h : v.all(Cue::kTargetDiplomatic)) {
      std::string phrase(v.text.substr(h->start, h->end - h->start));
      for (auto& c : phrase) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
      if (phrase.find("diplomatic") != std::string::npos && !not_the_target(v, *h)) return true;
    }
  }
  return false;
}

// Whether the attack or launch verb `verb` has the attack or its projectiles as its subject:
// "an attack that targeted", "rockets (were) launched toward"; only a relative pronoun or an
// auxiliary of the passive between them.
bool aim_of_the_attack(const SentenceView& v, const Hit& verb) {
  auto linking = [](std::string_view w) {
    return w == "that" || w == "which" || w == "was" || w == "were" || w == "been" ||
           w == "being" || w == "is" || w == "are";
  };
  std::size_t k = verb.first;
  while (k > 0 && verb.first - k < 3 && linking(v.tokens[k - 1].lower)) --k;
  // "They targeted the US embassy" after the sentence that counted the rockets.
  if (k == 1 && (v.tokens[0].lower == "they" || v.tokens[0].lower == "it")) return true;
  // "Militants targeted the US embassy with three rockets": the projectiles as the instrument.
  for (std::size_t w = verb.last + 1; w + 1 < v.tokens.size() && w <= verb.last + 8; ++w) {
    if (v.tokens[w].lower == "," || v.tokens[w].lower == "which" || v.tokens[w].lower == "where")
      break;
    if (v.tokens[w].lower == "with")
      for (const Hit& weapon : v.hits)
        if (weapon.kind == Kind::kWeapon && weapon.first > w && weapon.first <= w + 3) return true;
  }
  if (k == 0) return false;
  for (const Hit& subject : v.hits)
    if (subject.last + 1 == k && (subject.kind == Kind::kWeapon || subject.cue == Cue::kAttackNoun))
      return true;
  return false;
}

// "Three mortar rounds landed in the Green Zone ... One shell fell inside the US embassy
// compound": a mission inside `area`, named by its owner as where a projectile fell, is where
// the attack fell. The owner is a country inside the target's words ("US embassy") or beside
// them ("the embassy of Britain"). Returns the mission and the sentence that tells it.
std::pair<const lexicon::Facility*, const SentenceView*> mission_hit_inside(
    const Annotated& article, const lexicon::Lexicon& lexicon, const std::vector<Role>& roles,
    const lexicon::Facility& area) {
  // Only the impact's own object or place: "hit the embassy", "fell inside the compound of the
  // US embassy"; not "hit the road leading to the US embassy", "struck a building opposite it",
  // "the Green Zone, where the US embassy is", "landed near the embassy".
  auto locative = [](std::string_view w) {
    return w == "in" || w == "inside" || w == "into" || w == "on" || w == "at" || w == "within" ||
           w == "the" || w == "a" || w == "an" || w == "compound" || w == "grounds" ||
           w == "premises" || w == "of" || w == "courtyard" || w == "yard" || w == "building" ||
           w == "buildings" || w == "part" || w == "section" || w == "perimeter" || w == "wall" ||
           w == "walls" || w == "gate" ||
           // "inside the outer perimeter of the U.S. Embassy compound", "the outer security ring"
           w == "outer" || w == "inner" || w == "security" || w == "ring" || w == "fence";
  };
  for (std::size_t i = 0; i < article.sentences.size(); ++i) {
    const auto& v = article.sentences[i];
    if (roles[i] != Role::kMain || !v.attack_evidence) continue;
    for (const Hit* h : v.all(Cue::kTargetDiplomatic)) {
      if (not_the_target(v, *h)) continue;
      // The verb right before the mission: an impact ("struck directly the embassy"), or the
      // attack's aim ("in an attack that targeted the American embassy", "rockets launched
      // toward the US embassy"): the reported target outranks the area the rounds fell in.
      bool hit = false;
      for (const Hit& verb : v.hits) {
        if (verb.cue != Cue::kImpact && verb.cue != Cue::kAttackVerb && verb.cue != Cue::kLaunch)
          continue;
        if (verb.last >= h->first || h->first - verb.last > 6) continue;
        // An aim counts only as the attack's own: its subject is the attack or its projectiles.
        // Not a background clause ("from where protesters attacked the US embassy", "an attack
        // similar to those that have targeted", "Kataib Hezbollah, which has attacked").
        if (verb.cue != Cue::kImpact && !aim_of_the_attack(v, verb)) continue;
        bool direct = true;
        for (std::size_t k = verb.last + 1; k < h->first; ++k)
          direct = direct && (locative(v.tokens[k].lower) || v.tokens[k].lower == "directly" ||
                              v.tokens[k].lower == "toward" || v.tokens[k].lower == "towards" ||
                              v.tokens[k].lower == "at");
        hit = hit || direct;
      }
      if (!hit) continue;
      std::string owner = owner_named(lexicon, v, *h, area.country);
      for (const Hit* c : v.all(Kind::kCountry))
        if (owner.empty() && c->first >= h->first && c->last <= h->last)
          owner = lexicon.country(c->entry).code;
      if (owner.empty() || owner == area.country) continue;
      const std::string words = text::ascii_lower(v.text.substr(h->start, h->end - h->start));
      const std::string_view kind =
          words.find("consulate") != std::string::npos ? "Consulate" : "Embassy";
      const auto* mission = mission_of(lexicon, owner, kind, area.city, area.country);
      if (mission && mission->within == area.name) return {mission, &v};
    }
  }
  return {nullptr, nullptr};
}

Place facility_place(const lexicon::Facility& f, const SentenceView& where) {
  return Place{&f, f.country, f.city, "facility", f.type, f.lat, f.lon, evidence_of(where)};
}

// "The UNIFIL said that its headquarters ... were targeted", "the headquarters of the UN
// peacekeeping force": a headquarters told as hit in a main attack sentence, in an article that
// names a mission whose headquarters the registry knows ("UNIFIL Headquarters Naqoura") in the
// country the article is about, is that site. The headquarters must be the mission's: "its"
// with the mission as the report verb's subject, "the headquarters of" the mission or a UN
// force, or the mission's own ("the mission's headquarters"); not the Lebanese army's ("the army
// said its headquarters"), another UN agency's or a militia's ("a Hezbollah headquarters").
std::optional<Place> mission_headquarters(const Annotated& article, const lexicon::Lexicon& lexicon,
                                          const std::vector<Role>& roles, std::size_t anchor,
                                          const std::string& hint) {
  if (hint.empty()) return std::nullopt;
  const auto& views = article.sentences;
  auto candidate = [&](std::size_t i) {
    return (roles[i] == Role::kMain && views[i].attack_evidence) || i == anchor;
  };
  // Most articles tell no headquarters hit: look no further than their attack sentences.
  bool told = false;
  for (std::size_t i = 0; i < views.size() && !told; ++i)
    if (candidate(i))
      for (const auto& token : views[i].tokens) told = told || token.lower == "headquarters";
  if (!told) return std::nullopt;
  auto article_says = [&](std::string_view word) {
    for (const auto& v : views)
      for (const auto& token : v.tokens)
        if (token.lower == word) return true;
    return false;
  };
  const lexicon::Facility* site = nullptr;
  std::string mission;
  for (const auto& f : lexicon.facilities()) {
    const auto at = f.name.find(" Headquarters ");
    if (at == std::string::npos || f.country != hint) continue;
    const std::string owner = text::ascii_lower(f.name.substr(0, at));
    if (!article_says(owner)) continue;
    if (site) return std::nullopt;  // two missions' headquarters: no telling which
    site = &f;
    mission = owner;
  }
  if (!site) return std::nullopt;
  for (std::size_t i = 0; i < views.size(); ++i) {
    const auto& v = views[i];
    if (!candidate(i)) continue;
    const auto& t = v.tokens;
    for (std::size_t k = 1; k < t.size(); ++k) {
      if (t[k].lower != "headquarters") continue;
      const auto& before = t[k - 1].lower;
      bool mission_s = before == mission || before == mission + "'s" || before == "mission's" ||
                       before == "force's" || before == "peacekeeping";
      if (before == "its") {
        // "its" is the subject of the report verb before it ("UNIFIL said an Israeli drone
        // struck its headquarters", "The mission told Reuters that its headquarters ..."): the
        // mission, or a word that stands for it; not "the Lebanese army said its headquarters".
        const Hit* verb = nullptr;
        for (const Hit* r : v.all(Cue::kReportVerb))
          if (r->last < k - 1) verb = r;
        if (verb && verb->first >= 1) {
          std::size_t j = verb->first - 1;
          while (j > 0 && (t[j].lower == "has" || t[j].lower == "had" || t[j].lower == ")")) --j;
          const auto& w = t[j].lower;
          mission_s = w == mission || w == "mission" || w == "force" || w == "peacekeepers";
        }
      } else if (before == "the" && k + 2 < t.size() && t[k + 1].lower == "of") {
        for (std::size_t j = k + 2; j < t.size() && j <= k + 5; ++j) {
          const auto& w = t[j].lower;
          if (w == mission || w == "peacekeeping" || w == "peacekeepers" || w == "interim" ||
              w == "mission")
            mission_s = true;
        }
      }
      if (mission_s) return facility_place(*site, v);
    }
  }
  return std::nullopt;
}

// The city of the article's dateline ("BEIRUT, Nov 10 (Reuters) -"), where the reporter files.
std::optional<lexicon::City> dateline_city_of(const Annotated& article,
                                              const lexicon::Lexicon& lexicon) {
  std::optional<lexicon::City> city;
  for (const auto& v : article.sentences) {
    if (v.sentence.heading) continue;
    if (v.sentence.index > 3) break;
    const std::size_t from = after_source_tag(v), dash = after_dateline(v);
    for (std::size_t i = from; i < dash && !city; ++i)
      for (std::size_t len = 3; len >= 1 && !city; --len) {
        if (i + len > dash || !std::all_of(v.tokens.begin() + i, v.tokens.begin() + i + len,
                                           [](const auto& w) { return w.word && w.capitalized; }))
          continue;
        city = lexicon.city(
            v.text.substr(v.tokens[i].start, v.tokens[i + len - 1].end - v.tokens[i].start));
      }
    break;
  }
  return city;
}
}  // namespace

Place read_place(const Annotated& article, const lexicon::Lexicon& lexicon, std::size_t anchor,
                 const std::vector<Role>& roles) {
  const auto& views = article.sentences;
  // Facilities named as targets in main attack sentences, weighted; speakers do not count. The
  // anchor (the sentence that best tells the attack) weighs as much as two more: a site that a
  // second attack in the article names twice ("Meanwhile, explosions outside the Israeli embassy
  // in Copenhagen ...") does not outweigh the anchor's.
  std::map<int, int> score;
  std::map<int, const SentenceView*> where;
  for (std::size_t i = 0; i < views.size(); ++i) {
    const auto& v = views[i];
    if (roles[i] != Role::kMain || !v.attack_evidence) continue;
    for (const Hit* h : v.all(Kind::kFacility)) {
      if (not_the_target(v, *h)) continue;
      score[h->entry] += 2 + (i == anchor ? 4 : 0) + (v.lead ? 1 : 0);
      if (!where.count(h->entry)) where[h->entry] = &v;
    }
  }
  // "The base, known as Tower 22, sits ...": with no site named in an attack sentence, a site
  // named in the lead of the same article is the target (the first one named).
  if (score.empty())
    for (std::size_t i = 0; i < views.size() && score.empty(); ++i) {
      const auto& v = views[i];
      if (roles[i] != Role::kMain || !v.lead) continue;
      for (const Hit* h : v.all(Kind::kFacility)) {
        if (not_the_target(v, *h)) continue;
        score[h->entry] += 1;
        where[h->entry] = &v;
        break;
      }
    }
  // A mission of another owner than the one the article names is not the target: "Shots at
  // embassy in Amman" over "shots at the embassy of the State of Israel in Amman" is no US
  // embassy, though the headline's words fit the registry's only mission in Amman.
  const SentenceView* owner_told_in = nullptr;  // the sentence that says whose the mission is
  const std::string named = told_owner(article, lexicon, roles, "", &owner_told_in);
  std::erase_if(score, [&](const auto& entry) {
    const auto& f = lexicon.facility(entry.first);
    std::string owner = mission_owner(lexicon, f, "Embassy");
    if (owner.empty()) owner = mission_owner(lexicon, f, "Consulate");
    return !named.empty() && !owner.empty() && owner != named && named != f.country;
  });
  // An area named by words other cities share ("the Green Zone gate" in a Kabul report: Kabul
  // has its own) is not the registry's when the article names neither its country nor its city
  // but another country as a place. Only areas: a base or a mission has a name of its own, and
  // "ANKARA -" over a report of the Turkish base at Bashiqa says where the news was filed.
  std::set<std::string> place_countries;  // named in main sentences, not as a backer or the US
  for (std::size_t i = 0; i < views.size(); ++i) {
    if (roles[i] != Role::kMain) continue;
    for (const Hit* h : views[i].all(Kind::kCountry)) {
      const auto& other = lexicon.country(h->entry).code;
      // Not a backer ("Iran-backed", "pro-Iran"): whose, not where.
      const auto& word = views[i].tokens[views[i].token_at(h->start)].lower;
      if (other != "US" && proxy_backer(views[i], lexicon, word) < 0 &&
          article_names_country(article, lexicon, roles, other))
        place_countries.insert(other);
    }
  }
  // Or a dateline in another country ("KABUL, April 12 (Wire) -").
  const auto dateline = dateline_city_of(article, lexicon);
  auto names_another_country = [&](const std::string& code) {
    return std::any_of(place_countries.begin(), place_countries.end(),
                       [&](const std::string& other) { return other != code; }) ||
           (dateline && dateline->country != code);
  };
  std::set<int> elsewhere;  // such sites: they place nothing either
  std::erase_if(score, [&](const auto& entry) {
    const auto& f = lexicon.facility(entry.first);
    if (f.type != "mixed" || article_names_country(article, lexicon, roles, f.country))
      return false;
    for (const auto& v : views)
      if (!f.city.empty() && v.text.find(f.city) != std::string_view::npos) return false;
    if (!names_another_country(f.country)) return false;
    elsewhere.insert(entry.first);
    return true;
  });
  int best = -1, best_score = 0;
  for (const auto& [entry, s] : score)
    if (s > best_score) best = entry, best_score = s;
  if (best >= 0) {
    // A site inside the winner (the BDSC inside Baghdad airport) is the more precise place.
    const auto& winner = lexicon.facility(best);
    for (const auto& [entry, s] : score)
      if (lexicon.facility(entry).within == winner.name) best = entry;
    if (lexicon.facility(best).name == winner.name)
      if (const auto [mission, told] = mission_hit_inside(article, lexicon, roles, winner); mission)
        return facility_place(*mission, *told);
    // "a US diplomatic facility" hit "near Baghdad airport": the one diplomatic site inside the
    // winner is the target (the BDSC), as the registry nests it.
    if (lexicon.facility(best).type != "diplomatic" && diplomatic_site_told(article, roles)) {
      int inside = -1, found = 0;
      for (std::size_t e = 0; e < lexicon.facilities().size(); ++e)
        if (lexicon.facilities()[e].within == lexicon.facility(best).name &&
            lexicon.facilities()[e].type == "diplomatic")
          inside = static_cast<int>(e), ++found;
      if (found == 1) return facility_place(lexicon.facility(inside), *where[best]);
    }
    return facility_place(lexicon.facility(best), *where[best]);
  }
  CountryHint country = country_hint(article, lexicon, roles, elsewhere);
  const std::string& hint = country.code;
  // "The Sultanate of Oman condemned the attack on the residence of the Omani ambassador in
  // Sanaa": the country the article names most is the mission's owner, who speaks of the attack
  // at home; a mission stands abroad, so the hint says whose, not where.
  if (!hint.empty() && named == hint) country.owner_only = true;
  if (const auto headquarters = mission_headquarters(article, lexicon, roles, anchor, hint))
    return *headquarters;
  // A city named in a main attack sentence (anchor first).
  std::vector<const SentenceView*> order{&views[anchor]};
  for (std::size_t i = 0; i < views.size(); ++i)
    if (roles[i] == Role::kMain && views[i].attack_evidence && i != anchor)
      order.push_back(&views[i]);
  Place place;
  const SentenceView* city_sentence = nullptr;  // where the city was named, not by a speaker
  std::size_t city_at = 0;
  std::optional<lexicon::City> province;  // a province named for its capital ("Hasakah province")
  for (const bool speakers : {false, true}) {
    for (const auto* v : order) {
      std::size_t at = 0;
      auto city = city_in(lexicon, *v, hint, speakers, false, &at, speakers ? nullptr : &province);
      // A city right after the target ("the house of its ambassador in Khartoum") is the
      // target's, when the article names only whose the target is or names the city's
      // country too ("the Sudanese army"), not another country's namesake ("in March").
      if (!city) {
        // When the article names no country but the target's owner, a mission is abroad and any
        // city of the sentence that tells it attacked may be its place ("The car of the Turkish
        // ambassador was attacked by gunmen in Khartoum"); else only the city right after the
        // target.
        const bool mission_sentence = v->has(Cue::kTargetDiplomatic);
        city = city_in(lexicon, *v, "", speakers, !(country.owner_only && mission_sentence), &at,
                       speakers ? nullptr : &province);
        // A namesake ("Belgrade": Serbia's, two US towns') in a country the article names ("the
        // Israeli embassy in Belgrade ... Serbian officials said") before any other.
        if (city && !article_names_country(article, lexicon, roles, city->country))
          if (auto named = namesake_in_named_country(article, lexicon, roles, city->name))
            city = named;
        if (city && !country.owner_only &&
            !article_names_country(article, lexicon, roles, city->country))
          city.reset();
      }
      if (city) {
        place = Place{nullptr, city->country, city->name, "city",
                      "",      city->lat,     city->lon,  evidence_of(*v)};
        if (!speakers) city_sentence = v, city_at = at;
        break;
      }
    }
    if (!place.city.empty()) break;
  }
  // The dateline's city ("BEIRUT, Nov 10 (Reuters) -") is where the reporter files, no place of
  // the attack by itself; but "the US embassy" the body tells hit, with no other city, is the
  // owner's mission there.
  std::optional<lexicon::City> dateline_city;
  if (place.city.empty()) dateline_city = dateline;
  // "the US embassy", "the Azerbaijan Embassy", "the embassy of Turkey" + a city: the registry's
  // mission of that country in that city. With no city, a country the article names ("the U.S.
  // Embassy compound in Afghanistan") when the registry knows one mission of that kind there;
  // not "the embassy" alone (with a city, "the embassy" is the owner's the article names, else
  // the US one), nor a country only some demonym gave.
  const bool country_named = !hint.empty() && !country.owner_only;
  // "Pakistan's diplomatic mission in Kabul ... the embassy had been attacked": a bare "the
  // embassy" is the mission of the owner the article names beside one, else the US one.
  std::string article_owner = named != (place.city.empty() ? hint : place.country) ? named : "";
  // Else the only country the article names as whose ("the British foreign office said ...
  // no British staff were hurt"), when it is not where the city is.
  if (article_owner.empty() && country.owner_only && hint != place.country) article_owner = hint;
  // Read only for a bare "the embassy", the rare case that asks it.
  auto names_us = [&] {
    return std::any_of(article.sentences.begin(), article.sentences.end(),
                       [&](const SentenceView& v) {
                         return std::any_of(v.hits.begin(), v.hits.end(), [&](const Hit& h) {
                           return h.kind == Kind::kCountry && lexicon.country(h.entry).code == "US";
                         });
                       });
  };
  if (!place.city.empty() || country_named || dateline_city)
    for (const auto* v : order)
      for (const Hit* h : v->all(Cue::kTargetDiplomatic)) {
        const std::string lower = lower_text(*v, *h);
        const bool named_us = lower.starts_with("us ") || lower.starts_with("u.s. ") ||
                              lower.starts_with("american ");
        const std::string host = place.city.empty() ? hint : place.country;
        std::string owner = named_us ? "US" : owner_named(lexicon, *v, *h, host);
        // The owner's embassy when the registry knows one in the city, else the US one (whose
        // the article names may be the attacker's: "Iranian-backed militias fired at the
        // embassy in Baghdad").
        // The US one only when the article names the United States somewhere: "gunmen fired on
        // the embassy compound in Kabul, the head of mission said" names no owner.
        const SentenceView* told = v;  // the evidence: where the mission's owner is said
        if (owner.empty() && lower == "the embassy" && !place.city.empty()) {
          if (!article_owner.empty() &&
              mission_of(lexicon, article_owner, "Embassy", place.city, host)) {
            owner = article_owner;
            if (owner_told_in && article_owner == named) told = owner_told_in;
          } else if (names_us()) {
            owner = "US";
          }
        }
        // "the residence of its ambassador": an envoy's home, whose owner is the country the
        // article names as whose.
        // "the office of the Saudi military attaché" (not "attached").
        const bool attache = lower.find("attach") != std::string::npos &&
                             lower.find("attached") == std::string::npos;
        const bool residence = lower.find("residence") != std::string::npos ||
                               lower.find("house") != std::string::npos ||
                               lower.find("home") != std::string::npos;
        // "The UAE said ... the residence of its ambassador", "an air strike by a Sudanese army
        // jet against the residence of its ambassador ..., the UAE said": "its" is the one
        // country the sentence names other than where the residence is and other than in an
        // actor's name (the Sudanese army). So too "the office of its military attaché".
        if (owner.empty() && (residence || attache) &&
            (lower.find("its ") != std::string::npos ||
             lower.find("their ") != std::string::npos)) {
          std::set<std::string> others;
          for (const Hit* c : v->all(Kind::kCountry)) {
            const bool in_actor = std::any_of(v->hits.begin(), v->hits.end(), [&](const Hit& a) {
              return a.kind == Kind::kActor && a.first <= c->first && c->last <= a.last;
            });
            const auto& code = lexicon.country(c->entry).code;
            if (code != host && !in_actor) others.insert(code);
          }
          if (others.size() == 1) owner = *others.begin();
        }
        if (owner.empty() && residence) owner = article_owner;
        if (owner.empty() || not_the_target(*v, *h) ||
            (place.city.empty() && !mission_is_the_target(*v, *h)))
          continue;
        // "the US consulate in Iraq's northern metropolis of Irbil": the consulate there.
        const char* kind = lower.find("embassy") != std::string::npos     ? "Embassy"
                           : lower.find("consulate") != std::string::npos ? "Consulate"
                           : attache   ? "Military Attaché Office"
                           : residence ? "Ambassador's Residence"
                                       : nullptr;
        if (!kind) continue;
        if (place.city.empty() && !country_named) {
          if (const auto* f =
                  mission_of(lexicon, owner, kind, dateline_city->name, dateline_city->country))
            return facility_place(*f, *v);
          continue;
        }
        if (const auto* f = mission_of(lexicon, owner, kind, place.city, host))
          return facility_place(*f, *told);
      }
  // "the US base in Al Shaddah": the registry's one foreign base near that city, named in the
  // sentence that gave the city.
  // The base comes right before its town ("the US base in Al Shaddah", "a US military base in
  // the city of al-Shaddadi"), with no comma between; a town a speaker sits in places nothing.
  if (city_sentence)
    for (const Hit* h : city_sentence->all(Cue::kTargetMilitary)) {
      if (!foreign_base_named(*city_sentence, *h) || not_the_target(*city_sentence, *h)) continue;
      if (h->last >= city_at || city_at - h->last > 6) continue;
      bool comma = false;
      for (std::size_t k = h->last + 1; k < city_at; ++k)
        comma = comma || !city_sentence->tokens[k].word;
      if (comma) continue;
      if (const auto* f = only_base_near(lexicon, place)) return facility_place(*f, *city_sentence);
    }
  if (!place.city.empty()) return place;
  // A country named only as whose (the troops', the mission's owner) is not where the attack
  // was: "three Pakistani peacekeepers were wounded" is no attack in Pakistan.
  if (!hint.empty() && !country.owner_only) {
    place.country = hint;
    place.precision = "country";
  } else if (province) {
    place.country = province->country;
    place.precision = "region";
  } else {
    // "a UNIFIL patrol came under fire near Khiam": the force serves in Lebanon only.
    for (std::size_t i = 0; i < views.size() && place.country.empty(); ++i) {
      const auto& v = views[i];
      if (roles[i] != Role::kMain || !v.attack_evidence) continue;
      for (const Hit* h : v.all(Cue::kTargetMilitary))
        for (std::size_t k = h->first; k <= h->last; ++k)
          if (v.word_in(lexicon::WordList::kLebanonOnlyForces, v.tokens[k].lower) &&
              !not_the_target(v, *h)) {
            place.country = "LB";
            place.precision = "country";
          }
    }
  }
  return place;
}

std::string read_target_type(const Annotated& article, const std::vector<std::size_t>& sentences) {
  int military = 0, diplomatic = 0;
  for (std::size_t i : sentences) {
    const auto& v = article.sentences[i];
    if (!v.attack_evidence) continue;
    for (const Hit* h : v.all(Cue::kTargetMilitary)) military += !not_the_target(v, *h);
    for (const Hit* h : v.all(Cue::kTargetDiplomatic)) diplomatic += !not_the_target(v, *h);
  }
  return military > diplomatic   ? "military"
         : diplomatic > military ? "diplomatic"
         : military > 0          ? "mixed"
                                 : "unknown";
}

}  // namespace sitrep::extract
