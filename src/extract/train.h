// Fitting the detection model (detect.h) on labelled articles: L2-regularised logistic
// regression with liblinear. Used by `sitrep train-detect` (make train); the result is written
// to data/model/detect.tsv.
#pragma once

#include <string>
#include <vector>

#include "core/error.h"
#include "extract/detect.h"

namespace sitrep::extract {

struct Example {
  Features x{};
  bool reports_attack = false;
};

struct Fit {
  DetectModel model;
  double cv_accuracy = 0;  // 10-fold cross-validated accuracy on the examples
  double cv_mcc = 0;       // ... and Matthews correlation
};

// `c` is liblinear's inverse regularisation strength. Needs both classes among the examples.
// The pinned weights of `prior` are kept; the examples a pinned veto decides are left out.
Result<Fit> fit_detect_model(const std::vector<Example>& examples, double c,
                             const DetectModel& prior);

// The model file: comment lines (the header), then bias, threshold and one weight per feature.
std::string model_file_text(const DetectModel& model, const std::string& header);

}  // namespace sitrep::extract
