#include "store/search.h"

#include <sqlite3.h>

#include <algorithm>
#include <cctype>
#include <cmath>
#include <mutex>
#include <set>

namespace sitrep::store {
namespace {

// FTS5's unicode61 tokenizer, found through an in-memory SQLite connection kept for the process.
class Tokenizer {
 public:
  Tokenizer() {
    if (sqlite3_open_v2(":memory:", &db_, SQLITE_OPEN_READWRITE | SQLITE_OPEN_FULLMUTEX, nullptr) !=
        SQLITE_OK)
      return;
    fts5_api* api = nullptr;
    sqlite3_stmt* stmt = nullptr;
    if (sqlite3_prepare_v2(db_, "SELECT fts5(?1)", -1, &stmt, nullptr) == SQLITE_OK) {
      sqlite3_bind_pointer(stmt, 1, static_cast<void*>(&api), "fts5_api_ptr", nullptr);
      sqlite3_step(stmt);
    }
    sqlite3_finalize(stmt);
    if (!api) return;
    void* context = nullptr;
    if (api->xFindTokenizer(api, "unicode61", &context, &methods_) != SQLITE_OK) return;
    if (methods_.xCreate(context, nullptr, 0, &tokenizer_) != SQLITE_OK) tokenizer_ = nullptr;
  }
  ~Tokenizer() {
    if (tokenizer_) methods_.xDelete(tokenizer_);
    sqlite3_close_v2(db_);
  }

  std::vector<std::string> tokens(std::string_view text) {
    std::vector<std::string> out;
    if (text.empty()) return out;
    if (!tokenizer_) return fallback(text);
    std::lock_guard lock(mutex_);
    methods_.xTokenize(tokenizer_, &out, FTS5_TOKENIZE_DOCUMENT, text.data(),
                       static_cast<int>(text.size()),
                       [](void* context, int flags, const char* token, int size, int, int) {
                         if (!(flags & FTS5_TOKEN_COLOCATED))
                           static_cast<std::vector<std::string>*>(context)->emplace_back(
                               token, static_cast<std::size_t>(size));
                         return SQLITE_OK;
                       });
    return out;
  }

 private:
  // Without FTS5 (never on Debian's SQLite): ASCII letters and digits, lowercased.
  static std::vector<std::string> fallback(std::string_view text) {
    std::vector<std::string> out(1);
    for (unsigned char c : text) {
      if (std::isalnum(c) || c >= 0x80)
        out.back() += static_cast<char>(std::tolower(c));
      else if (!out.back().empty())
        out.emplace_back();
    }
    if (out.back().empty()) out.pop_back();
    return out;
  }

  sqlite3* db_ = nullptr;
  fts5_tokenizer methods_{};
  Fts5Tokenizer* tokenizer_ = nullptr;
  std::mutex mutex_;
};

Tokenizer& tokenizer() {
  static Tokenizer instance;
  return instance;
}

}  // namespace

std::vector<std::string> fts_tokens(std::string_view text) {
  return tokenizer().tokens(text);
}

std::vector<std::string> SearchQuery::tokens() const {
  std::set<std::string> all;
  for (const auto& phrase : phrases) all.insert(phrase.begin(), phrase.end());
  return {all.begin(), all.end()};
}

// Mirrors the SQLite store's fts_query(): punctuation splits words, each word is one quoted
// FTS5 string, which FTS5 then cuts into tokens.
SearchQuery parse_search(const std::string& words) {
  SearchQuery query;
  std::string word;
  auto flush = [&] {
    if (word.empty()) return;
    auto phrase = fts_tokens(word);
    if (!phrase.empty()) query.phrases.push_back(std::move(phrase));
    word.clear();
  };
  for (unsigned char c : words) {
    if (std::isalnum(c) || c >= 0x80)
      word += static_cast<char>(c);
    else
      flush();
  }
  flush();
  return query;
}

int phrase_count(const std::vector<std::string>& phrase,
                 const std::vector<std::vector<std::string>>& columns) {
  if (phrase.empty()) return 0;
  int count = 0;
  for (const auto& tokens : columns) {
    if (tokens.size() < phrase.size()) continue;
    for (std::size_t i = 0; i + phrase.size() <= tokens.size(); ++i)
      if (std::equal(phrase.begin(), phrase.end(), tokens.begin() + static_cast<long>(i))) ++count;
  }
  return count;
}

// As fts5Bm25Function in SQLite's fts5_aux.c.
double bm25(const std::vector<int>& frequencies, const std::vector<long long>& hits, long long rows,
            double tokens, double average_tokens) {
  constexpr double k1 = 1.2, b = 0.75;
  if (average_tokens <= 0) average_tokens = 1;
  double score = 0;
  for (std::size_t i = 0; i < frequencies.size() && i < hits.size(); ++i) {
    const double n = static_cast<double>(hits[i]);
    double idf = std::log((static_cast<double>(rows) - n + 0.5) / (n + 0.5));
    if (idf <= 0.0) idf = 1e-6;
    const double f = frequencies[i];
    score += idf * (f * (k1 + 1.0)) / (f + k1 * (1 - b + b * tokens / average_tokens));
  }
  return -1.0 * score;
}

}  // namespace sitrep::store
