// A small read-only XML tree built with tree-sitter-xml: elements, attributes, text, positions.
#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "dbsilo/location.h"

namespace dbsilo {

struct XmlElement {
  std::string name;  // qualified name as written ("beans:bean")
  std::vector<std::pair<std::string, std::string>> attributes;  // entity references decoded
  std::string text;  // concatenated character data and CDATA directly inside, trimmed, decoded
  int line = 0;      // 1-based position of the start tag
  int column = 0;
  std::vector<XmlElement> children;

  // First direct child with this local name (prefix ignored), or nullptr.
  const XmlElement* child(std::string_view local_name) const;
  // Every direct child with this local name.
  std::vector<const XmlElement*> children_named(std::string_view local_name) const;
  // Attribute value by local name, or nullptr.
  const std::string* attribute(std::string_view local_name) const;
  // Text of the first child with this local name, or "".
  std::string child_text(std::string_view local_name) const;
};

struct XmlDocument {
  std::unique_ptr<XmlElement> root;  // nullptr when there is no root element
};

// Parses `text`. Syntax errors yield a warning with their line in `path`; whatever parsed is kept.
XmlDocument parse_xml(std::string_view text, const std::string& path, std::vector<Warning>& warnings);

}  // namespace dbsilo
