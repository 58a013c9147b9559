// compile_commands.json: per-file flags, so a file is parsed as its build parses it.
#include <fstream>

#include <nlohmann/json.hpp>

#include "dbsilo/text.h"
#include "languages/cpp/cpp_extractor.h"

namespace dbsilo {
namespace {

// `command` strings are shell words: split on blanks, honour quotes and backslashes.
std::vector<std::string> shell_words(std::string_view command) {
  std::vector<std::string> words;
  std::string word;
  bool in_word = false;
  char quote = 0;
  for (std::size_t i = 0; i < command.size(); ++i) {
    const char c = command[i];
    if (quote) {
      if (c == quote) {
        quote = 0;
      } else if (c == '\\' && quote == '"' && i + 1 < command.size()) {
        word += command[++i];
      } else {
        word += c;
      }
    } else if (c == '"' || c == '\'') {
      quote = c;
      in_word = true;
    } else if (c == '\\' && i + 1 < command.size()) {
      word += command[++i];
      in_word = true;
    } else if (c == ' ' || c == '\t' || c == '\n') {
      if (in_word) words.push_back(std::move(word));
      word.clear();
      in_word = false;
    } else {
      word += c;
      in_word = true;
    }
  }
  if (in_word) words.push_back(std::move(word));
  return words;
}

// Drops what only a compilation needs: the compiler, -c, -o FILE, the source itself; relative
// include paths become absolute so the parse does not depend on the scanner's working directory.
std::vector<std::string> parse_flags(const std::vector<std::string>& words, const std::string& source, const std::filesystem::path& directory) {
  std::vector<std::string> flags;
  for (std::size_t i = 1; i < words.size(); ++i) {
    const std::string& word = words[i];
    if (word == "-c" || word == source) continue;
    if (word == "-o" || word == "-MF" || word == "-MT" || word == "-MQ") {
      ++i;
      continue;
    }
    if (word.starts_with("-o") || word == "-MD" || word == "-MMD") continue;
    if ((word.starts_with("-I") || word.starts_with("-isystem")) && word.size() > 2) {
      const std::string prefix = word.starts_with("-I") ? "-I" : "-isystem";
      const std::filesystem::path include = word.substr(prefix.size());
      flags.push_back(prefix + (include.is_absolute() ? include : directory / include).lexically_normal().string());
      continue;
    }
    flags.push_back(word);
  }
  return flags;
}

}  // namespace

std::map<std::string, CompileFlags> read_compile_commands(const std::filesystem::path& file, const std::filesystem::path& root,
                                                          std::vector<Warning>& warnings) {
  std::map<std::string, CompileFlags> flags_by_path;
  std::ifstream in(file, std::ios::binary);
  if (!in) {
    warnings.push_back({{file.string(), 0, 0}, "could not open compile_commands.json; C++ files are parsed without their build flags"});
    return flags_by_path;
  }
  nlohmann::json entries = nlohmann::json::parse(in, nullptr, false);
  if (entries.is_discarded() || !entries.is_array()) {
    warnings.push_back({{file.string(), 0, 0}, "compile_commands.json is not a JSON array of entries; C++ files are parsed without their build flags"});
    return flags_by_path;
  }
  std::error_code error;
  const std::filesystem::path canonical_root = std::filesystem::weakly_canonical(root, error);
  std::size_t index = 0;
  for (const auto& entry : entries) {
    ++index;
    if (!entry.is_object() || !entry.contains("file") || !entry["file"].is_string() || !entry.contains("directory") || !entry["directory"].is_string()) {
      warnings.push_back({{file.string(), 0, 0}, "compile_commands.json entry " + std::to_string(index) + " has no file or directory; skipped"});
      continue;
    }
    const std::filesystem::path directory = entry["directory"].get<std::string>();
    const std::string source = entry["file"].get<std::string>();
    std::vector<std::string> words;
    if (entry.contains("arguments") && entry["arguments"].is_array()) {
      for (const auto& word : entry["arguments"]) {
        if (word.is_string()) words.push_back(word.get<std::string>());
      }
    } else if (entry.contains("command") && entry["command"].is_string()) {
      words = shell_words(entry["command"].get<std::string>());
    }
    const std::filesystem::path absolute = (std::filesystem::path(source).is_absolute() ? std::filesystem::path(source) : directory / source).lexically_normal();
    const std::filesystem::path relative = std::filesystem::weakly_canonical(absolute, error).lexically_relative(canonical_root);
    if (relative.empty() || relative.string().starts_with("..")) continue;  // outside the scanned root
    CompileFlags flags;
    flags.arguments = parse_flags(words, source, directory);
    flags.file = absolute.string();
    flags_by_path[relative.generic_string()] = std::move(flags);
  }
  return flags_by_path;
}

}  // namespace dbsilo
