// A small read-only XML tree built with tree-sitter-xml: elements, attributes, text, positions.
#pragma once

#include <cstddef>
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

// Elements nested deeper than this are dropped with one warning: deep nesting is never
// legitimate in the manifests we read, and the grammar's scanner cannot hold such a stack.
inline constexpr int kMaxXmlDepth = 512;
// Larger files are not parsed (one warning): tree-sitter needs ~80 bytes of memory per byte.
inline constexpr std::size_t kMaxXmlBytes = 4u * 1024u * 1024u;

// Parses `text`. Syntax errors yield a warning with their line in `path`; whatever parsed is kept.
// Comments, processing instructions and the doctype are ignored. Binary input (NUL bytes),
// files over kMaxXmlBytes and nesting over kMaxXmlDepth are reported, never a crash.
XmlDocument parse_xml(std::string_view text, const std::string& path, std::vector<Warning>& warnings);

// Decodes the predefined entities (&amp; &lt; &gt; &quot; &apos;) and character references
// (&#NN; &#xNN;). Unknown entities and invalid references are kept as written.
std::string decode_xml_references(std::string_view raw);

// "beans:bean" -> "bean"; a name without a prefix is returned whole.
std::string_view xml_local_name(std::string_view qualified_name);

}  // namespace dbsilo
