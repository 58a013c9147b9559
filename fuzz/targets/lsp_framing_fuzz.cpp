// Fuzz target: LSP Content-Length framing over a byte stream that arrives in arbitrary pieces.
#include <cstdlib>
#include <string>

#include "fuzz/fuzz_support.h"
#include "scanner/lsp/framing.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const auto [selector, stream] = dbsilo::fuzz::split_selector(dbsilo::fuzz::as_text(data, size));
  // The selector sets the chunk size, so headers and bodies get split at every offset.
  const std::size_t chunk = 1 + selector % 64;
  dbsilo::lsp::FrameReader reader;
  std::size_t body_bytes = 0;
  for (std::size_t at = 0; at < stream.size(); at += chunk) {
    for (const auto& frame : reader.feed(stream.substr(at, chunk))) body_bytes += frame.body.size();
  }
  // The reader may hold an unfinished frame, never more than it was given.
  if (reader.buffered() > stream.size() || body_bytes > stream.size()) std::abort();
  // A framed body must come back out whole.
  const std::string body(stream.substr(0, 256));
  dbsilo::lsp::FrameReader echo;
  const auto frames = echo.feed(dbsilo::lsp::frame_message(body));
  if (frames.size() != 1 || frames.front().body != body || !frames.front().error.empty()) std::abort();
  return 0;
}
