// Full-text search outside SQLite: the PostgreSQL store answers `documents(words)` with the same
// results as SQLite's FTS5 table. Words are cut and folded by FTS5's own unicode61 tokenizer
// (through an in-memory SQLite connection), and hits are ranked with FTS5's bm25 formula, so the
// two backends agree on which documents match and in what order.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace sitrep::store {

// The tokens FTS5 (unicode61, the documents_fts default) indexes for this text: case-folded,
// diacritics removed, split at anything that is not a letter or digit.
std::vector<std::string> fts_tokens(std::string_view text);

// A search as the SQLite store runs it: every word must match (a word FTS5 would cut into
// several tokens is a phrase, tokens in a row).
struct SearchQuery {
  std::vector<std::vector<std::string>> phrases;
  bool empty() const { return phrases.empty(); }
  // Every token of every phrase, once: a document must hold all of them to be a candidate.
  std::vector<std::string> tokens() const;
};
SearchQuery parse_search(const std::string& words);

// How often the phrase occurs in the document (title and text, never across the two).
int phrase_count(const std::vector<std::string>& phrase,
                 const std::vector<std::vector<std::string>>& columns);

// FTS5's bm25() for one document (k1 = 1.2, b = 0.75; lower is better, as FTS5's rank):
// `frequencies[i]` is phrase i's count in the document, `hits[i]` the number of documents
// holding it, `rows` the number of documents, `tokens` the document's length in tokens and
// `average_tokens` the mean length over all documents.
double bm25(const std::vector<int>& frequencies, const std::vector<long long>& hits, long long rows,
            double tokens, double average_tokens);

}  // namespace sitrep::store
