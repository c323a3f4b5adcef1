// Sources: files, directories, JSONL dumps, feeds and stdin, plus metadata precedence.
#include "ingest/ingest.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <nlohmann/json.hpp>
#include <optional>
#include <system_error>
#include <utility>

#include "core/terminal.h"
#include "ingest/sources.h"
#include "ingest/text_util.h"

namespace sitrep::ingest {
namespace fs = std::filesystem;
using detail::basename_of;

namespace {

enum class Kind { kText, kHtml, kJsonl, kFeed, kOther };

Kind kind_of(const fs::path& path) {
  const std::string ext = detail::ascii_lower(path.extension().string());
  if (ext == ".txt") return Kind::kText;
  if (ext == ".html" || ext == ".htm") return Kind::kHtml;
  if (ext == ".jsonl") return Kind::kJsonl;
  if (ext == ".xml" || ext == ".rss" || ext == ".atom") return Kind::kFeed;
  return Kind::kOther;
}

// manifest.jsonl / gold.jsonl (and split variants such as gold-positives.jsonl) describe the
// articles beside them; they are not articles.
bool is_metadata_file(std::string_view name) {
  if (!name.ends_with(".jsonl")) return false;
  for (std::string_view stem : {"manifest", "gold"}) {
    if (!name.starts_with(stem)) continue;
    const char next = name[stem.size()];
    if (next == '.' || next == '-' || next == '_') return true;
  }
  return false;
}

bool is_url(std::string_view input) {
  return input.starts_with("http://") || input.starts_with("https://");
}

bool looks_like_html(std::string_view bytes) {
  const std::string head = detail::ascii_lower(detail::trim(bytes.substr(0, 512)));
  return head.starts_with("<!doctype html") || head.starts_with("<html") ||
         head.find("<body") != std::string::npos;
}

// The limit in a readable form for messages ("32 MiB (33554432 bytes)").
std::string describe_limit(std::size_t max_bytes) {
  std::string text = std::to_string(max_bytes) + " bytes";
  if (max_bytes >= (1u << 20) && max_bytes % (1u << 20) == 0)
    text = std::to_string(max_bytes >> 20) + " MiB (" + text + ")";
  return text;
}

class Loader {
 public:
  Loader(const Options& options, const DocumentSink* sink) : options_(options), sink_(sink) {}

  void load(const std::string& input) {
    const std::size_t first_new = loaded_.documents.size();
    if (input == "-") {
      load_stdin();
    } else if (is_url(input)) {
      load_url(input);
    } else {
      load_path(input);
    }
    finish(first_new);
  }

  Loaded take() { return std::move(loaded_); }
  void reject(InputError e) { loaded_.errors.push_back(std::move(e)); }

 private:
  void error(const std::string& input, std::string message) {
    loaded_.errors.push_back({input, std::move(message)});
  }

  // Names and metadata of the documents read since `first_new`; with a sink they are handed
  // over now, so a directory of any size holds one file's documents at a time.
  void finish(std::size_t first_new) {
    auto& documents = loaded_.documents;
    std::size_t kept = first_new;
    for (std::size_t i = first_new; i < documents.size(); ++i) {
      repair_name(documents[i]);
      if (!apply_metadata(documents[i])) continue;
      if (kept != i) documents[kept] = std::move(documents[i]);
      ++kept;
    }
    documents.resize(kept);
    if (sink_ == nullptr) return;
    for (std::size_t i = first_new; i < documents.size(); ++i) (*sink_)(std::move(documents[i]));
    documents.resize(first_new);
  }

  void load_stdin() {
    std::string bytes;
    char buffer[1 << 16];
    while (std::cin.read(buffer, sizeof buffer) || std::cin.gcount() > 0) {
      bytes.append(buffer, static_cast<std::size_t>(std::cin.gcount()));
      if (bytes.size() > options_.max_bytes) {
        error("-",
              "standard input is larger than the limit of " + describe_limit(options_.max_bytes));
        return;
      }
    }
    const bool html = looks_like_html(bytes);
    add_text_document("-", "stdin", std::move(bytes), html);
  }

  void load_url(const std::string& url) {
    auto body = detail::fetch_url(url, options_.max_bytes);
    if (!body) return error(url, body.error().message);
    if (detail::is_blank(*body)) return error(url, "empty response");
    add_parsed(detail::parse_feed(*body, url, options_.max_entity_bytes));
  }

  void load_path(const std::string& input) {
    std::error_code ec;
    const fs::file_status status = fs::status(input, ec);
    if (ec || !fs::exists(status)) {
      const std::string why = ec ? ec.message() : "No such file or directory";
      return error(input, "cannot read (" + why + ")");
    }
    if (fs::is_directory(status)) return load_directory(input);
    if (!fs::is_regular_file(status)) return error(input, "not a regular file");
    load_file(input, /*explicitly_named=*/true);
  }

  void load_directory(const std::string& directory) {
    std::vector<std::string> files;
    std::error_code ec;
    fs::recursive_directory_iterator it(directory, fs::directory_options::skip_permission_denied,
                                        ec);
    if (ec) return error(directory, "cannot read directory (" + ec.message() + ")");
    for (; it != fs::recursive_directory_iterator(); it.increment(ec)) {
      if (ec) {
        error(directory, "cannot list directory (" + ec.message() + ")");
        break;
      }
      const std::string name = it->path().filename().string();
      if (name.starts_with(".")) {
        if (it->is_directory(ec)) it.disable_recursion_pending();
        continue;
      }
      if (!it->is_regular_file(ec)) continue;
      if (kind_of(it->path()) == Kind::kOther) continue;
      if (is_metadata_file(name)) continue;
      files.push_back(it->path().string());
    }
    std::sort(files.begin(), files.end());
    for (const auto& file : files) {
      const std::size_t first_new = loaded_.documents.size();
      load_file(file, /*explicitly_named=*/false);
      if (sink_ != nullptr) finish(first_new);
    }
  }

  // A regular file's bytes by open, fstat and read: two system calls fewer per file than stat
  // then an ifstream, which on this VM cost as much as cleaning a small article
  // (docs/PERFORMANCE.md). nullopt for anything else (it cannot be opened, is not a regular
  // file), which read_file_slowly() then reads, or names, as it always did.
  std::optional<std::string> read_regular_file(const std::string& path) {
    // O_NONBLOCK: opening a FIFO must not wait for a writer; it is no regular file anyway.
    const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC | O_NONBLOCK);
    if (fd < 0) return std::nullopt;
    struct stat info;
    if (::fstat(fd, &info) != 0 || !S_ISREG(info.st_mode) ||
        static_cast<std::uintmax_t>(info.st_size) > options_.max_bytes) {
      ::close(fd);
      return std::nullopt;
    }
    std::string bytes(static_cast<std::size_t>(info.st_size), '\0');
    std::size_t got = 0;
    while (got < bytes.size()) {
      const ssize_t n = ::read(fd, bytes.data() + got, bytes.size() - got);
      if (n < 0 && errno == EINTR) continue;
      if (n < 0) {
        ::close(fd);
        return std::nullopt;
      }
      if (n == 0) break;
      got += static_cast<std::size_t>(n);
    }
    ::close(fd);
    bytes.resize(got);
    return bytes;
  }

  // Reads `path` through stat and an ifstream; nullopt once the error is recorded.
  std::optional<std::string> read_file_slowly(const std::string& path) {
    std::error_code ec;
    const std::uintmax_t size = fs::file_size(path, ec);
    if (ec) {
      error(path, "cannot read (" + ec.message() + ")");
      return std::nullopt;
    }
    // Checked before reading: a sparse 100 GB file must cost nothing.
    if (size > options_.max_bytes) {
      error(path, "file is " + std::to_string(size) + " bytes, larger than the limit of " +
                      describe_limit(options_.max_bytes));
      return std::nullopt;
    }
    std::ifstream stream(path, std::ios::binary);
    if (!stream) {
      error(path, "cannot open (" + std::string(std::strerror(errno)) + ")");
      return std::nullopt;
    }
    std::string bytes(static_cast<std::size_t>(size), '\0');
    stream.read(bytes.data(), static_cast<std::streamsize>(size));
    bytes.resize(static_cast<std::size_t>(stream.gcount()));
    if (stream.bad()) {
      error(path, "read failed");
      return std::nullopt;
    }
    return bytes;
  }

  void load_file(const std::string& path, bool explicitly_named) {
    auto read = read_regular_file(path);
    if (!read) read = read_file_slowly(path);
    if (!read) return;
    std::string& bytes = *read;
    if (detail::is_blank(bytes))
      return error(path, bytes.empty() ? "empty file" : "empty file (only whitespace)");
    const Kind kind = kind_of(path);
    // In a JSONL dump a NUL byte spoils only its line (parse_jsonl names it); other signs of a
    // binary file reject the whole file.
    if (const std::string why = detail::binary_reason(bytes);
        !why.empty() && !(kind == Kind::kJsonl && why.starts_with("binary content (NUL")))
      return error(path, why);

    if (kind == Kind::kFeed)
      return add_parsed(detail::parse_feed(bytes, path, options_.max_entity_bytes));
    if (kind == Kind::kJsonl) {
      repair(path, bytes, nullptr);
      return add_parsed(detail::parse_jsonl(bytes, path));
    }
    const bool html =
        kind == Kind::kHtml || (explicitly_named && kind == Kind::kOther && looks_like_html(bytes));
    add_text_document(path, basename_of(path), std::move(bytes), html);
  }

  // Repairs invalid UTF-8 in place and records the warning on the input (and the document).
  void repair(const std::string& input, std::string& bytes, Document* document) {
    const std::size_t replaced = detail::repair_utf8(bytes);
    if (replaced == 0) return;
    const std::string message = "invalid UTF-8 repaired at " + std::to_string(replaced) +
                                (replaced == 1 ? " place" : " places") + " (U+FFFD)";
    loaded_.warnings.push_back({input, message});
    if (document != nullptr) document->warnings.push_back(message);
  }

  void add_text_document(const std::string& input, std::string name, std::string bytes, bool html) {
    if (detail::is_blank(bytes)) return error(input, "empty input");
    Document document;
    document.doc = std::move(name);
    document.is_html = html;
    repair(input, bytes, &document);
    document.raw = std::move(bytes);
    loaded_.documents.push_back(std::move(document));
  }

  void add_parsed(detail::Parsed parsed) {
    for (auto& document : parsed.documents) {
      const std::size_t replaced = detail::repair_utf8(document.raw);
      if (replaced > 0) {
        const std::string message = "invalid UTF-8 repaired at " + std::to_string(replaced) +
                                    (replaced == 1 ? " place" : " places") + " (U+FFFD)";
        loaded_.warnings.push_back({document.doc, message});
        document.warnings.push_back(message);
      }
      loaded_.documents.push_back(std::move(document));
    }
    for (auto& e : parsed.errors) loaded_.errors.push_back(std::move(e));
  }

  // A name that is not UTF-8 (a file name is any bytes) would stop every JSON writer later:
  // it is repaired (U+FFFD) and the input named with its bytes escaped.
  void repair_name(Document& document) {
    std::string name = document.doc;
    if (detail::repair_utf8(name) == 0) return;
    loaded_.warnings.push_back(
        {terminal_safe(document.doc), "name is not valid UTF-8; stored as '" + name + "'"});
    document.warnings.push_back("name is not valid UTF-8");
    document.doc = std::move(name);
  }

  // Manifest first, then what the source said (JSONL/feed), then the " date" line. False when
  // the document's manifest line was rejected: the document is then rejected too, rather than
  // stored without the metadata its manifest meant to give it.
  bool apply_metadata(Document& document) {
    if (options_.manifest != nullptr) {
      const auto bad = options_.manifest->rejected_docs.find(basename_of(document.doc));
      if (bad != options_.manifest->rejected_docs.end()) {
        error(document.doc, "not read: its manifest line " + bad->second + " was rejected");
        return false;
      }
    }
    const detail::DateLine header =
        document.is_html ? detail::DateLine{} : detail::strip_date_line(document.raw);
    if (options_.manifest != nullptr) {
      const auto it = options_.manifest->find(basename_of(document.doc));
      if (it != options_.manifest->end()) {
        const ManifestEntry& entry = it->second;
        if (!entry.url.empty()) document.url = entry.url;
        if (!entry.outlet.empty()) document.outlet = entry.outlet;
        if (!entry.published.empty()) document.published = detail::date_only(entry.published);
      }
    }
    document.filed_month = header.month;
    if (document.published.empty()) document.published = header.date;
    return true;
  }

  const Options& options_;
  const DocumentSink* sink_ = nullptr;
  Loaded loaded_;
};

std::string json_string(const nlohmann::json& object, const char* key) {
  const auto it = object.find(key);
  if (it == object.end() || !it->is_string()) return "";
  return it->get<std::string>();
}

}  // namespace

namespace {

// A positive size or count from the environment variable `name` into `value`.
Result<void> env_size(const char* name, std::size_t& value) {
  const char* text = std::getenv(name);
  if (text == nullptr || *text == '\0') return {};
  char* end = nullptr;
  errno = 0;
  const unsigned long long parsed = std::strtoull(text, &end, 10);
  if (errno != 0 || *end != '\0' || parsed == 0 || text[0] == '-')
    return invalid_input(std::string("$") + name + ": expected a positive whole number, got '" +
                         text + "'");
  value = static_cast<std::size_t>(parsed);
  return {};
}

}  // namespace

Result<Limits> limits_from_env() {
  Limits limits;
  for (const auto& [name, value] :
       {std::pair<const char*, std::size_t*>{"SITREP_MAX_BYTES", &limits.max_bytes},
        {"SITREP_MAX_DEPTH", &limits.html.max_depth},
        {"SITREP_MAX_ATTRIBUTES", &limits.html.max_attributes},
        {"SITREP_MAX_NODES", &limits.html.max_nodes},
        {"SITREP_MAX_ENTITY_BYTES", &limits.max_entity_bytes}})
    if (auto r = env_size(name, *value); !r) return std::unexpected(r.error());
  if (const char* text = std::getenv("SITREP_TIMEOUT"); text != nullptr && *text != '\0') {
    char* end = nullptr;
    const double seconds = std::strtod(text, &end);
    if (*end != '\0' || !(seconds >= 0) || seconds > 1e6)
      return invalid_input(std::string("$SITREP_TIMEOUT: expected seconds (0: no limit), got '") +
                           text + "'");
    limits.timeout_seconds = seconds;
  }
  return limits;
}

Result<Manifest> load_manifest(const std::string& path) {
  std::ifstream stream(path, std::ios::binary);
  if (!stream)
    return fail(Error::Kind::kNotFound,
                path + ": cannot open manifest (" + std::string(std::strerror(errno)) + ")");
  Manifest manifest;
  std::string line;
  std::size_t line_number = 0;
  while (std::getline(stream, line)) {
    ++line_number;
    if (detail::is_blank(line)) continue;
    detail::repair_utf8(line);
    const std::string where = path + ":" + std::to_string(line_number);
    const auto reject = [&](const std::string& doc, std::string message) {
      manifest.rejected.push_back({where, std::move(message)});
      if (!doc.empty()) manifest.rejected_docs[basename_of(doc)] = where;
    };
    if (line.find('\0') != std::string::npos) {
      reject("", "NUL byte in a manifest line");
      continue;
    }
    const nlohmann::json object = nlohmann::json::parse(line, nullptr, false);
    if (object.is_discarded() || !object.is_object()) {
      reject("", "manifest line is not a JSON object");
      continue;
    }
    ManifestEntry entry;
    entry.doc = json_string(object, "doc");
    if (entry.doc.empty()) {
      reject("", "manifest line has no \"doc\"");
      continue;
    }
    entry.url = json_string(object, "url");
    entry.outlet = json_string(object, "outlet");
    const std::string published = json_string(object, "published");
    entry.published = detail::date_only(published);
    if (entry.published.empty() && !detail::is_blank(published)) {
      reject(entry.doc, detail::invalid_date_message(published));
      continue;
    }
    manifest[basename_of(entry.doc)] = std::move(entry);
  }
  return manifest;
}

namespace {

Loaded load_with(const std::vector<std::string>& paths, const Options& options,
                 const DocumentSink* sink) {
  Loader loader(options, sink);
  if (options.manifest != nullptr)
    for (const auto& e : options.manifest->rejected) loader.reject(e);
  for (const auto& path : paths) loader.load(path);
  return loader.take();
}

}  // namespace

Loaded load_inputs(const std::vector<std::string>& paths, const Options& options) {
  return load_with(paths, options, nullptr);
}

Loaded load_inputs(const std::vector<std::string>& paths, const Options& options,
                   const DocumentSink& sink) {
  return load_with(paths, options, &sink);
}

std::string document_id(const Document&, const CleanText& clean_text) {
  // FNV-1a over the whitespace-collapsed, lower-cased text: stable across runs and machines.
  std::uint64_t hash = 0xcbf29ce484222325ULL;
  const auto mix = [&hash](unsigned char c) {
    hash ^= c;
    hash *= 0x100000001b3ULL;
  };
  bool pending_space = false, started = false;
  for (char ch : clean_text.text) {
    const auto c = static_cast<unsigned char>(ch);
    if (c == ' ' || c == '\n' || c == '\t' || c == '\r' || c == '\f' || c == '\v') {
      pending_space = started;
      continue;
    }
    if (pending_space) mix(' ');
    pending_space = false;
    started = true;
    mix(c >= 'A' && c <= 'Z' ? static_cast<unsigned char>(c - 'A' + 'a') : c);
  }
  char buffer[24];
  std::snprintf(buffer, sizeof buffer, "d-%016llx", static_cast<unsigned long long>(hash));
  return buffer;
}

}  // namespace sitrep::ingest
