// RSS/Atom parsing with libxml2; URL fetching through ingest/http.h.
#include <libxml/entities.h>
#include <libxml/parser.h>
#include <libxml/tree.h>

#include <cstring>
#include <memory>
#include <mutex>
#include <utility>
#include <vector>

#include "ingest/feed.h"
#include "ingest/http.h"
#include "ingest/sources.h"
#include "ingest/text_util.h"

namespace sitrep::ingest::detail {
namespace {

bool named(const xmlNode* node, const char* name) {
  return node->type == XML_ELEMENT_NODE &&
         std::strcmp(reinterpret_cast<const char*>(node->name), name) == 0;
}

// The text of nodes, with entity references expanded as xmlNodeGetContent does, but iteratively
// and within a budget: an internal entity repeated a few thousand times would otherwise expand
// to gigabytes. The budget counts the bytes that come from entities, over the whole feed.
class FeedText {
 public:
  explicit FeedText(std::size_t max_entity_bytes) : left_(max_entity_bytes) {}
  bool exceeded() const { return exceeded_; }

  // Concatenated text below `first` and its following siblings.
  std::string of(const xmlNode* first) {
    std::string out;
    std::vector<std::pair<const xmlNode*, bool>> pending{{first, false}};  // node, in an entity
    while (!pending.empty() && !exceeded_) {
      const auto [node, in_entity] = pending.back();
      pending.pop_back();
      if (node == nullptr) continue;
      pending.push_back({node->next, in_entity});
      switch (node->type) {
        case XML_TEXT_NODE:
        case XML_CDATA_SECTION_NODE:
          if (node->content != nullptr)
            append(out, reinterpret_cast<const char*>(node->content), in_entity);
          break;
        case XML_ELEMENT_NODE:
          pending.push_back({node->children, in_entity});
          break;
        case XML_ENTITY_REF_NODE: {
          const xmlEntity* entity = xmlGetDocEntity(node->doc, node->name);
          if (entity == nullptr) break;
          if (entity->children != nullptr)
            pending.push_back({entity->children, true});
          else if (entity->content != nullptr)
            append(out, reinterpret_cast<const char*>(entity->content), true);
          break;
        }
        default:
          break;
      }
    }
    return out;
  }

 private:
  void append(std::string& out, const char* text, bool from_entity) {
    const std::size_t length = std::strlen(text);
    if (from_entity) {
      if (length > left_) {
        exceeded_ = true;
        return;
      }
      left_ -= length;
    }
    out.append(text, length);
  }

  std::size_t left_;
  bool exceeded_ = false;
};

std::string node_text(FeedText& text, const xmlNode* node) {
  return std::string(trim(text.of(node->children)));
}

std::string attribute(FeedText& text, const xmlNode* node, const char* name) {
  const xmlAttr* attr = xmlHasProp(node, reinterpret_cast<const xmlChar*>(name));
  if (attr == nullptr) return "";
  return text.of(attr->children);
}

const xmlNode* child(const xmlNode* parent, const char* name) {
  for (const xmlNode* node = parent->children; node != nullptr; node = node->next)
    if (named(node, name)) return node;
  return nullptr;
}

std::string child_text(FeedText& text, const xmlNode* parent, const char* name) {
  const xmlNode* node = child(parent, name);
  return node == nullptr ? "" : node_text(text, node);
}

std::string escape_html(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (char c : text) {
    switch (c) {
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '&':
        out += "&amp;";
        break;
      default:
        out += c;
    }
  }
  return out;
}

// Atom content may be type="text"; everything else is treated as HTML.
std::string as_html(FeedText& feed_text, const xmlNode* node) {
  if (node == nullptr) return "";
  const std::string type = attribute(feed_text, node, "type");
  const std::string text = node_text(feed_text, node);
  if (type == "text") return "<p>" + escape_html(text) + "</p>";
  return text;
}

using Item = FeedEntry;

Document to_document(const Item& item, const std::string& outlet, const std::string& fallback) {
  Document document;
  document.doc = item.link.empty() ? fallback : item.link;
  document.url = item.link;
  document.outlet = outlet;
  document.published = date_only(item.published);
  document.is_html = true;
  document.raw = "<html><head><title>" + escape_html(item.title) + "</title></head><body>";
  if (!item.title.empty()) document.raw += "<h1>" + escape_html(item.title) + "</h1>";
  document.raw += item.body;
  document.raw += "</body></html>";
  return document;
}

Item rss_item(FeedText& text, const xmlNode* node) {
  Item item;
  item.title = child_text(text, node, "title");
  item.guid = child_text(text, node, "guid");
  item.link = child_text(text, node, "link");
  if (item.link.empty()) item.link = item.guid;
  item.published = child_text(text, node, "pubDate");
  if (item.published.empty()) item.published = child_text(text, node, "date");  // dc:date
  item.body = child_text(text, node, "encoded");                                // content:encoded
  if (item.body.empty()) item.body = child_text(text, node, "description");
  return item;
}

Item atom_entry(FeedText& text, const xmlNode* node) {
  Item item;
  item.title = child_text(text, node, "title");
  item.guid = child_text(text, node, "id");
  for (const xmlNode* link = node->children; link != nullptr; link = link->next) {
    if (!named(link, "link")) continue;
    const std::string rel = attribute(text, link, "rel");
    if (rel.empty() || rel == "alternate") {
      item.link = attribute(text, link, "href");
      break;
    }
  }
  item.published = child_text(text, node, "published");
  if (item.published.empty()) item.published = child_text(text, node, "updated");
  item.body = as_html(text, child(node, "content"));
  if (item.body.empty()) item.body = as_html(text, child(node, "summary"));
  return item;
}

void silence_xml_errors(void*, const char*, ...) {}

Result<Feed> read_feed_impl(std::string_view bytes, const std::string& source,
                            std::size_t max_entity_bytes) {
  Feed feed;
  FeedText text(max_entity_bytes);
  if (bytes.size() > static_cast<std::size_t>(INT32_MAX))
    return invalid_input("feed too large to parse");
  xmlSetGenericErrorFunc(nullptr, silence_xml_errors);
  // NONET, no DTD loading, no entity substitution and no XML_PARSE_HUGE: a feed from the network
  // must not make us read files or lift libxml2's own limits. Internal entities are expanded
  // by FeedText, within max_entity_bytes.
  std::unique_ptr<xmlDoc, decltype(&xmlFreeDoc)> xml(
      xmlReadMemory(bytes.data(), static_cast<int>(bytes.size()), source.c_str(), nullptr,
                    XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING),
      &xmlFreeDoc);
  if (!xml) {
    const xmlError* error = xmlGetLastError();
    std::string why = "malformed feed (not well-formed XML";
    if (error != nullptr && error->message != nullptr) {
      why += ": " + std::string(trim(error->message));
      if (error->line > 0) why += " at line " + std::to_string(error->line);
    }
    return invalid_input(why + ")");
  }
  const xmlNode* root = xmlDocGetRootElement(xml.get());
  std::vector<Item>& items = feed.entries;
  std::string& outlet = feed.title;
  if (root != nullptr && named(root, "rss")) {
    const xmlNode* channel = child(root, "channel");
    if (channel == nullptr) return invalid_input("malformed feed (RSS without a channel)");
    outlet = child_text(text, channel, "title");
    for (const xmlNode* node = channel->children; node != nullptr; node = node->next)
      if (named(node, "item")) items.push_back(rss_item(text, node));
  } else if (root != nullptr && named(root, "RDF")) {
    if (const xmlNode* channel = child(root, "channel"))
      outlet = child_text(text, channel, "title");
    for (const xmlNode* node = root->children; node != nullptr; node = node->next)
      if (named(node, "item")) items.push_back(rss_item(text, node));
  } else if (root != nullptr && named(root, "feed")) {
    outlet = child_text(text, root, "title");
    for (const xmlNode* node = root->children; node != nullptr; node = node->next)
      if (named(node, "entry")) items.push_back(atom_entry(text, node));
  } else {
    return invalid_input("malformed feed (root element is not rss, RDF or feed)");
  }
  if (text.exceeded())
    return invalid_input("feed refused: its entities expand to more than " +
                         std::to_string(max_entity_bytes) +
                         " bytes of text (limit: --max-entity-bytes, $SITREP_MAX_ENTITY_BYTES)");
  return feed;
}

}  // namespace

Parsed parse_feed(std::string_view bytes, const std::string& source, std::size_t max_entity_bytes) {
  Parsed parsed;
  auto feed = read_feed_impl(bytes, source, max_entity_bytes);
  if (!feed) {
    parsed.errors.push_back({source, feed.error().message});
    return parsed;
  }
  const auto& items = feed->entries;
  for (std::size_t i = 0; i < items.size(); ++i) {
    const std::string fallback = source + "#" + std::to_string(i + 1);
    if (is_blank(items[i].body) && is_blank(items[i].title)) {
      parsed.errors.push_back({items[i].link.empty() ? fallback : items[i].link,
                               "feed item without title, content or description"});
      continue;
    }
    parsed.documents.push_back(to_document(items[i], feed->title, fallback));
  }
  return parsed;
}

Result<std::string> fetch_url(const std::string& url, std::size_t max_bytes) {
  HttpRequest request;
  request.url = url;
  request.max_bytes = max_bytes;
  request.timeout_seconds = 60;
  auto response = http_get(request);
  if (!response) return std::unexpected(response.error());
  return std::move(response->body);
}

Result<Document> page_document(std::string bytes, const std::string& content_type,
                               const std::string& url, const std::string& outlet,
                               const std::string& published) {
  if (detail::is_blank(bytes)) return invalid_input("empty page");
  if (const std::string why = detail::binary_reason(bytes); !why.empty()) return invalid_input(why);
  Document document;
  document.doc = url;
  document.url = url;
  document.outlet = outlet;
  document.published = detail::date_only(published);
  const std::string type = detail::ascii_lower(content_type);
  const std::string head =
      detail::ascii_lower(detail::trim(std::string_view(bytes).substr(0, 512)));
  document.is_html = type.find("html") != std::string::npos || head.starts_with("<!doctype html") ||
                     head.starts_with("<html") || head.find("<body") != std::string::npos;
  if (const std::size_t replaced = detail::repair_utf8(bytes); replaced > 0)
    document.warnings.push_back("invalid UTF-8 repaired at " + std::to_string(replaced) +
                                (replaced == 1 ? " place" : " places") + " (U+FFFD)");
  document.raw = std::move(bytes);
  return document;
}

}  // namespace sitrep::ingest::detail

namespace sitrep::ingest {

Result<Feed> read_feed(std::string_view bytes, const std::string& source,
                       std::size_t max_entity_bytes) {
  return detail::read_feed_impl(bytes, source, max_entity_bytes);
}

Document entry_document(const FeedEntry& entry, const std::string& outlet,
                        const std::string& fallback_name) {
  return detail::to_document(entry, outlet, fallback_name);
}

Result<Document> page_document(std::string bytes, const std::string& content_type,
                               const std::string& url, const std::string& outlet,
                               const std::string& published) {
  if (detail::is_blank(bytes)) return invalid_input("empty page");
  if (const std::string why = detail::binary_reason(bytes); !why.empty()) return invalid_input(why);
  Document document;
  document.doc = url;
  document.url = url;
  document.outlet = outlet;
  document.published = detail::date_only(published);
  const std::string type = detail::ascii_lower(content_type);
  const std::string head =
      detail::ascii_lower(detail::trim(std::string_view(bytes).substr(0, 512)));
  document.is_html = type.find("html") != std::string::npos || head.starts_with("<!doctype html") ||
                     head.starts_with("<html") || head.find("<body") != std::string::npos;
  if (const std::size_t replaced = detail::repair_utf8(bytes); replaced > 0)
    document.warnings.push_back("invalid UTF-8 repaired at " + std::to_string(replaced) +
                                (replaced == 1 ? " place" : " places") + " (U+FFFD)");
  document.raw = std::move(bytes);
  return document;
}

}  // namespace sitrep::ingest
