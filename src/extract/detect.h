// The decision whether an article reports a specific attack on a site of ours: a scored
// decision over the evidence its lead gives (a day, a target in scope, a weapon, figures, the
// headline, doubts and vetoes). The features are computed here; the weights are data
// (data/model/detect.tsv), fitted on the real development set's tune split by `make train`
// (scripts/train-detect.py) so the decision can be refitted as that set grows.
#pragma once

#include <array>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/error.h"
#include "extract/annotate.h"
#include "lexicon/lexicon.h"

namespace sitrep::extract {

// Each feature is a number in [0, 1]; their names are the keys of the model file.
enum class Feature : std::uint8_t {
  kAnchorStrength,       // the anchor sentence's score, scaled
  kAnchorNamesSite,      // the anchor names a registry site as the target
  kAnchorHasWeapon,      // ... a weapon
  kAnchorHasAttackVerb,  // ... an attack verb
  kAnchorEarly,          // the anchor is the headline or one of the first three sentences
  kHeadlineAttack,       // the headline tells an attack
  kHeadlineNotAttack,    // the headline is a strike BY US forces, a drill, a threat or a plot
  kBenign,               // "an unarmed camera drone", "a technical malfunction"
  kDoubtedTarget,        // "not clear whether the embassy was the target", no site named as hit
  kOldAttackNamed,     // an aftermath piece naming "the <older date> attack", no recent attack day
  kNoPublished,        // no published date: no day can be checked
  kDatedRecent,        // an attack sentence dates the attack to the week before publication
  kUndatedSiteFigure,  // no day at all, but the lead names our site and a count or toll
  kUndatedToldAsNews,  // no day at all, but the lead tells a weapon aimed at our target as news
  kAnyRecentDay,       // some sentence names a day of the week before publication
  kAnchorQuoted,       // the anchor is inside quoted material
  kHeadlineOtherNews,  // a headline that tells no attack (an arrest, a reaction, a policy)
  kUndatedLeadAttack,  // no day at all; the first sentences tell an attack on our target
  kAnchorClaim,        // the anchor or headline is a claim of the attack
  kAnchorOldDate,      // the anchor dates its attack 8-45 days before publication
  kLeadUsStrike,       // a lead sentence tells a strike BY US forces
  kLeadFoiled,         // a lead sentence tells a foiled plot or a seizure
  kLeadThreatOrDrill,  // a lead sentence tells a threat or a drill
  kLeadCause,          // a lead sentence tells a retaliation or a response
  kAttackSentences,    // how many sentences join attack evidence with a target (scaled)
  kReportDayOnly,      // the only recent day dates a report, not the attack
  kRecentDayInLead,    // a lead sentence names a recent day (in any clause)
  kNoHeadline,         // the text has no headline line
  kHeadlineAftermath,  // the headline's news follows an attack: an order, arrests, a reaction
  kLeadAftermath,      // a lead sentence tells such news
  kHeadlineCivilian,   // the headline names a civilian target (a gas field, homes)
  kNewsIsReaction,     // the headline or the body's first sentence tells a reaction whose object is
                       // the attack: "PM orders arrests after rockets land near embassy",
                       // "directs forces to capture those responsible for the rocket attack"
  kFirstOtherNews,     // the first sentence of the body tells other news (a strike BY US
                       // forces, an order, a threat, a plot) and no attack on our target
  kAnchorLate,         // the anchor is not among the first two sentences of the body
  kLeadTally,          // the headline or the body's first sentence counts attacks ("US forces
                       // attacked 52 times since October"): the news is the tally
  kLeadCondemns,       // ... or condemns the attack ("The UAE strongly condemned the attack
                       // that targeted the Russian embassy"): the news is the condemnation
  kLeadJudicial,       // ... or tells a court's work ("A Danish court convicted two men over the
                       // grenades thrown at the Israeli embassy"): the news is the case, and an
                       // attack tried in court is never the day's news
  kHeadlineGenre,      // the headline is labelled with a genre that is no news report
                       // ("Analysis: ...", "Explainer | Who is attacking US troops")
  kOlderLiveItem,      // a live blog tells the attack in an item older than its newest one:
                       // the newest item is the page's news
  kLeadNothingHappened,  // a lead sentence says no attack took place ("there is no attack and
                         // no rockets fell", "no incident targeting US forces was reported"):
                         // the news is a rumour, a test or a threat
  kCondemnsDayAfter,     // a condemnation lead whose attack the lead dates before the day of
                         // publication ("Spain on Friday condemned the shots fired at UNIFIL on
                         // Thursday"): the news is the next day's reaction
  kCount
};
std::string_view feature_name(Feature feature);

using Features = std::array<double, static_cast<std::size_t>(Feature::kCount)>;

// Logistic regression weights: p = 1 / (1 + exp(-(bias + sum w_i x_i))).
struct DetectModel {
  double bias = 0;
  Features weights{};
  // A pinned weight is set by hand and kept by training: vetoes the article states outright
  // ("the drone carried only a camera") that the real set shows too rarely to be learnt.
  std::array<bool, static_cast<std::size_t>(Feature::kCount)> pinned{};
  double threshold = 0.5;

  // Reads `feature<TAB>weight[<TAB>pinned]` rows ("bias" and "threshold" included); an unknown
  // feature name is an error naming the file and line.
  static Result<DetectModel> load(const std::filesystem::path& path);
  // The model shipped in data/model/detect.tsv beside the lexicon.
  static Result<DetectModel> load_default(const std::filesystem::path& data_dir);
  double probability(const Features& x) const;
};

struct Decision {
  bool reports_attack = false;
  std::optional<std::size_t> anchor;  // the lead sentence that best tells an attack
  Features features{};
  double probability = 0;
  std::string reason;  // a short line for --explain
};

// The anchor: among lead sentences of role kMain, the one that best joins attack evidence with
// a target in scope.
std::optional<std::size_t> choose_anchor(const Annotated& article, const lexicon::Lexicon& lexicon);

Features detection_features(const Annotated& article, const lexicon::Lexicon& lexicon,
                            std::size_t anchor);

Decision decide(const Annotated& article, const lexicon::Lexicon& lexicon,
                const DetectModel& model);

}  // namespace sitrep::extract
