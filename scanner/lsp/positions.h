// LSP positions: lines and UTF-16 code units, converted to and from dbsilo's 1-based byte columns.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace dbsilo::lsp {

// The text of 0-based line `line_index` without its line break ("" past the end).
std::string_view line_text(std::string_view text, int line_index);

// UTF-16 code units in the first `byte_count` bytes of `line`. A byte of invalid UTF-8 counts as
// one unit, the way editors show it as one replacement character.
int utf16_length(std::string_view line, std::size_t byte_count);

// Byte offset in `text` of an LSP position (0-based line, UTF-16 character), clamped to the line's
// end and the text's end, never inside a UTF-8 sequence.
std::size_t byte_offset(std::string_view text, int line_index, int utf16_character);

// Applies one textDocument/didChange edit: replaces the bytes between two LSP positions.
void replace_range(std::string& text, int start_line, int start_character, int end_line, int end_character, std::string_view replacement);

// file:// URIs <-> absolute paths (percent-encoding per RFC 3986; '/' kept).
std::string path_to_uri(const std::string& absolute_path);
// "" when `uri` is not a file URI.
std::string uri_to_path(std::string_view uri);

}  // namespace dbsilo::lsp
