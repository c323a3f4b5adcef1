// Merge: synthetic reports (built in code, no article text) -> incidents.
#include <gtest/gtest.h>
#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <random>
#include <set>
#include <string>
#include <vector>

#include "core/json.h"
#include "lexicon/lexicon.h"
#include "merge/merge.h"

namespace {

using sitrep::Attack;
using sitrep::Incident;
using sitrep::Report;
namespace merge = sitrep::merge;

// The attach model these tests merge with: weights close to the fitted ones
// (data/model/attach.tsv), fixed here so that a refit does not change what the tests check.
// AttachModel.ShippedModelMakesTheClearDecisions checks the shipped file itself.
const merge::AttachModel& attach() {
  static const merge::AttachModel model = [] {
    merge::AttachModel m;
    m.bias = -2.5;
    m.threshold = 0.5;
    auto set = [&](merge::AttachFeature f, double w) {
      m.weights[static_cast<std::size_t>(f)] = w;
    };
    set(merge::AttachFeature::kUsualDay, 0.85);
    set(merge::AttachFeature::kNamedDayUsual, 0.3);
    set(merge::AttachFeature::kSharedFigures, 1.25);
    set(merge::AttachFeature::kConflictingFigures, -0.55);
    set(merge::AttachFeature::kSharedWords, 0.8);
    set(merge::AttachFeature::kSameFacility, 1.5);
    set(merge::AttachFeature::kLogMembers, 0.35);
    set(merge::AttachFeature::kLogCandidates, -0.7);
    return m;
  }();
  return model;
}

struct Site {
  const char* facility;
  const char* city;
  double lat, lon;
};
// Made-up but realistic coordinates. The embassy and the support center are ~14 km apart; the
// support center sits inside the airport (< 2 km).
const Site kEmbassy{"US Embassy Baghdad", "Baghdad", 33.2986, 44.3958};
const Site kSupportCenter{"Baghdad Diplomatic Support Center", "Baghdad", 33.2700, 44.2400};
const Site kAirport{"Baghdad International Airport", "Baghdad", 33.2625, 44.2346};
const Site kAirBase{"Ain al-Asad Air Base", "Hit", 33.8000, 42.4400};

Report report(const std::string& doc, const std::string& published, std::optional<std::string> date,
              const Site& site, const std::string& weapon = "rocket") {
  Report r;
  r.doc = doc;
  r.published = published;
  r.outlet = "Outlet " + doc.substr(0, 3);
  r.reports_attack = true;
  Attack a;
  // As the extractor does: a named attack day keeps its sentence as evidence.
  if (date) a.evidence["date"] = sitrep::Evidence{"on " + *date, 0, 13, ""};
  a.date = std::move(date);
  a.country = "IQ";
  a.city = site.city;
  a.facility = site.facility;
  a.lat = site.lat;
  a.lon = site.lon;
  a.geo_precision = "facility";
  a.weapon = weapon;
  a.target_type = "diplomatic";
  r.main = a;
  return r;
}

Report city_report(const std::string& doc, const std::string& published,
                   std::optional<std::string> date, const std::string& city, double lat,
                   double lon) {
  Report r = report(doc, published, std::move(date), kEmbassy, "unknown");
  r.main->facility.clear();
  r.main->city = city;
  r.main->lat = lat;
  r.main->lon = lon;
  r.main->geo_precision = "city";
  return r;
}

sitrep::BackgroundAttack background(std::optional<std::string> date, const Site& site) {
  sitrep::BackgroundAttack b;
  b.date = std::move(date);
  b.country = "IQ";
  b.city = site.city;
  b.facility = site.facility;
  b.lat = site.lat;
  b.lon = site.lon;
  return b;
}

// The incident reporting `doc` as its main attack (else a background incident mentioning it).
const Incident* find_with(const merge::Update& update, const std::string& doc) {
  const Incident* found = nullptr;
  for (const Incident& i : update.incidents)
    if (std::find(i.reports.begin(), i.reports.end(), doc) != i.reports.end()) {
      if (!i.background) return &i;
      if (!found) found = &i;
    }
  return found;
}

std::string dump(const merge::Update& update) {
  nlohmann::json out = nlohmann::json::array();
  for (const Incident& i : update.incidents) out.push_back(sitrep::to_json(i));
  for (const auto& r : update.revisions)
    out.push_back({r.incident_id, r.revision, r.doc, r.changes, r.at});
  out.push_back(update.removed_ids);
  out.push_back(update.mentioned_in);
  return out.dump();
}

const std::string kNow = "2024-01-01T00:00:00Z";
const std::string kLater = "2024-01-02T00:00:00Z";

TEST(MergeReconcile, ConflictingLaunchCountsGiveRangeWithTieToLower) {
  Report a = report("001_a.txt", "2023-12-08", "2023-12-08", kEmbassy);
  a.main->launched = 3;
  a.main->evidence["launched"].source = "official security source";
  Report b = report("004_b.txt", "2023-12-08", "2023-12-08", kEmbassy);
  b.main->launched = 14;
  b.main->evidence["launched"].source = "Iraqi security source";

  auto update = merge::rebuild({b, a}, {}, kNow, attach());
  ASSERT_EQ(update.incidents.size(), 1u);
  const Incident& incident = update.incidents[0];
  EXPECT_EQ(incident.id, "inc-2023-12-08-us-embassy-baghdad");
  ASSERT_TRUE(incident.launched.has_value());
  EXPECT_EQ(incident.launched->low, 3);
  EXPECT_EQ(incident.launched->high, 14);
  EXPECT_EQ(incident.launched->best, 3);
  ASSERT_EQ(incident.launched->claims.size(), 2u);
  EXPECT_EQ(incident.launched->claims[0].doc, "001_a.txt");
  EXPECT_EQ(incident.launched->claims[0].source, "official security source");
  EXPECT_EQ(incident.launched->claims[1].value, 14);
  EXPECT_EQ(incident.launched->claims[1].outlet, "Outlet 004");
  EXPECT_FALSE(incident.intercepted.has_value());
  EXPECT_EQ(incident.reports, (std::vector<std::string>{"001_a.txt", "004_b.txt"}));
  EXPECT_FALSE(incident.background);
}

TEST(MergeReconcile, NonCasualtyBestIsTheMajority) {
  std::vector<Report> reports;
  for (int i = 0; i < 3; ++i) {
    reports.push_back(
        report("00" + std::to_string(i) + ".txt", "2023-12-08", "2023-12-08", kEmbassy));
    reports.back().main->launched = i == 0 ? 3 : 14;
  }
  auto update = merge::rebuild(reports, {}, kNow, attach());
  ASSERT_EQ(update.incidents.size(), 1u);
  EXPECT_EQ(update.incidents[0].launched->best, 14);
  EXPECT_EQ(update.incidents[0].launched->low, 3);
}

TEST(MergeReconcile, CasualtiesBestIsTheLowest) {
  std::vector<Report> reports;
  const int killed[] = {5, 2, 5};
  const int injured[] = {7, 9, 9};
  for (int i = 0; i < 3; ++i) {
    reports.push_back(
        report("00" + std::to_string(i) + ".txt", "2023-12-08", "2023-12-08", kEmbassy));
    reports.back().main->killed = killed[i];
    reports.back().main->injured = injured[i];
  }
  auto update = merge::rebuild(reports, {}, kNow, attach());
  ASSERT_EQ(update.incidents.size(), 1u);
  EXPECT_EQ(update.incidents[0].killed->best, 2);
  EXPECT_EQ(update.incidents[0].killed->high, 5);
  EXPECT_EQ(update.incidents[0].injured->best, 7);
}

TEST(MergeReconcile, SpecificFieldsWin) {
  Report a = report("a.txt", "2023-12-08", "2023-12-08", kEmbassy, "unknown");
  a.main->damage = "minor";
  a.main->suspected = {"Kataib Hezbollah"};
  a.main->alarm_sounded = true;
  a.main->time_local = "04:15";
  Report b = report("b.txt", "2023-12-08", "2023-12-08", kEmbassy, "rocket");
  b.main->weapon_detail = "Katyusha";
  b.main->damage = "unknown";
  b.main->suspected = {"Iran-aligned militias", "Kataib Hezbollah"};
  b.main->claimed_by = {"Islamic Resistance in Iraq"};
  b.main->alarm_sounded = false;
  Report c = city_report("c.txt", "2023-12-08", "2023-12-08", "Baghdad", 33.3128, 44.3615);
  c.main->damage = "none";
  c.main->target_type = "military";

  auto update = merge::rebuild({a, b, c}, {}, kNow, attach());
  ASSERT_EQ(update.incidents.size(), 1u);
  const Incident& i = update.incidents[0];
  EXPECT_EQ(i.weapon, "rocket");
  EXPECT_EQ(i.weapon_detail, "Katyusha");
  EXPECT_EQ(i.damage, "minor");
  EXPECT_EQ(i.facility, "US Embassy Baghdad");  // facility beats city
  EXPECT_EQ(i.geo_precision, "facility");
  EXPECT_EQ(i.time_local, "04:15");
  EXPECT_EQ(i.target_type, "diplomatic");  // 2 diplomatic vs 1 military
  EXPECT_EQ(i.suspected, (std::vector<std::string>{"Iran-aligned militias", "Kataib Hezbollah"}));
  EXPECT_EQ(i.claimed_by, (std::vector<std::string>{"Islamic Resistance in Iraq"}));
  EXPECT_EQ(i.alarm_sounded, true);
  EXPECT_EQ(i.air_defense_engaged, std::nullopt);
}

TEST(MergeReconcile, PlaceIsTheSiteMostReportsName) {
  // Three reports name the embassy; the first by file name names only the Green Zone around it.
  const Site green_zone{"Green Zone", "Baghdad", 33.3070, 44.3850};
  Report a = report("a.txt", "2020-11-18", "2020-11-17", green_zone);
  Report b = report("b.txt", "2020-11-18", "2020-11-17", kEmbassy);
  Report c = report("c.txt", "2020-11-18", "2020-11-17", kEmbassy);
  Report d = report("d.txt", "2020-11-18", "2020-11-17", kEmbassy);
  auto update = merge::rebuild({a, b, c, d}, {}, kNow, attach());
  ASSERT_EQ(update.incidents.size(), 1u);
  EXPECT_EQ(update.incidents[0].facility, "US Embassy Baghdad");
  EXPECT_EQ(update.incidents[0].id, "inc-2020-11-17-us-embassy-baghdad");
}

TEST(MergeReconcile, DateIsTheMajorityOfTheMostPreciseReports) {
  Report a = report("a.txt", "2023-12-08", "2023-12-07", kEmbassy);
  Report b = report("b.txt", "2023-12-08", "2023-12-08", kEmbassy);
  Report c = report("c.txt", "2023-12-09", "2023-12-08", kEmbassy);
  Report vague = city_report("d.txt", "2023-12-09", "2023-12-07", "Baghdad", 33.3128, 44.3615);
  Report mention = report("e.txt", "2024-03-01", "2024-03-01", kAirBase);
  mention.background.push_back(background("2023-12-07", kEmbassy));
  auto update = merge::rebuild({a, b, c, vague, mention}, {}, kNow, attach());
  ASSERT_EQ(update.incidents.size(), 2u);
  const Incident* incident = find_with(update, "a.txt");
  ASSERT_NE(incident, nullptr);
  EXPECT_EQ(incident->date, "2023-12-08");  // the city report's vote does not count
  EXPECT_EQ(incident->id, "inc-2023-12-08-us-embassy-baghdad");
  // A mention dated like one of the member reports is absorbed, not a new background incident.
  EXPECT_EQ(update.mentioned_in.at(incident->id), std::vector<std::string>{"e.txt"});
}

TEST(MergeCandidates, DifferentFacilitiesFarApartNeverMerge) {
  Report embassy = report("a.txt", "2024-09-10", "2024-09-10", kEmbassy);
  Report center = report("b.txt", "2024-09-10", "2024-09-10", kSupportCenter);
  auto update = merge::rebuild({embassy, center}, {}, kNow, attach());
  EXPECT_EQ(update.incidents.size(), 2u);
}

TEST(MergeCandidates, NestedFacilitiesMergeOnTheSameDay) {
  Report center = report("a.txt", "2024-09-10", "2024-09-10", kSupportCenter);
  Report airport = report("b.txt", "2024-09-10", "2024-09-10", kAirport);
  auto update = merge::rebuild({center, airport}, {}, kNow, attach());
  EXPECT_EQ(update.incidents.size(), 1u);
}

TEST(MergeCandidates, CityReportMergesWithFacilityWithinTenKm) {
  Report embassy = report("a.txt", "2024-09-10", "2024-09-10", kEmbassy);
  Report near = city_report("b.txt", "2024-09-10", "2024-09-10", "Baghdad", 33.3128, 44.3615);
  Report far = city_report("c.txt", "2024-09-10", "2024-09-10", "Fallujah", 33.35, 43.78);
  auto update = merge::rebuild({embassy, near, far}, {}, kNow, attach());
  ASSERT_EQ(update.incidents.size(), 2u);
  EXPECT_EQ(find_with(update, "a.txt"), find_with(update, "b.txt"));
  EXPECT_NE(find_with(update, "a.txt"), find_with(update, "c.txt"));
}

TEST(MergeCandidates, DatesWithinOneDayAndWeaponsAndCountriesMustFit) {
  Report a = report("a.txt", "2024-09-10", "2024-09-10", kAirBase, "rocket");
  Report next_day = report("b.txt", "2024-09-11", "2024-09-11", kAirBase, "unknown");
  Report two_days = report("c.txt", "2024-09-12", "2024-09-12", kAirBase, "rocket");
  Report drone = report("d.txt", "2024-09-10", "2024-09-10", kAirBase, "drone");
  Report other_country = report("e.txt", "2024-09-10", "2024-09-10", kAirBase);
  other_country.main->country = "SY";
  auto update = merge::rebuild({a, next_day, two_days, drone, other_country}, {}, kNow, attach());
  EXPECT_EQ(find_with(update, "a.txt"), find_with(update, "b.txt"));
  EXPECT_NE(find_with(update, "a.txt"), find_with(update, "c.txt"));
  EXPECT_NE(find_with(update, "a.txt"), find_with(update, "d.txt"));
  EXPECT_NE(find_with(update, "a.txt"), find_with(update, "e.txt"));
}

// Part of the real-report rules: rocket, missile and mortar are one family; a report dated by
// its report day reaches back two days; a city-only report joins the site in that city; a
// report with no day at all joins the one dated attack at its site whose figures it repeats.
TEST(MergeCandidates, RealReportingRules) {
  Report rockets = report("a.txt", "2024-09-10", "2024-09-10", kAirBase, "rocket");
  Report missiles = report("b.txt", "2024-09-10", "2024-09-10", kAirBase, "missile");
  Report drone = report("c.txt", "2024-09-10", "2024-09-10", kAirBase, "drone");
  Report report_day = report("d.txt", "2024-09-12", "2024-09-12", kAirBase, "rocket");
  report_day.main->evidence.clear();  // no attack day named: dated by the report
  // "an official said Thursday": the day of the relayed report, with that sentence as evidence.
  Report said_day = report("s.txt", "2024-09-12", "2024-09-12", kAirBase, "rocket");
  said_day.main->date_is_report_day = true;
  Report explicit_day = report("e.txt", "2024-09-12", "2024-09-12", kAirBase, "rocket");
  explicit_day.main->evidence["date"] = sitrep::Evidence{"on Thursday", 0, 11, ""};
  auto update = merge::rebuild({rockets, missiles, drone, report_day, said_day, explicit_day}, {},
                               kNow, attach());
  EXPECT_EQ(find_with(update, "a.txt"), find_with(update, "b.txt"));
  EXPECT_NE(find_with(update, "a.txt"), find_with(update, "c.txt"));
  EXPECT_EQ(find_with(update, "a.txt"), find_with(update, "d.txt"));
  EXPECT_NE(find_with(update, "a.txt"), find_with(update, "e.txt"));
  EXPECT_EQ(find_with(update, "a.txt"), find_with(update, "s.txt"));

  Report site = report("f.txt", "2024-09-10", "2024-09-10", kEmbassy);
  site.main->launched = 3;
  Report city = city_report("g.txt", "2024-09-10", "2024-09-10", "Baghdad", 33.40, 44.50);
  Report undated = report("h.txt", "", std::nullopt, kEmbassy);
  undated.main->launched = 3;
  Report other_undated = report("i.txt", "", std::nullopt, kEmbassy);
  other_undated.main->launched = 7;
  update = merge::rebuild({site, city, undated, other_undated}, {}, kNow, attach());
  EXPECT_EQ(find_with(update, "f.txt"), find_with(update, "g.txt"));
  EXPECT_EQ(find_with(update, "f.txt"), find_with(update, "h.txt"));
  EXPECT_NE(find_with(update, "f.txt"), find_with(update, "i.txt"));
}

// Reports with neither a date nor a published date, which only say "on Sunday" or "on December
// 20": the day they name picks the attack among several at the site with the same figures.
TEST(MergeCandidates, UndatedReportsJoinTheAttackOnTheDayTheyName) {
  Report sunday = report("a.txt", "2020-12-20", "2020-12-20", kEmbassy);  // a Sunday
  sunday.main->launched = 3;
  Report sunday_late = report("b.txt", "2020-12-21", "2020-12-21", kEmbassy);  // one outlet
  sunday_late.main->launched = 2;                                              // dates it Monday
  Report sunday_third = report("c.txt", "2020-12-20", "2020-12-20", kEmbassy);
  Report monday = report("d.txt", "2021-02-22", "2021-02-22", kEmbassy);  // a Monday
  monday.main->launched = 3;
  monday.main->impacted = 2;
  Report says_monday = report("e.txt", "", std::nullopt, kEmbassy);
  says_monday.main->launched = 3;
  says_monday.main->impacted = 2;
  says_monday.main->date_clue.weekday = 1;
  Report says_sunday = report("f.txt", "", std::nullopt, kEmbassy);
  says_sunday.main->launched = 3;
  says_sunday.main->date_clue.weekday = 0;
  Report says_december_20 = report("g.txt", "", std::nullopt, kEmbassy);  // no figure at all
  says_december_20.main->date_clue = sitrep::DateClue{12, 20, -1};
  Report says_tuesday = report("h.txt", "", std::nullopt, kEmbassy);  // fits neither
  says_tuesday.main->launched = 3;
  says_tuesday.main->date_clue.weekday = 2;
  auto update = merge::rebuild({sunday, sunday_late, sunday_third, monday, says_monday, says_sunday,
                                says_december_20, says_tuesday},
                               {}, kNow, attach());
  EXPECT_EQ(find_with(update, "a.txt"), find_with(update, "b.txt"));
  EXPECT_EQ(find_with(update, "f.txt"), find_with(update, "a.txt"));
  EXPECT_EQ(find_with(update, "g.txt"), find_with(update, "a.txt"));
  EXPECT_EQ(find_with(update, "e.txt"), find_with(update, "d.txt"));
  EXPECT_NE(find_with(update, "h.txt"), find_with(update, "a.txt"));
  EXPECT_NE(find_with(update, "h.txt"), find_with(update, "d.txt"));
  // "domingo (20)": a weekday and a day of the month, no month, no figure, names the day too.
  Report says_sunday_20 = report("q.txt", "", std::nullopt, kEmbassy);
  says_sunday_20.main->date_clue = sitrep::DateClue{0, 20, 0};
  Report says_monday_20 = report("r.txt", "", std::nullopt, kEmbassy);  // no Monday the 20th here
  says_monday_20.main->date_clue = sitrep::DateClue{0, 20, 1};
  update = merge::rebuild({sunday, sunday_late, monday, says_sunday_20, says_monday_20}, {}, kNow,
                          attach());
  EXPECT_EQ(find_with(update, "q.txt"), find_with(update, "a.txt"));
  EXPECT_NE(find_with(update, "r.txt"), find_with(update, "a.txt"));
  EXPECT_NE(find_with(update, "r.txt"), find_with(update, "d.txt"));
  // A Monday-night attack most outlets date Tuesday: "on Monday" still finds it, through the
  // one report that gives Monday, when no attack there is usually dated Monday.
  Report night_monday = report("m.txt", "2021-02-16", "2021-02-15", kAirBase);
  night_monday.main->launched = 14;
  Report night_tuesday = report("n.txt", "2021-02-16", "2021-02-16", kAirBase);
  Report night_tuesday_too = report("o.txt", "2021-02-16", "2021-02-16", kAirBase);
  Report says_night_monday = report("p.txt", "", std::nullopt, kAirBase);
  says_night_monday.main->launched = 14;
  says_night_monday.main->date_clue.weekday = 1;
  update = merge::rebuild({night_monday, night_tuesday, night_tuesday_too, says_night_monday}, {},
                          kNow, attach());
  EXPECT_EQ(find_with(update, "p.txt"), find_with(update, "n.txt"));
  // Two undated reports whose days differ are two attacks, however alike their figures.
  Report undated_sunday = report("i.txt", "", std::nullopt, kAirBase);
  undated_sunday.main->launched = 4;
  undated_sunday.main->date_clue.weekday = 0;
  Report undated_friday = undated_sunday;
  undated_friday.doc = "j.txt";
  undated_friday.main->date_clue.weekday = 5;
  Report undated_sunday_too = undated_sunday;
  undated_sunday_too.doc = "k.txt";
  update = merge::rebuild({undated_sunday, undated_friday, undated_sunday_too}, {}, kNow, attach());
  EXPECT_NE(find_with(update, "i.txt"), find_with(update, "j.txt"));
  EXPECT_EQ(find_with(update, "i.txt"), find_with(update, "k.txt"));
}

// Two Sunday attacks on the embassy, each with three rockets: the undated "on Sunday, three
// rockets" report joins the one whose particulars it repeats, and stays alone when it repeats
// none of either's.
TEST(MergeCandidates, UndatedReportJoinsTheAttackWhoseParticularsItRepeats) {
  auto with_sentence = [](Report r, const std::string& sentence) {
    r.main->launched = 3;
    r.main->evidence["launched"] = sitrep::Evidence{sentence, 0, sentence.size(), ""};
    return r;
  };
  const std::string jadiriya =
      "Three Katyusha rockets fell near the Jadiriya bridge, spokesman Yahya Rasool said.";
  const std::string zawraa = "Three rockets struck near Zawraa park, the Security Media Cell said.";
  std::vector<Report> reports{
      with_sentence(report("a.txt", "2020-12-20", "2020-12-20", kEmbassy), jadiriya),
      with_sentence(report("b.txt", "2021-01-10", "2021-01-10", kEmbassy), zawraa),
  };
  Report says_sunday = with_sentence(report("e.txt", "", std::nullopt, kEmbassy),
                                     "On Sunday three Katyusha rockets landed by the Jadiriya "
                                     "bridge, according to spokesman Yahya Rasool.");
  says_sunday.main->date_clue.weekday = 0;
  Report plain_sunday = with_sentence(report("f.txt", "", std::nullopt, kEmbassy),
                                      "Three rockets hit on Sunday, a statement said.");
  plain_sunday.main->date_clue.weekday = 0;
  reports.push_back(says_sunday);
  reports.push_back(plain_sunday);
  // Rarity is counted among the reports of the site (ten or more of a language): other attacks
  // on the embassy, on weekdays, that a "Sunday" rules out.
  for (const char* day : {"02", "03", "04", "05", "06", "07", "10", "11"})
    reports.push_back(
        with_sentence(report(std::string("z") + day + ".txt", std::string("2022-05-") + day,
                             std::string("2022-05-") + day, kEmbassy),
                      "Rockets hit the embassy compound, officials said."));
  auto update = merge::rebuild(reports, {}, kNow, attach());
  EXPECT_EQ(find_with(update, "e.txt"), find_with(update, "a.txt"));
  EXPECT_NE(find_with(update, "f.txt"), find_with(update, "a.txt"));
  EXPECT_NE(find_with(update, "f.txt"), find_with(update, "b.txt"));

  // A third Sunday attack with three rockets: a spokesman's name and a bridge are then not
  // enough, and the report stays apart (docs/MERGE.md).
  reports.push_back(with_sentence(report("c.txt", "2021-03-07", "2021-03-07", kEmbassy),
                                  "Rockets were fired at the compound, officials said."));
  update = merge::rebuild(reports, {}, kNow, attach());
  EXPECT_NE(find_with(update, "e.txt"), find_with(update, "a.txt"));
  EXPECT_NE(find_with(update, "e.txt"), find_with(update, "c.txt"));
}

// Two Sunday attacks on the embassy with three rockets each, in 2020 (a.txt) and in 2023 (b.txt),
// and an undated "on Sunday, three rockets" report of one of them (c.txt, last).
std::vector<Report> two_sunday_attacks_and_an_undated_report() {
  auto three = [](Report r) {
    r.main->launched = 3;
    return r;
  };
  std::vector<Report> reports{three(report("a.txt", "2020-12-20", "2020-12-20", kEmbassy)),
                              three(report("b.txt", "2023-12-03", "2023-12-03", kEmbassy)),
                              three(report("c.txt", "", std::nullopt, kEmbassy))};
  reports.back().main->date_clue.weekday = 0;
  return reports;
}

// Two Sunday attacks on the embassy with the same three rockets, in 2020 and in 2023: the undated
// "on Sunday, three rockets" report fits both, unless its article writes a year ("the 2023
// strikes"), which rules out the older one.
TEST(MergeCandidates, UndatedReportIsNoOlderThanTheYearsItsArticleWrites) {
  auto reports = two_sunday_attacks_and_an_undated_report();
  auto update = merge::rebuild(reports, {}, kNow, attach());
  EXPECT_NE(find_with(update, "c.txt"), find_with(update, "a.txt"));
  EXPECT_NE(find_with(update, "c.txt"), find_with(update, "b.txt"));

  reports.back().main->date_clue.year_at_least = 2023;
  update = merge::rebuild(reports, {}, kNow, attach());
  EXPECT_EQ(find_with(update, "c.txt"), find_with(update, "b.txt"));
  EXPECT_NE(find_with(update, "c.txt"), find_with(update, "a.txt"));
}

// A site the database knows one attack on: an undated report of an attack there told on its
// weekday with its figure is that attack; one told on another weekday, one that gives another
// figure, or one that a second attack on the site fits as well, stays apart.
TEST(MergeCandidates, UndatedReportJoinsTheOneAttackOnItsSite) {
  Report dated = report("a.txt", "2022-12-04", "2022-12-04", kEmbassy);  // a Sunday
  dated.main->launched = 3;
  Report undated = report("b.txt", "", std::nullopt, kEmbassy);
  undated.main->launched = 3;
  undated.main->date_clue.weekday = 0;
  auto update = merge::rebuild({dated, undated}, {}, kNow, attach());
  EXPECT_EQ(find_with(update, "b.txt"), find_with(update, "a.txt"));

  Report other_day = undated;
  other_day.main->date_clue.weekday = 3;
  update = merge::rebuild({dated, other_day}, {}, kNow, attach());
  EXPECT_NE(find_with(update, "b.txt"), find_with(update, "a.txt"));

  Report other_figure = undated;
  other_figure.main->launched = 7;
  update = merge::rebuild({dated, other_figure}, {}, kNow, attach());
  EXPECT_NE(find_with(update, "b.txt"), find_with(update, "a.txt"));

  Report second = report("c.txt", "2023-05-14", "2023-05-14", kEmbassy);  // a Sunday too
  second.main->launched = 3;
  update = merge::rebuild({dated, second, undated}, {}, kNow, attach());
  EXPECT_NE(find_with(update, "b.txt"), find_with(update, "a.txt"));
  EXPECT_NE(find_with(update, "b.txt"), find_with(update, "c.txt"));
}

// An undated page filed under "/2023/12/" tells an attack of that month or the one before: of two
// Sunday attacks with three rockets, it joins the December 2023 one, not the one of 2020.
TEST(MergeCandidates, UndatedPageJoinsAnAttackOfTheMonthItsAddressGives) {
  auto reports = two_sunday_attacks_and_an_undated_report();
  reports.back().url = "https://example.com/2023/12/rockets-hit-embassy";
  auto update = merge::rebuild(reports, {}, kNow, attach());
  EXPECT_EQ(find_with(update, "c.txt"), find_with(update, "b.txt"));
  EXPECT_NE(find_with(update, "c.txt"), find_with(update, "a.txt"));

  reports.back().url = "https://example.com/2022/06/rockets-hit-embassy";
  update = merge::rebuild(reports, {}, kNow, attach());
  EXPECT_NE(find_with(update, "c.txt"), find_with(update, "a.txt"));
  EXPECT_NE(find_with(update, "c.txt"), find_with(update, "b.txt"));
}

// Words are rare or common among reports of one language: a French report's everyday French
// words are no particulars just because most reports are in English.
TEST(MergeCandidates, WordRarityIsCountedWithinALanguage) {
  auto said = [](Report r, const std::string& language, int launched, const std::string& text) {
    r.language = language;
    r.main->launched = launched;
    r.main->evidence["launched"] = sitrep::Evidence{text, 0, text.size(), ""};
    return r;
  };
  const std::string french =
      "Des roquettes ont vise la base militaire turque de Zilkan mercredi, selon les autorites "
      "kurdes locales";
  std::vector<Report> reports{
      said(report("a.txt", "2023-02-01", "2023-02-01", kAirBase), "en", 8,
           "Eight rockets struck the base on Wednesday."),
      said(report("b.txt", "2021-04-14", "2021-04-14", kAirBase), "fr", 3, french + " soir."),
  };
  // English reports of other attacks on the base (on days other than Wednesdays) make every
  // French word look rare among the base's reports as a whole.
  for (const char* day : {"13", "14", "16", "17", "18", "19", "20", "21", "23", "24", "25", "26"})
    reports.push_back(said(report(std::string("e") + day + ".txt", std::string("2022-06-") + day,
                                  std::string("2022-06-") + day, kAirBase),
                           "en", 2, "Two rockets hit the base."));
  Report undated = said(report("f.txt", "", std::nullopt, kAirBase), "fr", 8, french + " matin.");
  undated.main->date_clue.weekday = 3;  // both attacks fell on a Wednesday
  reports.push_back(undated);
  auto update = merge::rebuild(reports, {}, kNow, attach());
  EXPECT_EQ(find_with(update, "f.txt"), find_with(update, "a.txt"));
  EXPECT_NE(find_with(update, "f.txt"), find_with(update, "b.txt"));
}

TEST(MergeCandidates, NullDateMergesThroughPublishedDate) {
  Report dated = report("a.txt", "2023-12-08", "2023-12-08", kEmbassy);
  Report undated = report("b.txt", "2023-12-10", std::nullopt, kEmbassy);  // 2 days later
  Report stale = report("c.txt", "2023-12-13", std::nullopt, kEmbassy);    // 5 days later
  auto update = merge::rebuild({dated, undated, stale}, {}, kNow, attach());
  ASSERT_EQ(update.incidents.size(), 2u);
  const Incident* merged = find_with(update, "a.txt");
  ASSERT_NE(merged, nullptr);
  EXPECT_EQ(merged->reports, (std::vector<std::string>{"a.txt", "b.txt"}));
  EXPECT_EQ(merged->date, "2023-12-08");  // a date beats null
  const Incident* alone = find_with(update, "c.txt");
  ASSERT_NE(alone, nullptr);
  EXPECT_FALSE(alone->date.has_value());
  EXPECT_EQ(alone->date_precision, "unknown");
  EXPECT_EQ(alone->id, "inc-undated-us-embassy-baghdad");
}

TEST(MergeBackground, MentionIsAbsorbedByTheMainIncident) {
  Report main = report("a.txt", "2024-09-13", "2024-09-10", kSupportCenter);
  Report other = report("b.txt", "2024-10-01", "2024-10-01", kAirBase);
  other.background.push_back(background("2024-09-10", kSupportCenter));
  auto update = merge::rebuild({other, main}, {}, kNow, attach());
  ASSERT_EQ(update.incidents.size(), 2u);
  const Incident* incident = find_with(update, "a.txt");
  ASSERT_NE(incident, nullptr);
  EXPECT_FALSE(incident->background);
  EXPECT_EQ(incident->reports, std::vector<std::string>{"a.txt"});
  EXPECT_EQ(update.mentioned_in.at(incident->id), std::vector<std::string>{"b.txt"});
  for (const Incident& i : update.incidents) EXPECT_FALSE(i.background);
}

TEST(MergeBackground, MentionOnlyBecomesBackgroundIncident) {
  Report a = report("a.txt", "2024-09-13", "2024-09-10", kEmbassy);
  a.background.push_back(background("2022-01-03", kSupportCenter));
  a.background.push_back(background(std::nullopt, kAirBase));
  Report b = report("b.txt", "2024-10-01", "2024-10-01", kAirBase);
  b.background.push_back(background("2022-01-03", kSupportCenter));
  b.background.push_back(background(std::nullopt, kAirBase));
  b.background.push_back(background("2022-01-04", kSupportCenter));  // another day
  Report not_attack;                                                 // no main at all
  not_attack.doc = "c.txt";
  not_attack.background.push_back(background("2022-01-03", kSupportCenter));

  auto update = merge::rebuild({a, b, not_attack}, {}, kNow, attach());
  std::vector<const Incident*> backgrounds;
  for (const Incident& i : update.incidents)
    if (i.background) backgrounds.push_back(&i);
  ASSERT_EQ(backgrounds.size(), 3u);
  const Incident* old = nullptr;
  for (const Incident* i : backgrounds)
    if (i->date == "2022-01-03") old = i;
  ASSERT_NE(old, nullptr);
  EXPECT_EQ(old->id, "inc-2022-01-03-baghdad-diplomatic-support-center");
  EXPECT_EQ(old->reports, (std::vector<std::string>{"a.txt", "b.txt", "c.txt"}));
  EXPECT_FALSE(old->launched.has_value());
  // The undated mentions of the air base merged with each other, not with b's main attack.
  const Incident* main_b = find_with(update, "b.txt");
  for (const Incident& i : update.incidents)
    if (!i.background && i.facility == kAirBase.facility) main_b = &i;
  ASSERT_NE(main_b, nullptr);
  EXPECT_EQ(main_b->reports, std::vector<std::string>{"b.txt"});
}

TEST(MergeBackground, LaterReportTurnsItIntoMainIncident) {
  Report a = report("a.txt", "2024-09-13", "2024-09-10", kEmbassy);
  a.background.push_back(background("2022-01-03", kSupportCenter));
  auto first = merge::rebuild({a}, {}, kNow, attach());
  ASSERT_EQ(first.incidents.size(), 2u);
  Report late = report("z.txt", "2022-01-03", "2022-01-03", kSupportCenter);
  auto second = merge::rebuild({a, late}, first.incidents, kLater, attach());
  ASSERT_EQ(second.incidents.size(), 2u);
  const Incident* incident = find_with(second, "z.txt");
  ASSERT_NE(incident, nullptr);
  EXPECT_FALSE(incident->background);
  EXPECT_EQ(incident->reports, std::vector<std::string>{"z.txt"});
}

TEST(MergeRevisions, ReingestingGivesZeroRevisions) {
  Report a = report("a.txt", "2023-12-08", "2023-12-08", kEmbassy);
  a.main->launched = 3;
  Report b = report("b.txt", "2023-12-08", "2023-12-08", kEmbassy);
  b.main->launched = 14;
  b.background.push_back(background("2022-01-03", kSupportCenter));
  Report c = report("c.txt", "2024-02-01", "2024-02-01", kAirBase, "drone");

  auto first = merge::rebuild({a, b, c}, {}, kNow, attach());
  ASSERT_EQ(first.incidents.size(), 3u);
  EXPECT_EQ(first.revisions.size(), 3u);
  for (const auto& r : first.revisions) {
    EXPECT_EQ(r.revision, 1);
    EXPECT_EQ(r.changes.rfind("created from ", 0), 0u) << r.changes;
  }
  // The previous incidents come back from the store through JSON.
  std::vector<Incident> stored;
  for (const Incident& i : first.incidents) {
    auto back = sitrep::incident_from_json(nlohmann::json::parse(sitrep::to_json(i).dump()));
    ASSERT_TRUE(back.has_value());
    stored.push_back(*back);
  }
  auto second = merge::rebuild({c, b, a}, stored, kLater, attach());
  EXPECT_TRUE(second.revisions.empty());
  EXPECT_TRUE(second.removed_ids.empty());
  nlohmann::json before = nlohmann::json::array(), after = nlohmann::json::array();
  for (const auto& i : first.incidents) before.push_back(sitrep::to_json(i));
  for (const auto& i : second.incidents) after.push_back(sitrep::to_json(i));
  EXPECT_EQ(before, after);  // same ids, revisions and timestamps
}

TEST(MergeRevisions, NewFigureBumpsRevisionAndKeepsId) {
  Report a = report("001_a.txt", "2023-12-08", "2023-12-08", kEmbassy);
  a.main->launched = 3;
  auto first = merge::rebuild({a}, {}, kNow, attach());
  ASSERT_EQ(first.incidents.size(), 1u);
  const std::string id = first.incidents[0].id;

  Report b = report("004_b.txt", "2023-12-09", "2023-12-08", kEmbassy);
  b.main->launched = 14;
  auto second = merge::rebuild({a, b}, first.incidents, kLater, attach());
  ASSERT_EQ(second.incidents.size(), 1u);
  const Incident& incident = second.incidents[0];
  EXPECT_EQ(incident.id, id);
  EXPECT_EQ(incident.revision, 2);
  EXPECT_EQ(incident.first_seen, kNow);
  EXPECT_EQ(incident.updated, kLater);
  ASSERT_EQ(second.revisions.size(), 1u);
  EXPECT_EQ(second.revisions[0].incident_id, id);
  EXPECT_EQ(second.revisions[0].revision, 2);
  EXPECT_EQ(second.revisions[0].doc, "004_b.txt");
  EXPECT_NE(second.revisions[0].changes.find("launched 3 -> 3..14"), std::string::npos)
      << second.revisions[0].changes;
  EXPECT_NE(second.revisions[0].changes.find("+report 004_b.txt"), std::string::npos);
  EXPECT_EQ(second.revisions[0].at, kLater);
}

TEST(MergeRevisions, VanishedIncidentsAreRemovedAndCollisionsGetSuffixes) {
  Report rocket = report("a.txt", "2024-02-01", "2024-02-01", kAirBase, "rocket");
  Report drone = report("b.txt", "2024-02-01", "2024-02-01", kAirBase, "drone");
  auto first = merge::rebuild({rocket, drone}, {}, kNow, attach());
  ASSERT_EQ(first.incidents.size(), 2u);
  EXPECT_EQ(first.incidents[0].id, "inc-2024-02-01-ain-al-asad-air-base");
  EXPECT_EQ(first.incidents[1].id, "inc-2024-02-01-ain-al-asad-air-base-2");
  // The first one disappears: the second keeps its id rather than being renumbered.
  auto second = merge::rebuild({drone}, first.incidents, kLater, attach());
  ASSERT_EQ(second.incidents.size(), 1u);
  EXPECT_EQ(second.incidents[0].id, "inc-2024-02-01-ain-al-asad-air-base-2");
  EXPECT_EQ(second.removed_ids, std::vector<std::string>{"inc-2024-02-01-ain-al-asad-air-base"});
  EXPECT_TRUE(second.revisions.empty());
}

TEST(MergeRevisions, RefinedPlaceGetsNewIdAndKeepsFirstSeen) {
  Report vague = city_report("a.txt", "2023-12-08", "2023-12-08", "Baghdad", 33.3128, 44.3615);
  auto first = merge::rebuild({vague}, {}, kNow, attach());
  ASSERT_EQ(first.incidents.size(), 1u);
  EXPECT_EQ(first.incidents[0].id, "inc-2023-12-08-baghdad");
  Report precise = report("b.txt", "2023-12-08", "2023-12-08", kEmbassy);
  auto second = merge::rebuild({vague, precise}, first.incidents, kLater, attach());
  ASSERT_EQ(second.incidents.size(), 1u);
  EXPECT_EQ(second.incidents[0].id, "inc-2023-12-08-us-embassy-baghdad");
  EXPECT_EQ(second.incidents[0].first_seen, kNow);
  EXPECT_EQ(second.incidents[0].revision, 2);
  EXPECT_EQ(second.removed_ids, std::vector<std::string>{"inc-2023-12-08-baghdad"});
  ASSERT_EQ(second.revisions.size(), 1u);
  EXPECT_NE(second.revisions[0].changes.find("id inc-2023-12-08-baghdad -> "), std::string::npos);
}

// ~15 reports: two attacks with conflicting figures, an undated report that fits one of them,
// a vague city report, same-day attacks on different sites, background mentions.
std::vector<Report> mixed_reports() {
  std::vector<Report> r;
  const char* dates[] = {"2023-12-07", "2023-12-08", "2023-12-08", "2023-12-09", "2023-12-10"};
  for (int i = 0; i < 5; ++i) {
    r.push_back(report("e" + std::to_string(i) + ".txt", dates[i], dates[i], kEmbassy));
    r.back().main->launched = 3 + i * 4;
    r.back().main->killed = i % 3;
  }
  r.push_back(report("u1.txt", "2023-12-10", std::nullopt, kEmbassy, "unknown"));
  r.push_back(report("u2.txt", "2023-12-11", std::nullopt, kSupportCenter));
  // Undated pages (no day, no published date): one that fits e1 (a Friday, 7 rockets), one that
  // two attacks fit alike, one that fits none.
  r.push_back(report("w1.txt", "", std::nullopt, kEmbassy));
  r.back().main->launched = 7;
  r.back().main->date_clue.weekday = 5;
  r.push_back(report("w2.txt", "", std::nullopt, kEmbassy));
  r.back().main->date_clue.weekday = 5;
  r.push_back(report("w3.txt", "", std::nullopt, kEmbassy));
  r.back().main->date_clue.weekday = 1;
  r.push_back(city_report("v1.txt", "2023-12-08", "2023-12-08", "Baghdad", 33.3128, 44.3615));
  r.push_back(city_report("v2.txt", "2023-12-09", "2023-12-09", "Baghdad", 33.3128, 44.3615));
  for (int i = 0; i < 3; ++i) {
    r.push_back(report("s" + std::to_string(i) + ".txt", "2023-12-08", "2023-12-08",
                       i == 2 ? kAirport : kSupportCenter, i == 1 ? "drone" : "unknown"));
    r.back().main->impacted = i;
  }
  // Knows only the country: it fits several clusters and must not bridge them.
  r.push_back(report("n1.txt", "2023-12-08", "2023-12-08", kEmbassy, "unknown"));
  r.back().main->facility.clear();
  r.back().main->city.clear();
  r.back().main->lat.reset();
  r.back().main->lon.reset();
  r.back().main->geo_precision = "country";
  r.back().main->injured = 4;
  r.push_back(report("b1.txt", "2024-01-05", "2024-01-05", kAirBase));
  r.back().background.push_back(background("2023-12-08", kEmbassy));
  r.back().background.push_back(background("2022-01-03", kSupportCenter));
  r.push_back(report("b2.txt", "2024-01-06", "2024-01-05", kAirBase));
  r.back().background.push_back(background("2022-01-03", kAirport));
  r.back().background.push_back(background(std::nullopt, kEmbassy));
  return r;
}

TEST(MergeOrder, ShuffledInputGivesIdenticalOutput) {
  std::vector<Report> reports = mixed_reports();
  ASSERT_GE(reports.size(), 15u);
  if (std::getenv("SITREP_MERGE_DEBUG"))
    for (const auto& i : merge::rebuild(reports, {}, kNow, attach()).incidents) {
      auto j = sitrep::to_json(i);
      std::printf("%s %s bg=%d launched=%s\n", i.id.c_str(), j["reports"].dump().c_str(),
                  i.background,
                  j["launched"].is_null() ? "-" : j["launched"]["best"].dump().c_str());
    }
  const auto merged = merge::rebuild(reports, {}, kNow, attach());
  // The undated pages are placed (so the order test covers that pass too).
  EXPECT_EQ(find_with(merged, "w1.txt"), find_with(merged, "e1.txt"));
  EXPECT_EQ(find_with(merged, "w3.txt")->reports, std::vector<std::string>{"w3.txt"});
  const std::string expected = dump(merged);
  std::mt19937 random(12345);
  for (int round = 0; round < 20; ++round) {
    std::shuffle(reports.begin(), reports.end(), random);
    EXPECT_EQ(dump(merge::rebuild(reports, {}, kNow, attach())), expected)
        << "permutation " << round;
  }
  // And with a previous state, too.
  auto base = merge::rebuild(reports, {}, kNow, attach());
  std::vector<Report> fewer(reports.begin(), reports.end() - 3);
  std::sort(fewer.begin(), fewer.end(),
            [](const Report& a, const Report& b) { return a.doc < b.doc; });
  const std::string expected_update = dump(merge::rebuild(fewer, base.incidents, kLater, attach()));
  for (int round = 0; round < 5; ++round) {
    std::shuffle(fewer.begin(), fewer.end(), random);
    EXPECT_EQ(dump(merge::rebuild(fewer, base.incidents, kLater, attach())), expected_update);
  }
}

// 5,000 reports over three years. With the day index this rebuilds in a few tens of
// milliseconds in a release build; a scan over all incidents per report would be ~1000x slower.
TEST(MergeScale, ThousandsOfReportsUseTheIndex) {
  const Site sites[] = {kEmbassy, kSupportCenter, kAirBase};
  std::mt19937 random(7);
  std::vector<Report> reports;
  int mains = 0;
  for (int i = 0; i < 5000; ++i) {
    const int day = static_cast<int>(random() % (3 * 365));
    const int year = 2021 + day / 365, month = 1 + (day % 365) / 31 % 12, dom = 1 + day % 28;
    char date[16];
    std::snprintf(date, sizeof date, "%04d-%02d-%02d", year, month, dom);
    char doc[32];
    std::snprintf(doc, sizeof doc, "%05d.txt", i);
    reports.push_back(report(doc, date, std::string(date), sites[random() % 3]));
    reports.back().main->launched = static_cast<int>(random() % 20);
    if (i % 10 == 0) reports.back().background.push_back(background(std::string(date), kAirport));
    ++mains;
  }
  auto update = merge::rebuild(reports, {}, kNow, attach());
  std::size_t reported = 0;
  for (const Incident& i : update.incidents) {
    reported += i.reports.size() * (i.background ? 0 : 1);
    if (!i.background) {
      EXPECT_EQ(static_cast<int>(i.launched->claims.size()), static_cast<int>(i.reports.size()));
    }
  }
  EXPECT_EQ(reported, static_cast<std::size_t>(mains));  // every main report in one incident
  EXPECT_LT(update.incidents.size(), reports.size());
}

TEST(MergeTallies, CollectedAndComparedWithOwnIncidents) {
  Report a = report("a.txt", "2023-12-08", "2023-12-08", kEmbassy);
  sitrep::Tally tally;
  tally.count = 78;
  tally.qualifier = "more than";
  tally.period_start = "2023-10-17";
  tally.period_end = "2023-12-08";
  tally.region = "Iraq and Syria";
  tally.evidence.source = "Pentagon";
  a.tallies.push_back(tally);
  Report b = report("b.txt", "2023-11-01", "2023-11-01", kAirBase);
  Report c = report("c.txt", "2023-11-02", "2023-11-02", kAirBase, "drone");
  c.main->country = "SY";
  Report d = report("d.txt", "2023-09-01", "2023-09-01", kAirBase);

  auto claims = merge::tallies({b, a});
  ASSERT_EQ(claims.size(), 1u);
  EXPECT_EQ(claims[0].doc, "a.txt");
  EXPECT_EQ(claims[0].source, "Pentagon");
  EXPECT_EQ(claims[0].tally.count, 78);

  auto update = merge::rebuild({a, b, c, d}, {}, kNow, attach());
  EXPECT_EQ(merge::count_incidents(update.incidents, "2023-10-17", "2023-12-08", {"IQ", "SY"}), 3);
  EXPECT_EQ(merge::count_incidents(update.incidents, "2023-10-17", "2023-12-08", {"IQ"}), 2);
  EXPECT_EQ(merge::count_incidents(update.incidents, "", "", {}), 4);
}

// The gold reports of the seed corpus (read at run time) must fall into the gold's incident
// clusters: reports sharing an `incident` label in one incident, the others apart.
TEST(MergeGold, GoldReportsClusterLikeTheGoldIncidents) {
  std::ifstream in(SITREP_SHARED_DIR "/corpus/seeds/gold.jsonl");
  if (!in) GTEST_SKIP() << "no " SITREP_SHARED_DIR "/corpus/seeds/gold.jsonl";
  std::vector<Report> reports;
  std::map<std::string, std::string> gold_cluster;  // doc -> gold incident label
  for (std::string line; std::getline(in, line);) {
    if (line.empty()) continue;
    const auto json = nlohmann::json::parse(line);
    auto parsed = sitrep::report_from_json(json);
    ASSERT_TRUE(parsed.has_value()) << parsed.error().message;
    if (parsed->reports_attack && json.contains("incident"))
      gold_cluster[parsed->doc] = json["incident"].get<std::string>();
    reports.push_back(*parsed);
  }
  ASSERT_FALSE(gold_cluster.empty());
  auto update = merge::rebuild(reports, {}, kNow, attach());
  for (const auto& [doc_a, label_a] : gold_cluster)
    for (const auto& [doc_b, label_b] : gold_cluster) {
      const Incident* a = find_with(update, doc_a);
      const Incident* b = find_with(update, doc_b);
      ASSERT_NE(a, nullptr) << doc_a;
      EXPECT_EQ(a == b, label_a == label_b) << doc_a << " vs " << doc_b;
    }
  for (const Incident& i : update.incidents) EXPECT_EQ(i.id.rfind("inc-", 0), 0u);
}

}  // namespace

namespace attach_model {

std::string model_text(const std::string& bias_row) {
  return "# fitted\n" + bias_row +
         "threshold\t0.6\nusual_day\t1\nnamed_day_usual\t0\nshared_figures\t2\n"
         "conflicting_figures\t0\nshared_words\t0\nsame_facility\t0\nlog_members\t0\n"
         "log_candidates\t0\n";
}

// A model file names each of its features once; a row it cannot use is an error naming the
// file and line, and a missing one an error naming the file.
TEST(AttachModel, FileRowsAreReadByNameAndBadFilesNamed) {
  const auto path = std::filesystem::temp_directory_path() /
                    ("sitrep_attach_" + std::to_string(::getpid()) + ".tsv");
  auto load = [&](const std::string& text) {
    std::ofstream(path) << text;
    return merge::AttachModel::load(path);
  };
  auto good = load(model_text("bias\t-1.5\r\n"));  // a CRLF line is read too
  ASSERT_TRUE(good.has_value()) << good.error().message;
  EXPECT_DOUBLE_EQ(good->bias, -1.5);
  EXPECT_DOUBLE_EQ(good->threshold, 0.6);
  EXPECT_DOUBLE_EQ(good->weights[static_cast<std::size_t>(merge::AttachFeature::kSharedFigures)],
                   2.0);
  auto error_of = [&](const std::string& text) {
    auto loaded = load(text);
    return loaded ? std::string("(loaded)") : loaded.error().message;
  };
  const std::string unknown = error_of(model_text("bias\t0\nshared_dreams\t1\n"));
  EXPECT_NE(unknown.find(path.string() + ":3:"), std::string::npos) << unknown;
  EXPECT_NE(unknown.find("shared_dreams"), std::string::npos) << unknown;
  EXPECT_NE(error_of(model_text("bias\t-1.5x\n")).find(":2: weight is not a number"),
            std::string::npos);
  EXPECT_NE(error_of(model_text("bias\tnan\n")).find("not finite"), std::string::npos);
  EXPECT_NE(error_of(model_text("bias\t0\nbias\t1\n")).find("given twice"), std::string::npos);
  EXPECT_NE(error_of(model_text("")).find("no row for 'bias'"), std::string::npos);
  EXPECT_NE(error_of("bias\t0\nthreshold\t0.5\n").find("no row for 'usual_day'"),
            std::string::npos);
  EXPECT_NE(error_of("bias\t0\nthreshold\t1.5\n").find("threshold must be in (0, 1]"),
            std::string::npos);
  std::filesystem::remove(path);
  EXPECT_FALSE(merge::AttachModel::load(path).has_value());  // missing file
}

// The shipped model (data/model/attach.tsv) joins a report told on its attack's weekday with its
// figures at the only attack on its site, and leaves apart one that two attacks fit alike.
TEST(AttachModel, ShippedModelMakesTheClearDecisions) {
  auto shipped = merge::AttachModel::load_default(sitrep::lexicon::Lexicon::default_data_dir());
  ASSERT_TRUE(shipped.has_value()) << shipped.error().message;
  Report dated = report("a.txt", "2022-12-04", "2022-12-04", kEmbassy);  // a Sunday
  dated.main->launched = 3;
  dated.main->impacted = 2;
  Report undated = report("b.txt", "", std::nullopt, kEmbassy);
  undated.main->launched = 3;
  undated.main->impacted = 2;
  undated.main->date_clue.weekday = 0;
  auto update = merge::rebuild({dated, undated}, {}, kNow, *shipped);
  EXPECT_EQ(find_with(update, "b.txt"), find_with(update, "a.txt"));
  Report twin = dated;
  twin.doc = "c.txt";
  twin.published = *(twin.main->date = "2023-05-14");  // a Sunday too
  update = merge::rebuild({dated, twin, undated}, {}, kNow, *shipped);
  EXPECT_NE(find_with(update, "b.txt"), find_with(update, "a.txt"));
  EXPECT_NE(find_with(update, "b.txt"), find_with(update, "c.txt"));
}

merge::AttachFeatures figures(double shared) {
  merge::AttachFeatures x{};
  x[static_cast<std::size_t>(merge::AttachFeature::kSharedFigures)] = shared;
  return x;
}

// Reports whose own attack is the candidate that shares their figures, and reports with no
// figure in common that stay apart: the fit learns that a shared figure is what joins, and the
// fitted model joins a clear best, not one of two equal candidates.
TEST(AttachModel, FitLearnsWhatJoinsAndStaysApartWhenTwoFitAlike) {
  std::vector<merge::AttachExample> examples;
  for (int i = 0; i < 40; ++i) {
    examples.push_back({{figures(0), figures(1)}, 1});
    examples.push_back({{figures(0), figures(0)}, std::nullopt});
  }
  examples.push_back({{figures(1)}, std::nullopt});  // a figure in common by chance
  examples.push_back({{figures(0)}, 0});             // an attack told with other figures
  auto fit = merge::fit_attach_model(examples, 1.0);
  ASSERT_TRUE(fit.has_value()) << fit.error().message;
  EXPECT_GT(fit->model.weights[static_cast<std::size_t>(merge::AttachFeature::kSharedFigures)],
            2.0);
  EXPECT_LT(fit->model.bias, 0.0);
  EXPECT_EQ(fit->model.choose({figures(0), figures(1)}), std::optional<std::size_t>(1));
  EXPECT_EQ(fit->model.choose({figures(0), figures(0)}), std::nullopt);
  EXPECT_EQ(fit->model.choose({figures(1), figures(1)}), std::nullopt);
  EXPECT_EQ(fit->model.choose({}), std::nullopt);

  // A lower threshold lets two candidates both reach it: still neither of two that fit alike,
  // and the clearly better of two that do not.
  merge::AttachModel low = fit->model;
  low.threshold = 0.2;
  EXPECT_EQ(low.choose({figures(1), figures(1)}), std::nullopt);
  EXPECT_EQ(low.choose({figures(1), figures(0)}), std::optional<std::size_t>(0));

  // Nothing to learn from reports that all stay apart; no fit without a penalty, or with an
  // answer that is none of the candidates.
  std::vector<merge::AttachExample> stays{{{figures(0)}, std::nullopt}};
  EXPECT_FALSE(merge::fit_attach_model(stays, 1.0).has_value());
  EXPECT_FALSE(merge::fit_attach_model(examples, 0.0).has_value());
  examples.push_back({{figures(0)}, 3});
  EXPECT_FALSE(merge::fit_attach_model(examples, 1.0).has_value());
}

}  // namespace attach_model
