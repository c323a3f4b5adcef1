#include "core/weights.h"

#include <cstdio>
#include <fstream>
#include <sstream>

namespace sitrep {

Result<std::vector<WeightRow>> read_weight_rows(const std::filesystem::path& path,
                                                std::string_view what) {
  std::ifstream in(path);
  if (!in) return fail(Error::Kind::kIo, path.string() + ": cannot read " + std::string(what));
  std::vector<WeightRow> rows;
  std::string line;
  for (int number = 1; std::getline(in, line); ++number) {
    if (line.empty() || line[0] == '#') continue;
    WeightRow row;
    row.where = path.string() + ":" + std::to_string(number) + ": ";
    const auto tab = line.find('\t');
    if (tab == std::string::npos) return invalid_input(row.where + "expected name<TAB>weight");
    row.name = line.substr(0, tab);
    std::string rest = line.substr(tab + 1);
    if (const auto second = rest.find('\t'); second != std::string::npos) {
      row.pinned = rest.substr(second + 1) == "pinned";
      if (!row.pinned) return invalid_input(row.where + "third column must be 'pinned'");
      rest.resize(second);
    }
    try {
      std::size_t used = 0;
      row.value = std::stod(rest, &used);
      if (used != rest.size()) throw std::invalid_argument(rest);
    } catch (const std::exception&) {
      return invalid_input(row.where + "weight is not a number");
    }
    rows.push_back(std::move(row));
  }
  return rows;
}

std::string weight_file_text(const std::string& header, const std::vector<WeightRow>& rows,
                             int decimals) {
  std::ostringstream out;
  std::istringstream lines(header);
  for (std::string line; std::getline(lines, line);) out << "# " << line << "\n";
  char buffer[64];
  for (const WeightRow& row : rows) {
    std::snprintf(buffer, sizeof buffer, "%.*f", row.name == "threshold" ? 3 : decimals, row.value);
    out << row.name << "\t" << buffer << (row.pinned ? "\tpinned" : "") << "\n";
  }
  return out.str();
}

}  // namespace sitrep
