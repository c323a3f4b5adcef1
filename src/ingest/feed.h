// RSS 2.0, RSS 1.0 (RDF) and Atom feeds read item by item, for `sitrep watch` (cli/watch.h),
// which fetches each item's page. (`sitrep ingest` of a feed reads the items' own content:
// sources.h parse_feed, built on the same parser.)
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "core/document.h"
#include "core/error.h"

namespace sitrep::ingest {

struct FeedEntry {
  std::string guid;  // RSS <guid>, Atom <id>; "" when absent
  std::string link;  // RSS <link> (else <guid>), Atom <link rel="alternate">; may be relative
  std::string title;
  std::string published;  // as written (RSS pubDate / dc:date, Atom published / updated)
  std::string body;       // content:encoded, description, Atom content or summary, as HTML
};

struct Feed {
  std::string title;  // the channel's (RSS) or feed's (Atom) title: the outlet
  std::vector<FeedEntry> entries;
};

// A feed that is not well-formed XML, has no rss / RDF / feed root, or whose internal entities
// expand to more than `max_entity_bytes` of text is an error (its message does not repeat
// `source`; callers name it).
Result<Feed> read_feed(std::string_view bytes, const std::string& source,
                       std::size_t max_entity_bytes = 1u << 20);

// The entry's own content (title and body) as an HTML document, for an entry without a link.
Document entry_document(const FeedEntry& entry, const std::string& outlet,
                        const std::string& fallback_name);

// A page fetched for a feed entry as a Document: named and located by `url`, from `outlet`,
// published on `published` (any form RSS and Atom use; reduced to YYYY-MM-DD, "" when it is no
// date). HTML when the content type says so or the bytes look like it, else plain text.
// Invalid UTF-8 is repaired (a warning on the document); an empty or binary body is an error.
Result<Document> page_document(std::string bytes, const std::string& content_type,
                               const std::string& url, const std::string& outlet,
                               const std::string& published);

}  // namespace sitrep::ingest
