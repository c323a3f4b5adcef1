#include "extract/scope.h"

#include <cctype>

namespace sitrep::extract {

bool Scope::contains(const Attack& attack) const {
  if (!target_types.empty() && !target_types.count(attack.target_type)) return false;
  // An attack placed nowhere more precise than "unknown" country stays in a country scope.
  if (!countries.empty() && !attack.country.empty() && !countries.count(attack.country))
    return false;
  return true;
}

Result<Scope> Scope::parse(std::string_view spec) {
  static const std::set<std::string> types = {"diplomatic", "military", "mixed", "civilian",
                                              "unknown"};
  Scope scope;
  std::string word;
  auto take = [&]() -> Result<void> {
    if (word.empty()) return {};
    std::string lower, upper;
    for (char c : word) {
      lower += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
      upper += static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    }
    if (types.count(lower))
      scope.target_types.insert(lower);
    else if (upper.size() == 2 && std::isalpha(static_cast<unsigned char>(upper[0])) &&
             std::isalpha(static_cast<unsigned char>(upper[1])))
      scope.countries.insert(upper);
    else
      return invalid_input("scope: '" + word +
                           "' is neither a target type (diplomatic, military, mixed, civilian, "
                           "unknown) nor a two-letter country code");
    word.clear();
    return {};
  };
  for (char c : spec) {
    if (c == ',' || c == ' ') {
      if (auto r = take(); !r) return std::unexpected(r.error());
      continue;
    }
    word += c;
  }
  if (auto r = take(); !r) return std::unexpected(r.error());
  return scope;
}

}  // namespace sitrep::extract
