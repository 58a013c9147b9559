// Character-level scanning shared by the connection-string readers: nesting-aware splits, ports, %XX.
#include <charconv>

#include "dbsilo/text.h"
#include "languages/datastore/connection_parts.h"

namespace dbsilo::connection_parts {
namespace {

bool opens_group(std::string_view text, std::size_t at, unsigned nesting) {
  const char c = text[at];
  if (c == '{') {
    if (nesting & nesting::braces) return true;
    return (nesting & nesting::placeholders) && at > 0 && text[at - 1] == '$';
  }
  if (c == '(') return (nesting & nesting::parens) != 0;
  if (c == '[') return (nesting & nesting::brackets) != 0;
  return false;
}

bool closes_group(char c, unsigned nesting) {
  if (c == '}') return (nesting & (nesting::braces | nesting::placeholders)) != 0;
  if (c == ')') return (nesting & nesting::parens) != 0;
  if (c == ']') return (nesting & nesting::brackets) != 0;
  return false;
}

// Calls `visit(position)` for each top-level occurrence of any of `targets`; stops when it returns
// false. One depth counter for every kind of group: mismatched closers are tolerated, never fatal.
template <typename Visit>
void scan_top_level(std::string_view text, std::string_view targets, unsigned nesting, Visit visit) {
  std::size_t depth = 0;
  for (std::size_t at = 0; at < text.size(); ++at) {
    if (depth == 0 && targets.find(text[at]) != std::string_view::npos && !visit(at)) return;
    if (opens_group(text, at, nesting)) {
      ++depth;
    } else if (depth > 0 && closes_group(text[at], nesting)) {
      --depth;
    }
  }
}

}  // namespace

std::size_t find_top_level(std::string_view text, std::string_view targets, unsigned nesting) {
  std::size_t found = std::string_view::npos;
  scan_top_level(text, targets, nesting, [&](std::size_t at) {
    found = at;
    return false;
  });
  return found;
}

std::vector<std::size_t> top_level_positions(std::string_view text, char target, unsigned nesting) {
  std::vector<std::size_t> positions;
  scan_top_level(text, std::string_view(&target, 1), nesting, [&](std::size_t at) {
    positions.push_back(at);
    return true;
  });
  return positions;
}

std::vector<std::string_view> split_top_level(std::string_view text, std::string_view separators, unsigned nesting) {
  std::vector<std::string_view> pieces;
  std::size_t start = 0;
  scan_top_level(text, separators, nesting, [&](std::size_t at) {
    pieces.push_back(text.substr(start, at - start));
    start = at + 1;
    return true;
  });
  pieces.push_back(text.substr(start));
  return pieces;
}

namespace {

// Position just past the '}' that closes the braced value opening at `open`; text end if none.
std::size_t past_braced_value(std::string_view text, std::size_t open) {
  for (std::size_t at = open + 1; at < text.size(); ++at) {
    if (text[at] != '}') continue;
    if (at + 1 < text.size() && text[at + 1] == '}') {
      ++at;  // "}}" is an escaped '}'
      continue;
    }
    return at + 1;
  }
  return text.size();
}

}  // namespace

std::vector<std::string_view> split_braced_properties(std::string_view text) {
  std::vector<std::string_view> pieces;
  std::size_t start = 0;
  bool in_value = false;
  for (std::size_t at = 0; at < text.size(); ++at) {
    if (text[at] == ';') {
      pieces.push_back(text.substr(start, at - start));
      start = at + 1;
      in_value = false;
    } else if (text[at] == '=' && !in_value) {
      in_value = true;
      const std::size_t value = text.find_first_not_of(" \t", at + 1);
      if (value != std::string_view::npos && text[value] == '{') at = past_braced_value(text, value) - 1;
    }
  }
  pieces.push_back(text.substr(start));
  return pieces;
}

std::optional<int> parse_port(std::string_view text) {
  text = trim(text);
  if (text.empty() || text.size() > 5) return std::nullopt;
  int port = 0;
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), port);
  if (error != std::errc() || end != text.data() + text.size()) return std::nullopt;
  if (port < 1 || port > 65535 || text.front() == '+' || text.front() == '-') return std::nullopt;
  return port;
}

std::string percent_decode(std::string_view text) {
  std::string decoded;
  decoded.reserve(text.size());
  for (std::size_t at = 0; at < text.size(); ++at) {
    if (text[at] == '%' && at + 2 < text.size() && hex_value(text[at + 1]) >= 0 && hex_value(text[at + 2]) >= 0) {
      decoded += static_cast<char>(hex_value(text[at + 1]) * 16 + hex_value(text[at + 2]));
      at += 2;
    } else {
      decoded += text[at];
    }
  }
  return decoded;
}

std::string_view strip_enclosing(std::string_view text, char open, char close) {
  if (text.size() >= 2 && text.front() == open && text.back() == close) return text.substr(1, text.size() - 2);
  return text;
}

std::string_view usable_text(std::string_view text) {
  // Real connection strings are short (an Oracle DESCRIPTION list is the longest, a few KiB);
  // the cap keeps a minified blob handed over by mistake from costing anything.
  constexpr std::size_t longest_plausible = 64 * 1024;
  if (text.size() > longest_plausible) return {};
  text = trim(text);
  for (const char quote : {'"', '\'', '`'}) {
    const std::string_view unquoted = strip_enclosing(text, quote, quote);
    if (unquoted.size() != text.size()) return trim(unquoted);
  }
  return text;
}

}  // namespace dbsilo::connection_parts
