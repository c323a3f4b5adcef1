// Issue acceptance: the seed articles become exactly three incidents plus the 2022-01-03
// background one, with the figures each outlet gave kept as a range. Reads ../shared at run
// time; skips when it is not beside the checkout.
#include <gtest/gtest.h>
#include <unistd.h>

#include <cstdio>
#include <filesystem>
#include <nlohmann/json.hpp>
#include <string>

#include "test_support.h"

namespace {

const nlohmann::json* find(const nlohmann::json& incidents, const std::string& date) {
  for (const auto& i : incidents)
    if (i["date"] == date) return &i;
  return nullptr;
}

}  // namespace

TEST(SeedIncidents, ThreeAttacksAndOneBackgroundIncident) {
  namespace fs = std::filesystem;
  fs::path seeds = fs::path(SITREP_SHARED_DIR) / "corpus" / "seeds";
  if (!fs::exists(seeds / "manifest.jsonl"))
    GTEST_SKIP() << "no seed corpus at " << seeds << " (../shared is not beside the checkout)";
  fs::path db = fs::temp_directory_path() / ("sitrep_seed_" + std::to_string(::getpid()) + ".db");
  fs::remove(db);
  std::string bin = SITREP_BINARY;
  std::string ingest = bin + " ingest -q --db " + db.string() + " --manifest " +
                       (seeds / "manifest.jsonl").string() + " " + seeds.string();
  sitrep::testing::run_command(ingest);
  sitrep::testing::run_command(ingest);  // a second ingest changes nothing
  auto incidents = nlohmann::json::parse(
      sitrep::testing::run_command(bin + " incidents --format json --db " + db.string()));
  ASSERT_EQ(incidents.size(), 4u) << incidents.dump(1);

  const auto* embassy = find(incidents, "2023-12-08");
  ASSERT_TRUE(embassy);
  EXPECT_EQ((*embassy)["facility"], "US Embassy Baghdad");
  EXPECT_EQ((*embassy)["weapon"], "rocket");
  EXPECT_EQ((*embassy)["launched"]["low"], 3);
  EXPECT_EQ((*embassy)["launched"]["high"], 14);
  EXPECT_EQ((*embassy)["impacted"]["low"], 2);
  EXPECT_EQ((*embassy)["impacted"]["high"], 3);
  EXPECT_EQ((*embassy)["reports"].size(), 2u);
  EXPECT_EQ((*embassy)["revision"], 1) << "re-ingesting must not bump the revision";

  const auto* katyusha = find(incidents, "2024-09-10");
  ASSERT_TRUE(katyusha);
  EXPECT_EQ((*katyusha)["facility"], "Baghdad Diplomatic Support Center");
  EXPECT_EQ((*katyusha)["weapon"], "rocket");
  EXPECT_EQ((*katyusha)["weapon_detail"], "Katyusha");
  EXPECT_EQ((*katyusha)["launched"]["best"], 2);
  EXPECT_EQ((*katyusha)["time_local"], "23:00");
  EXPECT_EQ((*katyusha)["reports"].size(), 2u);

  const auto* drones = find(incidents, "2026-03-10");
  ASSERT_TRUE(drones);
  EXPECT_EQ((*drones)["weapon"], "drone");
  EXPECT_EQ((*drones)["launched"]["best"], 6);
  EXPECT_EQ((*drones)["intercepted"]["best"], 5);
  EXPECT_EQ((*drones)["impacted"]["best"], 1);

  const auto* background = find(incidents, "2022-01-03");
  ASSERT_TRUE(background);
  EXPECT_EQ((*background)["background"], true);
  EXPECT_EQ((*background)["facility"], "Baghdad Diplomatic Support Center");
  fs::remove(db);
}
