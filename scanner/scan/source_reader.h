// Reads a walked file for extraction, checking again at open time what the walk saw.
#pragma once

#include <sys/stat.h>

#include <cstddef>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "dbsilo/location.h"

namespace dbsilo {

// Configuration files are small; anything bigger is generated data, not worth parsing, and the
// cap bounds the memory one file can take (the front ends hold a few copies of it at most).
inline constexpr std::size_t kMaxSourceFileBytes = 8u << 20;

// The tree may change between the walk and the read (another process, a checkout in progress):
// a file may vanish, grow past the cap, or be swapped for a FIFO, a device or a link out of the
// root. Each is a warning at the file's path and nullopt, never a hang or a read outside `root`.
// Binary content (a NUL in the first 8 KiB) is skipped with a warning; invalid UTF-8 is read as
// it is (printers replace what they cannot encode) with a warning naming the first bad line.
// `opened` (optional) receives the open file's fstat, taken before any byte is read.
std::optional<std::string> read_source_file(const std::filesystem::path& root, const std::string& relative_path,
                                            std::vector<Warning>& warnings, struct stat* opened = nullptr);

// 1-based line of the first byte sequence that is not UTF-8 (overlong forms, surrogates and
// code points past U+10FFFF included); 0 when `text` is valid.
int first_invalid_utf8_line(std::string_view text);

}  // namespace dbsilo
