// The weights files of sitrep's fitted models (data/model/*.tsv): comment lines starting with
// '#', then `name<TAB>value[<TAB>pinned]` rows. One reader and one writer serve every model, so
// each model only maps names to its own features.
#pragma once

#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include "core/error.h"

namespace sitrep {

struct WeightRow {
  std::string name;
  double value = 0;
  bool pinned = false;  // set by hand and kept by training
  std::string where;    // "path:line: ", for an error about this row
};

// Reads every row of a weights file; `what` names the model in the error for an unreadable file
// ("the detection model"). A malformed row is an error naming the file and line.
Result<std::vector<WeightRow>> read_weight_rows(const std::filesystem::path& path,
                                                std::string_view what);

// The file text: the header as '#' comment lines, then one row per weight, values written with
// `decimals` places (the threshold with three).
std::string weight_file_text(const std::string& header, const std::vector<WeightRow>& rows,
                             int decimals = 6);

}  // namespace sitrep
