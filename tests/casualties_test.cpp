// Casualty figures: each case is one sentence, written for this test, placed after a lead that
// reports an attack; the extractor must read killed / injured from it as an analyst would.
#include <gtest/gtest.h>

#include <optional>
#include <string>

#include "extract/extract.h"
#include "ingest/ingest.h"
#include "lexicon/lexicon.h"
#include "test_support.h"

namespace {

struct CasualtyCase {
  const char* sentence;
  std::optional<int> killed, injured;
};

void PrintTo(const CasualtyCase& c, std::ostream* os) {
  *os << c.sentence;
}

class CasualtyFigures : public testing::TestWithParam<CasualtyCase> {};

TEST_P(CasualtyFigures, ReadsKilledAndInjured) {
  const auto& c = GetParam();
  sitrep::Document document;
  document.doc = "casualty.txt";
  document.published = "2025-03-04";
  document.raw = std::string("Rockets hit US base in western Iraq\n\n") +
                 "Several rockets struck Ain al-Asad air base in western Iraq on Monday night, "
                 "Iraqi security officials said. " +
                 c.sentence + "\n";
  auto clean = sitrep::ingest::clean(document);
  auto report = sitrep::testing::test_extractor().extract(document, clean);
  ASSERT_TRUE(report.reports_attack && report.main);
  EXPECT_EQ(report.main->killed, c.killed) << "killed";
  EXPECT_EQ(report.main->injured, c.injured) << "injured";
}

INSTANTIATE_TEST_SUITE_P(
    Phrasings, CasualtyFigures,
    testing::Values(
        // Coordinated subjects add up.
        CasualtyCase{"Two US service members and a British soldier were killed.", 3, std::nullopt},
        CasualtyCase{"Two Americans and one Polish contractor were killed, and 11 other people "
                     "were wounded.",
                     3, 11},
        CasualtyCase{"Two Americans, a British soldier and a Polish contractor were killed.", 4,
                     std::nullopt},
        CasualtyCase{"The blast hit a truck, wounding a driver, a police officer said.",
                     std::nullopt, 1},
        // The object of an active verb, with a coordinated second group.
        CasualtyCase{"The barrage killed a foreign civilian contractor and wounded six other "
                     "contractors and a US service member.",
                     1, 7},
        CasualtyCase{"It was an attack that wounded three foreign contractors and an Iraqi "
                     "guard.",
                     std::nullopt, 4},
        // A participle phrase or a relative clause between subject and verb.
        CasualtyCase{"A civilian contractor working with the coalition was killed and four other "
                     "people were wounded.",
                     1, 4},
        CasualtyCase{"One contractor, who was not a US citizen, was killed, and five people were "
                     "injured: four contractors and one soldier.",
                     1, 5},
        // Adverbs between the auxiliary and the verb; a bare number as subject.
        CasualtyCase{"One Iraqi soldier was lightly injured.", std::nullopt, 1},
        CasualtyCase{"Three were killed and two others were seriously wounded.", 3, 2},
        // Nominal forms.
        CasualtyCase{"Officials said 27 service members had been diagnosed with concussion "
                     "injuries.",
                     std::nullopt, 27},
        CasualtyCase{"The attack caused minor injuries to two American contractors.", std::nullopt,
                     2},
        CasualtyCase{"Two Iraqi guards were among the dead.", 2, std::nullopt},
        CasualtyCase{"The blast left three soldiers wounded.", std::nullopt, 3},
        // Phrasings met in real reports (tests/real tune split).
        CasualtyCase{"The attack wounded three U.S. service members, one critically.", std::nullopt,
                     3},
        CasualtyCase{"A number of US military personnel were injured.", std::nullopt, std::nullopt},
        CasualtyCase{"Dozens of soldiers were wounded, officials said.", std::nullopt,
                     std::nullopt},
        CasualtyCase{"Two fighters lost their lives and three others were wounded.", 2, 3},
        // A reduced relative: "the N soldiers wounded in".
        CasualtyCase{"The five soldiers wounded in the attack were flown to Baghdad.", std::nullopt,
                     5},
        // Zeros, shared by "killed or wounded".
        CasualtyCase{"No US or Iraqi troops were killed or wounded.", 0, 0},
        // "No one was hurt" says no one died either (the real gold's convention), unless others
        // were hurt.
        CasualtyCase{"None of the American staff was hurt.", 0, 0},
        // A zero about some people yields to a count of others.
        CasualtyCase{"No Americans were hurt. One Iraqi guard was slightly injured.", std::nullopt,
                     1},
        // Attackers are not the attack's casualties; an attacker's boast is not a figure.
        CasualtyCase{"Iraqi forces later killed two militants near the launch site.", std::nullopt,
                     std::nullopt},
        CasualtyCase{"The group claimed, without evidence, that dozens of Americans had died.",
                     std::nullopt, std::nullopt},
        // Numbers that are not people (a time) are skipped; "no one" as object is a zero.
        CasualtyCase{"The rockets, fired at about 11 pm, wounded no one.", 0, 0},
        CasualtyCase{"Fourteen rockets were fired and at least three hit the runway.", std::nullopt,
                     std::nullopt},
        // A bare singular person before "was" is one (the gloss of Arabic writes no article);
        // a determiner or a doubt says otherwise.
        CasualtyCase{"Officials said that contractor civilian American was killed.", 1,
                     std::nullopt},
        CasualtyCase{"Neither soldier was seriously hurt.", std::nullopt, std::nullopt},
        CasualtyCase{"It was unclear whether any contractor was hurt.", std::nullopt,
                     std::nullopt}));

}  // namespace
