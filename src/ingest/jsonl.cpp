#include <nlohmann/json.hpp>

#include "ingest/sources.h"
#include "ingest/text_util.h"

namespace sitrep::ingest::detail {
namespace {

std::string string_field(const nlohmann::json& object, const char* key) {
  const auto it = object.find(key);
  if (it == object.end() || !it->is_string()) return "";
  return it->get<std::string>();
}

}  // namespace

Parsed parse_jsonl(std::string_view bytes, const std::string& source) {
  Parsed parsed;
  const std::string file_name = basename_of(source);
  std::size_t line_number = 0;
  std::size_t pos = 0;
  while (pos < bytes.size()) {
    std::size_t end = bytes.find('\n', pos);
    if (end == std::string_view::npos) end = bytes.size();
    const std::string_view line = trim(bytes.substr(pos, end - pos));
    pos = end + 1;
    ++line_number;
    if (line.empty()) continue;
    const std::string where = source + ":" + std::to_string(line_number);
    // A NUL byte spoils its line only (the file as a whole is not judged binary for it).
    if (const std::size_t nul = line.find('\0'); nul != std::string_view::npos) {
      parsed.errors.push_back({where, "NUL byte at column " + std::to_string(nul + 1)});
      continue;
    }
    // No exceptions: a discarded value marks a parse error.
    const nlohmann::json object = nlohmann::json::parse(line, nullptr, false);
    if (object.is_discarded()) {
      parsed.errors.push_back({where, "not a JSON object (invalid JSON)"});
      continue;
    }
    if (!object.is_object()) {
      parsed.errors.push_back({where, "not a JSON object"});
      continue;
    }
    Document document;
    std::string body = string_field(object, "html");
    document.is_html = !body.empty();
    if (body.empty()) body = string_field(object, "text");
    if (body.empty() || is_blank(body)) {
      parsed.errors.push_back({where, "no \"text\" or \"html\" field with content"});
      continue;
    }
    document.raw = std::move(body);
    document.doc = string_field(object, "doc");
    if (document.doc.empty()) document.doc = file_name + ":" + std::to_string(line_number);
    document.url = string_field(object, "url");
    document.outlet = string_field(object, "outlet");
    const std::string published = string_field(object, "published");
    document.published = date_only(published);
    if (document.published.empty() && !is_blank(published)) {
      parsed.errors.push_back({where, invalid_date_message(published)});
      continue;
    }
    parsed.documents.push_back(std::move(document));
  }
  return parsed;
}

}  // namespace sitrep::ingest::detail

namespace sitrep::ingest {

std::string document_json(const Document& document) {
  nlohmann::json object{{document.is_html ? "html" : "text", document.raw}, {"doc", document.doc}};
  if (!document.url.empty()) object["url"] = document.url;
  if (!document.outlet.empty()) object["outlet"] = document.outlet;
  if (!document.published.empty()) object["published"] = document.published;
  // Raw text is valid UTF-8 after loading; a stray byte is replaced rather than thrown on.
  return object.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

Result<Document> parse_document_json(std::string_view line, const std::string& source) {
  if (line.find('\n') != std::string_view::npos)
    return invalid_input(source + ": more than one line (expected one JSON document)");
  detail::Parsed parsed = detail::parse_jsonl(line, source);
  if (!parsed.errors.empty())
    return invalid_input(parsed.errors.front().input + ": " + parsed.errors.front().message);
  if (parsed.documents.size() != 1) return invalid_input(source + ": empty (no JSON document)");
  return std::move(parsed.documents.front());
}

}  // namespace sitrep::ingest
