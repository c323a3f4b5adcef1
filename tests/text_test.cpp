#include <gtest/gtest.h>

#include "text/text.h"

using namespace sitrep;
using namespace sitrep::text;

namespace {
std::vector<std::string> sentence_texts(const std::string& text) {
  CleanText clean;
  clean.text = text;
  std::vector<std::string> out;
  for (const auto& s : split_sentences(clean))
    out.push_back(text.substr(s.span.start, s.span.size()));
  return out;
}
}  // namespace

TEST(TextSentences, SplitsOnTerminalPunctuationButNotAbbreviations) {
  auto s = sentence_texts(
      "The U.S. Embassy was hit at 4:15 a.m. on Friday. Gen. Smith said two rockets landed. "
      "\"No one was hurt,\" he said.\n\nA Headline Without Period\nAmb. Alina L. Romanowski "
      "spoke.");
  ASSERT_EQ(s.size(), 5u);
  EXPECT_EQ(s[0], "The U.S. Embassy was hit at 4:15 a.m. on Friday.");
  EXPECT_EQ(s[1], "Gen. Smith said two rockets landed.");
  EXPECT_EQ(s[2], "\"No one was hurt,\" he said.");
  EXPECT_EQ(s[3], "A Headline Without Period");
}

// A time zone after "p.m." goes on with the clock time; a capital after "p.m." otherwise opens
// a sentence.
TEST(TextSentences, ATimeZoneAfterPmContinuesTheSentence) {
  auto s = sentence_texts(
      "A drone struck the base at 8:40 p.m. UTC, militants said. It was hit at 9 p.m. Nobody was "
      "hurt.");
  ASSERT_EQ(s.size(), 3u);
  EXPECT_EQ(s[0], "A drone struck the base at 8:40 p.m. UTC, militants said.");
  EXPECT_EQ(s[1], "It was hit at 9 p.m.");
  // A city's clock goes on too: "10:30 p.m. Beirut time"; a sentence after "p.m." still opens.
  s = sentence_texts(
      "At around 10:30 p.m. Beirut time, a man fired shots. It ended at 11 p.m. Time will tell.");
  ASSERT_EQ(s.size(), 3u);
  EXPECT_EQ(s[0], "At around 10:30 p.m. Beirut time, a man fired shots.");
  EXPECT_EQ(s[2], "Time will tell.");
  s = sentence_texts("It began at 9 p.m. This time, no one was hurt.");
  ASSERT_EQ(s.size(), 2u);
}

// A word ending in an accented letter ends its sentence: its last ASCII run ("o" of "missão")
// is no initial.
TEST(TextSentences, AWordEndingInAnAccentedLetterEndsItsSentence) {
  auto s = sentence_texts(
      "Dois drones atingiram a base, informou a missão. Ninguém ficou ferido. O grupo reivindicou "
      "a ação. Ocurrió en el oeste del país. Nadie resultó herido.");
  ASSERT_EQ(s.size(), 5u);
  EXPECT_EQ(s[0], "Dois drones atingiram a base, informou a missão.");
  EXPECT_EQ(s[2], "O grupo reivindicou a ação.");
  EXPECT_EQ(s[3], "Ocurrió en el oeste del país.");
}

TEST(TextSentences, MarksHeadingsAndParagraphs) {
  CleanText clean;
  clean.text = "Rockets Hit Base\n\nThree rockets hit the base. Nobody was hurt.";
  auto s = split_sentences(clean);
  ASSERT_EQ(s.size(), 3u);
  EXPECT_TRUE(s[0].heading);
  EXPECT_FALSE(s[1].heading);
  EXPECT_EQ(s[1].paragraph, 1u);
  EXPECT_EQ(s[2].paragraph, 1u);
}

TEST(TextNumbers, WordsDigitsAndDozens) {
  EXPECT_EQ(parse_number("14"), 14);
  EXPECT_EQ(parse_number("1,200"), 1200);
  EXPECT_EQ(parse_number("six"), 6);
  EXPECT_EQ(parse_number("twenty-one"), 21);
  EXPECT_EQ(parse_number("dozen"), 12);
  EXPECT_FALSE(parse_number("dozens").has_value());  // an amount, not a count
  EXPECT_FALSE(parse_number("several").has_value());
  EXPECT_FALSE(parse_number("a").has_value());
  EXPECT_EQ(parse_ordinal("second"), 2);
}

TEST(TextDates, WeekdaysResolveToLatestOnOrBeforePublished) {
  // 2026-03-11 is a Wednesday.
  auto d = find_dates("A facility was struck by a drone on Tuesday.", "2026-03-11");
  ASSERT_EQ(d.size(), 1u);
  EXPECT_EQ(d[0].date, "2026-03-10");
  EXPECT_TRUE(d[0].relative);
  // Friday published on a Friday is the same day.
  d = find_dates("sustained minor damages due to a rocket attack on Friday", "2023-12-08");
  ASSERT_EQ(d.size(), 1u);
  EXPECT_EQ(d[0].date, "2023-12-08");
  d = find_dates("sirens rang today", "2023-12-08");
  ASSERT_EQ(d.size(), 1u);
  EXPECT_EQ(d[0].date, "2023-12-08");
  d = find_dates("an explosion was heard last night", "2024-01-05");
  ASSERT_EQ(d.size(), 1u);
  EXPECT_EQ(d[0].date, "2024-01-04");
  // The gloss of "avant-hier", "anteayer", "anteontem": two days back, one mention.
  d = find_dates("rockets fell on the base the day before yesterday", "2024-01-05");
  ASSERT_EQ(d.size(), 1u);
  EXPECT_EQ(d[0].date, "2024-01-03");
}

TEST(TextDates, ExplicitDatesAndYearFromPublished) {
  auto d = find_dates("On Tuesday, September 10, the compound was attacked.", "2024-09-13");
  ASSERT_EQ(d.size(), 1u);
  EXPECT_EQ(d[0].date, "2024-09-10");
  EXPECT_TRUE(d[0].explicit_day);
  d = find_dates("targeted in the past, most notably on January 3, 2022.", "2024-09-13");
  ASSERT_EQ(d.size(), 1u);
  EXPECT_EQ(d[0].date, "2022-01-03");
  d = find_dates("on 28 January 2024 and Dec. 30", "2025-01-02");
  ASSERT_EQ(d.size(), 2u);
  EXPECT_EQ(d[0].date, "2024-01-28");
  EXPECT_EQ(d[1].date, "2024-12-30");
}

TEST(TextDates, DayFirstNumericDates) {
  // The region's "26-12-2023", "26.12.2023"; a slash only when the day cannot be a month.
  auto dated = [](const std::vector<sitrep::text::DateMention>& mentions, const std::string& day) {
    return std::any_of(mentions.begin(), mentions.end(),
                       [&](const auto& m) { return m.date == day; });
  };
  EXPECT_TRUE(
      dated(find_dates("targeted on Tuesday evening 26-12-2023 the base", ""), "2023-12-26"));
  EXPECT_TRUE(dated(find_dates("the statement of 26.12.2023", ""), "2023-12-26"));
  EXPECT_FALSE(dated(find_dates("updated 11/1/2024", ""), "2024-01-11"));
  EXPECT_TRUE(find_dates("a ratio of 31-13-2023", "").empty());
}

TEST(TextDates, WeekdayBeforeDayAndMonthTakesTheExplicitDate) {
  // The gloss of "الجمعة 11 نوفمبر", "vendredi 11 novembre": weekday, day, month.
  auto d = find_dates("the base was attacked on Friday, 11 November, officials said", "2022-11-20");
  ASSERT_EQ(d.size(), 1u);
  EXPECT_EQ(d[0].date, "2022-11-11");
  EXPECT_TRUE(d[0].explicit_day);
}

TEST(TextDates, NoPublishedDateMeansUnresolvedRelativeDays) {
  auto d = find_dates("struck on Tuesday", "");
  ASSERT_EQ(d.size(), 1u);
  EXPECT_FALSE(d[0].date.has_value());
  EXPECT_EQ(d[0].clue, (DateClue{0, 0, 2}));  // what it says is kept for merging
}

TEST(TextDates, UnresolvedDatesKeepTheirMonthDayAndWeekday) {
  auto d = find_dates("rockets fell on December 20 and again on Friday, 3 January", "");
  ASSERT_EQ(d.size(), 2u);
  EXPECT_FALSE(d[0].date.has_value());
  EXPECT_EQ(d[0].clue, (DateClue{12, 20, -1}));
  EXPECT_EQ(d[1].clue, (DateClue{1, 3, 5}));
  auto day = days_from_civil("2020-12-20");  // a Sunday
  ASSERT_TRUE(day);
  EXPECT_TRUE(matches(DateClue{12, 20, 0}, *day));
  EXPECT_TRUE(matches(DateClue{0, 0, 0}, *day));
  EXPECT_FALSE(matches(DateClue{0, 0, 1}, *day));
  EXPECT_FALSE(matches(DateClue{12, 21, -1}, *day));
  EXPECT_FALSE(matches(DateClue{11, 0, -1}, *day));
}

TEST(TextTimes, TwelveAndTwentyFourHourForms) {
  auto t = find_times("two missiles impacted at about 4:15 a.m., with no casualties");
  ASSERT_EQ(t.size(), 1u);
  EXPECT_EQ(t[0].hhmm, "04:15");
  t = find_times("At approximately 11 pm local time on Tuesday");
  ASSERT_EQ(t.size(), 1u);
  EXPECT_EQ(t[0].hhmm, "23:00");
  t = find_times("at 21:30 GMT");
  ASSERT_EQ(t.size(), 1u);
  EXPECT_EQ(t[0].hhmm, "00:30");
  // As written too, for a reader that knows the place's clock.
  ASSERT_TRUE(t[0].universal_minutes.has_value());
  EXPECT_EQ(*t[0].universal_minutes, 21 * 60 + 30);
  EXPECT_EQ(local_hhmm(*t[0].universal_minutes, 120), "23:30");
  EXPECT_EQ(local_hhmm(*t[0].universal_minutes, 270), "02:00");
  EXPECT_EQ(local_hhmm(30, -300), "19:30");
  t = find_times("at 2230 GMT");
  ASSERT_EQ(t.size(), 1u);
  EXPECT_EQ(t[0].universal_minutes, 22 * 60 + 30);
  t = find_times("at about 9 pm GMT");
  ASSERT_EQ(t.size(), 1u);
  EXPECT_EQ(t[0].universal_minutes, 21 * 60);
  EXPECT_FALSE(find_times("at 21:30 local time")[0].universal_minutes.has_value());
  EXPECT_TRUE(find_times("14 rockets were fired in 2023").empty());
  // The military clock across a hedge: "At approximately 0340 local time".
  t = find_times("At approximately 0340 local time, forces were targeted");
  ASSERT_EQ(t.size(), 1u);
  EXPECT_EQ(t[0].hhmm, "03:40");
  EXPECT_TRUE(find_times("about 2024 local residents fled").empty());
  // "GMT+3" names the local zone: the hour is the place's, not shifted.
  t = find_times("at 22:45 GMT+3");
  ASSERT_EQ(t.size(), 1u);
  EXPECT_EQ(t[0].hhmm, "22:45");
  EXPECT_FALSE(t[0].universal_minutes.has_value());
  // Both times of a pair carry the zone written after the second.
  t = find_times("the blasts came (at 22.45 and 23.15 GMT)");
  ASSERT_EQ(t.size(), 2u);
  EXPECT_EQ(t[0].universal_minutes, 22 * 60 + 45);
  EXPECT_EQ(t[1].universal_minutes, 23 * 60 + 15);
}

// "eight o'clock in the evening": the hour in words or digits, a time only with its part of day.
TEST(TextTimes, OclockWithThePartOfTheDay) {
  auto t = find_times("the rockets fell at around eight o'clock in the evening");
  ASSERT_EQ(t.size(), 1u);
  EXPECT_EQ(t[0].hhmm, "20:00");
  t = find_times("at 7 o'clock on Sunday morning");
  ASSERT_EQ(t.size(), 1u);
  EXPECT_EQ(t[0].hhmm, "07:00");
  t = find_times("at twelve o'clock at night");
  ASSERT_EQ(t.size(), 1u);
  EXPECT_EQ(t[0].hhmm, "00:00");
  EXPECT_TRUE(find_times("at eight o'clock, the sirens sounded").empty());
  // Minutes before the hour (the gloss of Arabic "إلا"), and digits after "and" (of "و 35 دقيقة").
  t = find_times("at 11:00 minus five minutes from Tuesday evening");
  ASSERT_EQ(t.size(), 1u);
  EXPECT_EQ(t[0].hhmm, "22:55");
  t = find_times("at 8:00 minus a quarter in the morning");
  ASSERT_EQ(t.size(), 1u);
  EXPECT_EQ(t[0].hhmm, "07:45");
  t = find_times("at 10:00 and 35 minute from Tuesday evening");
  ASSERT_EQ(t.size(), 1u);
  EXPECT_EQ(t[0].hhmm, "22:35");
  // "around 17 local time" (Spanish "hacia las 17 hora local"): the hour with its zone.
  t = find_times("the missiles were fired around 17 local time");
  ASSERT_EQ(t.size(), 1u);
  EXPECT_EQ(t[0].hhmm, "17:00");
  EXPECT_TRUE(find_times("at least 17 local residents were hurt").empty());
  // Universal time before or after the part of the day is shifted to local, as "21:30 GMT" is.
  t = find_times("at eight o'clock in the evening GMT");
  ASSERT_EQ(t.size(), 1u);
  EXPECT_EQ(t[0].hhmm, "23:00");
  t = find_times("at 8 o'clock GMT on Sunday evening");
  ASSERT_EQ(t.size(), 1u);
  EXPECT_EQ(t[0].hhmm, "23:00");
}

TEST(TextTimes, DottedAndRedundantPmForms) {
  auto t = find_times("early on Friday at 1.46 am local time");
  ASSERT_EQ(t.size(), 1u);
  EXPECT_EQ(t[0].hhmm, "01:46");
  t = find_times("At 20:58 pm, a drone was shot down");
  ASSERT_EQ(t.size(), 1u);
  EXPECT_EQ(t[0].hhmm, "20:58");
  EXPECT_TRUE(find_times("a crater 1.5 metres deep").empty());
}

// The Spanish and Portuguese wires' clock, as the gloss gives it: "las 20.58 horas (hora local)"
// -> "the 20.58 hours (local time)", "a las 13.35 hora local", and the spaced "9:32 p. m.".
TEST(TextTimes, DottedHoursAndSpacedMeridiem) {
  auto t = find_times("the attack took place around 20.58 hours (local time)");
  ASSERT_EQ(t.size(), 1u);
  EXPECT_EQ(t[0].hhmm, "20:58");
  t = find_times("which took place at 13.35 hour local (10.35 GMT)");
  ASSERT_FALSE(t.empty());
  EXPECT_EQ(t[0].hhmm, "13:35");
  t = find_times("the rockets were launched around 9:32 p. m. local time");
  ASSERT_EQ(t.size(), 1u);
  EXPECT_EQ(t[0].hhmm, "21:32");
  t = find_times("at 6:10 a. m. on Friday");
  ASSERT_EQ(t.size(), 1u);
  EXPECT_EQ(t[0].hhmm, "06:10");
  EXPECT_TRUE(find_times("the siege lasted 2.5 hours").empty());
}

TEST(TextTimes, HourLetterClockOfFrenchSpanishPortugueseWires) {
  auto t = find_times("two rockets fell toward 22h30 near the embassy");
  ASSERT_EQ(t.size(), 1u);
  EXPECT_EQ(t[0].hhmm, "22:30");
  t = find_times("at 9h a drone was shot down");
  ASSERT_EQ(t.size(), 1u);
  EXPECT_EQ(t[0].hhmm, "09:00");
  t = find_times("the rockets fell at 19H30 GMT");
  ASSERT_EQ(t.size(), 1u);
  EXPECT_EQ(t[0].hhmm, "22:30");
  // French typography spaces the "h": "23 h 30", "vers 8 h".
  t = find_times("l'engin s'est écrasé vers 23 h 30 près de l'ambassade");
  ASSERT_EQ(t.size(), 1u);
  EXPECT_EQ(t[0].hhmm, "23:30");
  t = find_times("les tirs ont commencé vers 8 h dimanche");
  ASSERT_EQ(t.size(), 1u);
  EXPECT_EQ(t[0].hhmm, "08:00");
  EXPECT_TRUE(find_times("a 30 h drive and 25 h 10").empty());
  EXPECT_TRUE(find_times("les sirènes ont retenti pendant 2 h").empty());  // a span
  EXPECT_TRUE(find_times("the 25h99 mark").empty());
  EXPECT_TRUE(find_times("a 4x4 vehicle and 3h2 units").empty());
}

// An ISO timestamp in a page's metadata line once threw out of find_times and ended the batch.
TEST(TextTimes, IsoTimestampIsNotATimeAndDoesNotThrow) {
  EXPECT_NO_THROW(find_times("Date: 2022-01-21T05:52:39+0000"));
  EXPECT_NO_THROW(find_times("12:3:4 1:2:3:4 9: :30 99:99pm 1.2.3 am"));
}

TEST(TextTimes, MilitaryTimeAndVagueMidnight) {
  auto t = find_times("At 0720 (local time) today, 10 rockets targeted the base");
  ASSERT_EQ(t.size(), 1u);
  EXPECT_EQ(t[0].hhmm, "07:20");
  t = find_times("Feb 15 at 2130 hours (Iraqi time)");
  ASSERT_EQ(t.size(), 1u);
  EXPECT_EQ(t[0].hhmm, "21:30");
  EXPECT_TRUE(find_times("rockets were fired shortly after midnight on Tuesday").empty());
  t = find_times("the sirens sounded at midnight");
  ASSERT_EQ(t.size(), 1u);
  EXPECT_EQ(t[0].hhmm, "00:00");
  t = find_times("two explosions were heard around noon");
  ASSERT_EQ(t.size(), 1u);
  EXPECT_EQ(t[0].hhmm, "12:00");
  EXPECT_TRUE(find_times("the talks went on past midday").empty());
  EXPECT_TRUE(find_times("In 2024 there were 1200 attacks").empty());
}

// Fixed days by name: "on Christmas Day" in a report published on December 26.
TEST(TextDates, HolidaysResolveAgainstThePublishedYear) {
  auto dates = sitrep::text::find_dates("A drone hit the base on Christmas Day, officials said.",
                                        "2023-12-26");
  ASSERT_EQ(dates.size(), 1u);
  EXPECT_EQ(dates[0].date, "2023-12-25");
  dates = sitrep::text::find_dates("Rockets fell on New Year's Eve.", "2024-01-02");
  ASSERT_EQ(dates.size(), 1u);
  EXPECT_EQ(dates[0].date, "2023-12-31");
}

// "the 6th of this month" (the gloss of "السادس من الشهر الجاري") is a day of the published
// month.
TEST(TextDates, DayOfThisMonthIsInThePublishedMonth) {
  auto dates =
      sitrep::text::find_dates("Two drones hit the base on the 6th of this month.", "2024-01-14");
  ASSERT_EQ(dates.size(), 1u);
  EXPECT_EQ(dates[0].date, "2024-01-06");
  dates = sitrep::text::find_dates("Rockets fell at dawn 4 this month.", "2024-03-09");
  ASSERT_EQ(dates.size(), 1u);
  EXPECT_EQ(dates[0].date, "2024-03-04");
}

// "On the 11th," and the gloss's "the day 30," name a day of the month alone: the last such day
// on or before publication. "on the 11th floor" is no day.
TEST(TextDates, DayOfTheMonthAloneIsTheLastSuchDay) {
  auto dates = sitrep::text::find_dates("On the 11th, three peacekeepers were hurt.", "2024-10-26");
  ASSERT_EQ(dates.size(), 1u);
  EXPECT_EQ(dates[0].date, "2024-10-11");
  dates = sitrep::text::find_dates("The day 30, a rocket fell.", "2024-10-26");
  ASSERT_EQ(dates.size(), 1u);
  EXPECT_EQ(dates[0].date, "2024-09-30");
  EXPECT_TRUE(sitrep::text::find_dates("He lives on the 11th floor.", "2024-10-26").empty());
  EXPECT_TRUE(
      sitrep::text::find_dates("It damaged offices on the 5th, 6th and 7th floors.", "2024-10-26")
          .empty());
  EXPECT_TRUE(sitrep::text::find_dates("It was day 30 of the siege.", "2024-10-26").empty());
}

// "overnight into Sunday" is dated by the weekday, not by the report's day as a bare "overnight".
TEST(TextDates, OvernightIntoAWeekdayIsThatDay) {
  const auto dates =
      sitrep::text::find_dates("The embassy was damaged overnight into Sunday.", "2025-09-08");
  ASSERT_EQ(dates.size(), 1u);
  EXPECT_EQ(dates[0].date, "2025-09-07");
}

// The year and month an address gives, as a pair; {0, 0} when it gives none.
std::pair<int, int> year_month_of(std::string_view url) {
  const auto ym = sitrep::text::year_month_in_url(url);
  return ym ? std::pair{ym->year, ym->month} : std::pair{0, 0};
}

// A page's address may give the month it was filed; a year alone, a bare number or an id is
// no month.
TEST(TextDates, YearAndMonthInAnAddress) {
  EXPECT_EQ(year_month_of("https://www.wnd.com/2020/12/3-rockets-land/"), std::pair(2020, 12));
  EXPECT_EQ(year_month_of("https://example.com/news/20221122-drone-hits-base"),
            std::pair(2022, 11));
  EXPECT_FALSE(sitrep::text::year_month_in_url("https://example.com/2021/rockets.html"));
  EXPECT_FALSE(sitrep::text::year_month_in_url("https://example.com/?p=52590"));
  EXPECT_FALSE(sitrep::text::year_month_in_url("https://example.com/story/2023456789"));
  EXPECT_FALSE(sitrep::text::year_month_in_url(""));
}

// An archive's stamp before the page's address, a numbered slug, a long id and a month of one
// digit (Al Jazeera's "/2023/1/5/").
TEST(TextDates, YearAndMonthInAnAddressReadsThePagesOwnDate) {
  EXPECT_EQ(year_month_of(
                "https://web.archive.org/web/20210315123456/https://news.example/2020/12/rockets/"),
            std::pair(2020, 12));
  EXPECT_EQ(year_month_of("https://www.aljazeera.com/news/2023/1/5/drone-attack"),
            std::pair(2023, 1));
  EXPECT_FALSE(sitrep::text::year_month_in_url("https://example.com/2019/11-most-read"));
  EXPECT_FALSE(sitrep::text::year_month_in_url("https://example.com/id-20200112345"));
  EXPECT_FALSE(sitrep::text::year_month_in_url("https://example.com/news/2020/12345-rockets"));
  EXPECT_TRUE(sitrep::text::year_month_in_url("https://example.com/2020/12?amp=1"));
}

TEST(TextTokens, ArabicArticleInLowerCaseStartsAName) {
  const auto tokens = tokenize("near al-Mayadin and ash-Sharqat, al-qaeda, all-out, as-is, Tanf");
  auto capitalized = [&](std::string_view lower) {
    for (const auto& t : tokens)
      if (t.lower == lower) return t.capitalized;
    ADD_FAILURE() << "no token " << lower;
    return false;
  };
  EXPECT_TRUE(capitalized("al-mayadin"));
  EXPECT_TRUE(capitalized("ash-sharqat"));
  EXPECT_TRUE(capitalized("tanf"));
  EXPECT_FALSE(capitalized("near"));
  EXPECT_FALSE(capitalized("al-qaeda"));  // no capital after the article: not read as a name
  EXPECT_FALSE(capitalized("all-out"));
  EXPECT_FALSE(capitalized("as-is"));
}

// "half past eight in the evening", "a quarter to nine": minutes before the hour, read as the
// o'clock form is, with the part of the day after it.
TEST(TextTimes, HalfAndQuarterPastTheHour) {
  auto t = find_times("launched at half past eight in the evening from an open area");
  ASSERT_EQ(t.size(), 1u);
  EXPECT_EQ(t[0].hhmm, "20:30");
  t = find_times("at a quarter to nine in the morning");
  ASSERT_EQ(t.size(), 1u);
  EXPECT_EQ(t[0].hhmm, "08:45");
  t = find_times("at a quarter to twelve in the morning");
  ASSERT_EQ(t.size(), 1u);
  EXPECT_EQ(t[0].hhmm, "11:45");
  t = find_times("at a quarter past twelve at night");
  ASSERT_EQ(t.size(), 1u);
  EXPECT_EQ(t[0].hhmm, "00:15");
  EXPECT_TRUE(find_times("half past the deadline").empty());
  EXPECT_TRUE(find_times("half past eight").empty());  // no part of the day: no time
}
