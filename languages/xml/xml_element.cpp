// XmlElement look-ups by local name: manifests mix prefixed and unprefixed names freely.
#include "languages/xml/xml_document.h"

namespace dbsilo {

std::string_view xml_local_name(std::string_view qualified_name) {
  const std::size_t colon = qualified_name.rfind(':');
  return colon == std::string_view::npos ? qualified_name : qualified_name.substr(colon + 1);
}

namespace {

// Namespace declarations (xmlns:p) are not attributes in the XML data model: a look-up by
// local name must not find "p" there, only the full name "xmlns:p" does.
bool is_namespace_declaration(std::string_view attribute_name) {
  return attribute_name.starts_with("xmlns:");
}

}  // namespace

const XmlElement* XmlElement::child(std::string_view local_name) const {
  for (const XmlElement& candidate : children) {
    if (xml_local_name(candidate.name) == local_name) return &candidate;
  }
  return nullptr;
}

std::vector<const XmlElement*> XmlElement::children_named(std::string_view local_name) const {
  std::vector<const XmlElement*> matches;
  for (const XmlElement& candidate : children) {
    if (xml_local_name(candidate.name) == local_name) matches.push_back(&candidate);
  }
  return matches;
}

const std::string* XmlElement::attribute(std::string_view local_name) const {
  for (const auto& [attribute_name, value] : attributes) {
    if (attribute_name == local_name) return &value;
    if (!is_namespace_declaration(attribute_name) && xml_local_name(attribute_name) == local_name) return &value;
  }
  return nullptr;
}

std::string XmlElement::child_text(std::string_view local_name) const {
  const XmlElement* found = child(local_name);
  return found ? found->text : std::string();
}

}  // namespace dbsilo
