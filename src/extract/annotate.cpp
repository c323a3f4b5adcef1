// Sentence roles from cues alone: a strike BY US forces, a drill, a threat, a plot, another
// event, a background or generic sentence; then from dates relative to the published day. A
// sentence whose role is kMain may still belong to another attack: find_events() decides that.
#include "extract/annotate.h"
#include "extract/reading.h"

#include <algorithm>
#include <cctype>
#include <cstdlib>
#include <initializer_list>
#include <map>
#include <set>
#include <string_view>

namespace sitrep::extract {
namespace {

using lexicon::Cue;
using lexicon::Kind;

constexpr std::size_t kLeadSentences = 6;
// A dated attack this many days before the publication is background.
constexpr long kBackgroundDays = 10;

// Whether a sentence ends as prose does: a full stop, question or exclamation mark, possibly
// inside closing quotes or brackets. Teasers, captions and related-link lines do not.
bool ends_like_prose(std::string_view text) {
  while (!text.empty() && (text.back() == ' ' || text.back() == '\n')) text.remove_suffix(1);
  for (std::string_view closer : {"\"", "'", ")", "\xE2\x80\x9D", "\xE2\x80\x99", "\xC2\xBB"})
    while (text.ends_with(closer)) {
      text.remove_suffix(closer.size());
      while (!text.empty() && text.back() == ' ') text.remove_suffix(1);
    }
  for (std::string_view stop : {".", "!", "?", ":", "\xD8\x9F" /* ؟ */, "\xE2\x80\xA6" /* … */})
    if (text.ends_with(stop)) return true;
  return false;
}

// A sentence of six words or more that ends like prose: news text, not page chrome, a caption
// or a teaser for another story.
bool substantive_sentence(const SentenceView& v) {
  int words = 0;
  for (const auto& t : v.tokens) words += t.word;
  return words >= 6 && ends_like_prose(v.text);
}

// A quotation opened in an earlier sentence and closed in this one, after `at`: the statement
// 'said in a statement: "... targeted Harir base with one drone, in response to the crimes in
// Gaza".' split over two sentences.
bool closes_quote_after(std::string_view text, std::size_t at) {
  if (inside_quotes(text, at)) return false;
  int straight = 0;
  for (std::size_t i = at; i < text.size(); ++i) {
    if (text[i] == '"') ++straight;
    // A right quotation mark before any left one closes a quotation opened earlier.
    if (text.compare(i, 3, "\xE2\x80\x9C") == 0) return straight % 2 == 1;
    if (text.compare(i, 3, "\xE2\x80\x9D") == 0) return true;
  }
  return straight % 2 == 1;
}

// The year a date mention writes ("8 January 2020"), 0 when it writes none.
int written_year(const SentenceView& v, const text::DateMention& d) {
  for (std::size_t k = v.token_at(d.span.start); k < v.tokens.size(); ++k) {
    if (v.tokens[k].start >= d.span.end) break;
    const auto& w = v.tokens[k].lower;
    if (w.size() == 4 &&
        std::all_of(w.begin(), w.end(), [](char c) { return c >= '0' && c <= '9'; }))
      return std::stoi(std::string(w));
  }
  return 0;
}

// "At dawn on 8 January of that year, eleven rockets landed on Ain al-Asad": a day dated by the
// year the article named last ("the night of ... 3 January 2020"), not the published one's.
void date_days_of_that_year(SentenceView& v, int& last_year) {
  const auto& t = v.tokens;
  for (auto& d : v.dates) {
    if (const int year = written_year(v, d)) {
      last_year = year;
      continue;
    }
    if (!d.explicit_day || d.relative || !d.date || last_year == 0) continue;
    std::size_t k = v.token_at(d.span.end - 1) + 1;
    if (k < t.size() && t[k].lower == ",") ++k;
    if (k < t.size() && t[k].lower == "of") ++k;
    const bool that_year =
        k + 1 < t.size() && ((t[k].lower == "that" && t[k + 1].lower == "year") ||
                             (t[k].lower == "that" && t[k + 1].lower == "same" &&
                              k + 2 < t.size() && t[k + 2].lower == "year") ||
                             (t[k].lower == "the" && t[k + 1].lower == "same" && k + 2 < t.size() &&
                              t[k + 2].lower == "year"));
    if (!that_year) continue;
    char buffer[16];
    std::snprintf(buffer, sizeof buffer, "%04d%s", last_year, d.date->substr(4).c_str());
    if (text::days_from_civil(buffer)) d.date = buffer;  // not 29 February of a common year
  }
}

// "'Two rockets targeted the base today at 10:31 pm,' CENTCOM said in a statement late Friday":
// a quoted "today" or "tonight" is the day of the statement that quotes it, which the sentence
// dates outside the quotation, or else the sentence before it ("The Pentagon on Tuesday
// confirmed that ... 'I can confirm that early this morning a one-way attack UAV was
// intercepted,' Ryder told reporters"): `said_before`.
void date_quoted_days_by_their_statement(SentenceView& v,
                                         const std::optional<std::string>& said_before) {
  auto quoted_today = [&](const text::DateMention& d) {
    return d.relative && d.clue.weekday < 0 && inside_quotes(v.text, d.span.start);
  };
  // Rare, so asked first: most sentences have no quoted "today".
  if (std::none_of(v.dates.begin(), v.dates.end(), quoted_today)) return;
  auto said_on = statement_day(v);
  if (!said_on) said_on = said_before;
  if (!said_on) return;
  const auto redated = text::find_dates(v.tokens, *said_on);
  for (auto& d : v.dates) {
    if (!quoted_today(d)) continue;
    for (const auto& r : redated)
      if (r.span.start == d.span.start && r.span.end == d.span.end) d = r;
  }
}

std::vector<SentenceView> build_views(const CleanText& clean, const std::string& published,
                                      const lexicon::Lexicon& lexicon) {
  auto sentences = text::split_sentences(clean);
  std::vector<SentenceView> views;
  views.reserve(sentences.size());
  // One lexicon pass over the whole text; matches are then handed to their sentences.
  auto matches = lexicon.find(clean.text);
  std::size_t m = 0;
  std::size_t substantive = 0;
  std::string reference = published;  // what relative days are resolved against
  bool dateline_read = false;
  int last_written_year = 0;               // the year the article named last, for "of that year"
  std::optional<std::string> said_before;  // the day the sentence before says a statement came
  bool sections_open = false;  // a newsletter's first section heading came before its body
  for (const auto& s : sentences) {
    SentenceView v;
    v.sentence = s;
    v.text = std::string_view(clean.text).substr(s.span.start, s.span.size());
    v.offset = s.span.start;
    v.tokens = text::tokenize(v.text);
    v.lexicon = &lexicon;
    v.glossed = !clean.language.empty() && clean.language != "en";
    while (m < matches.size() && matches[m].start < s.span.start) ++m;
    for (std::size_t k = m; k < matches.size() && matches[k].start < s.span.end; ++k) {
      const auto& match = matches[k];
      if (match.end > s.span.end) continue;
      Hit hit{match.kind, match.entry, match.start - s.span.start, match.end - s.span.start, 0, 0};
      hit.first = v.token_at(hit.start);
      hit.last = v.token_at(hit.end - 1);
      if (match.kind == Kind::kTrigger) hit.cue = lexicon.trigger(match.entry).cue;
      v.hits.push_back(hit);
    }
    v.dates = text::find_dates(v.tokens, reference);
    // "WASHINGTON-DAMASCUS, 13th December, 2025 (WAM) -- ... were killed today": an agency's
    // dateline dates its own "today" and "on Sunday", whatever day the page was published.
    if (views.size() < 3 && !dateline_read)
      for (const auto& d : v.dates) {
        if (!d.date || !d.explicit_day || d.relative || !date_is_reporting_mention(v, d)) continue;
        if (v.token_at(d.span.start) > after_source_tag(v) + 6) continue;
        const auto day = text::days_from_civil(*d.date);
        const auto pub = text::days_from_civil(published);
        if (!day || (pub && (*day > *pub || *day < *pub - 3))) continue;
        dateline_read = true;
        if (*d.date != reference) {
          reference = *d.date;
          v.dates = text::find_dates(v.tokens, reference);
        }
        break;
      }
    if (s.heading) said_before.reset();  // not across a heading
    date_quoted_days_by_their_statement(v, said_before);
    // The day this sentence says a statement was made, for a quotation in the next one.
    said_before = statement_day(v);
    date_days_of_that_year(v, last_written_year);
    v.times = text::find_times(v.tokens);
    // "21h47 - Le Pentagone confirme ...", "11:55 PM (UAE) - Veto", "11h52 : Zelensky ...",
    // "10:05 UAE: ...": a live blog's entry opens with the time it was posted, then a dash or a
    // colon; that time is the entry's, not the attack's.
    auto posting_time = [&](const text::TimeMention& m) {
      std::size_t first = 0;
      while (first < v.tokens.size() && !v.tokens[first].word) ++first;
      const std::size_t at = v.token_at(m.span.start);
      std::size_t after = v.token_at(m.span.end);
      if (after < v.tokens.size() && v.tokens[after].lower == "(")
        while (after < v.tokens.size() && v.tokens[after].lower != ")") ++after;
      if (after < v.tokens.size() && v.tokens[after].lower == ")") ++after;
      // A time zone's letters before the mark: "10:05 UAE:", "14:30 GMT -".
      bool zone = false;
      if (after + 1 < v.tokens.size() && v.tokens[after].word &&
          v.tokens[after].lower.size() <= 4 &&
          std::all_of(v.text.begin() + v.tokens[after].start, v.text.begin() + v.tokens[after].end,
                      [](char c) { return c >= 'A' && c <= 'Z'; }))
        ++after, zone = true;
      // A clock time on a line of its own above the item ("16:45" / "Shelling of the market");
      // not a video's length ("0:45", "2:10").
      if (at == first && after >= v.tokens.size() && s.heading) {
        const auto& w = v.tokens[at].lower;
        return w.size() == 5 && (w[2] == ':' || w[2] == 'h');
      }
      if (at != first || after >= v.tokens.size()) return false;
      if (is_dash(v.tokens[after].lower)) return true;
      // A colon after a zone or set apart ("11h52 :"); "21:45: Two rockets struck" is a
      // timeline's own time of the event.
      return v.tokens[after].lower == ":" &&
             (zone || (v.tokens[after].start > 0 && v.text[v.tokens[after].start - 1] == ' '));
    };
    if (auto posted = std::find_if(v.times.begin(), v.times.end(), posting_time);
        posted != v.times.end()) {
      v.entry_start = true;
      v.posting_time = posted->hhmm;
    }
    // "TOP STORY", "ALSO TODAY", "NUMBERS": a newsletter's section heading, in capitals on a
    // line of its own, opens an entry as a live blog's posting time does. Not the headline, nor
    // a dateline's city ("ANKARA").
    // Only a page that opens with its sections: subheads inside a story ("REACTIONS",
    // "BACKGROUND") come after its lead and set nothing apart.
    auto section_heading = [&] {
      if (!s.heading || views.empty() || v.tokens.empty() || v.tokens.size() > 4) return false;
      if (!sections_open && substantive > 0) return false;
      bool letters = false;
      for (const char c : v.text) {
        if (c >= 'a' && c <= 'z') return false;
        letters = letters || (c >= 'A' && c <= 'Z');
      }
      return letters && std::all_of(v.tokens.begin(), v.tokens.end(), [&](const text::Token& t) {
               return t.word && t.lower.size() >= 3 && !lexicon.city(t.lower);
             });
    };
    if (section_heading()) v.entry_start = true, sections_open = true;
    std::erase_if(v.times, posting_time);
    // Page chrome ("Watch TV", "All rights reserved.") and captions do not use up the lead:
    // only sentences of some length count towards it.
    v.lead = s.heading ? substantive < 3 : substantive < kLeadSentences;
    if (!s.heading && substantive_sentence(v)) ++substantive;
    views.push_back(std::move(v));
  }
  return views;
}

// A word that tells an attack on what is named beside it: a verb of attack, firing or hitting, an
// attack noun, or (with `weapons`) a weapon.
bool attack_word_at(const SentenceView& v, std::size_t k, bool weapons) {
  return v.token_in(k, Cue::kAttackVerb) || v.token_in(k, Cue::kAttackNoun) ||
         v.token_in(k, Cue::kLaunch) || v.token_in(k, Cue::kImpact) ||
         (weapons && v.token_is_weapon(k));
}

// "A gunman opened fire on a police patrol near the Israeli embassy", "the car of a businessman
// was fired on near the French embassy": gunfire aimed at someone the sentence names, not at a
// site of ours, places that site as a landmark; its site reading goes. Not when what was fired
// on is the site's own ("opened fire on guards near the embassy gate"), and not for projectiles,
// which land near what they were aimed at, unless the aim names another party ("three rockets
// targeted rebel Kurdish forces not far from Erbil airport").
void drop_landmark_after_fired_on_object(SentenceView& v) {
  const auto& t = v.tokens;
  auto locative = [&](std::size_t k) { return locative_at(t, k); };
  // An auxiliary before the verb at k makes it passive ("was fired on", "were targeted").
  auto after_auxiliary = [&](std::size_t k) {
    if (k >= 2 && v.word_in(lexicon::WordList::kAdverbs, t[k - 1].lower)) --k;  // "were also"
    if (k == 0) return false;
    const auto& w = t[k - 1].lower;
    return w == "was" || w == "were" || w == "been" || w == "being";
  };
  std::vector<std::pair<std::size_t, std::size_t>> landmarks;  // token spans to clear
  // The verbs of gunfire: the lexicon's ("opened fire", "shot at", "was fired on") and the
  // participles a headline writes ("Gunman killed after shooting at police near ...").
  std::vector<Hit> fires;
  for (const Hit& h : v.hits)
    if (h.kind == Kind::kTrigger && h.cue == Cue::kAttackVerb) fires.push_back(h);
  for (std::size_t k = 0; k + 1 < t.size(); ++k) {
    const bool participle = (t[k].lower == "shooting" || t[k].lower == "firing") &&
                            (t[k + 1].lower == "at" || t[k + 1].lower == "on");
    // The active "police fired on protesters outside the embassy" (not a passive).
    const bool active_fired_on =
        t[k].lower == "fired" && t[k + 1].lower == "on" && !after_auxiliary(k);
    if (participle || active_fired_on)
      fires.push_back(
          Hit{Kind::kTrigger, -1, t[k].start, t[k + 1].end, k, k + 1, Cue::kAttackVerb});
  }
  // A toll told with its object: "IS gunmen kill three SDF fighters near the al-Omar oil field".
  for (const Hit& h : v.hits)
    if (h.kind == Kind::kTrigger && (h.cue == Cue::kKilled || h.cue == Cue::kInjured) &&
        h.first == h.last && v.word_in(lexicon::WordList::kAimVerbs, t[h.first].lower))
      fires.push_back(h);
  for (const Hit& fire : fires) {
    const std::string phrase = lower_text(v, fire);
    const bool passive = phrase.ends_with("fired on") && phrase != "fired on";
    // "Three rockets targeted Kurdish opposition forces not far from Erbil airport": the aim
    // is named, so the site after it is where, not what (active voice only).
    // Not in a gloss of Arabic, whose verb comes first and its subject after it ("targeted
    // group outside the law ... Balad air base").
    const bool aimed = !v.glossed && v.word_in(lexicon::WordList::kAimVerbs, phrase) &&
                       !after_auxiliary(fire.first);
    if (!passive && !aimed && phrase != "opened fire" && phrase != "shot at" &&
        phrase != "fired on" && phrase != "shooting at" && phrase != "shooting on" &&
        phrase != "firing at" && phrase != "firing on")
      continue;
    // What was fired on: after an active verb ("opened fire on a police patrol"), before a
    // passive one ("the car of a businessman was fired on"), within its clause.
    std::size_t from = fire.last + 1, to = fire.last + 1;
    std::optional<std::size_t>
        subject_locative;  // "a police checkpoint near the embassy was fired on"
    if (passive) {
      from = fire.first;
      while (from > 0 && t[from - 1].lower != "," && t[from - 1].lower != ";") --from;
      to = fire.first;
      for (std::size_t k = from + 1; k < to; ++k)
        if (locative(k)) {
          subject_locative = k;
          to = k;
          break;
        }
    } else {
      // Only a named object: "opened fire using an assault rifle outside the embassy" names none.
      const bool object_follows =
          aimed || phrase.ends_with(" on") || phrase.ends_with(" at") ||
          (from < t.size() && (t[from].lower == "on" || t[from].lower == "at"));
      if (!object_follows) continue;
      if (from < t.size() && (t[from].lower == "on" || t[from].lower == "at")) ++from;
      to = from;
      while (to < t.size() && to < from + (aimed ? 14 : 6) && !locative(to) && t[to].lower != ",")
        ++to;
    }
    bool object_words = false, own_part = false;
    for (std::size_t k = from; k < to; ++k) {
      const auto& w = t[k].lower;
      // "opened fire on Sunday outside the embassy", "two rockets were fired on ... near the
      // embassy": a day or a projectile is no one the gunfire was aimed at.
      if (v.token_in_date(k) || v.token_is_weapon(k)) own_part = true;
      if (t[k].word && w != "the" && w != "a" && w != "an") object_words = true;
      if (w == "guard" || w == "guards" || w == "gate" || w == "gates" || w == "entrance" ||
          w == "wall" || w == "walls" || w == "building" || w == "compound" || w == "premises")
        own_part = true;
      // "targeted an area near the embassy": the site's surroundings, aimed at the site.
      if (aimed && (w == "area" || w == "areas" || w == "vicinity" || w == "zone" ||
                    w == "perimeter" || w == "surroundings" || w == "it" || w == "them"))
        own_part = true;
    }
    if (!object_words || own_part) continue;
    // A projectile aimed at a place lands near what it was aimed at ("rockets targeted a
    // residential complex near the embassy", "a military base near the airport", "a US
    // position near al-Tanf"): only an aim at another party ("rebel Kurdish forces", "the
    // offices of an opposition party", "PKK positions") makes the site after it a landmark.
    if (aimed) {
      // The agent of a passive ("were also attacked by Iran-backed militias near ...") is who
      // attacked, not what was aimed at.
      if (t[from].lower == "by") continue;
      const bool casualty = fire.cue == Cue::kKilled || fire.cue == Cue::kInjured;
      bool party = std::any_of(v.hits.begin(), v.hits.end(), [&](const Hit& h) {
        return h.kind == Kind::kActor && h.first >= from && h.last < to;
      });
      // Militants killed are the attackers ("security forces killed six militants near the
      // embassy after they fired rockets at it"); militants aimed at are another party.
      for (std::size_t k = from; k < to && !party; ++k)
        party = v.word_in(lexicon::WordList::kAimPartyWords, t[k].lower) ||
                (!casualty && v.word_in(lexicon::WordList::kEnemyHeads, t[k].lower));
      // The armed forces of a military site's own country ("an Iraqi army checkpoint near Ain
      // al-Asad", "Syrian soldiers near al-Tanf"): local forces, not the foreign presence there.
      // Not an Iraqi restaurant, and not the police outside an embassy (its guards, in effect).
      if (!party && v.lexicon) {
        const lexicon::Facility* site = nullptr;
        for (const Hit& h : v.hits)
          if (h.kind == Kind::kFacility && h.first >= to && h.first <= to + 6) {
            site = &v.lexicon->facility(h.entry);
            break;
          }
        bool armed = false;
        for (std::size_t k = from; k < to && !armed; ++k)
          armed = v.word_in(lexicon::WordList::kArmedUnits, t[k].lower);
        party = site && site->type == "military" && armed &&
                std::any_of(v.hits.begin(), v.hits.end(), [&](const Hit& h) {
                  return h.kind == Kind::kCountry && h.first >= from && h.last < to &&
                         v.lexicon->country(h.entry).code == site->country;
                });
      }
      if (!party) continue;
    }
    if (std::any_of(v.hits.begin(), v.hits.end(),
                    [&](const Hit& h) { return is_site_hit(h) && h.first >= from && h.last < to; }))
      continue;
    if (subject_locative) {
      landmarks.emplace_back(*subject_locative, fire.first);
      continue;
    }
    // The locative after the object (after the verb, for a passive).
    std::size_t at = passive ? fire.last + 1 : to;
    while (at < t.size() && at < fire.last + 4 && !locative(at)) ++at;
    if (at >= t.size() || !locative(at)) continue;
    std::size_t end = at + 1;
    while (end < t.size() && t[end].lower != "," && t[end].lower != ";" && end < at + 10) ++end;
    // The landmark's own relative clause or apposition goes with it: "near Harir air base,
    // which hosts US troops", "not far from Erbil airport, a location where US soldiers are
    // based".
    if (end + 1 < t.size() && t[end].lower == ",") {
      std::size_t clause_end = end + 1;
      bool relative = false;
      for (; clause_end < t.size() && t[clause_end].lower != "," && t[clause_end].lower != ";";
           ++clause_end) {
        const auto& w = t[clause_end].lower;
        relative =
            relative || w == "which" || w == "where" || (clause_end == end + 1 && w == "that");
      }
      if (relative) end = clause_end;
    }
    landmarks.emplace_back(at, end);
  }
  if (landmarks.empty()) return;
  std::erase_if(v.hits, [&](const Hit& h) {
    return is_site_hit(h) && std::any_of(landmarks.begin(), landmarks.end(), [&](const auto& span) {
             return h.first > span.first && h.first < span.second;
           });
  });
}

// "No diplomats were inside at the time, but two guards were wounded": "at the time" after
// where people were (or were not) is the attack's moment, not a look back at another event.
void drop_presence_at_the_time(SentenceView& v) {
  const auto& t = v.tokens;
  std::erase_if(v.hits, [&](const Hit& h) {
    if (h.kind != Kind::kTrigger || h.cue != Cue::kBackground || h.first == 0 ||
        h.last != h.first + 2 || t[h.first].lower != "at" || t[h.first + 1].lower != "the" ||
        t[h.last].lower != "time")
      return false;
    const auto& before = t[h.first - 1].lower;
    // "which was empty at the time", "guards who were on duty at the time".
    if (before == "empty" || before == "unoccupied" || before == "duty" || before == "asleep")
      return true;
    if (before != "inside" && before != "present" && before != "there" && before != "aboard")
      return false;
    // Where people were, only when denied ("no staff were inside", "nobody was present"):
    // "about 2,000 US troops were there at the time" looks back at another attack.
    for (std::size_t k = h.first - 1; k-- > 0 && k + 8 > h.first;) {
      const auto& w = t[k].lower;
      if (w == "," || w == ";") break;
      if (w == "no" || w == "nobody" || w == "none" || w == "not" || w == "n't") return true;
    }
    return false;
  });
}

// "claimed the attack in a statement posted hours after, saying ...": "after" with no object
// is "later", the time of the sentence's own event, no look back at another one.
void drop_after_with_no_object(SentenceView& v) {
  const auto& t = v.tokens;
  std::erase_if(v.hits, [&](const Hit& h) {
    if (h.kind != Kind::kTrigger || h.cue != Cue::kBackground) return false;
    const auto& last = t[h.last].lower;
    if (last != "after" && last != "before" && last != "later") return false;
    if (h.last + 1 >= t.size()) return true;
    const auto& next = t[h.last + 1].lower;
    return next == "," || next == "." || next == ";";
  });
}

// "Security forces fired tear gas and water cannon to disperse protesters", "fire rubber bullets",
// "fired warning shots": a firing whose object is crowd control is no attack, so its launch and
// attack cues go.
void drop_crowd_control_fire(SentenceView& v) {
  const auto& t = v.tokens;
  std::erase_if(v.hits, [&](const Hit& h) {
    if (h.kind != Kind::kTrigger || (h.cue != Cue::kLaunch && h.cue != Cue::kAttackVerb))
      return false;
    for (std::size_t k = h.last + 1; k < t.size() && k <= h.last + 2; ++k) {
      if (v.word_in(lexicon::WordList::kCrowdControlWords, t[k].lower)) return true;
      if (t[k].lower != "the" && t[k].lower != "volleys" && t[k].lower != "of") return false;
    }
    return false;
  });
}

// "An explosive device went off beside the wall": "went off" is a bomb's explosion only when a
// weapon goes off, not "Sirens went off at the embassy".
void drop_alarms_that_went_off(SentenceView& v) {
  const auto& t = v.tokens;
  std::erase_if(v.hits, [&](const Hit& h) {
    if (h.kind != Kind::kTrigger || (h.cue != Cue::kAttackVerb && h.cue != Cue::kImpact) ||
        h.last != h.first + 1 || t[h.last].lower != "off")
      return false;
    for (std::size_t k = h.first; k > 0 && k + 4 > h.first; --k)
      if (v.token_is_weapon(k - 1)) return false;
    return true;
  });
}

// "The combined efforts successfully prevented both missiles from impacting the base": the
// defences stopped projectiles in flight, an interception, not a plot foiled on the ground.
void read_prevented_impacts(SentenceView& v) {
  const auto& t = v.tokens;
  // Only where defences are told ("Guards prevented a car bomb from reaching the gate" is no
  // interception).
  if (!v.has(Cue::kAirDefense) && !v.has(Cue::kIntercept)) {
    bool aerial = false;
    for (const Hit* w : v.all(Kind::kWeapon)) {
      const auto& noun = t[w->last].lower;
      aerial = aerial || noun.starts_with("missile") || noun.starts_with("rocket") ||
               noun.starts_with("drone");
    }
    if (!aerial) return;
  }
  for (auto& h : v.hits) {
    if (h.kind != Kind::kTrigger || h.cue != Cue::kFoiled ||
        !t[h.first].lower.starts_with("prevent"))
      continue;
    bool weapon = false;
    for (std::size_t k = h.last + 1; k < t.size() && k <= h.last + 5; ++k) {
      weapon = weapon || v.token_is_weapon(k);
      if (t[k].lower != "from" || !weapon || k + 1 >= t.size()) continue;
      const auto& verb = t[k + 1].lower;
      if (verb == "impacting" || verb == "hitting" || verb == "reaching" || verb == "striking" ||
          verb == "landing")
        h.cue = Cue::kIntercept;
      break;
    }
  }
}

// "a fourth falling short", "the rockets fell short of the base": a projectile that fell short
// did not land on or near its target, so its impact cue goes.
void drop_fell_short(SentenceView& v) {
  const auto& t = v.tokens;
  std::erase_if(v.hits, [&](const Hit& h) {
    return h.kind == Kind::kTrigger && h.cue == Cue::kImpact && h.last + 1 < t.size() &&
           t[h.last + 1].lower == "short";
  });
}

// "The drones reached their targets without being intercepted", "without air defences
// intercepting them" (and the gloss of "دون أن تعترضها الدفاعات"): an interception after
// "without" did not happen, so its cue goes. ("Without hitting the base, falling near a
// village" stays an impact: the gold counts landings near the target.)
void drop_interceptions_after_without(SentenceView& v) {
  const auto& t = v.tokens;
  std::erase_if(v.hits, [&](const Hit& h) {
    if (h.kind != Kind::kTrigger || h.cue != Cue::kIntercept) return false;
    for (std::size_t k = h.first >= 4 ? h.first - 4 : 0; k < h.first; ++k) {
      if (t[k].lower != "without") continue;
      // Only the interception's own subject may stand between ("without air defences
      // intercepting"), or "being" ("without being intercepted").
      bool clear = true;
      for (std::size_t n = k + 1; n < h.first && clear; ++n)
        clear = t[n].word && !v.token_in(n, Cue::kAttackVerb) && !v.token_in(n, Cue::kLaunch);
      if (clear) return true;
    }
    return false;
  });
}

// "in the town of Hit", "launched from Hit": the Anbar town, not the verb. A capital "Hit" after
// a preposition or a word for a town names the place; a title-case headline ("Rockets Hit US
// Base") keeps its verb.
void drop_town_of_hit(SentenceView& v) {
  const auto& t = v.tokens;
  std::erase_if(v.hits, [&](const Hit& h) {
    if (h.kind != Kind::kTrigger || h.first != h.last || h.first == 0) return false;
    const std::size_t i = h.first;
    if (v.text.substr(t[i].start, t[i].end - t[i].start) != "Hit") return false;
    const auto& before = t[i - 1].lower;
    return before == "of" || before == "in" || before == "near" || before == "from" ||
           before == "town" || before == "city" || before == "district" || before == "outside" ||
           before == "at" || before == "toward" || before == "towards";
  });
}

// "the town of", "the village of": words that place a name and say nothing of their own.
bool settlement_filler(const SentenceView& v, std::size_t k) {
  const auto& t = v.tokens;
  auto settlement = [&](std::size_t j) {
    return j < t.size() && v.word_in(lexicon::WordList::kSettlementNouns, t[j].lower);
  };
  return settlement(k) || (t[k].lower == "the" && settlement(k + 1)) ||
         (t[k].lower == "of" && k > 0 && settlement(k - 1));
}

// "the road linking the town of Bamarni and ...", "Harir town", "the village of Rmelan": a site
// named after its town, told as the town. A name with a site's head ("Bamarni airport", "Harir
// base") is the site still.
void drop_site_told_as_town(SentenceView& v) {
  const auto& t = v.tokens;
  auto settlement = [&](std::string_view w) {
    return v.word_in(lexicon::WordList::kSettlementNouns, w);
  };
  std::erase_if(v.hits, [&](const Hit& h) {
    if (h.kind != Kind::kFacility) return false;
    for (std::size_t k = h.first; k <= h.last; ++k)
      if (v.word_in(lexicon::WordList::kMilitaryHeads, t[k].lower) ||
          v.word_in(lexicon::WordList::kDiplomaticHeads, t[k].lower) ||
          v.word_in(lexicon::WordList::kSiteParts, t[k].lower) || t[k].lower == "airport")
        return false;
    const bool before =
        h.first >= 2 && t[h.first - 1].lower == "of" && settlement(t[h.first - 2].lower);
    const bool after = h.last + 1 < t.size() && settlement(t[h.last + 1].lower);
    if (!before && !after) return false;
    // "a base hosting US forces in the town of al-Shaddadi", "US forces stationed in the
    // village of Qasrak": the site, or our forces, placed in its town.
    for (std::size_t k = h.first >= 8 ? h.first - 8 : 0; k < h.first; ++k)
      if (v.word_in(lexicon::WordList::kMilitaryHeads, t[k].lower) ||
          v.word_in(lexicon::WordList::kDiplomaticHeads, t[k].lower) ||
          v.token_in(k, Cue::kTargetMilitary) || v.token_in(k, Cue::kTargetDiplomatic))
        return false;
    return true;
  });
}

// "TEHRAN (Tasnim) - The Islamic Resistance in Iraq announced ...": an agency's dateline names
// the city it files from, in capitals; "Tehran" there is no actor of the news.
void drop_dateline_actor(SentenceView& v) {
  const auto& t = v.tokens;
  // Only where a dateline stands: the first sentences ("ISIS, which ..., claimed" later on is the
  // group).
  if (v.sentence.index > 2) return;
  std::size_t first = after_source_tag(v);
  while (first < t.size() && !t[first].word) ++first;
  std::erase_if(v.hits, [&](const Hit& h) {
    if (h.kind != Kind::kActor || h.first != first || h.last + 1 >= t.size()) return false;
    for (std::size_t k = h.first; k <= h.last; ++k) {
      const std::string_view word = v.text.substr(t[k].start, t[k].end - t[k].start);
      if (std::any_of(word.begin(), word.end(), [](char c) { return c >= 'a' && c <= 'z'; }))
        return false;
    }
    // "TEHRAN (Tasnim) -", "TEHRAN - ", "TEHRAN, Jan 5 -": an agency, a dash or a date after it.
    const auto& next = t[h.last + 1].lower;
    const bool dated =
        next == "," && std::any_of(v.dates.begin(), v.dates.end(), [&](const auto& d) {
          return v.token_at(d.span.start) <= h.last + 3;
        });
    return next == "(" || is_dash(next) || dated;
  });
}

// "militants of Hayat Tahrir al-Sham (outlawed in Russia)": the tag Russian agencies put after a
// group's name names the country that bans it, not where anything happened.
void drop_banned_in_country(SentenceView& v) {
  const auto& t = v.tokens;
  std::erase_if(v.hits, [&](const Hit& h) {
    if (h.kind != Kind::kCountry || h.first < 3) return false;
    for (std::size_t k = h.first - 1; k + 4 > h.first && k > 0; --k) {
      const auto& w = t[k].lower;
      if ((w == "outlawed" || w == "banned" || w == "prohibited") && t[k - 1].lower == "(")
        return true;
      if (!t[k].word) return false;
    }
    return false;
  });
}

// "Two Turkish soldiers were killed when PKK militants attacked an outpost in Turkey's Hakkari
// province": a country's forces in their own country are a local force, out of scope. Only when
// the sentence places the scene in that country ("in", "inside", "in southeastern Turkey") and
// in no other ("Turkish soldiers in northern Iraq" stay).
void drop_forces_at_home(SentenceView& v, const lexicon::Lexicon& lexicon) {
  const auto& t = v.tokens;
  std::set<std::string> located;
  for (const Hit* h : v.all(Kind::kCountry)) {
    const auto& c = lexicon.country(h->entry);
    if (c.is_demonym(v.text.substr(h->start, h->end - h->start))) continue;
    for (std::size_t k = h->first; k > 0 && k + 3 > h->first; --k) {
      const auto& w = t[k - 1].lower;
      if (w == "in" || w == "inside" || w == "within") {
        located.insert(c.code);
        break;
      }
      if (!t[k - 1].word) break;
    }
  }
  if (located.size() != 1) return;
  std::erase_if(v.hits, [&](const Hit& h) {
    if (h.kind != Kind::kTrigger || h.cue != Cue::kTargetMilitary) return false;
    for (const Hit* n : v.all(Kind::kCountry))
      if (n->first >= h.first && n->last <= h.last &&
          lexicon.country(n->entry).is_demonym(v.text.substr(n->start, n->end - n->start)) &&
          located.count(lexicon.country(n->entry).code))
        return true;
    return false;
  });
}

// "Turkish forces 'neutralized' six PKK terrorists", "neutralised 23 militants", "terrorists who
// opened fire were identified and five of them were neutralized": people killed or captured in a
// state's operation, not projectiles stopped. A weapon beside the verb keeps the interception
// ("two drones were neutralized").
void drop_neutralized_people(SentenceView& v) {
  const auto& t = v.tokens;
  std::erase_if(v.hits, [&](const Hit& h) {
    if (h.kind != Kind::kTrigger || h.cue != Cue::kIntercept ||
        !t[h.first].lower.starts_with("neutrali"))
      return false;
    // The people named before the verb or as its object, not in a later clause ("Air defences
    // neutralized all three, a coalition official said, blaming Iran-backed militias").
    bool people = false;
    for (std::size_t k = 0; k < t.size() && k <= h.last + 5; ++k)
      people = people || v.word_in(lexicon::WordList::kEnemyHeads, t[k].lower);
    if (!people) return false;
    // Air defences as the subject or the agent stop projectiles ("was neutralised by the air
    // defence systems").
    for (std::size_t k = h.first >= 6 ? h.first - 6 : 0; k < h.first; ++k)
      if (v.token_in(k, Cue::kAirDefense)) return false;
    if (h.last + 1 < t.size() && t[h.last + 1].lower == "by")
      for (std::size_t k = h.last + 2; k < t.size() && k <= h.last + 5; ++k)
        if (v.token_in(k, Cue::kAirDefense)) return false;
    // (Not the agent's weapon: "were neutralized by artillery fire".)
    for (std::size_t k = h.first >= 4 ? h.first - 4 : 0; k < t.size() && k <= h.last + 5; ++k) {
      if (k > h.last && t[k].lower == "by") break;
      if (v.token_is_weapon(k)) return false;
    }
    return true;
  });
}

// "claimed, in a statement circulated on Telegram, its responsibility for the bombardment": a
// claim whose verb and object an aside parts; the listed phrases ("claimed responsibility",
// "claimed the attack") need them together.
void add_split_claims(SentenceView& v) {
  const auto& t = v.tokens;
  std::vector<Hit> added;
  for (std::size_t i = 0; i + 2 < t.size(); ++i) {
    const auto& w = t[i].lower;
    // "announced, in a brief statement ..., its responsibility for the targeting": only with
    // "responsibility" after it (an announcement of the attack claims nothing).
    const bool announced = w == "announced" || w == "announces" || w == "announcing" ||
                           w == "declared" || w == "declares";
    if ((w != "claimed" && w != "claims" && w != "claiming" && !announced) || t[i + 1].lower != ",")
      continue;
    std::size_t k = i + 2;
    while (k < t.size() && k <= i + 16 && t[k].lower != ",") ++k;
    if (k + 1 >= t.size() || t[k].lower != ",") continue;
    ++k;
    if (t[k].lower == "its" || t[k].lower == "their" || t[k].lower == "the") ++k;
    if (k < t.size() &&
        (t[k].lower == "responsibility" || (!announced && v.token_in(k, Cue::kAttackNoun))))
      added.push_back(Hit{Kind::kTrigger, -1, t[i].start, t[i].end, i, i, Cue::kClaim});
  }
  v.hits.insert(v.hits.end(), added.begin(), added.end());
}

// "held Kataib Hezbollah and other Iran-backed militias responsible for such attacks": a blame
// split around its object, read as a suspect cue on the verb so that the one suspect reader
// takes the list, the negation and the pattern ("such attacks") as for "blamed".
void add_split_blames(SentenceView& v) {
  const auto& t = v.tokens;
  std::vector<Hit> added;
  for (std::size_t i = 0; i + 2 < t.size(); ++i) {
    const auto& w = t[i].lower;
    if (w != "held" && w != "holds" && w != "hold" && w != "holding") continue;
    bool actor = false;
    std::size_t k = i + 1;
    for (; k < t.size() && k <= i + 16; ++k) {
      const auto& x = t[k].lower;
      if (v.token_in_kind(k, Kind::kActor)) {
        actor = true;
        continue;
      }
      if (x != "and" && x != "or" && x != "other" && x != "," && x != "the" && x != "its" &&
          x != "their")
        break;
    }
    if (actor && k < t.size() && t[k].lower == "responsible")
      added.push_back(Hit{Kind::kTrigger, -1, t[i].start, t[i].end, i, k, Cue::kSuspect});
  }
  // The split blame owns its "responsible for the attack": that phrase alone would read the
  // object before it as the blamed, whatever came before ("did not hold X responsible").
  std::erase_if(v.hits, [&](const Hit& h) {
    return h.cue == Cue::kSuspect &&
           std::any_of(added.begin(), added.end(), [&](const Hit& b) { return h.first == b.last; });
  });
  for (Hit& b : added) b.last = b.first;
  v.hits.insert(v.hits.end(), added.begin(), added.end());
}

// "Russian forces launched another missile and drone attack on Odesa", "Turkish troops shelled
// the village", "Russian troops used Kalibr missiles": forces that act are the attackers, not
// the target. Not when they stop what was fired ("US forces shot down two drones"), nor in the
// passive ("US forces were targeted").
void drop_acting_forces(SentenceView& v) {
  const auto& t = v.tokens;
  std::erase_if(v.hits, [&](const Hit& h) {
    if (h.kind != Kind::kTrigger || h.cue != Cue::kTargetMilitary) return false;
    std::size_t k = h.last + 1;
    while (k < t.size() && (t[k].lower == "have" || t[k].lower == "has" || t[k].lower == "had" ||
                            v.word_in(lexicon::WordList::kAdverbs, t[k].lower)))
      ++k;
    if (k >= t.size() || v.token_in(k, Cue::kIntercept)) return false;
    const auto& verb = t[k].lower;
    if (verb == "came" || verb == "come" || verb == "comes" || verb == "coming" ||
        v.word_in(lexicon::WordList::kAuxiliaries, verb))
      return false;
    // "US forces targeted by drones": a reduced passive, the forces struck.
    if (k + 1 < t.size() && t[k + 1].lower == "by") return false;
    // "coalition forces came under fire", "forces fired at the drone" (defence): only a verb
    // that sends or strikes something at a place or with a weapon.
    if (v.token_in(k, Cue::kLaunch) || v.token_in(k, Cue::kAttackVerb)) {
      for (std::size_t j = k + 1; j < t.size() && j <= k + 6; ++j)
        if (v.token_is_weapon(j) || v.token_in(j, Cue::kAttackNoun)) return true;
      return false;
    }
    if (t[k].lower == "used" || t[k].lower == "deployed" || t[k].lower == "employed")
      for (std::size_t j = k + 1; j < t.size() && j <= k + 4; ++j)
        if (v.token_is_weapon(j)) return true;
    return false;
  });
}

// "A series of explosions rocked the base", "a series of rockets hit the base": one attack heard
// or fired several times, not a series of attacks; the generic reading goes.
void drop_series_of_blasts(SentenceView& v) {
  const auto& t = v.tokens;
  std::erase_if(v.hits, [&](const Hit& h) {
    if (h.kind != Kind::kTrigger || h.cue != Cue::kGeneric) return false;
    if (t[h.last].lower != "of" || h.last + 1 >= t.size()) return false;
    std::size_t k = h.last + 1;
    if (k + 1 < t.size() && (t[k].lower == "loud" || t[k].lower == "powerful" ||
                             t[k].lower == "violent" || t[k].lower == "huge"))
      ++k;
    if (v.word_in(lexicon::WordList::kBlastNouns, t[k].lower)) return true;
    // "a series of rockets hit the base": one salvo; "a series of rocket attacks" is a run.
    std::size_t after = k;
    // Across "rocket and drone attacks": the noun after the last weapon decides.
    while (after + 1 < t.size() && (v.token_is_weapon(after + 1) ||
                                    ((t[after + 1].lower == "and" || t[after + 1].lower == "or" ||
                                      t[after + 1].lower == ",") &&
                                     after + 2 < t.size() && v.token_is_weapon(after + 2))))
      ++after;
    return v.token_is_weapon(k) &&
           !(after + 1 < t.size() && v.token_in(after + 1, Cue::kAttackNoun)) &&
           !v.token_in(after, Cue::kAttackNoun);
  });
}

// "Turkey bombs PKK positions in northern Iraq after the attack on its Zilkan base", "Russian
// warplanes pounded terrorist positions in Idlib": a state's strike on militants' positions is
// that state's own operation, read as a strike BY our side (us_agent), as a US one is. The
// subject is a state (its name or its demonym, "Russian aviation") right before the verb; the
// object, a few words on, is the militants' ground (retaliation_objects) and no target of ours.
void add_state_strikes(SentenceView& v, const lexicon::Lexicon& lexicon, bool militants_next) {
  const auto& t = v.tokens;
  // Most sentences name no such ground: nothing to look for.
  if (std::none_of(t.begin(), t.end(), [&](const text::Token& w) {
        return v.word_in(lexicon::WordList::kRetaliationObjects, w.lower) ||
               v.word_in(lexicon::WordList::kTargetedVehicles, w.lower);
      }))
    return;
  // An actor of `kind` at token j: a state ("Turkey bombs") or one that is not ("PKK positions").
  auto actor_at = [&](std::size_t j, bool state) {
    return std::any_of(v.hits.begin(), v.hits.end(), [&](const Hit& h) {
      return h.kind == Kind::kActor && h.first <= j && j <= h.last &&
             (lexicon.actor(h.entry).kind == "state") == state;
    });
  };
  // The militants' ground: "PKK positions", "positions of the PKK", "terrorist hideouts"; not
  // "positions of Turkey", a force of ours.
  auto militants_near = [&](std::size_t k) {
    for (std::size_t j = k >= 3 ? k - 3 : 0; j < t.size() && j <= k + 3; ++j)
      if (v.word_in(lexicon::WordList::kEnemyHeads, t[j].lower) || actor_at(j, false)) return true;
    return false;
  };
  // A group that is not a state, anywhere in the sentence, or in the next two, which name whom
  // the strike killed ("the two killed were members of the PKK").
  bool militants_named = militants_next;
  for (std::size_t j = 0; j < t.size() && !militants_named; ++j)
    militants_named = actor_at(j, false);
  std::vector<Hit> added;
  for (std::size_t i = 1; i < t.size(); ++i) {
    const bool verb =
        v.token_in(i, Cue::kAttackVerb) || v.word_in(lexicon::WordList::kStrikeVerbs, t[i].lower);
    if (!verb || v.token_in(i, Cue::kUsAgent)) continue;
    // The state within three words before, only words between ("Russian and Syrian warplanes"),
    // and no militants ("Syrian militants shelled").
    bool state = false;
    for (std::size_t k = i; k-- > 0 && k + 4 > i;) {
      if (!t[k].word) break;
      if (v.word_in(lexicon::WordList::kEnemyHeads, t[k].lower)) {
        state = false;
        break;
      }
      // (Not a country inside a group's name: "Syrian rebels strike Russian bases".)
      state =
          state || (v.token_in_kind(k, Kind::kCountry) && !actor_at(k, false)) || actor_at(k, true);
    }
    if (!state) continue;
    bool ground = false, ours = false;
    for (std::size_t k = i + 1; k < t.size() && k <= i + 8; ++k) {
      if (t[k].lower == "after" || t[k].lower == "following" || t[k].lower == ";") break;
      ground = ground ||
               (v.word_in(lexicon::WordList::kRetaliationObjects, t[k].lower) && militants_near(k));
      // "A Turkish drone struck a vehicle near Sinun, killing three members of a group linked to
      // the PKK": a state's strike on a car that kills militants is a targeted strike of its own;
      // "a Russian drone struck a car near the consulate, wounding two passers-by" is not.
      ground = ground ||
               (v.word_in(lexicon::WordList::kTargetedVehicles, t[k].lower) && militants_named);
      ours = ours || v.token_in_kind(k, Kind::kFacility) || v.token_in(k, Cue::kTargetMilitary) ||
             v.token_in(k, Cue::kTargetDiplomatic);
    }
    if (!ground || ours) continue;
    added.push_back(Hit{Kind::kTrigger, -1, t[i].start, t[i].end, i, i, Cue::kUsAgent});
  }
  v.hits.insert(v.hits.end(), added.begin(), added.end());
}

// "Biden vowed to respond", "prometeu retaliar": a vow to answer an attack is a reaction to it,
// not a threat of one ("the militia vowed to strike US bases").
void reread_response_vows(SentenceView& v) {
  const auto& t = v.tokens;
  for (auto& h : v.hits) {
    if (h.kind != Kind::kTrigger || h.cue != Cue::kThreat) continue;
    for (std::size_t k = h.last + 1; k < t.size() && k <= h.last + 2; ++k)
      if (v.word_in(lexicon::WordList::kResponseWords, t[k].lower)) {
        // "vows to respond against US bases", "vows to pursue American troops": a threat still.
        bool against = false;
        for (std::size_t j = k + 1; j < t.size() && j <= k + 3; ++j)
          against = against || t[j].lower == "against" || t[j].lower == "on";
        for (std::size_t j = k + 1; j < t.size() && j <= k + 5; ++j)
          against = against || v.token_in(j, Cue::kTargetMilitary) ||
                    v.token_in(j, Cue::kTargetDiplomatic) || v.token_in_kind(j, Kind::kFacility);
        if (!against) h.cue = Cue::kAftermath;
        break;
      }
  }
}

// "Turkish drone strike kills two near Bamarni", "Israeli strike kills commander near UNIFIL
// post": a state's strike told by its noun that kills people, with no site of ours struck (one
// placed by "near" is a landmark): that state's own operation.
void add_state_noun_strikes(SentenceView& v, const lexicon::Lexicon& lexicon) {
  const auto& t = v.tokens;
  std::vector<Hit> added;
  for (const Hit* h : v.all(Cue::kAttackNoun)) {
    if (v.token_in(h->first, Cue::kUsAgent)) continue;
    bool state = false;
    for (const Hit& a : v.hits) {
      if (a.last + 1 < h->first || a.last > h->first) continue;
      const bool state_actor = a.kind == Kind::kActor && lexicon.actor(a.entry).kind == "state";
      const bool demonym = a.kind == Kind::kCountry && lexicon.country(a.entry).is_demonym(
                                                           v.text.substr(a.start, a.end - a.start));
      state = state || state_actor || demonym;
    }
    if (!state || h->last + 1 >= t.size()) continue;
    bool kills = false, ours = false;
    for (std::size_t k = h->last + 1; k < t.size() && k <= h->last + 2; ++k)
      kills = kills || v.token_in(k, Cue::kKilled) || v.token_in(k, Cue::kInjured);
    for (std::size_t k = h->last + 1; k < t.size() && k <= h->last + 8 && kills; ++k) {
      if (locative_at(t, k)) break;
      // Civilians killed are no people of ours: "Russian air strikes kill civilians in Idlib".
      ours = ours || v.token_in_kind(k, Kind::kFacility) || v.token_in(k, Cue::kTargetMilitary) ||
             v.token_in(k, Cue::kTargetDiplomatic) ||
             (v.word_in(lexicon::WordList::kPersonHeads, t[k].lower) &&
              !v.token_in(k, Cue::kTargetCivilian));
    }
    if (kills && !ours)
      added.push_back(Hit{Kind::kTrigger, -1, h->start, h->end, h->first, h->last, Cue::kUsAgent});
  }
  v.hits.insert(v.hits.end(), added.begin(), added.end());
}

// "the remaining one was allowed to fall because it did not threaten people", "never
// threatened the base": a threat denied is no threat; the sentence may still tell the attack.
// Nor is the second half of a hyphenated adjective ("injuries are not life-threatening").
void drop_negated_threats(SentenceView& v) {
  const auto& t = v.tokens;
  std::erase_if(v.hits, [&](const Hit& h) {
    if (h.kind != Kind::kTrigger || h.cue != Cue::kThreat) return false;
    if (h.start > 0 && v.text[h.start - 1] == '-') return true;
    for (std::size_t k = h.first; k > 0 && k + 3 > h.first; --k) {
      const auto& w = t[k - 1].lower;
      // "has not only warned of attacks": no denial.
      if ((w == "not" || w == "n't") && k < t.size() && t[k].lower == "only") return false;
      if (w == "not" || w == "n't" || w == "never" || w == "no") return true;
      if (!t[k - 1].word) break;
    }
    return false;
  });
}

// "Iraq's armed factions test the limits of a fragile truce", "testing Washington's patience":
// a figurative test, no drill. Nor an attack that tests something ("Drone strike on Erbil airport
// tests Kurdistan's air defences"): the attack is the subject, and it is the news.
void drop_figurative_tests(SentenceView& v) {
  const auto& t = v.tokens;
  std::erase_if(v.hits, [&](const Hit& h) {
    if (h.kind != Kind::kTrigger || h.cue != Cue::kDrill || !t[h.first].lower.starts_with("test"))
      return false;
    for (std::size_t k = h.first; k-- > 0 && k + 8 >= h.first;) {
      const auto& w = t[k].lower;
      if (!t[k].word || w == "to" || w == "and" || w == "that" || w == "which" ||
          v.token_in(k, Cue::kReportVerb))
        break;
      if (v.token_in(k, Cue::kAttackNoun) && !v.token_in(k, Cue::kGeneric)) {
        // Not a staged one: "Mock drone attack tests air defences".
        for (std::size_t j = k; j-- > 0 && j + 4 > k;)
          if (v.word_in(lexicon::WordList::kSimulationWords, t[j].lower)) return false;
        return true;
      }
    }
    // Right after the verb, across "the" or a possessive: "test the limits", "testing
    // Washington's patience"; not "tested missiles in waters near the base".
    std::size_t k = h.last + 1;
    if (k < t.size() && t[k].lower == "the") ++k;
    if (k + 1 < t.size() && (t[k].lower.ends_with("'s") || t[k + 1].lower == "'s"))
      k += t[k].lower.ends_with("'s") ? 1 : 2;
    return k < t.size() && v.word_in(lexicon::WordList::kFigurativeTestObjects, t[k].lower);
  });
}

// "helping the militia obtain drone components", "Iran's missile programme": a weapon named for
// its trade or industry is no weapon used.
void drop_weapon_trade_words(SentenceView& v) {
  const auto& t = v.tokens;
  std::erase_if(v.hits, [&](const Hit& h) {
    if (h.kind != Kind::kWeapon || h.last + 1 >= t.size()) return false;
    if (v.word_in(lexicon::WordList::kWeaponTradeNouns, t[h.last + 1].lower)) return true;
    // Its parts only when traded ("helping the militia obtain drone components"); "missile parts
    // were found inside the compound" are the pieces of the one used.
    if (!v.word_in(lexicon::WordList::kWeaponPartNouns, t[h.last + 1].lower)) return false;
    for (std::size_t k = h.first; k-- > 0 && k + 4 > h.first;)
      if (v.word_in(lexicon::WordList::kTradeVerbs, t[k].lower)) return true;
    return false;
  });
}

// "The claim could not be independently verified, and the UAE defence ministry said all
// incoming projectiles had been intercepted": a note on verifying a claim, in a clause of its
// own, is no hypothesis about what the next clause tells. Not one closing the sentence ("The
// group's claim that it hit the base could not be verified" still doubts the hit).
void drop_verification_notes(SentenceView& v) {
  const auto& t = v.tokens;
  std::erase_if(v.hits, [&](const Hit& h) {
    if (h.kind != Kind::kTrigger || h.cue != Cue::kHypothetical || t[h.first].lower != "could")
      return false;
    std::size_t k = h.last + 1;
    if (k < t.size() && (t[k].lower == "not" || t[k].lower == "n't")) ++k;
    if (k < t.size() && (t[k].lower == "immediately" || t[k].lower == "independently")) ++k;
    if (k < t.size() && t[k].lower == "be") ++k;
    if (k < t.size() && (t[k].lower == "independently" || t[k].lower == "immediately")) ++k;
    if (k >= t.size() || (t[k].lower != "verified" && t[k].lower != "confirmed")) return false;
    // Another clause follows the note at once (", and ...", ", but ...", "; ..."), across at
    // most who could not verify it ("by Reuters"); a later one may still be what is doubted.
    for (std::size_t j = k + 1; j + 1 < t.size() && j <= k + 6; ++j)
      if ((t[j].lower == "," &&
           (t[j + 1].lower == "and" || t[j + 1].lower == "but" || t[j + 1].lower == "while")) ||
          t[j].lower == ";")
        return true;
    return false;
  });
}

// "the Shevchenkivskyi district, which is home to many foreign embassies": the sites describe
// where something fell, they are not what was hit.
void drop_sites_describing_an_area(SentenceView& v) {
  const auto& t = v.tokens;
  std::erase_if(v.hits, [&](const Hit& h) {
    if (h.kind != Kind::kTrigger ||
        (h.cue != Cue::kTargetDiplomatic && h.cue != Cue::kTargetMilitary))
      return false;
    // Said of an area ("the district, which is home to many embassies"), not of a building
    // ("the building that is home to the US consulate").
    for (std::size_t k = h.first; k >= 2 && k + 4 > h.first; --k)
      if (t[k - 2].lower == "home" && t[k - 1].lower == "to") {
        bool area = false;
        for (std::size_t j = k - 2; j > 0 && j + 6 > k - 2; --j)
          area = area || v.word_in(lexicon::WordList::kRegionWords, t[j - 1].lower) ||
                 t[j - 1].lower == "district" || t[j - 1].lower == "neighbourhood" ||
                 t[j - 1].lower == "neighborhood" || t[j - 1].lower == "quarter" ||
                 t[j - 1].lower == "zone" || t[j - 1].lower == "area";
        if (area) return true;
      }
    // "the Hay al-Andalus area, where a number of diplomatic missions are located".
    bool where = false;
    for (std::size_t k = h.first; k > 0 && k + 6 > h.first; --k)
      where = where || t[k - 1].lower == "where";
    if (where)
      for (std::size_t k = h.last + 1; k < t.size() && k <= h.last + 7; ++k)
        if (t[k].lower == "located" || t[k].lower == "situated" || t[k].lower == "based")
          return true;
    return false;
  });
}

// Who carried out a strike named by a noun: "Washington's attacks", "a US drone strike" are
// strikes BY the US (us_agent); "an Israeli air strike" is no US strike, so the bare "air
// strike" phrase loses its us_agent reading.
void assign_strike_agents(SentenceView& v, const lexicon::Lexicon& lexicon) {
  const auto& t = v.tokens;
  auto agent_before = [&](const Hit& h, lexicon::WordList agents) {
    std::size_t k = h.first;
    if (k >= 1 && v.token_is_weapon(k - 1)) --k;  // "US drone strike"
    return k >= 1 && v.word_in(agents, t[k - 1].lower);
  };
  std::vector<Hit> reread;  // bare air strikes by others, read as attack nouns
  std::erase_if(v.hits, [&](const Hit& h) {
    if (h.kind != Kind::kTrigger || h.cue != Cue::kUsAgent) return false;
    std::string_view phrase = v.text.substr(h.start, h.end - h.start);
    bool bare = phrase.size() <= 11 && (phrase.starts_with("air") || phrase.starts_with("Air"));
    // "an air base hosting US warplanes": the US aircraft are what the target holds.
    for (std::size_t k = h.first >= 2 ? h.first - 2 : 0; k < h.first; ++k)
      if (v.word_in(lexicon::WordList::kHostVerbs, t[k].lower)) return true;
    // "US helicopters targeted by drones at Erbil airport", "US aircraft struck" closing a
    // headline: a phrase that ends in its verb with no object after it is a passive.
    const auto& verb = t[h.last].lower;
    if (verb.ends_with("ed") || verb == "struck" || verb == "hit") {
      if (h.last + 1 >= t.size()) return true;
      const auto& next = t[h.last + 1].lower;
      if (!t[h.last + 1].word || next == "by" || next == "at" || next == "in" || next == "near" ||
          next == "while" || next == "during")
        return true;
    }
    // "US forces carried out aerial reconnaissance", "launched an investigation": a general verb
    // is a strike only with a strike after it ("carried out strikes", "launched a raid").
    if (verb == "out" || verb == "launched" || verb == "executed" || verb == "conducted") {
      bool strike = false;
      for (std::size_t k = h.last + 1; k < t.size() && k <= h.last + 7 && !strike; ++k) {
        const auto& w = t[k].lower;
        // The object ends where a clause or an adjunct begins: "an investigation into the
        // rocket attack" is no strike.
        if (!t[k].word || w == "into" || w == "after" || w == "over" || w == "following" ||
            w == "for" || w == "amid" || w == "that" || w == "which")
          break;
        // "US forces launched interceptor missiles": a defence, not a strike; "launched a probe
        // of the rocket attack", "is carrying out an investigation about the attack": an inquiry.
        if (w.starts_with("interceptor") || w == "investigation" || w == "probe" ||
            w == "inquiry" || w == "review")
          break;
        strike = v.token_in(k, Cue::kAttackNoun) || v.token_is_weapon(k) ||
                 w.starts_with("strike") || w.starts_with("airstrike") || w.starts_with("raid") ||
                 w.starts_with("operation") || w.starts_with("attack") ||
                 w.starts_with("bombard") || w.starts_with("retaliat");
      }
      if (!strike) return true;
    }
    // "A US warplane struck two militia centres": an aircraft strikes for the US only when its
    // verb is a strike; "US fighter jets intercepted two drones", "a US warplane shot down a
    // drone" (the defender), "damaging a US warplane parked on the runway" (the victim) are not.
    if (verb == "warplane" || verb == "warplanes" || verb == "jet" || verb == "jets" ||
        verb == "bomber" || verb == "bombers") {
      std::size_t k = h.last + 1;
      // Across adverbs and a time ("US warplanes early on Friday struck ...").
      while (k < t.size() && k <= h.last + 6 &&
             (t[k].lower == "later" || t[k].lower == "then" || t[k].lower == "also" ||
              t[k].lower == "have" || t[k].lower == "had" || t[k].lower == "has" ||
              t[k].lower == "reportedly" || t[k].lower == "subsequently" || t[k].lower == "early" ||
              t[k].lower == "late" || t[k].lower == "overnight" || t[k].lower == "on" ||
              v.token_in_date(k)))
        ++k;
      if (k >= t.size()) return true;
      const auto& w = t[k].lower;
      const bool strikes = w == "struck" || w == "strike" || w == "strikes" || w == "hit" ||
                           w == "hits" || w == "bombed" || w == "bomb" || w == "bombs" ||
                           w == "pounded" || w == "pound" || w == "targeted" || w == "target" ||
                           w == "targets" || w == "attacked" || w == "attack" || w == "raided" ||
                           w == "carried" || w == "conducted" || w == "launched" || w == "fired" ||
                           w == "destroyed";
      if (!strikes) return true;
    }
    // "Unidentified militants launched an airstrike on the base", "terrorists using unmanned
    // aircraft launched an airstrike": militants are no US agent.
    bool militant_subject = false;
    for (std::size_t k = h.first >= 10 ? h.first - 10 : 0; k < h.first; ++k)
      militant_subject |= v.word_in(lexicon::WordList::kEnemyHeads, t[k].lower);
    // "an air strike by a Sudanese army jet", "by suspected Turkish drones", "by an unidentified
    // aircraft": the agent the phrase after "by" names first, across its modifiers, is not the
    // US ("by the United States", "by US jets" stay US strikes; "by US hits a militia base"
    // names the militia only as the object).
    // Also after the participle that carries it: "an airstrike carried out by Syrian government
    // forces", "conducted by", "launched by".
    std::size_t by = h.last + 1;
    if (by + 1 < t.size() && t[by].lower == "carried" && t[by + 1].lower == "out")
      by += 2;
    else if (by < t.size() && (t[by].lower == "conducted" || t[by].lower == "launched" ||
                               t[by].lower == "performed" || t[by].lower == "executed"))
      by += 1;
    bool other_agent_after = false;
    // "An airstrike attributed to Israel": the agent a report blames, as "by" names it.
    bool introduced = by < t.size() && t[by].lower == "by";
    if (!introduced && by + 1 < t.size() && t[by].lower == "attributed" && t[by + 1].lower == "to")
      by += 1, introduced = true;
    // The agent phrase runs to its object or place ("by the forces of the government of Syria",
    // not "by the coalition against Syria").
    if (introduced)
      for (std::size_t k = by + 1; k < t.size() && k <= by + 7; ++k) {
        if (!t[k].word || v.token_in(k, Cue::kAttackVerb) || v.token_in(k, Cue::kImpact)) break;
        const auto& w = t[k].lower;
        if (w == "against" || w == "on" || w == "in" || w == "at" || w == "near" || w == "into")
          break;
        if (t[k].lower == "unidentified" || t[k].lower == "unknown") {
          other_agent_after = true;
          break;
        }
        const Hit* agent = nullptr;
        for (const Hit& a : v.hits)
          if (a.first == k && (a.kind == Kind::kActor || a.kind == Kind::kCountry)) agent = &a;
        if (!agent) continue;
        other_agent_after =
            agent->kind == Kind::kActor || lexicon.country(agent->entry).code != "US";
        break;
      }
    // "An air strike hit the Jordanian embassy", "Air strike hits Turkish base": US forces strike
    // neither a diplomatic mission nor a foreign force's site of ours, so a bare air strike told
    // as hitting one is the attack, not a US strike. The site must be what it struck: "an air
    // strike near the US embassy", "on a militia convoy near Ain al-Asad" name landmarks.
    // A toll among tokens [from, to): a killed or injured word; `suffered` asks for one told of
    // its subject ("were killed", "died", "dead"), not dealt by it ("killed a commander").
    auto toll_in = [&](std::size_t from, std::size_t to, bool suffered) {
      for (std::size_t k = from; k < to && k < t.size(); ++k) {
        if (!v.token_in(k, Cue::kKilled) && !v.token_in(k, Cue::kInjured)) continue;
        const auto& w = t[k].lower;
        const bool passive =
            w == "died" || w == "dead" ||
            (k >= 1 && v.word_in(lexicon::WordList::kAuxiliaries, t[k - 1].lower)) ||
            (k >= 2 && v.word_in(lexicon::WordList::kAuxiliaries, t[k - 2].lower));
        if (!suffered || passive) return true;
      }
      return false;
    };
    const bool hits_mission = std::any_of(v.hits.begin(), v.hits.end(), [&](const Hit& target) {
      // Further with its toll between: "air strikes left at least 22 dead on Thursday among
      // Turkish forces".
      const bool toll_between = toll_in(h.last + 1, target.first, false);
      if (target.first <= h.last || target.first > h.last + (toll_between ? 10 : 6)) return false;
      const bool ours = (target.kind == Kind::kTrigger && (target.cue == Cue::kTargetDiplomatic ||
                                                           target.cue == Cue::kTargetMilitary)) ||
                        target.kind == Kind::kFacility;
      if (!ours) return false;
      bool struck = false, landmark = false;
      for (std::size_t k = h.last + 1; k < target.first; ++k) {
        const auto& w = t[k].lower;
        // "Air strike kills 29 Turkish soldiers": its toll is among them.
        if (v.token_in(k, Cue::kAttackVerb) || v.token_in(k, Cue::kImpact) ||
            v.token_in(k, Cue::kKilled) || v.token_in(k, Cue::kInjured) || w == "on" ||
            w == "against")
          struck = true;
        else if (locative_at(t, k) || w == "from" || w == "close" || w == "next")
          struck = false, landmark = true;
      }
      // "Airstrike leaves 29 Turkish soldiers dead": the toll right after them (not after a
      // landmark: "an air strike near the US embassy in Baghdad killed two commanders").
      // Nor when the force is the strike's agent ("an air strike by US forces killed three").
      const bool agent = by < t.size() && t[by].lower == "by" && target.first > by;
      for (std::size_t k = target.last + 1;
           k < t.size() && k <= target.last + 2 && !struck && !landmark && !agent; ++k)
        struck = v.token_in(k, Cue::kKilled) || v.token_in(k, Cue::kInjured);
      return struck;
    });
    // "At least 22 Turkish soldiers were killed on Thursday in an air strike in Idlib": forces of
    // ours as the strike's dead or wounded, told before it ("killed ... in / by" the strike).
    const bool kills_ours_before = std::any_of(v.hits.begin(), v.hits.end(), [&](const Hit& ours) {
      if (ours.kind != Kind::kTrigger || ours.cue != Cue::kTargetMilitary || ours.last >= h.first ||
          h.first - ours.last > 10)
        return false;
      // Suffered, not dealt: "US forces killed a militia leader in an air strike" is their strike.
      const bool toll = toll_in(ours.last + 1, h.first, true);
      std::size_t k = h.first;
      if (k >= 1 && (t[k - 1].lower == "a" || t[k - 1].lower == "an" || t[k - 1].lower == "the"))
        --k;
      return toll && k >= 1 && (t[k - 1].lower == "in" || t[k - 1].lower == "by");
    });
    // "air strike Israeli" (the glosses' order for "غارة جوية إسرائيلية", "frappe aérienne
    // israélienne"): another state's demonym right after the phrase.
    bool demonym_after = false;
    for (const Hit& c : v.hits)
      if (c.kind == Kind::kCountry && c.first == h.last + 1 &&
          lexicon.country(c.entry).code != "US" &&
          lexicon.country(c.entry).is_demonym(v.text.substr(c.start, c.end - c.start)))
        demonym_after = true;
    const bool others =
        bare && (agent_before(h, lexicon::WordList::kThirdPartyAgents) || militant_subject ||
                 other_agent_after || hits_mission || demonym_after || kills_ours_before);
    // Another's air strike is an attack told by its noun, like "a drone attack".
    if (others) {
      Hit noun = h;
      noun.cue = Cue::kAttackNoun;
      reread.push_back(noun);
    }
    return others;
  });
  v.hits.insert(v.hits.end(), reread.begin(), reread.end());
  std::vector<Hit> added;
  for (const auto& h : v.hits)
    if (h.kind == Kind::kTrigger && h.cue == Cue::kAttackNoun &&
        agent_before(h, lexicon::WordList::kUsAgents)) {
      Hit agent = h;
      agent.cue = Cue::kUsAgent;
      added.push_back(agent);
    }
  v.hits.insert(v.hits.end(), added.begin(), added.end());
}

// What an article names anywhere (its dateline, other sentences), read once per article for
// add_described_sites' tie-break: its capitalised words (a one-word city among them) and its
// countries (by name or demonym).
struct ArticlePlaces {
  std::set<std::string_view> capitalised_words;  // lower case, views of the tokens
  std::set<std::string> countries;               // ISO codes
};

ArticlePlaces article_places(const std::vector<SentenceView>& sentences,
                             const lexicon::Lexicon& lexicon) {
  ArticlePlaces places;
  for (const auto& v : sentences) {
    for (const auto& token : v.tokens)
      if (token.word && token.capitalized) places.capitalised_words.insert(token.lower);
    for (const Hit* country : v.all(Kind::kCountry))
      places.countries.insert(lexicon.country(country->entry).code);
  }
  return places;
}

// A site named by a head noun and a place word rather than by one of its names: "the Iraqi
// military air base of Balad", "the Qayyara military base", "the Azerbaijan Embassy in Iran",
// "its base in al-Shaddadi". Capitalised (or al-) words within five tokens of a head noun (base,
// airport, camp ... for military sites; embassy, consulate, mission for diplomatic ones) vote
// for the registry sites whose names hold them, a word shared by fewer sites weighing more; a
// clear winner becomes a facility hit over the phrase, as if the site had been named.
void add_described_sites(SentenceView& v, const lexicon::Lexicon& lexicon,
                         const ArticlePlaces& places) {
  const auto& t = v.tokens;
  const auto countries = v.all(Kind::kCountry);  // read once: the loops below ask per token
  std::vector<Hit> found;
  for (std::size_t i = 0; i < t.size(); ++i) {
    bool military = v.word_in(lexicon::WordList::kMilitaryHeads, t[i].lower);
    bool diplomatic = v.word_in(lexicon::WordList::kDiplomaticHeads, t[i].lower);
    if (!military && !diplomatic) continue;
    bool named = std::any_of(v.hits.begin(), v.hits.end(), [&](const Hit& h) {
      return h.kind == Kind::kFacility && h.first <= i + 5 && h.last + 5 >= i;
    });
    if (named) continue;
    // "SDF post", "the PMF's headquarters": a site a local or armed group owns is theirs, not a
    // watched site in the same town (states are owners too, but read below: "Turkish base").
    const bool group_owned = std::any_of(v.hits.begin(), v.hits.end(), [&](const Hit& h) {
      const bool owns = h.last + 1 == i ||
                        (h.last + 2 == i && (t[i - 1].lower == "'s" || t[i - 1].lower == "’s"));
      return h.kind == Kind::kActor && owns && lexicon.actor(h.entry).kind != "state";
    });
    if (group_owned) continue;
    // A mission is named for the state that owns it ("US Consulate General Erbil", "UAE
    // Consulate General Erbil"): "the US consulate in Erbil" names the American one, whatever
    // other consulates Erbil holds. The owner is a country named in the window that the site's
    // name opens with; the site must have a vote of its own besides the owner's name ("the
    // British embassy in Tehran" is no vote for the British embassy in Baghdad).
    // The owner stands in the head's own phrase: "US consulate", "Kuwait's embassy", "the
    // embassy of Kuwait", "l'ambassade du Koweït" (glossed "embassy of the Kuwait"); a speaker's
    // nationality elsewhere in the window ("..., a US official said") is none.
    std::vector<const lexicon::Country*> owners;
    if (diplomatic)
      for (const Hit* country : countries) {
        const bool before =
            country->last + 1 == i ||
            (country->last + 2 == i && (t[i - 1].lower == "'s" || t[i - 1].lower == "’s"));
        // The glosses keep the Arabic order, the part before its owner: "مقر السفارة القطرية"
        // reads "embassy compound Qatari".
        const bool after =
            country->first == i + 1 ||
            (i + 1 < t.size() && t[i + 1].lower == "of" &&
             (country->first == i + 2 || (country->first == i + 3 && t[i + 2].lower == "the"))) ||
            (v.glossed && country->first == i + 2 &&
             v.word_in(lexicon::WordList::kSiteParts, t[i + 1].lower));
        if (before || after) owners.push_back(&lexicon.country(country->entry));
      }
    // "Russia said its embassy in Kabul was hit": the owner is the country "its" stands for,
    // when one country alone comes before it ("Russia accused the United States ... at its
    // embassy" does not say whose).
    if (diplomatic && i >= 1 && (t[i - 1].lower == "its" || t[i - 1].lower == "their")) {
      std::set<int> before;
      const Hit* only = nullptr;
      for (const Hit* country : countries)
        if (country->last + 1 < i && i - country->last <= 12) {
          before.insert(country->entry);
          only = country;
        }
      if (before.size() == 1) owners.push_back(&lexicon.country(only->entry));
    }
    auto owner_word = [&](std::string_view w) {
      return std::any_of(owners.begin(), owners.end(),
                         [&](const lexicon::Country* o) { return o->is_name(w); });
    };
    // Five words either side; after the head, "the town of" places and does not count: "a base
    // hosting US forces in the town of al-Shaddadi" reaches its town as "... in al-Shaddadi" does.
    auto preposition_before = [&](std::size_t j, std::initializer_list<std::string_view> words) {
      for (std::size_t b = j >= 2 ? j - 2 : 0; b < j; ++b)
        for (std::string_view w : words)
          if (t[b].lower == w) return true;
      return false;
    };
    auto route_end = [&](std::size_t k) {
      if (k > i)
        return preposition_before(i, {"from"}) &&
               preposition_before(k, {"to", "toward", "towards"});
      return k < i && preposition_before(k, {"from"}) &&
             preposition_before(i, {"to", "toward", "towards"});
    };
    std::size_t from = i >= 5 ? i - 5 : 0, to = i + 1;
    for (std::size_t counted = 0; to < t.size() && counted < 5; ++to)
      if (!settlement_filler(v, to)) ++counted;
    std::map<int, double> votes;
    std::map<int, std::pair<std::size_t, std::size_t>> span;
    std::map<int, std::set<std::string>> voters;  // the words that voted for each site
    for (std::size_t k = from; k < to; ++k) {
      if (!t[k].word) continue;
      // French elision the glossary leaves on a name it does not know: "la base d'al-Harir",
      // "l'Aïn al-Asad" read as the name.
      std::string_view word_text = v.text.substr(t[k].start, t[k].end - t[k].start);
      std::string_view lower = t[k].lower;
      for (std::string_view elision : {"d'", "l'", "d\u2019", "l\u2019"})
        if (lower.starts_with(elision) && lower.size() > elision.size() + 1) {
          word_text.remove_prefix(elision.size());
          lower.remove_prefix(elision.size());
          break;
        }
      bool prefixed = lower.starts_with("al-") || lower.starts_with("el-") ||
                      lower.starts_with("ash-") || lower.starts_with("as-");
      const bool capitalized =
          t[k].capitalized || (!word_text.empty() && word_text[0] >= 'A' && word_text[0] <= 'Z');
      if (!capitalized && !prefixed) continue;
      // "Three rockets struck a base": a number opening the sentence names no site, whatever
      // "Union Three" holds.
      if (text::parse_number(t[k].lower)) continue;
      // A route's other end is no place of the head's: "making their way from Camp Shamrock to
      // Beirut", "driving from Beirut to the camp".
      if (route_end(k)) continue;
      // A word before a conjunction that opens the head's clause is the other clause's:
      // "Explosions heard near Erbil as coalition base reportedly targeted" places the
      // explosions, not the base.
      // ("such as", "known as" are no conjunctions.)
      bool other_clause = false;
      for (std::size_t j = k + 1; j < i; ++j) {
        const auto& w = t[j].lower;
        const bool as = w == "as" && t[j - 1].lower != "such" && t[j - 1].lower != "known";
        other_clause = other_clause || as || w == "while" || w == "when" || w == "whereas";
      }
      if (k < i && other_clause) continue;
      // A word of an actor's name names no site: "the régime of Bachar al-Assad, which targeted
      // an observation post" is no vote for Ain al-Asad.
      if (std::any_of(v.hits.begin(), v.hits.end(), [&](const Hit& h) {
            return h.kind == Kind::kActor && h.first <= k && k <= h.last;
          }))
        continue;
      // A country before the head but outside its phrase is someone else ("Saudi Arabia
      // condemned the attack on the consulate"): no vote for its missions. After the head it
      // places the mission ("the embassy in Kuwait").
      const Hit* country = nullptr;
      for (const Hit* c : countries)
        if (c->first <= k && k <= c->last) country = c;
      if (diplomatic && country && k < i &&
          std::none_of(owners.begin(), owners.end(), [&](const lexicon::Country* o) {
            return o == &lexicon.country(country->entry);
          }))
        continue;
      for (const auto& word : lexicon.name_words(word_text)) {
        auto sites = lexicon.facilities_named_by(word);
        // The owner's name ("Russian" in "the Russian embassy") names the owner's missions: its
        // vote is shared among them, not with its bases ("Russian naval base in Tartus").
        if (diplomatic && owner_word(word)) {
          std::erase_if(sites,
                        [&](int site) { return lexicon.facility(site).type != "diplomatic"; });
          // ... and among its missions of the head's kind: "the Russian embassy" is none of
          // Russia's consulates.
          const std::string_view kind = t[i].lower == "embassy"     ? "Embassy"
                                        : t[i].lower == "consulate" ? "Consulate"
                                                                    : "";
          auto other_kind = [&](int site) {
            return lexicon.facility(site).name.find(kind) == std::string::npos;
          };
          if (!kind.empty() && !std::all_of(sites.begin(), sites.end(), other_kind))
            std::erase_if(sites, other_kind);
        }
        for (int site : sites) {
          const auto& f = lexicon.facility(site);
          if ((military && f.type != "military") || (diplomatic && f.type != "diplomatic"))
            continue;
          votes[site] += 1.0 / static_cast<double>(sites.size());
          voters[site].insert(word);
          auto [it, fresh] = span.emplace(site, std::pair{std::min(i, k), std::max(i, k)});
          if (!fresh) it->second = {std::min(it->second.first, k), std::max(it->second.second, k)};
        }
      }
    }
    if (!owners.empty()) {
      // Placed: voted for by a word other than the owner's name (a city, a district).
      auto placed = [&](int site) {
        const auto& words = voters[site];
        return std::any_of(words.begin(), words.end(),
                           [&](const std::string& w) { return !owner_word(w); });
      };
      const bool any_placed = std::any_of(votes.begin(), votes.end(),
                                          [&](const auto& vote) { return placed(vote.first); });
      // "the Turkish embassy in Mogadishu": a city the head's phrase names ("in <City>") that the
      // registry knows is where the mission stands; the owner's mission in another city is not it.
      std::string named_city;
      if (i + 2 < t.size() && t[i + 1].lower == "in" && t[i + 2].capitalized)
        if (auto city = lexicon.city(v.text.substr(t[i + 2].start, t[i + 2].end - t[i + 2].start)))
          named_city = city->name;
      for (auto& [site, n] : votes) {
        const auto& f = lexicon.facility(site);
        const std::string& name = f.name;
        const bool owned = owner_word(std::string_view(name).substr(0, name.find(' ')));
        // "the US consulate in Erbil": the owner's mission among those the place names; other
        // states' missions there are not it (the Azerbaijani embassy in "the British embassy
        // in Tehran"), nor are the owner's missions elsewhere (its embassy in Baghdad).
        // With no place in the phrase, the owner's one mission somewhere is it only when the
        // article names that city or country ("Militants blow themselves up near Turkish
        // embassy" over a story set in Mogadishu is not Turkey's embassy in Tripoli).
        const bool elsewhere = !placed(site) &&
                               !places.capitalised_words.count(text::ascii_lower(f.city)) &&
                               !places.countries.count(f.country);
        if (!owned || (any_placed && !placed(site)) ||
            (!named_city.empty() && !placed(site) && f.city != named_city) || elsewhere)
          n = 0;
        else if (placed(site))
          n += 1.0;
      }
    }
    // "the consulate of Argentina in Rio de Janeiro": an owner the registry does not know, right
    // after the head; the city's name alone then votes for none of the registry's missions there.
    std::size_t owner_at = i + 2;
    if (owner_at < t.size() && t[owner_at].lower == "the") ++owner_at;
    const bool unknown_owner =
        diplomatic && owners.empty() && i + 1 < t.size() && t[i + 1].lower == "of" &&
        owner_at < t.size() && t[owner_at].word && t[owner_at].capitalized &&
        std::none_of(countries.begin(), countries.end(),
                     [&](const Hit* c) { return c->first <= owner_at && owner_at <= c->last; }) &&
        !lexicon.city(t[owner_at].lower);
    if (unknown_owner)
      for (auto& [site, n] : votes) {
        const auto& f = lexicon.facility(site);
        const auto city_words = lexicon.name_words(f.city);
        const bool city_only =
            std::all_of(voters[site].begin(), voters[site].end(), [&](const std::string& w) {
              if (std::find(city_words.begin(), city_words.end(), w) != city_words.end())
                return true;
              const auto city = lexicon.city(w, f.country);
              return city && city->name == f.city;
            });
        if (city_only) n = 0;
      }
    // "a base near Mogadishu": a base voted for only by its city's name, which its own name does
    // not carry (Camp TURKSOM), is not the one meant; one named for its city is ("a base near
    // Erbil" for Erbil Air Base).
    if (military)
      for (auto& [site, n] : votes) {
        const auto& f = lexicon.facility(site);
        const auto city_words = lexicon.name_words(f.city);
        const auto own_words = lexicon.name_words(f.name);
        auto in = [](const auto& words, const std::string& w) {
          return std::find(words.begin(), words.end(), w) != words.end();
        };
        const bool city_only =
            !city_words.empty() &&
            std::all_of(voters[site].begin(), voters[site].end(), [&](const std::string& w) {
              return in(city_words, w) && !in(own_words, w);
            });
        if (city_only) n = 0;
      }
    // Sites the words voted for equally ("the Russian embassy": Kabul's and Damascus's) are told
    // apart by where they stand: a country named in the phrase's window besides the owner ("in
    // the Afghan capital"), else a city the article names ("KABUL (Wire) -"), else a country it
    // names. The weights stay far below any word's vote (1 / the number of sites the word
    // names), so they only break ties.
    constexpr double kSentenceCountry = 0.004, kArticleCity = 0.002, kArticleCountry = 0.001;
    std::set<std::string> sentence_countries;  // in the head's window, not its owner
    for (const Hit* country : countries) {
      const auto& c = lexicon.country(country->entry);
      if (country->first >= from && country->last < to &&
          std::none_of(owners.begin(), owners.end(),
                       [&](const lexicon::Country* o) { return o == &c; }))
        sentence_countries.insert(c.code);
    }
    for (auto& [site, n] : votes) {
      if (n <= 0) continue;
      const auto& f = lexicon.facility(site);
      const std::string city = text::ascii_lower(f.city);  // as the tokens' lower case
      if (sentence_countries.count(f.country))
        n += kSentenceCountry;
      else if (!city.empty() && places.capitalised_words.count(city))
        n += kArticleCity;
      else if (places.countries.count(f.country))
        n += kArticleCountry;
    }
    int best = -1;
    double best_votes = 0, second = 0;
    for (const auto& [site, n] : votes) {
      if (n > best_votes) {
        second = best_votes;
        best_votes = n;
        best = site;
      } else if (n > second) {
        second = n;
      }
    }
    // A word that names three sites ("Erbil": the air base and two consulates) still picks the
    // one of the head's kind.
    if (best < 0 || best_votes < 0.3 || best_votes <= second) continue;
    auto [first, last] = span[best];
    found.push_back(Hit{Kind::kFacility, best, t[first].start, t[last].end, first, last});
  }
  v.hits.insert(v.hits.end(), found.begin(), found.end());
}

// A foreign force's site named by description: "two military bases of the Turkish army in
// Aleppo", "a French military base in Iraq". A military head noun with a nationality before it
// (across at most two words) or after it ("of the Turkish army", "used by French troops")
// names a target in scope when the sentence names the country it stands in and the
// nationality is another one; an army in its own country is a local force, out of scope.
// Where adjectives follow their noun (the gloss of Arabic, French, Spanish, Portuguese), troops
// are named so too: "the troops of occupation American" ("las tropas de ocupación
// estadounidenses"), the gloss's order for what English writes "US occupation troops".
void add_foreign_military_targets(SentenceView& v, const lexicon::Lexicon& lexicon,
                                  bool adjectives_follow) {
  const auto& t = v.tokens;
  std::vector<const Hit*> nationalities;
  std::set<std::string> host_countries;
  const Hit* last_neighbour = nullptr;
  for (const Hit* h : v.all(Kind::kCountry)) {
    const auto& c = lexicon.country(h->entry);
    // "its camp in Tessit, near Niger and Burkina Faso", "on the border with Syria": a
    // neighbour named, not where the site stands.
    bool neighbour = false;
    for (std::size_t k = h->first >= 4 ? h->first - 4 : 0; k < h->first; ++k) {
      const auto& w = t[k].lower;
      neighbour = neighbour || w == "near" || w == "border" || w == "borders" || w == "bordering" ||
                  w == "frontier" || w == "frontiers";
    }
    // "near Niger and (of) Burkina Faso": the list goes on with neighbours.
    if (last_neighbour && last_neighbour->last < h->first) {
      bool listed = true;
      for (std::size_t k = last_neighbour->last + 1; k < h->first; ++k) {
        const auto& w = t[k].lower;
        listed = listed && (w == "and" || w == "of" || w == "the" || w == "," || w == "or");
      }
      neighbour = neighbour || listed;
    }
    if (neighbour) last_neighbour = h;
    // "an Iranian-backed militia base", "a Turkish-backed rebel post": the state backs a local
    // force; the site is not its own.
    bool backer = false;
    if (h->end < v.text.size() && v.text[h->end] == '-')
      for (std::string_view w : {"-backed", "-aligned", "-supported", "-allied", "-funded",
                                 "-trained", "-affiliated", "-linked", "-sponsored"})
        backer = backer || v.text.substr(h->end, w.size()) == w;
    if (backer) continue;
    if (c.is_demonym(v.text.substr(h->start, h->end - h->start)))
      nationalities.push_back(h);
    else if (!neighbour)
      host_countries.insert(c.code);
  }
  if (nationalities.empty()) return;
  // "Blast at Iraqi paramilitary base south of Baghdad kills one; U.S. denies role": a city of
  // the force's own country places it at home, whatever other country the sentence names.
  // Only a city that places the site ("base south of Baghdad", "base near Kirkuk"): within a
  // few words after a site head, not a speaker's ("the ministry in Ankara said").
  std::set<std::string> home_countries;
  for (std::size_t i = 0; i < t.size(); ++i) {
    if (!v.word_in(lexicon::WordList::kMilitaryHeads, t[i].lower)) continue;
    for (std::size_t k = i + 1; k < t.size() && k <= i + 4; ++k)
      if (t[k].capitalized && t[k].word)
        if (const auto city = lexicon.city(v.text.substr(t[k].start, t[k].end - t[k].start)))
          home_countries.insert(city->country);
  }
  // That city also tells where a foreign force's site stands when no country is named: "a
  // Russian military post near al-Mayadin" is in Syria.
  if (host_countries.empty()) host_countries = home_countries;
  if (host_countries.empty()) return;
  std::vector<Hit> found;
  for (std::size_t i = 0; i < t.size(); ++i) {
    // A site ("bases of the Turkish army") or a unit on the move ("a Russian military patrol").
    const bool troops = adjectives_follow && v.word_in(lexicon::WordList::kForceNouns, t[i].lower);
    const bool head = v.word_in(lexicon::WordList::kMilitaryHeads, t[i].lower) ||
                      v.word_in(lexicon::WordList::kForceUnits, t[i].lower) || troops;
    if (t[i].lower == "airport" || !head) continue;
    if (v.token_in(i, Cue::kTargetMilitary)) continue;
    for (const Hit* n : nationalities) {
      const auto& code = lexicon.country(n->entry).code;
      if (host_countries.count(code) || home_countries.count(code)) continue;
      bool before = !troops && n->last < i && i - n->last <= 3;
      bool after = n->first > i && n->first - i <= 5 && n->last + 1 < t.size() &&
                   v.word_in(lexicon::WordList::kForceNouns, t[n->last + 1].lower);
      bool postposed = troops && n->first > i && n->first - i <= 3;
      for (std::size_t k = std::min(n->last, i) + 1; k < std::max(n->first, i); ++k)
        if (!t[k].word) before = after = postposed = false;
      if (!before && !after && !postposed) continue;
      const std::size_t first = std::min(n->first, i);
      const std::size_t last = after ? n->last + 1 : postposed ? n->last : i;
      found.push_back(
          Hit{Kind::kTrigger, -1, t[first].start, t[last].end, first, last, Cue::kTargetMilitary});
      break;
    }
  }
  v.hits.insert(v.hits.end(), found.begin(), found.end());
}

// An envoy, or the envoy's car, convoy or home, as a diplomatic target: "the ambassador's convoy",
// "the official vehicle of Turkiye's ambassador to Sudan", and the glosses' "the car of the
// ambassador Turkish". The asset comes before the envoy ("... of the ambassador", across up to
// four words) or the envoy's possessive right before it ("the ambassador's official car").
// "former ambassador", "goodwill ambassador": no serving diplomat, so no diplomatic target.
bool not_serving_envoy(const std::vector<text::Token>& t, std::size_t envoy) {
  for (std::size_t k = envoy; k > 0 && k + 3 > envoy; --k) {
    const auto& w = t[k - 1].lower;
    if (w == "former" || w == "ex" || w == "goodwill" || w == "retired") return true;
  }
  return false;
}

// UN and African Union peacekeepers as a foreign military target, when what the clause tells is
// an attack on them: their casualties ("two peacekeepers were wounded", "Four blue helmets
// killed in an attack", "injuring two peacekeepers"), an attack aimed at them ("Israeli forces
// fired on three peacekeeper bases", "a strike against the headquarters of UNIFIL"), or one of
// their sites hit ("UNIFIL's headquarters came under fire"). Not where they are only named
// ("where peacekeepers patrol"), as an agent ("peacekeepers killed two militants"), or as a
// landmark ("near a UNIFIL position").
void add_peacekeeper_targets(SentenceView& v) {
  const auto& t = v.tokens;
  auto helmet = [&](std::size_t k) { return t[k].lower == "helmets" || t[k].lower == "helmet"; };
  auto peacekeeper = [&](std::size_t k) {
    if (!v.word_in(lexicon::WordList::kPeacekeeperWords, t[k].lower)) return false;
    return !helmet(k) || (k >= 1 && t[k - 1].lower == "blue");
  };
  auto casualty = [&](std::size_t k) {
    return v.token_in(k, Cue::kKilled) || v.token_in(k, Cue::kInjured);
  };
  auto attack_word = [&](std::size_t k) { return attack_word_at(v, k, true); };
  std::vector<Hit> found;
  for (std::size_t i = 0; i < t.size(); ++i) {
    if (!peacekeeper(i) || v.token_in(i, Cue::kTargetMilitary)) continue;
    std::size_t first = i >= 1 && helmet(i) ? i - 1 : i, last = i;
    // A landmark: "near a UNIFIL position", "close to the peacekeepers' base".
    bool landmark = false;
    for (std::size_t k = first >= 3 ? first - 3 : 0; k < first; ++k)
      landmark = landmark || locative_at(t, k);
    if (landmark) continue;
    bool attacked = false;
    // Their casualties after them, in the passive or a headline's participle: "were wounded",
    // "Four blue helmets killed in an attack"; not "killed two militants" (an object follows).
    // An attack on them in the passive: "a blue helmet was hit by gunfire".
    for (std::size_t k = last + 1; k < t.size() && k <= last + 4 && !attacked; ++k) {
      if (t[k].lower == "," || t[k].lower == "who" || t[k].lower == "which") break;
      // Not "was hit by a car": a verb of impact tells no attack by itself ("was targeted",
      // "was shelled", "was shot" do); it needs a weapon after it.
      if ((t[k - 1].lower == "was" || t[k - 1].lower == "were") && attack_word(k) &&
          !v.token_is_weapon(k)) {
        const bool attack_verb = (v.token_in(k, Cue::kAttackVerb) || v.token_in(k, Cue::kLaunch)) &&
                                 !v.token_in(k, Cue::kImpact);
        bool weapon_after = false;
        for (std::size_t j = k + 1; j < t.size() && j <= k + 4; ++j)
          weapon_after = weapon_after || v.token_is_weapon(j);
        if (attack_verb || weapon_after) {
          attacked = true;
          break;
        }
      }
      if (!casualty(k)) continue;
      const bool object =
          k + 1 < t.size() && (count_at(v, k + 1, false) || t[k + 1].lower == "the" ||
                               t[k + 1].lower == "a" || t[k + 1].lower == "an");
      attacked = !object;
    }
    // Their casualties or an attack aimed at them before them: "injuring two peacekeepers",
    // "fired on three peacekeeper bases", "an attack against UNIFIL troops".
    for (std::size_t k = first; k > 0 && k + 5 > first && !attacked; --k) {
      const auto& w = t[k - 1].lower;
      if (w == "," || w == "by" || w == "as" || w == "while" || w == "and" || w == "when" ||
          w == "after")
        break;
      attacked = casualty(k - 1) || attack_word(k - 1);
    }
    // One of their sites hit: "UNIFIL's headquarters", "the headquarters of UNIFIL", "a
    // peacekeeping base", in a sentence that tells an attack.
    auto site_at = [&](std::size_t k) {
      return k < t.size() && v.word_in(lexicon::WordList::kPeacekeeperSites, t[k].lower);
    };
    // Right after them ("peacekeeper bases", "UNIFIL's headquarters", "a UNIFIL position"; not
    // "where peacekeepers patrol", a verb after a plural), or before "of" them ("the
    // headquarters of UNIFIL", "the camp of the mission of MINUSMA").
    bool site =
        site_at(last + 1) && !(t[last].lower == "peacekeepers" && !site_at(last + 2) &&
                               (t[last + 1].lower == "patrol" || t[last + 1].lower == "post"));
    for (std::size_t k = first; k >= 2 && k + 6 > first && !site; --k) {
      if (t[k - 1].lower != "of") continue;
      std::size_t s = k - 1;
      if (s >= 1 && site_at(s - 1)) site = true;
    }
    if (!attacked && site)
      for (std::size_t k = 0; k < t.size() && !attacked; ++k) attacked = attack_word(k);
    // A base struck elsewhere in a sentence about them, not as its speaker: "two rockets fell
    // on Thursday in the base Miguel de Cervantes, where the Spanish contingent of UNIFIL is
    // deployed". Not a landmark ("fell near the base") nor another's ("a base of Hezbollah").
    const bool speaker = last + 1 < t.size() && v.token_in(last + 1, Cue::kReportVerb);
    for (std::size_t k = 0; k < t.size() && !attacked && !speaker; ++k) {
      if (!site_at(k)) continue;
      std::size_t owner = k + 1 < t.size() && t[k + 1].lower == "of" ? k + 2 : t.size();
      if (owner < t.size() && t[owner].lower == "the") ++owner;
      if (owner < t.size() && v.token_in_kind(owner, Kind::kActor)) continue;
      for (std::size_t j = k; j > 0 && j + 6 > k; --j) {
        if (locative_at(t, j - 1)) break;
        if (attack_word(j - 1)) {
          attacked = true;
          break;
        }
      }
    }
    if (!attacked) continue;
    found.push_back(
        Hit{Kind::kTrigger, -1, t[first].start, t[last].end, first, last, Cue::kTargetMilitary});
  }
  v.hits.insert(v.hits.end(), found.begin(), found.end());
}

void add_envoy_targets(SentenceView& v, bool glossed) {
  const auto& t = v.tokens;
  std::vector<Hit> found;
  for (std::size_t i = 0; i < t.size(); ++i) {
    if (!v.word_in(lexicon::WordList::kEnvoyAssets, t[i].lower)) continue;
    if (v.token_in(i, Cue::kTargetDiplomatic)) continue;
    std::optional<std::size_t> envoy;
    // "the ambassador's (official) car", "the ambassador 's car".
    for (std::size_t k = i; k > 0 && k + 3 > i; --k) {
      const auto& w = t[k - 1].lower;
      if (w == "'s" || w == "’s" || w == "official") continue;
      if (v.word_in(lexicon::WordList::kEnvoyWords, w) &&
          (w.ends_with("'s") || (k < i && (t[k].lower == "'s" || t[k].lower == "’s"))))
        envoy = k - 1;
      break;
    }
    // "ambassador Lars Berg's convoy": the envoy's name between the title and the possessive.
    if (!envoy && i >= 3 &&
        (t[i - 1].lower == "'s" || t[i - 1].lower == "’s" || t[i - 1].lower.ends_with("'s")))
      for (std::size_t k = t[i - 1].word ? i - 1 : i - 2; k > 0 && k + 4 > i; --k) {
        if (!t[k].capitalized) break;
        if (v.word_in(lexicon::WordList::kEnvoyWords, t[k - 1].lower)) {
          envoy = k - 1;
          break;
        }
      }
    // "the car of the (Turkish) ambassador", "the vehicle of Turkiye's ambassador".
    if (!envoy && i + 2 < t.size() && t[i + 1].lower == "of")
      for (std::size_t k = i + 2; k < t.size() && k <= i + 6; ++k) {
        if (!t[k].word && t[k].lower != "'s" && t[k].lower != "’s") break;
        if (v.word_in(lexicon::WordList::kEnvoyWords, t[k].lower)) {
          envoy = k;
          break;
        }
      }
    // The glosses' construct state, with no "of": "the convoy ambassador Turkish", "car the
    // ambassador" (Arabic "mawkib al-safir"); in glossed text only, as English word order puts an
    // envoy after such a noun in other senses ("White House envoy").
    if (!envoy && glossed && !(i >= 1 && t[i - 1].lower == "white"))
      for (std::size_t k = i + 1; k < t.size() && k <= i + 2; ++k) {
        if (v.word_in(lexicon::WordList::kEnvoyWords, t[k].lower)) envoy = k;
        if (t[k].lower != "the") break;
      }
    if (!envoy || not_serving_envoy(t, *envoy)) continue;
    const std::size_t first = std::min(i, *envoy), last = std::max(i, *envoy);
    // Only as what was attacked: an attack word right before ("fired at the ambassador's car",
    // "an attack on the convoy of ...") or after it in its clause ("... was hit by gunfire",
    // "came under fire"); "the convoy of the ambassador was escorted by police after a bomb
    // exploded in the market" tells no attack on it.
    auto attack_word = [&](std::size_t k) { return attack_word_at(v, k, false); };
    bool attacked = false;
    for (std::size_t k = first; k > 0 && k + 4 > first && !attacked; --k)
      attacked = attack_word(k - 1);
    // The glosses' verb-first passive: "came under the car of the ambassador to gunfire"
    // ("ta'arradat sayyarat al-safir li-itlaq nar"): the weapon after the envoy tells the attack.
    std::size_t under = first;
    if (under >= 1 && t[under - 1].lower == "the") --under;
    const bool came_under = under >= 2 && t[under - 1].lower == "under" &&
                            (t[under - 2].lower == "came" || t[under - 2].lower == "come" ||
                             t[under - 2].lower == "comes");
    // "an attack by the Sudanese army against the residence of its ambassador": the attack
    // noun, then its agent after "by" or "of", then "against" or "on" and the asset; not "an
    // attack on a market led police to tighten security on the residence".
    std::size_t before = first;
    if (before > 0 && (t[before - 1].lower == "the" || t[before - 1].lower == "a")) --before;
    if (!attacked && before > 1 &&
        (t[before - 1].lower == "against" || t[before - 1].lower == "on"))
      for (std::size_t k = before - 1; k > 0 && k + 10 > before; --k) {
        if (!t[k - 1].word) break;
        if (!v.token_in(k - 1, Cue::kAttackNoun)) continue;
        // From the attack noun to "against": only its agent ("by the Sudanese army"), its time
        // ("on Sunday", "early on Sunday") or its weapons ("with two missiles"); a verb between
        // ("led police to tighten security on the residence") tells something else.
        attacked = true;
        for (std::size_t j = k; j + 1 < before && attacked; ++j) {
          const auto& w = t[j].lower;
          const bool agent_word = t[j].capitalized || w == "by" || w == "of" || w == "the" ||
                                  w == "a" || w == "an" || w == "'s" || w == "’s" ||
                                  v.word_in(lexicon::WordList::kEnemyHeads, w) ||
                                  std::any_of(v.hits.begin(), v.hits.end(), [&](const Hit& a) {
                                    return (a.kind == Kind::kActor || a.kind == Kind::kCountry) &&
                                           a.first <= j && j <= a.last;
                                  });
          const bool time_word = v.token_in_date(j) || w == "early" || w == "late" ||
                                 w == "overnight" || (w == "on" && v.token_in_date(j + 1));
          const bool weapon_word = w == "with" || v.token_is_weapon(j) || count_at(v, j, true);
          // The agent's own nouns ("a Sudanese army jet"), not a verb ("led", "prompted") or a
          // word that opens another clause.
          const bool noun_like =
              t[j].word && !w.ends_with("ed") && w != "to" && w != "that" && w != "which" &&
              w != "who" && w != "and" && w != "but" && w != "as" && w != "on" && w != "in" &&
              w != "at" && !v.token_in(j, Cue::kAttackVerb) && !v.token_in(j, Cue::kReportVerb);
          attacked = agent_word || time_word || weapon_word || noun_like;
        }
        break;
      }
    // The envoy's post and name do not count against the clause ("the car of Turkish Ambassador
    // to Sudan Ismail Cobanoglu has been fired on").
    std::size_t words_after = 0;
    for (std::size_t k = last + 1; k < t.size() && words_after < 5 && !attacked; ++k) {
      // ", Aidan O'Hara, was fired on": the envoy's name set off by commas.
      if (t[k].lower == "," && k + 1 < t.size() && t[k + 1].capitalized) {
        std::size_t close = k + 1;
        while (close < t.size() && close < k + 6 && t[close].capitalized) ++close;
        if (close < t.size() && t[close].lower == ",") {
          k = close;
          continue;
        }
      }
      if (t[k].lower == "," || t[k].lower == "after" || t[k].lower == "when") break;
      attacked = attack_word(k) || (came_under && v.token_is_weapon(k));
      const bool post_or_name = t[k].capitalized || (t[k].lower == "to" && k == last + 1);
      if (!post_or_name) ++words_after;
    }
    if (!attacked) continue;
    found.push_back(
        Hit{Kind::kTrigger, -1, t[first].start, t[last].end, first, last, Cue::kTargetDiplomatic});
  }
  // The envoy as what was attacked: "an attack targeted the Turkish ambassador", "gunmen fired on
  // the ambassador", "an attack on the envoy" (not "the ambassador said").
  for (std::size_t i = 1; i < t.size(); ++i) {
    const auto& w = t[i].lower;
    if (!v.word_in(lexicon::WordList::kEnvoyWords, w) || w.ends_with("'s") ||
        not_serving_envoy(t, i))
      continue;
    if (i + 1 < t.size() && (t[i + 1].lower == "'s" || t[i + 1].lower == "’s")) continue;
    std::size_t k = i;
    while (k > 0 && i - k < 3 && (t[k - 1].lower == "the" || t[k - 1].capitalized)) --k;
    if (k == 0) continue;
    const bool struck = v.token_in(k - 1, Cue::kAttackVerb) || v.token_in(k - 1, Cue::kLaunch);
    const bool attack_on = (t[k - 1].lower == "on" || t[k - 1].lower == "against") && k >= 2 &&
                           v.token_in(k - 2, Cue::kAttackNoun);
    if (!struck && !attack_on) continue;
    found.push_back(Hit{Kind::kTrigger, -1, t[i].start, t[i].end, i, i, Cue::kTargetDiplomatic});
  }
  v.hits.insert(v.hits.end(), found.begin(), found.end());
}

// "an Iraqi air base hosting US warplanes", and the gloss's order "a air base Iraqi hosting US
// warplanes" ("una base aérea iraquí que alberga aviones estadounidenses"): a military site that
// hosts US or coalition forces is a foreign military presence, across up to two words between
// the head noun and the verb. So is one that belongs to the coalition: "a military base of the
// coalition", and the gloss's "a military base in eastern Syria of the coalition" ("uma base
// militar no leste da Síria da coalizão"), across up to four.
void add_hosting_sites(SentenceView& v, const lexicon::Lexicon& lexicon) {
  const auto& t = v.tokens;
  std::vector<Hit> found;
  for (std::size_t k = 1; k + 1 < t.size(); ++k) {
    const bool of = t[k].lower == "of";
    if (!of && !v.word_in(lexicon::WordList::kHostVerbs, t[k].lower)) continue;
    std::size_t guest = k + 1;
    if (t[guest].lower == "the" && guest + 1 < t.size()) ++guest;
    // "the coalition", "the international coalition", across one modifier ("the US-led
    // coalition", "the anti-jihadist coalition"). What a site belongs to ("of") is the
    // coalition only: "a base of the US-backed SDF", "south of the international airport" name
    // no foreign force.
    const bool coalition = t[guest].lower == "coalition" ||
                           (guest + 1 < t.size() && t[guest + 1].lower == "coalition");
    bool foreign = coalition || (!of && t[guest].lower == "international");
    // The guests may be listed: "a base hosting Iraqi and US troops", the gloss's "a base hosting
    // soldiers Iraqis and military personnel Americans". The list ends at a comma, a place or a
    // clause ("in the town of Qayyarah", "which").
    std::size_t guests_end = guest;
    // Nor at what describes a guest ("fighters sanctioned by the US", "jets bought from the
    // United States").
    auto ends_list = [&](std::size_t k) {
      const auto& w = t[k].lower;
      return !t[k].word || locative_at(t, k) || w == "in" || w == "at" || w == "which" ||
             w == "that" || w == "who" || w == "by" || w == "from" || w == "with" ||
             w == "sanctioned" || w == "backed" || w == "bought" || w == "supplied" ||
             w == "trained" || w == "funded" || w == "equipped" || w == "designated" ||
             w == "linked" || w == "accused";
    };
    while (guests_end < t.size() && guests_end < guest + 7 && !ends_list(guests_end)) ++guests_end;
    for (const Hit* h : v.all(Kind::kCountry))
      foreign |= !of && h->first >= guest && (h->first == guest || h->first < guests_end) &&
                 lexicon.country(h->entry).code == "US";
    // A base of US forces by name, as the factions' statements write it: "the base of the
    // American occupation", "a base of the US forces" (not "of the US-backed SDF").
    // Not a local force the factions call the occupation's ("a base of the American occupation
    // militia SDF"): the phrase ends there.
    auto phrase_ends = [&](std::size_t j) {
      return j >= t.size() || !t[j].word || locative_at(t, j) || t[j].lower == "in" ||
             t[j].lower == "at" || t[j].lower == "near" || t[j].lower == "on" ||
             t[j].lower == "with" || t[j].lower == "and";
    };
    for (const Hit* h : v.all(Kind::kCountry))
      foreign |= of && h->first == guest && h->last + 1 < t.size() &&
                 lexicon.country(h->entry).code == "US" &&
                 (t[h->last + 1].lower == "occupation" ||
                  v.word_in(lexicon::WordList::kForceNouns, t[h->last + 1].lower)) &&
                 phrase_ends(h->last + 2);
    // Any foreign force by its nationality: "a base hosting Italian troops near Sinjar", the
    // gloss's "hosting the forces French" ("qui accueille les forces françaises"). A force is
    // hosted only away from home: the sentence must place the site in another country ("near
    // Sinjar", "in Gao"), not in the force's own ("hosting Iraqi troops near Sinjar").
    if (!foreign && !of) {
      std::set<std::string> places;
      for (const Hit* h : v.all(Kind::kCountry))
        if (!lexicon.country(h->entry).is_demonym(v.text.substr(h->start, h->end - h->start)))
          places.insert(lexicon.country(h->entry).code);
      for (std::size_t j = 0; j < t.size(); ++j)
        if (t[j].capitalized && t[j].word && j >= 1 &&
            v.word_in(lexicon::WordList::kCityPrepositions, t[j - 1].lower))
          if (const auto city = lexicon.city(v.text.substr(t[j].start, t[j].end - t[j].start)))
            places.insert(city->country);
      for (const Hit* h : v.all(Kind::kCountry)) {
        const auto& c = lexicon.country(h->entry);
        if (h->first < guest || h->first >= guests_end + 1 ||
            !c.is_demonym(v.text.substr(h->start, h->end - h->start)))
          continue;
        const bool force_after = h->last + 1 < t.size() &&
                                 v.word_in(lexicon::WordList::kForceNouns, t[h->last + 1].lower);
        const bool force_before =
            h->first >= 1 && v.word_in(lexicon::WordList::kForceNouns, t[h->first - 1].lower);
        if ((force_after || force_before) && !places.empty() && !places.count(c.code))
          foreign = true;
      }
    }
    if (!foreign) continue;
    // The head before the verb, also across a relative's comma: "a military base near Sinjar,
    // which hosts Italian troops", "the base of Gao, hosting the French forces".
    std::size_t from = k, reach = of ? 6 : 4;
    if (!of && k >= 2 && (t[k - 1].lower == "which" || t[k - 1].lower == "that") &&
        t[k - 2].lower == ",")
      from = k - 2, reach = 8;
    else if (!of && k >= 1 && t[k - 1].lower == ",")
      from = k - 1, reach = 8;
    for (std::size_t i = from; i > 0 && i + reach > from; --i) {
      if (!t[i - 1].word) break;
      if (!v.word_in(lexicon::WordList::kMilitaryHeads, t[i - 1].lower)) continue;
      if (!v.token_in(i - 1, Cue::kTargetMilitary))
        found.push_back(Hit{Kind::kTrigger, -1, t[i - 1].start, t[guest].end, i - 1, guest,
                            Cue::kTargetMilitary});
      break;
    }
  }
  // The coalition's before the head: "a coalition outpost", "a coalition military camp", as
  // "a coalition base" (triggers.tsv) and "a base of the coalition" above.
  for (std::size_t k = 0; k + 1 < t.size(); ++k) {
    if (t[k].lower != "coalition") continue;
    // Not a coalition named for itself ("a Fateh al-Mubin coalition outpost"): "the", "a", "the
    // US-led", "the international" coalition only.
    if (k >= 1 && t[k - 1].word && t[k - 1].capitalized && !t[k - 1].lower.ends_with("-led") &&
        t[k - 1].lower != "international" && t[k - 1].lower != "the" && t[k - 1].lower != "a")
      continue;
    for (std::size_t i = k + 1; i < t.size() && i <= k + 2 && t[i].word; ++i) {
      if (!v.word_in(lexicon::WordList::kMilitaryHeads, t[i].lower)) continue;
      if (t[i].lower != "airport" && !v.token_in(i, Cue::kTargetMilitary))
        found.push_back(Hit{Kind::kTrigger, -1, t[k].start, t[i].end, k, i, Cue::kTargetMilitary});
      break;
    }
  }
  v.hits.insert(v.hits.end(), found.begin(), found.end());
}

// "Two drones were thwarted by the base's defence system", "Air defences foiled a drone attack":
// a plot word whose agent is an air defence tells an interception, which counts and flags read as
// such. So does a drone attack foiled with no find told ("Foiled an attack with a drone on a US
// base in Iraq", the gloss of "إحباط هجوم بطائرة مسيرة"): drones are stopped in flight.
void add_defence_interceptions(SentenceView& v, const lexicon::Lexicon& lexicon) {
  const auto& t = v.tokens;
  std::vector<Hit> found;
  // A find, or a plan foiled ("frustram plano de ataque com drones"), is a plot, not drones
  // stopped in flight.
  // Read only for a sentence with a plot word: most sentences have none.
  const auto foiled = v.all(Cue::kFoiled);
  if (foiled.empty()) return;
  bool find = false;
  for (const auto& token : t)
    find = find || v.word_in(lexicon::WordList::kFindWords, token.lower) ||
           v.word_in(lexicon::WordList::kPlanWords, token.lower);
  for (const Hit* f : foiled) {
    // Only the verbs of stopping ("foiled", "thwarted", "repelled"), not "arrested a drone
    // operator" or "dismantled a drone launcher", and not negated ("did not thwart").
    const std::string verb = lower_text(v, *f);
    const bool stopping =
        verb.starts_with("foil") || verb.starts_with("thwart") || verb.starts_with("repel");
    const bool negated =
        f->first >= 1 && (t[f->first - 1].lower == "not" || t[f->first - 1].lower == "n't" ||
                          t[f->first - 1].lower == "never");
    bool drone_attack = false;
    for (const Hit* w : v.all(Kind::kWeapon))
      drone_attack = drone_attack || (w->first > f->last && w->first <= f->last + 5 &&
                                      lexicon.weapon(w->entry).weapon == "drone");
    if (drone_attack && stopping && !negated && !find) {
      Hit intercept = *f;
      intercept.cue = Cue::kIntercept;
      found.push_back(intercept);
      continue;
    }
    // The air defence as the agent, before the verb: "Air defences foiled a drone attack on the
    // base", the gloss's "air defense systems managed from foiled an attack".
    for (const Hit* d : v.all(Cue::kAirDefense))
      if (d->last < f->first && f->first <= d->last + 4) {
        Hit intercept = *f;
        intercept.cue = Cue::kIntercept;
        found.push_back(intercept);
        break;
      }
    if (!found.empty() && found.back().start == f->start) continue;
    if (f->last + 1 >= t.size() || t[f->last + 1].lower != "by") continue;
    for (const Hit* d : v.all(Cue::kAirDefense))
      if (d->first > f->last && d->first <= f->last + 6) {
        Hit intercept = *f;
        intercept.cue = Cue::kIntercept;
        found.push_back(intercept);
        break;
      }
  }
  v.hits.insert(v.hits.end(), found.begin(), found.end());
}

// "tribesmen in the region who are armed by Iran", "groups, many of whom are believed to be
// backed by Iran": the words between a group noun and its relation when a relative clause
// carries it. Returns where the relation may start (k itself when there is no such clause).
// Function words only, so they stay here rather than in a word list.
std::size_t past_relative_clause(const std::vector<text::Token>& t, std::size_t k) {
  auto is = [&](std::size_t at, std::initializer_list<std::string_view> words) {
    return at < t.size() && std::find(words.begin(), words.end(), t[at].lower) != words.end();
  };
  std::size_t at = k;
  // "in the region", "in the area", "in Syria"
  if (is(at, {"in"}) && is(at + 1, {"the"}) && is(at + 2, {"region", "area", "country"})) at += 3;
  if (is(at, {","})) ++at;
  if (is(at, {"many", "some", "most", "all"}) && is(at + 1, {"of"})) at += 2;
  // "tribesmen in the region armed by Iran": a participle right after the place.
  if (at > k && !is(at, {"who", "whom", "which", "that"})) return at;
  if (!is(at, {"who", "whom", "which", "that"})) return k;
  ++at;
  // "groups that US and Iraqi officials say are backed by Iran": a speaker inside the clause.
  for (std::size_t j = at; j < t.size() && j <= at + 6; ++j) {
    if (!t[j].word) break;
    if (is(j, {"say", "says", "said", "believe", "believes", "suspect", "suspects"}) &&
        is(j + 1, {"are", "is", "were", "was"})) {
      at = j + 1;
      break;
    }
  }
  if (!is(at, {"are", "is", "were", "was", "have", "has"})) return k;
  ++at;
  if (is(at, {"been"})) ++at;
  if (is(at, {"widely", "reportedly", "allegedly"})) ++at;
  if (is(at, {"believed", "said", "thought", "known"}) && is(at + 1, {"to"}) && is(at + 2, {"be"}))
    at += 3;
  return at;
}

// "conducting the attacks", "who carry out such attacks", "behind the rocket attacks": a clause
// right after a group noun that names the group the author of attacks (it opens, after an
// optional relative pronoun, with a blame_subject_words word and ends at an attack noun, within
// six words), followed by a copula that goes on to name the group's backer ("... are backed by
// Iran"). Returns the attack noun's token.
std::optional<std::size_t> author_clause_end(const SentenceView& v, std::size_t k) {
  const auto& t = v.tokens;
  auto copula = [&](std::size_t at) {
    return at < t.size() && (t[at].lower == "are" || t[at].lower == "is" || t[at].lower == "were" ||
                             t[at].lower == "was");
  };
  std::size_t at = k;
  if (at < t.size() && (t[at].lower == "who" || t[at].lower == "that" || t[at].lower == "which"))
    ++at;
  if (at >= t.size() || !v.word_in(lexicon::WordList::kBlameSubjectWords, t[at].lower))
    return std::nullopt;
  for (std::size_t j = at + 1; j < t.size() && j <= at + 6; ++j) {
    if (!t[j].word) return std::nullopt;
    if (v.token_in(j, Cue::kAttackNoun) && copula(j + 1)) return j;
  }
  return std::nullopt;
}

// "Iran-backed Shia Muslim militias", "militia groups loyal to Tehran", "factions with close ties
// to Iran": a group named by its backer is the backer's proxy actor (actors.tsv backers), with
// any run of proxy_modifiers in between. The state's own hit inside the phrase is dropped.
void add_proxy_actors(SentenceView& v, const lexicon::Lexicon& lexicon) {
  using lexicon::WordList;
  const auto& t = v.tokens;
  auto modifier = [&](std::size_t k) { return v.word_in(WordList::kProxyModifiers, t[k].lower); };
  auto head = [&](std::size_t k) { return v.word_in(WordList::kProxyHeads, t[k].lower); };
  std::vector<Hit> found;
  // The token ranges whose own actor hits the phrases replace: each phrase's, and for a group
  // told as the author of attacks, from the group to its backer.
  std::vector<std::pair<std::size_t, std::size_t>> covered;
  for (std::size_t i = 0; i < t.size(); ++i) {
    if (!t[i].word) continue;
    // Backer first: "Iran-backed [Iraqi Shia] militia [groups]", also unhyphenated ("Iranian
    // backed militias").
    int actor = proxy_backer(v, lexicon, t[i].lower);
    std::size_t after = i + 1;
    if (actor < 0 && i + 1 < t.size() && v.word_in(WordList::kProxyRelations, t[i + 1].lower)) {
      actor = lexicon.proxy_actor(t[i].lower);
      after = i + 2;
    }
    // "Iran and its allies", "Tehran and its proxies": the backer's proxies, beside the backer.
    if (actor < 0 && i + 3 < t.size() && t[i + 1].lower == "and" &&
        (t[i + 2].lower == "its" || t[i + 2].lower == "their") &&
        (t[i + 3].lower == "allies" || t[i + 3].lower == "proxies" ||
         t[i + 3].lower == "affiliates")) {
      if (const int proxies = lexicon.proxy_actor(t[i].lower); proxies >= 0) {
        found.push_back(Hit{Kind::kActor, proxies, t[i + 2].start, t[i + 3].end, i + 2, i + 3});
        i += 3;
        continue;
      }
    }
    if (actor >= 0) {
      std::size_t k = after;
      while (k < t.size() && k < after + 3 && modifier(k) && !head(k)) ++k;
      if (k < t.size() && head(k)) {
        while (k + 1 < t.size() && head(k + 1)) ++k;
        found.push_back(Hit{Kind::kActor, actor, t[i].start, t[k].end, i, k});
        i = k;
      }
      continue;
    }
    // Group first: "[armed] groups (backed by | loyal to | with close ties to) [the] Iran".
    if (!head(i)) continue;
    std::size_t k = i + 1;
    while (k < t.size() && head(k)) ++k;
    // A backer's demonym after the group, as Arabic and the Romance languages place the
    // adjective ("الميليشيات الإيرانية", "milices iraniennes": militias Iranian). Not after
    // "forces" or "fighters": "القوات الإيرانية" is the state's own army.
    if (k < t.size() && t[k - 1].lower != "forces" && t[k - 1].lower != "force" &&
        t[k - 1].lower != "fighters") {
      const int backed = lexicon.proxy_actor(t[k].lower);
      const auto countries = v.all(Kind::kCountry);
      const bool demonym = std::any_of(countries.begin(), countries.end(), [&](const Hit* h) {
        return h->first == k && h->last == k &&
               lexicon.country(h->entry).is_demonym(v.text.substr(h->start, h->end - h->start));
      });
      if (backed >= 0 && demonym) {
        std::size_t first = i;
        while (first > 0 && modifier(first - 1)) --first;
        found.push_back(Hit{Kind::kActor, backed, t[first].start, t[k].end, first, k});
        i = k;
        continue;
      }
    }
    // The backer after the group, as French, Spanish and Portuguese place it, and so their
    // gloss: "factions Iraqi pro-Iran" ("facções iraquianas pró-Irã").
    {
      std::size_t b = k;
      while (b < t.size() && b < k + 3 && modifier(b)) ++b;
      if (b < t.size() && (actor = proxy_backer(v, lexicon, t[b].lower)) >= 0) {
        std::size_t first = i;
        while (first > 0 && modifier(first - 1)) --first;
        found.push_back(Hit{Kind::kActor, actor, t[first].start, t[b].end, first, b});
        i = b;
        continue;
      }
    }
    // "the groups conducting the attacks are supported by Iran": the group, then a suspect cue
    // over the author clause (as "X were behind" names X), then the backer after the copula.
    std::optional<Hit> author;
    const std::size_t group_end = k - 1;
    if (const auto noun = author_clause_end(v, k)) {
      author = Hit{Kind::kTrigger, -1, t[k].start, t[*noun].end, k, *noun, Cue::kSuspect};
      k = *noun + 2;
      if (k < t.size() && t[k].lower == "been") ++k;
    }
    // The gloss of Romance text puts adjectives after the group: "armed groups Shiite backed by
    // Iran" ("grupos armados chiitas respaldados por Irán").
    for (std::size_t m = k; m < t.size() && m < k + 2 && modifier(m); ++m)
      if (m + 1 < t.size() && v.word_in(WordList::kProxyRelations, t[m + 1].lower)) k = m + 1;
    // "allies of Iran", "proxies of Tehran": a noun that is itself the relation takes its
    // backer with "of" (the gloss of "aliados do Irã", "alliés de l'Iran").
    const bool relational_noun = (t[k - 1].lower == "allies" || t[k - 1].lower == "proxies") &&
                                 k < t.size() && t[k].lower == "of";
    // "groups that receive funding, training and weapons from Iran": a relative clause of
    // receiving names the backer after "from".
    std::optional<std::size_t> received_from;
    if (k + 2 < t.size() &&
        (t[k].lower == "that" || t[k].lower == "which" || t[k].lower == "who") &&
        (t[k + 1].lower == "receive" || t[k + 1].lower == "receives" ||
         t[k + 1].lower == "received" || t[k + 1].lower == "get" || t[k + 1].lower == "gets"))
      for (std::size_t j = k + 2; j < t.size() && j <= k + 9; ++j) {
        if (t[j].lower == "from") {
          if (j > k + 2) received_from = j + 1;
          break;
        }
        if (t[j].lower != "," && !v.word_in(WordList::kSupportNouns, t[j].lower)) break;
      }
    if (relational_noun) {
      ++k;
    } else if (received_from) {
      k = *received_from;
    } else {
      // A hedge set off after the group: "Shia militias – allegedly backed by Iran –", "groups
      // (reportedly backed by Iran)", "groups believed to be backed by Iran".
      if (k < t.size() && (is_dash(t[k].lower) || t[k].lower == "(")) ++k;
      while (k < t.size() && v.word_in(WordList::kHedgeWords, t[k].lower)) ++k;
      if (k + 1 < t.size() && t[k].lower == "to" && t[k + 1].lower == "be") k += 2;
      k = past_relative_clause(t, k);
      if (k < t.size() && t[k].lower == "with") ++k;  // "with close ties to"
      if (k >= t.size() || !v.word_in(WordList::kProxyRelations, t[k].lower)) continue;
      ++k;
      // "trained and funded by Iran": two relations joined.
      if (k + 1 < t.size() && t[k].lower == "and" &&
          v.word_in(WordList::kProxyRelations, t[k + 1].lower))
        k += 2;
      if (k < t.size() && t[k].lower == "ties") ++k;
      // "factions close from Iran": machine-translated copy's "from" after "close".
      const bool close_from = k < t.size() && t[k].lower == "from" && t[k - 1].lower == "close";
      if (k >= t.size() ||
          (t[k].lower != "by" && t[k].lower != "to" && t[k].lower != "with" && !close_from))
        continue;
      ++k;
    }
    // "the Islamic Republic of Iran", "loyal to \"Iran\"" (Arabic outlets quote names)
    while (k < t.size() &&
           (t[k].lower == "the" || t[k].lower == "islamic" || t[k].lower == "republic" ||
            t[k].lower == "of" || is_quote_mark(t[k].lower)))
      ++k;
    if (k >= t.size()) continue;
    actor = lexicon.proxy_actor(t[k].lower);
    if (actor < 0) continue;
    std::size_t first = i;
    while (first > 0 && modifier(first - 1)) --first;
    // "backed by Iran and its Revolutionary Guard": the backer's own arm, joined by "and its",
    // is part of the backer, no actor of its own.
    std::size_t backer_end = k;
    if (k + 3 < t.size() && t[k + 1].lower == "and" &&
        (t[k + 2].lower == "its" || t[k + 2].lower == "their"))
      for (const Hit& h : v.hits)
        if (h.kind == Kind::kActor && h.first == k + 3) backer_end = std::max(backer_end, h.last);
    if (backer_end > k) covered.emplace_back(first, backer_end);
    if (author) {
      found.push_back(Hit{Kind::kActor, actor, t[first].start, t[group_end].end, first, group_end});
      found.push_back(*author);
      covered.emplace_back(first, k);
    } else {
      found.push_back(Hit{Kind::kActor, actor, t[first].start, t[k].end, first, k});
    }
    i = k;
  }
  if (found.empty()) return;
  // The phrase replaces the actor hits inside it ("Iran" in "Iran-backed", an alias match).
  for (const Hit& h : found)
    if (h.kind == Kind::kActor) covered.emplace_back(h.first, h.last);
  std::erase_if(v.hits, [&](const Hit& h) {
    return h.kind == Kind::kActor &&
           std::any_of(covered.begin(), covered.end(), [&](const auto& range) {
             return h.first >= range.first && h.last <= range.second;
           });
  });
  v.hits.insert(v.hits.end(), found.begin(), found.end());
}

// "the Islamic Resistance - Ahrar al-Iraq brigade", "Islamic Resistance - Kataib Sayyid
// al-Shuhada": a short name that stands for a group by country (actors.tsv column 5) written before
// another group's name, across at most two words ("brigade") and no conjunction, is that group's
// banner, not a second actor.
void drop_banner_before_group(SentenceView& v, const lexicon::Lexicon& lexicon) {
  const auto& t = v.tokens;
  std::vector<std::size_t> group_starts;
  for (const Hit& h : v.hits)
    if (h.kind == Kind::kActor && lexicon.actor(h.entry).stands_for_in.empty())
      group_starts.push_back(h.first);
  std::erase_if(v.hits, [&](const Hit& h) {
    if (h.kind != Kind::kActor || lexicon.actor(h.entry).stands_for_in.empty()) return false;
    return std::any_of(group_starts.begin(), group_starts.end(), [&](std::size_t start) {
      if (start <= h.last || start > h.last + 5) return false;
      // "and", "or" or a comma list two groups ("The Islamic Resistance and Kataib Hezbollah
      // claimed ..."); a dash, a quote or nothing joins a banner to its name.
      int words = 0;
      for (std::size_t k = h.last + 1; k < start; ++k) {
        const auto& w = t[k].lower;
        if (w == "and" || w == "or" || w == "," || w == "&") return false;
        words += t[k].word ? 1 : 0;
      }
      return words <= 2;
    });
  });
}

// Where a speaker's comment on the report opens: ", adding that ...", ", saying ...", or an
// appositive that sets the attack in a run of others (", the latest in a series of attacks"),
// when the words before it tell an attack (a weapon or an attack word); the sentence's end
// otherwise.
std::size_t comment_start(const SentenceView& v) {
  const auto& t = v.tokens;
  bool attack_before = false;
  for (std::size_t k = 0; k < t.size(); ++k) {
    const bool latest = t[k].lower == "latest" ||
                        (t[k].lower == "the" && k + 1 < t.size() && t[k + 1].lower == "latest");
    if (k >= 1 && t[k - 1].lower == "," && attack_before &&
        (latest || v.word_in(lexicon::WordList::kCommentGerunds, t[k].lower)))
      return k;
    attack_before = attack_before || v.token_is_weapon(k) || v.token_in(k, Cue::kAttackNoun) ||
                    v.token_in(k, Cue::kAttackVerb);
  }
  return t.size();
}

// Where the relative clause about a site that holds `h` opens (its pronoun or participle), if it
// is one ("the embassy, which is regularly targeted", the gloss's "the base, that since October is
// attacked almost daily", "the al-Tanf base, in Syria, targeted almost daily"): what it says
// describes the place, not the sentence's attack.
std::optional<std::size_t> relative_clause_start(const SentenceView& v, const Hit& h) {
  const auto& t = v.tokens;
  // A site, or a group: "the Islamic Resistance in Iraq, which in recent days has claimed
  // several similar attacks, claimed ..." tells the group's habit, not this attack.
  auto site_ends_before = [&](std::size_t at) {
    return std::any_of(v.hits.begin(), v.hits.end(), [&](const Hit& s) {
      return (is_site_hit(s) || s.kind == Kind::kActor) && s.last < at && at - s.last <= 5;
    });
  };
  for (std::size_t k = h.first; k > 0; --k) {
    const auto& w = t[k - 1].lower;
    if (w == "which" || w == "that" || w == "who" || w == "where") {
      if (k >= 2 && t[k - 2].lower == "," && site_ends_before(k - 2)) return k - 1;
      // "..., a network of armed groups that emerged in recent weeks,": a relative clause
      // inside an apposition; the apposition is the clause.
      continue;
    }
    if (w != "," && w != ";") continue;
    // An apposition after a group: "the Islamic Resistance in Iraq, a network of armed groups
    // that emerged in recent weeks, claimed ...".
    // The Romance languages drop the article, and so does their gloss: "the Hezbollah Brigades,
    // pro-Iran militia which Washington accuses of ..." ("milícia pró-iraniana que").
    const bool described_group =
        v.glossed && std::any_of(v.hits.begin(), v.hits.end(), [&](const Hit& d) {
          return d.kind == Kind::kActor && d.first == k;
        });
    if (w == "," && k < h.first && (t[k].lower == "a" || t[k].lower == "an" || described_group)) {
      std::size_t name_end = k - 1;  // the comma; a quote mark may close the name before it
      while (name_end > 0 && is_quote_mark(t[name_end - 1].lower)) --name_end;
      if (std::any_of(v.hits.begin(), v.hits.end(), [&](const Hit& s) {
            return s.kind == Kind::kActor && s.last + 1 == name_end;
          }))
        return k;
    }
    if (w == "," && k < h.first && t[k].lower.ends_with("ed") &&
        (v.token_in(k, Cue::kAttackVerb) || v.token_in(k, Cue::kLaunch)) && site_ends_before(k - 1))
      return k;
    return std::nullopt;
  }
  return std::nullopt;
}

// A relative clause that tells a site's habitual history ("the US embassy, which is regularly
// targeted by rocket fire, raised its alert level") tells no attack: its cues go, so neither
// its run marker nor its verb and weapon speak for the sentence.
void drop_habitual_relative_clause(SentenceView& v) {
  const auto& t = v.tokens;
  std::vector<std::pair<std::size_t, std::size_t>> spans;
  for (const Hit* h : v.all(Cue::kGeneric)) {
    const auto start = relative_clause_start(v, *h);
    if (!start) continue;
    std::size_t end = h->last + 1;
    while (end < t.size() && t[end].lower != "," && t[end].lower != ";") ++end;
    // After a group rather than a site, only its habits ("which has claimed several similar
    // attacks", "which has stepped up its operations in recent days"); "Hezbollah, which fired
    // more than 30 rockets at a UNIFIL position," tells the attack.
    const bool after_site = std::any_of(v.hits.begin(), v.hits.end(), [&](const Hit& s) {
      return is_site_hit(s) && s.last < *start && *start - s.last <= 6;
    });
    if (!after_site) {
      bool attack = false;
      for (const auto& x : v.hits)
        if (x.first >= *start && x.last < end) {
          attack = attack || x.kind == Kind::kWeapon || x.cue == Cue::kLaunch ||
                   x.cue == Cue::kAttackVerb;
        }
      if (attack) continue;
    }
    spans.emplace_back(*start, end);
  }
  if (spans.empty()) return;
  // A blame stays: "Kataib Hezbollah, which Washington blames for many such attacks, ..." is who
  // is usually blamed.
  std::erase_if(v.hits, [&](const Hit& h) {
    return h.kind != Kind::kFacility && h.kind != Kind::kCountry && h.cue != Cue::kSuspect &&
           std::any_of(spans.begin(), spans.end(),
                       [&](const auto& s) { return h.first >= s.first && h.last < s.second; });
  });
}

// "Iraq denies a Katyusha rocket fell in Baghdad airport", "UNIFIL denied reports that its
// headquarters was shelled": the attack the sentence tells is what its subject denies. Not a
// denial of blame ("denied any involvement in the attack", "denied responsibility"), nor one after
// the attack the sentence tells ("Two rockets hit the base; the militia denied ...").
bool denies_the_attack(const SentenceView& v) {
  const auto& t = v.tokens;
  for (const Hit* d : v.all(Cue::kDeny)) {
    bool blame = false;
    for (std::size_t k = d->first; k <= d->last; ++k)
      blame = blame || t[k].lower.starts_with("responsib");
    // "Sudanese army denies striking UAE envoy's residence": the subject denies doing it, a
    // denial of blame; the strike itself is not denied.
    if (d->last + 1 < t.size() && t[d->last + 1].lower.ends_with("ing") &&
        attack_word_at(v, d->last + 1, false))
      blame = true;
    for (std::size_t k = 0; k < d->first; ++k)
      if (attack_word_at(v, k, true)) return false;
    for (std::size_t k = d->last + 1; k < t.size() && k <= d->last + 8 && !blame; ++k) {
      const auto& w = t[k].lower;
      if (w.starts_with("responsib") || w.starts_with("involv") || w == "behind" || w == "role" ||
          w == "link" || w == "links" || w == "ties" || w == "blame" || w == "connection" ||
          w == "part")
        blame = true;
      else if (attack_word_at(v, k, true))
        return true;
    }
  }
  return false;
}

// Whether `h` stands in a clause after a comma before which the sentence tells an attack on one of
// our targets: a verb of attack or impact and a target ("the rocket attack on the embassy is
// only the beginning, ..." names the attack by a noun and tells none).
bool after_an_attack_clause(const SentenceView& v, const Hit& h) {
  std::size_t comma = h.first;
  while (comma > 0 && v.tokens[comma - 1].lower != ",") --comma;
  if (comma == 0) return false;
  bool attack = false, target = false;
  for (const auto& x : v.hits) {
    if (x.last >= comma - 1) continue;
    attack = attack || x.cue == Cue::kAttackVerb || x.cue == Cue::kImpact;
    target = target || x.kind == Kind::kFacility || x.cue == Cue::kTargetMilitary ||
             x.cue == Cue::kTargetDiplomatic;
  }
  return attack && target;
}

// Whether a marker stands in a clause of speech joined after the attack's words ("and said the
// United States would respond"): no attack word after it, and "and" or "but" with a report verb
// between it and the last attack word before it.
bool later_speech_clause(const SentenceView& v, const Hit& marker) {
  const auto& t = v.tokens;
  auto attack_at = [&](std::size_t k) { return attack_word_at(v, k, true); };
  for (std::size_t k = marker.first; k < t.size(); ++k)
    if (attack_at(k)) return false;
  // What the sentence tells before the marker: an attack, or its toll ("\"Nobody from our staff
  // was hurt,\" a spokesperson said, adding that consular services would be suspended").
  std::size_t last_attack = marker.first;
  for (std::size_t k = marker.first; k-- > 0;)
    if (attack_at(k) || v.token_in(k, Cue::kKilled) || v.token_in(k, Cue::kInjured)) {
      last_attack = k;
      break;
    }
  if (last_attack == marker.first) return false;
  for (std::size_t k = last_attack + 1; k + 1 < marker.first; ++k) {
    const bool adding =
        t[k].lower == "," && v.word_in(lexicon::WordList::kCommentGerunds, t[k + 1].lower);
    if (!adding &&
        ((t[k].lower != "and" && t[k].lower != "but") || !v.token_in(k + 1, Cue::kReportVerb)))
      continue;
    // "... and said they could come within days": a pronoun subject stands for the attacks, so
    // the hedge is about them.
    std::size_t subject = k + 2;
    if (subject < marker.first && t[subject].lower == "that") ++subject;
    if (subject < marker.first) {
      const auto& w = t[subject].lower;
      if (w == "they" || w == "it" || w == "these" || w == "those" || w == "such" || w == "more")
        return false;
    }
    return true;
  }
  return false;
}

// A live blog's reminder ("Reminder:", "as a reminder", the gloss of "Rappel :").
bool reminder(const SentenceView& v, const Hit& h) {
  const std::string phrase = lower_text(v, h);
  return phrase.starts_with("reminder") || phrase == "as a reminder";
}

// Where an appositive that sets the attack in a run by a tally opens (", the latest of more than
// 60 attacks"), if the comment at `v.comment` is one; not the run's latest attack told by date
// ("several times, the latest of which came on March 4, 2021").
std::size_t series_aside_start(const SentenceView& v) {
  const auto& t = v.tokens;
  std::size_t k = v.comment;
  if (k < t.size() && t[k].lower == "the") ++k;
  if (k + 2 >= t.size() || t[k].lower != "latest" ||
      (t[k + 1].lower != "of" && t[k + 1].lower != "in"))
    return SIZE_MAX;
  const auto& next = t[k + 2].lower;
  if (next == "which" || next == "them" || next == "these" || next == "those") return SIZE_MAX;
  for (std::size_t i = k; i < t.size(); ++i)
    if (tally_at(v, i)) return v.comment;
  return SIZE_MAX;
}

// "for the second time", "for the third time this week": an occasion counted in its run.
bool ordinal_occasion(const SentenceView& v) {
  const auto& t = v.tokens;
  for (std::size_t k = 0; k + 3 < t.size(); ++k)
    if (t[k].lower == "for" && t[k + 1].lower == "the" && t[k + 3].lower == "time" &&
        text::parse_ordinal(t[k + 2].lower))
      return true;
  return false;
}

// Role from trigger phrases alone; `tally` is v.tally.
Role marker_role(const SentenceView& v, bool tally) {
  // A speaker's comment after the report (", adding that such attacks endanger civilians")
  // speaks of attacks in general without making the report before it generic, and a find told
  // in it (", adding that the launchpad was traced to Mosul") is no foiled plot.
  const std::size_t comment = v.comment;
  auto foiled_before_comment = [&] {
    for (const Hit* h : v.all(Cue::kFoiled))
      if (h->first < comment) return true;
    return false;
  };
  // "US air defences shot down" is not a US strike; an airstrike BY the US is. Not one that
  // only opens a period ("attacks that intensified since the death of Soleimani in a US drone
  // strike in January 2020").
  for (const Hit* h : v.all(Cue::kUsAgent)) {
    bool opens_a_period = false;
    for (std::size_t k = h->first >= 12 ? h->first - 12 : 0; k < h->first && !opens_a_period; ++k) {
      if (v.tokens[k].lower != "since") continue;
      for (std::size_t j = k + 1; j < h->first; ++j)
        opens_a_period =
            opens_a_period || v.token_in(j, Cue::kKilled) || v.tokens[j].lower == "assassination";
    }
    if (!opens_a_period) return Role::kNotAttack;
  }
  if (v.has(Cue::kOtherEvent)) return Role::kOtherEvent;
  // "Earlier in the day, ...", "in response to an attack a day earlier": another day's event.
  // After a clause told by its verb ("two rockets were fired at a base earlier in the day") the
  // phrase dates that attack.
  for (const Hit* h : v.all(Cue::kOtherDayOpener)) {
    bool opens = h->first == 0 || (h->first == 1 && v.tokens[0].lower == "and");
    // "the previous day" (la veille) dates another event only at the start: mid-sentence it is
    // often the day before this attack's ("an attack that came after threats made the previous
    // day").
    const bool fronted_only = lower_text(v, *h) == "the previous day";
    for (std::size_t k = h->first >= 12 ? h->first - 12 : 0;
         k < h->first && !opens && !fronted_only; ++k)
      opens = v.token_in(k, Cue::kAttackNoun);
    if (opens) return Role::kOtherEvent;
  }
  // (A live blog's "Reminder:" is weighed by own_role, which knows the published day.)
  const auto markers = v.all(Cue::kBackground);
  if (v.has(Cue::kCause) || std::any_of(markers.begin(), markers.end(), [&](const Hit* h) {
        return !reminder(v, *h) && !reaction_came_after(v, *h);
      }))
    return Role::kBackground;
  if (v.has(Cue::kDrill)) return Role::kNotAttack;
  // A threat or an alert told after the attack, in a clause of its own ("Three rockets struck the
  // US embassy on Sunday, and the embassy urged Americans to avoid the area") leaves the attack.
  // Nor one answering an attack the sentence names after it ("US bases will be targeted until
  // troops leave, militia says after drone strike on Erbil base", "warns of legitimate targets
  // after rockets land near its embassy").
  // One attack, not a run ("warned of threats following a week of rocket and drone attacks").
  auto answers_attack_after = [&](const Hit& threat) {
    const auto& t = v.tokens;
    for (std::size_t k = threat.last + 1; k + 1 < t.size(); ++k) {
      if (t[k].lower != "after" && t[k].lower != "following") continue;
      for (std::size_t j = k + 1; j < t.size() && j <= k + 5; ++j) {
        const auto& w = t[j].lower;
        if (v.word_in(lexicon::WordList::kTimeSpans, w) || v.token_in(j, Cue::kGeneric))
          return false;
        // "after drone strike on Erbil base": a single attack named.
        for (const Hit* noun : v.all(Cue::kAttackNoun))
          if (noun->first <= j && j <= noun->last) return !t[noun->last].lower.ends_with("s");
        // "after rockets land near its embassy": the attack told by its clause.
        if (v.token_is_weapon(j) && j + 1 < t.size() &&
            (v.token_in(j + 1, Cue::kImpact) || v.token_in(j + 1, Cue::kAttackVerb)))
          return true;
      }
    }
    return false;
  };
  for (const Hit* threat : v.all(Cue::kThreat))
    if (!after_an_attack_clause(v, *threat) && !answers_attack_after(*threat))
      return Role::kNotAttack;
  if (denies_the_attack(v)) return Role::kNotAttack;
  if (foiled_before_comment()) {
    // A find after an attack is no plot: the rockets "were fired", some hit or were intercepted.
    // "two drones were thwarted by the base's defence system" is an interception.
    bool happened = v.has(Cue::kImpact) || v.has(Cue::kAirDefense);
    // "33 rockets had been fired from a launcher found in the area": fired in the past tense,
    // before the find; not "before any shot was fired", nor "were to be fired".
    for (const Hit* h : v.all(Cue::kLaunch)) {
      const auto& t = v.tokens;
      std::size_t k = h->first;
      const bool aux_inside = t[k].lower == "was" || t[k].lower == "were" || t[k].lower == "been";
      if (!aux_inside && (k == 0 || (t[k - 1].lower != "was" && t[k - 1].lower != "were" &&
                                     t[k - 1].lower != "been")))
        continue;
      if (!aux_inside) --k;
      // The passive's participle of firing ("had been fired"), not the progressive ("was
      // targeting") nor an aim ("was aimed at the airport", which a plot has too).
      const auto& verb = t[k + 1 < t.size() ? k + 1 : k].lower;
      if (verb != "fired" && verb != "launched" && verb != "shot" && verb != "lobbed") continue;
      bool prevented = false;
      for (std::size_t j = k; j-- > 0 && j + 5 > k;)
        prevented = prevented || t[j].lower == "before" || t[j].lower == "not" ||
                    t[j].lower == "never" || t[j].lower == "to" || t[j].lower == "no" ||
                    t[j].lower == "none";
      if (!prevented) happened = true;
    }
    // "neutralized (the rockets) before firing": rockets made safe on the ground, not downed.
    for (const Hit* h : v.all(Cue::kIntercept)) {
      bool on_the_ground = false;
      for (const Hit* f : v.all(Cue::kFoiled))
        on_the_ground = on_the_ground || (f->first > h->last && f->first <= h->last + 3 &&
                                          v.tokens[f->first].lower == "before");
      happened = happened || !on_the_ground;
    }
    // "seized the vehicle used in firing rockets", "the launcher used in the attack": the find
    // came after an attack.
    // (in a comment too: ", stressing that it seized the vehicle used in firing the rockets").
    for (std::size_t k = 0; k + 2 < v.tokens.size() && !happened; ++k) {
      if (v.tokens[k].lower != "used") continue;
      const auto& p = v.tokens[k + 1].lower;
      // "were used to fire", not the habitual "militias used to fire rockets"; not a purpose
      // ("explosives to be used in an attack", "intended to be used").
      const std::string& before = k >= 1 ? v.tokens[k - 1].lower : v.tokens[k].lower;
      if (before == "be" || before == "being") continue;
      const bool passive = before == "was" || before == "were" || before == "been";
      if (p != "in" && p != "for" && !(p == "to" && passive)) continue;
      // The attack named as one that took place ("in the attack", "in a rocket attack on Balad",
      // "in Wednesday's attack", "in firing the rockets"), not the generic "used for attacks on
      // the embassy".
      const auto& next = v.tokens[k + 2].lower;
      if (p != "to" && v.token_in(k + 2, Cue::kAttackNoun) && next.ends_with("s")) continue;
      for (std::size_t j = k + 2; j < v.tokens.size() && j <= k + 4 && !happened; ++j)
        happened = v.token_in(j, Cue::kLaunch) || v.token_in(j, Cue::kAttackNoun) ||
                   v.token_in(j, Cue::kAttackVerb);
    }
    // "The base came under two attacks with drones on Tuesday, foiled": it was attacked. Not
    // "seized rockets meant for the base, which came under attack yesterday" (after the find).
    std::size_t first_foiled = comment;
    for (const Hit* h : v.all(Cue::kFoiled)) first_foiled = std::min(first_foiled, h->first);
    // Not "came under pressure (criticism, scrutiny) after months of attacks".
    for (std::size_t k = 0; k + 2 < v.tokens.size() && k < first_foiled && !happened; ++k) {
      const auto& w = v.tokens[k].lower;
      if ((w != "came" && w != "come" && w != "comes") || v.tokens[k + 1].lower != "under")
        continue;
      const auto& what = v.tokens[k + 2].lower;
      if (what == "pressure" || what == "criticism" || what == "scrutiny" || what == "threat" ||
          what == "investigation" || what == "control" || what == "command" || what == "sanctions")
        continue;
      for (std::size_t j = k + 2; j < first_foiled && j < v.tokens.size() && !happened; ++j)
        happened = v.token_in(j, Cue::kAttackNoun) || v.token_is_weapon(j) ||
                   v.token_in(j, Cue::kLaunch) || v.token_in(j, Cue::kAttackVerb);
    }
    // "arrested after killing the head of the embassy's security": a toll tells it happened;
    // "a plot to attack the embassy and kill diplomats" tells none, nor does "before they could".
    const auto& t = v.tokens;
    const bool hypothetical = v.has(Cue::kHypothetical);
    for (Cue toll : {Cue::kKilled, Cue::kInjured})
      for (const Hit* h : v.all(toll)) {
        const auto& w = t[h->last].lower;
        happened |= !hypothetical && w != "kill" && w != "wound" && w != "injure" && w != "harm";
      }
    // "found the launch pad in al-Baghdadi, and the attack caused no casualties": what the attack
    // did is told, so the find came after it.
    const bool outcome = v.has(Cue::kZeroCasualties) || v.has(Cue::kImpliedZero) ||
                         v.has(Cue::kZeroInjuries) || v.has(Cue::kZeroDeaths) ||
                         v.has(Cue::kDamageMinor) || v.has(Cue::kDamageSignificant) ||
                         v.has(Cue::kDamageNone);
    // Not "and the attack was thwarted with no casualties".
    for (const Hit* h : v.all(Cue::kAttackNoun)) {
      bool thwarted = false;
      for (const Hit* f : v.all(Cue::kFoiled))
        thwarted = thwarted || (f->first > h->last && f->first <= h->last + 4);
      happened |=
          outcome && !hypothetical && !thwarted && h->first >= 1 && t[h->first - 1].lower == "the";
    }
    // "The attacker has been arrested", "the suspect in the attack on the embassy was detained":
    // the one who carried it out is caught after the attack, which was no plot.
    for (std::size_t k = 0; k + 1 < t.size() && k < comment && !hypothetical; ++k) {
      const auto& who = t[k + 1].lower;
      happened |= t[k].lower == "the" &&
                  (who == "attacker" || who == "attackers" || who == "assailant" ||
                   who == "assailants" || who == "perpetrator" || who == "perpetrators" ||
                   (who == "suspect" && k + 3 < t.size() && t[k + 2].lower == "in" &&
                    t[k + 3].lower == "the"));
    }
    for (const Hit* h : v.all(Cue::kLaunch)) {
      std::string_view phrase = v.text.substr(h->start, h->end - h->start);
      happened |= phrase == "were fired" || phrase == "was fired" || phrase == "were launched";
    }
    // "arrested a Syrian who had opened fire on the embassy", "fired 30 rounds at the building
    // before being arrested": a shooting told in the past is what the arrest followed. Not
    // "planned to open fire", "before they could fire".
    for (Cue cue : {Cue::kAttackVerb, Cue::kLaunch})
      for (const Hit* h : v.all(cue)) {
        const std::string lower = lower_text(v, *h);
        const bool past = lower == "opened fire" || lower == "fired at" || lower == "fired on" ||
                          lower == "shot at" || lower == "fired" || lower == "after firing";
        const std::string_view before =
            h->first >= 1 ? std::string_view(t[h->first - 1].lower) : std::string_view();
        // Not "before they opened fire", "rockets that were never fired".
        bool before_clause = false;
        for (std::size_t k = h->first >= 3 ? h->first - 3 : 0; k < h->first; ++k)
          before_clause |= t[k].lower == "before";
        if ((past || (lower == "opening fire" && before == "after")) && !hypothetical &&
            !before_clause && before != "to" && before != "could" && before != "not" &&
            before != "be" && before != "been" && before != "never" && before != "yet")
          happened = true;
      }
    if (!happened) return Role::kNotAttack;
  }
  // "US forces were attacked 23 times this month", "38 drone attacks": a tally. Not one in an
  // appositive comment after the attack ("A U.S. base was struck by rockets Monday night, the
  // latest of more than 60 attacks on American forces since Oct. 17").
  if (tally)
    for (std::size_t i = 0; i < v.series_aside && i < v.tokens.size(); ++i)
      if (tally_at(v, i)) return Role::kGeneric;
  // "the Zilkan base has come under a rocket attack": one attack, not a run of them.
  auto one_attack_after = [&](const Hit& h) {
    const auto& t = v.tokens;
    std::size_t k = h.last + 1;
    return k < t.size() && (t[k].lower == "a" || t[k].lower == "an");
  };
  // "more than" also qualifies counts of a single attack ("more than 40 were injured"), and "So
  // far there have been no reports of casualties" speaks of this attack: such a weak marker makes
  // the sentence generic only with plural attack nouns, and does not hide a strong one after it
  // ("Since mid-October, the bases have been the target of a campaign of rockets").
  // ("Those rockets caused no damage and were not claimed so far, but Washington regularly accuses
  // ..." tells of this attack first).
  // "During a wave of Russian attacks on Kyiv, the embassy was targeted by a drone": a run that
  // frames, in an opening phrase, the one attack the main clause tells on a site of ours.
  auto framing_run = [&](const Hit& h) {
    const auto& t = v.tokens;
    const std::size_t open = after_dateline(v);
    // (Not "In recent months, ...": a span of time, not an event that frames.)
    if (open >= t.size() ||
        (t[open].lower != "during" && t[open].lower != "amid" && t[open].lower != "amidst"))
      return false;
    std::size_t comma = h.last + 1;
    while (comma < t.size() && t[comma].lower != ",") ++comma;
    if (comma >= t.size() || comma > h.last + 12) return false;
    bool attack = false, site = false;
    for (const auto& x : v.hits) {
      if (x.first <= comma) continue;
      attack = attack || x.cue == Cue::kAttackVerb || x.cue == Cue::kImpact;
      site = site || is_site_hit(x);
    }
    return attack && site;
  };
  const Hit* weak_marker = nullptr;
  for (const Hit* h : v.all(Cue::kGeneric)) {
    if (h->first >= comment || one_attack_after(*h) || framing_run(*h)) continue;
    if (weak_marker) {
      bool clause_break = false;
      for (std::size_t k = weak_marker->last + 1; k < std::min(h->first, v.tokens.size()); ++k)
        clause_break = clause_break || v.tokens[k].lower == "but" || v.tokens[k].lower == ";";
      if (clause_break) break;
    }
    const std::string lower = lower_text(v, *h);
    // "For the second time in two days, the headquarters has come under fire": the perfect tells
    // this occasion, counted in a short run, not a campaign ("have come under attack 60 times"
    // keeps its tally, "repeated" its own marker).
    if ((lower.starts_with("has ") || lower.starts_with("have ")) && ordinal_occasion(v) && !tally)
      continue;
    // "In total, 24 rockets were launched" sums one attack; "In total, the militias have
    // carried out 150 attacks" a run of them.
    const bool weak = lower == "more than" || lower == "since" || lower == "so far" ||
                      lower == "to date" || lower == "in total";
    // (A marker in a relative clause about a site is gone: drop_habitual_relative_clause.)
    if (!weak) return Role::kGeneric;
    if (!weak_marker) weak_marker = h;
  }
  if (weak_marker)
    for (std::size_t k = 0; k < comment; ++k) {
      const auto& w = v.tokens[k].lower;
      if (w == "attacks" || w == "strikes" || w == "assaults" || w == "times" || w == "incidents")
        return Role::kGeneric;
    }
  // "... before it could reach its target" describes an interception, not a hypothesis. "...
  // attributed the attacks to Iranian proxies and said the United States would respond": a
  // marker in a later clause of speech, with no attack word after it, is about what comes next.
  bool only_before_could = true;
  for (const Hit* h : v.all(Cue::kHypothetical)) {
    std::size_t k = h->first;
    bool before_could = k >= 2 && v.tokens[k].lower == "could" && v.tokens[k - 2].lower == "before";
    // "..., with some sources saying the death toll could still be higher": a hedge about the
    // toll, not about the attack.
    bool about_toll = false;
    for (std::size_t j = k; j-- > 0 && j + 5 > k && v.tokens[j].word;)
      about_toll = about_toll || v.tokens[j].lower == "toll" || v.tokens[j].lower == "tally";
    // "the sources, who did not say if there was any damage": an indirect question, "whether".
    const bool whether = asks_whether(v, k);
    // "officials would not confirm the nationality of the victim", "he could not confirm whether
    // the base was damaged": a refusal or an inability to tell, not a hypothesis.
    const auto& t = v.tokens;
    bool refusal = false;
    if ((t[k].lower == "would" || t[k].lower == "could") && k + 2 < t.size() &&
        (t[k + 1].lower == "not" || t[k + 1].lower == "n't")) {
      const auto& verb = t[k + 2].lower;
      refusal = verb == "confirm" || verb == "comment" || verb == "say" || verb == "give" ||
                verb == "disclose" || verb == "provide" || verb == "elaborate" ||
                verb == "identify" || verb == "specify" || verb == "release" || verb == "discuss" ||
                verb == "reveal";
    }
    // "the whirring of the C-RAM could be heard over the river", "smoke could be seen rising":
    // what was perceived, not a hypothesis.
    bool perceived = false;
    if ((t[k].lower == "could" || t[k].lower == "can") && k + 1 < t.size()) {
      const auto& next = t[k + 1].lower;
      const auto& then = k + 2 < t.size() ? t[k + 2].lower : next;
      perceived =
          next == "hear" || next == "see" || (next == "be" && (then == "heard" || then == "seen"));
    }
    // "the damage, if any, was not yet known": an idiom of doubt about an outcome, no
    // hypothesis about the attack.
    const bool if_any = t[k].lower == "if" && k + 1 < t.size() && t[k + 1].lower == "any" &&
                        (k + 2 >= t.size() || !t[k + 2].word);
    only_before_could &= before_could || about_toll || whether || refusal || perceived || if_any ||
                         later_speech_clause(v, *h);
  }
  if (v.has(Cue::kHypothetical) && !only_before_could && !v.has(Cue::kAttackVerb))
    return Role::kNotAttack;
  return Role::kMain;
}

// A weapon, an attack verb, or an attack noun; a bare plural ("the attacks on US troops") speaks
// of many attacks, not of one.
// "says no attack", "no drone, rocket or any other object": a weapon or attack noun that a
// "no" governs directly (across a list of such nouns) tells that nothing happened.
bool directly_negated(const SentenceView& v, const Hit& h) {
  const auto& t = v.tokens;
  for (std::size_t k = h.first; k > 0 && k + 8 > h.first; --k) {
    const auto& w = t[k - 1].lower;
    if (w == "no") return true;
    bool list = w == "," || w == "or" || w == "any" || w == "other" || v.token_is_weapon(k - 1);
    if (!list) return false;
  }
  return false;
}

// "there is no attack and no rockets or drones fell", "no incident targeting US forces was
// reported", "did not announce any attack", "denied reports of an attack": the sentence says no
// attack took place. Not "no further attacks were reported", which follows one.
bool tells_nothing_happened(const SentenceView& v) {
  const auto& t = v.tokens;
  auto attack_word = [&](std::size_t k) {
    return v.token_in(k, Cue::kAttackNoun) || v.token_is_weapon(k) || t[k].lower == "incident" ||
           t[k].lower == "incidents";
  };
  for (std::size_t k = 0; k + 1 < t.size(); ++k) {
    const auto& w = t[k].lower;
    std::size_t n = k + 1;
    if (w == "no" || w == "any") {
      // "any" only after a denied verb: "did not announce any attack".
      if (w == "any") {
        bool denied = false;
        for (std::size_t j = k; j-- > 0 && j + 4 > k;)
          denied = denied || t[j].lower == "not" || t[j].lower == "n't" || t[j].lower == "never";
        if (!denied) continue;
      }
      if (attack_word(n)) return true;
    }
  }
  return denies_the_attack(v);
}

bool has_attack_evidence(const SentenceView& v) {
  // "Iraqi officials said no attack targeted Ain al-Asad", "no rockets hit the base": a verb
  // whose subject is negated tells of no attack.
  auto negated_subject = [&](const Hit& verb) {
    for (const auto& n : v.hits)
      if ((n.cue == Cue::kAttackNoun || n.kind == Kind::kWeapon) && n.last + 1 == verb.first &&
          directly_negated(v, n))
        return true;
    // "no US facilities or personnel were hit": the passive's subject, what was struck, denied.
    const auto& t = v.tokens;
    if (verb.first >= 2 && (t[verb.first - 1].lower == "were" || t[verb.first - 1].lower == "was"))
      for (std::size_t k = verb.first - 1; k > 0 && k + 8 > verb.first - 1; --k) {
        const auto& w = t[k - 1].lower;
        if (w == "no")
          return k == 1 || !t[k - 2].word || t[k - 2].lower == "that" || t[k - 2].lower == "and" ||
                 v.token_in(k - 2, Cue::kReportVerb);
        // Within the clause: "No damage was reported after the compound was struck".
        if (!t[k - 1].word || v.token_in(k - 1, Cue::kAttackVerb) ||
            v.token_in(k - 1, Cue::kLaunch) || v.token_is_weapon(k - 1) ||
            v.word_in(lexicon::WordList::kClauseOpeners, w) ||
            v.word_in(lexicon::WordList::kAuxiliaries, w))
          return false;
      }
    return false;
  };
  // "A crowd armed with stones and iron rods attacked a UNIFIL patrol": a melee with no weapon
  // of SCHEMA's (rockets, drones, missiles, mortars, explosives, gunfire) is no attack of ours.
  const bool melee = std::any_of(v.tokens.begin(), v.tokens.end(), [&](const text::Token& w) {
    return v.word_in(lexicon::WordList::kMeleeWords, w.lower);
  });
  const bool gunfire = std::any_of(v.tokens.begin(), v.tokens.end(), [](const text::Token& w) {
    return w.lower == "fire" || w.lower == "fired" || w.lower == "firing" || w.lower == "shot" ||
           w.lower == "shots" || w.lower == "shooting" || w.lower == "gunfire";
  });
  if (melee && !gunfire && v.all(Kind::kWeapon).empty() && !v.has(Cue::kImpact)) return false;
  // "Iran-backed militias have not attacked US forces since February", "the base was not hit":
  // the verb itself denied.
  auto negated_verb = [&](const Hit& verb) {
    const auto& t = v.tokens;
    for (std::size_t k = verb.first; k > 0 && k + 2 > verb.first; --k) {
      const auto& w = t[k - 1].lower;
      if (w == "not" || w == "n't" || w == "never") return true;
    }
    return false;
  };
  for (const Hit* h : v.all(Cue::kAttackVerb))
    if (!negated_subject(*h) && !negated_verb(*h)) return true;
  // "Six projectiles fell near the consulate": what was fired, unnamed, and where it landed.
  for (const Hit* h : v.all(Cue::kImpact))
    for (std::size_t k = h->first >= 2 ? h->first - 2 : 0; k < h->first; ++k)
      if (v.word_in(lexicon::WordList::kFiredNouns, v.tokens[k].lower) && !directly_negated(v, *h))
        return true;
  for (const Hit* h : v.all(Kind::kWeapon))
    if (!directly_negated(v, *h)) return true;
  // Fire aimed at one of our targets, or wounding there: "Israeli forces fired on three
  // peacekeeper bases", "a tank fired its weapon toward a tower at UNIFIL's headquarters",
  // "Israeli fire injures UN peacekeepers".
  const auto& t = v.tokens;
  auto target_from = [&](std::size_t from, std::size_t to) {
    return std::any_of(v.hits.begin(), v.hits.end(), [&](const Hit& h) {
      return is_site_hit(h) && h.first >= from && h.first <= to;
    });
  };
  for (const Hit* h : v.all(Cue::kLaunch)) {
    if (directly_negated(v, *h)) continue;
    for (std::size_t k = h->last + 1; k < t.size() && k <= h->last + 4; ++k) {
      const auto& w = t[k].lower;
      if (w == "on" || w == "at" || w == "toward" || w == "towards" || w == "against") {
        if (target_from(k + 1, k + 6)) return true;
        break;
      }
      if ((v.token_in(k, Cue::kInjured) || v.token_in(k, Cue::kKilled)) && k <= h->last + 2 &&
          target_from(k + 1, k + 4))
        return true;
    }
  }
  for (const Hit* h : v.all(Cue::kAttackNoun)) {
    if (directly_negated(v, *h)) continue;
    std::string_view last = v.tokens[h->last].lower;
    bool plural = last == "attacks" || last == "strikes" || last == "assaults" || last == "raids";
    if (!plural) return true;
  }
  return false;
}

// A clause's cues, dates and times go, from byte `from` of the sentence up to `to`: what it tells
// is another event's.
void drop_span(SentenceView& v, std::size_t from, std::size_t to) {
  v.set_aside.emplace_back(v.token_at(from), v.token_at(to));
  std::erase_if(v.hits, [&](const Hit& h) { return h.start >= from && h.start < to; });
  std::erase_if(v.dates, [&](const text::DateMention& d) {
    return d.span.start >= from && d.span.start < to;
  });
  std::erase_if(v.times, [&](const text::TimeMention& m) {
    return m.span.start >= from && m.span.start < to;
  });
}

// "around 3h40 (local time; 21h40 on Sunday in Brasília)", "(23:40 local time; 20:40 UTC)": a
// clock time in brackets converted for readers elsewhere; it and its day are not the attack's.
// The local time beside it stays.
void drop_time_zone_conversion(SentenceView& v) {
  if (v.times.empty()) return;
  const auto& t = v.tokens;
  std::vector<std::pair<std::size_t, std::size_t>> spans;  // bytes
  for (std::size_t open = 0; open < t.size(); ++open) {
    if (t[open].lower != "(") continue;
    std::size_t close = open + 1;
    while (close < t.size() && t[close].lower != ")" && close <= open + 20) ++close;
    for (const auto& m : v.times) {
      const std::size_t at = v.token_at(m.span.start);
      if (at <= open || at >= close) continue;
      // Its zone within a few words, with no "local" or clause break first: "21h40 on Sunday
      // in Brasília", "00:15 GMT", "3 p.m. ET".
      for (std::size_t k = at + 1; k < close && k <= at + 6; ++k) {
        const auto& w = t[k].lower;
        if (w == "local" || w == ";" || w == ",") break;
        // What follows the zone is the conversion too: "(21:15 GMT Sunday)".
        if (v.word_in(lexicon::WordList::kTimeZoneWords, w)) {
          spans.emplace_back(t[at].start, close < t.size() ? t[close].end : v.text.size());
          break;
        }
      }
    }
    open = close;
  }
  for (const auto& [from, to] : spans) drop_span(v, from, to);
  // Out of brackets, beside the local time: "around 17:30 ET (22:30 GMT), that is 01:30 on
  // Wednesday in Iraq". A time with its zone goes when a time without one remains.
  std::vector<std::size_t> zoned;
  for (std::size_t i = 0; i < v.times.size(); ++i) {
    const std::size_t at = v.token_at(v.times[i].span.start);
    for (std::size_t k = at + 1; k < t.size() && k <= at + 4; ++k) {
      const auto& w = t[k].lower;
      if (w == "local" || w == ";" || w == "," || w == "(") break;
      if (v.word_in(lexicon::WordList::kTimeZoneWords, w)) {
        zoned.push_back(i);
        break;
      }
    }
  }
  if (zoned.empty() || zoned.size() == v.times.size()) return;
  for (auto i = zoned.rbegin(); i != zoned.rend(); ++i)
    v.times.erase(v.times.begin() + static_cast<std::ptrdiff_t>(*i));
}

// "Iran fired missiles at Ain al-Asad early on Wednesday, in retaliation for the US strike
// that killed ...": when a sentence reports an attack on one of our targets BEFORE a cause or
// background phrase, the sentence is about that attack and everything from the phrase on is
// dropped, so the cause neither demotes the sentence nor leaks into its fields.
void drop_trailing_cause(SentenceView& v) {
  // A phrase listed both as a cause and as background ("in response to") is read as the cause in
  // the article's first sentences, a claim, or a quoted statement ("our fighters targeted Harir
  // base with a drone, in response to the crimes in Gaza"): after an attack on our target it
  // gives that attack's reason, which needs no date of its own. Elsewhere an undated sentence of
  // that shape is history ("Iran fired missiles at Ain al-Asad in response to the killing of
  // Soleimani", whoever said it).
  // A quotation carried over from the sentence before gives this attack's reason only when the
  // reason is a grievance ("in response to the crimes in Gaza"), not another event ("in
  // response to the assassination of al-Muhandis": a speech recalling an older strike).
  auto grievance_after = [&](const Hit& h) {
    for (std::size_t k = h.last + 1; k < v.tokens.size() && k <= h.last + 6; ++k)
      if (v.token_in(k, Cue::kAttackNoun) || v.token_in(k, Cue::kKilled) ||
          v.token_in(k, Cue::kUsAgent) || v.tokens[k].lower == "assassination")
        return false;
    return true;
  };
  // A group's own account of its attack is a claim by another name: "the group said it had hit
  // its targets directly at 5:15, and said the operation was a response to ...", "said that both
  // drones hit their targets". A report verb, then the speaker's own word ("it", "its", "their")
  // beside an attack verb, all before `cut`.
  auto admits_before = [&](std::size_t cut) {
    for (const auto& h : v.hits) {
      if (h.cue != Cue::kReportVerb || h.end > cut) continue;
      for (const auto& a : v.hits) {
        if (a.cue != Cue::kAttackVerb || a.first <= h.last || a.first > h.last + 8 || a.end > cut)
          continue;
        for (std::size_t k = h.last + 1; k < v.tokens.size() && k <= a.last + 2; ++k) {
          const auto& w = v.tokens[k].lower;
          if (w == "it" || w == "its" || w == "they" || w == "their" || w == "we" || w == "our")
            return true;
        }
      }
    }
    return false;
  };
  auto reason = [&](const Hit& h) {
    return v.sentence.index <= 1 || v.has(Cue::kClaim) || admits_before(h.start) ||
           inside_quotes(v.text, h.start) ||
           (closes_quote_after(v.text, h.start) && grievance_after(h));
  };
  const Hit* marker = nullptr;
  for (const auto& h : v.hits)
    if (h.kind == Kind::kTrigger && (h.cue == Cue::kCause || h.cue == Cue::kBackground) &&
        h.first > 3 &&
        (!marker || h.start < marker->start ||
         (h.start == marker->start && h.cue == Cue::kCause && reason(h))))
      marker = &h;
  if (!marker) return;
  // "Families of the 13 service members killed in the suicide bombing gathered on Tuesday to
  // mark four years since the attack": "the attack" is the one the sentence told, so the whole
  // sentence looks back; nothing is cut.
  if (marker->cue == Cue::kBackground && lower_text(v, *marker).starts_with("years since the"))
    return;
  std::size_t cut = marker->start, cut_token = marker->first;
  bool evidence = false, target = false, outcome = false;
  for (const auto& h : v.hits) {
    if (h.end > cut) continue;
    if (h.kind == Kind::kWeapon || h.cue == Cue::kAttackVerb || h.cue == Cue::kAttackNoun)
      evidence = true;
    if (h.kind == Kind::kFacility || h.cue == Cue::kTargetMilitary ||
        h.cue == Cue::kTargetDiplomatic)
      target = true;
    // "No damage or casualties were reported from the attack, the third since Monday's
    // anniversary of ...": the outcome of this attack comes before the background phrase.
    if (h.cue == Cue::kZeroCasualties || h.cue == Cue::kImpliedZero ||
        h.cue == Cue::kZeroInjuries || h.cue == Cue::kZeroDeaths || h.cue == Cue::kDamageNone ||
        h.cue == Cue::kKilled || h.cue == Cue::kInjured)
      outcome = true;
  }
  for (std::size_t i = 0; i < cut_token && i < v.tokens.size(); ++i)
    if (outcome_noun(v, v.tokens[i].lower) && negated_in_clause(v, i)) outcome = true;
  // "claimed responsibility for the operation, in retaliation for ...": a claim of the attack
  // told (a definite object), not "claimed a drone attack on the port of Eilat, in ...".
  bool claim_reason = false;
  if (marker->cue == Cue::kCause)
    for (const auto& h : v.hits) {
      if (h.cue != Cue::kClaim || h.end > cut) continue;
      // The object inside the claim's phrase ("claimed the attack") or right after it; a gloss
      // of Arabic drops the article with the definite prefix ("claimed responsibility for
      // attack").
      for (std::size_t k = h.first; k + 1 < v.tokens.size() && k <= h.last + 2; ++k) {
        const auto& w = v.tokens[k].lower;
        if ((w == "the" || w == "this" || w == "these" || w == "that" ||
             (v.glossed && w == "for")) &&
            (v.token_in(k + 1, Cue::kAttackNoun) || v.tokens[k + 1].lower == "operation" ||
             // "announced that it had targeted the base in response to the American strikes".
             (h.cue == Cue::kClaim && k > h.first &&
              (v.word_in(lexicon::WordList::kMilitaryHeads, v.tokens[k + 1].lower) ||
               v.tokens[k + 1].lower == "embassy" || v.tokens[k + 1].lower == "consulate"))))
          claim_reason = true;
      }
    }
  if (marker->cue == Cue::kCause && admits_before(cut)) claim_reason = true;
  if (!claim_reason && (!evidence || !(target || outcome))) return;
  // A background phrase cuts only after a dated attack ("slammed into Camp Taji on Saturday, ...
  // days after a similar attack") or the story's own attack named as such ("The morning attack
  // on Mission Support Site Conoco came as Iran marked the anniversary of ..."); "has been
  // targeted in the past" stays whole.
  // The story's attack on a site: "The morning attack on Mission Support Site Conoco came as
  // ...", "after the attack on the base of Zilkan, the target of ..."; not "the target of the
  // Iranian missile attack that wounded ..." (an attack the sentence describes, on no site).
  // The attack that opens the sentence as its subject ("The attack did not cause any losses,
  // and it was the third day since the anniversary ...") is the story's too.
  auto the_attack = [&](const Hit& h) {
    const auto& t = v.tokens;
    if (h.cue != Cue::kAttackNoun || h.end > cut || t[h.last].lower.ends_with("s")) return false;
    std::size_t the = h.first;
    while (the > 0 && h.first - the < 3 && t[the - 1].lower != "the") --the;
    if (the == 0 || t[the - 1].lower != "the") return false;
    const std::size_t opening = !t.empty() && !t[0].word ? 1 : 0;  // an opening quote
    if (the - 1 == opening) return true;
    // "on Mission Support Site Conoco", "against the base", or the site right after it (the
    // gloss of "o ataque à base de Zilkan": "the attack the Zilkan base").
    const std::size_t next = h.last + 1;
    if (next < t.size() && (t[next].lower == "on" || t[next].lower == "against")) return true;
    return std::any_of(v.hits.begin(), v.hits.end(), [&](const Hit& f) {
      return f.kind == Kind::kFacility && f.first > h.last && f.first <= h.last + 2;
    });
  };
  // "A rocket exploded in the US embassy ... on the anniversary of the September 11 attacks":
  // an anniversary told as the attack's time ("on the", "in the", "on the 18th") says when, as a
  // date would. Not the anniversary of the attack itself ("on the anniversary of the strike"),
  // nor one told beside an attack a relative clause recalls ("militias that have fired rockets
  // at US bases held rallies on the anniversary of ...", "the embassy, targeted by dozens of
  // rocket attacks, raised its alert level on the anniversary").
  auto anniversary_as_time = [&] {
    const auto& t = v.tokens;
    const std::size_t at = marker->first;
    if (t[at].lower != "anniversary") return false;
    // A headline drops the article and what is marked: "Rocket fired at US embassy on anniversary".
    const bool headline_ellipsis = v.sentence.heading && at + 1 == t.size();
    if (!headline_ellipsis && (at + 2 >= t.size() || t[at + 1].lower != "of")) return false;
    std::size_t k = at;
    const auto& ordinal = t[k - 1].lower;
    if (text::parse_ordinal(ordinal) ||
        (!ordinal.empty() && std::isdigit(static_cast<unsigned char>(ordinal[0])) &&
         (ordinal.ends_with("st") || ordinal.ends_with("nd") || ordinal.ends_with("rd") ||
          ordinal.ends_with("th"))))
      --k;
    if (k >= 1 && t[k - 1].lower == "the")
      --k;
    else if (!v.sentence.heading)  // headlines drop the article: "... on anniversary of ..."
      return false;
    if (k < 1 || (t[k - 1].lower != "on" && t[k - 1].lower != "in")) return false;
    std::size_t of = at + 2;
    while (of < t.size() && (t[of].lower == "the" || t[of].lower == "that" ||
                             t[of].lower == "this" || t[of].lower == "its"))
      ++of;
    // "of the attack of 11 September", "of the attacks on New York": another attack, named.
    if (of < t.size() && (v.token_in(of, Cue::kAttackNoun) || v.token_is_weapon(of))) {
      const std::size_t next = of + 1;
      const bool named = next < t.size() && (t[next].lower == "of" || t[next].lower == "on") &&
                         next + 1 < t.size() && t[next + 1].capitalized;
      if (!named) return false;
    }
    for (const auto& h : v.hits) {
      if (h.start >= cut ||
          (h.cue != Cue::kAttackVerb && h.cue != Cue::kLaunch && h.cue != Cue::kImpact))
        continue;
      if (h.first >= 1 && t[h.first - 1].lower == ",") return false;
      for (std::size_t b = h.first >= 3 ? h.first - 3 : 0; b < h.first; ++b)
        if (t[b].lower == "that" || t[b].lower == "which" || t[b].lower == "who") return false;
      return true;
    }
    return true;  // told by nouns ("Explosion of a rocket at the US embassy in the anniversary")
  };
  const bool anniversary = anniversary_as_time();
  // "... soldiers killed in a drone attack on Tower 22 in Jordan last month": a time phrase that
  // closes the attack's own noun phrase (no comma, no "after" or "since" between) dates that
  // attack; the sentence's other day ("mourners gathered on Saturday") is another event's.
  if (marker->cue == Cue::kBackground && marker->first >= 1 &&
      (v.tokens[marker->first].lower == "last" || v.tokens[marker->last].lower == "ago")) {
    const auto& t = v.tokens;
    for (std::size_t k = marker->first; k-- > 0;) {
      const auto& w = t[k].lower;
      if (!t[k].word || w == "after" || w == "since" || w == "following" || w == "before" ||
          w == "than" || w == "and")
        break;
      // Not a run of them: "since armed groups announced a halt to such strikes last month".
      if (v.token_in(k, Cue::kAttackNoun) && !v.token_in(k, Cue::kGeneric)) return;
    }
  }
  if (marker->cue == Cue::kBackground &&
      std::none_of(v.dates.begin(), v.dates.end(),
                   [&](const text::DateMention& d) { return d.span.end <= cut; }) &&
      std::none_of(v.hits.begin(), v.hits.end(), the_attack) && !anniversary)
    return;
  // "... near the US embassy in Kabul, on the anniversary of the attacks of 11 September 2001,
  // without causing injuries or damage, officials said": a zero told in a participle clause
  // after the background phrase is this attack's. Only the clauses between go, and a later
  // marker cuts again ("..., causing no damage, officials said, a day after a bombing killed 12
  // in Kandahar"). Not a zero in a relative clause of the older attack ("..., in which no one
  // was hurt", "where no one was hurt").
  std::optional<std::pair<std::size_t, std::size_t>> zero_clause;  // [comma, end) in tokens
  {
    const auto& t = v.tokens;
    auto zero_outcome = [](const Hit& h) {
      return h.kind == Kind::kTrigger &&
             (h.cue == Cue::kZeroCasualties || h.cue == Cue::kImpliedZero ||
              h.cue == Cue::kZeroInjuries || h.cue == Cue::kZeroDeaths ||
              h.cue == Cue::kDamageNone);
    };
    for (std::size_t k = cut_token; k + 1 < t.size() && !zero_clause; ++k) {
      if (t[k].lower != ",") continue;
      const auto& opener = t[k + 1].lower;
      if (opener != "without" && opener != "causing" && opener != "leaving" &&
          opener != "resulting" && opener != "with")
        continue;
      std::size_t end = k + 1;
      while (end < t.size() && t[end].lower != "," && t[end].lower != ";") ++end;
      bool negator = opener == "without", outcome = false;
      for (std::size_t j = k + 1; j < end; ++j) {
        const auto& w = t[j].lower;
        negator = negator || w == "no" || w == "not" || w == "n't";
        outcome = outcome || outcome_noun(v, w);
      }
      const bool told =
          (negator && outcome) || std::any_of(v.hits.begin(), v.hits.end(), [&](const Hit& h) {
            return zero_outcome(h) && h.first > k && h.last < end;
          });
      if (told) zero_clause = std::pair{k, end};
    }
  }
  // Not when the attack's own toll comes before ("killing three US soldiers, weeks after an
  // attack on al-Tanf, without casualties": the zero is the older attack's) or after ("..., with
  // no casualties among US troops, ..., while three Jordanian soldiers were wounded": what
  // follows would go), nor a zero about some ("among US troops").
  if (zero_clause) {
    const auto [comma, end] = *zero_clause;
    const bool toll = std::any_of(v.hits.begin(), v.hits.end(), [&](const Hit& h) {
      return h.kind == Kind::kTrigger && (h.cue == Cue::kKilled || h.cue == Cue::kInjured) &&
             (h.end <= cut || h.first >= end);
    });
    bool among = false;
    for (std::size_t j = comma; j < end; ++j) among = among || v.tokens[j].lower == "among";
    if (toll || among) zero_clause.reset();
  }
  if (zero_clause) {
    const auto& t = v.tokens;
    const std::size_t resume_end = zero_clause->second;
    drop_span(v, cut, t[zero_clause->first].start);
    if (resume_end >= t.size()) return;
    // What follows the zero clause goes as the background did ("officials said, a day after a
    // suicide bomber killed 12 people in Kandahar").
    cut = t[resume_end].start;
    cut_token = resume_end;
  }
  // A hit that straddles the cut goes too: the tokens after it are dropped below.
  std::erase_if(v.hits, [&](const Hit& h) { return h.start >= cut || h.last >= cut_token; });
  // After an anniversary told as the time, a weekday or "last night" is still the attack's
  // ("on the anniversary of the killing of Soleimani on Wednesday night"); the anniversary's own
  // event is told with its year or month.
  std::erase_if(v.dates, [&](const text::DateMention& d) {
    return d.span.start >= cut && !(anniversary && d.relative);
  });
  std::erase_if(v.times, [&](const text::TimeMention& t) { return t.span.start >= cut; });
  v.tokens.resize(cut_token);
}

// "Two drones hit Harir air base on Tuesday, and US jets later struck the launch site, officials
// said": a strike BY US forces told in a clause of its own after the attack on our target is the
// next event. The clause's cues and dates go (up to the next comma: the report after it stays),
// so the sentence stays about the attack.
void drop_trailing_us_strike(SentenceView& v) {
  const auto& t = v.tokens;
  const Hit* strike = nullptr;
  for (const auto& h : v.hits)
    if (h.kind == Kind::kTrigger && h.cue == Cue::kUsAgent && h.first > 3 &&
        (!strike || h.start < strike->start))
      strike = &h;
  if (!strike) return;
  // The clause opens at ", and", "; " or ", then" right before the agent, or at a comma a few
  // words before it ("..., and tensions have run high since a US drone strike killed ...").
  std::size_t open = strike->first;
  if (t[open - 1].lower == "and" || t[open - 1].lower == "then" || t[open - 1].lower == "while")
    --open;
  bool near_comma = t[open - 1].lower == "," || t[open - 1].lower == ";";
  for (std::size_t k = open; !near_comma && k > 1 && k + 8 > strike->first; --k) {
    if (!t[k - 1].word) break;
    if (t[k - 2].lower == "," || t[k - 2].lower == ";") open = k - 1, near_comma = true;
  }
  if (!near_comma) return;
  const std::size_t cut = t[open - 1].start;
  // Before it, an attack on one of our targets, a salvo counted ("the attack was carried out
  // with three Grad rockets ..., and that the Turkish forces responded with artillery fire"), or
  // a blame for attacks like ours ("Washington has blamed similar attacks on Iran-aligned
  // militias, and ...").
  bool evidence = false, target = false, blame = false, counted = false;
  for (const auto& h : v.hits) {
    if (h.end > cut) continue;
    if (h.kind == Kind::kWeapon || h.cue == Cue::kAttackVerb || h.cue == Cue::kAttackNoun ||
        h.cue == Cue::kImpact)
      evidence = true;
    if (h.kind == Kind::kFacility || h.cue == Cue::kTargetMilitary ||
        h.cue == Cue::kTargetDiplomatic)
      target = true;
    blame = blame || h.cue == Cue::kSuspect;
    counted = counted || (h.kind == Kind::kWeapon && h.first >= 1 &&
                          text::parse_number(t[h.first - 1].lower).has_value());
  }
  if (!evidence || (!target && !blame && !counted)) return;
  // Only a clause of its own: what lies between the comma and the agent tells no attack.
  for (const auto& h : v.hits)
    if (h.first >= open && h.last < strike->first &&
        (h.kind == Kind::kWeapon || h.cue == Cue::kAttackVerb || h.cue == Cue::kImpact))
      return;
  // The clause runs to the next comma: a report after it (", officials said") stays.
  std::size_t close = strike->last + 1;
  while (close < t.size() && t[close].lower != ",") ++close;
  const std::size_t end = close < t.size() ? t[close].start : v.text.size();
  drop_span(v, cut, end);
}

// "In retaliation for the killing of Soleimani, Iran fired missiles at Ain al-Asad", a statement's
// ""In response to the massacre in Gaza, our mujahideen targeted Harir base"": a cause that opens
// the sentence (or a quotation in it) and ends at a comma, before an attack on one of our
// targets, is the attack's preamble. Its cues and dates go, so the cause neither makes the
// sentence background nor lends it its day.
void drop_leading_cause(SentenceView& v) {
  const auto& t = v.tokens;
  const Hit* cause = nullptr;
  for (const auto& h : v.hits)
    if (h.kind == Kind::kTrigger && h.cue == Cue::kCause && (!cause || h.start < cause->start))
      cause = &h;
  // "A few hours after US strikes against pro-Iran positions in eastern Syria, the coalition
  // base ... was targeted": a strike BY the US that dates the attack, told first, leads in as a
  // cause does.
  std::optional<std::size_t> opener;  // the token the preamble starts at
  if (cause && t[cause->first].lower == "in") {
    // Only a prepositional cause ("in response to", "in retaliation for") leads in; an
    // adjective ("Retaliatory missile strikes hit the base") is part of the attack itself.
    opener = cause->first;
  } else {
    const std::size_t start = after_dateline(v);
    for (std::size_t k = start; k < t.size() && k <= start + 4 && !opener; ++k) {
      if (t[k].lower != "after" && t[k].lower != "following") continue;
      for (std::size_t j = k + 1; j < t.size() && j <= k + 3; ++j)
        if (v.token_in(j, Cue::kUsAgent)) opener = start;
    }
  }
  if (!opener) return;
  // It opens the sentence, a quotation, or a clause after a comma (a statement's "..., and in
  // response to the massacres in Gaza, our mujahideen attacked the occupation base").
  const std::size_t k = *opener;
  const bool opens = k == 0 || k == after_dateline(v) || t[k - 1].lower == "\"" ||
                     t[k - 1].lower == ":" || (k == 1 && t[0].lower == "and") ||
                     t[k - 1].lower == "," ||
                     (k >= 2 && t[k - 1].lower == "and" && t[k - 2].lower == ",");
  if (!opens) return;
  std::size_t comma = k + 1;
  while (comma < t.size() && comma <= k + 30 && t[comma].lower != ",") ++comma;
  if (comma >= t.size() || t[comma].lower != ",") return;
  const std::size_t cut = t[comma].start, from = t[k].start;
  bool evidence = false, target = false;
  for (const auto& h : v.hits) {
    // The cause tells of another attack only by nouns ("the killing of", "the strike on"); an
    // attack verb or a hit inside it is a clause of its own, which stays.
    if (h.start >= from && h.end <= cut && (h.cue == Cue::kAttackVerb || h.cue == Cue::kImpact))
      return;
    if (h.start < cut) continue;
    if (h.kind == Kind::kWeapon || h.cue == Cue::kAttackVerb || h.cue == Cue::kAttackNoun)
      evidence = true;
    if (h.kind == Kind::kFacility || h.cue == Cue::kTargetMilitary ||
        h.cue == Cue::kTargetDiplomatic)
      target = true;
    if (h.cue == Cue::kUsAgent) return;
  }
  if (!evidence || !target) return;
  std::erase_if(v.hits, [&](const Hit& h) { return h.start >= from && h.end <= cut; });
  std::erase_if(v.dates, [&](const text::DateMention& d) {
    return d.span.start >= from && d.span.end <= cut;
  });
}

// "Several rockets hit the K1 base on Thursday, the base where on 27 December 30 rockets killed
// a contractor": a relative clause after the sentence's own recent day tells an older attack.
// The clause goes (its cues, dates and tokens), so the sentence stays about Thursday's attack
// and lends it nothing of December's.
void drop_older_relative_clause(SentenceView& v, std::optional<long> published_day) {
  if (!published_day) return;
  const auto& t = v.tokens;
  std::optional<std::size_t> recent;  // the token after the sentence's own recent day
  for (const auto& d : v.dates) {
    auto days = d.date ? text::days_from_civil(*d.date) : std::nullopt;
    if (!days || date_is_reporting_mention(v, d)) continue;
    if (*days <= *published_day + 1 && *days >= *published_day - 7) {
      if (!recent) recent = v.token_at(d.span.end - 1) + 1;
      continue;
    }
    if (!recent || *days >= *published_day - kBackgroundDays) continue;
    const std::size_t first = v.token_at(d.span.start);
    for (std::size_t k = first; k-- > *recent;) {
      const auto& w = t[k].lower;
      if (w != "where" && w != "when" && w != "which" && w != "whom") continue;
      // The clause runs to the comma after the old day ("..., the base where on 27 December a
      // contractor died, without causing casualties"), or to the sentence's end.
      std::size_t end_token = v.token_at(d.span.end - 1) + 1;
      while (end_token < t.size() && t[end_token].lower != ",") ++end_token;
      const std::size_t from = t[k].start;
      const std::size_t to = end_token < t.size() ? t[end_token].start : v.text.size();
      drop_span(v, from, to);
      return;
    }
    return;
  }
}

// "A drone hit Tower 22, a small US outpost in Jordan and the scene of a deadly strike in
// January 2024, on Sunday": an apposition after the site that recalls an older attack on it
// describes the site; the sentence tells today's attack. The apposition goes (its cues and
// dates), so its old day makes no background of the sentence.
void drop_site_apposition_history(SentenceView& v, std::optional<long> published_day) {
  if (!published_day) return;
  const auto& t = v.tokens;
  // Where an older time is told: a date well before publication, or an earlier year.
  std::vector<std::size_t> old_marks;
  for (const auto& d : v.dates) {
    const auto days = d.date ? text::days_from_civil(*d.date) : std::nullopt;
    if (days && *days < *published_day - kBackgroundDays)
      old_marks.push_back(v.token_at(d.span.start));
  }
  // A year after "in" or a month ("in January 2024"), not "2000 troops".
  const int published_year = std::atoi(text::civil_from_days(*published_day).substr(0, 4).c_str());
  for (std::size_t i = 1; i < t.size(); ++i)
    if (t[i].lower.size() == 4 && std::isdigit(static_cast<unsigned char>(t[i].lower[0])) &&
        std::atoi(t[i].lower.c_str()) >= 1990 && std::atoi(t[i].lower.c_str()) < published_year &&
        (t[i - 1].lower == "in" || text::month_number(t[i - 1].lower)))
      old_marks.push_back(i);
  for (const std::size_t mark : old_marks) {
    std::optional<std::size_t> open, close;
    for (std::size_t k = mark; k-- > 0;)
      if (t[k].lower == ",") {
        open = k;
        break;
      }
    for (std::size_t k = mark + 1; k < t.size(); ++k)
      if (t[k].lower == ",") {
        close = k;
        break;
      }
    // An apposition may run to the sentence's end: "..., a small base that was the scene of a
    // deadly strike in January 2024."
    if (!close) close = t.size();
    if (!open || *open == 0 || *open + 1 >= t.size()) continue;
    // An apposition opens with its noun's article: ", the scene of ...", not ", in January 2020".
    const auto& opener = t[*open + 1].lower;
    if (opener != "a" && opener != "an" && opener != "the") continue;
    // A site right before the comma, and the attack told on it before that.
    const bool site_before = std::any_of(v.hits.begin(), v.hits.end(), [&](const Hit& h) {
      return is_site_hit(h) && h.last + 1 == *open;
    });
    const bool attack_before = std::any_of(v.hits.begin(), v.hits.end(), [&](const Hit& h) {
      return h.last < *open &&
             (h.cue == Cue::kAttackVerb || h.cue == Cue::kImpact || h.cue == Cue::kLaunch);
    });
    // The sentence keeps a day of its own outside the apposition ("..., on Sunday"); without
    // one the old day may be the sentence's own.
    const bool own_day = std::any_of(v.dates.begin(), v.dates.end(), [&](const auto& d) {
      const std::size_t at = v.token_at(d.span.start);
      return at < *open || at >= *close;
    });
    if (!site_before || !attack_before || !own_day) continue;
    drop_span(v, t[*open].start, *close < t.size() ? t[*close].start : v.text.size());
    return;
  }
}

bool is_caption(const SentenceView& v) {
  const auto& t = v.tokens;
  if (t.empty()) return false;
  if (v.word_in(lexicon::WordList::kCaptionOpeners, t[0].lower) && t.size() > 1 &&
      (t[1].lower == "on" || t[1].lower == "shows" || t[1].lower == "photo" || t[1].lower == ":" ||
       t[1].lower == "of" || t[1].lower == "taken" || t[1].lower == "from"))
    return true;
  // "... (Photo: Reuters)", "... (AFP Photo)".
  for (std::size_t k = 0; k + 1 < t.size(); ++k)
    if (t[k].lower == "(" && (t[k + 1].lower == "photo" || t[k + 1].lower == "file")) return true;
  return false;
}

// A photo credit standing alone after its caption: "AFP/File", "© AP Photo / Darko Bandic",
// "Roberto Schmidt / AFP via Getty Images". Only marks no byline uses ("AFP" alone, "Reuters,
// Baghdad" sign a dispatch; "Foto: ..." may head a picture with no caption).
bool is_photo_credit(const SentenceView& v) {
  const auto& t = v.tokens;
  if (t.empty() || t.size() > 12) return false;
  // A copyright footer ("© 2024 Reuters. All rights reserved.") closes the page, not a photo.
  for (const auto& token : t)
    if (token.lower == "rights" || token.lower == "reserved" || token.lower == "droits" ||
        token.lower == "derechos" || token.lower == "direitos" || token.lower == "copyright")
      return false;
  // A credit is names and credit words only: "An AP photo showed smoke rising" is news.
  for (const auto& token : t) {
    const auto& w = token.lower;
    if (token.word && !token.capitalized && w != "file" && w != "photo" && w != "photos" &&
        w != "images" && w != "via" && w != "archivo" && w != "arquivo" && w != "archives" &&
        w != "archive" && w != "by")
      return false;
  }
  for (std::size_t k = 0; k < t.size(); ++k) {
    const auto& w = t[k].lower;
    if (w == "©" || (w == "getty" && k + 1 < t.size() && t[k + 1].lower == "images")) return true;
    if (w == "/" && k + 1 < t.size() &&
        (t[k + 1].lower == "file" || t[k + 1].lower == "arquivo" || t[k + 1].lower == "archivo" ||
         t[k + 1].lower == "archives"))
      return true;
    if ((w == "ap" || w == "afp") && k + 1 < t.size() && t[k + 1].lower == "photo") return true;
  }
  return false;
}

// find_dates takes the weekday after publication for the next day (a New York page on a
// Baghdad dawn). An article that also names the publication's own weekday tells the other
// one as past: "rockets that struck on Wednesday ..., the military said on Tuesday" is last
// Wednesday's attack.
void weekday_after_publication_is_past(std::vector<SentenceView>& views,
                                       std::optional<long> published_day) {
  if (!published_day) return;
  const std::string today = text::civil_from_days(*published_day);
  const std::string tomorrow = text::civil_from_days(*published_day + 1);
  const int today_weekday = text::weekday(*published_day);
  bool names_today = false;
  for (const auto& v : views)
    for (const auto& d : v.dates)
      names_today |= d.relative && d.clue.weekday == today_weekday && d.date == today;
  if (!names_today) return;
  const std::string week_before = text::civil_from_days(*published_day - 6);
  for (auto& v : views)
    for (auto& d : v.dates) {
      if (!d.relative || d.clue.weekday < 0 || d.clue.day || d.date != tomorrow) continue;
      // "shortly after midnight on Wednesday", "early Wednesday", "Wednesday morning": the
      // small hours of the next day stay the next day.
      const std::size_t first = v.token_at(d.span.start), last = v.token_at(d.span.end - 1);
      bool small_hours = last + 1 < v.tokens.size() && (v.tokens[last + 1].lower == "morning" ||
                                                        v.tokens[last + 1].lower == "dawn");
      for (std::size_t k = first >= 4 ? first - 4 : 0; k < first; ++k) {
        const auto& w = v.tokens[k].lower;
        small_hours |= w == "midnight" || w == "early" || w == "dawn" || w == "overnight";
      }
      // "... hit Wednesday a wall of the ministry, in the early hours of the day" (the gloss of
      // "aux premières heures"), anywhere after it in the sentence.
      for (std::size_t k = last + 1; k + 1 < v.tokens.size(); ++k)
        small_hours |= (v.tokens[k].lower == "early" && v.tokens[k + 1].lower == "hours") ||
                       v.tokens[k].lower == "midnight" || v.tokens[k].lower == "dawn";
      if (!small_hours) d.date = week_before;
    }
}

// The role a sentence takes from its cues and from its dates relative to the published day.
Role own_role(const SentenceView& v, const std::string& published,
              std::optional<long> published_day) {
  const bool tally = v.tally;
  Role role = marker_role(v, tally);
  // A live blog's "Reminder:" recalls what came before when told in the pluperfect ("Reminder:
  // three US soldiers had been killed on January 28") or dated before yesterday ("Rappel : trois
  // soldats américains ont été tués le 28 janvier"); "Reminder: three rockets struck the embassy
  // early on Monday" retells the day's news.
  const auto reminders = v.all(Cue::kBackground);
  if (role == Role::kMain && std::any_of(reminders.begin(), reminders.end(),
                                         [&](const Hit* h) { return reminder(v, *h); })) {
    const bool pluperfect = std::any_of(v.tokens.begin(), v.tokens.end(),
                                        [](const auto& w) { return w.lower == "had"; });
    const bool older =
        published_day && std::any_of(v.dates.begin(), v.dates.end(), [&](const auto& d) {
          const auto days = d.date ? text::days_from_civil(*d.date) : std::nullopt;
          return days && *days < *published_day - 1;
        });
    if (pluperfect || older) role = Role::kBackground;
  }
  // A photo caption ("Image on the right shows damage caused by rocket fire on April 15") tells
  // of a picture, often of another day: it dates and counts nothing of the news.
  if (v.caption) return Role::kBackground;
  if (!published_day) return role;
  // "... on Saturday evening, in one of the heaviest attacks since the war began": a sentence
  // that dates its attack to the days before publication is specific, whatever else it says;
  // a tally is not ("attacked 23 times this month, an official said on Monday").
  if (role == Role::kGeneric && !tally)
    for (const auto& d : v.dates)
      if (auto days = d.date ? text::days_from_civil(*d.date) : std::nullopt;
          days && *days <= *published_day + 1 && *days >= *published_day - 7 &&
          !date_is_reporting_mention(v, d))
        role = Role::kMain;
  if (role != Role::kMain) return role;
  // "a 2021 rocket attack", "the January 2020 missile strike": a year before the publication's
  // dates the attack noun it modifies.
  int published_year = std::atoi(published.substr(0, 4).c_str());
  std::size_t opening = 0;  // the sentence's first word
  while (opening < v.tokens.size() && !v.tokens[opening].word) ++opening;
  for (std::size_t i = 0; i + 1 < v.tokens.size(); ++i) {
    const auto& w = v.tokens[i].lower;
    if (w.size() != 4 || !std::isdigit(static_cast<unsigned char>(w[0]))) continue;
    if (v.token_set_aside(i) || i >= v.series_aside) continue;
    int year = std::atoi(w.c_str());
    // "In 1983," opening the sentence dates it, any year of the last century; elsewhere a
    // four-digit number before 1990 is more often a count, and "founded in 1982" dates a group.
    // "Rappel : en 1984, ..." (the gloss keeps the label before the colon).
    const bool opens_with_year = i >= 1 && v.tokens[i - 1].lower == "in" &&
                                 (i == opening + 1 || (i >= 2 && v.tokens[i - 2].lower == ":"));
    // A month names the year as a date ("bombed in September 1984"), and so does an article
    // before it with an attack after ("the 1983 truck bombing"): no count reads so.
    const bool month_before = i >= 1 && text::month_number(v.tokens[i - 1].lower).has_value();
    bool article_attack = false;
    if (i >= 1 && (v.tokens[i - 1].lower == "the" || v.tokens[i - 1].lower == "a"))
      for (std::size_t k = i + 1; k < v.tokens.size() && k <= i + 3; ++k)
        article_attack |= v.token_in(k, Cue::kAttackNoun);
    const bool surely_date = opens_with_year || month_before || article_attack;
    if (year < (surely_date ? 1900 : 1990) || year >= published_year) continue;
    // "destroying 53 drones in 2019 alone": an earlier year dates the whole sentence ("since
    // 2020" does not: "the first attack on the base since 2020").
    // "... the rocket attack on Erbil airport in February 2021": so does a month of an earlier
    // year.
    // Not the start of a span ("a wave of attacks that started in October 2023").
    bool span_start = false;
    for (std::size_t k = i >= 10 ? i - 10 : 0; k + 1 < i; ++k) {
      const auto& w = v.tokens[k].lower;
      span_start |= w == "since" || w == "started" || w == "began" || w == "begun" ||
                    w == "beginning" || w == "start" || w == "starting" || w == "wave" ||
                    w == "campaign";
    }
    const bool in_month = !span_start && i >= 2 && v.tokens[i - 2].lower == "in" &&
                          text::month_number(v.tokens[i - 1].lower);
    if (i >= 1 && (v.tokens[i - 1].lower == "in" || in_month) &&
        (i + 1 >= v.tokens.size() ||
         !std::isdigit(static_cast<unsigned char>(v.tokens[i + 1].lower[0]))))
      return Role::kBackground;
    for (std::size_t k = i + 1; k < v.tokens.size() && k <= i + 3; ++k)
      if (v.token_in(k, Cue::kAttackNoun) || v.token_is_weapon(k)) return Role::kBackground;
  }
  // "In early February, nearly 18 rockets were fired at the camp": a month named without a
  // day, other than the month of publication, dates an older attack.
  static constexpr std::string_view kMonths[] = {"january",   "february", "march",    "april",
                                                 "may",       "june",     "july",     "august",
                                                 "september", "october",  "november", "december"};
  const int published_month = std::atoi(published.substr(5, 2).c_str());
  for (std::size_t i = 0; i < v.tokens.size(); ++i) {
    const auto& w = v.tokens[i].lower;
    auto month = std::find(std::begin(kMonths), std::end(kMonths), w);
    if (month == std::end(kMonths) || i == 0 || v.token_set_aside(i) || i >= v.series_aside)
      continue;
    const auto& before = v.tokens[i - 1].lower;
    bool month_only = before == "in" || before == "early" || before == "late" || before == "mid" ||
                      before == "mid-";
    // "January 28" names a day; "January 2020" a month of a year.
    bool day_next = i + 1 < v.tokens.size() &&
                    std::isdigit(static_cast<unsigned char>(v.tokens[i + 1].lower[0])) &&
                    v.tokens[i + 1].lower.size() <= 2;
    bool may_verb = w == "may" && !v.tokens[i].capitalized;  // "rockets may have been fired"
    // Only where it dates the sentence: at its start ("In early February, ...") or its end
    // ("... were fired at the base in February."), not inside a clause about something else
    // ("under a ceasefire agreed in March").
    bool dates_sentence = i <= 3 || i + 3 >= v.tokens.size();
    // "... the 14th attack since Biden took office in late January": the start of a span; not
    // "quiet since two rockets hit it in March", where the clause tells the older attack.
    for (std::size_t k = i >= 8 ? i - 8 : 0; k < i; ++k) {
      if (v.tokens[k].lower != "since") continue;
      bool attack_between = false;
      for (std::size_t j = k + 1; j < i; ++j)
        attack_between = attack_between || v.token_is_weapon(j) ||
                         v.token_in(j, Cue::kAttackVerb) || v.token_in(j, Cue::kImpact);
      if (!attack_between) dates_sentence = false;
    }
    if (month_only && dates_sentence && !day_next && !may_verb &&
        static_cast<int>(month - std::begin(kMonths)) + 1 != published_month)
      return Role::kBackground;
  }
  // An explicit date well before publication marks an older attack.
  for (const auto& d : v.dates) {
    if (!d.date || date_is_reporting_mention(v, d) || date_opens_a_war(v, d) ||
        v.token_at(d.span.start) >= v.series_aside)
      continue;
    auto days = text::days_from_civil(*d.date);
    if (days && *days < *published_day - kBackgroundDays) return Role::kBackground;
  }
  // "Last Friday, a mortar shell had struck the residence of the EU ambassador": the pluperfect
  // of the narrator, with a day before yesterday, tells what came before the news. Not reported
  // speech, whose tense shifts back ("officials said two drones had struck the base on
  // Sunday").
  if (!v.has(Cue::kReportVerb)) {
    const auto& t = v.tokens;
    bool pluperfect = false;
    for (std::size_t k = 1; k < t.size() && !pluperfect; ++k)
      pluperfect = (v.token_in(k, Cue::kAttackVerb) || v.token_in(k, Cue::kImpact)) &&
                   (t[k - 1].lower == "had" ||
                    (k >= 2 && t[k - 1].lower == "been" && t[k - 2].lower == "had"));
    if (pluperfect)
      for (const auto& d : v.dates) {
        const auto days = d.date ? text::days_from_civil(*d.date) : std::nullopt;
        if (days && *days < *published_day - 1 && !date_is_reporting_mention(v, d))
          return Role::kBackground;
      }
  }
  return role;
}

}  // namespace

const SentenceView* Annotated::headline() const {
  // The first heading that reads as a title (four words or more), not a menu line, and comes
  // before the body: a heading after the first sentence of news is a subhead or a quote.
  for (const auto& v : sentences) {
    if (!v.sentence.heading) {
      if (substantive_sentence(v)) return nullptr;
      continue;
    }
    int words = 0;
    for (const auto& t : v.tokens) words += t.word;
    if (words >= 4) return &v;
  }
  return nullptr;
}

Annotated annotate(const CleanText& clean, const std::string& published,
                   const lexicon::Lexicon& lexicon) {
  Annotated a;
  a.text = clean.text;
  a.published = published;
  a.published_day = text::days_from_civil(published);
  a.sentences = build_views(clean, published, lexicon);
  weekday_after_publication_is_past(a.sentences, a.published_day);
  const ArticlePlaces places = article_places(a.sentences, lexicon);
  for (std::size_t index = 0; index < a.sentences.size(); ++index) {
    auto& v = a.sentences[index];
    assign_strike_agents(v, lexicon);
    bool militants_next = false;
    for (std::size_t n = index + 1; n < a.sentences.size() && n <= index + 2; ++n)
      for (const Hit* h : a.sentences[n].all(Kind::kActor))
        militants_next = militants_next || lexicon.actor(h->entry).kind != "state";
    add_state_strikes(v, lexicon, militants_next);
    add_state_noun_strikes(v, lexicon);
    reread_response_vows(v);
    drop_negated_threats(v);
    drop_sites_describing_an_area(v);
    drop_figurative_tests(v);
    drop_weapon_trade_words(v);
    drop_verification_notes(v);
    drop_town_of_hit(v);
    drop_site_told_as_town(v);
    drop_series_of_blasts(v);
    drop_dateline_actor(v);
    drop_banned_in_country(v);
    drop_forces_at_home(v, lexicon);
    drop_acting_forces(v);
    add_split_claims(v);
    drop_neutralized_people(v);
    drop_interceptions_after_without(v);
    drop_presence_at_the_time(v);
    drop_after_with_no_object(v);
    drop_fell_short(v);
    read_prevented_impacts(v);
    drop_alarms_that_went_off(v);
    drop_crowd_control_fire(v);
    add_described_sites(v, lexicon, places);
    add_foreign_military_targets(v, lexicon, clean.language != "en");
    add_hosting_sites(v, lexicon);
    add_envoy_targets(v, clean.language != "en");
    add_peacekeeper_targets(v);
    drop_landmark_after_fired_on_object(v);
    add_defence_interceptions(v, lexicon);
    add_proxy_actors(v, lexicon);
    drop_banner_before_group(v, lexicon);
    add_split_blames(v);
    drop_time_zone_conversion(v);
    drop_trailing_cause(v);
    drop_leading_cause(v);
    drop_trailing_us_strike(v);
    drop_older_relative_clause(v, a.published_day);
    drop_site_apposition_history(v, a.published_day);
    drop_habitual_relative_clause(v);
    // The sentence a photo credit follows on the same line is the photo's caption ("... 27 de
    // Maio de 2020. AFP/File"); a credit on a line of its own may follow the news.
    const bool credited =
        index + 1 < a.sentences.size() && !v.sentence.heading &&
        is_photo_credit(a.sentences[index + 1]) &&
        a.text.find('\n', v.sentence.span.end) >= a.sentences[index + 1].sentence.span.start;
    v.caption = is_caption(v) || credited || is_photo_credit(v);
    v.tally = states_tally(v);
    v.comment = comment_start(v);
    v.series_aside = series_aside_start(v);
    v.role = own_role(v, published, a.published_day);
    v.attack_evidence = has_attack_evidence(v);
    v.nothing_happened = !v.attack_evidence && tells_nothing_happened(v);
    v.in_scope_target = !v.all(Kind::kFacility).empty() || v.has(Cue::kTargetMilitary) ||
                        v.has(Cue::kTargetDiplomatic);
  }
  // "On 8 January 2020 the Guards launched sixteen missiles. Eleven of them fell on Ain
  // al-Asad": a sentence that opens with a part of what the sentence before told ("N of them",
  // "none of them", the gloss "of they") and dates nothing itself is about the same event, an
  // older one's as much as this one's.
  for (std::size_t i = 1; i < a.sentences.size(); ++i) {
    auto& v = a.sentences[i];
    const auto& previous = a.sentences[i - 1];
    if (v.role != Role::kMain || !v.dates.empty() || previous.role != Role::kBackground ||
        v.sentence.paragraph != previous.sentence.paragraph || !previous.attack_evidence)
      continue;
    // Only after a sentence dated by a day written out ("On 8 January 2020"), not one made
    // background by a comparison ("in an attack similar to one three years ago").
    if (std::none_of(previous.dates.begin(), previous.dates.end(),
                     [](const text::DateMention& d) { return d.explicit_day && !d.relative; }))
      continue;
    const auto& t = v.tokens;
    if (t.size() > 3 && t[1].lower == "of" &&
        (t[2].lower == "them" || t[2].lower == "they" || t[2].lower == "those") &&
        (text::parse_number(t[0].lower) || t[0].lower == "none" || t[0].lower == "all" ||
         t[0].lower == "most" || t[0].lower == "some" || t[0].lower == "each" ||
         t[0].lower == "both"))
      v.role = Role::kBackground;
  }
  // "... killed on 23 October 1983 in the attack. That Sunday, a truck had pulverized the
  // building. A few minutes earlier, another truck bomb had targeted the Marines'
  // headquarters": sentences in the pluperfect that date nothing themselves go on with the
  // older attack the sentence before them dated by a written day (or went on with).
  bool older_story = false, older_day = false;
  for (std::size_t i = 0; i < a.sentences.size(); ++i) {
    auto& v = a.sentences[i];
    const auto& t = v.tokens;
    const bool pluperfect =
        std::any_of(t.begin(), t.end() - (t.empty() ? 0 : 1), [&](const auto& w) {
          const std::size_t k = static_cast<std::size_t>(&w - t.data());
          return w.lower == "had" && t[k + 1].word && t[k + 1].lower != "to";
        });
    // "That Sunday" points back at the day told before; any other day is the sentence's own.
    const bool dates_nothing = std::all_of(v.dates.begin(), v.dates.end(), [&](const auto& d) {
      const std::size_t first = v.token_at(d.span.start);
      return first < t.size() &&
             (t[first].lower == "that" || (first >= 1 && t[first - 1].lower == "that"));
    });
    // "That same night, the Saudi consulate in Mashhad was also attacked": the day told before.
    bool same_day = false;
    for (std::size_t k = 1; k <= 3 && k + 1 < t.size(); ++k)
      same_day = same_day ||
                 (t[k].lower == "same" && (t[k - 1].lower == "the" || t[k - 1].lower == "that") &&
                  v.word_in(lexicon::WordList::kDayParts, t[k + 1].lower)) ||
                 (t[k].lower == "same" && t[k - 1].lower == "that" && t[k + 1].lower == "day");
    if (v.role == Role::kMain && dates_nothing && !v.sentence.heading &&
        ((older_story && pluperfect) || (older_day && same_day))) {
      v.role = Role::kBackground;
      continue;
    }
    older_day = v.role == Role::kBackground &&
                std::any_of(v.dates.begin(), v.dates.end(), [](const text::DateMention& d) {
                  return d.explicit_day && !d.relative && d.date;
                });
    older_story = older_day && v.attack_evidence;
  }
  // "The attack came two weeks after Iran's Guards fired missiles at bases near Erbil. In that
  // attack, U.S. forces shot down an Iranian drone": a sentence that opens by pointing back at the
  // attack the sentence before told as older ("In that attack", "During that strike") is that
  // older attack's.
  for (std::size_t i = 1; i < a.sentences.size(); ++i) {
    auto& v = a.sentences[i];
    const auto& previous = a.sentences[i - 1];
    if (v.role != Role::kMain ||
        (previous.role != Role::kBackground && previous.role != Role::kOtherEvent) ||
        !previous.attack_evidence)
      continue;
    const auto& t = v.tokens;
    if (t.size() < 3 || (t[0].lower != "in" && t[0].lower != "during") ||
        (t[1].lower != "that" && t[1].lower != "those"))
      continue;
    // "In that attack", "In that same attack", "During that earlier strike".
    for (std::size_t k = 2; k < t.size() && k <= 4 && t[k].word; ++k)
      if (v.token_in(k, Cue::kAttackNoun) || v.token_is_weapon(k)) {
        v.role = previous.role;
        break;
      }
  }
  // "An attempted drone attack on a Turkish base was thwarted on Sunday" and, next, "the drone
  // ... was neutralised by the air defence systems": the attack was thwarted by downing what was
  // launched, an interception, not a plot foiled on the ground. Only the verbs of thwarting, not
  // a find ("seized", "defused", "launchers").
  for (std::size_t i = 0; i < a.sentences.size(); ++i) {
    auto& v = a.sentences[i];
    if (v.role != Role::kNotAttack || !v.attack_evidence || !v.has(Cue::kAttackNoun) ||
        !v.has(Cue::kFoiled) || v.all(Kind::kWeapon).empty())
      continue;
    const bool thwarted = std::ranges::all_of(v.all(Cue::kFoiled), [&](const Hit* h) {
      const std::string verb = lower_text(v, *h);
      return verb.starts_with("thwart") || verb.starts_with("foil");
    });
    if (!thwarted) continue;
    bool downed = false;
    for (std::size_t j = i >= 1 ? i - 1 : 0; j < a.sentences.size() && j <= i + 2; ++j) {
      const auto& w = a.sentences[j];
      downed = downed || (j != i && w.role == Role::kMain && w.has(Cue::kIntercept) &&
                          w.has(Cue::kAirDefense));
    }
    if (downed) v.role = Role::kMain;
  }
  return a;
}

}  // namespace sitrep::extract
