// Content-Length framing: headers are ASCII lines ending in CRLF, then a blank line, then the body.
#include "scanner/lsp/framing.h"

#include <charconv>

#include "dbsilo/text.h"

namespace dbsilo::lsp {
namespace {

constexpr std::string_view kHeaderEnd = "\r\n\r\n";

// The Content-Length of a header section, or an error message.
bool content_length_of(std::string_view headers, std::size_t& length, std::string& error) {
  bool found = false;
  for (const auto& line : split(headers, '\n')) {
    const std::string_view header = trim(line);
    if (header.empty()) continue;
    const auto colon = header.find(':');
    if (colon == std::string_view::npos) {
      error = "header line without ':'";
      return false;
    }
    if (to_lower(trim(header.substr(0, colon))) != "content-length") continue;  // Content-Type and others: nothing to do
    const std::string_view value = trim(header.substr(colon + 1));
    std::size_t parsed = 0;
    const auto [end, status] = std::from_chars(value.data(), value.data() + value.size(), parsed);
    if (value.empty() || status != std::errc() || end != value.data() + value.size()) {
      error = "Content-Length is not a number";
      return false;
    }
    if (parsed > kMaxBodyBytes) {
      error = "Content-Length " + std::to_string(parsed) + " is over the " + std::to_string(kMaxBodyBytes) + "-byte limit";
      return false;
    }
    length = parsed;
    found = true;
  }
  if (!found) error = "header without Content-Length";
  return found;
}

}  // namespace

std::vector<Frame> FrameReader::feed(std::string_view bytes) {
  buffer_.append(bytes);
  std::vector<Frame> frames;
  std::size_t consumed = 0;
  while (consumed < buffer_.size()) {
    const std::string_view rest = std::string_view(buffer_).substr(consumed);
    const auto header_end = rest.find(kHeaderEnd);
    if (header_end == std::string_view::npos) {
      if (rest.size() > kMaxHeaderBytes) {
        // No header this long exists: drop it, keeping the tail in case a real header starts there.
        frames.push_back({{}, "no end of header within " + std::to_string(kMaxHeaderBytes) + " bytes"});
        consumed = buffer_.size() - kHeaderEnd.size();
      }
      break;
    }
    std::size_t length = 0;
    std::string error;
    if (!content_length_of(rest.substr(0, header_end), length, error)) {
      frames.push_back({{}, error});
      // Garbage glued to the front of a real header: resume at its Content-Length. Otherwise skip
      // the bad header only; the next one starts right after its blank line.
      const auto restart = to_lower(rest.substr(1, header_end)).find("content-length:");
      consumed += restart != std::string::npos ? restart + 1 : header_end + kHeaderEnd.size();
      continue;
    }
    const std::size_t body_start = header_end + kHeaderEnd.size();
    if (rest.size() - body_start < length) break;  // the body has not all arrived yet
    frames.push_back({std::string(rest.substr(body_start, length)), {}});
    consumed += body_start + length;
  }
  buffer_.erase(0, consumed);
  return frames;
}

std::string frame_message(std::string_view body) {
  std::string framed = "Content-Length: " + std::to_string(body.size()) + "\r\n\r\n";
  framed.append(body);
  return framed;
}

}  // namespace dbsilo::lsp
