// Bracket nesting of C-family source (Java, C++). Real code nests a few dozen levels; a file
// nested hundreds deep is generated or hostile, and libclang cuts its parse off at 256 brackets
// (-fbracket-depth), silently. Finding the spot lets the scan say so at its location.
#pragma once

#include <cstddef>
#include <optional>
#include <string_view>

namespace dbsilo {

// libclang's default bracket depth; Java uses the same so both languages warn alike.
inline constexpr std::size_t kMaxBracketNesting = 256;

struct NestingPosition {
  int line = 1;    // 1-based
  int column = 1;  // 1-based, in bytes
};

// Where the (), [] and {} nesting first goes deeper than `limit`, skipping comments, string and
// character literals, Java text blocks and C++ raw strings; nullopt if it never does.
std::optional<NestingPosition> find_nesting_deeper_than(std::string_view source, std::size_t limit);

}  // namespace dbsilo
