#include "extract/reading.h"

#include <algorithm>
#include <cctype>

namespace sitrep::extract {
namespace {

using lexicon::Cue;
using lexicon::Kind;

// Whether tokens [a, b) can name who said something: a speaker noun ("a security source", "the
// ministry"), a name (a capitalised word that does not open the sentence), or an actor, site or
// country the lexicon knows. A clause about the attack ("no casualties have been", "None of the
// attacks was") names no one.
bool names_a_speaker(const SentenceView& v, std::size_t a, std::size_t b) {
  const auto& t = v.tokens;
  for (std::size_t k = a; k < b; ++k) {
    if (v.token_in(k, Cue::kNegation) || v.token_in(k, Cue::kKilled) ||
        v.token_in(k, Cue::kInjured) || v.token_in(k, Cue::kAttackNoun) ||
        v.token_in(k, Cue::kAttackVerb) || v.token_is_weapon(k))
      return false;
    const auto& w = t[k].lower;
    if (w == "was" || w == "were" || w == "been" || w == "is" || w == "are") return false;
  }
  // "Reuters reported", "Ryder said": a name may open the sentence when the phrase is names
  // only ("There were" and "It said" are no names).
  bool opening_name = b - a <= 3;
  for (std::size_t k = a; k < b && opening_name; ++k) {
    const auto& w = t[k].lower;
    opening_name = t[k].word && std::isupper(static_cast<unsigned char>(v.text[t[k].start])) &&
                   w != "there" && w != "it" && w != "this" && w != "that" && w != "these" &&
                   w != "those" && w != "we" && w != "they" && w != "he" && w != "she" &&
                   !v.word_in(lexicon::WordList::kSourceFillers, w);
  }
  for (std::size_t k = a; k < b; ++k) {
    if (v.word_in(lexicon::WordList::kSourceHeads, t[k].lower) ||
        v.word_in(lexicon::WordList::kSpeakerHeads, t[k].lower))
      return true;
    for (const auto& h : v.hits)
      if ((h.kind == Kind::kActor || h.kind == Kind::kFacility || h.kind == Kind::kCountry) &&
          h.first <= k && k <= h.last)
        return true;
    const char first = v.text[t[k].start];
    if (t[k].word && (k > 0 || opening_name) && std::isupper(static_cast<unsigned char>(first)))
      return true;
  }
  return false;
}

// The speaker phrase in tokens [a, b): without leading fillers ("And the source", "but
// Washington", the gloss of Arabic's leading wa-), articles, or a trailing auxiliary or day
// ("the US-led coalition has", "CENTCOM on Wednesday").
std::optional<SourceSpan> speaker_span(const SentenceView& v, std::size_t a, std::size_t b) {
  const auto& t = v.tokens;
  auto skip_front = [&](std::size_t k) {
    const auto& w = t[k].lower;
    return !t[k].word || v.word_in(lexicon::WordList::kSourceFillers, w) || w == "a" || w == "an" ||
           w == "the";
  };
  while (a < b && skip_front(a)) ++a;
  // "... on Wednesday", "... has", "... also", "... at first": not the speaker's name.
  while (b > a) {
    const auto& w = t[b - 1].lower;
    bool day = b - 1 > a && t[b - 2].lower == "on";
    // "US Central Command (CENTCOM)": a bracket closed inside the phrase stays.
    if (w == ")" && std::any_of(t.begin() + a, t.begin() + (b - 1),
                                [](const text::Token& x) { return x.lower == "("; }))
      break;
    if (!t[b - 1].word || w == "has" || w == "have" || w == "had" || w == "also" || w == "first" ||
        w == "initially" || w == "later" || w == "earlier" || w == "yesterday" || w == "today")
      --b;
    else if (day && !v.dates.empty())
      b -= 2;
    else
      break;
    if (b > a && t[b - 1].lower == "at") --b;  // "at first"
  }
  // "a security source speaking to Kurdistan 24 on the condition of anonymity", "the command,
  // which announced the news", "the army in a statement on Thursday": the speaker ends there.
  for (std::size_t k = a + 1; k < b; ++k) {
    const auto& w = t[k].lower;
    const bool statement = k + 2 < t.size() && (t[k + 1].lower == "a" || t[k + 1].lower == "its") &&
                           t[k + 2].lower == "statement";
    if (w == "speaking" || w == "who" || w == "which" || w == "that" || w == "quoted" ||
        w == "citing" || w == "cited" || (w == "in" && statement)) {
      b = k;
      break;
    }
  }
  if (a >= b || b - a > 10 || !names_a_speaker(v, a, b)) return std::nullopt;
  return SourceSpan{t[a].start, t[b - 1].end};
}

}  // namespace

Evidence evidence_of(const SentenceView& v) {
  Evidence e{std::string(v.text), v.offset, v.offset + v.text.size(), ""};
  if (const auto span = source_of(v)) {
    e.source = std::string(v.text.substr(span->start, span->end - span->start));
    e.source_start = v.offset + span->start;
    e.source_end = v.offset + span->end;
  }
  return e;
}

std::optional<SourceSpan> source_of(const SentenceView& v) {
  const auto& t = v.tokens;
  // The speaker after a verb: "said Col. Wayne Marotto, a coalition spokesman", the gloss of
  // "وقال مصدر أمني لرويترز إن" ("said a security source to Reuters that") or of "dijo a la AFP
  // un responsable" ("said to the AFP an official"). It ends at a comma, "that", an addressee
  // ("to Reuters"), another report verb, or a word about the attack; an addressee right after
  // the verb is skipped.
  auto after_verb = [&](std::size_t from) -> std::optional<SourceSpan> {
    std::size_t a = from;
    if (a < t.size() && t[a].lower == "to") {
      std::size_t k = a + 1;
      while (k < t.size() && k < a + 5 && t[k].lower != "a" && t[k].lower != "an" &&
             t[k].lower != "one" && t[k].lower != ",")
        ++k;
      if (k < t.size() && k < a + 5 && t[k].word) a = k;
    }
    // "told AFP a security official" (the gloss of "dijo a la AFP un responsable"): a named
    // addressee before the speaker's article.
    for (std::size_t k = a + 1; k < t.size() && k <= a + 3; ++k) {
      if (t[k].lower != "a" && t[k].lower != "an") continue;
      bool named = true;
      for (std::size_t n = a; n < k && named; ++n)
        named = t[n].word && std::isupper(static_cast<unsigned char>(v.text[t[n].start]));
      if (named) a = k;
      break;
    }
    std::size_t b = a;
    while (b < t.size() && b < a + 10) {
      const auto& w = t[b].lower;
      // "Col. Wayne Marotto": an abbreviation's period is no end.
      const bool abbreviation_dot =
          w == "." && b > a && t[b - 1].word && t[b - 1].lower.size() <= 4 &&
          std::isupper(static_cast<unsigned char>(v.text[t[b - 1].start]));
      if (abbreviation_dot) {
        ++b;
        continue;
      }
      if (!t[b].word || w == "that" || w == "to" || w == "from" || w == "about" ||
          v.token_in(b, Cue::kReportVerb) || v.token_in(b, Cue::kNegation) ||
          v.token_in(b, Cue::kKilled) || v.token_in(b, Cue::kInjured) ||
          v.token_in(b, Cue::kAttackNoun) || v.token_is_weapon(b))
        break;
      ++b;
    }
    while (b > a && t[b - 1].lower == ".") --b;
    return speaker_span(v, a, b);
  };
  for (const Hit* h : v.all(Cue::kReportVerb)) {
    std::string_view phrase = v.text.substr(h->start, h->end - h->start);
    if (phrase == "according to" || phrase == "According to") {
      std::size_t a = h->last + 1, b = a;
      while (b < t.size() && b < a + 10 && t[b].lower != "," && t[b].lower != "." &&
             t[b].lower != "that")
        ++b;
      if (auto span = speaker_span(v, a, b)) return span;
      continue;
    }
    if (phrase == "statement") continue;
    // "40 U.S. personnel reported minor injuries": people counted before the verb suffered the
    // injuries, not said them; "the Iraqi military reported two injuries" names its speaker.
    bool suffered = false;
    for (std::size_t k = h->last + 1; k < t.size() && k <= h->last + 3 && !suffered; ++k)
      suffered = v.token_in(k, Cue::kInjured);
    bool counted_subject = false;
    for (std::size_t k = h->first >= 6 ? h->first - 6 : 0; k < h->first; ++k)
      counted_subject = counted_subject || text::parse_number(t[k].lower).has_value();
    if (suffered && counted_subject) continue;
    // Whether only fillers stand before the verb ("And said ...", the gloss of Arabic's "وقال"):
    // the sentence opens with it, and names its speaker after it.
    bool opens = true;
    for (std::size_t k = 0; k < h->first && opens; ++k)
      opens = !t[k].word || v.word_in(lexicon::WordList::kSourceFillers, t[k].lower);
    if (opens) {
      if (auto span = after_verb(h->last + 1)) return span;
      continue;
    }
    // The noun phrase before the verb, back to the previous comma or the sentence start.
    std::size_t b = h->first;
    // "Saad Maan, a spokesman for the ministry, told reporters": the appositive's comma.
    const bool comma_before = b >= 1 && t[b - 1].lower == ",";
    if (comma_before) --b;
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
    // ", said Col. Wayne Marotto, a coalition spokesman": the verb after a clause names its
    // speaker after it.
    if (comma_before && !commas) {
      if (auto span = speaker_span(v, a, b)) return span;
      if (auto span = after_verb(h->last + 1)) return span;
      continue;
    }
    if (a == b) continue;
    // "..., a security official said": the phrase after the last comma names the source,
    // unless it is an aside ("A senior official, speaking to AFP, confirmed"; "a US official,
    // who spoke on condition of anonymity, told"): then the phrase before the aside does.
    auto last_comma = [&](std::size_t from, std::size_t to) -> std::optional<std::size_t> {
      std::optional<std::size_t> found;
      for (std::size_t k = from; k < to; ++k)
        if (t[k].lower == ",") found = k;
      return found;
    };
    if (const auto comma = last_comma(a, b)) {
      const std::size_t after = *comma + 1;
      const std::string first_word = after < b ? std::string(t[after].lower) : std::string();
      const bool aside =
          first_word.ends_with("ing") || first_word == "who" || first_word == "which";
      if (aside) {
        b = *comma;
        if (const auto before = last_comma(a, b)) a = *before + 1;
      } else {
        a = after;
      }
    }
    // A pronoun or a bare quote end is no source.
    if (b == a + 1 &&
        (t[a].lower == "he" || t[a].lower == "she" || t[a].lower == "it" || t[a].lower == "they"))
      continue;
    if (auto span = speaker_span(v, a, b)) return span;
  }
  return std::nullopt;
}

bool inside_quotes(std::string_view text, std::size_t at) {
  int depth = 0;
  bool straight = false;
  for (std::size_t i = 0; i < at && i < text.size(); ++i) {
    if (text[i] == '"') straight = !straight;
    if (text.compare(i, 3, "\xE2\x80\x9C") == 0) ++depth;  // left double quotation mark
    if (text.compare(i, 3, "\xE2\x80\x9D") == 0 && depth > 0) --depth;
  }
  return straight || depth > 0;
}

bool not_the_target(const SentenceView& v, const Hit& hit) {
  const auto& t = v.tokens;
  // "300 metres from a position of the United Nations Interim Force in Lebanon (UNIFIL)": a name
  // in parentheses right after another is that one again, and shares what is said of it.
  if (hit.first >= 2 && t[hit.first - 1].lower == "(")
    for (const Hit& named : v.hits)
      if (named.last + 2 == hit.first && &named != &hit && is_site_hit(named) && is_site_hit(hit))
        return not_the_target(v, named);
  // "hit the base known as Tower 22, a logistics post that supports troops deployed in the
  // nearby al-Tanf garrison": a named site in a relative clause that describes another named
  // site before it is that site's neighbour, not the target; unless one holds the other
  // ("Baghdad airport, which houses the BDSC").
  if (hit.kind == lexicon::Kind::kFacility && v.lexicon)
    for (std::size_t r = hit.first; r > 0 && r + 12 > hit.first; --r) {
      const auto& w = t[r - 1].lower;
      if (w != "that" && w != "which") continue;
      bool verb = false;
      for (std::size_t k = r; k < hit.first; ++k)
        verb = verb || v.token_in(k, lexicon::Cue::kAttackVerb) ||
               v.token_in(k, lexicon::Cue::kImpact) || v.token_in(k, lexicon::Cue::kLaunch);
      if (verb) break;
      for (const Hit& other : v.hits) {
        if (other.kind != lexicon::Kind::kFacility || other.last + 1 >= r || other.last + 14 < r ||
            other.entry == hit.entry)
          continue;
        // "officials at Ain al-Asad said in a statement that Victory Base was targeted": a
        // report's "that" opens what was said, not a clause describing the site.
        bool reported = false;
        for (std::size_t k = other.last + 1; k < r; ++k)
          reported = reported || v.token_in(k, lexicon::Cue::kReportVerb);
        if (reported) continue;
        const auto& a = v.lexicon->facility(other.entry);
        const auto& b = v.lexicon->facility(hit.entry);
        if (a.within == b.name || b.within == a.name) continue;
        return true;
      }
      break;
    }
  // "the attack has nothing to do with Ain al-Asad base" (the gloss of "لا صلة له بقاعدة"): a site
  // told apart from the attack.
  for (std::size_t k = hit.first >= 6 ? hit.first - 6 : 0; k + 3 < hit.first; ++k)
    if (t[k].lower == "nothing" && t[k + 1].lower == "to" && t[k + 2].lower == "do" &&
        t[k + 3].lower == "with")
      return true;
  // "The convoy did not include any foreign forces", "carried no coalition equipment" (the gloss
  // of "لا يضم أي قوات أجنبية"): the presence denied.
  for (std::size_t k = hit.first; k > 0 && k + 4 > hit.first; --k) {
    const auto& w = t[k - 1].lower;
    if (!t[k - 1].word) break;
    if ((w == "no" || w == "not" || w == "n't" || w == "without" || w == "nor") && k < hit.first &&
        (t[k].lower == "any" || t[k].lower == "include" || t[k].lower == "includes" ||
         t[k].lower == "hosting" || t[k].lower == "carrying" || t[k].lower == "carry"))
      return true;
  }
  // "warplanes flying from the Hmeimim air base", "a drone that took off from a Turkish base",
  // "the shells came from the Turkish base": where the attack came from. Only a site right after
  // "from" ("fired from near the base" says where it was fired, not whence).
  for (std::size_t i = hit.first >= 4 ? hit.first - 4 : 0; i < hit.first; ++i) {
    if (t[i].lower != "from" || i == 0) continue;
    // Only an article or a modifier between: "launched from Iraq at Tower 22" aims at the site.
    bool close = true;
    for (std::size_t k = i + 1; k < hit.first; ++k) {
      const auto& w = t[k].lower;
      close = close && t[k].word && w != "near" && w != "of" && w != "outside" && w != "vicinity" &&
              w != "inside" && w != "at" && w != "toward" && w != "towards" && w != "on" &&
              w != "against" && w != "into" && w != "to" && !v.token_in(k, Cue::kAttackVerb) &&
              !v.token_in(k, Cue::kLaunch);
    }
    std::size_t verb = i - 1;
    if (t[verb].lower == "off" && verb >= 1) --verb;  // "took off from"
    // "warplanes operating from the base" is an origin; "US troops operating from the base" are
    // there to be hit.
    const bool operating = t[verb].lower == "operating" || t[verb].lower == "operated";
    std::size_t noun = operating && verb >= 1 ? verb - 1 : verb;
    if (v.word_in(lexicon::WordList::kAircraftNouns, t[noun].lower)) {
      // Not aircraft that were themselves attacked: "a drone targeted US warplanes operating from
      // Muwaffaq Salti air base".
      bool attacked = false;
      for (std::size_t k = noun >= 8 ? noun - 8 : 0; k < noun; ++k)
        attacked = attacked || v.token_in(k, Cue::kAttackVerb) || v.token_in(k, Cue::kLaunch);
      if (close && !attacked) return true;
      continue;
    }
    if (close && !operating && v.word_in(lexicon::WordList::kOriginVerbs, t[verb].lower))
      return true;
  }
  // "the drone was flying west, away from al-Tanf garrison": what it moved away from.
  for (std::size_t i = hit.first >= 4 ? hit.first - 4 : 0; i + 1 < hit.first; ++i) {
    if (t[i].lower != "away" || t[i + 1].lower != "from") continue;
    bool close = true;  // only an article or modifiers between
    for (std::size_t k = i + 2; k < hit.first; ++k) close = close && t[k].word;
    if (close) return true;
  }
  // "did not appear to be heading toward U.S. forces", "was not aimed at the base": an aim
  // denied.
  for (const Hit& verb : v.hits) {
    if (verb.kind != lexicon::Kind::kTrigger ||
        (verb.cue != Cue::kAttackVerb && verb.cue != Cue::kLaunch) || verb.last >= hit.first ||
        hit.first - verb.last > 2)
      continue;
    // The negation must govern the verb: only auxiliaries and "appear/seem to be" between
    // ("did not appear to be heading toward"), not "This is not the first time militias have
    // targeted".
    for (std::size_t k = verb.first; k > 0 && k + 6 > verb.first; --k) {
      const auto& w = t[k - 1].lower;
      if (!t[k - 1].word) break;
      if (v.token_in(k - 1, Cue::kNegation)) return true;
      const bool chain = v.word_in(lexicon::WordList::kAuxiliaries, w) || w == "appear" ||
                         w == "appeared" || w == "seem" || w == "seemed" || w == "to" ||
                         w == "be" || w == "being";
      if (!chain) break;
    }
  }
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
  // ", ten kilometres west of X", "500 metres from X", "a few hundred meters from a position of
  // the UNIFIL": a distance from a landmark.
  for (std::size_t i = hit.first >= 10 ? hit.first - 10 : 0; i < hit.first; ++i) {
    const auto& w = t[i].lower;
    bool unit = w == "km" || w == "kilometres" || w == "kilometers" || w == "miles" ||
                w == "metres" || w == "meters" || w == "kilometre" || w == "kilometer" ||
                w == "mile" || w == "metre" || w == "meter" || w == "m";
    if (!unit) continue;
    // Further back only "from" right after the unit, with no verb between it and the site ("a few
    // hundred meters from a position of the United Nations peacekeeping force"); not a launch
    // site's distance ("fired from a village 10 kilometres away landed inside the base").
    if (hit.first - i > 5) {
      bool verb = false;
      for (std::size_t k = i + 1; k < hit.first; ++k)
        verb = verb || v.token_in(k, Cue::kAttackVerb) || v.token_in(k, Cue::kLaunch) ||
               v.token_in(k, Cue::kImpact);
      if (i + 1 < hit.first && t[i + 1].lower == "from" && !verb) return true;
      continue;
    }
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
  // "Kabul's Wazir Akbar Khan district, home to several embassies": a place described by the
  // missions it holds; they are not what was hit.
  for (std::size_t k = hit.first >= 4 ? hit.first - 4 : 0; k + 1 < hit.first; ++k)
    if (t[k].lower == "home" && t[k + 1].lower == "to") return true;
  // ", where US troops are deployed": a clause that describes a place ("an Iraqi base where
  // American troops are stationed was hit" names the target itself).
  if (hit.first >= 2 && t[hit.first - 1].lower == "where" && t[hit.first - 2].lower == ",")
    for (std::size_t i = hit.last + 1; i < t.size() && i <= hit.last + 3; ++i) {
      const auto& w = t[i].lower;
      if (w == "deployed" || w == "stationed" || w == "based" || w == "housed") return true;
    }
  // "the Harir base near Erbil airport", "la base de X, cerca del aeropuerto de Y": a site that
  // places another site named just before it is a landmark, not the target ("landed outside
  // the embassy" still names the target).
  {
    std::size_t k = hit.first;
    // Across the owner: "near the Israeli embassy".
    for (const Hit& c : v.hits)
      if (c.kind == Kind::kCountry && c.last + 1 == hit.first) k = c.first;
    if (k >= 1 && t[k - 1].lower == "the") --k;
    const bool near =
        k >= 1 &&
        (t[k - 1].lower == "near" ||
         (k >= 2 && t[k - 1].lower == "to" &&
          (t[k - 2].lower == "close" || t[k - 2].lower == "next" || t[k - 2].lower == "adjacent")));
    // The site placed must be what the clause speaks of: not where a rocket was fired from
    // ("fired from an area close to the airport landed near the embassy"), nor where the
    // speakers sit ("Officials at Victory Base said a rocket landed near the embassy").
    // A target out of scope placed by the site counts too: "gunmen attacked an army checkpoint
    // near Ain al-Asad air base" hit the checkpoint.
    auto placed_site = [&](const Hit& other) {
      const bool site = other.kind == Kind::kFacility && other.entry != hit.entry;
      const bool local = other.kind == Kind::kTrigger && other.cue == Cue::kTargetCivilian;
      // Across the local target's owner and town: "a checkpoint of the Syrian Democratic
      // Forces in a town near Conoco gas field".
      if (!(site || local) || other.last >= hit.first || hit.first - other.last > (local ? 12 : 8))
        return false;
      for (std::size_t j = other.last + 1; local && j < hit.first; ++j)
        if (v.token_in(j, Cue::kAttackVerb) || v.token_in(j, Cue::kLaunch) ||
            v.token_in(j, Cue::kImpact))
          return false;
      // Back from the site to its verb: "fired from an area close to X" launched from X;
      // "(a rocket from the Katyusha type) targeted X" aims at it.
      for (std::size_t j = other.first; j > 0 && j + 6 > other.first; --j) {
        if (v.token_in(j - 1, Cue::kAttackVerb) || v.token_in(j - 1, Cue::kLaunch)) break;
        if (t[j - 1].lower == "from" || v.token_in(j - 1, Cue::kSpeaker)) return false;
      }
      for (std::size_t j = other.last + 1; j < hit.first; ++j)
        if (v.token_in(j, Cue::kReportVerb) || t[j].lower == "from") return false;
      return true;
    };
    if (near && std::any_of(v.hits.begin(), v.hits.end(), placed_site)) return true;
  }
  // "the Green Zone, which houses the US embassy", "la Zona Verde, donde se encuentra la
  // Embajada": a site named as what another site named before it holds is not the target.
  for (std::size_t i = hit.first >= 5 ? hit.first - 5 : 0; i < hit.first; ++i) {
    // "where" only with a verb of lying there: "where US soldiers are stationed" places troops.
    bool where_located = false;
    if (t[i].lower == "where")
      for (std::size_t k = i + 1; k < hit.first && k <= i + 3; ++k)
        where_located = where_located || t[k].lower == "located" || t[k].lower == "lies" ||
                        t[k].lower == "sits" || t[k].lower == "encuentra" ||
                        t[k].lower == "situated";
    const bool holds = v.word_in(lexicon::WordList::kHostVerbs, t[i].lower) ||
                       (t[i].lower == "home" && i + 1 < hit.first && t[i + 1].lower == "to") ||
                       where_located;
    if (!holds) continue;
    const bool container = std::any_of(v.hits.begin(), v.hits.end(), [&](const Hit& other) {
      return other.kind == Kind::kFacility && other.entry != hit.entry && other.last < i &&
             i - other.last <= 4;
    });
    if (container) return true;
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
      const auto& weapon = lexicon.weapon(h.entry);
      const auto& w = weapon.weapon;
      // A projectile of no listed kind is fired too: "A projectile hit the interior of the
      // base" (and the gloss of "Un obús impactó"). Not artillery or tank shells: those are as
      // often a force's own fire ("US forces responded by firing 20 artillery shells").
      // Not the defences' own round: "A projectile fired by the defence system fell on a house".
      if (w == "unknown") {
        if (weapon.detail != "projectile") return false;
        for (std::size_t k = h.last + 1; k < v.tokens.size() && k <= h.last + 6; ++k)
          if (v.token_in(k, Cue::kAirDefense) || v.token_in(k, Cue::kIntercept)) return false;
        return true;
      }
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
  // "and" opens a clause of its own when a subject and its verb follow: "There were no
  // injuries and damage was being assessed", "no one was killed and two were wounded"; not
  // "killed and wounded", "rockets and drones".
  auto boundary = [&](std::size_t k) {
    if (clause_boundary(t[k])) return true;
    if (t[k].lower != "and" || k + 2 >= t.size() || !t[k + 1].word ||
        v.word_in(lexicon::WordList::kAuxiliaries, t[k + 1].lower))
      return false;
    // "said there were no casualties and that the damage was still being assessed": a second
    // reported clause.
    if (t[k + 1].lower == "that") return true;
    for (std::size_t j = k + 2; j < t.size() && j <= k + 3; ++j)
      if (v.word_in(lexicon::WordList::kAuxiliaries, t[j].lower)) return true;
    return false;
  };
  std::size_t a = i, b = i;
  while (a > 0 && !boundary(a - 1)) --a;
  while (b + 1 < t.size() && !boundary(b + 1)) ++b;
  return {a, b};
}

}  // namespace

bool uncertain_in_clause(const SentenceView& v, std::size_t i) {
  if (v.tokens.empty()) return false;
  auto [a, b] = clause_of(v, std::min(i, v.tokens.size() - 1));
  for (const Hit* h : v.all(Cue::kUncertain))
    if (h->last >= a && h->first <= b) return true;
  // An indirect question before it in its clause: "who did not say if there was any damage",
  // "did not specify whether the attack damaged the base".
  const auto& t = v.tokens;
  // Not a fact told in a relative clause under the question: "investigating whether the drone
  // that destroyed a hangar was launched from Iran".
  for (std::size_t k = a; k < i && k < t.size(); ++k) {
    if (!asks_whether(v, k)) continue;
    bool relative = false;
    for (std::size_t j = k + 1; j < i; ++j)
      relative = relative || t[j].lower == "that" || t[j].lower == "which" || t[j].lower == "who";
    if (!relative) return true;
  }
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
    if (k != a && t[k - 1].lower != "and" && t[k - 1].lower != "while") continue;
    // Not the one that struck our site ("... and one of them slammed into the outer wall of the
    // compound, causing no injuries"): what it did is the site's toll.
    bool at_site = std::any_of(v.hits.begin(), v.hits.end(), [&](const Hit& h) {
      return h.first > k && h.last < i &&
             (is_site_hit(h) || h.cue == lexicon::Cue::kTargetDiplomatic ||
              h.cue == lexicon::Cue::kTargetMilitary);
    });
    for (std::size_t j = k + 1; j < i && !at_site; ++j)
      at_site = t[j - 1].lower == "the" && v.word_in(lexicon::WordList::kSiteParts, t[j].lower);
    return !at_site;
  }
  return false;
}

bool same_or_nested(const lexicon::Facility& a, const lexicon::Facility& b) {
  return a.name == b.name || a.within == b.name || b.within == a.name;
}

std::optional<std::string> statement_day(const SentenceView& v) {
  std::optional<std::string> day;
  for (const auto& d : v.dates)
    if (d.date && !inside_quotes(v.text, d.span.start) && date_is_reporting_mention(v, d))
      day = d.date;
  return day;
}

// The backer a token names as a proxy's sponsor: "iran-backed", "pro-tehran", "iranian-aligned"
// give "iran", "tehran", "iranian"; -1 when it names none.
int proxy_backer(const SentenceView& v, const lexicon::Lexicon& lexicon, std::string_view w) {
  if (w.starts_with("pro-")) return lexicon.proxy_actor(w.substr(4));
  const auto dash = w.find('-');
  if (dash == std::string_view::npos ||
      !v.word_in(lexicon::WordList::kProxyRelations, w.substr(dash + 1)))
    return -1;
  return lexicon.proxy_actor(w.substr(0, dash));
}

}  // namespace sitrep::extract
