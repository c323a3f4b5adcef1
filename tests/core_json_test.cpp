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
