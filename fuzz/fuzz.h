// Shared by the libFuzzer targets in fuzz/ (docs/ROBUSTNESS.md, "Fuzzing"): the entry point,
// property checks that abort (so libFuzzer keeps the input), and helpers that cut one input into
// named parts and write them to files for the loaders that read directories.
#pragma once

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <string>
#include <string_view>

#include <unistd.h>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size);

namespace sitrep::fuzz {

// A property every input must keep. A breach aborts: libFuzzer reports it as a crash and keeps
// the input; the replayer (replay_main.cpp) fails its test.
inline void check(bool ok, const char* what) {
  if (ok) return;
  std::fprintf(stderr, "fuzz: property broken: %s\n", what);
  std::abort();
}

inline std::string_view bytes_of(const std::uint8_t* data, std::size_t size) {
  return {reinterpret_cast<const char*>(data), size};
}

// Strict UTF-8 (no overlong forms, no surrogates, nothing past U+10FFFF): what the JSON writer
// accepts. Written here rather than taken from src/ so the oracle is independent of the code.
inline bool valid_utf8(std::string_view s) {
  std::size_t i = 0;
  while (i < s.size()) {
    const auto c = static_cast<unsigned char>(s[i]);
    std::size_t n = 0;
    std::uint32_t cp = 0, min = 0;
    if (c < 0x80) {
      ++i;
      continue;
    } else if ((c & 0xE0) == 0xC0) {
      n = 1, cp = c & 0x1F, min = 0x80;
    } else if ((c & 0xF0) == 0xE0) {
      n = 2, cp = c & 0x0F, min = 0x800;
    } else if ((c & 0xF8) == 0xF0) {
      n = 3, cp = c & 0x07, min = 0x10000;
    } else {
      return false;
    }
    if (i + n >= s.size()) return false;
    for (std::size_t k = 1; k <= n; ++k) {
      const auto d = static_cast<unsigned char>(s[i + k]);
      if ((d & 0xC0) != 0x80) return false;
      cp = (cp << 6) | (d & 0x3F);
    }
    if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return false;
    i += n + 1;
  }
  return true;
}

// Cuts an input into named parts: a line "@@ NAME" starts part NAME; text before the first such
// line is part "". Seeds are readable and the mutator can move bytes between parts.
inline std::map<std::string, std::string> parts_of(std::string_view input) {
  std::map<std::string, std::string> parts;
  std::string name;
  std::size_t pos = 0;
  while (pos <= input.size()) {
    std::size_t end = input.find('\n', pos);
    if (end == std::string_view::npos) end = input.size();
    const std::string_view line = input.substr(pos, end - pos);
    if (line.starts_with("@@ ")) {
      name = std::string(line.substr(3));
    } else {
      std::string& part = parts[name];
      part.append(line);
      if (end < input.size()) part.push_back('\n');
    }
    pos = end + 1;
  }
  return parts;
}

// A folder of this process's own under $TMPDIR (or /tmp), emptied on each call.
inline std::filesystem::path scratch_dir(const char* target) {
  static const std::filesystem::path dir = [&] {
    const char* tmp = std::getenv("TMPDIR");
    return std::filesystem::path(tmp != nullptr && *tmp != '\0' ? tmp : "/tmp") /
           (std::string("sitrep-fuzz-") + target + "-" + std::to_string(::getpid()));
  }();
  std::error_code ignored;
  std::filesystem::remove_all(dir, ignored);
  std::filesystem::create_directories(dir);
  return dir;
}

inline void write_file(const std::filesystem::path& path, std::string_view bytes) {
  std::filesystem::create_directories(path.parent_path());
  std::ofstream stream(path, std::ios::binary | std::ios::trunc);
  stream.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
  check(static_cast<bool>(stream), "scratch file written");
}

}  // namespace sitrep::fuzz
