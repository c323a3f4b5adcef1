#include "extract/train.h"

#include <linear.h>

#include <cmath>
#include <cstdio>
#include <sstream>

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
  std::vector<double> predicted(examples.size());
  cross_validation(&prob, &param, 10, predicted.data());
  int tp = 0, fp = 0, fn = 0, tn = 0;
  for (std::size_t i = 0; i < examples.size(); ++i) {
    bool p = predicted[i] > 0, g = y[i] > 0;
    tp += p && g, fp += p && !g, fn += !p && g, tn += !p && !g;
  }
  fit.cv_accuracy = double(tp + tn) / examples.size();
  fit.cv_mcc = mcc(tp, fp, fn, tn);

  model* trained = train(&prob, &param);
  // liblinear orders labels as first seen; its weights score label[0].
  double sign = trained->label[0] == 1 ? 1 : -1;
  for (int f = 0; f < kFeatures; ++f)
    fit.model.weights[f] = prior.pinned[f] ? prior.weights[f] : sign * trained->w[f];
  fit.model.pinned = prior.pinned;
  fit.model.bias = sign * trained->w[kFeatures];
  fit.model.threshold = 0.5;
  free_and_destroy_model(&trained);
  return fit;
}

std::string model_file_text(const DetectModel& model, const std::string& header) {
  std::ostringstream out;
  std::istringstream lines(header);
  for (std::string line; std::getline(lines, line);) out << "# " << line << "\n";
  char buffer[64];
  std::snprintf(buffer, sizeof buffer, "%.6f", model.bias);
  out << "bias\t" << buffer << "\n";
  std::snprintf(buffer, sizeof buffer, "%.3f", model.threshold);
  out << "threshold\t" << buffer << "\n";
  for (int f = 0; f < kFeatures; ++f) {
    std::snprintf(buffer, sizeof buffer, "%.6f", model.weights[f]);
    out << feature_name(static_cast<Feature>(f)) << "\t" << buffer
        << (model.pinned[f] ? "\tpinned" : "") << "\n";
  }
  return out.str();
}

}  // namespace sitrep::extract
