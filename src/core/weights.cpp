#include "core/weights.h"

#include <unistd.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <fstream>
#include <sstream>

namespace sitrep {

Result<Weights> read_weights(const std::filesystem::path& path, std::string_view what,
                             std::span<const std::string_view> names) {
  std::ifstream in(path);
  if (!in) return fail(Error::Kind::kIo, path.string() + ": cannot read " + std::string(what));
  Weights weights;
  weights.values.assign(names.size(), 0.0);
  weights.pinned.assign(names.size(), false);
  // Rows seen: the bias, the threshold, then the features.
  std::vector<bool> seen(names.size() + 2, false);
  std::string line;
  for (int number = 1; std::getline(in, line); ++number) {
    while (!line.empty() && (line.back() == '\r' || line.back() == ' ')) line.pop_back();
    if (line.empty() || line[0] == '#') continue;
    const std::string where = path.string() + ":" + std::to_string(number) + ": ";
    const auto tab = line.find('\t');
    if (tab == std::string::npos) return invalid_input(where + "expected name<TAB>weight");
    const std::string name = line.substr(0, tab);
    std::string rest = line.substr(tab + 1);
    bool pinned = false;
    if (const auto second = rest.find('\t'); second != std::string::npos) {
      pinned = rest.substr(second + 1) == "pinned";
      if (!pinned) return invalid_input(where + "third column must be 'pinned'");
      rest.resize(second);
    }
    double value = 0;
    try {
      std::size_t used = 0;
      value = std::stod(rest, &used);
      if (used != rest.size()) throw std::invalid_argument(rest);
    } catch (const std::exception&) {
      return invalid_input(where + "weight is not a number");
    }
    if (!std::isfinite(value)) return invalid_input(where + "weight is not finite");
    std::size_t index = 0;
    if (name == "bias") {
      weights.bias = value;
    } else if (name == "threshold") {
      if (value <= 0 || value > 1) return invalid_input(where + "threshold must be in (0, 1]");
      weights.threshold = value;
      index = 1;
    } else {
      const auto it = std::find(names.begin(), names.end(), name);
      if (it == names.end()) return invalid_input(where + "unknown feature '" + name + "'");
      index = static_cast<std::size_t>(it - names.begin()) + 2;
      weights.values[index - 2] = value;
      weights.pinned[index - 2] = pinned;
    }
    if (seen[index]) return invalid_input(where + "'" + name + "' given twice");
    seen[index] = true;
  }
  for (std::size_t i = 0; i < seen.size(); ++i)
    if (!seen[i])
      return invalid_input(path.string() + ": no row for '" +
                           std::string(i == 0   ? "bias"
                                       : i == 1 ? "threshold"
                                                : names[i - 2]) +
                           "'");
  return weights;
}

std::string weights_file_text(const std::string& header, const Weights& weights,
                              std::span<const std::string_view> names) {
  std::ostringstream out;
  std::istringstream lines(header);
  for (std::string line; std::getline(lines, line);) out << "# " << line << "\n";
  char buffer[64];
  auto row = [&](std::string_view name, double value, int decimals, bool pinned) {
    std::snprintf(buffer, sizeof buffer, "%.*f", decimals, value);
    out << name << "\t" << buffer << (pinned ? "\tpinned" : "") << "\n";
  };
  row("bias", weights.bias, 6, false);
  row("threshold", weights.threshold, 3, false);
  for (std::size_t i = 0; i < names.size(); ++i)
    row(names[i], weights.values.at(i), 6, i < weights.pinned.size() && weights.pinned[i]);
  return out.str();
}

Result<void> write_file_atomically(const std::filesystem::path& path, const std::string& text) {
  const auto temporary =
      path.parent_path() / ("." + path.filename().string() + "." + std::to_string(::getpid()));
  {
    std::ofstream out(temporary, std::ios::binary | std::ios::trunc);
    out << text;
    out.flush();
    if (!out) {
      std::error_code ignored;
      std::filesystem::remove(temporary, ignored);
      return fail(Error::Kind::kIo, path.string() + ": cannot write");
    }
  }
  std::error_code error;
  std::filesystem::rename(temporary, path, error);
  if (error) {
    std::filesystem::remove(temporary, error);
    return fail(Error::Kind::kIo, path.string() + ": cannot write");
  }
  return {};
}

}  // namespace sitrep
