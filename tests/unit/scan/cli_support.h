// Runs the built dbsilo binary and captures its output and exit code (for end-to-end tests).
#pragma once

#include <sys/wait.h>

#include <array>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

namespace dbsilo::testing {

struct CommandResult {
  int exit_code = -1;
  std::string output;  // stdout and stderr together
};

inline CommandResult run_dbsilo(const std::string& arguments, const std::string& environment = "") {
  const std::string command = environment + " " + std::string(DBSILO_BINARY) + " " + arguments + " 2>&1";
  CommandResult result;
  FILE* pipe = popen(command.c_str(), "r");
  if (!pipe) return result;
  std::array<char, 4096> buffer{};
  std::size_t read = 0;
  while ((read = fread(buffer.data(), 1, buffer.size(), pipe)) > 0) result.output.append(buffer.data(), read);
  const int status = pclose(pipe);
  result.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  return result;
}

inline std::string read_text(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

// A framed report of the first difference between two texts, readable in CI logs.
inline std::string first_difference(const std::string& expected, const std::string& actual) {
  std::istringstream expected_lines(expected);
  std::istringstream actual_lines(actual);
  std::string want;
  std::string got;
  int line = 0;
  while (true) {
    const bool more_want = static_cast<bool>(std::getline(expected_lines, want));
    const bool more_got = static_cast<bool>(std::getline(actual_lines, got));
    ++line;
    if (!more_want && !more_got) return "identical";
    if (!more_want) want = "<end of file>";
    if (!more_got) got = "<end of file>";
    if (want != got) {
      return "---- first difference at line " + std::to_string(line) + " ----\nexpected: " + want + "\ngot:      " + got +
             "\n--------------------------------------";
    }
  }
}

inline const std::filesystem::path& source_dir() {
  static const std::filesystem::path dir(DBSILO_SOURCE_DIR);
  return dir;
}

}  // namespace dbsilo::testing
