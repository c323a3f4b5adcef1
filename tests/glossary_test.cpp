// Glossary: folding, clitics, leftmost-longest phrases, the map back to the original text, and
// load errors. The tables here are written for the test; the shipped ones are checked at the end.
#include <gtest/gtest.h>

#include <fstream>

#include "lexicon/glossary.h"
#include "lexicon/lexicon.h"

namespace fs = std::filesystem;
using sitrep::Span;
using sitrep::lexicon::fold_for_gloss;
using sitrep::lexicon::Glossary;

namespace {

class TempDir {
 public:
  TempDir() {
    path_ = fs::temp_directory_path() /
            ("sitrep_gloss_" + std::to_string(::testing::UnitTest::GetInstance()->random_seed()) +
             "_" + ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(path_);
    fs::create_directories(path_);
  }
  ~TempDir() { fs::remove_all(path_); }
  void write(const std::string& name, const std::string& content) const {
    std::ofstream(path_ / name) << content;
  }
  const fs::path& path() const { return path_; }

 private:
  fs::path path_;
};

Glossary arabic(const TempDir& dir) {
  dir.write("affixes.tsv",
            "article\tال\nprefix\tو\tand\nprefix\tب\twith\nprefix\tلل\tto\nsuffix\tها\n"
            "suffix\tت\n");
  dir.write("gloss.tsv",
            "# weapons\nصاروخ\trocket\nصاروخين\ttwo rockets\nصاروخان\ttwo rockets\n"
            "صواريخ\trockets\nسقط\tlanded\nالسفارة الأمريكية\tthe US embassy\n"
            "في\tin\nبغداد\tBaghdad\nقرب\tnear\nكانون الثاني\tJanuary\nأمس\tyesterday\n"
            "دون\t\n");
  auto g = Glossary::load(dir.path(), "ar");
  if (!g) {
    ADD_FAILURE() << g.error().message;
    std::abort();
  }
  return std::move(*g);
}

TEST(Glossary, FoldsArabicLettersDigitsAndLatinAccents) {
  // Alef with hamza -> alef, ta marbuta -> ha, alef maqsura -> ya, tatweel and fatha dropped.
  EXPECT_EQ(fold_for_gloss("أمريكيّة"), fold_for_gloss("امريكيه"));
  EXPECT_EQ(fold_for_gloss("إلى"), "الي");
  EXPECT_EQ(fold_for_gloss("صـاروخ"), "صاروخ");
  // A hamza on waw or on ya is the bare hamza: "مسئولية" (Egyptian spelling) is "مسؤولية".
  EXPECT_EQ(fold_for_gloss("مسئوليتها"), fold_for_gloss("مسؤوليتها"));
  EXPECT_EQ(fold_for_gloss("رئيس"), "رءيس");
  EXPECT_EQ(fold_for_gloss("٣ صواريخ"), "3 صواريخ");
  EXPECT_EQ(fold_for_gloss("۱۲"), "12");
  // A proclitic written against a number is a word of its own; a word's last letter is not.
  EXPECT_EQ(fold_for_gloss("لهجوم ب3 صواريخ"), "لهجوم ب 3 صواريخ");
  EXPECT_EQ(fold_for_gloss("وب٣"), "وب 3");
  EXPECT_EQ(fold_for_gloss("كتب3"), "كتب3");
  EXPECT_EQ(fold_for_gloss("Tirées  vers l’ambassade"), "tirees vers l'ambassade");
  EXPECT_EQ(fold_for_gloss("Bagdá—ontem"), "bagda ontem");
}

TEST(Glossary, ReadsClitics_Duals_AndOptionalArticles) {
  TempDir dir;
  Glossary g = arabic(dir);
  // "with two rockets": the proclitic ب and the dual.
  // A gloss that opens a sentence is capitalised, so the sentence splitter sees the sentence.
  EXPECT_EQ(g.gloss("بصاروخين").text, "With two rockets");
  // Article optional on every word; a proclitic before the article.
  EXPECT_EQ(g.gloss("سقط صاروخ قرب السفارة الأمريكية").text, "Landed rocket near the US embassy");
  EXPECT_EQ(g.gloss("أمس قرب سفارة أمريكية").text, "Yesterday near the US embassy");
  EXPECT_EQ(g.gloss("أمس وبالصواريخ").text, "Yesterday and with rockets");
  // An allowed enclitic ("سقطت") is read; a word that only starts like a phrase is not.
  EXPECT_EQ(g.gloss("أمس سقطت").text, "Yesterday landed");
  EXPECT_EQ(g.gloss("سقطوني").text, "سقطوني");
  // Multi-word month names, Eastern digits, and an unknown name passing through.
  EXPECT_EQ(g.gloss("في ٥ كانون الثاني ٢٠٢٤ في الرصافة").text, "In 5 January 2024 in الرصافة");
  // An empty gloss drops the word.
  EXPECT_EQ(g.gloss("دون إصابات").text, " إصابات");
}

TEST(Glossary, MapsEverySpanBackToTheOriginalText) {
  TempDir dir;
  Glossary g = arabic(dir);
  const std::string original = "سقط صاروخان أمس. وأكد مصدر في بغداد ذلك.";
  auto glossed = g.gloss(original);
  EXPECT_EQ(glossed.text, "Landed two rockets yesterday. وأكد مصدر in Baghdad ذلك.");
  // The second sentence of the gloss maps to the second sentence of the original.
  std::size_t second = glossed.text.find("وأكد");
  Span source = glossed.to_source({second, glossed.text.size()});
  EXPECT_EQ(original.substr(source.start, source.size()), "وأكد مصدر في بغداد ذلك.");
  // A glossed phrase maps to its whole original word.
  std::size_t rockets = glossed.text.find("two rockets");
  source = glossed.to_source({rockets, rockets + 11});
  EXPECT_EQ(original.substr(source.start, source.size()), "صاروخان");
}

TEST(Glossary, LatinLanguagesMatchWholeWordsOnly) {
  TempDir dir;
  dir.write("gloss.tsv", "roquettes\trockets\nont été tirées\twere fired\nhier\tyesterday\n");
  auto g = Glossary::load(dir.path(), "fr");
  ASSERT_TRUE(g) << g.error().message;
  EXPECT_EQ(g->gloss("Deux Roquettes ont ete tirées hier soir").text,
            "Deux Rockets were fired yesterday soir");
  EXPECT_EQ(g->gloss("Un tir. Hier soir.").text, "Un tir. Yesterday soir.");
  EXPECT_EQ(g->gloss("hiers").text,
            "hiers");  // no clitics in French: a longer word is another word
}

TEST(Glossary, PhrasesEndingInAnElisionMatchBeforeTheWordElidedOnto) {
  TempDir dir;
  dir.write("gloss.tsv", "près d'\tnear\nbase\tbase\nhier\tyesterday\n");
  auto g = Glossary::load(dir.path(), "fr");
  ASSERT_TRUE(g) << g.error().message;
  // "près d'Erbil": the elision ends the phrase; the name after it stays as written.
  EXPECT_EQ(g->gloss("une base près d'Erbil").text, "une base near Erbil");
  // A phrase with no elision still needs a word boundary after it.
  EXPECT_EQ(g->gloss("bases hier").text, "bases yesterday");
}

TEST(Glossary, AnAcronymInBracketsAfterItsNameGoesWithTheName) {
  TempDir dir;
  dir.write("gloss.tsv",
            "Force intérimaire des Nations unies au Liban\tUNIFIL\nFinul\tUNIFIL\n"
            "camp de\tcamp of\nMinusma\tMINUSMA\n");
  auto g = Glossary::load(dir.path(), "fr");
  ASSERT_TRUE(g) << g.error().message;
  // The acronym glossed to the same name, or spelled as the gloss, says the name again.
  EXPECT_EQ(
      g->gloss("un soldat de la Force intérimaire des Nations unies au Liban (Finul), tué").text,
      "un soldat de la UNIFIL, tué");
  EXPECT_EQ(g->gloss("la Force intérimaire des Nations unies au Liban (UNIFIL) a").text,
            "la UNIFIL a");
  // Another bracket stays: what it says is not the name.
  EXPECT_EQ(g->gloss("la Finul (Liban-Sud) a").text, "la UNIFIL (Liban-Sud) a");
  EXPECT_EQ(g->gloss("le camp de la Minusma (Kidal)").text, "le camp of la MINUSMA (Kidal)");
}

TEST(Glossary, NameParticlesStayInsideCapitalisedNames) {
  TempDir dir;
  dir.write("gloss.tsv", "al\tto the\tname_particle\nnorte\tnorth\nIrak\tIraq\n");
  auto g = Glossary::load(dir.path(), "es");
  ASSERT_TRUE(g) << g.error().message;
  EXPECT_EQ(g->gloss("la brigada Ahrar al Irak").text, "la brigada Ahrar al Iraq");
  EXPECT_EQ(g->gloss("viajaron al norte").text, "viajaron to the north");
  EXPECT_EQ(g->gloss("Al Irak").text, "To the Iraq");  // a capital particle opens the phrase
  // Hyphened to the next word, or capitalised inside a sentence, it belongs to a name.
  EXPECT_EQ(g->gloss("la base de al-Harir").text, "la base de al-Harir");
  EXPECT_EQ(g->gloss("Al-Harir").text, "Al-Harir");
  EXPECT_EQ(g->gloss("la base de Al Irak").text, "la base de Al Iraq");
  EXPECT_EQ(g->gloss("Llegaron. Al Irak").text, "Llegaron. To the Iraq");

  dir.write("gloss.tsv", "al\tto the\tnamed\n");
  g = Glossary::load(dir.path(), "es");
  ASSERT_FALSE(g);
  EXPECT_NE(g.error().message.find("unknown flag 'named'"), std::string::npos) << g.error().message;
}

TEST(Glossary, ArticleAndBareRowsShareAPhraseTheArticleTellsApart) {
  TempDir dir;
  dir.write("affixes.tsv", "article\tال\nprefix\tو\tand\n");
  dir.write("gloss.tsv",
            "الأحد\tSunday\tarticle\nأحد\tone of\tbare\nجرحى\twounded\nاثنين\ttwo\tbare\n");
  auto g = Glossary::load(dir.path(), "ar");
  ASSERT_TRUE(g) << g.error().message;
  EXPECT_EQ(g->gloss("مساء الأحد").text, "مساء Sunday");
  EXPECT_EQ(g->gloss("مساء والأحد").text, "مساء and Sunday");  // the article after a proclitic
  EXPECT_EQ(g->gloss("إصابة أحد الجرحى").text, "إصابة one of wounded");
  // A bare-only row with no article row leaves the article's form as written.
  EXPECT_EQ(g->gloss("مدنيين اثنين").text, "مدنيين two");
  EXPECT_EQ(g->gloss("يوم الاثنين").text, "يوم الاثنين");

  // Two rows of one phrase must be one 'article' and one 'bare'; a third repeats.
  dir.write("gloss.tsv", "الأحد\tSunday\tarticle\nأحد\tone of\tarticle\n");
  g = Glossary::load(dir.path(), "ar");
  ASSERT_FALSE(g);
  EXPECT_NE(g.error().message.find("repeats line 1"), std::string::npos) << g.error().message;
  dir.write("gloss.tsv", "الأحد\tSunday\tarticle\nأحد\tone of\tbare\nأحد\tone\tbare\n");
  g = Glossary::load(dir.path(), "ar");
  ASSERT_FALSE(g);
  EXPECT_NE(g.error().message.find("gloss.tsv:3"), std::string::npos) << g.error().message;
  // The flags need the article (a language without it cannot tell the forms apart).
  TempDir latin;
  latin.write("gloss.tsv", "ayer\tyesterday\tbare\n");
  g = Glossary::load(latin.path(), "es");
  ASSERT_FALSE(g);
  EXPECT_NE(g.error().message.find("need the article"), std::string::npos) << g.error().message;
}

TEST(Glossary, AGlossAfterAHyphenStaysJoined) {
  TempDir dir;
  dir.write("gloss.tsv", "Irán\tIran\nfacciones\tfactions\n");
  auto g = Glossary::load(dir.path(), "es");
  ASSERT_TRUE(g) << g.error().message;
  EXPECT_EQ(g->gloss("las facciones pro-Irán").text, "las factions pro-Iran");
}

TEST(Glossary, QuotedNamesMatchWhereTheScriptQuotesNames) {
  TempDir dir;
  dir.write("affixes.tsv", "quoted_names\tyes\narticle\tال\n");
  dir.write("gloss.tsv", "كتائب حزب الله\tKataib Hezbollah\nاتهمت\taccused\n");
  auto g = Glossary::load(dir.path(), "ar");
  ASSERT_TRUE(g) << g.error().message;
  // The name's phrase matches across its quotes, and both quotes go with it, so the quotes of
  // the text around it stay paired.
  EXPECT_EQ(g->gloss("اتهمت كتائب \"حزب الله\" بالهجوم").text, "Accused Kataib Hezbollah بالهجوم");
  EXPECT_EQ(g->gloss("اتهمت كتائب «حزب الله»").text, "Accused Kataib Hezbollah");
  EXPECT_EQ(g->gloss("قال \"اتهمت\" أمس").text, "قال \" accused\" أمس");

  // A phrase that would leave a quote unpaired is no match: the quoted name wins over a shorter
  // phrase that runs into it; one that began inside the quotation takes its opening quote.
  dir.write("gloss.tsv",
            "فصائل المقاومة الإسلامية\tresistance factions\n"
            "المقاومة الإسلامية في العراق\tIslamic Resistance in Iraq\nفصائل\tfactions\n");
  g = Glossary::load(dir.path(), "ar");
  ASSERT_TRUE(g) << g.error().message;
  EXPECT_EQ(g->gloss("فصائل \"المقاومة الإسلامية في العراق\"").text,
            "Factions \" Islamic Resistance in Iraq\"");
  EXPECT_EQ(g->gloss("أعلنت \"المقاومة الإسلامية\" في العراق").text,
            "أعلنت Islamic Resistance in Iraq");

  // Without the option (French guillemets quote words), a quote stays a boundary.
  dir.write("affixes.tsv", "");
  dir.write("gloss.tsv", "tirs de roquettes\trocket fire\n");
  g = Glossary::load(dir.path(), "fr");
  ASSERT_TRUE(g) << g.error().message;
  EXPECT_EQ(g->gloss("deux tirs de « roquettes »").text, "deux tirs de « roquettes »");

  dir.write("affixes.tsv", "quoted_names\tno\n");
  g = Glossary::load(dir.path(), "fr");
  ASSERT_FALSE(g);
  EXPECT_NE(g.error().message.find("affixes.tsv:1"), std::string::npos) << g.error().message;
}

TEST(Glossary, LoadErrorsNameFileAndLine) {
  TempDir dir;
  dir.write("gloss.tsv", "roquette\trocket\n# comment\nRoquette\trocket again\n");
  auto g = Glossary::load(dir.path(), "fr");
  ASSERT_FALSE(g);
  EXPECT_NE(g.error().message.find("gloss.tsv:3"), std::string::npos) << g.error().message;
  EXPECT_NE(g.error().message.find("repeats line 1"), std::string::npos) << g.error().message;

  dir.write("gloss.tsv", "a\tb\tc\n");
  g = Glossary::load(dir.path(), "fr");
  ASSERT_FALSE(g);
  EXPECT_NE(g.error().message.find("gloss.tsv:1"), std::string::npos) << g.error().message;

  dir.write("gloss.tsv", "roquette\trocket\n");
  dir.write("affixes.tsv", "infix\tx\n");
  g = Glossary::load(dir.path(), "fr");
  ASSERT_FALSE(g);
  EXPECT_NE(g.error().message.find("affixes.tsv:1"), std::string::npos) << g.error().message;
}

TEST(Glossary, ShippedLanguagesLoad) {
  auto lexicon = sitrep::lexicon::Lexicon::load(SITREP_SOURCE_DATA_DIR);
  ASSERT_TRUE(lexicon) << lexicon.error().message;
  for (const char* language : {"ar", "fr", "es", "pt"}) {
    const Glossary* g = lexicon->glossary(language);
    ASSERT_NE(g, nullptr) << language;
    EXPECT_GE(g->size(), 300u) << language;
    auto ready = g->prepare();
    EXPECT_TRUE(ready) << ready.error().message;
  }
  EXPECT_EQ(lexicon->glossary("en"), nullptr);
}

// The shipped Arabic table on collocations whose words alone mean something else: a seizure is of
// things, not of oneself ("self-restraint"); an envoy's home in the dual; a city abroad.
TEST(Glossary, ShippedArabicReadsCollocationsAsWholes) {
  auto lexicon = sitrep::lexicon::Lexicon::load(SITREP_SOURCE_DATA_DIR);
  ASSERT_TRUE(lexicon) << lexicon.error().message;
  const Glossary* g = lexicon->glossary("ar");
  ASSERT_NE(g, nullptr);
  EXPECT_EQ(g->gloss("ضبط النفس").text, "Restraint");
  EXPECT_EQ(g->gloss("ضبطت الشرطة").text.rfind("Seized", 0), 0u) << g->gloss("ضبطت الشرطة").text;
  EXPECT_NE(g->gloss("محيط مقري إقامة السفيرين").text.find("ambassador's residence"),
            std::string::npos)
      << g->gloss("محيط مقري إقامة السفيرين").text;
  EXPECT_NE(g->gloss("في الخرطوم").text.find("Khartoum"), std::string::npos);
  // "كيف" is "how", not Kyiv.
  EXPECT_EQ(g->gloss("كيف").text.find("Kyiv"), std::string::npos);
}

}  // namespace
