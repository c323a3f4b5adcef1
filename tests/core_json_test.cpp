#include <gtest/gtest.h>

#include "core/json.h"

TEST(CoreJson, ReportRoundTrips) {
  sitrep::Report report;
  report.doc = "a.txt";
  report.reports_attack = true;
  report.main = sitrep::Attack{};
  report.main->launched = 3;
  report.main->suspected = {"Iran-aligned militias"};
  auto back = sitrep::report_from_json(sitrep::to_json(report));
  ASSERT_TRUE(back.has_value());
  EXPECT_EQ(back->main->launched, 3);
  EXPECT_EQ(back->main->suspected, report.main->suspected);
  EXPECT_FALSE(back->main->killed.has_value());
}

// The clue is written only for an undated attack, and read back whole.
TEST(CoreJson, DateClueOnlyWhenUndated) {
  sitrep::Report report;
  report.doc = "a.txt";
  report.reports_attack = true;
  report.main = sitrep::Attack{};
  report.main->date_clue = sitrep::DateClue{12, 20, 0, 2021};
  auto json = sitrep::to_json(report);
  EXPECT_EQ(json["main"]["date_clue"]["weekday"], "sunday");
  EXPECT_EQ(json["main"]["date_clue"]["year_at_least"], 2021);
  auto back = sitrep::report_from_json(json);
  ASSERT_TRUE(back.has_value());
  EXPECT_EQ(back->main->date_clue, (sitrep::DateClue{12, 20, 0, 2021}));
  report.main->date = "2020-12-20";
  EXPECT_FALSE(sitrep::to_json(report)["main"].contains("date_clue"));
  EXPECT_FALSE(sitrep::to_json(report)["main"].contains("date_basis"));
  report.main->date_is_report_day = true;
  EXPECT_EQ(sitrep::to_json(report)["main"]["date_basis"], "report");
  EXPECT_TRUE(sitrep::report_from_json(sitrep::to_json(report))->main->date_is_report_day);
}
