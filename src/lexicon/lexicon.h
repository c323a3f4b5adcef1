// Lexicon: the knowledge sitrep reads text with, loaded from data/lexicon/*.tsv and compiled
// once into one Hyperscan multi-pattern database.
//
//   auto lexicon = Lexicon::load(data_dir);           // Result<Lexicon>
//   for (const Match& m : lexicon->find(sentence)) {  // case-insensitive, word-bounded
//     if (m.kind == Kind::kFacility) use(lexicon->facility(m.entry));
//   }
//
// A Lexicon is immutable after load; find() is thread-safe (scratch space is per call).
#pragma once

#include <array>
#include <cstdint>
#include <filesystem>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/error.h"
#include "lexicon/glossary.h"

namespace sitrep::lexicon {

enum class Kind { kFacility, kActor, kWeapon, kCountry, kTrigger };

struct Facility {
  std::string name;  // canonical, e.g. "US Embassy Baghdad"
  std::vector<std::string> aliases;
  std::string type;  // diplomatic | military
  std::string country, city;
  double lat = 0, lon = 0;
  std::string within;  // name of the enclosing facility, e.g. BDSC within Baghdad airport
  // The last day the site hosted a foreign presence ("2020-08-23": Camp Taji, handed to Iraqi
  // forces); empty while it still does or for a mission. After it, an attack there is on local
  // forces unless the report names a foreign one.
  std::string hosted_until;
};

struct Actor {
  std::string name;  // canonical, e.g. "Iran-aligned militias"
  std::vector<std::string> aliases;
  std::string kind;  // militia | umbrella | state | jihadist | ...
  // Lower-case names of the states whose proxies this actor stands for: "Iran-backed Shia
  // militias", "factions loyal to Tehran" name "Iran-aligned militias" (actors.tsv column 4).
  std::vector<std::string> backers;
  // A short name whose group depends on where the attack was: "the Islamic Resistance" is the
  // Islamic Resistance in Iraq for an attack in Iraq or Syria, Hezbollah's in Lebanon (actors.tsv
  // column 5, "IQ=Islamic Resistance in Iraq|LB=Hezbollah"). Empty for an actor that is itself.
  std::map<std::string, std::string> stands_for_in;
  // The actor this one names for an attack in `country`: its own name, the group it stands for
  // there, or empty when it names none there; with no country known, the group it stands for
  // wherever it is listed, if that is one group.
  std::string named_in(std::string_view country) const;
};

struct WeaponTerm {
  std::string phrase;  // "Katyusha rockets"
  std::string weapon;  // rocket | drone | missile | mortar | ied | small_arms
  std::string detail;  // "Katyusha"; empty for the plain noun
};

struct Country {
  std::string code;  // ISO 3166 alpha-2
  std::string name;
  std::vector<std::string> names;     // names and demonyms, the canonical name first
  std::vector<std::string> demonyms;  // "Iranian", "Turkish": whose, not where
  // Whether `text` (as written, any case) is one of the demonyms.
  bool is_demonym(std::string_view text) const;
  // Whether `text` (any case) is the code, a name or a demonym: "US", "American", "uae".
  bool is_name(std::string_view text) const;
};

// What a trigger phrase tells the extractor. triggers.tsv names them in snake_case
// ("attack_verb"); an unknown name is a load error with its file and line.
enum class Cue : std::uint8_t {
  kAttackVerb,
  kAttackNoun,
  kLaunch,
  kIntercept,
  kImpact,
  kTargetMilitary,
  kTargetDiplomatic,
  kUsAgent,
  kGeneric,
  kReportVerb,
  kSuspect,
  kClaim,
  kBackground,
  kFoiled,
  kDamageMinor,
  kDamageSignificant,
  kDamageNone,
  kZeroCasualties,
  kZeroInjuries,
  kZeroDeaths,
  kUncertain,
  kNegation,
  kThreat,
  kOtherEvent,
  kAirDefense,
  kSpeaker,
  kKilled,
  kInjured,
  kDrill,
  kHypothetical,
  kAlarm,
  kBenign,
  kCause,
  kDeny,
  kAftermath,
  kTargetCivilian,
  kOtherDayOpener,
  kJudicial,     // a court's work: a trial, verdict, sentence, indictment, plea
  kImpliedZero,  // no one hurt, implied: "causing only material damage"
  kSameDay,      // puts an attack on the day it is reported: "overnight", "hours earlier"
  kCount
};
// "attack_verb" -> Cue::kAttackVerb; nullopt for an unknown name.
std::optional<Cue> cue_from_name(std::string_view name);
std::string_view cue_name(Cue cue);

// Word lists the extractor reads with (data/lexicon/words.tsv: list<TAB>word): the rule
// vocabulary — people nouns, clause openers, quantifiers, site head nouns — is data too.
enum class WordList : std::uint8_t {
  kPersonHeads,
  kEnemyHeads,
  kPhraseEnders,
  kAuxiliaries,
  kAdverbs,
  kClauseOpeners,
  kOutcomeNouns,
  kDateContinuations,
  kDestroyedThings,
  kQuantifiers,
  kCountFollowers,
  kUnfiredWords,
  kMilitaryHeads,
  kDiplomaticHeads,
  kUsAgents,
  kThirdPartyAgents,
  kCaptionOpeners,
  kAttackerHeads,
  kCityPrepositions,
  kGenericNameWords,
  kCountryOwnedHeads,
  kProxyRelations,
  kProxyModifiers,
  kProxyHeads,
  kSpeakerHeads,
  kBlameSubjectWords,
  kForceNouns,
  kBlameGerunds,
  kShareWords,
  kReactionLinks,
  kForceUnits,
  kCommentGerunds,
  kHostVerbs,
  kFiredNouns,
  kStruckThings,
  kImpactStops,
  kOwnFighters,
  kLauncherWords,
  kOutcomeAdjectives,
  kSourceHeads,
  kSourceFillers,
  kBlastNouns,
  kSeriesQuantifiers,
  kCondemnWords,
  kDamageExtentMinor,
  kDamageExtentSignificant,
  kHabitualAdverbs,
  kTimeSpans,
  kArrestWords,
  kArrestLinks,
  kEnvoyWords,
  kEnvoyAssets,
  kHedgeWords,
  kPeacekeeperWords,
  kPeacekeeperSites,
  kMeleeWords,
  kFindWords,
  kGenreLabels,
  kRiseWords,
  kSiteParts,
  kPlanWords,
  kRegionWords,
  kWarNouns,
  kOriginVerbs,
  kAircraftNouns,
  kBlameCloseObjectWords,
  kExampleMarkers,
  kSufferVerbs,
  kDayParts,
  kResponseWords,
  kStrikeVerbs,
  kRetaliationObjects,
  kOurSides,
  kOccurrenceSubjects,
  kOccurrenceVerbs,
  kMourningWords,
  kVictimLinks,
  kLebanonOnlyForces,
  kLongSpanUnits,
  kAimPartyWords,
  kAimVerbs,
  kArmedUnits,
  kPastPresenceWords,
  kIndirectQuestionVerbs,
  kDebrisNouns,
  kTimeZoneWords,
  kTargetedVehicles,
  kFigurativeTestObjects,
  kNumberHedges,
  kSettlementNouns,
  kRevisionVerbs,
  kActorDescriptors,
  kHabitualWords,
  kGroupPartNouns,
  kBystanderNouns,
  kCrowdControlWords,
  kLauncherNouns,
  kBlamerAgentVerbs,
  kPublicationVerbs,
  kSupportNouns,
  kWideOfTargetWords,
  kProtestWords,
  kWeaponTradeNouns,
  kCityPartNouns,
  kOpenWaterWords,
  kSimulationWords,
  kAccidentWords,
  kTownspeopleNouns,
  kWeaponPartNouns,
  kTradeVerbs,
  kCount
};
std::optional<WordList> word_list_from_name(std::string_view name);

struct Trigger {
  Cue cue;
  std::string phrase;
};

struct City {
  std::string name;
  std::string country;
  double lat = 0, lon = 0;
};

struct Match {
  Kind kind;
  int entry;               // index into the table of that kind
  std::size_t start, end;  // byte offsets into the searched text
};

class Lexicon {
 public:
  // Reads data_dir/lexicon/*.tsv and compiles the matcher. The gazetteer (cities) is read
  // from data_dir/generated/cities.tsv when present (scripts/deps.sh makes it).
  static Result<Lexicon> load(const std::filesystem::path& data_dir);
  // The data directory: $SITREP_DATA, else the source tree's data/ compiled in.
  static std::filesystem::path default_data_dir();

  Lexicon(Lexicon&&) noexcept;
  Lexicon& operator=(Lexicon&&) noexcept;
  ~Lexicon();

  // All matches, sorted by start; for each kind, overlapping matches keep the longest.
  std::vector<Match> find(std::string_view text) const;

  const Facility& facility(int entry) const { return facilities_[entry]; }
  const Actor& actor(int entry) const { return actors_[entry]; }
  const WeaponTerm& weapon(int entry) const { return weapons_[entry]; }
  const Country& country(int entry) const { return countries_[entry]; }
  const Trigger& trigger(int entry) const { return triggers_[entry]; }
  const std::vector<Facility>& facilities() const { return facilities_; }
  const std::vector<Actor>& actors() const { return actors_; }
  const std::vector<WeaponTerm>& weapons() const { return weapons_; }
  const std::vector<Country>& countries() const { return countries_; }
  const std::vector<Trigger>& triggers() const { return triggers_; }
  // Number of gazetteer rows loaded (0 without data/generated/cities.tsv).
  std::size_t city_count() const { return cities_.size(); }
  const Facility* facility_named(std::string_view name) const;
  // The actor with this canonical name ("Iran-aligned militias"), or null.
  const Actor* actor_named(std::string_view name) const;
  // The actor that stands for the proxies of this backer ("iran", "tehran"), or -1.
  int proxy_actor(std::string_view lower_backer) const;
  // Whether a lower-case word is on a list of data/lexicon/words.tsv.
  bool word_in(WordList list, std::string_view lower_word) const;
  // The distinctive lower-case words of a site's name: "Balad Air Base" -> {"balad"}.
  std::vector<std::string> name_words(std::string_view name) const;
  // The facilities one of whose names holds this distinctive word ("balad", "qayyarah"):
  // generic words (base, air, embassy, US ...) index nothing.
  std::vector<int> facilities_named_by(std::string_view lower_word) const;

  // How to read a language other than English (data/lexicon/<lang>/gloss.tsv), or nullptr.
  const Glossary* glossary(std::string_view language) const;
  // The languages with a glossary, sorted.
  std::vector<std::string> glossary_languages() const;

  // A city by exact (case-insensitive) name; among namesakes prefers `country_hint`.
  std::optional<City> city(std::string_view name, std::string_view country_hint = {}) const;
  const Country* country_by_code(std::string_view code) const;
  // A country's clock against UTC on a day (days since 1970-01-01), in minutes, from
  // data/lexicon/timezones.tsv: Lebanon 120 in winter and 180 in summer. A country with no row
  // reads as 180, the region's most common hour.
  int utc_offset_minutes(std::string_view country_code, long day) const;

 private:
  Lexicon();
  // Reads the GeoNames TSV (name, country, lat, lon) into cities_ and the lookup index; a
  // missing file leaves the gazetteer empty.
  void load_gazetteer(const std::filesystem::path& path);
  struct Compiled;
  std::vector<Facility> facilities_;
  std::vector<Actor> actors_;
  std::vector<WeaponTerm> weapons_;
  std::vector<Country> countries_;
  std::vector<Trigger> triggers_;
  std::vector<City> cities_;
  std::unique_ptr<Compiled> compiled_;
};

}  // namespace sitrep::lexicon
