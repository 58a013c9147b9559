// Helpers shared by the configuration front ends: key joining, locations, secret redaction.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "dbsilo/facts.h"

namespace dbsilo::config_support {

// `parent.child`; a child written as `[a.b]` (Spring's bracket notation for keys that hold
// dots) loses its brackets. A top-level child is returned alone.
std::string join_key(std::string_view parent, std::string_view child);

// `parent[index]` for sequence items.
std::string index_key(std::string_view parent, std::size_t index);

// Replaces the value of every entry whose key is_secret_key by its digest (value becomes "").
// Every front end calls this last, so no caller ever sees a secret value.
void redact_secret_values(ConfigFileFacts& facts);

// 1-based line of a byte offset in `text` (offsets past the end count as the last line).
int line_of_offset(std::string_view text, std::size_t offset);

// 1-based column of a byte offset: bytes since the previous '\n', plus one.
int column_of_offset(std::string_view text, std::size_t offset);

// Text without a leading UTF-8 byte order mark.
std::string_view without_byte_order_mark(std::string_view text);

}  // namespace dbsilo::config_support
