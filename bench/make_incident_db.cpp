// A database of N attacks that do not merge, for the server benchmarks at scale
// (bench/serve_latency.mjs with SITREP_BENCH_POST_DB; docs/PERFORMANCE.md, "The server").
//
//   build/bench/sitrep_make_incident_db --count 100000 --db out/bench/incidents-100000.db
//
// Each attack is one stored document and its report, written through the Store API as
// `sitrep ingest` writes them, then merged once by cli::rebuild_incidents, as ingest does: N
// reports and N incidents. Attack i is at synthetic site i % 100 (sites on a 1-degree grid, so
// ~100 km apart) on day 2 * (i / 100) after 2000-01-01, with weapon, figures and an evidence
// sentence varying with i; no two attacks share a site and a day within a day, so none merge.
// The same N gives the same database (no clock but the ingestion timestamps, no randomness).
// Extraction is skipped: this is about what the server does with what is stored.
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <iostream>
#include <string>

#include "cli/commands.h"
#include "core/report.h"
#include "store/store.h"

namespace {

// Days since 1970-01-01 to YYYY-MM-DD (proleptic Gregorian; H. Hinnant's civil_from_days).
std::string iso_date(long long z) {
  z += 719468;
  const long long era = (z >= 0 ? z : z - 146096) / 146097;
  const long long doe = z - era * 146097;
  const long long yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const long long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const long long mp = (5 * doy + 2) / 153;
  const long long d = doy - (153 * mp + 2) / 5 + 1;
  const long long m = mp < 10 ? mp + 3 : mp - 9;
  const long long y = yoe + era * 400 + (m <= 2 ? 1 : 0);
  char out[64];
  std::snprintf(out, sizeof out, "%04lld-%02lld-%02lld", y, m, d);
  return out;
}

constexpr long long kDay2000 = 10957;  // 2000-01-01
constexpr int kSites = 100;
const char* const kWeapons[] = {"rocket", "drone", "missile", "mortar", "ied"};
const char* const kPlural[] = {"rockets", "drones", "missiles", "mortar rounds", "bombs"};

}  // namespace

int main(int argc, char** argv) {
  long long count = 0;
  std::string db;
  for (int a = 1; a + 1 < argc; a += 2) {
    if (!std::strcmp(argv[a], "--count")) count = std::atoll(argv[a + 1]);
    if (!std::strcmp(argv[a], "--db")) db = argv[a + 1];
  }
  if (count <= 0 || db.empty()) {
    std::cerr << "usage: sitrep_make_incident_db --count N --db FILE|postgresql://...\n";
    return 2;
  }
  auto store = sitrep::store::open_store(db);
  if (!store) {
    std::cerr << store.error().message << "\n";
    return 1;
  }
  for (long long i = 0; i < count; ++i) {
    const int site = static_cast<int>(i % kSites);
    const std::string date = iso_date(kDay2000 + 2 * (i / kSites));
    const std::string facility = "Bench Site " + std::to_string(site);
    const int w = static_cast<int>(i % 5);
    const int launched = 1 + static_cast<int>(i % 7);
    char name[64];
    std::snprintf(name, sizeof name, "bench-%07lld.txt", i);
    const std::string sentence = std::to_string(launched) + " " + kPlural[w] + " were fired at " +
                                 facility + " on " + date + ", an official said.";

    sitrep::store::StoredDocument d;
    d.id = "bench" + std::to_string(i);
    d.doc = name;
    d.url = "https://bench.example/" + std::to_string(i);
    d.outlet = "Bench Wire";
    d.published = date;
    d.language = "en";
    d.title = "Attack on " + facility;
    d.text = d.title + "\n\n" + sentence + " No one was hurt.\n";
    d.chars = d.text.size();

    sitrep::Report r;
    r.doc = d.doc;
    r.doc_id = d.id;
    r.outlet = d.outlet;
    r.url = d.url;
    r.published = date;
    r.reports_attack = true;
    sitrep::Attack attack;
    attack.date = date;
    attack.country = "IQ";
    attack.facility = facility;
    attack.lat = 20.0 + site / 10;
    attack.lon = 30.0 + site % 10;
    attack.geo_precision = "facility";
    attack.target_type = "military";
    attack.weapon = kWeapons[w];
    attack.launched = launched;
    attack.impacted = static_cast<int>(i % 3);
    attack.killed = 0;
    attack.injured = 0;
    attack.suspected = {"Iran-aligned militias"};
    const sitrep::Evidence evidence{sentence, d.title.size() + 2,
                                    d.title.size() + 2 + sentence.size(), "an official"};
    for (const char* field : {"date", "facility", "weapon", "launched"})
      attack.evidence[field] = evidence;
    r.main = attack;

    auto put = (*store)->put_document(d, r);
    if (!put) {
      std::cerr << put.error().message << "\n";
      return 1;
    }
  }
  auto merged = sitrep::cli::rebuild_incidents(**store);
  if (!merged) {
    std::cerr << merged.error().message << "\n";
    return 1;
  }
  std::cout << count << " reports, " << merged->incidents.size() << " incidents in " << db << "\n";
  return 0;
}
