#include "merge/attach.h"

#include <algorithm>
#include <cmath>

#include "core/weights.h"

namespace sitrep::merge {
namespace {

constexpr std::string_view kFeatureNames[] = {
    "usual_day",    "day_contradicts", "named_day_usual", "shared_figures", "conflicting_figures",
    "shared_words", "same_facility",   "log_members",     "log_candidates"};
static_assert(std::size(kFeatureNames) == static_cast<std::size_t>(AttachFeature::kCount));

constexpr std::size_t kWeights = static_cast<std::size_t>(AttachFeature::kCount);
constexpr std::size_t kParameters = kWeights + 1;  // the bias first
using Vector = std::array<double, kParameters>;
using Matrix = std::array<Vector, kParameters>;

Vector with_bias(const AttachFeatures& x) {
  Vector v{};
  v[0] = 1;
  std::copy(x.begin(), x.end(), v.begin() + 1);
  return v;
}

// Solves m * out = rhs by Gaussian elimination with partial pivoting; false when singular.
bool solve(Matrix m, Vector rhs, Vector& out) {
  for (std::size_t col = 0; col < kParameters; ++col) {
    std::size_t pivot = col;
    for (std::size_t row = col + 1; row < kParameters; ++row)
      if (std::abs(m[row][col]) > std::abs(m[pivot][col])) pivot = row;
    if (std::abs(m[pivot][col]) < 1e-12) return false;
    std::swap(m[col], m[pivot]);
    std::swap(rhs[col], rhs[pivot]);
    for (std::size_t row = col + 1; row < kParameters; ++row) {
      const double factor = m[row][col] / m[col][col];
      for (std::size_t k = col; k < kParameters; ++k) m[row][k] -= factor * m[col][k];
      rhs[row] -= factor * rhs[col];
    }
  }
  for (std::size_t col = kParameters; col-- > 0;) {
    double sum = rhs[col];
    for (std::size_t k = col + 1; k < kParameters; ++k) sum -= m[col][k] * out[k];
    out[col] = sum / m[col][col];
  }
  return true;
}

// Each candidate's probability, staying apart (score 0) included in the normalisation.
std::vector<double> probabilities(const std::vector<double>& scores) {
  double top = 0;  // staying apart
  for (double s : scores) top = std::max(top, s);
  double total = std::exp(-top);
  std::vector<double> p;
  for (double s : scores) total += p.emplace_back(std::exp(s - top));
  for (double& value : p) value /= total;
  return p;
}

}  // namespace

std::string_view attach_feature_name(AttachFeature feature) {
  return kFeatureNames[static_cast<std::size_t>(feature)];
}

Result<AttachModel> AttachModel::load(const std::filesystem::path& path) {
  auto rows = read_weight_rows(path, "the attach model");
  if (!rows) return std::unexpected(rows.error());
  AttachModel model;
  for (const WeightRow& row : *rows) {
    if (row.name == "bias") {
      model.bias = row.value;
    } else if (row.name == "threshold") {
      model.threshold = row.value;
    } else {
      auto it = std::find(std::begin(kFeatureNames), std::end(kFeatureNames), row.name);
      if (it == std::end(kFeatureNames))
        return invalid_input(row.where + "unknown feature '" + row.name + "'");
      model.weights[static_cast<std::size_t>(it - std::begin(kFeatureNames))] = row.value;
    }
  }
  return model;
}

Result<AttachModel> AttachModel::load_default(const std::filesystem::path& data_dir) {
  return load(data_dir / "model" / "attach.tsv");
}

double AttachModel::score(const AttachFeatures& x) const {
  double s = bias;
  for (std::size_t i = 0; i < x.size(); ++i) s += weights[i] * x[i];
  return s;
}

std::optional<std::size_t> AttachModel::choose(
    const std::vector<AttachFeatures>& candidates) const {
  if (candidates.empty()) return std::nullopt;
  std::vector<double> scores;
  for (const auto& x : candidates) scores.push_back(score(x));
  const auto p = probabilities(scores);
  const auto best = static_cast<std::size_t>(std::max_element(p.begin(), p.end()) - p.begin());
  if (p[best] < threshold) return std::nullopt;
  return best;
}

Result<AttachFit> fit_attach_model(const std::vector<AttachExample>& examples, double l2) {
  const bool joins = std::any_of(examples.begin(), examples.end(),
                                 [](const AttachExample& e) { return e.answer.has_value(); });
  const bool stays = std::any_of(examples.begin(), examples.end(),
                                 [](const AttachExample& e) { return !e.answer.has_value(); });
  if (!joins || !stays)
    return invalid_input("training needs reports that join a candidate and reports that do not");
  Vector theta{};  // bias, then the weights
  AttachFit fit;
  constexpr int kMaxIterations = 100;
  for (fit.iterations = 1; fit.iterations <= kMaxIterations; ++fit.iterations) {
    // Gradient and negative Hessian of the penalised log-likelihood.
    Vector gradient{};
    Matrix hessian{};
    double log_likelihood = 0;
    for (const AttachExample& e : examples) {
      std::vector<Vector> xs;
      std::vector<double> scores;
      for (const auto& c : e.candidates) {
        xs.push_back(with_bias(c));
        double s = 0;
        for (std::size_t k = 0; k < kParameters; ++k) s += theta[k] * xs.back()[k];
        scores.push_back(s);
      }
      const auto p = probabilities(scores);
      double stay = 1;
      for (double value : p) stay -= value;
      log_likelihood += std::log(std::max(e.answer ? p[*e.answer] : stay, 1e-300));
      Vector mean{};
      for (std::size_t i = 0; i < xs.size(); ++i)
        for (std::size_t k = 0; k < kParameters; ++k) mean[k] += p[i] * xs[i][k];
      if (e.answer)
        for (std::size_t k = 0; k < kParameters; ++k) gradient[k] += xs[*e.answer][k];
      for (std::size_t k = 0; k < kParameters; ++k) gradient[k] -= mean[k];
      for (std::size_t i = 0; i < xs.size(); ++i)
        for (std::size_t a = 0; a < kParameters; ++a)
          for (std::size_t b = 0; b < kParameters; ++b) hessian[a][b] += p[i] * xs[i][a] * xs[i][b];
      for (std::size_t a = 0; a < kParameters; ++a)
        for (std::size_t b = 0; b < kParameters; ++b) hessian[a][b] -= mean[a] * mean[b];
    }
    for (std::size_t k = 1; k < kParameters; ++k) {
      gradient[k] -= l2 * theta[k];
      hessian[k][k] += l2;
    }
    hessian[0][0] += 1e-9;  // keeps the system solvable when every example has one candidate
    fit.log_likelihood = log_likelihood;
    Vector step{};
    if (!solve(hessian, gradient, step)) return invalid_input("attach model: singular system");
    double size = 0;
    for (std::size_t k = 0; k < kParameters; ++k) {
      theta[k] += step[k];
      size = std::max(size, std::abs(step[k]));
    }
    if (size < 1e-8) break;
  }
  fit.model.bias = theta[0];
  std::copy(theta.begin() + 1, theta.end(), fit.model.weights.begin());
  fit.model.threshold = 0.5;
  return fit;
}

std::string attach_model_file_text(const AttachModel& model, const std::string& header) {
  std::vector<WeightRow> rows{{"bias", model.bias}, {"threshold", model.threshold}};
  for (std::size_t f = 0; f < kWeights; ++f)
    rows.push_back({std::string(kFeatureNames[f]), model.weights[f]});
  return weight_file_text(header, rows);
}

}  // namespace sitrep::merge
