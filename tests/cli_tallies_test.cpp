// `sitrep tallies`: tally claims come back with their period and region, next to sitrep's own
// count, and never become incidents.
#include <gtest/gtest.h>

#include <unistd.h>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <string>

#include "test_support.h"

TEST(CliTallies, TallyClaimsListedWithPeriodRegionAndOwnCount) {
  namespace fs = std::filesystem;
  fs::path dir = fs::temp_directory_path() / ("sitrep_tallies_" + std::to_string(::getpid()));
  fs::remove_all(dir);
  fs::create_directories(dir / "in");
  std::ofstream(dir / "in" / "a.txt")
      << "Drone hits US base in Syria\n\n"
         "A drone struck the al-Tanf garrison in southern Syria on Tuesday, a US official said. "
         "No injuries were reported.\n\n"
         "US forces in Iraq and Syria have come under more than 40 attacks since mid-October, "
         "according to the Pentagon.\n";
  std::ofstream(dir / "in" / "manifest.jsonl")
      << R"({"doc": "a.txt", "outlet": "Test Wire", "published": "2023-11-08"})"
      << "\n";
  std::string db = (dir / "t.db").string();
  std::string bin = SITREP_BINARY;
  sitrep::testing::run_command(bin + " ingest -q --db " + db + " --manifest " +
                               (dir / "in" / "manifest.jsonl").string() + " " +
                               (dir / "in").string() + " 2>&1");
  auto tallies = nlohmann::json::parse(
      sitrep::testing::run_command(bin + " tallies --format json --db " + db));
  ASSERT_EQ(tallies.size(), 1u);
  EXPECT_EQ(tallies[0]["count"], 40);
  EXPECT_EQ(tallies[0]["qualifier"], "more than");
  EXPECT_EQ(tallies[0]["period_start"], "2023-10-15");
  EXPECT_EQ(tallies[0]["region"], "IQ,SY");
  // Our own count: the one incident (the al-Tanf drone) falls in that period and region.
  EXPECT_EQ(tallies[0]["sitrep_count"], 1);
  auto incidents = nlohmann::json::parse(
      sitrep::testing::run_command(bin + " incidents --format json --db " + db));
  ASSERT_EQ(incidents.size(), 1u);
  EXPECT_EQ(incidents[0]["facility"], "Al-Tanf Garrison");
  fs::remove_all(dir);
}
