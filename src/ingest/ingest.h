// Ingestion: turns paths (files, directories, JSONL dumps, feeds, "-") into Documents, and
// Documents into CleanText. Nothing here touches the store.
#pragma once

#include <cstddef>
#include <functional>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "core/document.h"
#include "core/error.h"

namespace sitrep::ingest {

// One input problem; the rest of the batch goes on.
struct InputError {
  std::string input;  // path, "path:LINE" for a JSONL line, or URL
  std::string message;
};

struct ManifestEntry {
  std::string doc, url, outlet, published;
};
// Keyed by file name (the part after the last '/').
struct Manifest : std::map<std::string, ManifestEntry> {
  // Lines that were rejected ("manifest.jsonl:3" and why): not JSON, no "doc", a published
  // date that is no calendar date. Keyed by the file name the line named, when it named one:
  // that article is rejected too rather than stored without (or with wrong) metadata.
  std::vector<InputError> rejected;
  std::map<std::string, std::string> rejected_docs;  // file name -> "manifest.jsonl:3"
};

// Reads a JSONL manifest of {"doc","url","outlet","published"} objects. A bad line is recorded
// in `rejected` and the other lines are kept; only a file that cannot be read is an error.
Result<Manifest> load_manifest(const std::string& path);

// Bounds on what one HTML document may cost; beyond them the document is rejected with an error
// naming the limit. The defaults are far beyond any real page (docs/ROBUSTNESS.md).
struct HtmlLimits {
  std::size_t max_depth = 512;        // elements nested inside each other ($SITREP_MAX_DEPTH)
  std::size_t max_attributes = 1000;  // attributes on one element ($SITREP_MAX_ATTRIBUTES)
  std::size_t max_nodes = 500'000;    // elements in one document ($SITREP_MAX_NODES)
};

// Every configurable bound of the ingest path in one place, read by the CLI from its options
// and the environment (limits_from_env) and handed to load_inputs, clean and the Ingester.
struct Limits {
  std::size_t max_bytes = 32u << 20;        // one input file or URL body ($SITREP_MAX_BYTES)
  HtmlLimits html;                          // per HTML document
  std::size_t max_entity_bytes = 1u << 20;  // text a feed's entities expand to
                                            // ($SITREP_MAX_ENTITY_BYTES)
  double timeout_seconds = 30;              // clean + extract of one document; 0: no limit
                                            // ($SITREP_TIMEOUT)
};

// The defaults, overridden by $SITREP_MAX_BYTES, $SITREP_MAX_DEPTH, $SITREP_MAX_ATTRIBUTES,
// $SITREP_MAX_NODES, $SITREP_MAX_ENTITY_BYTES and $SITREP_TIMEOUT when set. A malformed value
// is an error naming the variable.
Result<Limits> limits_from_env();

struct Options {
  std::size_t max_bytes = 32u << 20;        // larger inputs are rejected, naming the limit
  std::size_t max_entity_bytes = 1u << 20;  // feeds: expanded entity text beyond this is refused
  const Manifest* manifest = nullptr;
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

// As above, but every document goes to `sink` as soon as its file is read (in the same order),
// and the returned documents are empty: memory stays bounded by the largest input file, not by
// the batch. Errors and warnings are returned as above.
using DocumentSink = std::function<void(Document&&)>;
Loaded load_inputs(const std::vector<std::string>& paths, const Options& options,
                   const DocumentSink& sink);

// One document as a line of the JSONL dump format ({"doc","text"|"html","url","outlet",
// "published"}), and back: how a document travels as a queue message (src/queue). Reading a
// line gives the same Document load_inputs gives for it; `source` names it in errors.
std::string document_json(const Document& document);
Result<Document> parse_document_json(std::string_view line, const std::string& source);

// HTML to text, boilerplate removal, quoted-post marking, typographic normalisation and
// language identification. Pure: no I/O. An HTML document beyond `limits` is an error that
// names the document and the limit; nothing of it is parsed.
Result<CleanText> clean(const Document& document, const HtmlLimits& limits);

// As above with the default limits; a document beyond them cleans to an empty text.
CleanText clean(const Document& document);

// Stable id: a hash of the normalized clean text alone ("d-" + 16 hex), so the same article
// read with and without its URL is one document. `document` is unused (kept for callers).
std::string document_id(const Document& document, const CleanText& clean_text);

}  // namespace sitrep::ingest
