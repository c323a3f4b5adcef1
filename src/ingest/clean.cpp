// clean(): blocks -> boilerplate scoring -> clean text with quoted spans and language.
#include <algorithm>
#include <array>
#include <bitset>
#include <cctype>
#include <cstring>
#include <vector>

#include "ingest/blocks.h"
#include "ingest/ingest.h"
#include "ingest/language.h"
#include "ingest/text_util.h"

namespace sitrep::ingest {
namespace detail {
namespace {

// Phrases that, anywhere in a line, mark site chrome: paywalls, newsletters, comment boxes,
// cookie and ad-blocker notices, share/related blocks, syndication and copyright notes.
// Each hit adds 3; long multi-sentence paragraphs get a discount, so a real sentence that
// happens to contain one phrase survives.
constexpr std::string_view kChromePhrases[] = {"already a subscriber",
                                               "log into your account",
                                               "log in to your account",
                                               "sign in to your account",
                                               "access your account",
                                               "to continue reading",
                                               "subscribe to continue",
                                               "subscribers only",
                                               "for subscribers",
                                               "create a free account",
                                               "unlock this article",
                                               "keep reading",
                                               "after signing in",
                                               "skip to main content",
                                               "skip to content",
                                               "skip to navigation",
                                               "leave a reply",
                                               "leave a comment",
                                               "post a comment",
                                               "comments are closed",
                                               "cancel reply",
                                               "sign up for our newsletter",
                                               "subscribe to our newsletter",
                                               "sign up to our newsletter",
                                               "newsletter sign",
                                               "our newsletter",
                                               "delivered to your inbox",
                                               "straight to your inbox",
                                               "get the latest updates",
                                               "get the latest news",
                                               "keep up to date with our",
                                               "our latest videos",
                                               "ad blocker",
                                               "adblocker",
                                               "ad-blocker",
                                               "whitelist our",
                                               "disable your ad",
                                               "originally published on",
                                               "originally published at",
                                               "originally published by",
                                               "originally appeared on",
                                               "this article first appeared",
                                               "all rights reserved",
                                               "may not be published, broadcast",
                                               "may not be reproduced",
                                               "market data provided by",
                                               "quotes displayed in real-time",
                                               "you can now listen to",
                                               "we use cookies",
                                               "use of cookies",
                                               "cookie policy",
                                               "cookie settings",
                                               "accept cookies",
                                               "accept all cookies",
                                               "privacy policy",
                                               "terms of use",
                                               "terms of service",
                                               "share this article",
                                               "share this story",
                                               "share on facebook",
                                               "share on twitter",
                                               "share on whatsapp",
                                               "share via email",
                                               "follow us on",
                                               "related articles",
                                               "related stories",
                                               "related posts",
                                               "you may also like",
                                               "you might also like",
                                               "recommended for you",
                                               "profile picture of",
                                               "click here to",
                                               " min read",
                                               "download our app",
                                               "download the app",
                                               "support our journalism",
                                               "become a member",
                                               "subscribe now",
                                               "join our telegram",
                                               "join our whatsapp",
                                               "report an error",
                                               "report a correction",
                                               "\xC2\xA9",  // ©
                                               "sponsored content",
                                               "paid content",
                                               "for the latest updates",
                                               "reader-supported",
                                               "reader supported",
                                               "this story will be updated",
                                               "this is a developing story",
                                               "this story is part of our series",
                                               "abonnez-vous",
                                               "inscrivez-vous",
                                               "suscr\xC3\xAD"
                                               "base",
                                               "suscr\xC3\xAD"
                                               "bete"};

constexpr std::size_t kChromePhraseCount = std::size(kChromePhrases);

// How many of kChromePhrases occur in `lower` (each counted once, as one find() per phrase
// would): one pass over the text that tries only the phrases starting with the byte at hand.
// Blocks are scored once each and there are ~100 phrases, so this is most of clean()'s time.
std::size_t count_chrome_phrases(std::string_view lower) {
  static const std::array<std::vector<std::uint8_t>, 256> by_first_byte = [] {
    std::array<std::vector<std::uint8_t>, 256> table;
    for (std::size_t id = 0; id < kChromePhraseCount; ++id)
      table[static_cast<unsigned char>(kChromePhrases[id].front())].push_back(
          static_cast<std::uint8_t>(id));
    return table;
  }();
  // The first two bytes of some phrase: most positions of a text start none, and are skipped
  // before the phrase list (every phrase has two bytes or more).
  static const std::bitset<65536> first_two = [] {
    std::bitset<65536> set;
    for (std::string_view phrase : kChromePhrases)
      set.set(static_cast<unsigned char>(phrase[0]) * 256u + static_cast<unsigned char>(phrase[1]));
    return set;
  }();
  static_assert(kChromePhraseCount <= 256);
  static_assert(
      std::ranges::all_of(kChromePhrases, [](std::string_view p) { return p.size() >= 2; }));
  std::bitset<kChromePhraseCount> found;
  const char* text = lower.data();
  const std::size_t size = lower.size();
  for (std::size_t i = 0; i + 1 < size; ++i) {
    if (!first_two[static_cast<unsigned char>(text[i]) * 256u +
                   static_cast<unsigned char>(text[i + 1])])
      continue;
    for (const std::uint8_t id : by_first_byte[static_cast<unsigned char>(text[i])]) {
      const std::string_view phrase = kChromePhrases[id];
      if (phrase.size() <= size - i && text[i + phrase.size() - 1] == phrase.back() &&
          std::memcmp(text + i, phrase.data(), phrase.size()) == 0)
        found.set(id);
    }
  }
  return found.count();
}

// Line openings that mark link lines, captions and bylines; the related-article links of the
// other languages' pages ("Lire aussi", "Leia também", "اقرأ أيضا", ">>Irak : ...").
constexpr std::string_view kChromePrefixes[] = {
    ">>", "lire aussi",
    "\xC3\xA0 lire aussi",  // "à lire aussi"
    "lee tambi\xC3\xA9n", "leer tambi\xC3\xA9n", "lea tambi\xC3\xA9n", "leia tamb\xC3\xA9m",
    "leia mais", "veja tamb\xC3\xA9m",
    "\xD8\xA7\xD9\x82\xD8\xB1\xD8\xA3 \xD8\xA3\xD9\x8A\xD8\xB6\xD8\xA7",  // "اقرأ أيضا"
    "\xD8\xA7\xD9\x82\xD8\xB1\xD8\xA3 \xD8\xA7\xD9\x8A\xD8\xB6\xD8\xA7",  // "اقرأ ايضا"
    "\xD8\xA5\xD9\x82\xD8\xB1\xD8\xA3 \xD8\xA3\xD9\x8A\xD8\xB6\xD8\xA7",  // "إقرأ أيضا"
    "\xD8\xA5\xD9\x82\xD8\xB1\xD8\xA3 \xD8\xA7\xD9\x8A\xD8\xB6\xD8\xA7",  // "إقرأ ايضا"
    // Teaser-list headings; the bulleted headlines under them go with them.
    "more from ", "more stories", "more news", "most read", "most popular", "latest news",
    "lo m\xC3\xA1s le\xC3\xAD"
    "do",  // "lo más leído"
    "m\xC3\xA1s le\xC3\xAD"
    "das",  // "más leídas"
    "noticias relacionadas", "te puede interesar", "tambi\xC3\xA9n te puede interesar",
    "mais lidas",
    "not\xC3\xAD"
    "cias relacionadas",  // "notícias relacionadas"
    "veja mais", "les plus lus",
    "sur le m\xC3\xAA"
    "me sujet",  // "sur le même sujet"
    "\xD8\xA7\xD9\x84\xD8\xA3\xD9\x83\xD8\xAB\xD8\xB1 "
    "\xD9\x82\xD8\xB1\xD8\xA7\xD8\xA1\xD8\xA9",  // "الأكثر قراءة"
    "read more:", "read more ", "read also", "also read", "related:", "related coverage",
    "see also:", "more:", "watch:", "watch video", "listen:", "tags:", "tagged:", "filed under",
    "posted in", "image of ", "image:", "photo:", "photo by",
    "photograph:", "picture:", "credit:", "image credit", "photo credit", "author:", "written by",
    "reporting by", "(reporting by", "updated:", "published:", "last updated", "sign up for",
    "sign up to", "subscribe to", "newsletter:", "follow our", "follow us"};

// Whole lines that are navigation crumbs in text dumps of pages.
constexpr std::string_view kChromeLines[] = {
    "advertisement", "share", "print",     "email",       "comments",    "menu",
    "search",        "home",  "subscribe", "sign in",     "log in",      "login",
    "close",         "next",  "previous",  "back to top", "top stories", "trending",
    "share this",    "tweet", "ad",        "sponsored"};

constexpr std::string_view kImageExtensions[] = {".jpg", ".jpeg", ".png", ".webp", ".gif", ".avif"};

// ASCII classes inline: sitrep never sets a locale, so these are what <cctype> says in "C".
bool is_ascii_upper(unsigned char c) {
  return c >= 'A' && c <= 'Z';
}
bool is_ascii_digit(unsigned char c) {
  return c >= '0' && c <= '9';
}
bool is_word_char(unsigned char c) {
  return is_ascii_digit(c) || is_ascii_upper(c) || (c >= 'a' && c <= 'z') || c >= 0x80;
}

struct LineShape {
  std::size_t words = 0;
  std::size_t capitalized = 0;
  std::size_t sentences = 0;  // sentence ends followed by more text, plus the final one
  bool terminal = false;      // ends like a sentence
};

LineShape shape_of(std::string_view text) {
  LineShape shape;
  bool in_word = false;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const auto c = static_cast<unsigned char>(text[i]);
    if (is_word_char(c)) {
      if (!in_word) {
        ++shape.words;
        if (is_ascii_upper(c) || is_ascii_digit(c)) ++shape.capitalized;
      }
      in_word = true;
    } else {
      in_word = false;
      if ((c == '.' || c == '!' || c == '?') && i + 2 < text.size() && text[i + 1] == ' ' &&
          is_ascii_upper(static_cast<unsigned char>(text[i + 2])))
        ++shape.sentences;
    }
  }
  std::string_view end = text;
  while (!end.empty() &&
         (end.back() == '"' || end.back() == '\'' || end.back() == ')' || end.back() == ' '))
    end.remove_suffix(1);
  shape.terminal = !end.empty() && (end.back() == '.' || end.back() == '!' || end.back() == '?' ||
                                    end.back() == ':' || end.back() == ';');
  if (shape.terminal) ++shape.sentences;
  return shape;
}

// "850x534" or "1200×800" at the end of a caption.
bool ends_with_image_size(std::string_view text) {
  std::size_t i = text.size();
  std::size_t digits = 0;
  while (i > 0 && std::isdigit(static_cast<unsigned char>(text[i - 1]))) --i, ++digits;
  if (digits < 2 || i == 0) return false;
  if (text[i - 1] == 'x' || text[i - 1] == 'X') {
    --i;
  } else if (i >= 2 && text.substr(i - 2, 2) == "\xC3\x97") {  // ×
    i -= 2;
  } else {
    return false;
  }
  std::size_t left = 0;
  while (i > 0 && std::isdigit(static_cast<unsigned char>(text[i - 1]))) --i, ++left;
  return left >= 2 && (i == 0 || text[i - 1] == ' ');
}

bool is_file_name(std::string_view lower) {
  if (lower.find(' ') != std::string_view::npos) return false;
  for (auto ext : kImageExtensions)
    if (lower.ends_with(ext)) return true;
  return false;
}

bool is_bare_url(std::string_view lower) {
  return lower.find(' ') == std::string_view::npos &&
         (lower.starts_with("http://") || lower.starts_with("https://") ||
          lower.starts_with("www.") || lower.starts_with("pic.twitter.com/"));
}

}  // namespace

double boilerplate_score(const std::vector<Block>& blocks, std::size_t index,
                         const ScoreContext& context) {
  const Block& block = blocks[index];
  const std::string lower = latin_lower(block.text);
  const LineShape shape = shape_of(block.text);
  double score = 0;

  score += 3.0 * static_cast<double>(count_chrome_phrases(lower));
  // List bullets do not change what a line is ("- Related: ...").
  std::string_view opening = lower;
  const bool bullet = opening.starts_with("- ") || opening.starts_with("* ") ||
                      opening.starts_with("\xE2\x80\xA2 ");
  if (bullet) opening.remove_prefix(opening.find(' ') + 1);
  for (auto prefix : kChromePrefixes)
    if (!opening.empty() && opening[0] == prefix[0] && opening.starts_with(prefix)) {
      score += 4;
      break;
    }
  for (auto line : kChromeLines)
    if (lower == line) score += 4;

  // Bylines and author boxes: "By Jane Doe | 13 Sep 2024", "Author The Outlet".
  if (!shape.terminal && shape.words <= 12 &&
      (lower.starts_with("by ") || lower.starts_with("author ")))
    score += 3;
  // "Home | World | Video" menus; one bar is a byline or a title with the site name.
  if (!shape.terminal && shape.words <= 15) {
    std::size_t bars = 0;
    for (std::size_t at = lower.find(" | "); at != std::string::npos;
         at = lower.find(" | ", at + 3))
      ++bars;
    score += bars >= 2 ? 3 : static_cast<double>(bars);
  }
  // Bulleted headlines right after a dropped "Related:" line are the rest of that block.
  if (bullet && context.previous_dropped && !shape.terminal && shape.words <= 15) score += 3;
  // Rules and ornaments ("---", "* * *"): nothing to read.
  if (shape.words == 0) score += 4;
  // A date, reading time or similar meta line on its own.
  if (!shape.terminal && shape.words <= 6 && !date_only(block.text).empty()) score += 3;

  // Image captions: file names, sizes, "Photo ..." credits.
  if (ends_with_image_size(block.text) || is_file_name(lower)) score += 4;
  if (!shape.terminal && shape.words <= 15 &&
      (lower.find(" photo ") != std::string::npos || lower.find("photo:") != std::string::npos ||
       lower.find("/afp") != std::string::npos || lower.find("getty images") != std::string::npos))
    score += 2;
  if (is_bare_url(lower)) score += 3;

  // The headline repeated inside a caption or teaser ("Image of <headline>"): near the start of
  // a line that is little more than the headline, or in a line that is no sentence. A lead
  // that tells the headline's words, in its middle ("A police source said three rockets fell
  // on the base ..." under "Rockets fell on the base", as Arabic leads often do) or after its
  // verb ("سقطت ثلاثة صواريخ على قاعدة ..." under "صواريخ على قاعدة ..."), is the body.
  if (!context.headline_lower.empty() && lower.size() > context.headline_lower.size() &&
      shape.words <= 40)
    if (const auto at = lower.find(context.headline_lower); at != std::string::npos) {
      // "<headline>: damage at the base ..." (a caption that opens with the headline and a
      // separator) is page furniture however long.
      std::size_t after = at + context.headline_lower.size();
      if (after < lower.size() && lower[after] == ' ') ++after;
      const bool separator =
          after < lower.size() &&
          (std::string_view(":|.(-").find(lower[after]) != std::string_view::npos ||
           lower.compare(after, 2, "\xE2\x80") == 0);  // an en or em dash
      if ((at == 0 && separator) ||
          (at <= 24 && lower.size() < 2 * context.headline_lower.size()) || !shape.terminal)
        score += 2;
    }
  // The outlet's own name as a line, or in a short author/credit line.
  if (!context.outlet_lower.empty()) {
    if (lower == context.outlet_lower)
      score += 4;
    else if (!shape.terminal && shape.words <= 8 &&
             lower.find(context.outlet_lower) != std::string::npos)
      score += 2;
  }

  // Mostly links: menus, related-article lists, tag clouds.
  if (context.html && !block.text.empty()) {
    const double density = static_cast<double>(block.link_chars) / block.text.size();
    if (density > 0.5) score += 2;
    if (density > 0.8 && shape.words <= 15) score += 2;
  }

  if (score > 0) {
    // Chrome clusters at the top and bottom of a page.
    const std::size_t n = blocks.size();
    if (index < 2 || index + 2 >= n || index * 10 < n || index * 10 >= n * 9) score += 1;
    // Link lines and menus are Title Case Without A Full Stop.
    if (!shape.terminal && shape.words >= 2 && shape.capitalized * 10 >= shape.words * 7)
      score += 0.5;
  }
  // Real prose: long, several sentences, ends like a sentence. One discount, so that several
  // chrome phrases still outweigh it (paywall notices are written as sentences too).
  if (shape.terminal && shape.words >= 40 && shape.sentences >= 2)
    score -= 4;
  else if (shape.terminal && (shape.words >= 20 || shape.sentences >= 2))
    score -= 3;
  return score;
}

namespace {

bool skip_back_spaces(std::string_view text, std::size_t& end) {
  while (end > 0 && text[end - 1] == ' ') --end;
  return end > 0;
}

bool is_month_name(std::string_view word) {
  static constexpr std::string_view kMonths[] = {"january",   "february", "march",    "april",
                                                 "may",       "june",     "july",     "august",
                                                 "september", "october",  "november", "december"};
  const std::string lower = ascii_lower(word);
  if (lower.size() < 3) return false;
  for (auto month : kMonths) {
    if (lower == month) return true;
    if (lower.size() <= 4 &&
        month.starts_with(lower.substr(0, lower.size() - (lower.back() == '.'))))
      return true;
  }
  return false;
}

}  // namespace

bool ends_with_social_attribution(std::string_view text) {
  // Walk backwards: YYYY, "D,", Month, ")", "@handle", "(", Name, dash.
  std::size_t end = text.size();
  if (!skip_back_spaces(text, end)) return false;
  std::size_t i = end;
  while (i > 0 && std::isdigit(static_cast<unsigned char>(text[i - 1]))) --i;
  if (end - i != 4 || i == 0 || text[i - 1] != ' ') return false;
  end = i;
  if (!skip_back_spaces(text, end) || text[end - 1] != ',') return false;
  i = --end;
  while (i > 0 && std::isdigit(static_cast<unsigned char>(text[i - 1]))) --i;
  if (end - i < 1 || end - i > 2 || i == 0 || text[i - 1] != ' ') return false;
  end = i;
  if (!skip_back_spaces(text, end)) return false;
  i = end;
  while (i > 0 && std::isalpha(static_cast<unsigned char>(text[i - 1]))) --i;
  if (!is_month_name(text.substr(i, end - i)) || i == 0) return false;
  end = i;
  if (!skip_back_spaces(text, end) || text[end - 1] != ')') return false;
  const std::size_t close = end - 1;
  const std::size_t open = text.rfind('(', close);
  if (open == std::string_view::npos || close - open < 3 || text[open + 1] != '@') return false;
  for (std::size_t k = open + 2; k < close; ++k) {
    const auto c = static_cast<unsigned char>(text[k]);
    if (!std::isalnum(c) && c != '_' && c != '.') return false;
  }
  // The name follows a dash close before the "(": "— Name (@handle)".
  const std::size_t window = open > 120 ? open - 120 : 0;
  const std::string_view before = text.substr(window, open - window);
  for (std::string_view dash : {"\xE2\x80\x94", "\xE2\x80\x93", "- ", "&mdash;"}) {
    const std::size_t at = before.rfind(dash);
    if (at == std::string_view::npos) continue;
    const std::string_view name = trim(before.substr(at + dash.size()));
    if (!name.empty() && (at == 0 || before[at - 1] == ' ' || at + window == 0)) return true;
  }
  return false;
}

}  // namespace detail

namespace {

// clean() once the document is known to be within the limits.
CleanText clean_within_limits(const Document& document) {
  using namespace detail;
  CleanText clean_text;
  detail::Extracted extracted;
  if (document.is_html) {
    extracted = extract_html(document.raw);
  } else {
    std::string raw = document.raw;
    // Idempotent: load_inputs already removed it, and kept a month-only line's month in the
    // Document; a caller that built the Document itself gets the month here.
    if (DateLine line = strip_date_line(raw); !line.month.empty())
      clean_text.filed_month = std::move(line.month);
    extracted = extract_text(raw);
  }
  std::vector<Block>& blocks = extracted.blocks;

  // Text dumps have no <h1>: take the first substantial line that is not chrome.
  std::string headline = extracted.headline;
  if (headline.empty()) {
    const ScoreContext probe{"", "", false, false};
    for (std::size_t i = 0; i < blocks.size() && i < 6; ++i) {
      const std::size_t words = shape_of(blocks[i].text).words;
      if (words >= 3 && words <= 40 && boilerplate_score(blocks, i, probe) <= 0) {
        headline = blocks[i].text;
        break;
      }
    }
  }
  const std::string headline_lower = ascii_lower(headline);
  const std::string outlet_lower = ascii_lower(trim(normalize_typography(document.outlet)));
  ScoreContext context{headline_lower, outlet_lower, document.is_html, false};

  std::string& text = clean_text.text;
  text.reserve(document.raw.size());
  for (std::size_t i = 0; i < blocks.size(); ++i) {
    const Block& block = blocks[i];
    const bool social = block.social_embed || ends_with_social_attribution(block.text) ||
                        block.text.starts_with("pic.twitter.com/");
    const bool drop = !social && boilerplate_score(blocks, i, context) >= kBoilerplateThreshold;
    context.previous_dropped = drop;
    if (drop) continue;
    if (!text.empty()) text += "\n\n";
    const std::size_t start = text.size();
    text += block.text;
    if (social) clean_text.quoted.push_back({start, text.size()});
    if (clean_text.title.empty()) clean_text.title = block.text;
  }
  if (!headline.empty()) clean_text.title = headline;
  clean_text.language = identify_language(text);
  return clean_text;
}

}  // namespace

Result<CleanText> clean(const Document& document, const HtmlLimits& limits) {
  if (document.is_html) {
    if (std::string why = detail::check_html(document.raw, limits); !why.empty())
      return invalid_input(document.doc + ": " + why);
  }
  return clean_within_limits(document);
}

CleanText clean(const Document& document) {
  auto cleaned = clean(document, HtmlLimits{});
  return cleaned ? std::move(*cleaned) : CleanText{};
}

}  // namespace sitrep::ingest
