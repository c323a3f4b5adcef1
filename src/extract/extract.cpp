#include "extract/extract.h"

#include <algorithm>
#include <cstdio>

#include "extract/annotate.h"
#include "extract/date.h"
#include "extract/events.h"
#include "extract/readers.h"

namespace sitrep::extract {
namespace {

Attack read_attack(const Annotated& article, const lexicon::Lexicon& lexicon, const Event& e) {
  Attack attack;
  const Place& p = e.place;
  attack.country = p.country;
  attack.city = p.city;
  if (p.facility) attack.facility = p.facility->name;
  attack.lat = p.lat;
  attack.lon = p.lon;
  attack.geo_precision = p.precision;
  if (p.evidence) attack.evidence[p.facility ? "facility" : "city"] = *p.evidence;
  attack.target_type = !p.type.empty() ? p.type : read_target_type(article, e.sentences);

  auto keep = [&](const char* field, const auto& read, auto& slot) {
    slot = read.value;
    if (read.evidence) attack.evidence[field] = *read.evidence;
  };
  attack.date_clue = e.date.value.clue;
  attack.date_is_report_day = e.date.value.report_day;
  if (e.date.evidence) attack.evidence["date"] = *e.date.evidence;
  keep("time_local", read_time(article, lexicon, e), attack.time_local);
  attack.date = day_of_the_night(e.date.value, attack.time_local);

  auto weapon = read_weapon(article, lexicon, e);
  attack.weapon = weapon.weapon;
  attack.weapon_detail = weapon.detail;
  if (weapon.evidence) attack.evidence["weapon"] = *weapon.evidence;

  // Rounds of gunfire ("fired around a dozen rounds at the gate") are not the projectiles the
  // counts are about: a shooting has no launched, intercepted or impacted figure.
  if (attack.weapon != "small_arms") {
    auto counts = read_counts(article, lexicon, e);
    keep("launched", counts.launched, attack.launched);
    keep("intercepted", counts.intercepted, attack.intercepted);
    keep("impacted", counts.impacted, attack.impacted);
  }

  auto casualties = read_casualties(article, e);
  keep("killed", casualties.killed, attack.killed);
  keep("injured", casualties.injured, attack.injured);

  keep("damage", read_damage(article, e), attack.damage);

  auto actors = read_actors(article, lexicon, e);
  attack.suspected = std::move(actors.suspected);
  attack.suspected_basis = std::move(actors.suspected_basis);
  attack.claimed_by = std::move(actors.claimed_by);
  attack.denied_by = std::move(actors.denied_by);
  for (auto& [field, evidence] : actors.evidence) attack.evidence[field] = std::move(evidence);

  auto flags = read_defense_flags(article, e);
  keep("alarm_sounded", flags.alarm_sounded, attack.alarm_sounded);
  keep("air_defense_engaged", flags.air_defense_engaged, attack.air_defense_engaged);
  if (attack.intercepted && *attack.intercepted > 0) attack.air_defense_engaged = true;
  return attack;
}

// A report read through a glossary quotes the gloss; its evidence goes back to the original
// sentences (and their offsets in the clean text), so users see the reporter's own words.
void quote_original(Report& report, const lexicon::Glossed& glossed, std::string_view original) {
  // A span of the gloss as the original words it came from, without surrounding blanks.
  auto to_original = [&](std::size_t start, std::size_t end) {
    Span span = glossed.to_source({start, end});
    while (span.start < span.end && (original[span.start] == ' ' || original[span.start] == '\n'))
      ++span.start;
    while (span.end > span.start &&
           (original[span.end - 1] == ' ' || original[span.end - 1] == '\n'))
      --span.end;
    return span;
  };
  auto restore = [&](Evidence& e) {
    if (e.text.empty()) return;
    const Span span = to_original(e.start, e.end);
    e.start = span.start;
    e.end = span.end;
    e.text = std::string(original.substr(span.start, span.size()));
    // The source too: "مصادر أمنية", not the gloss's "security sources".
    if (e.source_end > e.source_start) {
      const Span source = to_original(e.source_start, e.source_end);
      e.source_start = source.start;
      e.source_end = source.end;
      e.source = std::string(original.substr(source.start, source.size()));
    }
  };
  if (report.main)
    for (auto& [field, evidence] : report.main->evidence) restore(evidence);
  for (auto& b : report.background) restore(b.evidence);
  for (auto& t : report.tallies) restore(t.evidence);
}

const char* role_name(Role role) {
  static constexpr const char* kRoles[] = {"main", "background", "generic", "other", "not"};
  return kRoles[static_cast<int>(role)];
}

// A registry site whose foreign presence left ("Camp Taji", handed to Iraqi forces in August 2020):
// an attack there after that day is on local forces, unless one of the event's sentences names a
// foreign force or a mission as what was hit ("the Balad base, which hosts US contractors").
bool attack_after_site_left(const Attack& attack, const Annotated& article, const Event& event,
                            const lexicon::Lexicon& lexicon) {
  const lexicon::Facility* site = lexicon.facility_named(attack.facility);
  if (!site || site->hosted_until.empty()) return false;
  const auto day = attack.date ? text::days_from_civil(*attack.date) : article.published_day;
  const auto left = text::days_from_civil(site->hosted_until);
  if (!day || !left || *day <= *left) return false;
  const int attack_year = std::atoi(text::civil_from_days(*day).substr(0, 4).c_str());
  for (std::size_t i : event.sentences) {
    const auto& v = article.sentences[i];
    const auto& t = v.tokens;
    // "once home to thousands of US troops", "formerly hosted": the past.
    bool past = std::any_of(t.begin(), t.end(), [&](const text::Token& w) {
      return v.word_in(lexicon::WordList::kPastPresenceWords, w.lower);
    });
    // "until August 2020" (a year before the attack's), "a former coalition base", "handed over
    // to Iraqi forces": the years, the site or the end of a presence gone.
    const bool still_hosts = std::any_of(t.begin(), t.end(), [&](const text::Token& w) {
      return w.lower == "still" || w.lower == "hosts" || w.lower == "houses";
    });
    for (std::size_t k = 0; k + 1 < t.size() && !past; ++k) {
      if (t[k].lower == "until")
        for (std::size_t j = k + 1; j < t.size() && j <= k + 3; ++j) {
          const auto& y = t[j].lower;
          const int year = y.size() == 4 && std::all_of(y.begin(), y.end(), ::isdigit)
                               ? std::atoi(y.c_str())
                               : 0;
          past = past || (year >= 1990 && year < attack_year);
        }
      // Not "a former base of the coalition that still hosts American contractors".
      if (t[k].lower == "former" && !still_hosts)
        for (std::size_t j = k + 1; j < t.size() && j <= k + 2; ++j)
          past = past || v.word_in(lexicon::WordList::kMilitaryHeads, t[j].lower);
      if (t[k].lower == "handed")
        for (std::size_t j = k + 1; j < t.size() && j <= k + 5; ++j)
          past = past || t[j].lower == "forces" || t[j].lower == "army";
      // "a facility that no longer hosts any foreign personnel", "there are no foreign forces
      // or foreign companies at the base": a presence denied is none.
      if (t[k].lower == "no" && t[k + 1].lower == "longer") past = true;
      // Not a casualty line: "no American contractors at the base were hurt" puts them there.
      const bool harm = v.has(lexicon::Cue::kInjured) || v.has(lexicon::Cue::kKilled);
      if (!harm &&
          (t[k].lower == "no" || (t[k].lower == "any" && k >= 1 && t[k - 1].lower == "not"))) {
        const auto& next = t[k + 1].lower;
        past = past || next == "foreign" || next == "coalition" || next == "international" ||
               next == "american" || next == "us" || next == "u.s.";
      }
    }
    if (past) continue;
    if (v.has(lexicon::Cue::kTargetMilitary) || v.has(lexicon::Cue::kTargetDiplomatic))
      return false;
    // "a base that hosts coalition trainers", "Spanish military trainers are stationed there",
    // "US contractors at the base": a foreign force or its people named there.
    // "Spanish trainers in Iraq are still stationed at the camp": a sentence that names the site
    // puts the forces there, wherever else it places them.
    const bool site_named = !v.all(lexicon::Kind::kFacility).empty() ||
                            std::any_of(t.begin(), t.end(), [&](const text::Token& w) {
                              return v.word_in(lexicon::WordList::kMilitaryHeads, w.lower);
                            });
    for (std::size_t k = 0; k < t.size(); ++k) {
      bool foreign = t[k].lower == "coalition" || t[k].lower == "foreign" ||
                     t[k].lower == "international" || t[k].lower == "nato";
      for (const Hit* c : v.all(lexicon::Kind::kCountry))
        foreign = foreign || (c->last == k && lexicon.country(c->entry).code != site->country);
      if (!foreign) continue;
      // Not the forces of the whole country ("groups that oppose the foreign military presence
      // in the country", "the withdrawal of coalition troops from Iraq"): those say nothing of
      // who is at this site.
      auto countrywide = [&](std::size_t j) {
        if (site_named) return false;
        for (std::size_t m = j + 1; m + 1 < t.size() && m <= j + 3; ++m) {
          if (t[m].lower != "in" && t[m].lower != "from") continue;
          if (t[m + 1].lower == "the" && m + 2 < t.size() && t[m + 2].lower == "country")
            return true;
          for (const Hit* c : v.all(lexicon::Kind::kCountry))
            if (c->first == m + 1 && lexicon.country(c->entry).code == site->country) return true;
        }
        return false;
      };
      for (std::size_t j = k + 1; j < t.size() && j <= k + 3; ++j) {
        const auto& w = t[j].lower;
        if ((w == "troops" || w == "soldiers" || w == "trainers" || w == "advisers" ||
             w == "advisors" || w == "personnel" || w == "contractors" || w == "forces" ||
             v.word_in(lexicon::WordList::kForceNouns, w)) &&
            !countrywide(j))
          return false;
      }
      if (k >= 1 && v.word_in(lexicon::WordList::kHostVerbs, t[k - 1].lower)) return false;
    }
  }
  return true;
}

}  // namespace

std::optional<ReadingText> ReadingText::of(const CleanText& clean,
                                           const lexicon::Lexicon& lexicon) {
  ReadingText out;
  out.original_ = &clean;
  if (clean.language == "en" || clean.language == "und") return out;
  const lexicon::Glossary* glossary = lexicon.glossary(clean.language);
  if (!glossary) return std::nullopt;
  out.glossed_ = glossary->gloss(clean.text);
  out.gloss_.text = out.glossed_->text;
  out.gloss_.language = clean.language;
  return out;
}

Explained Extractor::explain(const Document& document, const CleanText& clean) const {
  return read(document, clean, true);
}

Explained Extractor::read(const Document& document, const CleanText& clean, bool with_trace) const {
  Explained out;
  Report& report = out.report;
  report.doc = document.doc;
  report.outlet = document.outlet;
  report.url = document.url;
  report.published = document.published;
  report.language = clean.language;
  // Another language is read through its glossary: the readers see the gloss, evidence
  // quotes the original.
  const auto reading = ReadingText::of(clean, lexicon_);
  if (!reading) {
    out.trace.push_back("language '" + clean.language + "' is not read");
    return out;
  }
  const auto& glossed = reading->glossed();
  if (glossed)
    out.trace.push_back("read through the '" + clean.language + "' glossary (" +
                        std::to_string(glossed->phrases) + " phrases glossed)");
  Annotated annotated = annotate(reading->text(), document.published, lexicon_);
  // The month the page was filed: its month-only date line, else its address ("/2022/03/").
  annotated.filed_month = document.filed_month.empty() ? clean.filed_month : document.filed_month;
  if (annotated.filed_month.empty())
    if (const auto ym = text::year_month_in_url(document.url)) {
      char month[8];
      std::snprintf(month, sizeof month, "%04d-%02d", ym->year, ym->month);
      annotated.filed_month = month;
    }
  const Annotated& article = annotated;
  const Events events = find_events(article, lexicon_, model_);
  report.reports_attack = events.main.has_value();
  report.background = events.background;
  report.tallies = read_tallies(article, lexicon_);
  if (events.main) report.main = read_attack(article, lexicon_, *events.main);
  // An attack outside the deployment's scope is context, not the article's news; so is one on a
  // site after its foreign presence left, which is an attack on local forces.
  std::string scope_note;
  const bool site_left = report.main && events.main &&
                         attack_after_site_left(*report.main, article, *events.main, lexicon_);
  if (report.main && (site_left || !scope_.contains(*report.main))) {
    const Attack a = std::move(*report.main);
    report.main.reset();
    report.reports_attack = false;
    if (site_left) {
      // Not one of our sites any more: no background attack either.
      scope_note = " (" + a.facility + " hosted no foreign forces after " +
                   lexicon_.facility_named(a.facility)->hosted_until + ")";
    } else {
      report.background.push_back(
          BackgroundAttack{a.date, a.country, a.city, a.facility, a.lat, a.lon, a.weapon,
                           a.evidence.count("facility") ? a.evidence.at("facility") : Evidence{}});
      scope_note = " (outside the scope: " + a.target_type + " target in " + a.country + ")";
    }
  }

  // The trace: each sentence's role as the main event sees it (L lead, A attack evidence,
  // T target in scope, * one of the main event's sentences), its cues, then the decision.
  for (std::size_t i = 0; with_trace && i < article.sentences.size(); ++i) {
    const auto& v = article.sentences[i];
    Role role = events.main ? events.main->roles[i] : v.role;
    std::string hits;
    for (const auto& h : v.hits)
      hits += std::string(" [") +
              (h.kind == lexicon::Kind::kTrigger ? std::string(lexicon::cue_name(h.cue))
                                                 : std::to_string(static_cast<int>(h.kind))) +
              ":" + std::string(v.text.substr(h.start, h.end - h.start)) + "]";
    char line[64];
    std::snprintf(line, sizeof line, "%3zu %-10s %s%s%s%s ", i, role_name(role), v.lead ? "L" : "-",
                  v.attack_evidence ? "A" : "-", v.in_scope_target ? "T" : "-",
                  events.main && events.main->speaks_of(i) ? "*" : " ");
    // The whole sentence as the readers saw it (the gloss, for another language).
    out.trace.push_back(line + std::string(v.text) + " |" + hits);
  }
  out.trace.push_back(std::string(report.reports_attack ? "attack: " : "no attack: ") +
                      events.decision.reason + scope_note);
  if (glossed) quote_original(report, *glossed, clean.text);
  return out;
}

Report Extractor::extract(const Document& document, const CleanText& clean) const {
  // The per-sentence trace is for `explain` only: building it was ~3 % of extraction time.
  return read(document, clean, false).report;
}

}  // namespace sitrep::extract
