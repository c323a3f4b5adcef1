// Document: the bytes of one article plus what we know about where it came from.
#pragma once

#include <cstddef>
#include <string>
#include <vector>

namespace sitrep {

// Half-open byte range [start, end) into a document's clean text.
struct Span {
  std::size_t start = 0;
  std::size_t end = 0;
  std::size_t size() const { return end - start; }
  bool contains(std::size_t pos) const { return pos >= start && pos < end; }
};

struct Document {
  std::string doc;        // file name or caller-given name ("003_6a5f.txt"); the scorer key
  std::string url;        // empty when unknown
  std::string outlet;     // empty when unknown
  std::string published;  // YYYY-MM-DD, empty when unknown
  // YYYY-MM when the page gave only the month it was filed ("date 2022-11"), else empty: days
  // written without a year or month ("domingo (13)", "17 de novembro") resolve against it.
  std::string filed_month;
  std::string raw;  // the bytes as read (UTF-8 after repair)
  bool is_html = false;
  std::vector<std::string> warnings;  // e.g. "invalid UTF-8 repaired at 3 places"
};

// What remains of a document after markup and boilerplate are removed.
// Paragraphs are separated by "\n\n"; all offsets in later stages index `text`.
struct CleanText {
  std::string text;
  std::string title;            // first heading / first line when known
  std::string language = "en";  // ISO 639-1 code, "und" when undetermined
  std::string filed_month;      // YYYY-MM from a month-only date line cleaning removed, or empty
  std::vector<Span> quoted;     // embedded social posts and other quoted material
  bool is_quoted(std::size_t pos) const {
    for (const auto& s : quoted)
      if (s.contains(pos)) return true;
    return false;
  }
};

}  // namespace sitrep
