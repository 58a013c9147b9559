// LSP base protocol framing (Content-Length headers), apart from dispatch so it can be fuzzed alone.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace dbsilo::lsp {

// A body bigger than this is refused: no editor sends one, and buffering it would only eat memory.
inline constexpr std::size_t kMaxBodyBytes = 64u << 20;
// A header section longer than this without its blank line is garbage, not a slow header.
inline constexpr std::size_t kMaxHeaderBytes = 8u << 10;

// One framed message, or why a header was skipped (the reader resynchronises and goes on).
struct Frame {
  std::string body;   // the JSON text, when `error` is empty
  std::string error;  // what was wrong with the header
};

// Turns a byte stream into frames. Bytes may arrive split anywhere, even inside a header.
class FrameReader {
 public:
  // Appends `bytes` and returns every frame they complete, in order.
  std::vector<Frame> feed(std::string_view bytes);
  // Bytes held that do not make a whole frame yet.
  std::size_t buffered() const { return buffer_.size(); }

 private:
  std::string buffer_;
};

// "Content-Length: N\r\n\r\n" + body.
std::string frame_message(std::string_view body);

}  // namespace dbsilo::lsp
