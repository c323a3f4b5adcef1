// Wall-clock timestamps in the one format sitrep stores and prints.
#pragma once

#include <string>

namespace sitrep {

// The current time as ISO 8601 UTC, e.g. "2024-09-13T08:15:00Z".
std::string now_utc();

}  // namespace sitrep
