#include "extract/events.h"

#include <algorithm>
#include <cstdlib>
#include <optional>
#include <set>
#include <string>
#include <tuple>

#include "extract/date.h"

namespace sitrep::extract {
namespace {

using lexicon::Cue;
using lexicon::Kind;

// The sentences of role kMain that are not about another named site: a sentence naming a site
// other than the event's (and not nested with it) as a target speaks of another attack.
std::vector<std::size_t> members(const Annotated& article, const lexicon::Lexicon& lexicon,
                                 const std::vector<Role>& roles, const lexicon::Facility* site) {
  std::vector<std::size_t> out;
  for (std::size_t i = 0; i < article.sentences.size(); ++i) {
    if (roles[i] != Role::kMain) continue;
    const auto& v = article.sentences[i];
    bool keep = true;
    if (site)
      for (const Hit* h : v.all(Kind::kFacility)) {
        if (same_or_nested(lexicon.facility(h->entry), *site) || not_the_target(v, *h)) break;
        if (v.attack_evidence) {
          keep = false;
          break;
        }
      }
    if (keep) out.push_back(i);
  }
  return out;
}

// With the main day known, explicit dates far from it mark background sentences, and an attack
// sentence dated to another day of the same week is another attack ("On Saturday, about 20
// rockets were launched toward the base" in a report of Tuesday's drones). The sentences that
// go on about another attack, in its paragraph and with no day of their own, are about it too.
// Without a year (no published date), the same for a main day known only by its month and day:
// "On January 28, six missiles were fired at the airport" in a report of the May 24 drone is
// another attack.
void refine_roles_by_clue(const Annotated& article, std::size_t anchor, const DateClue& main,
                          std::vector<Role>& roles) {
  // Days apart within a year, either way round the new year (a leap day does not matter here).
  auto apart = [](const DateClue& a, const DateClue& b) {
    static constexpr int kDaysBefore[] = {0, 31, 59, 90, 120, 151, 181, 212, 243, 273, 304, 334};
    auto ordinal = [](const DateClue& c) { return kDaysBefore[(c.month - 1) % 12] + c.day; };
    const int gap = std::abs(ordinal(a) - ordinal(b));
    return std::min(gap, 365 - gap);
  };
  const auto& views = article.sentences;
  for (std::size_t i = 0; i < views.size(); ++i) {
    const auto& v = views[i];
    if (roles[i] != Role::kMain || i == anchor) continue;
    for (const auto& d : v.dates) {
      if (!d.explicit_day || !d.clue.month || !d.clue.day || date_is_reporting_mention(v, d) ||
          date_starts_period(v, d))
        continue;
      if (apart(d.clue, main) > 3) roles[i] = Role::kBackground;
    }
  }
}

void extend_other_events(const Annotated& article, std::size_t anchor, std::vector<Role>& roles);

// Without a published date, a main day known only by its weekday: an attack sentence told on
// a weekday two or more days from it is another attack of the same week ("on Wednesday night
// they launched a drone" in a report of Sunday's rockets). The day before or after may be the
// same night's attack and stays.
void refine_roles_by_weekday(const Annotated& article, std::size_t anchor, int main_weekday,
                             std::vector<Role>& roles) {
  const auto& views = article.sentences;
  bool told_apart = false;
  for (std::size_t i = 0; i < views.size(); ++i) {
    const auto& v = views[i];
    if (roles[i] != Role::kMain || i == anchor || !v.attack_evidence) continue;
    bool same_night = false, other_day = false;
    for (const auto& d : v.dates) {
      if (d.clue.weekday < 0 || d.clue.month || date_is_reporting_mention(v, d) ||
          date_starts_period(v, d))
        continue;
      // The day of an attack word near it ("On Wednesday night a drone slammed into ..."), not
      // "came ahead of a parliamentary vote on Wednesday".
      if (date_awaited(v, d) || !attack_word_near_date(v, d, true)) continue;
      const int gap = std::abs(d.clue.weekday - main_weekday);
      (std::min(gap, 7 - gap) <= 1 ? same_night : other_day) = true;
    }
    if (other_day && !same_night) roles[i] = Role::kOtherEvent, told_apart = true;
  }
  if (told_apart) extend_other_events(article, anchor, roles);
}

// Whether one of `words` stands from `before` tokens before the date to just after it.
bool word_around_date(const SentenceView& v, const text::DateMention& d, std::size_t before,
                      std::initializer_list<std::string_view> words) {
  const auto& t = v.tokens;
  const std::size_t first = v.token_at(d.span.start), last = v.token_at(d.span.end - 1);
  for (std::size_t k = first >= before ? first - before : 0; k < t.size() && k <= last + 1; ++k)
    if (std::find(words.begin(), words.end(), t[k].lower) != words.end()) return true;
  return false;
}

// "late on Saturday", "Saturday evening", "Saturday night": the evening of its day.
bool evening_mention(const SentenceView& v, const text::DateMention& d) {
  return word_around_date(v, d, 2, {"late", "evening", "night", "overnight", "tonight"});
}

// "around two a.m. on Thursday", "early Thursday", "before dawn on Thursday": the small hours of
// its day, the end of the night before.
bool small_hours_mention(const SentenceView& v, const text::DateMention& d) {
  if (word_around_date(v, d, 3, {"early", "dawn", "pre-dawn", "predawn", "midnight"})) return true;
  return std::any_of(v.times.begin(), v.times.end(), [](const text::TimeMention& m) {
    return m.hhmm.size() >= 2 && m.hhmm < "06";
  });
}

// `main`: the attack's day as read; when it is the morning after a night, the evening before is
// the same attack ("Drones hit Erbil airport in overnight attack" and "late on Saturday"), not
// that day's morning ("On Tuesday morning, a rocket attack on the same base").
void refine_roles_by_day(const Annotated& article, std::size_t anchor, const EventDay& main,
                         long main_day, std::vector<Role>& roles) {
  const auto& views = article.sentences;
  for (std::size_t i = 0; i < views.size(); ++i) {
    const auto& v = views[i];
    if (roles[i] != Role::kMain || i == anchor) continue;
    bool same_day = false, other_day = false;
    // "claimed the attack, calling it revenge for the death of Soleimani ... last Friday": the
    // day of the motive, told after it, is not this sentence's attack.
    const Hit* motive = v.has(Cue::kClaim) ? v.first(Cue::kCause) : nullptr;
    // A universal time late on the day before is the local small hours: "at 23.15 GMT on
    // Friday" for an attack early on Saturday in Baghdad. Only a time that some clock of the
    // watched region (at most five hours ahead of GMT) carries past midnight.
    const bool universal_time = std::any_of(v.times.begin(), v.times.end(), [](const auto& m) {
      constexpr int kLatestRegionOffset = 5 * 60;
      return m.universal_minutes && *m.universal_minutes + kLatestRegionOffset >= 24 * 60;
    });
    for (const auto& d : v.dates) {
      if (!d.date || date_is_reporting_mention(v, d) || date_starts_period(v, d)) continue;
      if (motive && motive->end <= d.span.start) continue;
      auto days = text::days_from_civil(*d.date);
      if (!days) continue;
      if (d.explicit_day && std::abs(*days - main_day) > 3) roles[i] = Role::kBackground;
      // And the night told as its evening ("on Wednesday night") runs into the next day's small
      // hours ("around two a.m. on Thursday").
      if (*days == main_day ||
          (main.night_into && *days == main_day - 1 && evening_mention(v, d)) ||
          (main.night && *days == main_day + 1 && small_hours_mention(v, d)) ||
          (universal_time && *days == main_day - 1))
        same_day = true;
      else
        other_day = true;
    }
    if (roles[i] == Role::kMain && other_day && !same_day && v.attack_evidence)
      roles[i] = Role::kOtherEvent;
  }
  extend_other_events(article, anchor, roles);
}

// The sentences that go on about another attack, in its paragraph and with no day of their own,
// are about it too; so is a toll with no day, site or target of its own after an older attack.
void extend_other_events(const Annotated& article, std::size_t anchor, std::vector<Role>& roles) {
  const auto& views = article.sentences;
  for (std::size_t i = 1; i < views.size(); ++i) {
    const auto& v = views[i];
    const auto& previous = views[i - 1];
    if (i == anchor || roles[i] != Role::kMain) continue;
    bool same_paragraph = v.sentence.paragraph == previous.sentence.paragraph;
    if (roles[i - 1] == Role::kOtherEvent && v.dates.empty() && same_paragraph &&
        v.attack_evidence) {
      roles[i] = Role::kOtherEvent;
      continue;
    }
    // "Last month, a base in western Iraq was hit by 10 rockets. One contractor was killed.":
    // a casualty toll with no day, site or target of its own belongs to the event before it.
    bool toll = v.has(Cue::kKilled) || v.has(Cue::kInjured);
    bool own_anchor = !v.dates.empty() || v.in_scope_target;
    if (toll && !own_anchor && same_paragraph && previous.attack_evidence &&
        (roles[i - 1] == Role::kBackground || roles[i - 1] == Role::kOtherEvent ||
         roles[i - 1] == Role::kNotAttack))
      roles[i] = roles[i - 1];
  }
}

// Every other dated attack on a site of ours: background sentences and sentences about another
// day's attack, with a site and a day.
std::vector<BackgroundAttack> other_attacks(const Annotated& article,
                                            const lexicon::Lexicon& lexicon,
                                            const std::vector<Role>& roles, const Event* main) {
  std::vector<BackgroundAttack> out;
  for (std::size_t i = 0; i < article.sentences.size(); ++i) {
    const auto& v = article.sentences[i];
    bool other = roles[i] == Role::kOtherEvent;
    if ((roles[i] != Role::kBackground && !other) || !v.attack_evidence) continue;
    auto facilities = v.all(Kind::kFacility);
    if (facilities.empty()) continue;
    std::optional<std::string> date;
    // A background sentence must write its day; another event of the same week may name it
    // by weekday ("On Saturday, about 20 rockets ...").
    for (const auto& d : v.dates)
      if (d.date && (d.explicit_day || other) && !date_is_reporting_mention(v, d)) date = d.date;
    if (!date) continue;
    const auto& f = lexicon.facility(facilities.front()->entry);
    if (main && main->date.value.date == date && main->place.facility &&
        same_or_nested(*main->place.facility, f))
      continue;
    BackgroundAttack b;
    b.date = date;
    b.country = f.country;
    b.city = f.city;
    b.facility = f.name;
    b.lat = f.lat;
    b.lon = f.lon;
    auto weapons = v.all(Kind::kWeapon);
    if (!weapons.empty()) b.weapon = lexicon.weapon(weapons.front()->entry).weapon;
    b.evidence = evidence_of(v);
    bool duplicate = std::any_of(out.begin(), out.end(), [&](const BackgroundAttack& o) {
      return o.date == b.date && o.facility == b.facility;
    });
    if (!duplicate) out.push_back(std::move(b));
  }
  return out;
}

// "Five days later, ...", "Two weeks earlier, ...", "Hours later, ...", "The next day, ...": a
// sentence that opens with a time counted from the event the sentence before told.
bool opens_with_time_from_before(const std::vector<text::Token>& t) {
  auto unit = [](std::string_view w) {
    return w == "day" || w == "days" || w == "hour" || w == "hours" || w == "week" ||
           w == "weeks" || w == "month" || w == "months" || w == "minutes";
  };
  if (t.size() > 4 && t[0].lower == "the" && (t[1].lower == "next" || t[1].lower == "following") &&
      unit(t[2].lower) && t[3].lower == ",")
    return true;
  for (std::size_t k = 0; k <= 2 && k + 2 < t.size(); ++k) {
    if (!unit(t[k].lower)) continue;
    const auto& after = t[k + 1].lower;
    if ((after == "later" || after == "earlier" || after == "afterwards") && t[k + 2].lower == ",")
      return true;
    break;
  }
  return false;
}

// "It was the second attack in 24 hours after two rockets on Sunday targeted an airbase at
// Baghdad airport. Sunday's attack did not cause casualties.": a sentence that names no site of
// its own and dates itself by the day of the older attack the sentence before told, in the same
// paragraph, goes on about that attack.
void follow_the_previous_attack(const Annotated& article, std::size_t anchor,
                                std::vector<Role>& roles) {
  const auto& views = article.sentences;
  auto day_of = [](const text::DateMention& d) {
    DateClue clue = d.clue;
    return std::tuple(d.date.value_or(""), clue.month, clue.day, clue.weekday);
  };
  for (std::size_t i = 1; i < views.size(); ++i) {
    const auto& v = views[i];
    const auto& previous = views[i - 1];
    if (i == anchor || roles[i] != Role::kMain || v.in_scope_target || v.dates.empty()) continue;
    if (roles[i - 1] != Role::kBackground && roles[i - 1] != Role::kOtherEvent) continue;
    if (v.sentence.paragraph != previous.sentence.paragraph || !previous.attack_evidence) continue;
    // The older attack's day is the one after the sentence's marker ("came days after a similar
    // attack on Erbil airport on Wednesday"); "The Sunday attack" before it is this one's.
    std::size_t from = 0;
    if (const Hit* marker = previous.first(Cue::kBackground)) from = marker->start;
    if (const Hit* cause = previous.first(Cue::kCause); cause && (!from || cause->start < from))
      from = cause->start;
    const bool same_day = std::all_of(v.dates.begin(), v.dates.end(), [&](const auto& d) {
      return std::any_of(previous.dates.begin(), previous.dates.end(), [&](const auto& p) {
        return p.span.start >= from && day_of(p) == day_of(d);
      });
    });
    if (same_day) roles[i] = roles[i - 1];
  }
  // "Na ocasião, um drone caiu no quartel-general da coalizão" (on that occasion, ...): a sentence
  // that opens by pointing back at the occasion just told goes on about it, whatever it names,
  // an older attack's as much as this one's. So does one that opens with a time counted from it:
  // "Five days later, Iran responded with missiles on two bases", "The next day, ...".
  for (std::size_t i = 1; i < views.size(); ++i) {
    const auto& t = views[i].tokens;
    const bool points_back =
        (t.size() > 3 && t[0].lower == "on" && t[1].lower == "that" && t[2].lower == "occasion") ||
        opens_with_time_from_before(t);
    if (points_back && i != anchor && roles[i] == Role::kMain &&
        (roles[i - 1] == Role::kBackground || roles[i - 1] == Role::kOtherEvent))
      roles[i] = roles[i - 1];
  }
}

// A live blog or a roundup told in timestamped entries: the attack is the news of the entries
// that tell it, and the other entries (a toll in Gaza, a missile at a tanker, floods) are other
// events, so that no figure, weapon or actor of theirs is read into it. The attack's entry is
// the anchor's or, when the anchor is the headline or the summary above the entries, the entry
// that tells an attack most fully (attack words, a target of ours, a weapon); its first attack
// sentence becomes the anchor. Other entries go on about it unless they name places of their
// own and none of the attack's.
// Returns the headline when it was set aside: it still names the attack's site (place.h).
std::optional<std::size_t> confine_to_entries(const Annotated& article,
                                              const lexicon::Lexicon& lexicon, std::size_t& anchor,
                                              std::vector<Role>& roles) {
  const auto& views = article.sentences;
  std::vector<std::size_t> headers;
  for (std::size_t i = 0; i < views.size(); ++i)
    if (views[i].entry_start) headers.push_back(i);
  if (headers.size() < 2) return std::nullopt;
  auto entry_end = [&](std::size_t k) {
    return k + 1 < headers.size() ? headers[k + 1] : views.size();
  };
  auto weight = [&](std::size_t i) {
    const auto& v = views[i];
    if (roles[i] != Role::kMain || !v.attack_evidence) return 0;
    return 1 + v.in_scope_target + !v.all(Kind::kWeapon).empty();
  };
  std::optional<std::size_t> chosen;
  for (std::size_t k = 0; k < headers.size(); ++k)
    if (anchor >= headers[k] && anchor < entry_end(k)) chosen = k;
  if (!chosen) {
    int best = 0;
    for (std::size_t k = 0; k < headers.size(); ++k) {
      int score = 0;
      for (std::size_t i = headers[k]; i < entry_end(k); ++i) score += weight(i);
      if (score > best) best = score, chosen = k;
    }
    if (!chosen) return std::nullopt;
    for (std::size_t i = headers[*chosen]; i < entry_end(*chosen); ++i)
      if (weight(i) > 0) {
        anchor = i;
        break;
      }
  }
  // Where each entry's news is: the sites it names and their countries, and the countries its
  // sentences name (for the attack's entry, only those of its sentences that tell the attack on
  // a target of ours: "since the start of the war in Gaza" places no attack), the United States
  // left out (it owns many a target of ours, and speaks of all of them).
  auto places = [&](std::size_t k) {
    std::set<std::string> countries;
    std::set<int> sites;
    for (std::size_t i = headers[k]; i < entry_end(k); ++i) {
      const auto& v = views[i];
      const bool telling =
          k != *chosen || (roles[i] == Role::kMain && v.attack_evidence && v.in_scope_target);
      for (const Hit& h : v.hits) {
        // "The Islamic Resistance in Iraq claimed the attack": a country inside a group's name
        // places nothing.
        const bool in_name = std::any_of(v.hits.begin(), v.hits.end(), [&](const Hit& a) {
          return a.kind == Kind::kActor && a.first <= h.first && h.last <= a.last;
        });
        if (h.kind == Kind::kFacility) {
          sites.insert(h.entry);
          countries.insert(lexicon.facility(h.entry).country);
        } else if (h.kind == Kind::kCountry && telling && !in_name) {
          countries.insert(lexicon.country(h.entry).code);
        }
      }
    }
    countries.erase("US");
    return std::pair(countries, sites);
  };
  auto [attack_countries, attack_sites] = places(*chosen);
  // An attack on a site of ours is where its site is: "Away from Afghanistan for a moment:
  // rockets landed near Victory base" sets the attack in Iraq, and Kabul's entries apart.
  if (!attack_sites.empty()) {
    attack_countries.clear();
    for (int site : attack_sites) attack_countries.insert(lexicon.facility(site).country);
  }
  // An entry that names places, none of them the attack's country or site, tells other news
  // (a toll in Gaza, a missile at a tanker); the others go on about the attack, and so does one
  // that claims or blames "the attack".
  auto speaks_of_the_attack = [&](std::size_t k) {
    for (std::size_t i = headers[k]; i < entry_end(k); ++i) {
      const auto& v = views[i];
      if (!v.has(Cue::kClaim) && !v.has(Cue::kSuspect)) continue;
      for (std::size_t j = 0; j + 1 < v.tokens.size(); ++j)
        if (v.tokens[j].lower == "the" && v.token_in(j + 1, Cue::kAttackNoun)) return true;
    }
    return false;
  };
  for (std::size_t k = 0; k < headers.size() && !attack_countries.empty(); ++k) {
    if (k == *chosen || speaks_of_the_attack(k)) continue;
    const auto [countries, sites] = places(k);
    const auto shared = [](const auto& a, const auto& b) {
      return std::any_of(a.begin(), a.end(), [&](const auto& x) { return b.count(x) > 0; });
    };
    if (shared(sites, attack_sites)) continue;
    // An entry that tells an attack of its own on nothing of ours ("11h48 - Israeli airstrikes
    // hit two residential buildings in Beirut, killing 22") is other news even in the attack's
    // country.
    bool attack_told = false, target_of_ours = false;
    for (std::size_t i = headers[k]; i < entry_end(k); ++i) {
      attack_told = attack_told || (roles[i] == Role::kMain && views[i].attack_evidence);
      target_of_ours = target_of_ours || views[i].in_scope_target;
    }
    const bool own_attack = attack_told && !target_of_ours;
    if (!own_attack && (countries.empty() || shared(countries, attack_countries))) continue;
    for (std::size_t i = headers[k]; i < entry_end(k); ++i)
      if (roles[i] == Role::kMain) roles[i] = Role::kOtherEvent;
  }
  // Above the entries: the headline and summary list every entry's news.
  std::optional<std::size_t> headline;
  for (std::size_t i = 0; i < headers.front(); ++i)
    if (roles[i] == Role::kMain && i != anchor) {
      if (&views[i] == article.headline()) headline = i;
      roles[i] = Role::kOtherEvent;
    }
  return headline;
}

}  // namespace

bool Event::speaks_of(std::size_t sentence) const {
  return std::binary_search(sentences.begin(), sentences.end(), sentence);
}

Events find_events(const Annotated& article, const lexicon::Lexicon& lexicon,
                   const DetectModel& model) {
  Events events;
  std::vector<Role> roles;
  roles.reserve(article.sentences.size());
  for (const auto& v : article.sentences) roles.push_back(v.role);

  events.decision = decide(article, lexicon, model);
  if (!events.decision.reports_attack) {
    events.background = other_attacks(article, lexicon, roles, nullptr);
    return events;
  }
  Event e;
  e.anchor = *events.decision.anchor;
  const auto headline_aside = confine_to_entries(article, lexicon, e.anchor, roles);
  follow_the_previous_attack(article, e.anchor, roles);
  // "X said it had launched drones at three bases in Syria, ... but made no mention of any site
  // inside Jordan": a claim of other sites tells other attacks, and its sites are none of this one.
  {
    std::vector<std::string> anchor_sites;  // a claim naming one of them claims this attack
    const auto& anchor = article.sentences[e.anchor];
    for (const Hit* f : anchor.all(Kind::kFacility))
      anchor_sites.push_back(lexicon.facility(f->entry).name);
    for (std::size_t i = 0; i < roles.size(); ++i) {
      const auto& v = article.sentences[i];
      if (i == e.anchor || roles[i] != Role::kMain) continue;
      if (const Hit* claim = v.first(Cue::kClaim);
          claim && leaves_out_a_place(v, claim->last, anchor_sites))
        roles[i] = Role::kOtherEvent;
    }
  }
  auto place_of = [&](const std::vector<Role>& now) {
    if (!headline_aside) return read_place(article, lexicon, e.anchor, now);
    std::vector<Role> with_headline = now;
    with_headline[*headline_aside] = Role::kMain;
    return read_place(article, lexicon, e.anchor, with_headline);
  };
  e.place = place_of(roles);
  const std::vector<Role> roles_for_place = roles;
  // The day, from the anchor and the sentences about this site, as first told.
  auto candidates = members(article, lexicon, roles, e.place.facility);
  std::vector<std::size_t> order{e.anchor};
  for (std::size_t i : candidates)
    if (i != e.anchor) order.push_back(i);
  e.date = read_date(article, order, e.anchor);
  if (e.date.value.date) {
    if (auto day = text::days_from_civil(*e.date.value.date)) {
      refine_roles_by_day(article, e.anchor, e.date.value, *day, roles);
      // Dates written without a year in an article with no published date stay unresolved:
      // the main day's month and day still tell them apart ("On January 28, six missiles ..."
      // in a report of Tuesday, May 24, 2022). The date is YYYY-MM-DD, as days_from_civil read.
      if (article.published.empty()) {
        const std::string& d = *e.date.value.date;
        DateClue main;
        main.month = std::stoi(d.substr(5, 2));
        main.day = std::stoi(d.substr(8, 2));
        refine_roles_by_clue(article, e.anchor, main, roles);
      }
    }
  } else if (e.date.value.clue.month && e.date.value.clue.day) {
    refine_roles_by_clue(article, e.anchor, e.date.value.clue, roles);
  } else if (e.date.value.clue.weekday >= 0 && !e.date.value.clue.month) {
    refine_roles_by_weekday(article, e.anchor, e.date.value.clue.weekday, roles);
  }
  // The place was read before the days told other attacks apart: read it again without them.
  if (roles != roles_for_place) e.place = place_of(roles);
  e.sentences = members(article, lexicon, roles, e.place.facility);
  e.roles = roles;
  events.background = other_attacks(article, lexicon, roles, &e);
  events.main = std::move(e);
  return events;
}

}  // namespace sitrep::extract
