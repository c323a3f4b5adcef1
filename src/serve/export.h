// Export formats for incidents: JSON array, CSV (ACLED-like columns), GeoJSON, and a table
// readable on an 80-column terminal.
#pragma once

#include <string>
#include <vector>

#include "core/incident.h"

namespace sitrep::serve {

std::string incidents_json(const std::vector<Incident>& incidents);
std::string incidents_csv(const std::vector<Incident>& incidents);
std::string incidents_geojson(const std::vector<Incident>& incidents);
std::string incidents_table(const std::vector<Incident>& incidents);

}  // namespace sitrep::serve
