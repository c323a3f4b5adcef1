// Lexicon: loading the shipped data, matching rules, data integrity and the gazetteer.
#include <gtest/gtest.h>

#include <atomic>
#include <cctype>
#include <chrono>
#include <cmath>
#include <fstream>
#include <map>
#include <set>
#include <thread>

#include "lexicon/lexicon.h"
#include "text/text.h"

namespace fs = std::filesystem;
using sitrep::lexicon::Kind;
using sitrep::lexicon::Lexicon;
using sitrep::lexicon::Match;

namespace {

const Lexicon& shipped() {
  static const Lexicon lexicon = [] {
    auto loaded = Lexicon::load(SITREP_SOURCE_DATA_DIR);
    if (!loaded) {
      ADD_FAILURE() << loaded.error().message;
      std::abort();
    }
    return std::move(*loaded);
  }();
  return lexicon;
}

std::vector<Match> of_kind(const std::vector<Match>& matches, Kind kind) {
  std::vector<Match> out;
  for (const auto& m : matches)
    if (m.kind == kind) out.push_back(m);
  return out;
}

std::string covered(std::string_view text, const Match& m) {
  return std::string(text.substr(m.start, m.end - m.start));
}

// Writes a minimal data dir; `overrides` replaces whole files by name.
struct TempDataDir {
  fs::path root;
  TempDataDir(std::initializer_list<std::pair<const std::string, std::string>> overrides = {}) {
    root = fs::temp_directory_path() /
           ("sitrep_lexicon_test_" +
            std::to_string(::testing::UnitTest::GetInstance()->random_seed()) + "_" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(root);
    fs::create_directories(root / "lexicon");
    std::map<std::string, std::string> files = {
        {"facilities.tsv",
         "# test\nAlpha Base\tAlpha|Alpha Camp\tmilitary\tIQ\tBaghdad\t33.1\t44.1\t\n"
         "Alpha Annex\t\tdiplomatic\tIQ\tBaghdad\t33.2\t44.2\tAlpha Base\n"},
        {"actors.tsv", "Red Group\tRed Faction|RG\tmilitia\n"},
        {"weapons.tsv", "rocket\trocket\t\nrockets\trocket\t\n"},
        {"countries.tsv", "IQ\tIraq\tIraqi|Iraqis\n"},
    };
    for (const auto& [name, text] : overrides) files[name] = text;
    for (const auto& [name, text] : files) {
      if (name.find('/') != std::string::npos) fs::create_directories((root / name).parent_path());
      std::ofstream(root / (name.find('/') == std::string::npos ? "lexicon/" + name : name))
          << text;
    }
  }
  TempDataDir(const TempDataDir&) = delete;
  ~TempDataDir() { fs::remove_all(root); }
};

}  // namespace

TEST(LexiconLoad, ShippedDataLoads) {
  const Lexicon& lex = shipped();
  EXPECT_GT(lex.facilities().size(), 20u);
  EXPECT_NE(lex.facility_named("US Embassy Baghdad"), nullptr);
  EXPECT_NE(lex.facility_named("baghdad diplomatic support center"), nullptr);
  ASSERT_NE(lex.country_by_code("iq"), nullptr);
  EXPECT_EQ(lex.country_by_code("IQ")->name, "Iraq");
}

TEST(LexiconLoad, MalformedRowNamesFileAndLine) {
  TempDataDir dir(
      {{"actors.tsv", "# comment\n\nRed Group\tRed Faction\tmilitia\nBlue Group only\n"}});
  auto loaded = Lexicon::load(dir.root);
  ASSERT_FALSE(loaded.has_value());
  EXPECT_NE(loaded.error().message.find("actors.tsv:4:"), std::string::npos)
      << loaded.error().message;
}

TEST(LexiconLoad, BadCoordinatesAndTypeAreErrors) {
  TempDataDir bad_lat({{"facilities.tsv", "X Base\t\tmilitary\tIQ\t\t95\t44\t\n"}});
  auto a = Lexicon::load(bad_lat.root);
  ASSERT_FALSE(a.has_value());
  EXPECT_NE(a.error().message.find("facilities.tsv:1:"), std::string::npos) << a.error().message;

  TempDataDir bad_type({{"facilities.tsv", "X Base\t\tairport\tIQ\t\t33\t44\t\n"}});
  EXPECT_FALSE(Lexicon::load(bad_type.root).has_value());

  TempDataDir bad_hosted({{"facilities.tsv", "X Base\t\tmilitary\tIQ\t\t33\t44\t\t2020-13-45\n"}});
  auto h = Lexicon::load(bad_hosted.root);
  ASSERT_FALSE(h.has_value());
  EXPECT_NE(h.error().message.find("hosted_until"), std::string::npos) << h.error().message;

  TempDataDir bad_within({{"facilities.tsv", "X Base\t\tmilitary\tIQ\t\t33\t44\tNowhere\n"}});
  auto c = Lexicon::load(bad_within.root);
  ASSERT_FALSE(c.has_value());
  EXPECT_NE(c.error().message.find("Nowhere"), std::string::npos);
}

// timezones.tsv: each country's clock on the day, summer time included.
TEST(LexiconData, ClockOfTheCountryOnTheDay) {
  const Lexicon& lex = shipped();
  auto day = [](const char* ymd) { return *sitrep::text::days_from_civil(ymd); };
  EXPECT_EQ(lex.utc_offset_minutes("IQ", day("2024-01-10")), 180);
  EXPECT_EQ(lex.utc_offset_minutes("LB", day("2024-11-06")), 120);  // winter
  EXPECT_EQ(lex.utc_offset_minutes("LB", day("2024-07-06")), 180);  // summer
  EXPECT_EQ(lex.utc_offset_minutes("LB", day("2024-03-30")), 120);  // the day before the switch
  EXPECT_EQ(lex.utc_offset_minutes("LB", day("2024-03-31")), 180);  // last Sunday of March
  EXPECT_EQ(lex.utc_offset_minutes("SY", day("2021-01-15")), 120);  // before +03 all year
  EXPECT_EQ(lex.utc_offset_minutes("SY", day("2023-01-15")), 180);
  EXPECT_EQ(lex.utc_offset_minutes("UA", day("2025-07-10")), 180);
  EXPECT_EQ(lex.utc_offset_minutes("UA", day("2025-12-27")), 120);
  EXPECT_EQ(lex.utc_offset_minutes("IR", day("2021-07-01")), 270);
  EXPECT_EQ(lex.utc_offset_minutes("IR", day("2023-07-01")), 210);
  EXPECT_EQ(lex.utc_offset_minutes("ML", day("2021-07-19")), 0);
  EXPECT_EQ(lex.utc_offset_minutes("US", day("2020-04-30")), -240);
  EXPECT_EQ(lex.utc_offset_minutes("AF", day("2022-09-05")), 270);
  EXPECT_EQ(lex.utc_offset_minutes("ZZ", day("2022-09-05")), 180);  // no row: the region's hour
}

TEST(LexiconLoad, BadTimeZoneRowsAreErrors) {
  TempDataDir bad_rule({{"timezones.tsv", "IQ\t*\t*\t+03:00\tmoon\n"}});
  auto a = Lexicon::load(bad_rule.root);
  ASSERT_FALSE(a.has_value());
  EXPECT_NE(a.error().message.find("timezones.tsv:1:"), std::string::npos) << a.error().message;
  TempDataDir bad_offset({{"timezones.tsv", "IQ\t*\t*\t3\tnone\n"}});
  EXPECT_FALSE(Lexicon::load(bad_offset.root).has_value());
  TempDataDir beyond_the_world({{"timezones.tsv", "IQ\t*\t*\t+14:30\tnone\n"}});
  EXPECT_FALSE(Lexicon::load(beyond_the_world.root).has_value());
  TempDataDir beyond_the_west({{"timezones.tsv", "IQ\t*\t*\t-12:30\tnone\n"}});
  EXPECT_FALSE(Lexicon::load(beyond_the_west.root).has_value());
  TempDataDir unknown_country({{"timezones.tsv", "XX\t*\t*\t+03:00\tnone\n"}});
  EXPECT_FALSE(Lexicon::load(unknown_country.root).has_value());
  TempDataDir overlap(
      {{"timezones.tsv", "IQ\t*\t2022-10-27\t+02:00\tnone\nIQ\t2022-10-01\t*\t+03:00\tnone\n"}});
  EXPECT_FALSE(Lexicon::load(overlap.root).has_value());
  TempDataDir good({{"timezones.tsv", "IQ\t*\t*\t+03:30\tnone\n"}});
  auto g = Lexicon::load(good.root);
  ASSERT_TRUE(g.has_value()) << g.error().message;
  EXPECT_EQ(g->utc_offset_minutes("IQ", 0), 210);
}

TEST(LexiconLoad, AliasClaimedByTwoEntriesIsAnError) {
  TempDataDir dir({{"actors.tsv", "Red Group\tRG\tmilitia\nBlue Group\trg|Blue\tmilitia\n"}});
  // "rg" is lowercase, so it is caseless and differs from the acronym "RG": allowed.
  EXPECT_TRUE(Lexicon::load(dir.root).has_value());
  TempDataDir clash(
      {{"actors.tsv", "Red Group\tRed Faction\tmilitia\nBlue Group\tred  faction\tmilitia\n"}});
  auto loaded = Lexicon::load(clash.root);
  ASSERT_FALSE(loaded.has_value());
  EXPECT_NE(loaded.error().message.find("actors.tsv:2:"), std::string::npos);
}

// actors.tsv column 5: a short name stands for a group by the attack's country; the group must
// be a row of its own, and a short name stands for no one in a country it does not list.
TEST(LexiconLoad, ShortNameStandsForAGroupByCountry) {
  TempDataDir dir({{"actors.tsv",
                    "Red Group\tRG\tmilitia\nBlue Group\t\tmilitia\n"
                    "The Front\tFront group\tumbrella\t\tIQ=Red Group|LB=Blue Group\n"}});
  auto loaded = Lexicon::load(dir.root);
  ASSERT_TRUE(loaded.has_value()) << loaded.error().message;
  const auto* front = loaded->actor_named("The Front");
  ASSERT_NE(front, nullptr);
  EXPECT_EQ(front->named_in("IQ"), "Red Group");
  EXPECT_EQ(front->named_in("LB"), "Blue Group");
  EXPECT_EQ(front->named_in("SD"), "");
  EXPECT_EQ(front->named_in(""), "");  // two groups: no country, no one
  TempDataDir one({{"actors.tsv",
                    "Red Group\tRG\tmilitia\nRed Wing\t\tmilitia\t\tIQ=Red Group|TR=Red Group\n"}});
  auto wing = Lexicon::load(one.root);
  ASSERT_TRUE(wing.has_value()) << wing.error().message;
  EXPECT_EQ(wing->actor_named("Red Wing")->named_in(""), "Red Group");
  EXPECT_EQ(wing->actor_named("Red Wing")->named_in("SD"), "");
  EXPECT_EQ(loaded->actor_named("Red Group")->named_in("SD"), "Red Group");

  TempDataDir unknown(
      {{"actors.tsv", "# groups\nRed Group\tRG\tmilitia\nThe Front\t\tumbrella\t\tIQ=Green\n"}});
  auto bad = Lexicon::load(unknown.root);
  ASSERT_FALSE(bad.has_value());
  EXPECT_NE(bad.error().message.find("actors.tsv:3:"), std::string::npos) << bad.error().message;
  TempDataDir malformed({{"actors.tsv", "Red Group\tRG\tmilitia\nThe Front\t\tumbrella\t\tIQ\n"}});
  EXPECT_FALSE(Lexicon::load(malformed.root).has_value());
}

TEST(LexiconLoad, AirBaseAliasAlsoMatchesItsAbbreviation) {
  TempDataDir dir(
      {{"facilities.tsv", "Bravo Air Base\tBravo air base\tmilitary\tIQ\t\t33\t44\t\n"}});
  auto lex = Lexicon::load(dir.root);
  ASSERT_TRUE(lex.has_value()) << lex.error().message;
  std::string text = "Coalition forces at Bravo AB were attacked by two drones.";
  auto sites = of_kind(lex->find(text), Kind::kFacility);
  ASSERT_EQ(sites.size(), 1u);
  EXPECT_EQ(covered(text, sites[0]), "Bravo AB");
}

TEST(LexiconLoad, CommentRunOntoARowIsAnError) {
  TempDataDir dir(
      {{"triggers.tsv", "# a comment line is fine\nother_event\tseparate incident# next block\n"}});
  auto loaded = Lexicon::load(dir.root);
  ASSERT_FALSE(loaded.has_value());
  EXPECT_NE(loaded.error().message.find("triggers.tsv:2:"), std::string::npos)
      << loaded.error().message;
}

TEST(LexiconLoad, PhraseWithoutLetterIsAnError) {
  TempDataDir dir({{"countries.tsv", "IQ\tIraq\tIraqi\nSY\t-\t\n"}});
  auto loaded = Lexicon::load(dir.root);
  ASSERT_FALSE(loaded.has_value());
  EXPECT_NE(loaded.error().message.find("countries.tsv:2:"), std::string::npos)
      << loaded.error().message;
}

TEST(LexiconLoad, MissingRequiredFileIsAnErrorTriggersOptional) {
  TempDataDir dir;
  ASSERT_TRUE(Lexicon::load(dir.root).has_value());  // no triggers.tsv, no gazetteer: fine
  fs::remove(dir.root / "lexicon" / "weapons.tsv");
  auto loaded = Lexicon::load(dir.root);
  ASSERT_FALSE(loaded.has_value());
  EXPECT_NE(loaded.error().message.find("weapons.tsv"), std::string::npos);
}

TEST(LexiconLoad, TriggersAreLoadedWhenPresent) {
  TempDataDir dir(
      {{"triggers.tsv", "# lead's file\nattack_verb\tslammed into\nintercept\tshot down\n"}});
  auto lex = Lexicon::load(dir.root);
  ASSERT_TRUE(lex.has_value()) << lex.error().message;
  std::string text = "A rocket slammed into Alpha Camp before another was shot down.";
  auto triggers = of_kind(lex->find(text), Kind::kTrigger);
  ASSERT_EQ(triggers.size(), 2u);
  EXPECT_EQ(sitrep::lexicon::cue_name(lex->trigger(triggers[0].entry).cue), "attack_verb");
  EXPECT_EQ(sitrep::lexicon::cue_name(lex->trigger(triggers[1].entry).cue), "intercept");
}

TEST(LexiconMatch, WordBoundaries) {
  const Lexicon& lex = shipped();
  std::string text =
      "Rocketry experts said the rocket hit; U.S. officials and the U.S.-led coalition.";
  auto weapons = of_kind(lex.find(text), Kind::kWeapon);
  ASSERT_EQ(weapons.size(), 1u);
  EXPECT_EQ(covered(text, weapons[0]), "rocket");
  auto countries = of_kind(lex.find(text), Kind::kCountry);
  ASSERT_EQ(countries.size(), 2u);
  EXPECT_EQ(covered(text, countries[0]), "U.S.");
  EXPECT_EQ(lex.country(countries[0].entry).code, "US");
}

TEST(LexiconMatch, CaselessButAcronymsAreCaseSensitive) {
  const Lexicon& lex = shipped();
  std::string text = "KATYUSHA ROCKETS hit near the us embassy in baghdad, they told us.";
  auto matches = lex.find(text);
  auto weapons = of_kind(matches, Kind::kWeapon);
  ASSERT_EQ(weapons.size(), 1u);
  EXPECT_EQ(lex.weapon(weapons[0].entry).detail, "Katyusha");
  auto facilities = of_kind(matches, Kind::kFacility);
  ASSERT_EQ(facilities.size(), 1u);
  EXPECT_EQ(lex.facility(facilities[0].entry).name, "US Embassy Baghdad");
  // "us" (the pronoun) is not the country code acronym "US".
  EXPECT_TRUE(of_kind(matches, Kind::kCountry).empty());
}

TEST(LexiconMatch, PossessiveIsAccepted) {
  const Lexicon& lex = shipped();
  std::string text = "Kataib Hezbollah's statement and the Houthis' drones.";
  auto actors = of_kind(lex.find(text), Kind::kActor);
  ASSERT_EQ(actors.size(), 2u);
  EXPECT_EQ(lex.actor(actors[0].entry).name, "Kataib Hezbollah");
  EXPECT_EQ(covered(text, actors[0]), "Kataib Hezbollah");
  EXPECT_EQ(lex.actor(actors[1].entry).name, "Houthis");
}

TEST(LexiconMatch, LeftmostLongestWithinKind) {
  const Lexicon& lex = shipped();
  std::string text = "Two Katyusha rockets were fired; Kataib Hezbollah denied it.";
  auto matches = lex.find(text);
  auto weapons = of_kind(matches, Kind::kWeapon);
  ASSERT_EQ(weapons.size(), 1u);
  EXPECT_EQ(covered(text, weapons[0]), "Katyusha rockets");
  EXPECT_EQ(lex.weapon(weapons[0].entry).weapon, "rocket");
  EXPECT_EQ(lex.weapon(weapons[0].entry).detail, "Katyusha");
  auto actors = of_kind(matches, Kind::kActor);
  ASSERT_EQ(actors.size(), 1u);
  EXPECT_EQ(lex.actor(actors[0].entry).name, "Kataib Hezbollah");
}

TEST(LexiconMatch, KindsMayOverlapAndResultIsSortedByStart) {
  TempDataDir dir({{"triggers.tsv", "attack_noun\trocket attack\n"}});
  auto lex = Lexicon::load(dir.root);
  ASSERT_TRUE(lex.has_value());
  std::string text = "An Iraqi rocket attack on Alpha Base.";
  auto matches = lex->find(text);
  ASSERT_EQ(matches.size(), 4u);  // Iraqi, rocket attack, rocket, Alpha Base
  for (std::size_t i = 1; i < matches.size(); ++i)
    EXPECT_LE(matches[i - 1].start, matches[i].start);
  EXPECT_EQ(of_kind(matches, Kind::kTrigger).size(), 1u);
  EXPECT_EQ(of_kind(matches, Kind::kWeapon).size(), 1u);
  auto facilities = of_kind(matches, Kind::kFacility);
  ASSERT_EQ(facilities.size(), 1u);
  EXPECT_EQ(covered(text, facilities[0]), "Alpha Base");  // canonical name matches too
}

TEST(LexiconMatch, SeparatorsAndApostrophesAreFlexible) {
  const Lexicon& lex = shipped();
  for (std::string text : {"Ain al Asad", "Ain al-Asad", "AIN AL-ASAD", "Ain\nal-Asad",
                           "Ain al\xE2\x80\x91"
                           "Asad"}) {
    auto facilities = of_kind(lex.find("attack on " + text + " base"), Kind::kFacility);
    ASSERT_EQ(facilities.size(), 1u) << text;
    EXPECT_EQ(lex.facility(facilities[0].entry).name, "Ain al-Asad Air Base") << text;
  }
  for (std::string text :
       {"Kata'ib Hezbollah", "Kata\xE2\x80\x99ib Hezbollah", "Kataib Hezbollah"}) {
    auto actors = of_kind(lex.find(text), Kind::kActor);
    ASSERT_EQ(actors.size(), 1u) << text;
    EXPECT_EQ(lex.actor(actors[0].entry).name, "Kataib Hezbollah");
  }
}

// (How the proxy phrasings "Iran-backed Shia militias" are read: ExtractActors, extract_test.)
TEST(LexiconMatch, IsIsNoActor) {
  const Lexicon& lex = shipped();
  // "IS" is not an alias of anything: "is" must stay an English word.
  EXPECT_TRUE(of_kind(lex.find("It is what it IS."), Kind::kActor).empty());
}

TEST(LexiconMatch, InvalidUtf8DoesNotBreakOffsets) {
  const Lexicon& lex = shipped();
  std::string text = "bad \xFF\xFE bytes then a rocket";
  auto weapons = of_kind(lex.find(text), Kind::kWeapon);
  ASSERT_EQ(weapons.size(), 1u);
  EXPECT_EQ(covered(text, weapons[0]), "rocket");
}

TEST(LexiconMatch, ThreadSafe) {
  const Lexicon& lex = shipped();
  std::string text =
      "Katyusha rockets hit the U.S. Embassy in Baghdad; Ain al-Asad was hit by drones.";
  const std::size_t expected = lex.find(text).size();
  std::vector<std::thread> threads;
  std::atomic<int> wrong = 0;
  for (int t = 0; t < 4; ++t)
    threads.emplace_back([&] {
      for (int i = 0; i < 200; ++i)
        if (lex.find(text).size() != expected) ++wrong;
    });
  for (auto& t : threads) t.join();
  EXPECT_EQ(wrong.load(), 0);
}

TEST(LexiconData, FacilitiesHaveValidCoordinatesTypeAndWithin) {
  const Lexicon& lex = shipped();
  for (const auto& f : lex.facilities()) {
    EXPECT_TRUE(f.type == "diplomatic" || f.type == "military" || f.type == "mixed") << f.name;
    EXPECT_TRUE(std::isfinite(f.lat) && std::isfinite(f.lon)) << f.name;
    // A swapped lat/lon puts a site far from its city: it lies within 60 km of the city the
    // registry gives (when the gazetteer has it); a site with no city is in the Middle East,
    // North and East Africa, Sahel or Afghanistan box the registry covers (down to the Congo and
    // Somalia's peacekeeping bases).
    if (auto city = f.city.empty() ? std::nullopt : lex.city(f.city, f.country)) {
      const double dlat = (f.lat - city->lat) * 111.0;
      const double dlon = (f.lon - city->lon) * 111.0 * std::cos(f.lat * 3.14159265 / 180.0);
      EXPECT_LT(std::sqrt(dlat * dlat + dlon * dlon), 60.0) << f.name << " vs " << f.city;
    } else {
      EXPECT_TRUE(f.lat > -12 && f.lat < 42 && f.lon > -18 && f.lon < 75) << f.name;
    }
    EXPECT_NE(lex.country_by_code(f.country), nullptr) << f.name << " country " << f.country;
    if (!f.within.empty()) {
      const auto* parent = lex.facility_named(f.within);
      ASSERT_NE(parent, nullptr) << f.name;
      EXPECT_NE(parent->name, f.name);
      // A nested site lies within a few km of its parent.
      EXPECT_LT(std::abs(parent->lat - f.lat) + std::abs(parent->lon - f.lon), 0.2) << f.name;
    }
  }
  const auto* bdsc = lex.facility_named("Baghdad Diplomatic Support Center");
  ASSERT_NE(bdsc, nullptr);
  EXPECT_EQ(bdsc->type, "diplomatic");
  EXPECT_EQ(bdsc->within, "Baghdad International Airport");
}

namespace {
// Searched alone, a phrase must yield exactly its own entry as one whole-phrase match: no alias is
// shadowed by another entry of the same kind and none is broken by escaping.
void expect_finds_itself(const Lexicon& lex, Kind kind, int entry, const std::string& phrase) {
  auto found = of_kind(lex.find(phrase), kind);
  ASSERT_EQ(found.size(), 1u) << phrase;
  EXPECT_EQ(found[0].entry, entry) << phrase;
  EXPECT_EQ(found[0].start, 0u) << phrase;
  EXPECT_EQ(found[0].end, phrase.size()) << phrase;
}
}  // namespace

TEST(LexiconData, EveryPhraseFindsItsOwnEntry) {
  const Lexicon& lex = shipped();
  for (int i = 0; i < static_cast<int>(lex.facilities().size()); ++i) {
    expect_finds_itself(lex, Kind::kFacility, i, lex.facility(i).name);
    for (const auto& alias : lex.facility(i).aliases)
      expect_finds_itself(lex, Kind::kFacility, i, alias);
  }
  for (int i = 0; i < static_cast<int>(lex.actors().size()); ++i) {
    expect_finds_itself(lex, Kind::kActor, i, lex.actor(i).name);
    for (const auto& alias : lex.actor(i).aliases) expect_finds_itself(lex, Kind::kActor, i, alias);
  }
  for (int i = 0; i < static_cast<int>(lex.countries().size()); ++i)
    for (const auto& name : lex.country(i).names) expect_finds_itself(lex, Kind::kCountry, i, name);
  for (int i = 0; i < static_cast<int>(lex.weapons().size()); ++i)
    expect_finds_itself(lex, Kind::kWeapon, i, lex.weapon(i).phrase);
}

TEST(LexiconData, NoAliasBelongsToTwoEntriesOfOneKind) {
  const Lexicon& lex = shipped();
  auto key = [](std::string s) {
    std::string out;
    for (char c : s) {
      if (c == '\'') continue;
      if (c == '-') c = ' ';
      out.push_back(static_cast<char>(std::tolower(static_cast<unsigned char>(c))));
    }
    return out;
  };
  std::map<std::string, std::string> facility_owner, actor_owner;
  for (const auto& f : lex.facilities()) {
    std::vector<std::string> names = f.aliases;
    names.push_back(f.name);
    for (const auto& n : names) {
      auto [it, fresh] = facility_owner.emplace(key(n), f.name);
      EXPECT_TRUE(fresh || it->second == f.name) << n << ": " << it->second << " vs " << f.name;
    }
  }
  for (const auto& a : lex.actors()) {
    std::vector<std::string> names = a.aliases;
    names.push_back(a.name);
    for (const auto& n : names) {
      auto [it, fresh] = actor_owner.emplace(key(n), a.name);
      EXPECT_TRUE(fresh || it->second == a.name) << n << ": " << it->second << " vs " << a.name;
    }
  }
  // The bare phrase "US Embassy" is ambiguous (which one?) and must not name a facility.
  EXPECT_TRUE(of_kind(lex.find("the US Embassy said"), Kind::kFacility).empty());
  EXPECT_FALSE(facility_owner.contains("al assad"));  // the Syrian president, not the air base
}

TEST(LexiconGazetteer, CityLookupWithHintsAndVariants) {
  const Lexicon& lex = shipped();
  auto baghdad = lex.city("Baghdad");
  if (!baghdad) GTEST_SKIP() << "no gazetteer at data/generated/cities.tsv (run scripts/deps.sh)";
  EXPECT_EQ(baghdad->country, "IQ");
  EXPECT_NEAR(baghdad->lat, 33.34, 0.1);
  // Arabic article and transliteration variants.
  auto qaim = lex.city("al-Qaim");
  ASSERT_TRUE(qaim.has_value());
  EXPECT_EQ(qaim->country, "IQ");
  ASSERT_TRUE(lex.city("Qaim").has_value());
  ASSERT_TRUE(lex.city("AL QAIM").has_value());
  // Namesakes: the hint wins, else the priority list (IQ, SY, JO first).
  auto paris_fr = lex.city("Paris", "FR");
  ASSERT_TRUE(paris_fr.has_value());
  EXPECT_EQ(paris_fr->country, "FR");
  auto paris_us = lex.city("Paris", "US");
  ASSERT_TRUE(paris_us.has_value());
  EXPECT_EQ(paris_us->country, "US");
  EXPECT_FALSE(lex.city("Nowhereville Qwxz").has_value());
  // Names are shown and make incident ids: GeoNames' "Al Ḩasakah" is written without its
  // diacritic (scripts/make-gazetteer.js), and without its article where the text drops it, as
  // the English press does.
  auto hasakah = lex.city("Hasakah", "SY");
  ASSERT_TRUE(hasakah.has_value());
  EXPECT_EQ(hasakah->name, "Hasakah");
  EXPECT_EQ(lex.city("al-Hasakah", "SY")->name, "Al Hasakah");
}

TEST(LexiconGazetteer, MissingFileMeansNoCities) {
  TempDataDir dir;
  auto lex = Lexicon::load(dir.root);
  ASSERT_TRUE(lex.has_value());
  EXPECT_FALSE(lex->city("Baghdad").has_value());
}

TEST(LexiconGazetteer, SmallFileWithPriorityRule) {
  TempDataDir dir({{"generated/cities.tsv",
                    "# name\tcountry\tlat\tlon\nSpringfield\tUS\t39.8\t-89.6\n"
                    "Al Hasakah\tSY\t36.50\t40.75\nHasakah\tTR\t1\t1\nSpringfield\tJO\t2\t2\n"}});
  auto lex = Lexicon::load(dir.root);
  ASSERT_TRUE(lex.has_value());
  EXPECT_EQ(lex->city("Springfield")->country, "JO");  // priority list
  EXPECT_EQ(lex->city("Springfield", "US")->country, "US");
  EXPECT_EQ(lex->city("al-Hasakah")->country, "SY");
  EXPECT_EQ(lex->city("Hasaka")->country, "SY");    // SY outranks TR
  EXPECT_EQ(lex->city("Hasaka")->name, "Hasakah");  // the article-less form the text used
  EXPECT_EQ(lex->city("al-Hasakah")->name, "Al Hasakah");
  EXPECT_EQ(lex->city("Hasakah", "TR")->country, "TR");
}

// data/lexicon/cities.tsv names places as the press does: "Palmyra" (GeoNames' "Tadmur"), with
// its aliases, ahead of the gazetteer's namesakes (Palmyra, New York).
TEST(LexiconGazetteer, PressNamesTableComesFirst) {
  TempDataDir dir(
      {{"cities.tsv",
        "# name\taliases\tcountry\tlat\tlon\nPalmyra\tPalmira|Tadmor\tSY\t34.56\t38.28\n"},
       {"generated/cities.tsv", "Palmyra\tUS\t43.06\t-77.23\nTadmur\tSY\t34.56\t38.28\n"}});
  auto lex = Lexicon::load(dir.root);
  ASSERT_TRUE(lex.has_value()) << lex.error().message;
  auto palmyra = lex->city("Palmyra", "SY");
  ASSERT_TRUE(palmyra.has_value());
  EXPECT_EQ(palmyra->name, "Palmyra");
  EXPECT_EQ(palmyra->country, "SY");
  EXPECT_EQ(lex->city("Palmira")->name, "Palmyra");  // an alias shows the table's name
  EXPECT_EQ(lex->city("Palmyra")->country, "SY");    // SY outranks US among namesakes
  EXPECT_EQ(lex->city("Palmyra", "US")->country, "US");
  EXPECT_EQ(lex->city("Tadmur")->name, "Tadmur");  // the gazetteer's own name stays
}

TEST(LexiconGazetteer, PressNamesTableRowsAreChecked) {
  TempDataDir twice({{"cities.tsv", "Alpha\tBeta\tSY\t1\t2\nGamma\tbeta\tIQ\t3\t4\n"}});
  auto lex = Lexicon::load(twice.root);
  ASSERT_FALSE(lex.has_value());
  EXPECT_NE(lex.error().message.find("cities.tsv:2"), std::string::npos) << lex.error().message;
  EXPECT_NE(lex.error().message.find("another city"), std::string::npos) << lex.error().message;
  TempDataDir bad({{"cities.tsv", "Alpha\t\tSY\t95\t2\n"}});
  lex = Lexicon::load(bad.root);
  ASSERT_FALSE(lex.has_value());
  EXPECT_NE(lex.error().message.find("coordinates"), std::string::npos) << lex.error().message;
}

// Load time is a benchmark (bench/, BM_LexiconLoad; docs/PERFORMANCE.md), not a timed unit
// test: a timed test fails on a loaded or sanitised machine. Here: the gazetteer is read.
TEST(LexiconGazetteer, LoadsWithTheGazetteer) {
  fs::path data = SITREP_SOURCE_DATA_DIR;
  if (!fs::exists(data / "generated" / "cities.tsv")) GTEST_SKIP() << "no gazetteer";
  auto lex = Lexicon::load(data);
  ASSERT_TRUE(lex.has_value());
  EXPECT_GT(lex->city_count(), 10000u);
}

// The rule vocabulary is data: data/lexicon/words.tsv's lists load, and a row naming an unknown
// list is an error with its file and line.
TEST(LexiconLoad, WordListsLoadAndUnknownListIsAnError) {
  const Lexicon& lex = shipped();
  EXPECT_TRUE(lex.word_in(sitrep::lexicon::WordList::kPersonHeads, "contractors"));
  EXPECT_TRUE(lex.word_in(sitrep::lexicon::WordList::kQuantifiers, "barrage"));
  EXPECT_FALSE(lex.word_in(sitrep::lexicon::WordList::kPersonHeads, "rockets"));
  fs::path dir = fs::temp_directory_path() / "sitrep_words_test";
  fs::create_directories(dir / "lexicon");
  std::ofstream(dir / "lexicon" / "facilities.tsv") << "";
  std::ofstream(dir / "lexicon" / "actors.tsv") << "";
  std::ofstream(dir / "lexicon" / "weapons.tsv") << "";
  std::ofstream(dir / "lexicon" / "countries.tsv") << "";
  std::ofstream(dir / "lexicon" / "words.tsv") << "person_heads\tguards\npeople_nouns\tguards\n";
  auto loaded = Lexicon::load(dir);
  ASSERT_FALSE(loaded.has_value());
  EXPECT_NE(loaded.error().message.find("words.tsv:2"), std::string::npos)
      << loaded.error().message;
  EXPECT_NE(loaded.error().message.find("people_nouns"), std::string::npos);
  // A phrase in a word list would never match one token: it is an error too.
  std::ofstream(dir / "lexicon" / "words.tsv")
      << "enemy_heads\tfighters\nenemy_heads\ttwo fighters\n";
  loaded = Lexicon::load(dir);
  ASSERT_FALSE(loaded.has_value());
  EXPECT_NE(loaded.error().message.find("words.tsv:2"), std::string::npos)
      << loaded.error().message;
  fs::remove_all(dir);
}
