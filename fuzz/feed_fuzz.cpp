// RSS 2.0 / RSS 1.0 / Atom feeds: parse_feed (libxml2 with our entity-bounded text reader) on
// arbitrary bytes, with the default entity budget and a tiny one, then every item cleaned.
#include <string>

#include "clean_check.h"
#include "ingest/sources.h"
#include "ingest/text_util.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace sitrep;
  const std::string_view bytes = fuzz::bytes_of(data, size);
  for (const std::size_t budget : {std::size_t{1} << 20, std::size_t{64}}) {
    auto parsed = ingest::detail::parse_feed(bytes, "fuzz.xml", budget);
    for (auto& document : parsed.documents) {
      fuzz::check(document.published.empty() || ingest::detail::is_iso_date(document.published),
                  "published is a calendar date");
      ingest::detail::repair_utf8(document.raw);
      const auto text = ingest::clean(document, ingest::HtmlLimits{});
      if (text) fuzz::check_clean(document, *text);
    }
  }
  return 0;
}
