// Scope: which attacks a deployment watches. SCHEMA's default is every diplomatic mission and
// every foreign military presence; a deployment may narrow it to some target types and
// countries ("diplomatic", "military,IQ,SY"). An attack outside the scope is kept as a
// background mention, not reported as the article's news.
#pragma once

#include <set>
#include <string>
#include <string_view>

#include "core/error.h"
#include "core/report.h"

namespace sitrep::extract {

struct Scope {
  std::set<std::string> target_types;  // empty: every type
  std::set<std::string> countries;     // ISO 3166 alpha-2; empty: everywhere

  bool contains(const Attack& attack) const;
  // "diplomatic,military,IQ,SY": target types (diplomatic, military, mixed, civilian, unknown)
  // and two-letter country codes, comma-separated; empty is everything. An unknown word is an
  // error that names it.
  static Result<Scope> parse(std::string_view spec);
};

}  // namespace sitrep::extract
