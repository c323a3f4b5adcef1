// Parsers for the structured inputs (JSONL dumps, RSS/Atom feeds) and the URL fetcher.
// Internal to src/ingest; pure functions over a buffer except fetch_url. Also the entry points
// of fuzz/ingest_fuzz.cpp.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "core/document.h"
#include "core/error.h"
#include "ingest/ingest.h"

namespace sitrep::ingest::detail {

struct Parsed {
  std::vector<Document> documents;
  std::vector<InputError> errors;
};

// One {"doc","text"|"html","url","outlet","published"} object per line. `source` names the
// file in errors ("source:LINE") and in fallback doc names. Blank lines are skipped.
Parsed parse_jsonl(std::string_view bytes, const std::string& source);

// RSS 2.0, RSS 1.0 (RDF) or Atom. Each item/entry becomes an HTML Document. A document that
// is not a well-formed feed gives one error naming `source`, as does one whose internal
// entities expand to more than `max_entity_bytes` of text (a "billion laughs" in one level).
Parsed parse_feed(std::string_view bytes, const std::string& source,
                  std::size_t max_entity_bytes = 1u << 20);

// GETs an http(s) URL with libcurl; refuses bodies larger than max_bytes. The error message
// does not repeat the URL (callers report it as the input).
Result<std::string> fetch_url(const std::string& url, std::size_t max_bytes);

}  // namespace sitrep::ingest::detail
