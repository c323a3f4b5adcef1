#include "ingest/language.h"

#include <textcat.h>

#include <array>
#include <cstdlib>
#include <filesystem>
#include <initializer_list>
#include <mutex>
#include <optional>
#include <unordered_map>
#include <vector>

namespace sitrep::ingest::detail {
namespace {

// The models live in a data directory that differs between distributions; an explicit
// SITREP_TEXTCAT_DIR wins.
std::string find_models_directory() {
  std::vector<std::string> candidates;
  if (const char* dir = std::getenv("SITREP_TEXTCAT_DIR")) candidates.emplace_back(dir);
  for (const char* dir : {"/usr/share/libexttextcat", "/usr/local/share/libexttextcat",
                          "/usr/share/libexttextcat-2.0", "/usr/lib/libexttextcat"})
    candidates.emplace_back(dir);
  std::error_code ec;
  for (const auto& dir : candidates)
    if (std::filesystem::exists(std::filesystem::path(dir) / "fpdb.conf", ec)) return dir;
  return "";
}

class Classifier {
 public:
  Classifier() {
    const std::string dir = find_models_directory();
    if (dir.empty()) return;
    handle_ = special_textcat_Init((dir + "/fpdb.conf").c_str(), (dir + "/").c_str());
  }
  ~Classifier() {
    if (handle_ != nullptr) textcat_Done(handle_);
  }
  Classifier(const Classifier&) = delete;
  Classifier& operator=(const Classifier&) = delete;

  // The raw textcat answer: "[en--utf8][sco--utf8]", "UNKNOWN", "SHORT" or "" without models.
  std::string classify(std::string_view text) {
    if (handle_ == nullptr) return "";
    // textcat keeps its answer in the handle, so one caller at a time.
    std::lock_guard lock(mutex_);
    const char* answer = textcat_Classify(handle_, text.data(), text.size());
    return answer == nullptr ? "" : answer;
  }

 private:
  void* handle_ = nullptr;
  std::mutex mutex_;
};

Classifier& classifier() {
  static Classifier instance;
  return instance;
}

// Languages of the news we expect. Among textcat's near-ties we prefer these: short English
// text otherwise comes out as Scots or Frisian now and then.
constexpr std::array<std::string_view, 20> kCommon = {"en", "ar", "fr", "de", "es", "ru", "fa",
                                                      "tr", "ku", "it", "pt", "nl", "he", "uk",
                                                      "ur", "zh", "ja", "ko", "hi", "pl"};

bool is_common(std::string_view code) {
  for (auto common : kCommon)
    if (common == code) return true;
  return false;
}

std::size_t letter_count(std::string_view text) {
  std::size_t letters = 0;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const auto c = static_cast<unsigned char>(text[i]);
    if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'))
      ++letters;
    else if (c >= 0xC0)  // first byte of a non-ASCII character: most are letters in prose
      ++letters;
  }
  return letters;
}

// Share of words that are English function words. textcat's n-gram profiles need a few hundred
// bytes; a short English wire item can come out as Scots, Frisian or nothing at all, and English
// prose is a third function words or more.
double english_function_word_share(std::string_view text) {
  static const std::array<std::string_view, 32> kWords = {
      "the", "of",  "and",   "to",   "in",   "a",     "was",   "were", "on",  "said", "at",
      "by",  "for", "with",  "that", "from", "is",    "it",    "had",  "has", "have", "been",
      "an",  "are", "which", "this", "they", "their", "after", "but",  "not", "its"};
  std::size_t words = 0, function_words = 0;
  std::string word;
  auto flush = [&] {
    if (word.empty()) return;
    ++words;
    for (auto w : kWords)
      if (w == word) {
        ++function_words;
        break;
      }
    word.clear();
  };
  for (char c : text.substr(0, 4000)) {
    if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'))
      word += static_cast<char>(c | 0x20);
    else
      flush();
  }
  flush();
  return words < 8 ? 0.0 : static_cast<double>(function_words) / static_cast<double>(words);
}

// The n-gram classifier reads this much of a text; the fast path reads less.
constexpr std::size_t kNgramPrefix = 4000;
constexpr std::size_t kFastPrefix = 2000;
// An Arabic article behind an English caption is told by its script over this much of it.
constexpr std::size_t kMixedPrefix = 64 * 1024;
constexpr std::size_t kMinWords = 15;

struct ScriptCounts {
  std::size_t latin = 0, arabic = 0, other = 0;
  std::size_t extended = 0;  // Arabic-script letters of Persian, Kurdish or Urdu, not Arabic
};

bool is_extended_arabic(char32_t c) {
  switch (c) {
    case 0x067E:
    case 0x0686:
    case 0x0698:
    case 0x06AF:
    case 0x06A9:
    case 0x06CC:  // Persian
    case 0x0695:
    case 0x06B5:
    case 0x06C6:
    case 0x06CE:
    case 0x06D5:  // Kurdish
    case 0x0679:
    case 0x0688:
    case 0x0691:
    case 0x06BA:
    case 0x06D2:
    case 0x06C1:  // Urdu
    case 0x06BE:
      return true;
    default:
      return false;
  }
}

// Letters by script. Marks, digits and punctuation of the Arabic block count as Arabic letters,
// which does not matter for a share of nine tenths.
ScriptCounts count_scripts(std::string_view text) {
  ScriptCounts counts;
  const auto* p = reinterpret_cast<const unsigned char*>(text.data());
  const auto* end = p + text.size();
  while (p < end) {
    const unsigned char c = *p;
    if (c < 0x80) {
      if ((c | 0x20) >= 'a' && (c | 0x20) <= 'z') ++counts.latin;
      ++p;
      continue;
    }
    char32_t cp = 0;
    std::size_t length = 1;
    if ((c & 0xE0) == 0xC0) {
      length = 2;
      cp = c & 0x1F;
    } else if ((c & 0xF0) == 0xE0) {
      length = 3;
      cp = c & 0x0F;
    } else if ((c & 0xF8) == 0xF0) {
      length = 4;
      cp = c & 0x07;
    } else {
      ++p;  // a stray continuation byte: the text was repaired, so this is rare
      continue;
    }
    if (static_cast<std::size_t>(end - p) < length) break;
    for (std::size_t i = 1; i < length; ++i) cp = (cp << 6) | (p[i] & 0x3F);
    p += length;
    if (cp >= 0xC0 && cp <= 0x24F && cp != 0xD7 && cp != 0xF7) {
      ++counts.latin;
    } else if ((cp >= 0x600 && cp <= 0x6FF) || (cp >= 0x750 && cp <= 0x77F) ||
               (cp >= 0xFB50 && cp <= 0xFDFF) || (cp >= 0xFE70 && cp <= 0xFEFF)) {
      ++counts.arabic;
      if (is_extended_arabic(cp)) ++counts.extended;
    } else if (cp >= 0x2000 && cp <= 0x206F) {
      // general punctuation (dashes, quotes): no script
    } else if (cp != 0xA0 && cp != 0xAD) {
      ++counts.other;
    }
  }
  return counts;
}

// Latin-script languages told apart by their most frequent function words. Only words of one
// language count (a word listed twice, like "de" or "la", is dropped from both), so a hit is
// evidence for that language alone.
struct LatinLanguage {
  std::string_view code;
  std::initializer_list<std::string_view> words;
};
constexpr std::size_t kLatinCount = 7;
const std::array<LatinLanguage, kLatinCount> kLatinLanguages = {{
    {"en", {"the",   "of",   "and",  "to",    "was",   "were", "on",  "said", "at",   "by", "for",
            "with",  "that", "from", "is",    "it",    "had",  "has", "have", "been", "an", "are",
            "which", "this", "they", "their", "after", "but",  "not", "its",  "as",   "no", "do"}},
    {"fr",
     {"le",  "les",  "des",  "du",    "et",   "est", "une",  "dans",  "pour", "sur",  "au", "aux",
      "qui", "ne",   "pas",  "selon", "avec", "ont", "sont", "cette", "ce",   "été",  "à",  "où",
      "ils", "elle", "leur", "après", "en",   "un",  "il",   "non",   "on",   "entre"}},
    {"es",
     {"el",  "los",   "las",   "y",     "del", "una", "por",  "con",  "para", "fue",     "su",
      "sus", "según", "al",    "es",    "han", "ha",  "lo",   "como", "más",  "también", "pero",
      "sin", "entre", "hasta", "desde", "en",  "un",  "tras", "dijo", "este", "esta"}},
    {"pt", {"o",       "os",  "as",  "do",   "da",   "dos",   "das",    "em",  "no",
            "na",      "nos", "nas", "um",   "uma",  "com",   "foi",    "seu", "sua",
            "segundo", "ao",  "é",   "não",  "pelo", "pela",  "também", "mas", "foram",
            "pelos",   "à",   "por", "para", "como", "entre", "desde"}},
    {"de", {"der", "die", "das",   "und",   "ist",   "von",    "den",  "dem",
            "zu",  "mit", "auf",   "für",   "nicht", "ein",    "eine", "sich",
            "des", "im",  "wurde", "haben", "sind",  "wurden", "es"}},
    {"it", {"il",    "gli", "della", "di",    "che",  "per",   "un", "è",  "sono",
            "nella", "non", "delle", "degli", "alla", "anche", "ma", "da", "al",
            "con",   "ha",  "lo",    "ne",    "del",  "una",   "su"}},
    {"nl",
     {"het", "een", "van", "en", "op", "te", "dat", "niet", "met", "zijn", "voor", "werd", "worden",
      "ook", "naar", "die"}},
}};

// word -> index in kLatinLanguages, for words of exactly one language.
const std::unordered_map<std::string_view, std::size_t>& function_word_index() {
  static const std::unordered_map<std::string_view, std::size_t> index = [] {
    std::unordered_map<std::string_view, std::size_t> owner;
    std::unordered_map<std::string_view, bool> shared;
    for (std::size_t i = 0; i < kLatinLanguages.size(); ++i)
      for (auto word : kLatinLanguages[i].words) {
        const auto [it, inserted] = owner.emplace(word, i);
        if (!inserted && it->second != i) shared[word] = true;
      }
    for (const auto& [word, _] : shared) owner.erase(word);
    return owner;
  }();
  return index;
}

struct FunctionWords {
  std::size_t words = 0;
  std::array<std::size_t, kLatinCount> hits{};
};

// Words are runs of letters (ASCII or any non-ASCII character), lower-cased in ASCII; an
// apostrophe ends a word ("l'ambassade" is "l" and "ambassade").
FunctionWords count_function_words(std::string_view text) {
  const auto& index = function_word_index();
  FunctionWords counts;
  char word[24];
  std::size_t length = 0;
  bool too_long = false;
  auto flush = [&] {
    if (length == 0 && !too_long) return;
    ++counts.words;
    if (!too_long) {
      const auto it = index.find(std::string_view(word, length));
      if (it != index.end()) ++counts.hits[it->second];
    }
    length = 0;
    too_long = false;
  };
  for (char ch : text) {
    const auto c = static_cast<unsigned char>(ch);
    const bool letter = ((c | 0x20) >= 'a' && (c | 0x20) <= 'z') || c >= 0x80;
    if (!letter) {
      flush();
      continue;
    }
    if (length == sizeof word) {
      too_long = true;
      length = 0;
    }
    if (!too_long) word[length++] = static_cast<char>(c < 0x80 ? (c | 0x20) : c);
  }
  flush();
  return counts;
}

}  // namespace

std::string language_code(std::string_view name) {
  const std::size_t dash = name.find('-');
  std::string code(name.substr(0, dash));
  if (code == "sh") return "sr";
  if (code == "ckb" || code == "kmr") return "ku";
  return code;
}

std::string identify_language_ngram(std::string_view text) {
  if (letter_count(text.substr(0, 2000)) < 20) return "und";
  // A few thousand bytes are plenty; cut on a character boundary.
  std::size_t size = std::min<std::size_t>(text.size(), kNgramPrefix);
  while (size < text.size() && size > 0 && (static_cast<unsigned char>(text[size]) & 0xC0) == 0x80)
    --size;
  const std::string answer = classifier().classify(text.substr(0, size));
  const bool english_prose = english_function_word_share(text) >= 0.2;
  if (answer.empty() || answer.front() != '[') return english_prose ? "en" : "und";
  std::string first;
  for (std::size_t pos = 0; pos < answer.size();) {
    const std::size_t open = answer.find('[', pos);
    if (open == std::string::npos) break;
    const std::size_t close = answer.find(']', open);
    if (close == std::string::npos) break;
    const std::string code =
        language_code(std::string_view(answer).substr(open + 1, close - open - 1));
    if (first.empty()) first = code;
    if (is_common(code)) return code;
    pos = close + 1;
  }
  if (english_prose) return "en";
  // Only rare languages in the answer (Scots, Frisian) for a short text that still reads as
  // English prose, if thinly ("Two rockets struck near Washington's embassy in Baghdad on Sunday,
  // Iraqi police said. No one was hurt."): English, not a language no one files news in here.
  if (!first.empty() && english_function_word_share(text) >= 0.12) return "en";
  return first.empty() ? "und" : first;
}

std::optional<std::string> identify_language_fast(std::string_view text) {
  text = text.substr(0, std::min(text.size(), kFastPrefix));
  const ScriptCounts scripts = count_scripts(text);
  const std::size_t letters = scripts.latin + scripts.arabic + scripts.other;
  if (letters < 20) return std::nullopt;  // the n-gram path says "und" (or "en" for prose)
  if (scripts.arabic * 10 >= letters * 9) {
    // Persian, Kurdish and Urdu write letters Arabic does not use; a few of them in a loan word
    // or a name are noise, a steady share is another language: textcat tells which.
    if (scripts.extended * 100 >= scripts.arabic) return std::nullopt;
    return "ar";
  }
  if (scripts.latin * 20 < letters * 19) return std::nullopt;  // mixed or another script
  const FunctionWords words = count_function_words(text);
  if (words.words < kMinWords) return std::nullopt;
  std::size_t best = 0;
  for (std::size_t i = 1; i < kLatinCount; ++i)
    if (words.hits[i] > words.hits[best]) best = i;
  std::size_t second = best == 0 ? 1 : 0;
  for (std::size_t i = 0; i < kLatinCount; ++i)
    if (i != best && words.hits[i] > words.hits[second]) second = i;
  // Clear only: a tenth of the words are this language's own function words, and no other
  // language comes within a factor of four. (On 3,554 Latin-script articles, real and
  // synthetic, these bounds never disagreed with the n-gram classifier even at 1/12 and 3.)
  // A short item ("Two Turkish soldiers were wounded when rockets struck a base in northern Iraq
  // on Sunday, Turkey's Defense Ministry said.") is thin in function words, and the n-gram
  // classifier may read its names as German: a few of one language's words and none of any
  // other's settle it too.
  const bool thin_but_alone =
      words.hits[best] >= 2 && words.hits[second] == 0 && words.hits[best] * 20 >= words.words;
  if (words.hits[best] * 10 < words.words && !thin_but_alone) return std::nullopt;
  if (words.hits[second] * 4 > words.hits[best]) return std::nullopt;
  return std::string(kLatinLanguages[best].code);
}

// An Arabic article with English furniture (a wire photo's caption, a credit line) in its first
// pages: the n-gram prefix would read the English. Over the whole text (bounded), Arabic letters
// that are a steady part of it make the article Arabic; the gloss leaves the English words be.
std::optional<std::string> identify_mixed_arabic(std::string_view text) {
  const ScriptCounts scripts = count_scripts(text.substr(0, std::min(text.size(), kMixedPrefix)));
  const std::size_t letters = scripts.latin + scripts.arabic + scripts.other;
  if (scripts.arabic < 200 || scripts.arabic * 5 < letters * 2) return std::nullopt;
  if (scripts.extended * 100 >= scripts.arabic) return std::nullopt;
  return "ar";
}

std::string identify_language(std::string_view text) {
  if (auto code = identify_language_fast(text)) {
    // An English caption longer than the fast prefix over an Arabic article: the lead bytes of
    // the Arabic block further in say whether the whole text needs counting.
    if (*code == "en" && text.size() > kFastPrefix &&
        text.substr(kFastPrefix, kMixedPrefix).find_first_of("\xD8\xD9\xDA\xDB") !=
            std::string_view::npos)
      if (auto mixed = identify_mixed_arabic(text)) return *mixed;
    return *code;
  }
  if (auto code = identify_mixed_arabic(text)) return *code;
  return identify_language_ngram(text);
}

}  // namespace sitrep::ingest::detail
