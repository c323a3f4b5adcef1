#include "ingest/language.h"

#include <textcat.h>

#include <array>
#include <cstdlib>
#include <filesystem>
#include <mutex>
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

}  // namespace

std::string language_code(std::string_view name) {
  const std::size_t dash = name.find('-');
  std::string code(name.substr(0, dash));
  if (code == "sh") return "sr";
  if (code == "ckb" || code == "kmr") return "ku";
  return code;
}

std::string identify_language(std::string_view text) {
  if (letter_count(text.substr(0, 2000)) < 20) return "und";
  // A few thousand bytes are plenty; cut on a character boundary.
  std::size_t size = std::min<std::size_t>(text.size(), 4000);
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
  return first.empty() ? "und" : first;
}

}  // namespace sitrep::ingest::detail
