// CMake's command-invocation syntax: commands and their arguments, as CMake itself splits them.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "dbsilo/location.h"

namespace dbsilo::cmake {

struct Argument {
  std::string value;  // escapes decoded; ${VAR} and $<...> left as written
  bool quoted = false;  // "..." or [[...]]: never split on ';'
  int line = 0;
  int column = 0;
};

struct Command {
  std::string name;  // lower-cased: CMake command names are case-insensitive
  std::vector<Argument> arguments;
  int line = 0;
  int column = 0;
};

// Line comments (#), bracket comments (#[[ ]], #[==[ ]==]), bracket arguments ([[ ]], [=[ ]=]),
// quoted arguments with escapes and line continuations, unquoted arguments split on ';',
// nested parentheses (kept out of the argument list). Syntax errors: one warning with the line,
// the commands before (and after, where the scan can resume) are kept.
std::vector<Command> parse_commands(std::string_view text, const std::string& path, std::vector<Warning>& warnings);

}  // namespace dbsilo::cmake
