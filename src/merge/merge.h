// Merge: Reports -> Incidents. Reports of one attack become one incident whose counts keep
// every source's claim; background mentions become background incidents.
#pragma once

#include <string>
#include <vector>

#include "core/incident.h"
#include "core/report.h"

namespace sitrep::merge {

struct Update {
  std::vector<Incident> incidents;       // the complete new set, sorted by date then id
  std::vector<Revision> revisions;       // new revision rows for incidents that changed
  std::vector<std::string> removed_ids;  // incidents absorbed into others
};

// Recomputes the incidents from every stored report. The result depends only on the set of
// reports, never on their order; `previous` supplies revision numbers, first_seen and history.
// `now` is an ISO 8601 UTC timestamp.
Update rebuild(const std::vector<Report>& reports, const std::vector<Incident>& previous,
               const std::string& now);

}  // namespace sitrep::merge
