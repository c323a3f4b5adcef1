#include "extract/train.h"

#include <linear.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <sstream>

#include "core/weights.h"

namespace sitrep::extract {
namespace {

constexpr int kFeatures = static_cast<int>(Feature::kCount);

// liblinear prints its progress on stdout unless told otherwise.
void quiet(const char*) {}

double mcc(int tp, int fp, int fn, int tn) {
  double den = std::sqrt(double(tp + fp) * (tp + fn) * (tn + fp) * (tn + fn));
  return den > 0 ? (double(tp) * tn - double(fp) * fn) / den : 0;
}

}  // namespace

Result<Fit> fit_detect_model(const std::vector<Example>& all, double c, const DetectModel& prior) {
  std::vector<Example> examples;
  for (const auto& e : all) {
    bool vetoed = false;
    for (int f = 0; f < kFeatures; ++f)
      vetoed |= prior.pinned[f] && prior.weights[f] < 0 && e.x[f] != 0;
    if (!vetoed) examples.push_back(e);
  }
  int positives = 0;
  for (const auto& e : examples) positives += e.reports_attack;
  if (positives == 0 || positives == static_cast<int>(examples.size()))
    return invalid_input("training needs articles that report an attack and articles that do not");
  set_print_string_function(quiet);
  // Sparse rows: index 1..kFeatures, then the bias term liblinear appends, then -1.
  std::vector<std::vector<feature_node>> rows(examples.size());
  std::vector<feature_node*> x(examples.size());
  std::vector<double> y(examples.size());
  for (std::size_t i = 0; i < examples.size(); ++i) {
    for (int f = 0; f < kFeatures; ++f)
      if (examples[i].x[f] != 0 && !prior.pinned[f]) rows[i].push_back({f + 1, examples[i].x[f]});
    rows[i].push_back({kFeatures + 1, 1.0});  // bias
    rows[i].push_back({-1, 0});
    x[i] = rows[i].data();
    y[i] = examples[i].reports_attack ? 1 : -1;
  }
  problem prob{};
  prob.l = static_cast<int>(examples.size());
  prob.n = kFeatures + 1;
  prob.y = y.data();
  prob.x = x.data();
  prob.bias = -1;  // the bias is our own last column
  parameter param{};
  param.solver_type = L2R_LR;
  param.C = c;
  param.eps = 0.001;
  if (const char* error = check_parameter(&prob, &param))
    return invalid_input(std::string("liblinear: ") + error);

  Fit fit;
  // 10-fold cross-validation by hand, keeping each held-out article's probability: the
  // threshold is the one that maximises MCC over those out-of-fold probabilities, so it is
  // chosen on articles each fold's model did not see.
  constexpr int kFolds = 10;
  std::vector<double> out_of_fold(examples.size(), 0.5);
  for (int fold = 0; fold < kFolds; ++fold) {
    std::vector<feature_node*> fx;
    std::vector<double> fy;
    for (std::size_t i = 0; i < examples.size(); ++i)
      if (static_cast<int>(i % kFolds) != fold) fx.push_back(x[i]), fy.push_back(y[i]);
    bool both = std::any_of(fy.begin(), fy.end(), [](double v) { return v > 0; }) &&
                std::any_of(fy.begin(), fy.end(), [](double v) { return v < 0; });
    if (!both) continue;
    problem part = prob;
    part.l = static_cast<int>(fx.size());
    part.x = fx.data();
    part.y = fy.data();
    model* m = train(&part, &param);
    int positive = m->label[0] == 1 ? 0 : 1;
    for (std::size_t i = 0; i < examples.size(); ++i) {
      if (static_cast<int>(i % kFolds) != fold) continue;
      double probabilities[2] = {0, 0};
      predict_probability(m, x[i], probabilities);
      out_of_fold[i] = probabilities[positive];
    }
    free_and_destroy_model(&m);
  }
  double best_mcc = -2, best_threshold = 0.5;
  for (double threshold = 0.30; threshold <= 0.901; threshold += 0.05) {
    int tp = 0, fp = 0, fn = 0, tn = 0;
    for (std::size_t i = 0; i < examples.size(); ++i) {
      bool p = out_of_fold[i] >= threshold, g = y[i] > 0;
      tp += p && g, fp += p && !g, fn += !p && g, tn += !p && !g;
    }
    double m = mcc(tp, fp, fn, tn);
    if (m > best_mcc + 1e-9) {
      best_mcc = m;
      best_threshold = threshold;
      fit.cv_accuracy = double(tp + tn) / examples.size();
    }
  }
  fit.cv_mcc = best_mcc;

  model* trained = train(&prob, &param);
  // liblinear orders labels as first seen; its weights score label[0].
  double sign = trained->label[0] == 1 ? 1 : -1;
  for (int f = 0; f < kFeatures; ++f)
    fit.model.weights[f] = prior.pinned[f] ? prior.weights[f] : sign * trained->w[f];
  fit.model.pinned = prior.pinned;
  fit.model.bias = sign * trained->w[kFeatures];
  fit.model.threshold = best_threshold;
  free_and_destroy_model(&trained);
  return fit;
}

std::string model_file_text(const DetectModel& model, const std::string& header) {
  Weights weights{model.bias, model.threshold, {}, {}};
  std::vector<std::string_view> names;
  for (int f = 0; f < kFeatures; ++f) {
    names.push_back(feature_name(static_cast<Feature>(f)));
    weights.values.push_back(model.weights[f]);
    weights.pinned.push_back(model.pinned[f]);
  }
  return weights_file_text(header, weights, names);
}

}  // namespace sitrep::extract
