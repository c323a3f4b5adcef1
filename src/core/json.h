// JSON forms of the public value types, exactly as SCHEMA.md names them.
#pragma once

#include <nlohmann/json.hpp>

#include "core/error.h"
#include "core/incident.h"
#include "core/report.h"

namespace sitrep {

nlohmann::json to_json(const Evidence& evidence);
nlohmann::json to_json(const Attack& attack);
nlohmann::json to_json(const BackgroundAttack& background);
nlohmann::json to_json(const Tally& tally);
nlohmann::json to_json(const Report& report);
nlohmann::json to_json(const Figure& figure);
nlohmann::json to_json(const Incident& incident);

// Inverse of to_json(Report); used to read reports back from the store.
Result<Report> report_from_json(const nlohmann::json& json);
Result<Incident> incident_from_json(const nlohmann::json& json);

}  // namespace sitrep
