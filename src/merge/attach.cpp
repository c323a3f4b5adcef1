#include "merge/attach.h"

#include <algorithm>
#include <cmath>
#include <string>

#include "core/weights.h"

namespace sitrep::merge {
namespace {

constexpr std::string_view kFeatureNames[] = {
    "usual_day",    "named_day_usual", "shared_figures", "conflicting_figures",
    "shared_words", "same_facility",   "log_members",    "log_candidates"};
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

// log P(answer), or log P(stay apart) without an answer, computed from the scores themselves
// (not as log(1 - sum p), which loses precision when staying apart is unlikely).
double log_probability(const std::vector<double>& scores, std::optional<std::size_t> answer) {
  double top = 0;
  for (double s : scores) top = std::max(top, s);
  double total = std::exp(-top);
  for (double s : scores) total += std::exp(s - top);
  return (answer ? scores[*answer] : 0.0) - top - std::log(total);
}

std::vector<double> scores_of(const Vector& theta, const std::vector<Vector>& xs) {
  std::vector<double> scores;
  for (const Vector& x : xs) {
    double s = 0;
    for (std::size_t k = 0; k < kParameters; ++k) s += theta[k] * x[k];
    scores.push_back(s);
  }
  return scores;
}

// The penalised log-likelihood: sum of log P(answer) minus l2 / 2 times the squared weights.
double objective(const Vector& theta, const std::vector<std::vector<Vector>>& xs,
                 const std::vector<AttachExample>& examples, double l2, double* log_likelihood) {
  double ll = 0;
  for (std::size_t e = 0; e < examples.size(); ++e)
    ll += log_probability(scores_of(theta, xs[e]), examples[e].answer);
  if (log_likelihood) *log_likelihood = ll;
  double penalty = 0;
  for (std::size_t k = 1; k < kParameters; ++k) penalty += theta[k] * theta[k];
  return ll - l2 / 2 * penalty;
}

}  // namespace

std::string_view attach_feature_name(AttachFeature feature) {
  return kFeatureNames[static_cast<std::size_t>(feature)];
}

Result<AttachModel> AttachModel::load(const std::filesystem::path& path) {
  auto weights = read_weights(path, "the attach model", kFeatureNames);
  if (!weights) return std::unexpected(weights.error());
  AttachModel model;
  model.bias = weights->bias;
  model.threshold = weights->threshold;
  std::copy(weights->values.begin(), weights->values.end(), model.weights.begin());
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
  // Below 0.5 two candidates may both reach the threshold: the report joins the more likely,
  // never one of two that fit alike (within 1%).
  for (std::size_t k = 0; k < p.size(); ++k)
    if (k != best && p[best] < 1.01 * p[k]) return std::nullopt;
  return best;
}

Result<AttachFit> fit_attach_model(const std::vector<AttachExample>& examples, double l2) {
  if (!(l2 > 0)) return invalid_input("the L2 penalty must be positive");
  for (const AttachExample& e : examples)
    if (e.answer && *e.answer >= e.candidates.size())
      return invalid_input("an example's answer is not one of its candidates");
  const bool joins = std::any_of(examples.begin(), examples.end(),
                                 [](const AttachExample& e) { return e.answer.has_value(); });
  const bool stays = std::any_of(examples.begin(), examples.end(),
                                 [](const AttachExample& e) { return !e.answer.has_value(); });
  if (!joins || !stays)
    return invalid_input("training needs reports that join a candidate and reports that do not");
  std::vector<std::vector<Vector>> xs;
  for (const AttachExample& e : examples) {
    auto& rows = xs.emplace_back();
    for (const auto& c : e.candidates) rows.push_back(with_bias(c));
  }
  // Newton's method on the penalised log-likelihood (concave: the penalty makes it strictly so),
  // halving a step that would lower it.
  Vector theta{};  // bias, then the weights
  AttachFit fit;
  double current = objective(theta, xs, examples, l2, nullptr);
  constexpr int kMaxIterations = 100;
  bool converged = false;
  for (fit.iterations = 1; fit.iterations <= kMaxIterations && !converged; ++fit.iterations) {
    // Gradient and negative Hessian of the penalised log-likelihood.
    Vector gradient{};
    Matrix hessian{};
    for (std::size_t e = 0; e < examples.size(); ++e) {
      const auto p = probabilities(scores_of(theta, xs[e]));
      Vector mean{};
      for (std::size_t i = 0; i < xs[e].size(); ++i)
        for (std::size_t k = 0; k < kParameters; ++k) mean[k] += p[i] * xs[e][i][k];
      if (examples[e].answer)
        for (std::size_t k = 0; k < kParameters; ++k) gradient[k] += xs[e][*examples[e].answer][k];
      for (std::size_t k = 0; k < kParameters; ++k) gradient[k] -= mean[k];
      for (std::size_t i = 0; i < xs[e].size(); ++i)
        for (std::size_t a = 0; a < kParameters; ++a)
          for (std::size_t b = 0; b < kParameters; ++b)
            hessian[a][b] += p[i] * xs[e][i][a] * xs[e][i][b];
      for (std::size_t a = 0; a < kParameters; ++a)
        for (std::size_t b = 0; b < kParameters; ++b) hessian[a][b] -= mean[a] * mean[b];
    }
    for (std::size_t k = 1; k < kParameters; ++k) {
      gradient[k] -= l2 * theta[k];
      hessian[k][k] += l2;
    }
    Vector step{};
    if (!solve(hessian, gradient, step)) return invalid_input("attach model: singular system");
    bool improved = false;
    for (double scale = 1; scale > 1e-6 && !improved; scale /= 2) {
      Vector next = theta;
      for (std::size_t k = 0; k < kParameters; ++k) next[k] += scale * step[k];
      const double value = objective(next, xs, examples, l2, nullptr);
      if (value >= current - 1e-12) {
        double size = 0;
        for (std::size_t k = 0; k < kParameters; ++k)
          size = std::max(size, std::abs(next[k] - theta[k]));
        theta = next;
        converged = size < 1e-8 || value - current < 1e-10;
        current = value;
        improved = true;
      }
    }
    converged = converged || !improved;  // no step raises it: the maximum, to rounding
  }
  if (!converged)
    return invalid_input("attach model: no convergence in " + std::to_string(kMaxIterations) +
                         " Newton steps");
  --fit.iterations;  // the loop counted one past the last step
  objective(theta, xs, examples, l2, &fit.log_likelihood);
  fit.model.bias = theta[0];
  std::copy(theta.begin() + 1, theta.end(), fit.model.weights.begin());
  fit.model.threshold = 0.5;
  return fit;
}

std::string attach_model_file_text(const AttachModel& model, const std::string& header) {
  const Weights weights{model.bias,
                        model.threshold,
                        std::vector<double>(model.weights.begin(), model.weights.end()),
                        {}};
  return weights_file_text(header, weights, kFeatureNames);
}

}  // namespace sitrep::merge
