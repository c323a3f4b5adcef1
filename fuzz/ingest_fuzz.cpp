// libFuzzer target for the parsers of untrusted input in src/ingest: clean() on HTML and text,
// the JSONL dump parser and the RSS/Atom parser. Not built by default:
//   clang++ -std=c++2b -g -O1 -fsanitize=fuzzer,address -Isrc fuzz/ingest_fuzz.cpp \
//     src/ingest/*.cpp src/core/terminal.cpp $(pkg-config --cflags --libs gumbo libexttextcat libxml-2.0 libcurl) \
//     -DSITREP_VERSION='"fuzz"' -o ingest_fuzz
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "ingest/ingest.h"
#include "ingest/sources.h"
#include "ingest/text_util.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size == 0) return 0;
  // The first byte picks the parser so one corpus exercises all of them.
  const std::uint8_t selector = data[0] % 4;
  std::string bytes(reinterpret_cast<const char*>(data + 1), size - 1);
  using namespace sitrep::ingest;
  switch (selector) {
    case 0:
    case 1: {
      sitrep::Document document;
      detail::repair_utf8(bytes);  // load_inputs guarantees UTF-8 before clean()
      document.raw = std::move(bytes);
      document.is_html = selector == 1;
      const sitrep::CleanText text = clean(document);
      for (const auto& span : text.quoted)
        if (span.start > span.end || span.end > text.text.size()) __builtin_trap();
      (void)document_id(document, text);
      break;
    }
    case 2:
      detail::repair_utf8(bytes);
      (void)detail::parse_jsonl(bytes, "fuzz.jsonl");
      break;
    default:
      (void)detail::parse_feed(bytes, "fuzz.xml");
      break;
  }
  return 0;
}

#ifdef SITREP_FUZZ_STANDALONE
// Without libFuzzer (g++ builds): replays the files named on the command line, e.g.
//   g++ -std=c++23 -fsanitize=address,undefined -DSITREP_FUZZ_STANDALONE ... && ./a.out crash-*
#include <fstream>
#include <iterator>
int main(int argc, char** argv) {
  for (int i = 1; i < argc; ++i) {
    std::ifstream stream(argv[i], std::ios::binary);
    const std::string input((std::istreambuf_iterator<char>(stream)), {});
    LLVMFuzzerTestOneInput(reinterpret_cast<const std::uint8_t*>(input.data()), input.size());
  }
  return 0;
}
#endif
