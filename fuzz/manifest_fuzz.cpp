// Manifests (manifest.jsonl beside an article folder): load_manifest reads a file, so each input
// is written to a scratch file first. Every line is kept or rejected with its number.
#include <string>

#include "fuzz.h"
#include "ingest/ingest.h"
#include "ingest/text_util.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace sitrep;
  const auto dir = fuzz::scratch_dir("manifest");
  const auto path = dir / "manifest.jsonl";
  fuzz::write_file(path, fuzz::bytes_of(data, size));
  const auto manifest = ingest::load_manifest(path.string());
  fuzz::check(manifest.has_value(), "a readable manifest loads");
  for (const auto& [name, entry] : *manifest) {
    fuzz::check(!entry.doc.empty(), "an entry names its article");
    fuzz::check(entry.published.empty() || ingest::detail::is_iso_date(entry.published),
                "published is a calendar date");
  }
  for (const auto& rejected : manifest->rejected)
    fuzz::check(rejected.input.starts_with(path.string() + ":"), "a rejection names its line");
  return 0;
}
