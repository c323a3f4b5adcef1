// Placing a report that gives no day: the decision among the dated attacks at its site.
//
// A report with neither an attack day nor a published date may still tell one of the attacks the
// database knows: it names the site, perhaps a weekday ("on Sunday"), figures, particulars. Each
// dated cluster at its site is a candidate; the report joins one, or stays apart. The choice is
// a conditional logit fitted on the real set (`make train`, data/model/attach.tsv): candidate c
// scores s_c = bias + sum weight * feature, staying apart scores 0, and
// P(c) = exp(s_c) / (1 + sum exp(s)). The report joins its best candidate when P reaches the
// threshold and no other candidate fits alike (within 1%). The threshold is chosen by
// `train-attach` as the one whose merge of the training articles scores best (B-cubed).
#pragma once

#include <array>
#include <cstddef>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/error.h"

namespace sitrep::merge {

enum class AttachFeature {
  kUsualDay,       // the report's weekday/day/month fits the day most members give (a candidate
                   // whose days all contradict it is none: merge.cpp)
  kNamedDayUsual,  // the report writes a day of the month, and it is the cluster's usual day
  kSharedFigures,  // figures (field and value) the report and some member both give
  kConflictingFigures,  // figures the report gives where members give others, never this one
  kSharedWords,         // rare evidence words in common (each weighted by rarity), / 5, at most 4
  kSameFacility,        // some member names the very facility (not a nested one or the city)
  kLogMembers,          // log of the cluster's report count: much-reported attacks draw reports
  kLogCandidates,       // log of the number of candidates: a site attacked often (on that
                        // weekday, for a report that names one) is ambiguous
  kCount
};
std::string_view attach_feature_name(AttachFeature feature);

using AttachFeatures = std::array<double, static_cast<std::size_t>(AttachFeature::kCount)>;

struct AttachModel {
  double bias = 0;
  AttachFeatures weights{};
  double threshold = 0.5;

  // Reads `feature<TAB>weight` rows ("bias" and "threshold" included); an unknown feature name
  // is an error naming the file and line.
  static Result<AttachModel> load(const std::filesystem::path& path);
  // The model shipped in data/model/attach.tsv beside the lexicon.
  static Result<AttachModel> load_default(const std::filesystem::path& data_dir);

  double score(const AttachFeatures& x) const;
  // The candidate to join: the best, when its probability against the others and staying apart
  // reaches the threshold; nullopt to stay apart.
  std::optional<std::size_t> choose(const std::vector<AttachFeatures>& candidates) const;
};

// One undated report's candidates, for training: the features of each and, from gold, which
// one (if any) holds the report's own attack.
struct AttachExample {
  std::vector<AttachFeatures> candidates;
  std::optional<std::size_t> answer;
};

struct AttachFit {
  AttachModel model;
  double log_likelihood = 0;  // of the examples under the fitted model (penalty excluded)
  int iterations = 0;
};

// Maximum-likelihood conditional logit, the objective being the log-likelihood minus l2 / 2 times
// the squared weights (not the bias; l2 > 0), by Newton's method with step halving; an error
// when it does not converge. The fitted model's threshold is 0.5 (join when joining is more
// likely right than every other choice together); train-attach then lowers it to the one that
// merges the training articles best.
Result<AttachFit> fit_attach_model(const std::vector<AttachExample>& examples, double l2);

// The model file: comment lines (the header), then bias, threshold and one weight per feature.
std::string attach_model_file_text(const AttachModel& model, const std::string& header);

}  // namespace sitrep::merge
