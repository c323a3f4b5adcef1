// Helpers shared by the tests: running the real `sitrep` binary, and the lexicon, detection
// model and extractor loaded once.
#pragma once

#include <gtest/gtest.h>

#include <sys/wait.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "extract/extract.h"
#include "lexicon/lexicon.h"

namespace sitrep::testing {

// The JSON lines of a file, blank lines skipped (a line that is not JSON is a discarded value).
inline std::vector<nlohmann::json> read_jsonl(const std::filesystem::path& path) {
  std::vector<nlohmann::json> out;
  std::ifstream in(path);
  std::string line;
  while (std::getline(in, line))
    if (line.find_first_not_of(" \t\r") != std::string::npos)
      out.push_back(nlohmann::json::parse(line, nullptr, false));
  return out;
}

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

// What the `sitrep` binary printed on stdout (stderr discarded) and its exit status.
struct BinaryOutput {
  int status = -1;
  std::string out;
};

inline BinaryOutput run_binary(const std::string& arguments) {
  BinaryOutput result;
  std::string command = std::string("'") + SITREP_BINARY + "' " + arguments + " 2>/dev/null";
  FILE* pipe = popen(command.c_str(), "r");
  if (!pipe) return result;
  char buffer[4096];
  while (std::size_t n = fread(buffer, 1, sizeof buffer, pipe)) result.out.append(buffer, n);
  int status = pclose(pipe);
  result.status = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  return result;
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
