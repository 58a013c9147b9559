// Entity and character reference decoding for XML text and attribute values.
#include "dbsilo/text.h"
#include <array>
#include <cstdint>
#include <optional>
#include <utility>

#include "languages/xml/xml_document.h"

namespace dbsilo {

namespace {

// The five entities XML predefines; any other needs a DTD we do not read. Sorted by name.
constexpr std::array<std::pair<std::string_view, std::string_view>, 5> kPredefinedEntities{{
    {"amp", "&"},
    {"apos", "'"},
    {"gt", ">"},
    {"lt", "<"},
    {"quot", "\""},
}};

// A reference longer than this cannot be valid (longest: "&#x10FFFF;" and padded decimals).
constexpr std::size_t kMaxReferenceLength = 32;

std::optional<std::uint32_t> parse_code_point(std::string_view digits, int base) {
  if (digits.empty()) return std::nullopt;
  std::uint32_t value = 0;
  for (char c : digits) {
    int digit = -1;
    if (c >= '0' && c <= '9') digit = c - '0';
    else if (base == 16 && c >= 'a' && c <= 'f') digit = c - 'a' + 10;
    else if (base == 16 && c >= 'A' && c <= 'F') digit = c - 'A' + 10;
    if (digit < 0) return std::nullopt;
    value = value * static_cast<std::uint32_t>(base) + static_cast<std::uint32_t>(digit);
    if (value > 0x10FFFF) return std::nullopt;  // also stops overflow on long digit runs
  }
  const bool is_surrogate = value >= 0xD800 && value <= 0xDFFF;
  if (value == 0 || is_surrogate) return std::nullopt;
  return value;
}


// `body` is what stands between '&' and ';'. Returns false when it is not a reference we know.
bool append_reference(std::string& out, std::string_view body) {
  if (body.starts_with("#x") || body.starts_with("#X")) {
    const auto code_point = parse_code_point(body.substr(2), 16);
    if (code_point) append_utf8(out, *code_point);
    return code_point.has_value();
  }
  if (body.starts_with('#')) {
    const auto code_point = parse_code_point(body.substr(1), 10);
    if (code_point) append_utf8(out, *code_point);
    return code_point.has_value();
  }
  for (const auto& [name, replacement] : kPredefinedEntities) {
    if (name == body) {
      out += replacement;
      return true;
    }
  }
  return false;
}

}  // namespace

std::string decode_xml_references(std::string_view raw) {
  std::string decoded;
  decoded.reserve(raw.size());
  std::size_t position = 0;
  while (position < raw.size()) {
    const std::size_t ampersand = raw.find('&', position);
    if (ampersand == std::string_view::npos) break;
    decoded.append(raw.substr(position, ampersand - position));
    const std::size_t semicolon = raw.substr(0, ampersand + kMaxReferenceLength).find(';', ampersand);
    if (semicolon == std::string_view::npos || !append_reference(decoded, raw.substr(ampersand + 1, semicolon - ampersand - 1))) {
      decoded += '&';  // not a reference: keep the ampersand and go on after it
      position = ampersand + 1;
      continue;
    }
    position = semicolon + 1;
  }
  decoded.append(raw.substr(position));
  return decoded;
}

}  // namespace dbsilo
