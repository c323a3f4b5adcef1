// The properties of a cleaned document, shared by the targets that clean (html, jsonl, feed,
// extract): spans inside the text, valid UTF-8 out for UTF-8 in (the JSON writer throws on
// anything else), and a stable document id.
#pragma once

#include "core/document.h"
#include "fuzz.h"
#include "ingest/ingest.h"

namespace sitrep::fuzz {

inline void check_clean(const Document& document, const CleanText& text) {
  for (const Span& span : text.quoted)
    check(span.start <= span.end && span.end <= text.text.size(), "quoted span inside the text");
  if (valid_utf8(document.raw)) {
    check(valid_utf8(text.text), "clean text is UTF-8");
    check(valid_utf8(text.title), "clean title is UTF-8");
  }
  const std::string id = ingest::document_id(document, text);
  check(id.size() == 18 && id.starts_with("d-"), "document id is d- and 16 hex digits");
}

}  // namespace sitrep::fuzz
