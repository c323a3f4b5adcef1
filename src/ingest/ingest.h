// Ingestion: turns paths (files, directories, JSONL dumps, feeds, "-") into Documents, and
// Documents into CleanText. Nothing here touches the store.
#pragma once

#include <cstddef>
#include <map>
#include <string>
#include <vector>

#include "core/document.h"
#include "core/error.h"

namespace sitrep::ingest {

struct ManifestEntry {
  std::string doc, url, outlet, published;
};
// Keyed by file name (the part after the last '/').
using Manifest = std::map<std::string, ManifestEntry>;

// Reads a JSONL manifest of {"doc","url","outlet","published"} objects.
Result<Manifest> load_manifest(const std::string& path);

struct Options {
  std::size_t max_bytes = 32u << 20;  // larger inputs are rejected, naming the limit
  const Manifest* manifest = nullptr;
};

// One input problem; the rest of the batch goes on.
struct InputError {
  std::string input;  // path, "path:LINE" for a JSONL line, or URL
  std::string message;
};

struct Loaded {
  std::vector<Document> documents;
  std::vector<InputError> errors;    // rejected inputs (exit status 1)
  std::vector<InputError> warnings;  // accepted with repair (invalid UTF-8 ...)
};

// Expands directories (recursive, sorted, hidden entries skipped) and reads every input.
// Never stops at a bad input. Metadata precedence: manifest / feed / JSONL fields, then a
// leading " date YYYY-MM-DD" line in the text.
Loaded load_inputs(const std::vector<std::string>& paths, const Options& options);

// HTML to text, boilerplate removal, quoted-post marking, typographic normalisation and
// language identification. Pure: no I/O.
CleanText clean(const Document& document);

// Stable id: a hash of the normalized clean text plus the url when given ("d-" + 16 hex).
std::string document_id(const Document& document, const CleanText& clean_text);

}  // namespace sitrep::ingest
