// JSONL dumps: parse_jsonl on arbitrary bytes (NUL bytes left in, as load_inputs does for a
// JSONL file), then every document it yields cleaned as load_inputs and the CLI would.
#include <string>

#include "clean_check.h"
#include "ingest/sources.h"
#include "ingest/text_util.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace sitrep;
  std::string bytes(fuzz::bytes_of(data, size));
  ingest::detail::repair_utf8(bytes);
  auto parsed = ingest::detail::parse_jsonl(bytes, "fuzz.jsonl");
  for (const auto& error : parsed.errors)
    fuzz::check(error.input.starts_with("fuzz.jsonl:"), "a JSONL error names its line");
  for (auto& document : parsed.documents) {
    fuzz::check(!document.raw.empty() && !document.doc.empty(), "a document has text and name");
    fuzz::check(document.published.empty() || ingest::detail::is_iso_date(document.published),
                "published is a calendar date");
    ingest::detail::repair_utf8(document.raw);
    const auto text = ingest::clean(document, ingest::HtmlLimits{});
    if (text) fuzz::check_clean(document, *text);
  }
  return 0;
}
