#include "extract/detect.h"

#include <algorithm>
#include <cmath>
#include <fstream>
#include <optional>
#include <set>
#include <sstream>

#include "core/weights.h"
#include "extract/reading.h"

namespace sitrep::extract {
namespace {

using lexicon::Cue;
using lexicon::Kind;

constexpr std::string_view kFeatureNames[] = {
    "anchor_strength",     "anchor_names_site",    "anchor_has_weapon",    "anchor_has_attack_verb",
    "anchor_early",        "headline_attack",      "headline_not_attack",  "benign",
    "doubted_target",      "old_attack_named",     "no_published",         "dated_recent",
    "undated_site_figure", "undated_told_as_news", "any_recent_day",       "anchor_quoted",
    "headline_other_news", "undated_lead_attack",  "anchor_claim",         "anchor_old_date",
    "lead_us_strike",      "lead_foiled",          "lead_threat_or_drill", "lead_cause",
    "attack_sentences",    "report_day_only",      "recent_day_in_lead",   "no_headline",
    "headline_aftermath",  "lead_aftermath",       "headline_civilian",    "news_is_reaction",
    "first_other_news",    "anchor_late",          "lead_tally",           "lead_condemns",
    "lead_judicial",       "headline_genre",       "older_live_item",      "lead_nothing_happened",
    "condemns_day_after"};
static_assert(std::size(kFeatureNames) == static_cast<std::size_t>(Feature::kCount));

double& at(Features& x, Feature f) {
  return x[static_cast<std::size_t>(f)];
}

int anchor_score(const SentenceView& v) {
  if (v.role != Role::kMain || !v.attack_evidence || !v.in_scope_target) return -1;
  int score = 0;
  bool target = false;
  for (const Hit* h : v.all(Kind::kFacility))
    if (!not_the_target(v, *h)) {
      score += 3;
      target = true;
      break;
    }
  for (Cue cue : {Cue::kTargetMilitary, Cue::kTargetDiplomatic})
    for (const Hit* h : v.all(cue))
      if (!not_the_target(v, *h)) {
        score += 2;
        target = true;
        break;
      }
  if (!target) return -1;
  if (!v.all(Kind::kWeapon).empty()) score += 2;
  if (v.has(Cue::kAttackVerb)) score += 2;
  if (v.has(Cue::kAttackNoun)) score += 1;
  if (v.lead) score += 2;
  if (v.sentence.quoted) score -= 1;
  return score;
}

// With `near_counts` false, a site named only as what something happened near ("Bomb explodes
// near Russian embassy in Damascus") is not named as hit.
bool names_site_as_target(const SentenceView& v, bool near_counts = true) {
  for (const Hit* h : v.all(Kind::kFacility)) {
    if (not_the_target(v, *h)) continue;
    bool near = false;
    for (std::size_t k = h->first >= 2 ? h->first - 2 : 0; k < h->first && !near_counts; ++k)
      near = near || locative_at(v.tokens, k);
    if (!near) return true;
  }
  return false;
}

// "three soldiers were killed", "kills three soldiers", "two rockets hit".
bool has_figure(const lexicon::Lexicon& lexicon, const SentenceView& s) {
  for (std::size_t i = 0; i < s.tokens.size(); ++i)
    if (text::parse_number(s.tokens[i].lower))
      for (std::size_t k = i >= 2 ? i - 2 : 0; k < s.tokens.size() && k <= i + 5; ++k)
        if (s.token_in(k, Cue::kKilled) || s.token_in(k, Cue::kInjured) ||
            s.token_in(k, Cue::kImpact) || s.token_in(k, Cue::kIntercept) ||
            is_projectile(lexicon, s, k))
          return true;
  return false;
}

// "The embassy was not targeted", "the base was not the target": the site denied as target, which
// no headline naming it undoes. "Was not hit" / "was not struck" (`spared`) only says the site
// came through: the caller weighs it against a sentence telling the site attacked.
bool denies_target(const SentenceView& v, bool* spared = nullptr) {
  const auto& t = v.tokens;
  // The site named, or "the base" / "the embassy" told of again ("The base itself was not
  // targeted, the officer said").
  std::vector<std::pair<std::size_t, std::size_t>> sites;  // first and last token
  for (const Hit& h : v.hits)
    if (is_site_hit(h)) sites.emplace_back(h.first, h.last);
  for (std::size_t i = 1; i < t.size(); ++i)
    if (t[i - 1].lower == "the" && (v.word_in(lexicon::WordList::kMilitaryHeads, t[i].lower) ||
                                    v.word_in(lexicon::WordList::kDiplomaticHeads, t[i].lower)))
      sites.emplace_back(i - 1, i);
  // "Two rockets were fired at the US Embassy, but the embassy was not hit": fired at it first,
  // in the same sentence, it was attacked all the same.
  // The verb aims at our site when one is its object, a few words on ("fired two rockets at the
  // US Embassy"), not "fired at an Iraqi checkpoint ..., but the nearby embassy was not hit".
  auto aimed_before = [&](std::size_t first) {
    for (const Hit& h : v.hits) {
      if (h.last >= first || (h.cue != Cue::kLaunch && h.cue != Cue::kAttackVerb)) continue;
      for (const auto& site : sites)
        if (site.first > h.last && site.first <= h.last + 5) return true;
    }
    return false;
  };
  for (const auto& [site_first, end] : sites) {
    // Across the site's place: "the embassy of Brazil in Beirut was not hit".
    std::size_t k = end + 1;
    while (k < t.size() && k <= end + 5 && t[k].word && t[k].lower != "was" &&
           t[k].lower != "were" && t[k].lower != "is")
      ++k;
    if (k + 2 >= t.size() || (t[k].lower != "was" && t[k].lower != "were" && t[k].lower != "is"))
      continue;
    if (t[k + 1].lower != "not") continue;
    const auto& w = t[k + 2].lower;
    if (w == "targeted" || (w == "the" && k + 3 < t.size() && t[k + 3].lower == "target"))
      return true;
    // "The Brazilian embassy in Beirut was not hit by the strikes".
    if (spared && (w == "hit" || w == "struck") && !aimed_before(site_first)) *spared = true;
  }
  // "we have no indication of any attack on Ain al-Asad", "there was no attack on the embassy":
  // the attack on our site denied outright.
  for (std::size_t i = 0; i + 2 < t.size(); ++i) {
    if (t[i].lower != "no") continue;
    // "Our forces have carried out no attack against the base": a party denying its part,
    // not the attack.
    if (i >= 1 && (t[i - 1].lower == "out" || t[i - 1].lower == "launched" ||
                   t[i - 1].lower == "conducted" || t[i - 1].lower == "staged"))
      continue;
    std::size_t k = i + 1;
    if (k + 1 < t.size() &&
        (t[k].lower == "indication" || t[k].lower == "sign" || t[k].lower == "evidence") &&
        t[k + 1].lower == "of")
      k += 2;
    if (k < t.size() && (t[k].lower == "any" || t[k].lower == "an" || t[k].lower == "a")) ++k;
    if (k >= t.size() || !v.token_in(k, Cue::kAttackNoun)) continue;
    // Within four words: "no attack on U.S. or coalition forces" (punctuation between counts for
    // nothing).
    std::size_t words = 0;
    for (std::size_t j = k + 1; j < t.size() && words < 4; ++j) {
      if (std::any_of(sites.begin(), sites.end(),
                      [&](const auto& site) { return site.first == j; }))
        return true;
      if (t[j].word) ++words;
    }
  }
  // "the convoy belongs to a local transport company and has no relation to the International
  // Coalition forces", "had nothing to do with the US embassy": what was hit told apart from our
  // sites (not "has no relation to the attack").
  for (std::size_t i = 0; i + 2 < t.size(); ++i) {
    const auto& w = t[i].lower;
    const auto& next = t[i + 1].lower;
    const bool unrelated =
        (w == "no" && (next == "relation" || next == "connection" || next == "link" ||
                       next == "links" || next == "ties")) ||
        (w == "nothing" && next == "to" && t[i + 2].lower == "do") ||
        (w == "not" && (next == "linked" || next == "affiliated" || next == "related"));
    if (!unrelated) continue;
    std::size_t k = i + 2;
    while (
        k < t.size() && k <= i + 4 &&
        (t[k].lower == "to" || t[k].lower == "with" || t[k].lower == "do" || t[k].lower == "the"))
      ++k;
    // Not the site naming an attack: "had nothing to do with the Tower 22 attack".
    for (const auto& [first, last] : sites)
      if (first == k && !(last + 1 < t.size() &&
                          (v.token_in(last + 1, Cue::kAttackNoun) ||
                           t[last + 1].lower == "attack" || t[last + 1].lower == "attacks")))
        return true;
  }
  // "ISIS gunmen attacked a checkpoint of the Iraqi army located about 12 kilometres from the Ain
  // al-Asad air base": another target struck, and our site only its landmark, kilometres away.
  // Not projectiles that fell short ("two rockets landed three kilometres from the base").
  if (v.has(Cue::kTargetCivilian) && (v.has(Cue::kAttackVerb) || v.has(Cue::kAttackNoun)) &&
      !v.has(Cue::kImpact) && !v.has(Cue::kTargetMilitary) && !v.has(Cue::kTargetDiplomatic))
    for (const Hit* h : v.all(Kind::kFacility))
      for (std::size_t k = h->first >= 5 ? h->first - 5 : 0; k + 1 < h->first; ++k) {
        const auto& unit = t[k].lower;
        if ((unit == "km" || unit == "kilometres" || unit == "kilometers" || unit == "miles") &&
            t[k + 1].lower == "from")
          return true;
      }
  // "embassies spared", "no diplomatic missions were damaged", "no embassy was hit": our sites
  // told as untouched.
  for (const Hit& h : v.hits) {
    if (!spared || !is_site_hit(h)) continue;
    std::size_t k = h.last + 1;
    while (k < t.size() && (t[k].lower == "were" || t[k].lower == "was" || t[k].lower == "had" ||
                            t[k].lower == "been"))
      ++k;
    if (k < t.size() && t[k].lower == "spared") *spared = true;
    // "no diplomatic missions were damaged", "no reports that any diplomatic premises had been
    // hit".
    // "no" opens the site's phrase or the clause about it; not "no injuries when the US embassy
    // was hit".
    bool none = false;
    for (std::size_t j = h.first; j > 0 && j + 5 > h.first; --j) {
      const auto& w = t[j - 1].lower;
      if (w == "," || w == "when" || w == "as" || w == "but" || w == "while" || w == "after") break;
      if (w == "no") {
        // Only "any", "that", "reports", "the" or the site's own words between.
        bool plain = true;
        for (std::size_t m = j; m < h.first; ++m) {
          const auto& x = t[m].lower;
          plain = plain && (x == "any" || x == "that" || x == "reports" || x == "report" ||
                            x == "the" || x == "indication" || x == "sign" || x == "of");
        }
        none = plain;
        break;
      }
    }
    if (none && k < t.size() &&
        (t[k].lower == "damaged" || t[k].lower == "hit" || t[k].lower == "struck" ||
         t[k].lower == "affected"))
      *spared = true;
  }
  // "the rockets did not reach the US base", "did not come near the airport's facilities" (the
  // glosses of "لم تطل القاعدة", "لم يقترب من منشآت المطار").
  // Not a present-tense rule nor a denied manner: "drones do not hit embassies by accident".
  auto denied_manner = [&](std::size_t from) {
    for (std::size_t k = from; k < t.size() && k <= from + 4; ++k)
      if ((t[k].lower.ends_with("ly") || (k >= 1 && t[k - 1].lower == "by")) &&
          v.word_in(lexicon::WordList::kAccidentWords, t[k].lower))
        return true;
    return false;
  };
  for (std::size_t i = 0; spared && i + 2 < t.size(); ++i) {
    if (t[i].lower != "not") continue;
    if (i >= 1 && (t[i - 1].lower == "do" || t[i - 1].lower == "does")) continue;
    const auto& w = t[i + 1].lower;
    if (w != "reach" && w != "hit" && w != "strike" && w != "come") continue;
    for (const Hit& h : v.hits)
      if (is_site_hit(h) && h.first > i + 1 && h.first <= i + 6 && !denied_manner(h.last + 1))
        *spared = true;
  }
  return false;
}

// "it was not immediately clear whether the American mission was the target".
bool doubts_target(const SentenceView& v) {
  const auto& t = v.tokens;
  if (!v.has(Cue::kUncertain)) return false;
  // "whether the embassy was the target", "no indication the embassy had been targeted".
  for (std::size_t i = 0; i + 1 < t.size(); ++i)
    if (t[i].lower == "whether" || t[i].lower == "if" || t[i].lower == "indication" ||
        t[i].lower == "sign")
      for (std::size_t k = i + 1; k + 1 < t.size() && k <= i + 10; ++k) {
        // One clause: "no indication of casualties at the embassy, which was targeted by two of
        // the rockets" doubts nothing of the target.
        if (t[k].lower == "," || t[k].lower == "which" || t[k].lower == "who" ||
            (t[k].lower == "that" && k > i + 1))
          break;
        if ((t[k].lower == "the" && t[k + 1].lower == "target") || t[k].lower == "targeted") {
          if (std::any_of(v.hits.begin(), v.hits.end(), [&](const Hit& h) {
                return h.first > i && h.first < k && is_site_hit(h);
              }))
            return true;
          // "The embassy building was not damaged, and there was no indication it had been
          // targeted": "it" for the site named before.
          const bool pronoun = std::any_of(t.begin() + i + 1, t.begin() + k, [](const auto& w) {
            return w.lower == "it" || w.lower == "they";
          });
          if (pronoun && std::any_of(v.hits.begin(), v.hits.end(),
                                     [&](const Hit& h) { return h.last < i && is_site_hit(h); }))
            return true;
        }
      }
  return false;
}

// The clock time a live blog's item header opens with ("16:45", "21h47", "11:55 PM"), in minutes
// after midnight: the posting time annotate read ("HH:MM").
std::optional<int> header_minutes(const SentenceView& v) {
  const std::string& hhmm = v.posting_time;
  if (hhmm.size() != 5 || hhmm[2] != ':') return std::nullopt;
  const auto hours = text::parse_number(hhmm.substr(0, 2));
  const auto minutes = text::parse_number(hhmm.substr(3));
  if (!hours || !minutes) return std::nullopt;
  return *hours * 60 + *minutes;
}

// Whether a live blog tells the attack (in the anchor's item, or for an anchor above the items in
// the item that tells it) in an item older than its newest. Items run newest first unless their
// times climb.
// "[Research note | Northern Iraq Security Project]": a label in brackets on a line of its own is
// page furniture, not the body's first sentence.
bool bracketed_label(const SentenceView& v) {
  std::string_view text = v.text;
  while (!text.empty() && (text.back() == ' ' || text.back() == '\n')) text.remove_suffix(1);
  return text.size() >= 2 && (text.front() == '[' || text.front() == '(') &&
         (text.back() == ']' || text.back() == ')');
}

bool older_live_item(const Annotated& article, std::size_t anchor) {
  const auto& views = article.sentences;
  std::vector<std::size_t> headers;
  for (std::size_t i = 0; i < views.size(); ++i)
    if (views[i].entry_start) headers.push_back(i);
  if (headers.size() < 2) return false;
  // Most steps between items climb or fall; a fall of over twelve hours is a climb past
  // midnight (23:50 then 00:20), and the reverse.
  int climbs = 0;
  for (std::size_t k = 0; k + 1 < headers.size(); ++k) {
    const auto a = header_minutes(views[headers[k]]);
    const auto b = header_minutes(views[headers[k + 1]]);
    if (!a || !b || *a == *b) continue;
    int step = *b - *a;
    if (step > 12 * 60) step -= 24 * 60;
    if (step < -12 * 60) step += 24 * 60;
    climbs += step > 0 ? 1 : -1;
  }
  const std::size_t newest = climbs > 0 ? headers.size() - 1 : 0;
  auto item_of = [&](std::size_t i) -> std::optional<std::size_t> {
    std::optional<std::size_t> item;
    for (std::size_t k = 0; k < headers.size(); ++k)
      if (i >= headers[k]) item = k;
    return item;
  };
  // A page titled by the attack ("Middle East live: drones target US garrison in Syria; ...")
  // reports it wherever its item stands.
  for (std::size_t i = 0; i < headers[0]; ++i)
    if (views[i].sentence.heading && views[i].role == Role::kMain && views[i].attack_evidence &&
        (views[i].in_scope_target || !views[i].all(Kind::kWeapon).empty()))
      return false;
  std::optional<std::size_t> item = item_of(anchor);
  if (!item)  // above the items: the item that tells an attack on our target
    for (std::size_t i = headers[0]; i < views.size() && !item; ++i)
      if (views[i].role == Role::kMain && views[i].attack_evidence && views[i].in_scope_target)
        item = item_of(i);
  return item && *item != newest;
}

// "condemned on Friday", "on Friday demanded an explanation": a day right beside a word of
// reaction dates the reaction.
bool dates_a_reaction(const SentenceView& v, const text::DateMention& d) {
  const std::size_t first = v.token_at(d.span.start), last = v.token_at(d.span.end - 1);
  for (std::size_t k = first >= 3 ? first - 3 : 0; k < v.tokens.size() && k <= last + 2; ++k)
    if (v.word_in(lexicon::WordList::kCondemnWords, v.tokens[k].lower) ||
        v.token_in(k, Cue::kAftermath))
      return true;
  return false;
}

// "after terrorists fired rockets at the base overnight", "the attack suffered hours earlier", "an
// attack earlier in the evening": a main sentence about an attack that puts it on the day of the
// report (the `same_day` phrases of triggers.tsv).
bool same_day_marker(const SentenceView& v) {
  return v.role == Role::kMain && v.attack_evidence && same_day_of_attack(v);
}

// How many days back a word of the sentence dates what it tells: "yesterday", "a day-old
// bombing", "a day earlier" (1); "days ago" (2); "weeks ago", "last week" (7); "months ago" (30).
std::optional<int> earlier_day_age(const SentenceView& v) {
  const auto& t = v.tokens;
  for (std::size_t k = 0; k < t.size(); ++k) {
    const auto& w = t[k].lower;
    if (w == "yesterday") return 1;
    // "a day-old suicide bombing": the attack's age, not a truce's ("a day-old ceasefire").
    if (w == "day-old" || w == "days-old")
      for (std::size_t j = k + 1; j < t.size() && j <= k + 3; ++j)
        if (v.token_in(j, Cue::kAttackNoun) || v.token_is_weapon(j)) return w == "day-old" ? 1 : 2;
    const std::string_view next = k + 1 < t.size() ? std::string_view(t[k + 1].lower) : "";
    if (next == "ago" || next == "earlier" || next == "before") {
      if (w == "day") return 1;
      if (w == "days") return 2;
      if (w == "week" || w == "weeks") return 7;
      if (w == "months") return 30;
    }
    if (w == "last" && next == "week") return 7;
  }
  return std::nullopt;
}

// "the shelling of the embassy days ago", "yesterday's attack": a lead that puts the attack
// before the day of the report, whatever day it names beside the reaction.
bool earlier_day_marker(const SentenceView& v) {
  return earlier_day_age(v).has_value();
}

bool within_week(std::optional<long> day, long published) {
  return day && *day <= published + 1 && *day >= published - 7;
}

// Where a reaction sentence starts telling the attack it came after ("The condemnations came
// hours after a gunman opened fire ..."): the token after its first such marker, or none.
std::optional<std::size_t> reacted_to_from(const SentenceView& v) {
  std::optional<std::size_t> from;
  for (const Hit* h : v.all(Cue::kBackground))
    if (reaction_came_after(v, *h) && (!from || h->last + 1 < *from)) from = h->last + 1;
  return from;
}

// The days within the week of publication that main sentences tell an attack on, leaving out
// the days of reports, of periods, of things awaited and of reactions. `lead_only`: the lead's
// sentences, a day beside a verb of firing or striking or a weapon (the attack a condemnation
// lead tells); else the first paragraphs' sentences about a target of ours, beside an attack
// noun too.
std::vector<long> attack_days_told(const std::vector<SentenceView>& views, long pub,
                                   bool lead_only) {
  std::vector<long> out;
  for (const auto& v : views) {
    if (v.role != Role::kMain) continue;
    if (lead_only ? !v.lead : (v.sentence.index > 8 || !v.attack_evidence || !v.in_scope_target))
      continue;
    // After "The condemnations came hours after", every day told is the attack's.
    const std::size_t reaction_end = reacted_to_from(v).value_or(v.tokens.size());
    for (const auto& d : v.dates) {
      if (d.date && v.token_at(d.span.start) >= reaction_end && v.attack_evidence) {
        if (const auto day = text::days_from_civil(*d.date); within_week(day, pub))
          out.push_back(*day);
        continue;
      }
      if (!d.date || date_is_reporting_mention(v, d) || date_starts_period(v, d) ||
          date_awaited(v, d) || dates_a_reaction(v, d) || !attack_word_near_date(v, d, !lead_only))
        continue;
      const auto day = text::days_from_civil(*d.date);
      if (within_week(day, pub)) out.push_back(*day);
    }
  }
  return out;
}

// The days the lead dates a reaction on ("Spain on Tuesday condemned an overnight attack").
std::vector<long> reaction_days(const std::vector<SentenceView>& views) {
  std::vector<long> out;
  for (const auto& v : views)
    if (v.lead && v.role == Role::kMain)
      for (const auto& d : v.dates)
        if (d.date && dates_a_reaction(v, d))
          if (const auto day = text::days_from_civil(*d.date)) out.push_back(*day);
  return out;
}

}  // namespace

std::string_view feature_name(Feature feature) {
  return kFeatureNames[static_cast<std::size_t>(feature)];
}

Result<DetectModel> DetectModel::load(const std::filesystem::path& path) {
  auto weights = read_weights(path, "the detection model", kFeatureNames);
  if (!weights) return std::unexpected(weights.error());
  DetectModel model;
  model.bias = weights->bias;
  model.threshold = weights->threshold;
  for (std::size_t i = 0; i < model.weights.size(); ++i) {
    model.weights[i] = weights->values[i];
    model.pinned[i] = weights->pinned[i];
  }
  return model;
}

Result<DetectModel> DetectModel::load_default(const std::filesystem::path& data_dir) {
  return load(data_dir / "model" / "detect.tsv");
}

double DetectModel::probability(const Features& x) const {
  double z = bias;
  for (std::size_t i = 0; i < x.size(); ++i) z += weights[i] * x[i];
  return 1.0 / (1.0 + std::exp(-z));
}

// The resolved days a sentence tells an attack on: each written day, not after publication, with
// a verb of firing, striking or stopping or a weapon within six words of it; not the report's own
// ("said on Monday"), the start of a period ("since Sunday"), nor a day something else waits
// for ("ahead of a visit on Thursday", "on high alert on Wednesday after a rocket attack").
std::vector<std::string> told_days(const SentenceView& v, std::optional<long> published_day) {
  std::vector<std::string> out;
  for (const auto& d : v.dates) {
    if (!d.date || date_is_reporting_mention(v, d) || date_starts_period(v, d)) continue;
    const auto day = text::days_from_civil(*d.date);
    // The day after publication may be the attack's (a New York page on a Baghdad dawn).
    if (!day || (published_day && *day > *published_day + 1)) continue;
    if (attack_word_near_date(v, d, false) && !date_awaited(v, d)) out.push_back(*d.date);
  }
  return out;
}

// Whether `earlier` (a sentence before `later`) tells its attack on a day after every day
// `later` tells: "Three rockets were fired on Monday at an air base north of Baghdad" before
// "Two rockets were launched on Sunday against Baghdad airport" puts Sunday's in the past.
bool tells_a_later_day(const SentenceView& earlier, const SentenceView& later,
                       std::optional<long> published_day) {
  const auto x = told_days(earlier, published_day), y = told_days(later, published_day);
  if (x.empty() || y.empty()) return false;
  const auto newest_of_later = *std::max_element(y.begin(), y.end());
  return std::all_of(x.begin(), x.end(), [&](const auto& d) { return d > newest_of_later; });
}

std::optional<std::size_t> choose_anchor(const Annotated& article, const lexicon::Lexicon&) {
  // The main attack of a report is in its lead, and the lead tells it first: the earliest lead
  // sentence that comes near the richest one ("Five rockets fell on the Balad air base ... An
  // hour later, two others were fired at Baghdad airport, where US soldiers are").
  // A sentence that names no site does not come before one that does ("Five civilians were
  // killed in a rocket attack ..." before "the rocket targeted Baghdad airport"). But a lead
  // attack sentence told on a later day than the chosen one comes first, near or not: the lead
  // tells the news, and the sentence after it an older attack.
  constexpr int kNear = 2;
  std::vector<int> scores(article.sentences.size(), -1);
  int best = -1;
  const SentenceView* richest = nullptr;
  for (std::size_t i = 0; i < article.sentences.size(); ++i) {
    const auto& v = article.sentences[i];
    if (!v.lead) continue;
    scores[i] = anchor_score(v);
    if (scores[i] > best) best = scores[i], richest = &v;
  }
  if (!richest) return std::nullopt;
  const bool site = names_site_as_target(*richest);
  // A roundup headline names the main attack's site first ("Drone attack on Erbil airport,
  // rockets near Ain al-Asad"): among the near ones, the first sentence naming it wins.
  std::optional<int> headline_site;
  if (const SentenceView* headline = article.headline())
    for (const Hit* h : headline->all(Kind::kFacility))
      if (!not_the_target(*headline, *h)) {
        headline_site = h->entry;
        break;
      }
  std::optional<std::size_t> first, named;
  for (std::size_t i = 0; i < article.sentences.size(); ++i) {
    const auto& v = article.sentences[i];
    if (scores[i] < 0 || scores[i] < best - kNear) continue;
    if (site && !names_site_as_target(v)) continue;
    if (!first) first = i;
    if (headline_site && !named)
      for (const Hit* h : v.all(Kind::kFacility))
        if (h->entry == *headline_site && !not_the_target(v, *h)) named = i;
  }
  std::optional<std::size_t> pick = named ? named : first;
  if (pick)
    for (std::size_t i = 0; i < *pick; ++i)
      if (scores[i] >= 0 &&
          tells_a_later_day(article.sentences[i], article.sentences[*pick], article.published_day))
        return i;
  return pick;
}

// A tally that is the sentence's news: "US forces attacked 52 times since October", "55
// attacks during the month", "eight more attacks against US forces". Not "three drone attacks
// target US bases" (a few attacks told as news) nor a tally in a relative clause ("the garrison,
// which has been attacked 60 times since October, was hit ...").
bool news_is_tally(const SentenceView& v) {
  const auto& t = v.tokens;
  for (std::size_t i = 0; i < t.size() && i < v.series_aside; ++i) {
    if (!tally_at(v, i)) continue;
    // A period right after the count, in its clause: "52 times since October", "55 attacks
    // during the month", "66 attacks so far".
    bool period = false;
    for (std::size_t k = i + 1; k < t.size() && k <= i + 6 && t[k].lower != ","; ++k)
      period |= t[k].lower == "since" || t[k].lower == "during" || t[k].lower == "so" ||
                t[k].lower == "year" || t[k].lower == "month" || t[k].lower == "months" ||
                t[k].lower == "weeks" || t[k].lower == "toll";
    const auto n = count_at(v, i, false);
    if (!period && (!n || *n < 5)) continue;
    // ", which has been attacked 60 times since October,": a relative clause opened right
    // after a comma describes something else.
    bool relative = false;
    for (std::size_t k = i; k > 1; --k) {
      if (t[k - 1].lower == ",") break;
      relative |= (t[k - 1].lower == "which" || t[k - 1].lower == "who") && t[k - 2].lower == ",";
    }
    if (!relative) return true;
  }
  return false;
}

// A headline clause beside a tally that tells one attack: "US forces attacked 160 times since
// October; latest drone kills three", "... as drone kills three in Jordan", "After 160 attacks,
// drone kills three US troops" (clauses split at ";", ":", a dash, a comma or "as"; the one
// with a weapon and an outcome or a hit, and without the tally's count).
bool specific_attack_clause(const SentenceView& v) {
  const auto& t = v.tokens;
  std::size_t from = 0;
  for (std::size_t i = 0; i <= t.size(); ++i) {
    const bool split = i == t.size() || t[i].lower == ";" || t[i].lower == ":" ||
                       t[i].lower == "," || is_dash(t[i].lower) || t[i].lower == "as";
    if (!split) continue;
    bool weapon = false, outcome = false, tally = false;
    for (std::size_t k = from; k < i; ++k) {
      weapon = weapon || v.token_is_weapon(k);
      outcome = outcome || v.token_in(k, Cue::kKilled) || v.token_in(k, Cue::kInjured) ||
                v.token_in(k, Cue::kImpact);
      tally = tally || tally_at(v, k);
    }
    if (weapon && outcome && !tally && from > 0) return true;
    if (weapon && outcome && !tally && i < t.size()) return true;
    from = i + 1;
  }
  return false;
}

// A number of projectiles: "with three drones", "seven Katyusha rockets".
bool counts_projectiles(const SentenceView& v) {
  const auto& t = v.tokens;
  for (std::size_t k = 0; k + 1 < t.size(); ++k)
    if (text::parse_number(t[k].lower) &&
        (v.token_is_weapon(k + 1) || (k + 2 < t.size() && v.token_is_weapon(k + 2))))
      return true;
  return false;
}

// A word that names an attack: a weapon, an attack noun or verb.
bool attack_word(const SentenceView& v, std::size_t k) {
  return v.token_is_weapon(k) || v.token_in(k, Cue::kAttackNoun) || v.token_in(k, Cue::kAttackVerb);
}

// "The latest attack came on Monday morning, when two rockets ...", "In the most recent
// incident, ...": the article names this attack as the newest of a run, the news it leads up to
// after paragraphs of politics or context.
bool introduced_as_latest(const SentenceView& v) {
  const auto& t = v.tokens;
  std::size_t k = 0;
  if (k < t.size() && t[k].lower == "in") ++k;
  if (k < t.size() && t[k].lower == "the") ++k;
  if (k + 1 < t.size() && t[k].lower == "most" && t[k + 1].lower == "recent")
    ++k;
  else if (k >= t.size() || (t[k].lower != "latest" && t[k].lower != "newest"))
    return false;
  ++k;
  // "the latest rocket attack", "the latest such incident"; not "the latest in a spate of".
  for (std::size_t j = k; j < t.size() && j <= k + 1; ++j)
    if (v.token_in(j, Cue::kAttackNoun) ||
        v.word_in(lexicon::WordList::kOccurrenceSubjects, t[j].lower))
      return true;
  return false;
}

// "The incident comes on the anniversary of the 11 September 2001 attacks", "The attack came
// days after ...": a sentence whose subject is the attack told, set beside other events. The
// index of its verb: what follows it is those events.
std::optional<std::size_t> relating_verb(const SentenceView& v) {
  const auto& t = v.tokens;
  bool subject = false;
  for (std::size_t k = 0; k + 1 < t.size() && k <= 4; ++k) {
    const auto& w = t[k].lower;
    if (subject && (w == "comes" || w == "came") && t[k + 1].lower != "under") return k;
    subject = subject || v.word_in(lexicon::WordList::kOccurrenceSubjects, w) ||
              v.token_in(k, Cue::kAttackNoun);
  }
  return std::nullopt;
}

// The condemnation word that comes before the sentence's first attack word, if any: the
// sentence's news is the reaction.
std::optional<std::size_t> condemnation_first(const SentenceView& v) {
  for (std::size_t i = 0; i < v.tokens.size(); ++i) {
    if (attack_word(v, i)) return std::nullopt;
    if (v.word_in(lexicon::WordList::kCondemnWords, v.tokens[i].lower)) return i;
  }
  return std::nullopt;
}

// "Ankara condemns 'barbaric attack' and vows Haftar's forces will pay": a vow told after a
// condemnation is the victim's reaction to an attack, no threat of one to come; the reaction
// features weigh it.
bool reaction_vow(const SentenceView& v) {
  const Hit* threat = v.first(Cue::kThreat);
  const auto condemned = condemnation_first(v);
  return threat && condemned && *condemned < threat->first;
}

// Whether a reaction is the headline's news: "Biden vows response after drone attack", not
// "Drone attack kills three US troops in Jordan; Biden vows response", whose first clause tells
// the attack by its verb and a break (";", ",", "as", "while") opens the reaction's. A noun
// alone ("Attack on US embassy: Iraq arrests suspects") tells no attack, and "Soldier killed in
// PKK attack laid to rest" is one clause.
bool aftermath_is_the_news(const SentenceView& v) {
  const Hit* first = nullptr;
  for (const Hit* h : v.all(Cue::kAftermath))
    if (!first || h->first < first->first) first = h;
  if (!first) return false;
  const auto& t = v.tokens;
  // "After drone attack killed three US troops, Biden vows response": a fronted clause of time
  // is no clause of its own.
  if (!t.empty() && (t[0].lower == "after" || t[0].lower == "following" || t[0].lower == "as" ||
                     t[0].lower == "when"))
    return true;
  bool told = false;
  for (std::size_t i = 0; i < first->first; ++i) {
    const auto& w = t[i].lower;
    if (told && (w == ";" || w == "," || w == "as" || w == "while" || w == "|" || is_dash(w)))
      return false;
    told = told || v.token_in(i, Cue::kAttackVerb) || v.token_in(i, Cue::kLaunch) ||
           v.token_in(i, Cue::kImpact) || v.token_in(i, Cue::kKilled) ||
           v.token_in(i, Cue::kInjured);
  }
  return true;
}

// "The UAE strongly condemned the terrorist attack that targeted the Russian embassy", "UN
// condemns attack that killed two embassy staff": that condemnation has an attack as its
// object, within its phrase ("condemned with vehemence the attack") and across an inserted
// phrase ("condemned, in a statement on Monday, the rocket attack"), not into the next clause
// ("which had denounced the US presence, fired three rockets"). The day it is condemned on does
// not count towards the distance ("condemned, Monday 20 June 2022, with the greatest firmness,
// the attack").
bool condemns_attack(const SentenceView& v) {
  const auto i = condemnation_first(v);
  if (!i) return false;
  const auto& t = v.tokens;
  std::size_t budget = 8;
  for (std::size_t k = *i + 1; k < t.size() && k <= *i + budget; ++k) {
    if (v.token_in_date(k)) ++budget;
    if (t[k - 1].lower == "," && (v.token_in(k, Cue::kLaunch) || v.token_in(k, Cue::kImpact)))
      return false;
    if (attack_word(v, k)) return true;
  }
  return false;
}

// A find: weapons seized, a launch pad found, a device defused, rockets "ready to be fired".
bool is_find(const SentenceView& v, const Hit& h) {
  const auto& w = v.tokens[h.last].lower;
  if (w.starts_with("seiz") || w == "launchpad" || w == "launchpads" || w == "pad" || w == "pads" ||
      w == "dismantled" || w.starts_with("defuse") || w == "fired" || w == "to")
    return true;
  // "foiled an attempt to launch rockets", "thwarted a plot": nothing was fired.
  const auto& t = v.tokens;
  for (std::size_t k = h.last + 1; k < t.size() && k <= h.last + 2; ++k)
    if (t[k].lower == "attempt" || t[k].lower == "attempts" ||
        v.word_in(lexicon::WordList::kPlanWords, t[k].lower))
      return true;
  return false;
}

// "Security forces found the launch pad used in last night's rocket attack on Erbil", "seizes the
// platform from which rockets were fired at the embassy": a find whose object, a launcher or a
// weapon, is tied to the attack by its past use. The find is the news; the attack it names was
// told before. Only a find that comes before every attack word ("rockets hit the base; police
// later found the launcher used") and only its object's own use: "found three rockets ready to
// be fired" is a plot, read by its role.
bool find_of_used_launcher(const SentenceView& v) {
  const auto& t = v.tokens;
  for (std::size_t k = 0; k < t.size(); ++k) {
    if (attack_word(v, k)) return false;
    if (!v.word_in(lexicon::WordList::kFindWords, t[k].lower)) continue;
    bool launcher = false;
    for (std::size_t j = k + 1; j < t.size() && j <= k + 14; ++j) {
      const auto& w = t[j].lower;
      // What was found: a launcher or a weapon. Not the vehicle that carried them: "seized a
      // truck used in a rocket attack on Balad air base on Wednesday night" tells the attack.
      launcher =
          launcher || v.word_in(lexicon::WordList::kLauncherWords, w) || v.token_is_weapon(j);
      const bool used = w == "used" || (w == "from" && j + 1 < t.size() &&
                                        (t[j + 1].lower == "which" || t[j + 1].lower == "where"));
      if (!launcher || !used) continue;
      bool names_attack = false;
      for (std::size_t m = j + 1; m < t.size() && m <= j + 8 && !names_attack; ++m)
        names_attack = attack_word(v, m) || v.token_in(m, Cue::kLaunch);
      if (!names_attack) return false;
      // "... found the launcher used in Monday's attack, but on Tuesday night three more rockets
      // struck the embassy": a new attack told after it is the news.
      bool contrast = false;
      for (std::size_t m = j + 1; m < t.size(); ++m) {
        if (contrast && (v.token_in(m, Cue::kImpact) || v.token_in(m, Cue::kAttackVerb)))
          return false;
        contrast = contrast || t[m].lower == "but" || t[m].lower == "while" || t[m].lower == "as";
      }
      return true;
    }
  }
  return false;
}

// "Security forces find rocket launch pad in Dora": a find of a launcher or a weapon with no
// attack told beside it; as a headline it does not tell the attack the body may recall.
bool find_only(const SentenceView& v) {
  const auto& t = v.tokens;
  std::optional<std::size_t> find;
  for (std::size_t k = 0; k < t.size(); ++k) {
    if (v.token_in(k, Cue::kAttackNoun) || v.token_in(k, Cue::kAttackVerb) ||
        v.token_in(k, Cue::kLaunch) || v.token_in(k, Cue::kImpact) ||
        v.token_in(k, Cue::kIntercept))
      return false;
    if (!find && v.token_is_weapon(k)) return false;
    if (!find && v.word_in(lexicon::WordList::kFindWords, t[k].lower)) find = k;
  }
  return find.has_value();
}

// "rockets that could have landed inside the base", "drones that would have struck it": an
// impact that did not happen.
bool hypothetical_impact(const SentenceView& v) {
  for (const Hit* h : v.all(Cue::kImpact))
    for (std::size_t k = h->first >= 3 ? h->first - 3 : 0; k < h->first; ++k) {
      const auto& w = v.tokens[k].lower;
      if (w == "would" || w == "could" || w == "might" || w == "may") return true;
    }
  return false;
}

// Whether the sentence's news is a reaction to the attack it names: a reaction word (an order,
// arrests, a summons, an alert) comes before every attack word, and a link word between them
// makes the attack its object ("orders arrests after rockets land", "capture those responsible
// for the rocket attack", "summons the ambassador over missile fire"). With no reaction word,
// an arrest verb is such news when the attack it names is the object of its culprits
// ("announced they had arrested several assailants who took part in the attack"): named by a
// noun, not told ("detained the attackers who fired rockets at the base on Tuesday" tells it).
bool reaction_to_attack(const SentenceView& v) {
  const auto& t = v.tokens;
  auto linked_after = [&](std::size_t news, lexicon::WordList links, bool noun_only) {
    for (std::size_t k = 0; k < news && k < t.size(); ++k)
      if (attack_word(v, k)) return false;
    bool linked = false;
    for (std::size_t k = news; k < t.size(); ++k) {
      if (attack_word(v, k)) return linked && (!noun_only || v.token_in(k, Cue::kAttackNoun));
      linked = linked || v.word_in(links, t[k].lower);
    }
    return false;
  };
  if (const Hit* news = v.first(Cue::kAftermath)) {
    if (linked_after(news->first, lexicon::WordList::kReactionLinks, false)) return true;
    // "After drone attack killed three US troops in Jordan, Biden vows response": the fronted
    // clause of time tells what the news reacts to.
    if (!t.empty() && (t[0].lower == "after" || t[0].lower == "following")) {
      bool comma = false;
      for (std::size_t k = 1; k < news->first; ++k) comma = comma || t[k].lower == ",";
      if (comma) return true;
    }
    // A funeral or compensation of the attack's victims: "funeral of a man who died of wounds
    // sustained in the rocket attack".
    bool mourning = false;
    for (std::size_t k = news->first; k <= news->last; ++k)
      mourning = mourning || v.word_in(lexicon::WordList::kMourningWords, t[k].lower);
    return mourning && linked_after(news->first, lexicon::WordList::kVictimLinks, false);
  }
  if (find_of_used_launcher(v)) return true;
  for (std::size_t k = 0; k < t.size(); ++k)
    if (v.word_in(lexicon::WordList::kArrestWords, t[k].lower))
      return linked_after(k, lexicon::WordList::kArrestLinks, true);
  return false;
}

namespace {

// A court's work told as the sentence's news: "Court jails man who fired at Cuban embassy",
// "Gunman who opened fire on US embassy charged with terrorism". Not one told as the time of an
// attack the sentence reports first: "Rocket hits US embassy a day after court jails
// militiamen", "Rockets strike Turkish base as PKK trial continues".
bool judicial_news(const SentenceView& v) {
  const auto& t = v.tokens;
  for (const Hit* h : v.all(Cue::kJudicial)) {
    bool attack_told = false, subordinate = false;
    for (std::size_t k = 0; k < h->first && k < t.size(); ++k) {
      const auto& w = t[k].lower;
      if (attack_told && (w == "after" || w == "following" || w == "amid" || w == "as" ||
                          w == "while" || w == "since" || w == "before"))
        subordinate = true;
      attack_told = attack_told || v.token_in(k, Cue::kAttackVerb) ||
                    v.token_in(k, Cue::kAttackNoun) || v.token_in(k, Cue::kLaunch) ||
                    v.token_in(k, Cue::kImpact) || v.token_is_weapon(k);
    }
    if (!subordinate) return true;
  }
  return false;
}

}  // namespace

Features detection_features(const Annotated& article, const lexicon::Lexicon& lexicon,
                            std::size_t anchor) {
  Features x{};
  const auto& views = article.sentences;
  const auto& a = views[anchor];
  at(x, Feature::kAnchorStrength) = std::min(1.0, anchor_score(a) / 12.0);
  at(x, Feature::kAnchorNamesSite) = names_site_as_target(a);
  at(x, Feature::kAnchorHasWeapon) = !a.all(Kind::kWeapon).empty();
  at(x, Feature::kAnchorHasAttackVerb) = a.has(Cue::kAttackVerb);
  at(x, Feature::kAnchorEarly) = a.sentence.heading || a.sentence.index <= 2;
  at(x, Feature::kAnchorQuoted) = a.sentence.quoted;

  // An article headlined as a strike BY US forces, a drill, a threat or a plot is about that,
  // even when it recalls the attack that prompted it. ("attack ... thwarted" usually means
  // intercepted: plots are caught by their sentences' roles.)
  const SentenceView* headline = article.headline();
  at(x, Feature::kNoHeadline) = headline == nullptr;
  int attack_sentences = 0;
  for (const auto& v : views) {
    attack_sentences += v.role == Role::kMain && v.attack_evidence && v.in_scope_target;
    // A photo caption in the lead ("soldiers during a joint exercise ... (Photo: AFP)") is page
    // furniture: its drill or anniversary is not the article's news.
    if (!v.lead || v.caption) continue;
    if (v.has(Cue::kUsAgent)) at(x, Feature::kLeadUsStrike) = 1;
    if (v.has(Cue::kFoiled) && v.role == Role::kNotAttack) at(x, Feature::kLeadFoiled) = 1;
    if ((v.has(Cue::kThreat) && !reaction_vow(v)) || v.has(Cue::kDrill))
      at(x, Feature::kLeadThreatOrDrill) = 1;
    if (v.has(Cue::kCause)) at(x, Feature::kLeadCause) = 1;
    if (v.nothing_happened) at(x, Feature::kLeadNothingHappened) = 1;
    if (v.has(Cue::kAftermath) && !v.sentence.heading) at(x, Feature::kLeadAftermath) = 1;
  }
  // Unless the lead tells what happened too: "C-RAM shot down a drone over the Green Zone ... No
  // drones fell inside the embassy compound".
  if (at(x, Feature::kLeadNothingHappened) > 0 &&
      std::any_of(views.begin(), views.end(), [](const SentenceView& other) {
        return other.lead && !other.caption && other.role == Role::kMain &&
               !other.nothing_happened && other.attack_evidence &&
               (other.has(Cue::kAttackVerb) || other.has(Cue::kLaunch) || other.has(Cue::kImpact) ||
                other.has(Cue::kIntercept));
      }))
    at(x, Feature::kLeadNothingHappened) = 0;
  at(x, Feature::kAttackSentences) = std::min(1.0, attack_sentences / 5.0);
  // The body's first sentences: is the news an attack on our target, or something else?
  int body = 0;
  const SentenceView* first_body = nullptr;
  // The first of those two that tells an attack.
  const SentenceView* first_telling = nullptr;
  // The attack's own account somewhere in the lead, which outweighs a condemnation told first:
  // "the attack was carried out at 11:10 pm with three drones, one of which was shot down", "two
  // mortar shells fell on the embassy compound on Tuesday afternoon". A count of projectiles that
  // hit, were fired or were stopped, on a site of ours; a day-after piece that only recalls the
  // attack gives none.
  // Or the hour it happened, or its day as the report's or the day before ("several rockets were
  // fired Tuesday evening toward the US embassy", "debris fell next to the embassy at around 2:30
  // a.m."): an account, which a piece that only names the attack lacks.
  auto fresh_day = [&](const SentenceView& v) {
    if (!article.published_day) return false;
    return std::any_of(v.dates.begin(), v.dates.end(), [&](const text::DateMention& d) {
      const auto day = d.date ? text::days_from_civil(*d.date) : std::nullopt;
      return day && *day <= *article.published_day && *day + 1 >= *article.published_day;
    });
  };
  bool account_after = false;
  // An account that gives the attack's own figures, its count or its hour, which a piece that
  // recalls the attack as "Monday's attack on the embassy" does not.
  bool account_with_figures = false;
  for (const auto& v : views)
    if (v.lead && !v.sentence.heading && v.role == Role::kMain && !v.sentence.quoted &&
        v.attack_evidence && (v.in_scope_target || definite_site_head(v)) &&
        (!condemnation_first(v) || reacted_to_from(v)) &&
        (v.has(Cue::kLaunch) || v.has(Cue::kImpact) || v.has(Cue::kIntercept))) {
      const bool figures = counts_projectiles(v) || !v.times.empty();
      account_after = account_after || figures || fresh_day(v);
      account_with_figures = account_with_figures || figures;
    }
  // ... of an attack the lead dates no earlier than the day before publication ("shelled the
  // embassy days ago" is older news the reaction recalls).
  auto account_with_figures_fresh = [&] {
    if (!account_with_figures || !article.published_day) return false;
    const long pub = *article.published_day;
    const auto days = attack_days_told(views, pub, true);
    const bool older_word = std::any_of(views.begin(), views.end(), [](const SentenceView& v) {
      const auto age = earlier_day_age(v);
      return v.lead && v.role == Role::kMain && age && *age > 1;
    });
    return !older_word &&
           std::all_of(days.begin(), days.end(), [&](long d) { return d + 1 >= pub; });
  };
  for (std::size_t i = 0; i < views.size(); ++i) {
    const auto& v = views[i];
    if (v.sentence.heading || v.tokens.size() < 6 || v.caption || bracketed_label(v)) continue;
    if (body == 0) {
      // Under a headline that tells the attack itself ("Rocket hits Ain al-Asad airbase"), the
      // body may open with the inquiry; "Iraq calls attack on US embassy terrorist" does not
      // tell it (no weapon, no attack verb).
      const bool headline_tells_attack =
          headline && headline->role == Role::kMain && headline->attack_evidence &&
          !find_only(*headline) &&
          (headline->has(Cue::kAttackVerb) || !headline->all(Kind::kWeapon).empty());
      if (!headline_tells_attack && reaction_to_attack(v)) at(x, Feature::kNewsIsReaction) = 1;
      bool other = v.has(Cue::kUsAgent) || v.has(Cue::kAftermath) || v.has(Cue::kThreat) ||
                   v.has(Cue::kFoiled) || v.has(Cue::kDrill) || v.role != Role::kMain;
      // "The Pentagon launched strikes in response to a drone attack on a US base": a strike BY
      // US forces told with the attack as its cause is other news, though it names the attack.
      const bool response = v.has(Cue::kUsAgent) && v.has(Cue::kCause);
      // "Police seized four Katyusha rockets meant for Balad air base, which came under a rocket
      // attack yesterday": a find or a foiled plot that opens the body is the news, though it
      // names the attack the rockets were meant to repeat (its role says nothing was fired).
      // Only a find: "foiled an attack", "thwarted" and "arrested" also tell interceptions and
      // arrests after an attack.
      bool plot = false;
      if (v.role == Role::kNotAttack)
        for (const Hit* h : v.all(Cue::kFoiled)) plot = plot || is_find(v, *h);
      at(x, Feature::kFirstOtherNews) =
          other && (response || plot || !(v.attack_evidence && v.in_scope_target));
      // A tally that opens the body is the news unless the headline tells the attack itself
      // ("... 160 times since October; latest drone kills three").
      if (news_is_tally(v) && !(headline && specific_attack_clause(*headline)))
        at(x, Feature::kLeadTally) = 1;
      first_body = &v;
    }
    // Telling: an attack on a target of ours, or a weapon or a verb of firing, striking or
    // stopping ("as a drone was shot down"); the word "attack" alone only names one ("the fifth
    // attack of its kind this year").
    const bool tells = v.attack_evidence && (v.in_scope_target || !v.all(Kind::kWeapon).empty() ||
                                             v.has(Cue::kAttackVerb) || v.has(Cue::kLaunch) ||
                                             v.has(Cue::kImpact) || v.has(Cue::kIntercept));
    if (!first_telling && tells) first_telling = &v;

    if (i == anchor) break;
    if (++body >= 2) {
      at(x, Feature::kAnchorLate) = !a.sentence.heading && !introduced_as_latest(a);
      break;
    }
  }
  // A condemnation in the headline or the body's first sentence is the news unless the other
  // tells the attack itself: "Iraq condemns rocket attack on US embassy" over "Three rockets
  // struck the embassy compound ..." reports the attack. After a first sentence of context
  // ("This is the fifth attack of its kind this year"), the first that tells the attack counts.
  {
    const bool headline_condemns = headline && condemns_attack(*headline);
    const bool body_condemns = (first_body && condemns_attack(*first_body)) ||
                               (first_telling && condemns_attack(*first_telling));
    const bool headline_tells =
        headline && !condemnation_first(*headline).has_value() && headline->role == Role::kMain &&
        headline->attack_evidence &&
        (headline->has(Cue::kAttackVerb) || !headline->all(Kind::kWeapon).empty());
    // An account with the attack's own figures tells it wherever the lead puts it, also after
    // two paragraphs of reactions.
    const bool body_tells =
        (first_telling && (!condemnation_first(*first_telling).has_value() || account_after)) ||
        account_with_figures_fresh();
    at(x, Feature::kLeadCondemns) =
        (headline_condemns || body_condemns) && !headline_tells && !body_tells;
    // A condemnation lead puts the account after it: an anchor that is that account ("Three
    // mortar shells fell on the embassy compound on Monday afternoon") is where it belongs.
    if ((headline_condemns || body_condemns) && account_after && counts_projectiles(a))
      at(x, Feature::kAnchorLate) = 0;
  }
  at(x, Feature::kLeadJudicial) =
      (headline && judicial_news(*headline)) || (first_body && judicial_news(*first_body));
  at(x, Feature::kAnchorClaim) = a.has(Cue::kClaim) || (headline && headline->has(Cue::kClaim));
  // "Analysis: ...", "Explainer | ...", "تحليل | ..." (glossed "Analysis | ..."): a label
  // opening the headline (or the first line, when a question mark kept it from reading as one)
  // before a colon, bar or dash.
  auto label_at = [](const SentenceView& line, std::size_t k) {
    const auto& t = line.tokens;
    return k + 1 < t.size() && line.word_in(lexicon::WordList::kGenreLabels, t[k].lower) &&
           (t[k + 1].lower == ":" || t[k + 1].lower == "|" || is_dash(t[k + 1].lower));
  };
  if (const SentenceView* top = headline ? headline : (views.empty() ? nullptr : &views[0])) {
    const auto& t = top->tokens;
    std::size_t k = !t.empty() && t[0].lower == "the" ? 1 : 0;
    // Reuters writes "ANALYSIS-Iran-backed militias ...": the label joined by its hyphen.
    bool joined = false;
    if (k < t.size())
      if (const auto dash = t[k].lower.find('-'); dash != std::string::npos)
        joined = top->word_in(lexicon::WordList::kGenreLabels, t[k].lower.substr(0, dash));
    at(x, Feature::kHeadlineGenre) = joined || label_at(*top, k);
    // Or a section line under the headline, "Policy analysis | Defence and Security Programme":
    // the label second, after the section's own word. Not a link's "Timeline: a year of
    // attacks", whose label opens a title of its own.
    const std::size_t next = static_cast<std::size_t>(top - views.data()) + 1;
    if (next < views.size() && next <= 2 && views[next].tokens.size() <= 10 &&
        !views[next].attack_evidence && label_at(views[next], 1))
      at(x, Feature::kHeadlineGenre) = 1;
  }
  at(x, Feature::kOlderLiveItem) = older_live_item(article, anchor);
  if (headline) {
    at(x, Feature::kNewsIsReaction) =
        at(x, Feature::kNewsIsReaction) || reaction_to_attack(*headline);
    at(x, Feature::kHeadlineAftermath) = aftermath_is_the_news(*headline);
    at(x, Feature::kHeadlineCivilian) = headline->has(Cue::kTargetCivilian);
    // A tally headline over a body that opens with the attack itself ("Rockets struck the Green
    // Village base on Tuesday, the 61st attack ...") reports that attack.
    const bool body_opens_with_attack =
        first_body && first_body->role == Role::kMain && first_body->attack_evidence &&
        first_body->in_scope_target && !first_body->all(Kind::kWeapon).empty();
    if (news_is_tally(*headline) && !body_opens_with_attack && !specific_attack_clause(*headline))
      at(x, Feature::kLeadTally) = 1;
    // A toll on one of our targets is attack news too: "Two US soldiers killed in Syria".
    const bool toll_on_target =
        headline->in_scope_target && (headline->has(Cue::kKilled) || headline->has(Cue::kInjured));
    const bool headline_main = headline->role == Role::kMain && !find_only(*headline);
    at(x, Feature::kHeadlineOtherNews) =
        !(headline_main && (headline->attack_evidence || toll_on_target));
    // A foil may be an interception ("Air defences foil drone attack on Erbil airport"), which
    // reports the attack; a find is not ("Security forces foil rocket attack, seize launcher").
    bool headline_find = headline->has(Cue::kFoiled) && !headline->has(Cue::kIntercept) &&
                         !headline->has(Cue::kImpact) && !headline->has(Cue::kAirDefense);
    if (headline_find) {
      bool find = false;
      for (const Hit* h : headline->all(Cue::kFoiled)) find = find || is_find(*headline, *h);
      headline_find = find;
      // "Security forces foil attack, seize launcher" over a lead that tells rockets landed
      // ("Two rockets fell near the airport before forces found the launcher"): a part of the
      // salvo was found, the rest was fired.
      // Not rockets that landed on another site ("Harir base was targeted last Monday by two
      // rockets that landed in its perimeter"): an earlier attack recalled.
      std::set<int> found_at;
      for (const Hit* h : headline->all(Kind::kFacility)) found_at.insert(h->entry);
      auto elsewhere = [&](const SentenceView& lead) {
        const auto sites = lead.all(Kind::kFacility);
        return !found_at.empty() && !sites.empty() &&
               std::none_of(sites.begin(), sites.end(),
                            [&](const Hit* h) { return found_at.count(h->entry) > 0; });
      };
      for (const auto& lead : views)
        if (&lead != headline && lead.lead && lead.role == Role::kMain && lead.has(Cue::kImpact) &&
            !lead.has(Cue::kHypothetical) && !hypothetical_impact(lead) && !elsewhere(lead))
          headline_find = false;
    }
    at(x, Feature::kHeadlineNotAttack) = headline->role == Role::kNotAttack &&
                                         !reaction_vow(*headline) &&
                                         (!headline->has(Cue::kFoiled) || headline_find);
    at(x, Feature::kHeadlineAttack) =
        headline_main && (headline->attack_evidence || toll_on_target);
  }

  // "The UAV was an unarmed camera drone", "it was not immediately clear whether the American
  // mission was the target": the article itself says this was no attack on our sites. A doubt
  // about the target stands unless the anchor or a lead headline names one of our sites as hit.
  bool anchor_site = false;
  for (const auto& lead : views) {
    if (&lead != &a && !(lead.sentence.heading && lead.lead)) continue;
    if (lead.role != Role::kMain || !lead.attack_evidence) continue;
    // Only a site named as hit outweighs a doubt about the target.
    anchor_site |= names_site_as_target(lead, false);
  }
  // A site told as spared denies the attack on it unless another sentence tells it attacked
  // ("Three rockets were fired at the embassy ... The embassy was not hit").
  bool spared = false, told_attacked = false;
  for (const auto& v : views) {
    if (v.role == Role::kBackground || v.role == Role::kGeneric || v.sentence.quoted) continue;
    // "Two drones attacked Ain al-Asad ...; the second fell because of a technical malfunction":
    // one of the attack's drones failed, beside the attack told on our site.
    const bool attack_beside =
        v.attack_evidence &&
        ((v.in_scope_target && v.has(Cue::kAttackVerb)) || v.has(Cue::kIntercept));
    // "A third rocket did not launch because of a technical malfunction": one of a salvo whose
    // others flew; its failure says nothing of theirs.
    // The ordinal is the projectile's: "a third rocket", "another drone", "the remaining
    // rockets", the gloss's "rocket third"; not "a second blast followed".
    bool part_of_salvo = false;
    for (std::size_t k = 0; v.has(Cue::kBenign) && k < v.tokens.size() && !part_of_salvo; ++k) {
      const auto& w = v.tokens[k].lower;
      const auto ordinal = text::parse_ordinal(w);
      if ((ordinal && *ordinal >= 2) || w == "another" || w == "remaining")
        part_of_salvo = (k + 1 < v.tokens.size() && v.token_is_weapon(k + 1)) ||
                        (k >= 1 && v.token_is_weapon(k - 1));
    }
    if (v.has(Cue::kBenign) && !attack_beside && !part_of_salvo) at(x, Feature::kBenign) = 1;
    bool spared_here = false;
    if ((!anchor_site && doubts_target(v)) || denies_target(v, &spared_here))
      at(x, Feature::kDoubtedTarget) = 1;
    spared |= spared_here;
    told_attacked |= !spared_here && v.role == Role::kMain && v.attack_evidence &&
                     v.in_scope_target && names_site_as_target(v);
  }
  if (spared && !told_attacked) at(x, Feature::kDoubtedTarget) = 1;

  if (!article.published_day) {
    at(x, Feature::kNoPublished) = 1;
    return x;
  }
  const long pub = *article.published_day;

  // An aftermath piece ("Soldiers injured when militants fired missiles at the base received
  // Purple Hearts on Thursday ... wounded in the January 20 attack") names its attack as "the
  // <older date> attack" in the lead; its recent day dates the ceremony, not the attack. Such an
  // article reports the attack only when a recent day sits right beside an attack verb.
  bool old_attack_named = false;
  const int pub_month = std::stoi(text::civil_from_days(pub).substr(5, 2));
  for (const auto& v : views) {
    if (!v.lead || v.sentence.heading) continue;
    const auto& t = v.tokens;
    const auto relating = relating_verb(v);
    for (const auto& d : v.dates) {
      auto days = d.date ? text::days_from_civil(*d.date) : std::nullopt;
      if (!days || !d.explicit_day || *days >= pub - 10) continue;
      std::size_t first = v.token_at(d.span.start), last = v.token_at(d.span.end - 1);
      if (relating && first > *relating) continue;
      bool definite = first >= 1 && t[first - 1].lower == "the";
      bool attack_next = last + 1 < t.size() &&
                         (v.token_in(last + 1, Cue::kAttackNoun) || v.token_is_weapon(last + 1));
      if (definite && attack_next) old_attack_named = true;
    }
    // "wounded in a January missile attack" in May: a month alone, two or more before the
    // publication's, names an earlier attack the way a day does.
    for (std::size_t k = 1; k + 1 < t.size(); ++k) {
      const auto month = text::month_number(t[k].lower);
      if (!month || !t[k].capitalized || (t[k - 1].lower != "a" && t[k - 1].lower != "the"))
        continue;
      // "the first attack on the base since a January missile attack": a bound, not the news.
      if (k >= 2 && (t[k - 2].lower == "since" || t[k - 2].lower == "after")) continue;
      const bool attack_next = v.token_in(k + 1, Cue::kAttackNoun) || v.token_is_weapon(k + 1);
      if (attack_next && (pub_month - *month + 12) % 12 >= 2) old_attack_named = true;
    }
    // "One year after the attack of Iran against the base Ain al-Asad": an anniversary before
    // anything the lead tells of an attack, with the attack right after it ("Three rockets hit
    // the embassy, a year after a rocket attack wounded a guard" tells this attack).
    for (const Hit* h : v.all(Cue::kAftermath)) {
      if (lower_text(v, *h).find("year") == std::string::npos) continue;
      bool told_before = false;  // an attack the sentence tells before the anniversary
      for (std::size_t k = 0; k < h->first; ++k)
        told_before = told_before || v.token_in(k, Cue::kAttackVerb) ||
                      v.token_in(k, Cue::kLaunch) || v.token_in(k, Cue::kImpact);
      if (told_before) continue;
      for (std::size_t k = h->last + 1; k < t.size() && k <= h->last + 4; ++k)
        if (v.token_in(k, Cue::kAttackNoun) || v.token_is_weapon(k)) old_attack_named = true;
    }
  }
  if (old_attack_named) {
    bool recent_beside_verb = false;
    for (const auto& v : views) {
      if (v.role != Role::kMain) continue;
      for (const auto& d : v.dates) {
        auto days = d.date ? text::days_from_civil(*d.date) : std::nullopt;
        if (!within_week(days, pub)) continue;
        std::size_t first = v.token_at(d.span.start), last = v.token_at(d.span.end - 1);
        for (std::size_t k = first >= 6 ? first - 6 : 0; k < v.tokens.size() && k <= last + 6; ++k)
          if (v.token_in(k, Cue::kAttackVerb) || v.token_in(k, Cue::kImpact) ||
              v.token_in(k, Cue::kIntercept) || v.token_in(k, Cue::kLaunch))
            recent_beside_verb = true;
      }
    }
    at(x, Feature::kOldAttackNamed) = !recent_beside_verb;
  }

  for (const auto& v : views)
    for (const auto& d : v.dates) {
      auto days = d.date ? text::days_from_civil(*d.date) : std::nullopt;
      if (within_week(days, pub)) {
        at(x, Feature::kAnyRecentDay) = 1;
        if (v.lead && v.role == Role::kMain) at(x, Feature::kRecentDayInLead) = 1;
      }
    }
  for (const auto& d : a.dates) {
    auto days = d.date ? text::days_from_civil(*d.date) : std::nullopt;
    if (days && d.explicit_day && *days < pub - 7 && *days >= pub - 45)
      at(x, Feature::kAnchorOldDate) = 1;
  }

  // An article that gives no day at all ("the attack occurred in the early hours") is dated by
  // its publication; then the lead itself must be specific.
  if (!at(x, Feature::kAnyRecentDay)) {
    bool target = false;
    for (Cue cue : {Cue::kTargetMilitary, Cue::kTargetDiplomatic})
      for (const Hit* h : a.all(cue)) target |= !not_the_target(a, *h);
    // A figure in the anchor or the sentence that follows it ("the attack was carried out with
    // two suicide drones").
    bool figure = has_figure(lexicon, a);
    if (anchor + 1 < views.size() && views[anchor + 1].role == Role::kMain)
      figure |= has_figure(lexicon, views[anchor + 1]);
    at(x, Feature::kUndatedSiteFigure) = names_site_as_target(a) && figure && a.sentence.index <= 3;
    // "Local sources reported that suicide drones targeted the coalition base": a weapon and
    // an attack verb aimed at a target of ours, told as news under a headline about it.
    at(x, Feature::kUndatedLeadAttack) = (target || names_site_as_target(a)) &&
                                         a.sentence.index <= 2 &&
                                         (a.has(Cue::kAttackVerb) || a.has(Cue::kImpact) ||
                                          a.has(Cue::kIntercept) || !a.all(Kind::kWeapon).empty());
    at(x, Feature::kUndatedToldAsNews) = (target || names_site_as_target(a)) &&
                                         a.has(Cue::kAttackVerb) && !a.all(Kind::kWeapon).empty() &&
                                         a.sentence.index <= 2 && headline &&
                                         headline->role == Role::kMain && headline->attack_evidence;
  }

  // A specific attack happened at a particular time: some main sentence about an attack says
  // when, within the week before publication. "More attacks on Monday, which have not been
  // confirmed" dates no attack. A report's own day counts when the anchor itself reports the
  // attack ("... shot down two drones near the base, an Iraqi security source said on Saturday").
  bool reporting_day = false;
  for (const auto& v : views) {
    if (v.role != Role::kMain || !v.attack_evidence || v.has(Cue::kUncertain)) continue;
    for (const auto& d : v.dates) {
      if (!d.date || !within_week(text::days_from_civil(*d.date), pub)) continue;
      bool reporting = date_is_reporting_mention(v, d);
      reporting_day |= reporting;
      if (!reporting ||
          (&v == &a && (v.has(Cue::kAttackVerb) || v.has(Cue::kIntercept) || v.has(Cue::kImpact))))
        at(x, Feature::kDatedRecent) = 1;
    }
  }
  at(x, Feature::kReportDayOnly) = reporting_day && !at(x, Feature::kDatedRecent);
  if (at(x, Feature::kLeadCondemns) > 0) {
    // The lead dates the attack before the day of publication, by a day ("condemned Monday's
    // rocket attack", read Tuesday) or by a word ("a day-old suicide bombing", "yesterday's").
    const auto days = attack_days_told(views, pub, true);
    const bool earlier = std::any_of(views.begin(), views.end(), [](const SentenceView& v) {
      return v.lead && v.role == Role::kMain && earlier_day_marker(v);
    });
    at(x, Feature::kCondemnsDayAfter) =
        (!days.empty() && std::all_of(days.begin(), days.end(), [&](long d) { return d < pub; })) ||
        (days.empty() && earlier);
  }
  // A reaction lead over an attack the article dates on the day of publication ("Biden vows to
  // hunt down the bombers" over "a suicide bomber blew himself up at the airport gate on
  // Thursday", published Thursday): the attack is still the day's news, told after the
  // reaction. The next day's reaction stays a reaction.
  // Only a reaction: not an arrest, a find or an order the headline tells after the attack.
  const bool headline_reacts =
      headline && (condemnation_first(*headline).has_value() || reaction_to_attack(*headline));
  const bool reaction = at(x, Feature::kNewsIsReaction) > 0 || at(x, Feature::kLeadCondemns) > 0 ||
                        (at(x, Feature::kHeadlineAftermath) > 0 && headline_reacts);
  if (reaction) {
    // The days the first paragraphs tell an attack on a target of ours; else the lead's days
    // beside a verb of striking ("the residence was struck earlier on Monday", the target named
    // only in an earlier sentence).
    auto days = attack_days_told(views, pub, false);
    if (days.empty()) days = attack_days_told(views, pub, true);
    // With no day told, a word of the same day in the lead ("overnight", "hours earlier").
    const bool same_day =
        days.empty()
            ? std::any_of(views.begin(), views.end(),
                          [](const SentenceView& v) { return v.lead && same_day_marker(v); })
            : std::all_of(days.begin(), days.end(), [&](long d) { return d >= pub; });
    // ... and the reaction itself is dated no earlier ("on Tuesday condemned", read on Wednesday).
    const auto reacted = reaction_days(views);
    const bool told_earlier =
        std::any_of(views.begin(), views.end(),
                    [](const SentenceView& v) {
                      return v.lead && v.role == Role::kMain && earlier_day_marker(v);
                    }) ||
        std::any_of(reacted.begin(), reacted.end(), [&](long d) { return d < pub; });
    // The day before publication with the attack's own figures after the reaction ("France
    // condemned on Thursday the fire ... The embassy was hit on Wednesday by at least two mortar
    // shells"): the first full account, the news still. Only the day before: an account of an
    // older attack is background to the reaction.
    const bool told_yesterday_with_figures = !days.empty() && account_with_figures_fresh();
    // With no day told for the attack, an account with its own figures under a reaction dated
    // the day of publication ("condemned today ... three rockets were fired at dawn at the
    // airport, where the consulate is"): the day's news too. A reaction that only names the
    // attack gives no figures; a lead with an earlier day ("on Saturday night", "five years ago
    // today") tells an older attack.
    const bool reacted_today =
        std::any_of(reacted.begin(), reacted.end(), [&](long d) { return d == pub; });
    const bool lead_tells_no_earlier_day =
        std::none_of(views.begin(), views.end(), [&](const SentenceView& v) {
          return v.lead &&
                 (v.role == Role::kBackground ||
                  std::any_of(v.dates.begin(), v.dates.end(), [&](const text::DateMention& d) {
                    const auto day = d.date ? text::days_from_civil(*d.date) : std::nullopt;
                    return day && *day < pub;
                  }));
        });
    // The hour alone is such a figure here: "The morning attack ... sent debris crashing into
    // streets in central Kyiv shortly after 7 a.m." under a reaction of the day.
    const bool timed_attack_in_lead =
        std::any_of(views.begin(), views.end(), [](const SentenceView& v) {
          return v.lead && !v.sentence.heading && v.role == Role::kMain && !v.sentence.quoted &&
                 v.attack_evidence && !v.times.empty();
        });
    const bool undated_account_with_figures =
        days.empty() && !told_earlier && reacted_today && lead_tells_no_earlier_day &&
        (account_with_figures_fresh() || timed_attack_in_lead);
    if ((same_day && !told_earlier) || told_yesterday_with_figures ||
        undated_account_with_figures) {
      at(x, Feature::kCondemnsDayAfter) = 0;
      at(x, Feature::kNewsIsReaction) = 0;
      at(x, Feature::kLeadCondemns) = 0;
      if (headline_reacts) at(x, Feature::kHeadlineAftermath) = 0;
    }
  }
  return x;
}

Decision decide(const Annotated& article, const lexicon::Lexicon& lexicon,
                const DetectModel& model) {
  Decision decision;
  decision.anchor = choose_anchor(article, lexicon);
  if (!decision.anchor) {
    decision.reason = "no lead sentence joins an attack with a target in scope";
    return decision;
  }
  decision.features = detection_features(article, lexicon, *decision.anchor);
  decision.probability = model.probability(decision.features);
  decision.reports_attack = decision.probability >= model.threshold;
  std::ostringstream reason;
  reason << "anchor sentence " << *decision.anchor << ", p=" << decision.probability << " (";
  bool first = true;
  for (std::size_t i = 0; i < decision.features.size(); ++i) {
    if (decision.features[i] == 0) continue;
    reason << (first ? "" : ", ") << kFeatureNames[i];
    if (decision.features[i] != 1) reason << "=" << decision.features[i];
    first = false;
  }
  reason << ")";
  decision.reason = reason.str();
  return decision;
}

}  // namespace sitrep::extract
