// Helpers shared by the tests: running the real `sitrep` binary, and the lexicon, detection
// model and extractor loaded once.
#pragma once

#include <gtest/gtest.h>

#include <cstdio>
#include <cstdlib>
#include <string>

#include "extract/extract.h"
#include "lexicon/lexicon.h"

namespace sitrep::testing {

// Runs a shell command and returns what it printed on stdout.
inline std::string run_command(const std::string& command) {
  std::string output;
  FILE* pipe = popen(command.c_str(), "r");
  if (!pipe) return output;
  char buffer[4096];
  while (std::size_t n = fread(buffer, 1, sizeof buffer, pipe)) output.append(buffer, n);
  pclose(pipe);
  return output;
}

// The lexicon from data/lexicon/, loaded once for the whole test binary.
inline const sitrep::lexicon::Lexicon& test_lexicon() {
  static const sitrep::lexicon::Lexicon* loaded = [] {
    auto result = sitrep::lexicon::Lexicon::load(sitrep::lexicon::Lexicon::default_data_dir());
    if (!result) {
      ADD_FAILURE() << "lexicon: " << result.error().message;
      std::abort();
    }
    return new sitrep::lexicon::Lexicon(std::move(*result));
  }();
  return *loaded;
}

// The detection model from data/model/detect.tsv, loaded once.
inline const sitrep::extract::DetectModel& test_model() {
  static const sitrep::extract::DetectModel model = [] {
    auto result =
        sitrep::extract::DetectModel::load_default(sitrep::lexicon::Lexicon::default_data_dir());
    if (!result) {
      ADD_FAILURE() << "detection model: " << result.error().message;
      std::abort();
    }
    return *result;
  }();
  return model;
}

// An extractor over the test lexicon and model.
inline const sitrep::extract::Extractor& test_extractor() {
  static const sitrep::extract::Extractor extractor(test_lexicon(), test_model());
  return extractor;
}

}  // namespace sitrep::testing
