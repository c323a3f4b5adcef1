// The weights files of sitrep's fitted models (data/model/*.tsv): comment lines starting with
// '#', then `name<TAB>value[<TAB>pinned]` rows. One reader and one writer serve every model, so
// each model only names its features.
#pragma once

#include <filesystem>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "core/error.h"

namespace sitrep {

// A model as its file gives it: the bias, the threshold, one weight (and pinned flag) per
// feature, in the order of the names asked for.
struct Weights {
  double bias = 0;
  double threshold = 0.5;
  std::vector<double> values;
  std::vector<bool> pinned;
};

// Reads a weights file for a model with these feature names; `what` names the model in errors
// ("the detection model"). Every row must be "bias", "threshold" or one of the names, each
// once; every one of them must be there; values must be finite, the threshold in (0, 1]. An
// error names the file (and the line, for a bad row).
Result<Weights> read_weights(const std::filesystem::path& path, std::string_view what,
                             std::span<const std::string_view> names);

// The file text: the header as '#' comment lines, then the bias, the threshold and one row per
// feature.
std::string weights_file_text(const std::string& header, const Weights& weights,
                              std::span<const std::string_view> names);

// Writes `text` to `path` through a temporary file in the same folder and a rename, so a reader
// (a running server reads the attach model at each merge) never sees half a file.
Result<void> write_file_atomically(const std::filesystem::path& path, const std::string& text);

}  // namespace sitrep
