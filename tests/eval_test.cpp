// eval::score must agree with ../shared/tools/score.py on the same inputs, measure by measure.
#include <gtest/gtest.h>
#include <unistd.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <map>
#include <string>

#include "eval/score.h"

namespace sitrep::eval {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;

// Made-up articles: a right detection, a miss, a false alarm, a true negative, field mistakes,
// actor sets in another order/case, "unknown" vs null, a doc missing from the reports, a doc
// given with a directory prefix.
const char* kGold = R"(
{"doc": "a.txt", "reports_attack": true, "incident": "X", "main": {"date": "2024-01-02", "time_local": "03:00", "country": "IQ", "city": "Erbil", "facility": "Erbil Air Base", "target_type": "military", "weapon": "drone", "launched": 2, "intercepted": 2, "impacted": 0, "killed": 0, "injured": 0, "damage": "none", "suspected": ["Iran-aligned militias", "Kataib Hezbollah"], "claimed_by": []}}
{"doc": "b.txt", "reports_attack": true, "incident": "X", "main": {"date": "2024-01-02", "time_local": null, "country": "IQ", "city": "Erbil", "facility": "Erbil Air Base", "target_type": "military", "weapon": "drone", "launched": 3, "intercepted": null, "impacted": null, "killed": null, "injured": null, "damage": "unknown", "suspected": [], "claimed_by": ["Islamic Resistance in Iraq"]}}
{"doc": "c.txt", "reports_attack": true, "incident": "Y", "main": {"date": "2024-02-10", "time_local": null, "country": "SY", "city": "Deir ez-Zor", "facility": null, "target_type": "military", "weapon": "rocket", "launched": 5, "intercepted": null, "impacted": null, "killed": 1, "injured": 4, "damage": "minor", "suspected": [], "claimed_by": []}}
{"doc": "d.txt", "reports_attack": false, "main": null}
{"doc": "e.txt", "reports_attack": false, "main": null}
{"doc": "f.txt", "reports_attack": true, "incident": "Z", "main": {"date": "2024-03-01", "city": "Baghdad", "facility": "US Embassy Baghdad", "target_type": "diplomatic", "weapon": "unknown", "suspected": [], "claimed_by": []}}
)";

const char* kReports = R"(
{"doc": "in/a.txt", "reports_attack": true, "main": {"date": "2024-01-02", "time_local": "03:00", "city": "Erbil", "facility": "erbil air base ", "lat": 36.24, "lon": 43.96, "target_type": "military", "weapon": "drone", "launched": 2, "intercepted": 1, "impacted": 0, "killed": 0, "injured": 0, "damage": "unknown", "suspected": ["kataib hezbollah", "Iran-aligned militias"], "claimed_by": []}}
{"doc": "b.txt", "reports_attack": true, "main": {"date": "2024-01-03", "time_local": null, "city": "Erbil", "facility": null, "lat": 36.19, "lon": 44.01, "target_type": "unknown", "weapon": "missile", "launched": 3, "killed": 0, "damage": "unknown", "suspected": ["Iran-aligned militias"], "claimed_by": []}}
{"doc": "c.txt", "reports_attack": false, "main": null}
{"doc": "d.txt", "reports_attack": true, "main": {"date": "2024-02-11", "weapon": "rocket"}}
{"doc": "e.txt", "reports_attack": false, "main": null}
)";

const char* kIncidents = R"([
 {"id": "inc-1", "reports": ["a.txt"], "background": false},
 {"id": "inc-2", "reports": ["dir/b.txt", "d.txt"]},
 {"id": "inc-3", "reports": ["c.txt"], "background": true}
])";

const char* kFacilities = "# name\tlat\tlon\nErbil Air Base\t36.237\t43.963\nErbil\t36.19\t44.01\n";

class EvalTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() / ("sitrep_eval_test_" + std::to_string(::getpid()));
    fs::create_directories(dir_);
    write("gold.jsonl", kGold);
    write("reports.jsonl", kReports);
    write("incidents.json", kIncidents);
    write("facilities.tsv", kFacilities);
  }
  void TearDown() override { fs::remove_all(dir_); }

  void write(const std::string& name, const std::string& text) {
    std::ofstream(dir_ / name) << text;
  }
  std::string path(const std::string& name) const { return (dir_ / name).string(); }

  static std::string run(const std::string& command) {
    std::string out;
    FILE* pipe = popen(command.c_str(), "r");
    if (!pipe) return out;
    char buffer[4096];
    std::size_t n;
    while ((n = fread(buffer, 1, sizeof buffer, pipe)) > 0) out.append(buffer, n);
    pclose(pipe);
    return out;
  }

  ScoreInput input(bool with_incidents, bool with_places) const {
    ScoreInput in;
    in.gold = *parse_jsonl(kGold, "gold.jsonl");
    in.reports = *parse_jsonl(kReports, "reports.jsonl");
    if (with_incidents) in.incidents = json::parse(kIncidents);
    if (with_places) in.places = *parse_places(kFacilities, "facilities.tsv");
    return in;
  }

  fs::path dir_;
};

// Runs score.py and compares every measure it prints, and the text format line by line.
void expect_same_as_python(const Scores& ours, const std::string& python_output_json,
                           const std::string& python_output_text) {
  auto theirs = nlohmann::ordered_json::parse(python_output_json, nullptr, false);
  ASSERT_TRUE(theirs.is_object()) << python_output_json;
  ASSERT_EQ(theirs.size(), ours.measures.size()) << python_output_json;
  std::size_t i = 0;
  for (const auto& [name, value] : theirs.items()) {
    const Measure& m = ours.measures[i++];
    EXPECT_EQ(m.name, name);
    EXPECT_NEAR(m.value, value.get<double>(), 1e-12) << name;
  }
  EXPECT_EQ(ours.text(), python_output_text);
}

TEST_F(EvalTest, MatchesScorePyWithAndWithoutIncidentsAndPlaces) {
  const std::string script = std::string(SITREP_SHARED_DIR) + "/tools/score.py";
  if (!fs::exists(script)) GTEST_SKIP() << "score.py not found at " << script;
  if (std::system("python3 -c pass >/dev/null 2>&1") != 0) GTEST_SKIP() << "python3 missing";

  struct Case {
    bool incidents, places;
  };
  for (Case c : {Case{false, false}, Case{true, false}, Case{false, true}, Case{true, true}}) {
    std::string args =
        "python3 " + script + " " + path("gold.jsonl") + " --reports " + path("reports.jsonl");
    if (c.incidents) args += " --incidents " + path("incidents.json");
    if (c.places) args += " --facilities " + path("facilities.tsv");
    SCOPED_TRACE(args);
    Scores ours = score(input(c.incidents, c.places));
    expect_same_as_python(ours, run(args + " --json"), run(args));
    // The JSON form parses to the same numbers too.
    json ours_json = json::parse(ours.json_text());
    json theirs_json = json::parse(run(args + " --json"));
    for (const auto& [name, value] : theirs_json.items())
      EXPECT_NEAR(ours_json.at(name).get<double>(), value.get<double>(), 1e-12) << name;
  }
}

TEST_F(EvalTest, KnownValuesAndWrongArticles) {
  Scores s = score(input(true, false));
  // tp = a, b; fn = c, f; fp = d; tn = e.
  EXPECT_EQ(*s.get("docs_missing"), 1);
  EXPECT_DOUBLE_EQ(*s.get("detect_precision"), 2.0 / 3.0);
  EXPECT_DOUBLE_EQ(*s.get("detect_recall"), 0.5);
  EXPECT_DOUBLE_EQ(*s.get("detect_specificity"), 0.5);
  // The last measure is the headline score.
  EXPECT_EQ(s.measures.back().name, "score");
  EXPECT_DOUBLE_EQ(s.measures.back().value,
                   (*s.get("detect_mcc") + *s.get("slot_f1") + *s.get("merge_bcubed_f1")) / 3);
  // Wrong articles are listed per field with both values.
  bool saw_intercepted = false, saw_detection = false;
  for (const auto& e : s.errors) {
    if (e.field == "intercepted" && e.doc == "a.txt") {
      saw_intercepted = true;
      EXPECT_EQ(e.expected, 2);
      EXPECT_EQ(e.got, 1);
    }
    if (e.field == "reports_attack" && e.doc == "d.txt") saw_detection = true;
    EXPECT_NE(e.field + e.doc, "suspecteda.txt");  // same set, other order and case
  }
  EXPECT_TRUE(saw_intercepted);
  EXPECT_TRUE(saw_detection);
  EXPECT_NE(s.errors_text().find("a.txt: expected 2, got 1"), std::string::npos) << s.errors_text();
}

TEST_F(EvalTest, PerfectReportsScoreOne) {
  ScoreInput in;
  in.gold = *parse_jsonl(kGold, "gold.jsonl");
  for (const auto& g : in.gold) in.reports.push_back(g);
  Scores s = score(in);
  EXPECT_DOUBLE_EQ(*s.get("score"), 1.0);
  EXPECT_DOUBLE_EQ(*s.get("field_mean"), 1.0);
  EXPECT_TRUE(s.errors.empty());
}

TEST_F(EvalTest, BadJsonlNamesTheLine) {
  auto bad = parse_jsonl("{\"doc\": \"a\"}\n\nnot json\n", "g.jsonl");
  ASSERT_FALSE(bad.has_value());
  EXPECT_EQ(bad.error().message, "g.jsonl:3: not JSON");
}

}  // namespace
}  // namespace sitrep::eval
