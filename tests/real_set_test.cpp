// The real development set (tests/real/, see its README): third-party articles whose texts are
// rebuilt by hand into the ignored tests/real/texts/, with our own gold in git.
//   - RealSetFiles: the committed files agree with each other (always runs): every gold doc
//     has a source line and a manifest line, the splits share no doc and no attack, every gold
//     facility is a registry site, SOURCES.tsv holds no article text, no page is in the set
//     twice (a second copy of one article is a singleton in the merge score and counts a
//     negative twice);
//   - RealSetScores: tune and heldout stay above their floors (skips when texts are missing).
//     The floors sit a little below the scores measured when they were set; heldout is scored,
//     never read for errors.
#include <gtest/gtest.h>
#include <sys/wait.h>

#include <array>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <sstream>
#include <string>

#include <nlohmann/json.hpp>

#include "test_support.h"

namespace {

namespace fs = std::filesystem;
using nlohmann::json;

const fs::path kReal = fs::path(SITREP_TEST_DIR) / "real";

using sitrep::testing::read_jsonl;

// The gold lines of one split and language whose article text is not in tests/real/texts: the
// floors were set on the whole set, and a partial rebuild (the search budget of one session
// covers about half of it) scores another set of articles, so they hold only when none is missing.
std::size_t missing_texts(const std::string& split, const std::string& language) {
  std::size_t missing = 0;
  for (const auto& gold : read_jsonl(kReal / ("gold-" + split + ".jsonl"))) {
    if (!gold.is_object() || gold.value("language", std::string("en")) != language) continue;
    missing += !fs::exists(kReal / "texts" / gold.value("doc", std::string()));
  }
  return missing;
}

// One page under its scheme, "www." and trailing slash variants.
std::string page_key(std::string url) {
  if (auto scheme = url.find("://"); scheme != std::string::npos) url.erase(0, scheme + 3);
  if (url.starts_with("www.")) url.erase(0, 4);
  while (url.ends_with('/')) url.pop_back();
  return url;
}

TEST(RealSetFiles, GoldSourcesManifestAndSplitsAgree) {
  auto tune = read_jsonl(kReal / "gold-tune.jsonl");
  auto heldout = read_jsonl(kReal / "gold-heldout.jsonl");
  auto manifest = read_jsonl(kReal / "manifest.jsonl");
  ASSERT_GE(tune.size() + heldout.size(), 300u);
  std::set<std::string> manifest_docs, source_docs;
  for (const auto& m : manifest) manifest_docs.insert(m.value("doc", ""));
  std::ifstream sources(kReal / "SOURCES.tsv");
  std::map<std::string, std::string> doc_of_page, doc_of_text;
  std::string line;
  while (std::getline(sources, line)) {
    if (line.empty() || line[0] == '#') continue;
    std::istringstream fields(line);
    std::string doc, url, query, sha;
    std::getline(fields, doc, '\t');
    std::getline(fields, url, '\t');
    std::getline(fields, query, '\t');
    std::getline(fields, sha, '\t');
    EXPECT_TRUE(url.starts_with("http")) << doc;
    EXPECT_EQ(sha.size(), 64u) << doc << ": sha256 of the decoded text";
    EXPECT_LT(line.size(), 1200u) << doc << ": SOURCES.tsv holds addresses and queries only";
    source_docs.insert(doc);
    auto [page, fresh_page] = doc_of_page.emplace(page_key(url), doc);
    EXPECT_TRUE(fresh_page) << doc << " is the page of " << page->second << " again";
    auto [text, fresh_text] = doc_of_text.emplace(sha, doc);
    EXPECT_TRUE(fresh_text) << doc << " has the text of " << text->second;
  }
  std::map<std::string, std::string> side_of_incident;
  std::set<std::string> docs;
  int positives = 0;
  std::set<std::string> attacks;
  for (const auto* split : {&tune, &heldout}) {
    const std::string side = split == &tune ? "tune" : "heldout";
    for (const auto& g : *split) {
      ASSERT_TRUE(g.is_object());
      const std::string doc = g.value("doc", "");
      EXPECT_TRUE(docs.insert(doc).second) << doc << " is in both splits or twice";
      EXPECT_TRUE(manifest_docs.count(doc)) << doc << " has no manifest line";
      EXPECT_TRUE(source_docs.count(doc)) << doc << " has no SOURCES.tsv line";
      if (!g.value("reports_attack", false)) continue;
      ++positives;
      const std::string incident = g.value("incident", "");
      attacks.insert(incident);
      auto [it, fresh] = side_of_incident.emplace(incident, side);
      EXPECT_TRUE(fresh || it->second == side) << incident << " is split across tune and heldout";
      const auto& main = g["main"];
      if (main.is_object() && main.contains("facility") && main["facility"].is_string()) {
        EXPECT_NE(
            sitrep::testing::test_lexicon().facility_named(main["facility"].get<std::string>()),
            nullptr)
            << doc << ": gold facility " << main["facility"] << " is not a registry site";
      }
    }
  }
  EXPECT_GE(positives, 150);
  EXPECT_GE(attacks.size(), 80u);
}

json scores_of(const std::string& split, const std::string& language) {
  auto r = sitrep::testing::run_binary("eval --json --merge --language " + language + " --gold '" +
                                       (kReal / ("gold-" + split + ".jsonl")).string() +
                                       "' --manifest '" + (kReal / "manifest.jsonl").string() +
                                       "' '" + (kReal / "texts").string() + "'");
  EXPECT_EQ(r.status, 0);
  json scores = json::parse(r.out, nullptr, false);
  EXPECT_TRUE(scores.is_object()) << r.out;
  return scores.is_object() ? scores : json::object();
}

void expect_floors(const std::string& split, const std::string& language, double mcc, double slot,
                   double bcubed) {
  if (auto missing = missing_texts(split, language); missing > 0)
    GTEST_SKIP() << "tests/real/texts lacks " << missing << " of the " << split << " " << language
                 << " articles; rebuild them as tests/real/README.md says";
  json s = scores_of(split, language);
  EXPECT_GE(s.value("detect_mcc", -1.0), mcc) << split << " " << language;
  EXPECT_GE(s.value("slot_f1", -1.0), slot) << split << " " << language;
  EXPECT_GE(s.value("merge_bcubed_f1", -1.0), bcubed) << split << " " << language;
}

// Lowered to 0.88 MCC when rounds 16 and 17 added 40 unseen English articles (0.896 on the
// 1,770-article set, with the code of session 14's start as with its end), to 0.87 when round 21
// (session 16) brought the starting code's tune English MCC to 0.879, to 0.85 when round 24
// (session 18) brought it to 0.856 (0.864 with that session's code), to 0.83 when round 25
// (the same session) brought it to 0.839 (0.850 with that session's code). The merge floor went
// to 0.88 when session 19 refitted the detection model on tune: tune English merge 0.902 -> 0.894
// (the refit trades tune recall for specificity), heldout merge 0.695 -> 0.703 over all languages.
// Round 29 (session 20) added 15 unseen English tune articles: the starting code then scored
// tune English 0.829 / 0.858, and the MCC and slot floors went to 0.82 and 0.85.
TEST(RealSetScores, TuneStaysAboveFloors) {
  expect_floors("tune", "en", 0.82, 0.85, 0.88);
}

// Lowered to 0.80 MCC when round 13 added 20 unseen English articles with hard negatives, to
// 0.78 when round 25 (session 18) brought the starting code's heldout English MCC to 0.796.
TEST(RealSetScores, HeldoutStaysAboveFloors) {
  expect_floors("heldout", "en", 0.78, 0.81, 0.82);
}

// Other languages: floors a little below the heldout scores measured when they were set
// (heldout: 117 Arabic, 76 Spanish, 24 French, 53 Portuguese articles; the Spanish and French
// floors were lowered when round 12 added 16 unseen articles to those heldout sets, the
// Portuguese MCC floor when round 13 added 6, its merge floor to 0.91 when round 14 added 5:
// 0.918 with the code of that session's start as with its end). Rounds 16 and 17 (session 14)
// added 26 Arabic, 9 Spanish, 7 French and 11 Portuguese heldout articles, unseen; the session's
// starting code then scored ar 0.810 / 0.780 / 0.932, es 0.791 / 0.754 / 0.854, fr 0.722 /
// 0.762 / 0.939, pt 0.760 / 0.779 / 0.901, and the floors were set below those. Round 18
// (session 15) added 14 Arabic, 5 Spanish, 6 French and 12 Portuguese heldout articles (and 6
// English), unseen; the session's starting code then scored pt 0.672 / 0.754 / 0.882, and the
// Portuguese floors were set below those. Round 19 (session 16) added 36 heldout articles of
// all languages, unseen; the session's starting code then scored ar 0.806 / 0.774 / 0.910 and
// pt 0.700 / 0.741 / 0.852, and the Arabic and Portuguese merge floors were set below those.
// Round 20 (the same session) added 37 more, unseen; the starting code then scored es 0.711 /
// 0.744 / 0.846 and pt 0.703 / 0.729 / 0.841: the Spanish MCC and Portuguese slot floors are
// set below those. Round 21 (the same session) added 40 more, unseen; the starting code then
// scored ar 0.774 / 0.769 / 0.908: the Arabic MCC floor is set below that. Round 22 (session
// 17) added 41 heldout articles, unseen; the starting code then scored ar 0.752 / 0.768 /
// 0.899 and es 0.691 / 0.743 / 0.838: the Arabic MCC and merge and the Spanish merge floors are
// set below those. Round 23 (the same session) added 41 more, unseen; the starting code then
// scored ar merge 0.877 and es merge 0.825, and those floors are set below them. Round 24
// (session 18) added 4 heldout Spanish articles, unseen; the starting code then scored es 0.680
// / 0.740 / 0.829: the Spanish MCC floor is set below that. Round 25 (the same session) added
// 18 Arabic, 4 Spanish, 7 French and 8 Portuguese heldout articles, unseen; the starting code
// then scored ar 0.714 / 0.765 / 0.863, es 0.662 / 0.737 / 0.828, fr 0.650 / 0.762 / 0.951, pt
// 0.644 / 0.736 / 0.897: the MCC floors and the Arabic merge floor are set below those. Round 26
// (session 19) added 48 heldout articles of all languages, unseen; the starting code then scored
// fr 0.623 / 0.744 / 0.940: the French MCC floor is set below that. Round 27 (the same session)
// added 41 more heldout articles, unseen; the starting code then scored fr 0.596 / 0.729 / 0.928
// (0.604 / 0.735 / 0.928 with that session's code): the French MCC and slot floors are set below.
// Round 28 (the same session) added 29 heldout articles, unseen; the starting code then scored ar
// 0.667 / 0.747 / 0.852 and es 0.655 / 0.743 / 0.825 (0.668 / 0.751 / 0.837 with that
// session's code at its end): the Arabic slot floor is set below. Session 20's attach model
// (undated reports placed by a fitted model) raised heldout merge over all languages 0.693 ->
// 0.711 but the Spanish one 0.834 -> 0.821 (3,169 articles): the Spanish merge floor goes to
// 0.80. Round 30 (the same session) added 40 heldout articles, unseen; the starting code then
// scored es 0.633 / 0.740 / 0.827 and fr 0.572 / 0.715 / 0.906 (Spanish merge 0.809 with the
// attach model): the Spanish and French MCC floors and the French slot floor are set below.
// Rounds 31, 32 and 33 (session 21) added 105 heldout articles, unseen; the starting code then
// scored ar 0.699 / 0.769 / 0.873, es 0.612 / 0.745 / 0.829, pt 0.597 / 0.725 / 0.847 (ar 0.699 /
// 0.770 / 0.893, es 0.622 / 0.748 / 0.834, pt 0.597 / 0.724 / 0.846 with that session's code):
// the Arabic, Spanish and Portuguese MCC floors are set below.
TEST(RealSetScores, OtherLanguagesStayAboveFloors) {
  expect_floors("heldout", "ar", 0.68, 0.74, 0.85);
  expect_floors("heldout", "es", 0.60, 0.73, 0.80);
  expect_floors("heldout", "fr", 0.56, 0.70, 0.90);
  expect_floors("heldout", "pt", 0.58, 0.71, 0.83);
}

}  // namespace
