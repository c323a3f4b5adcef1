// Merge: Reports -> Incidents. Reports of one attack become one incident whose counts keep
// every source's claim; background mentions become background incidents.
//
// The rules (candidate search, compatibility, reconciliation, ids, revisions) are listed with
// one example each in docs/MERGE.md. Everything here is pure: no I/O, no clock, no globals.
#pragma once

#include <map>
#include <string>
#include <vector>

#include "core/incident.h"
#include "core/report.h"
#include "merge/attach.h"

namespace sitrep::merge {

struct Update {
  std::vector<Incident> incidents;       // the complete new set, sorted by date then id
  std::vector<Revision> revisions;       // new revision rows for incidents that changed
  std::vector<std::string> removed_ids;  // incidents absorbed into others
  // incident id -> docs that mention the attack only in passing (background mentions absorbed
  // into a main incident). These docs are deliberately NOT in Incident::reports.
  std::map<std::string, std::vector<std::string>> mentioned_in;
};

// Recomputes the incidents from every stored report. The result depends only on the set of
// reports, never on their order; `previous` supplies revision numbers, first_seen and history.
// `now` is an ISO 8601 UTC timestamp. `attach` places the reports that give no day (attach.h).
Update rebuild(const std::vector<Report>& reports, const std::vector<Incident>& previous,
               const std::string& now, const AttachModel& attach);

// For fitting the attach model: every report that gives neither a day nor a published date, with
// the dated attacks it may join (each as its reports' doc names) and the features of each.
struct AttachCandidate {
  std::vector<std::string> docs;
  AttachFeatures features{};
};
struct UndatedReport {
  std::string doc;
  std::vector<AttachCandidate> candidates;
};
std::vector<UndatedReport> undated_reports(const std::vector<Report>& reports);

// One tally ("78 attacks since October 17") as one article states it.
struct TallyClaim {
  Tally tally;
  std::string doc;
  std::string outlet;
  std::string published;
  std::string source;  // who the article says gave the figure (tally.evidence.source)
};

// Every report's tallies, in canonical order (doc name, then position in the report).
std::vector<TallyClaim> tallies(const std::vector<Report>& reports);

// How many of sitrep's own incidents fall in [start, end] (YYYY-MM-DD, inclusive; an empty
// bound is open) in one of `countries` (ISO2; empty = everywhere). Undated incidents never
// count; background incidents count only when `include_background`. Lets a tally claim
// ("78 attacks on US forces in Iraq and Syria since October 17") be set against what we know.
int count_incidents(const std::vector<Incident>& incidents, const std::string& start,
                    const std::string& end, const std::vector<std::string>& countries,
                    bool include_background = false);

}  // namespace sitrep::merge
