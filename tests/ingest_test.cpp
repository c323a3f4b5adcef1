// Tests for src/ingest: sources, bad inputs, metadata precedence, cleaning, quoting, language
// identification, ids, and the seed articles (skipped when ../shared is missing).
#include <gtest/gtest.h>
#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "ingest/ingest.h"
#include "ingest/language.h"
#include "ingest/text_util.h"

namespace fs = std::filesystem;
using sitrep::CleanText;
using sitrep::Document;
using namespace sitrep::ingest;

namespace {

class TempDir {
 public:
  TempDir() {
    std::string pattern = (fs::temp_directory_path() / "sitrep_ingest_XXXXXX").string();
    path_ = mkdtemp(pattern.data());
  }
  ~TempDir() {
    std::error_code ec;
    fs::remove_all(path_, ec);
  }
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  std::string write(const std::string& name, const std::string& bytes) const {
    const fs::path file = path_ / name;
    fs::create_directories(file.parent_path());
    std::ofstream(file, std::ios::binary) << bytes;
    return file.string();
  }
  std::string path() const { return path_.string(); }

 private:
  fs::path path_;
};

std::string read_file(const fs::path& path) {
  std::ifstream stream(path, std::ios::binary);
  std::ostringstream out;
  out << stream.rdbuf();
  return out.str();
}

const InputError* find_error(const Loaded& loaded, const std::string& input) {
  for (const auto& e : loaded.errors)
    if (e.input == input) return &e;
  return nullptr;
}

CleanText clean_text(const std::string& raw, bool html = false, const std::string& outlet = "") {
  Document document;
  document.raw = raw;
  document.is_html = html;
  document.outlet = outlet;
  return clean(document);
}

bool contains(const std::string& haystack, const std::string& needle) {
  return haystack.find(needle) != std::string::npos;
}

// The same typographic normalisation clean() promises: curly quotes and NBSP.
std::string normalize_quotes(std::string text) {
  const std::pair<std::string, std::string> map[] = {{"\xE2\x80\x98", "'"},
                                                     {"\xE2\x80\x99", "'"},
                                                     {"\xE2\x80\x9C", "\""},
                                                     {"\xE2\x80\x9D", "\""},
                                                     {"\xC2\xA0", " "}};
  for (const auto& [from, to] : map)
    for (std::size_t at = text.find(from); at != std::string::npos; at = text.find(from, at))
      text.replace(at, from.size(), to);
  return text;
}

std::string trim_copy(std::string text) {
  while (!text.empty() && std::isspace(static_cast<unsigned char>(text.back()))) text.pop_back();
  std::size_t start = 0;
  while (start < text.size() && std::isspace(static_cast<unsigned char>(text[start]))) ++start;
  return text.substr(start);
}

}  // namespace

// ---------------------------------------------------------------- bad inputs

TEST(IngestLoad, MissingPathIsOneErrorAndTheRestGoesOn) {
  TempDir dir;
  const std::string good =
      dir.write("good.txt", "Rockets hit the base on Monday, officials said.\n");
  const std::string missing = dir.path() + "/nope.txt";
  const Loaded loaded = load_inputs({missing, good}, Options{});
  ASSERT_EQ(loaded.errors.size(), 1u);
  EXPECT_EQ(loaded.errors[0].input, missing);
  EXPECT_FALSE(loaded.errors[0].message.empty());
  ASSERT_EQ(loaded.documents.size(), 1u);
  EXPECT_EQ(loaded.documents[0].doc, "good.txt");
}

TEST(IngestLoad, EmptyAndWhitespaceOnlyFilesAreRejected) {
  TempDir dir;
  const std::string empty = dir.write("empty.txt", "");
  const std::string blank = dir.write("blank.txt", "  \n\t\n \xC2\xA0 \n");
  const Loaded loaded = load_inputs({empty, blank}, Options{});
  EXPECT_TRUE(loaded.documents.empty());
  ASSERT_NE(find_error(loaded, empty), nullptr);
  ASSERT_NE(find_error(loaded, blank), nullptr);
  EXPECT_TRUE(contains(find_error(loaded, empty)->message, "empty"));
  EXPECT_TRUE(contains(find_error(loaded, blank)->message, "empty"));
}

TEST(IngestLoad, BinaryFilesAreRejected) {
  TempDir dir;
  std::string with_nul = "A short line of text\n";
  with_nul += std::string("\0\x01\x02", 3) + "more";
  std::string noise;
  for (int i = 0; i < 4000; ++i) noise += static_cast<char>((i * 37 % 31) + 1);     // control chars
  for (int i = 0; i < 4000; ++i) noise += static_cast<char>(0x80 + (i * 13 % 64));  // stray bytes
  const std::string a = dir.write("nul.txt", with_nul);
  const std::string b = dir.write("noise.html", noise);
  const Loaded loaded = load_inputs({a, b}, Options{});
  EXPECT_TRUE(loaded.documents.empty());
  ASSERT_NE(find_error(loaded, a), nullptr);
  ASSERT_NE(find_error(loaded, b), nullptr);
  EXPECT_TRUE(contains(find_error(loaded, a)->message, "binary"));
  EXPECT_TRUE(contains(find_error(loaded, b)->message, "binary"));
}

TEST(IngestLoad, TooLargeFileIsRejectedNamingTheLimit) {
  TempDir dir;
  const std::string big = dir.write("big.txt", std::string(500, 'a') + " end.\n");
  const std::string small = dir.write("small.txt", "Tiny article.\n");
  Options options;
  options.max_bytes = 100;
  const Loaded loaded = load_inputs({big, small}, options);
  const InputError* error = find_error(loaded, big);
  ASSERT_NE(error, nullptr);
  EXPECT_TRUE(contains(error->message, "100 bytes")) << error->message;
  ASSERT_EQ(loaded.documents.size(), 1u);
  EXPECT_EQ(loaded.documents[0].doc, "small.txt");
}

TEST(IngestLoad, SparseHundredMegabyteFileIsRejectedBeforeReading) {
  TempDir dir;
  const std::string huge = dir.write("huge.txt", "");
  fs::resize_file(huge, 100u << 20);  // sparse: no 100 MB actually written
  const auto started = std::chrono::steady_clock::now();
  const Loaded loaded = load_inputs({huge}, Options{});
  const auto elapsed = std::chrono::steady_clock::now() - started;
  const InputError* error = find_error(loaded, huge);
  ASSERT_NE(error, nullptr);
  EXPECT_TRUE(contains(error->message, std::to_string(Options{}.max_bytes))) << error->message;
  EXPECT_TRUE(loaded.documents.empty());
  // Reading and scanning 100 MB would take far longer than this in a Debug build.
  EXPECT_LT(std::chrono::duration_cast<std::chrono::milliseconds>(elapsed).count(), 1000);
}

TEST(IngestLoad, PathThroughAFileIsAnError) {
  TempDir dir;
  const std::string file = dir.write("plain.txt", "Some text.\n");
  const std::string through = file + "/child.txt";  // ENOTDIR, whoever runs the test
  const Loaded loaded = load_inputs({through, file}, Options{});
  ASSERT_NE(find_error(loaded, through), nullptr);
  EXPECT_EQ(loaded.documents.size(), 1u);
}

TEST(IngestLoad, UnreadableFileIsAnError) {
  if (geteuid() == 0) GTEST_SKIP() << "root reads files whatever their mode";
  TempDir dir;
  const std::string locked = dir.write("locked.txt", "Some text.\n");
  fs::permissions(locked, fs::perms::none);
  const Loaded loaded = load_inputs({locked}, Options{});
  ASSERT_NE(find_error(loaded, locked), nullptr);
  EXPECT_TRUE(loaded.documents.empty());
}

TEST(IngestLoad, InvalidUtf8IsRepairedWithAWarning) {
  TempDir dir;
  const std::string file =
      dir.write("latin1.txt", "The caf\xE9 near the embassy was damaged, police said.\n");
  const Loaded loaded = load_inputs({file}, Options{});
  EXPECT_TRUE(loaded.errors.empty());
  ASSERT_EQ(loaded.documents.size(), 1u);
  ASSERT_EQ(loaded.warnings.size(), 1u);
  EXPECT_EQ(loaded.warnings[0].input, file);
  EXPECT_TRUE(contains(loaded.warnings[0].message, "UTF-8"));
  EXPECT_TRUE(contains(loaded.documents[0].raw, "caf\xEF\xBF\xBD near"));
  EXPECT_FALSE(loaded.documents[0].warnings.empty());
}

// ---------------------------------------------------------------- directories and metadata

TEST(IngestLoad, DirectoryIsRecursiveSortedAndSkipsHiddenAndMetadataFiles) {
  TempDir dir;
  dir.write("b.txt", "Second article text.\n");
  dir.write("a.html", "<html><body><p>First article text.</p></body></html>");
  dir.write("sub/c.txt", "Third article text.\n");
  dir.write(".hidden.txt", "Hidden article.\n");
  dir.write(".git/d.txt", "Inside a hidden directory.\n");
  dir.write("notes.md", "Not an input type.\n");
  dir.write("manifest.jsonl", "{\"doc\":\"b.txt\",\"outlet\":\"Wire\"}\n");
  dir.write("gold.jsonl", "{\"doc\":\"b.txt\",\"reports_attack\":true}\n");
  dir.write("sub/gold-positives.jsonl", "{\"doc\":\"c.txt\",\"reports_attack\":true}\n");
  const Loaded loaded = load_inputs({dir.path()}, Options{});
  EXPECT_TRUE(loaded.errors.empty());
  ASSERT_EQ(loaded.documents.size(), 3u);
  EXPECT_EQ(loaded.documents[0].doc, "a.html");
  EXPECT_TRUE(loaded.documents[0].is_html);
  EXPECT_EQ(loaded.documents[1].doc, "b.txt");
  EXPECT_EQ(loaded.documents[2].doc, "c.txt");
}

TEST(IngestLoad, DateLineIsStrippedAndUsedWhenNoManifest) {
  TempDir dir;
  const std::string file =
      dir.write("x.txt", " date 2025-06-21 Mortar shells landed near the consulate.\n\nMore.\n");
  const Loaded loaded = load_inputs({file}, Options{});
  ASSERT_EQ(loaded.documents.size(), 1u);
  EXPECT_EQ(loaded.documents[0].published, "2025-06-21");
  const CleanText text = clean(loaded.documents[0]);
  EXPECT_TRUE(text.text.starts_with("Mortar shells landed near the consulate.")) << text.text;
  EXPECT_FALSE(contains(text.text, "2025-06-21"));
}

// A page that gave only its month ("date 2022-11"): the line goes, the month is kept apart from
// the publication date (a day is unknown), and a malformed month stays in the text.
TEST(IngestLoad, MonthOnlyDateLineIsTheFiledMonth) {
  TempDir dir;
  const std::string file =
      dir.write("x.txt", " date 2022-11 Rocket hits Green Village base\n\nMore.\n");
  const std::string bad = dir.write("y.txt", " date 2022-13 Rocket hits Green Village base\n");
  const Loaded loaded = load_inputs({file, bad}, Options{});
  ASSERT_EQ(loaded.documents.size(), 2u);
  EXPECT_EQ(loaded.documents[0].published, "");
  EXPECT_EQ(loaded.documents[0].filed_month, "2022-11");
  EXPECT_TRUE(loaded.documents[0].raw.starts_with("Rocket hits")) << loaded.documents[0].raw;
  EXPECT_EQ(loaded.documents[1].filed_month, "");
  EXPECT_TRUE(contains(loaded.documents[1].raw, "2022-13"));
}

// The date line gives a calendar date or a month, never a month where a date is expected (the
// text fuzzer found "date 2022-11" returned as the line's date).
TEST(IngestLoad, DateLineGivesADateOrAMonth) {
  using sitrep::ingest::detail::strip_date_line;
  std::string month_line = " date 2022-11 Rocket hits base";
  const auto month = strip_date_line(month_line);
  EXPECT_EQ(month.date, "");
  EXPECT_EQ(month.month, "2022-11");
  EXPECT_EQ(month_line, "Rocket hits base");
  std::string day_line = "date 2022-11-30\nRocket hits base";
  const auto day = strip_date_line(day_line);
  EXPECT_EQ(day.date, "2022-11-30");
  EXPECT_EQ(day.month, "");
  std::string no_line = "dated 2022-11-30 Rocket";
  const auto none = strip_date_line(no_line);
  EXPECT_TRUE(none.date.empty() && none.month.empty());
  EXPECT_EQ(no_line, "dated 2022-11-30 Rocket");
}

TEST(IngestLoad, ManifestWinsOverDateLine) {
  TempDir dir;
  const std::string file =
      dir.write("x.txt", " date 2025-06-21 Mortar shells landed near the consulate.\n");
  const std::string manifest_path =
      dir.write("meta/manifest.jsonl",
                "{\"doc\":\"x.txt\",\"outlet\":\"Northern Ledger\",\"published\":\"2025-06-22\","
                "\"url\":\"https://news.example/x\"}\n{\"doc\":\"other.txt\",\"outlet\":null}\n");
  const auto manifest = load_manifest(manifest_path);
  ASSERT_TRUE(manifest.has_value()) << manifest.error().message;
  Options options;
  options.manifest = &*manifest;
  const Loaded loaded = load_inputs({file}, options);
  ASSERT_EQ(loaded.documents.size(), 1u);
  EXPECT_EQ(loaded.documents[0].published, "2025-06-22");
  EXPECT_EQ(loaded.documents[0].outlet, "Northern Ledger");
  EXPECT_EQ(loaded.documents[0].url, "https://news.example/x");
  EXPECT_TRUE(loaded.documents[0].raw.starts_with("Mortar shells"));
}

TEST(IngestLoad, BadManifestLineIsRejectedAndTheOtherLinesKept) {
  TempDir dir;
  const std::string path = dir.write("m.jsonl", "{\"doc\":\"a.txt\"}\nnot json\n");
  const auto manifest = load_manifest(path);
  ASSERT_TRUE(manifest.has_value());
  EXPECT_TRUE(manifest->contains("a.txt"));
  ASSERT_EQ(manifest->rejected.size(), 1u);
  EXPECT_EQ(manifest->rejected[0].input, path + ":2");
  // The rejected line reaches the batch's errors (exit status 1).
  Options options;
  options.manifest = &*manifest;
  const Loaded loaded = load_inputs({dir.write("a.txt", "Rockets hit the base.\n")}, options);
  EXPECT_EQ(loaded.documents.size(), 1u);
  EXPECT_NE(find_error(loaded, path + ":2"), nullptr);
}

// ---------------------------------------------------------------- JSONL and feeds

TEST(IngestLoad, JsonlGivesDocumentsAndNamesBadLines) {
  TempDir dir;
  const std::string file = dir.write(
      "dump.jsonl",
      "{\"doc\":\"one\",\"text\":\"Rockets struck the base.\",\"url\":\"https://a.example/1\","
      "\"outlet\":\"Wire\",\"published\":\"2024-09-13T08:00:00Z\"}\n"
      "\n"
      "{not json\n"
      "{\"doc\":\"three\",\"url\":\"https://a.example/3\"}\n"
      "{\"html\":\"<p>Drones were intercepted.</p>\"}\n");
  const Loaded loaded = load_inputs({file}, Options{});
  ASSERT_EQ(loaded.documents.size(), 2u);
  EXPECT_EQ(loaded.documents[0].doc, "one");
  EXPECT_EQ(loaded.documents[0].outlet, "Wire");
  EXPECT_EQ(loaded.documents[0].published, "2024-09-13");
  EXPECT_FALSE(loaded.documents[0].is_html);
  EXPECT_EQ(loaded.documents[1].doc, "dump.jsonl:5");
  EXPECT_TRUE(loaded.documents[1].is_html);
  ASSERT_EQ(loaded.errors.size(), 2u);
  EXPECT_EQ(loaded.errors[0].input, file + ":3");
  EXPECT_EQ(loaded.errors[1].input, file + ":4");
}

TEST(IngestLoad, RssFeedItemsBecomeHtmlDocuments) {
  TempDir dir;
  const std::string feed = dir.write("wire.rss", R"(<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/">
<channel><title>Border Wire</title><link>https://wire.example/</link>
<item><title>Rockets hit airbase</title><link>https://wire.example/rockets</link>
<pubDate>Tue, 10 Sep 2024 21:40:00 +0300</pubDate>
<description>&lt;p&gt;Two rockets hit the airbase on Tuesday night, a security source said.&lt;/p&gt;</description></item>
<item><title>Drone downed</title><link>https://wire.example/drone</link>
<pubDate>Wed, 11 Sep 2024 06:00:00 GMT</pubDate>
<content:encoded><![CDATA[<p>A drone was shot down near the embassy early on Wednesday.</p>]]></content:encoded></item>
</channel></rss>)");
  const Loaded loaded = load_inputs({feed}, Options{});
  EXPECT_TRUE(loaded.errors.empty());
  ASSERT_EQ(loaded.documents.size(), 2u);
  const Document& first = loaded.documents[0];
  EXPECT_EQ(first.doc, "https://wire.example/rockets");
  EXPECT_EQ(first.url, "https://wire.example/rockets");
  EXPECT_EQ(first.outlet, "Border Wire");
  EXPECT_EQ(first.published, "2024-09-10");
  EXPECT_TRUE(first.is_html);
  const CleanText text = clean(first);
  EXPECT_EQ(text.title, "Rockets hit airbase");
  EXPECT_TRUE(
      contains(text.text, "Two rockets hit the airbase on Tuesday night, a security source said."))
      << text.text;
  EXPECT_EQ(loaded.documents[1].published, "2024-09-11");
  EXPECT_TRUE(contains(clean(loaded.documents[1]).text, "A drone was shot down near the embassy"));
}

TEST(IngestLoad, AtomFeedEntriesBecomeDocuments) {
  TempDir dir;
  const std::string feed = dir.write("site.atom", R"(<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>Gulf Monitor</title>
<entry><title>Base attacked</title>
<link rel="alternate" href="https://monitor.example/base"/>
<published>2025-01-05T03:00:00Z</published>
<summary type="text">Three drones targeted a base in eastern Syria &amp; were intercepted.</summary>
</entry></feed>)");
  const Loaded loaded = load_inputs({feed}, Options{});
  EXPECT_TRUE(loaded.errors.empty());
  ASSERT_EQ(loaded.documents.size(), 1u);
  EXPECT_EQ(loaded.documents[0].url, "https://monitor.example/base");
  EXPECT_EQ(loaded.documents[0].published, "2025-01-05");
  EXPECT_EQ(loaded.documents[0].outlet, "Gulf Monitor");
  EXPECT_TRUE(contains(clean(loaded.documents[0]).text,
                       "Three drones targeted a base in eastern Syria & were intercepted."));
}

TEST(IngestLoad, MalformedFeedIsOneError) {
  TempDir dir;
  const std::string broken = dir.write("broken.xml", "<rss><channel><item><title>x</item></rss>");
  const std::string other = dir.write("other.xml", "<html><body>not a feed</body></html>");
  const std::string good = dir.write("good.txt", "A text article.\n");
  const Loaded loaded = load_inputs({broken, other, good}, Options{});
  ASSERT_NE(find_error(loaded, broken), nullptr);
  ASSERT_NE(find_error(loaded, other), nullptr);
  EXPECT_TRUE(contains(find_error(loaded, broken)->message, "feed"));
  EXPECT_EQ(loaded.documents.size(), 1u);
}

TEST(IngestLoad, UnreachableFeedUrlIsAnError) {
  // Port 9 (discard) on loopback: nothing listens, the connection is refused at once.
  const std::string url = "http://127.0.0.1:9/feed.xml";
  const Loaded loaded = load_inputs({url}, Options{});
  ASSERT_EQ(loaded.errors.size(), 1u);
  EXPECT_EQ(loaded.errors[0].input, url);
  EXPECT_TRUE(loaded.documents.empty());
}

// ---------------------------------------------------------------- cleaning

TEST(IngestClean, HtmlPageKeepsArticleAndDropsChrome) {
  const std::string page = read_file(fs::path(SITREP_TEST_DIR) / "cases/ingest/page_chrome.html");
  ASSERT_FALSE(page.empty());
  const CleanText text = clean_text(page, /*html=*/true);
  EXPECT_EQ(text.title, "Drones target coalition base near Qamishli");
  const std::vector<std::string> kept = {
      "Drones target coalition base near Qamishli",
      "Three drones were launched on Monday night at a coalition outpost east of Qamishli, a "
      "local commander told reporters.",
      "Two of the aircraft were shot down before reaching the perimeter, while the third struck "
      "an empty storage hangar \xE2\x80\x94 causing what officials called \"minor damage\".",
      "Who is behind it",
      "No group had claimed the attack by Tuesday morning, but a spokesman for the coalition said "
      "the drones were 'consistent with' models used by Iran-aligned factions.",
      "\"We will respond at a time of our choosing,\" the spokesman added.",
      "The base hosts about 200 personnel.",
      "It was last attacked in January.",
      "Local residents reported hearing several explosions shortly after 11 p.m."};
  std::size_t previous = 0;
  for (const auto& paragraph : kept) {
    const std::size_t at = text.text.find(paragraph);
    ASSERT_NE(at, std::string::npos) << "lost: " << paragraph << "\n---\n" << text.text;
    EXPECT_GE(at, previous) << "out of order: " << paragraph;
    previous = at;
  }
  for (const char* chrome :
       {"Skip to main content", "Home", "cookies", "Mara Ellison", "Share on",
        "Photo:", "Related stories", "Rocket fire near the airport", "Read more", "newsletter",
        "Subscribe", "commented paragraph", "JavaScript", "All rights reserved", "Privacy",
        "window.analytics", "console.log", "font-family", "Frontier Dispatch"})
    EXPECT_FALSE(contains(text.text, chrome)) << chrome << "\n---\n" << text.text;
  EXPECT_TRUE(
      contains(text.text, "told reporters.\n\nTwo of the aircraft"));  // blank-line paragraphs
}

TEST(IngestClean, TextArticleKeepsEverySentenceAndDropsBoilerplate) {
  const std::string raw =
      read_file(fs::path(SITREP_TEST_DIR) / "cases/ingest/article_boilerplate.txt");
  ASSERT_FALSE(raw.empty());
  const CleanText text = clean_text(raw, false, "Northern Ledger");
  EXPECT_EQ(text.title, "Mortar shells land near consulate compound in northern city");
  const std::string expected =
      "Mortar shells land near consulate compound in northern city\n\n"
      "Four mortar shells landed near the perimeter wall of a foreign consulate late on Saturday, "
      "two police officers said.\n\n"
      "The shells fell within a few hundred metres of the compound, damaging a parked car and "
      "shattering windows in a nearby shop. Nobody was wounded.\n\n"
      "A security source said the shells were fired from an orchard on the outskirts of the city "
      "and that a launch tube had been recovered.\n\n"
      "Officials at the consulate did not respond to a request for comment on Sunday.";
  EXPECT_EQ(text.text, expected);
}

TEST(IngestClean, ProseMentioningChromeWordsSurvives) {
  // Sentences that share words with boilerplate but are reporting, not chrome.
  const std::string raw =
      "Militants attacked the outpost at dawn.\n"
      "By Tuesday evening, the militia had fired 14 rockets at the base, officials said.\n"
      "The group said on its Telegram channel that readers should share the video widely, a claim "
      "the ministry dismissed.\n"
      "Related attacks were reported in Deir ez-Zor, where two drones were downed.\n"
      "Photos shared online showed smoke rising over the compound.\n";
  const CleanText text = clean_text(raw);
  std::istringstream lines(raw);
  for (std::string line; std::getline(lines, line);)
    EXPECT_TRUE(contains(text.text, line)) << "lost: " << line;
}

TEST(IngestClean, PlainTextParagraphsAndTypography) {
  const CleanText text = clean_text(
      "First line\xC2\xA0with a no-break space.   \n\n\n"
      "\xE2\x80\x9CQuoted,\xE2\x80\x9D he said \xE2\x80\x94 it\xE2\x80\x99s over.\n"
      "Next paragraph directly after.\n");
  EXPECT_EQ(text.text,
            "First line with a no-break space.\n\n"
            "\"Quoted,\" he said \xE2\x80\x94 it's over.\n\n"
            "Next paragraph directly after.");
}

// A page's hard-wrapped paragraph: a line that ends in a comma goes on over the next lines up to
// one that ends a sentence (at most eight), never across a blank line; a headline without a full
// stop stays its own line.
TEST(IngestClean, LinesWrappedAfterACommaJoinTheirSentence) {
  const CleanText text = clean_text(
      "Rockets hit a base in Iraq\n"
      "Unknown attackers shelled, early on Wednesday,\n"
      "the base north of\n"
      "Mosul with eight rockets.\n"
      "Officials said,\n"
      "\n"
      "A new paragraph.\n"
      "\xD8\xA3\xD8\xB9\xD9\x84\xD9\x86\xD8\xAA\xD8\x8C\n"  // an Arabic comma
      "one,\ntwo\nthree\nfour\nfive\nsix\nseven\neight\nnine\nten.\n");
  EXPECT_EQ(text.text,
            "Rockets hit a base in Iraq\n\n"
            "Unknown attackers shelled, early on Wednesday, the base north of Mosul with eight "
            "rockets.\n\n"
            "Officials said,\n\n"
            "A new paragraph.\n\n"
            "\xD8\xA3\xD8\xB9\xD9\x84\xD9\x86\xD8\xAA\xD8\x8C one, two three four five six seven "
            "eight\n\n"
            "nine\n\n"
            "ten.");
}

// A line that has not ended goes on over a next line that starts in lower case ("... the US
// embassy in / the Green Zone") or after a function word ("... base at the / Conoco gas field");
// page chrome in lower case ("x", "download-img", "access_time 13 hours ago") joins nothing, and
// nothing joins the page's first line (a headline).
TEST(IngestClean, LowerCaseLinesContinueAnUnfinishedSentence) {
  const CleanText text = clean_text(
      "Rockets hit the US embassy in\n"
      "access_time 13 hours ago\n"
      "Two rockets were fired at the US embassy in\n"
      "the Green Zone late on Friday, police said.\n"
      "A drone struck the coalition base at the\n"
      "Conoco gas field on Wednesday.\n"
      "Rockets hit the Green Village base in eastern\n"
      "Syria on Tuesday.\n"
      "Published 2021-07-29 at 10:25\n"
      "x\n"
      "download-img\n"
      "A rocket fell near the embassy.\n");
  EXPECT_EQ(text.text,
            "Rockets hit the US embassy in\n\n"
            "access_time 13 hours ago\n\n"
            "Two rockets were fired at the US embassy in the Green Zone late on Friday, police "
            "said.\n\n"
            "A drone struck the coalition base at the Conoco gas field on Wednesday.\n\n"
            "Rockets hit the Green Village base in eastern Syria on Tuesday.\n\n"
            "Published 2021-07-29 at 10:25\n\n"
            "x\n\n"
            "download-img\n\n"
            "A rocket fell near the embassy.");
}

TEST(IngestClean, EmbeddedPostsAreQuoted) {
  const std::string post =
      "Sirens sounded over the embassy compound tonight. pic.twitter.com/AbC123 "
      "\xE2\x80\x94 Field Reporter (@field_rep) October 3, 2024";
  const std::string attribution = "\xE2\x80\x94 Mission Spokesperson (@MissionSpox) Oct 4, 2024";
  const std::string raw = "Rockets were fired at the embassy on Thursday, police said.\n\n" + post +
                          "\n\nThe embassy said staff were safe.\n" + attribution +
                          "\nOfficials gave no further details.\n";
  const CleanText text = clean_text(raw);
  ASSERT_EQ(text.quoted.size(), 2u) << text.text;
  EXPECT_EQ(text.text.substr(text.quoted[0].start, text.quoted[0].size()), post);
  EXPECT_EQ(text.text.substr(text.quoted[1].start, text.quoted[1].size()), attribution);
  EXPECT_FALSE(text.is_quoted(text.text.find("Rockets were fired")));
  EXPECT_FALSE(text.is_quoted(text.text.find("Officials gave")));
  EXPECT_TRUE(text.is_quoted(text.text.find("Sirens sounded")));
}

TEST(IngestClean, HtmlTweetEmbedIsQuoted) {
  const std::string html =
      "<html><body><h1>Attack on base</h1><p>Drones hit the base on Friday, the army said.</p>"
      "<blockquote class=\"twitter-tweet\"><p lang=\"en\">Explosions heard near the base.</p>"
      "&mdash; Local Watch (@localwatch) <a href=\"https://x.example/s/1\">May 2, 2025</a>"
      "</blockquote><p>No casualties were reported.</p></body></html>";
  const CleanText text = clean_text(html, true);
  EXPECT_TRUE(text.is_quoted(text.text.find("Explosions heard")));
  EXPECT_TRUE(text.is_quoted(text.text.find("Local Watch")));
  EXPECT_FALSE(text.is_quoted(text.text.find("Drones hit")));
  EXPECT_FALSE(text.is_quoted(text.text.find("No casualties")));
}

TEST(IngestClean, LanguageIdentification) {
  const CleanText french = clean_text(
      "Trois roquettes ont frappé lundi soir les abords de l'ambassade, selon une source de "
      "sécurité. Aucune victime n'a été signalée et les autorités ont ouvert une enquête sur "
      "l'origine des tirs.");
  EXPECT_EQ(french.language, "fr");
  const CleanText arabic = clean_text(
      "\xD8\xB3\xD9\x82\xD8\xB7\xD8\xAA \xD8\xAB\xD9\x84\xD8\xA7\xD8\xAB\xD8\xA9 "
      "\xD8\xB5\xD9\x88\xD8\xA7\xD8\xB1\xD9\x8A\xD8\xAE \xD9\x82\xD8\xB1\xD8\xA8 "
      "\xD8\xA7\xD9\x84\xD8\xB3\xD9\x81\xD8\xA7\xD8\xB1\xD8\xA9 \xD9\x81\xD9\x8A "
      "\xD8\xA8\xD8\xBA\xD8\xAF\xD8\xA7\xD8\xAF \xD9\x84\xD9\x8A\xD9\x84\xD8\xA9 "
      "\xD8\xA7\xD9\x84\xD8\xA3\xD8\xAD\xD8\xAF\xD8\x8C \xD9\x88\xD9\x84\xD9\x85 "
      "\xD8\xAA\xD8\xB3\xD8\xAC\xD9\x84 \xD8\xA3\xD9\x8A \xD8\xA5\xD8\xB5\xD8\xA7\xD8\xA8\xD8\xA7"
      "\xD8\xAA \xD8\xA8\xD8\xAD\xD8\xB3\xD8\xA8 \xD9\x85\xD8\xB5\xD8\xAF\xD8\xB1 "
      "\xD8\xA3\xD9\x85\xD9\x86\xD9\x8A \xD8\xB9\xD8\xB1\xD8\xA7\xD9\x82\xD9\x8A.");
  EXPECT_EQ(arabic.language, "ar");
  const CleanText english = clean_text(
      "Two rockets landed near the embassy compound on Tuesday night, a security source said, "
      "and no casualties were reported.");
  EXPECT_EQ(english.language, "en");
  EXPECT_EQ(clean_text("Ok.").language, "und");
  // A lead that tells the headline's words in its middle is the body, not a teaser.
  const CleanText lead = clean_text(
      "\xD8\xB5\xD9\x88\xD8\xA7\xD8\xB1\xD9\x8A\xD8\xAE \xD8\xB9\xD9\x84\xD9\x89 "
      "\xD9\x82\xD8\xA7\xD8\xB9\xD8\xAF\xD8\xA9\n\n"
      "\xD8\xA3\xD9\x81\xD8\xA7\xD8\xAF \xD9\x85\xD8\xB5\xD8\xAF\xD8\xB1 "
      "\xD9\x81\xD9\x8A \xD8\xA7\xD9\x84\xD8\xB4\xD8\xB1\xD8\xB7\xD8\xA9 "
      "\xD8\xA8\xD8\xB3\xD9\x82\xD9\x88\xD8\xB7 \xD8\xAB\xD9\x84\xD8\xA7\xD8\xAB"
      "\xD8\xA9 \xD8\xB5\xD9\x88\xD8\xA7\xD8\xB1\xD9\x8A\xD8\xAE \xD8\xB9\xD9\x84"
      "\xD9\x89 \xD9\x82\xD8\xA7\xD8\xB9\xD8\xAF\xD8\xA9 \xD8\xB9\xD9\x8A\xD9\x86 "
      "\xD8\xA7\xD9\x84\xD8\xA3\xD8\xB3\xD8\xAF \xD9\x85\xD8\xB3\xD8\xA7\xD8\xA1 "
      "\xD8\xA7\xD9\x84\xD8\xAB\xD9\x84\xD8\xA7\xD8\xAB\xD8\xA7\xD8\xA1.");
  EXPECT_NE(lead.text.find("\xD8\xA3\xD9\x81\xD8\xA7\xD8\xAF"), std::string::npos) << lead.text;
  // Short English that textcat reads as Scots.
  const CleanText brief = clean_text(
      "Rockets near embassy\n\nTwo rockets struck near Washington's embassy in Baghdad on "
      "Sunday, Iraqi police said. No one was hurt.");
  EXPECT_EQ(brief.language, "en");
}

// The fast path (script and function words) must say what the n-gram classifier says wherever
// it answers at all, on every article we have: the dev corpus, the examples, the seeds and the
// real set when present. A disagreement prints the document and both answers.
TEST(IngestClean, FastLanguagePathAgreesWithNgrams) {
  const fs::path test_dir = SITREP_TEST_DIR;
  std::vector<std::string> inputs;
  for (const fs::path& dir :
       {test_dir / "corpus", test_dir / "../examples/articles", test_dir / "real/texts",
        fs::path(SITREP_SHARED_DIR) / "corpus/seeds"})
    if (fs::exists(dir)) inputs.push_back(dir.string());
  const Loaded loaded = load_inputs(inputs, Options{});
  ASSERT_GE(loaded.documents.size(), 80u);
  std::size_t fast = 0, non_english = 0;
  for (const auto& document : loaded.documents) {
    const CleanText text = clean(document);
    const auto quick = detail::identify_language_fast(text.text);
    if (!quick) continue;
    ++fast;
    if (*quick != "en") ++non_english;
    EXPECT_EQ(*quick, detail::identify_language_ngram(text.text)) << document.doc;
  }
  // Most articles must take the fast path, or it saves nothing.
  EXPECT_GE(fast * 10, loaded.documents.size() * 9);
  EXPECT_GE(non_english, 2u);  // the dev corpus and the examples have Arabic, French, Spanish
}

TEST(IngestClean, FastLanguagePathDefersWhenUnsure) {
  // Persian letters (پ, ی, گ) in Arabic script: not decided by script alone.
  EXPECT_FALSE(detail::identify_language_fast(
      "\xD9\xBE\xD9\x87\xD9\xBE\xD8\xA7\xD8\xAF \xD8\xA8\xD9\x87 \xD9\xBE\xD8\xA7\xDB\x8C\xDA\xAF"
      "\xD8\xA7\xD9\x87 \xD8\xA2\xD9\x85\xD8\xB1\xDB\x8C\xDA\xA9\xD8\xA7 \xD8\xAD\xD9\x85\xD9\x84"
      "\xD9\x87 \xDA\xA9\xD8\xB1\xD8\xAF \xD9\x88 \xDA\xAF\xD8\xB2\xD8\xA7\xD8\xB1\xD8\xB4 \xD8\xB4"
      "\xD8\xAF\xD9\x87 \xD8\xA7\xD8\xB3\xD8\xAA \xDA\xA9\xD9\x87 \xD9\xBE\xD9\x87\xD9\xBE\xD8\xA7"
      "\xD8\xAF\xDB\x8C \xD8\xA8\xD9\x88\xD8\xAF"));
  // Too few words to count.
  EXPECT_FALSE(detail::identify_language_fast("Rockets hit the base."));
  // English and French function words in equal measure.
  EXPECT_FALSE(detail::identify_language_fast(
      "The embassy said that the attack was over. L'ambassade a dit que les tirs sont finis et "
      "que la situation est calme dans le quartier."));
  EXPECT_EQ(detail::identify_language_fast(
                "Two rockets landed near the embassy compound on Tuesday night, a security "
                "source said, and no casualties were reported."),
            "en");
  // A short item thin in function words, whose names the n-gram classifier reads as German:
  // two English words and none of another language's settle it.
  const std::string short_item =
      "Rockets hit Turkish base in northern Iraq\n\nTwo Turkish soldiers were wounded when "
      "rockets struck a Turkish military base in northern Iraq on Sunday, Turkey's Defense "
      "Ministry said.";
  EXPECT_EQ(detail::identify_language_fast(short_item), "en");
  EXPECT_EQ(detail::identify_language(short_item), "en");
}

// An Arabic article whose page opens with a wire photo's English caption: the n-gram prefix
// reads English, the whole text is Arabic.
TEST(IngestClean, ArabicArticleAroundAnEnglishCaptionIsArabic) {
  std::string caption =
      "A handout picture released by the security services shows smoke rising over the airport "
      "area after an overnight attack, in a photo taken from a nearby road on the outskirts of "
      "the city. (Photo by staff photographer / AFP) ";
  std::string page = caption + caption + caption + "\n\n";
  const std::string body =
      "\xD8\xA7\xD8\xB3\xD8\xAA\xD9\x87\xD8\xAF\xD9\x81 \xD9\x87\xD8\xAC\xD9\x88\xD9\x85 "
      "\xD8\xA8\xD8\xB7\xD8\xA7\xD8\xA6\xD8\xB1\xD8\xA7\xD8\xAA "
      "\xD9\x85\xD8\xB3\xD9\x8A\xD8\xB1\xD8\xA9 "
      "\xD9\x82\xD8\xA7\xD8\xB9\xD8\xAF\xD8\xA9 \xD8\xB9\xD8\xB3\xD9\x83\xD8\xB1\xD9\x8A\xD8\xA9 "
      "\xD9\x82\xD8\xB1\xD8\xA8 \xD9\x85\xD8\xB7\xD8\xA7\xD8\xB1 "
      "\xD8\xA3\xD8\xB1\xD8\xA8\xD9\x8A\xD9\x84 "
      "\xD9\x85\xD8\xB3\xD8\xA7\xD8\xA1 \xD8\xA7\xD9\x84\xD8\xA3\xD8\xAD\xD8\xAF\xD8\x8C "
      "\xD9\x88\xD9\x84\xD9\x85 \xD8\xAA\xD8\xB3\xD8\xAC\xD9\x84 \xD8\xA3\xD9\x8A "
      "\xD8\xA5\xD8\xB5\xD8\xA7\xD8\xA8\xD8\xA7\xD8\xAA. ";
  for (int i = 0; i < 12; ++i) page += body;
  EXPECT_FALSE(detail::identify_language_fast(page).has_value());
  EXPECT_EQ(detail::identify_mixed_arabic(page), "ar");
  EXPECT_EQ(detail::identify_language(page), "ar");
  // English with an Arabic name or two stays English.
  EXPECT_FALSE(detail::identify_mixed_arabic(caption + caption + body).has_value());
  // A caption longer than the fast path's prefix, which alone reads English.
  std::string long_caption;
  while (long_caption.size() < 2600) long_caption += caption;
  std::string long_page = long_caption + "\n\n";
  for (int i = 0; i < 40; ++i) long_page += body;
  EXPECT_EQ(detail::identify_language_fast(long_page), "en");
  EXPECT_EQ(detail::identify_language(long_page), "ar");
  EXPECT_EQ(detail::identify_language(long_caption + body), "en");
}

TEST(IngestClean, NonEnglishDocumentIsKept) {
  TempDir dir;
  const std::string file =
      dir.write("fr.txt",
                "Une attaque de drones a visé la base de la coalition près de l'aéroport, a "
                "indiqué un responsable militaire. Les dégâts sont limités selon l'armée.\n");
  const Loaded loaded = load_inputs({file}, Options{});
  ASSERT_EQ(loaded.documents.size(), 1u);
  const CleanText text = clean(loaded.documents[0]);
  EXPECT_EQ(text.language, "fr");
  EXPECT_TRUE(contains(text.text, "Une attaque de drones"));
}

// ---------------------------------------------------------------- ids

TEST(IngestId, SameArticleSameIdWithOrWithoutUrl) {
  Document a;
  a.raw = "Rockets hit the base.\n\nNo one was hurt.\n";
  Document b;
  b.raw = "rockets   hit the BASE.\nNo one was hurt.";
  const std::string id_a = document_id(a, clean(a));
  EXPECT_EQ(id_a.size(), 18u);
  EXPECT_TRUE(id_a.starts_with("d-"));
  EXPECT_EQ(id_a, document_id(b, clean(b)));
  // The id is the text's alone: the article read with its manifest URL is the same document.
  Document c = a;
  c.url = "https://news.example/a";
  EXPECT_EQ(id_a, document_id(c, clean(c)));
  Document d;
  d.raw = "Rockets hit the airport.\n";
  EXPECT_NE(id_a, document_id(d, clean(d)));
}

// ---------------------------------------------------------------- seeds

namespace {

const fs::path kSeeds = fs::path(SITREP_SHARED_DIR) / "corpus/seeds";

// Lines of the seed pages that are boilerplate, not reporting (start of the line).
const std::vector<std::string> kSeedBoilerplate = {
    "Already a subscriber?",
    "Skip to main content",
    "Leave a Reply",
    "Profile picture",
    "Author ",
    "Get the latest updates",
    "Read More:",
    "Keep up to date with our latest videos",
    "Image of US Embassy blames",
    "Originally published on",
    "The Us Embassy In Baghdad. Photo Iraqi News Agency 850x534"};

std::vector<std::pair<std::string, CleanText>> clean_seeds() {
  const auto manifest = load_manifest((kSeeds / "manifest.jsonl").string());
  Options options;
  if (manifest) options.manifest = &*manifest;
  const Loaded loaded = load_inputs({kSeeds.string()}, options);
  std::vector<std::pair<std::string, CleanText>> out;
  for (const auto& document : loaded.documents) out.emplace_back(document.doc, clean(document));
  return out;
}

}  // namespace

TEST(IngestSeeds, BoilerplateLinesAreRemoved) {
  if (!fs::exists(kSeeds)) GTEST_SKIP() << "no seed corpus at " << kSeeds;
  const auto seeds = clean_seeds();
  ASSERT_EQ(seeds.size(), 5u);
  for (const auto& [doc, text] : seeds) {
    for (const auto& line : kSeedBoilerplate) {
      const bool at_line_start = text.text.starts_with(line) || contains(text.text, "\n" + line);
      EXPECT_FALSE(at_line_start) << doc << " still has: " << line;
    }
    EXPECT_FALSE(contains(text.text, "log into your account")) << doc;
  }
}

TEST(IngestSeeds, EveryArticleParagraphSurvives) {
  if (!fs::exists(kSeeds)) GTEST_SKIP() << "no seed corpus at " << kSeeds;
  const auto seeds = clean_seeds();
  ASSERT_EQ(seeds.size(), 5u);
  std::size_t checked = 0;
  for (const auto& [doc, text] : seeds) {
    std::istringstream raw(read_file(kSeeds / doc));
    bool first = true;
    for (std::string line; std::getline(raw, line); first = false) {
      line = trim_copy(normalize_quotes(line));
      if (first && line.starts_with("date ")) line = line.substr(16);  // " date YYYY-MM-DD "
      if (line.size() <= 80) continue;
      bool boilerplate = false;
      for (const auto& b : kSeedBoilerplate)
        if (line.starts_with(b)) boilerplate = true;
      if (boilerplate) continue;
      ++checked;
      EXPECT_TRUE(contains(text.text, line)) << doc << " lost: " << line;
    }
  }
  EXPECT_GT(checked, 50u);
}

TEST(IngestSeeds, EmbeddedPostsAreQuotedAndMetadataRead) {
  if (!fs::exists(kSeeds)) GTEST_SKIP() << "no seed corpus at " << kSeeds;
  const auto seeds = clean_seeds();
  ASSERT_EQ(seeds.size(), 5u);
  std::size_t quoted = 0;
  for (const auto& [doc, text] : seeds) {
    EXPECT_EQ(text.language, "en") << doc;
    EXPECT_FALSE(text.title.empty()) << doc;
    for (const auto& span : text.quoted) {
      ++quoted;
      const std::string q = text.text.substr(span.start, span.size());
      EXPECT_TRUE(contains(q, "(@")) << doc << ": " << q;
    }
    // Quoted spans start at paragraph boundaries.
    for (const auto& span : text.quoted)
      EXPECT_TRUE(span.start == 0 || text.text.compare(span.start - 2, 2, "\n\n") == 0);
  }
  EXPECT_GE(quoted, 2u);
}

// The queue's message format (src/queue): a document as one JSONL line reads back as the same
// document, so a worker stores what `sitrep ingest` would have stored.
TEST(IngestDocumentJson, RoundTripKeepsEveryField) {
  Document html;
  html.doc = "a/b.html";
  html.url = "https://news.example/a";
  html.outlet = "Tigris Wire";
  html.published = "2024-09-10";
  html.raw = "<p>Two rockets hit \"the base\"\n\n— said الشرطة</p>";
  html.is_html = true;
  auto back = parse_document_json(document_json(html), "msg");
  ASSERT_TRUE(back) << back.error().message;
  EXPECT_EQ(back->doc, html.doc);
  EXPECT_EQ(back->url, html.url);
  EXPECT_EQ(back->outlet, html.outlet);
  EXPECT_EQ(back->published, html.published);
  EXPECT_EQ(back->raw, html.raw);
  EXPECT_TRUE(back->is_html);
  EXPECT_EQ(document_json(html).find('\n'), std::string::npos);

  Document text;
  text.doc = "plain.txt";
  text.raw = "Rockets hit the embassy.";
  back = parse_document_json(document_json(text), "msg");
  ASSERT_TRUE(back);
  EXPECT_FALSE(back->is_html);
  EXPECT_EQ(back->raw, text.raw);
  EXPECT_TRUE(back->url.empty() && back->published.empty());
}

TEST(IngestDocumentJson, BadMessagesAreErrorsNamingTheSource) {
  for (std::string bad :
       {"", "not json", "[1]", "{\"doc\":\"x\"}", "{\"text\":\"a\"}\n{\"text\":\"b\"}",
        "{\"text\":\"a\",\"published\":\"yesterday\"}"}) {
    auto parsed = parse_document_json(bad, "queue message 7");
    ASSERT_FALSE(parsed) << bad;
    EXPECT_NE(parsed.error().message.find("queue message 7"), std::string::npos)
        << parsed.error().message;
  }
}

// Related-article links of the other languages' pages are page chrome: their tolls ("plus de 80
// morts dans l'incendie d'un hôpital") belong to other stories.
TEST(IngestClean, RelatedLinksInOtherLanguagesAreDropped) {
  const std::string raw =
      "Deux roquettes tirées sur l'aéroport de Bagdad\n\n"
      "Deux roquettes ont été tirées dimanche sur la zone de l'aéroport international de "
      "Bagdad, sans faire de victime, selon l'armée irakienne.\n\n"
      ">>Irak : plus de 80 morts dans l'incendie d'un hôpital à Bagdad\n\n"
      "Lire aussi : Les milices menacent les bases américaines\n\n"
      "Leia também: Milícias atacam bases dos EUA na Síria\n\n"
      "LEIA TAMBÉM: Doze mortos em ataque no norte\n\n"
      "À lire aussi : Douze morts dans le nord\n\n"
      "إقرأ أيضاً: مقتل 12 في هجوم\n\n"
      "L'attaque n'a pas été revendiquée.\n";
  const CleanText text = clean_text(raw);
  EXPECT_TRUE(contains(text.text, "sans faire de victime")) << text.text;
  EXPECT_TRUE(contains(text.text, "n'a pas été revendiquée")) << text.text;
  for (const char* link : {"80 morts", "Lire aussi", "Leia também", "Doze", "Douze", "12"})
    EXPECT_FALSE(contains(text.text, link)) << link << "\n---\n" << text.text;
}
