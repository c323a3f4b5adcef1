#include "extract/reading.h"

#include <algorithm>
#include <cctype>

namespace sitrep::extract {
namespace {

using lexicon::Cue;
using lexicon::Kind;

std::string trim_phrase(std::string s) {
  auto strip = [&](std::string_view prefix) {
    if (s.size() > prefix.size() &&
        std::equal(prefix.begin(), prefix.end(), s.begin(),
                   [](char a, char b) { return std::tolower(a) == std::tolower(b); }))
      s.erase(0, prefix.size());
  };
  while (!s.empty() && (s.front() == ' ' || s.front() == ',' || s.front() == '"')) s.erase(0, 1);
  while (!s.empty() && (s.back() == ' ' || s.back() == ',' || s.back() == '"' || s.back() == '.'))
    s.pop_back();
  for (auto p : {"a ", "an ", "the ", "A ", "An ", "The "}) strip(p);
  return s;
}

}  // namespace

Evidence evidence_of(const SentenceView& v) {
  return Evidence{std::string(v.text), v.offset, v.offset + v.text.size(), source_of(v)};
}

std::string source_of(const SentenceView& v) {
  const auto& t = v.tokens;
  for (const Hit* h : v.all(Cue::kReportVerb)) {
    std::string_view phrase = v.text.substr(h->start, h->end - h->start);
    if (phrase == "according to" || phrase == "According to") {
      std::size_t a = h->last + 1, b = a;
      while (b < t.size() && b < a + 10 && t[b].lower != "," && t[b].lower != "." &&
             t[b].lower != "that")
        ++b;
      if (b > a)
        return trim_phrase(std::string(v.text.substr(t[a].start, t[b - 1].end - t[a].start)));
      continue;
    }
    if (phrase == "statement") continue;
    // The noun phrase before the verb, back to the previous comma or the sentence start.
    if (h->first == 0) continue;
    std::size_t b = h->first;
    std::size_t a = b;
    int commas = 0;
    while (a > 0 && b - a < 12) {
      const auto& w = t[a - 1].lower;
      if (w == "\"" || w == "." || w == ";") break;
      if (w == ",") {
        // "A senior official, speaking to AFP under anonymity, confirmed": skip one aside.
        if (++commas > 2) break;
      }
      --a;
    }
    if (a == b) continue;
    std::string np(v.text.substr(t[a].start, t[b - 1].end - t[a].start));
    // "..., a security official said": the phrase after the last comma names the source,
    // unless it is an aside ("A senior official, speaking to AFP, confirmed").
    if (auto comma = np.rfind(','); comma != std::string::npos) {
      std::string tail = np.substr(comma + 1);
      std::string first_word = tail.substr(
          tail.find_first_not_of(' ') == std::string::npos ? 0 : tail.find_first_not_of(' '));
      first_word = first_word.substr(0, first_word.find(' '));
      bool aside = first_word.ends_with("ing") || first_word == "who" || first_word == "which";
      np = aside ? np.substr(0, np.find(',')) : tail;
    }
    np = trim_phrase(np);
    // A pronoun or a bare quote end is no source.
    if (np.empty() || np == "he" || np == "she" || np == "it" || np == "they" || np == "He" ||
        np == "She" || np == "It" || np == "They")
      continue;
    if (np.size() > 120) continue;
    return np;
  }
  return {};
}

bool not_the_target(const SentenceView& v, const Hit& hit) {
  const auto& t = v.tokens;
  // "US Embassy air defenses", "the coalition's C-RAM": the defender.
  for (std::size_t i = hit.last + 1; i < t.size() && i <= hit.last + 2; ++i) {
    if (v.token_in(i, Cue::kAirDefense)) return true;
    if (t[i].lower != "'s" && t[i].lower != "’s") break;
  }
  // "a statement issued by the US Embassy", "a statement from the coalition".
  for (std::size_t i = hit.first >= 4 ? hit.first - 4 : 0; i + 1 < hit.first; ++i)
    if ((t[i].lower == "statement" || t[i].lower == "message" || t[i].lower == "post") &&
        (t[i + 1].lower == "issued" || t[i + 1].lower == "from" || t[i + 1].lower == "by"))
      return true;
  // ", ten kilometres west of X", "500 metres from X": a distance from a landmark.
  for (std::size_t i = hit.first >= 5 ? hit.first - 5 : 0; i < hit.first; ++i) {
    const auto& w = t[i].lower;
    bool unit = w == "km" || w == "kilometres" || w == "kilometers" || w == "miles" ||
                w == "metres" || w == "meters" || w == "kilometre" || w == "kilometer" ||
                w == "mile" || w == "metre" || w == "meter" || w == "m";
    if (!unit) continue;
    if (i >= 2 && (t[i - 2].lower == "," || (i >= 3 && t[i - 3].lower == ","))) return true;
    // "landed 500 metres from the embassy": the distance puts the impact outside the site.
    for (std::size_t k = i + 1; k < hit.first && k <= i + 3; ++k)
      if (t[k].lower == "from" || t[k].lower == "away") return true;
  }
  // "evacuated by helicopter to the US base at al-Tanf": where the wounded were taken.
  for (std::size_t i = hit.first >= 10 ? hit.first - 10 : 0; i + 1 < hit.first; ++i) {
    const auto& w = t[i].lower;
    bool moved = w == "evacuated" || w == "airlifted" || w == "flown" || w == "transported" ||
                 w == "transferred" || w == "rushed" || w == "taken" || w == "moved";
    if (!moved) continue;
    for (std::size_t k = i + 1; k < hit.first; ++k)
      if (t[k].lower == "to") return true;
  }
  // ", where US troops are deployed": a clause that describes a place ("an Iraqi base where
  // American troops are stationed was hit" names the target itself).
  if (hit.first >= 2 && t[hit.first - 1].lower == "where" && t[hit.first - 2].lower == ",")
    for (std::size_t i = hit.last + 1; i < t.size() && i <= hit.last + 3; ++i) {
      const auto& w = t[i].lower;
      if (w == "deployed" || w == "stationed" || w == "based" || w == "housed") return true;
    }
  // "The US Embassy in Baghdad on Friday accused ...": a report verb right after the name.
  for (std::size_t i = hit.last + 1; i < v.tokens.size() && i <= hit.last + 4; ++i) {
    // "... base hosting US troops, according to security sources" attributes the sentence.
    if (v.tokens[i].lower == "according") break;
    if (v.token_in(i, Cue::kReportVerb) || v.token_in(i, Cue::kSuspect)) return true;
    if (v.tokens[i].lower == "," || v.tokens[i].lower == "that") break;
  }
  // "according to the US Embassy", "a spokesperson for the embassy".
  for (std::size_t i = hit.first >= 4 ? hit.first - 4 : 0; i < hit.first; ++i)
    if (v.token_in(i, Cue::kSpeaker)) return true;
  if (hit.first >= 2 && v.tokens[hit.first - 2].lower == "according" &&
      v.tokens[hit.first - 1].lower == "to")
    return true;
  if (hit.first >= 3 && v.tokens[hit.first - 3].lower == "according" &&
      v.tokens[hit.first - 2].lower == "to")
    return true;
  return false;
}

bool is_projectile(const lexicon::Lexicon& lexicon, const SentenceView& v, std::size_t i) {
  for (const auto& h : v.hits)
    if (h.kind == Kind::kWeapon && h.first <= i && i <= h.last) {
      // "rocket launchers" names the weapon, but what it counts are launchers.
      if (v.word_in(lexicon::WordList::kLauncherWords, v.tokens[h.last].lower)) return false;
      const auto& w = lexicon.weapon(h.entry).weapon;
      return w == "rocket" || w == "drone" || w == "missile" || w == "mortar";
    }
  return false;
}

namespace {

bool clause_boundary(const text::Token& t) {
  const auto& w = t.lower;
  return w == "," || w == ";" || w == ":" || w == "but" || w == "while" || w == "although" ||
         w == "though" || w == "whereas" || w == "." || w == "\xE2\x80\x94";
}

// The first and last token of the clause holding token i.
std::pair<std::size_t, std::size_t> clause_of(const SentenceView& v, std::size_t i) {
  const auto& t = v.tokens;
  std::size_t a = i, b = i;
  while (a > 0 && !clause_boundary(t[a - 1])) --a;
  while (b + 1 < t.size() && !clause_boundary(t[b + 1])) ++b;
  return {a, b};
}

}  // namespace

bool uncertain_in_clause(const SentenceView& v, std::size_t i) {
  if (v.tokens.empty()) return false;
  auto [a, b] = clause_of(v, std::min(i, v.tokens.size() - 1));
  for (const Hit* h : v.all(Cue::kUncertain))
    if (h->last >= a && h->first <= b) return true;
  return false;
}

bool about_one_projectile(const SentenceView& v, std::size_t i) {
  const auto& t = v.tokens;
  if (t.empty()) return false;
  i = std::min(i, t.size() - 1);
  // The clause before the zero, back over one comma ("One rocket hit a field, causing no ...").
  std::size_t a = clause_of(v, i).first;
  if (a >= 2 && t[a - 1].lower == ",") a = clause_of(v, a - 2).first;
  for (std::size_t k = a; k < i; ++k) {
    const auto& w = t[k].lower;
    bool one =
        (w == "one" && k + 1 < t.size() && (t[k + 1].lower == "of" || v.token_is_weapon(k + 1))) ||
        w == "another" ||
        ((w == "second" || w == "third" || w == "other") && k >= 1 && t[k - 1].lower == "the");
    if (!one) continue;
    if (k == a || t[k - 1].lower == "and" || t[k - 1].lower == "while") return true;
  }
  return false;
}

bool same_or_nested(const lexicon::Facility& a, const lexicon::Facility& b) {
  return a.name == b.name || a.within == b.name || b.within == a.name;
}

}  // namespace sitrep::extract
