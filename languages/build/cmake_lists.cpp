// read_cmake_lists: the targets a CMakeLists.txt declares, their links and its subdirectories.
#include <algorithm>
#include <array>
#include <string>
#include <string_view>

#include "languages/build/build_manifests.h"
#include "languages/build/cmake_lexer.h"
#include "languages/build/manifest_paths.h"

namespace dbsilo {

namespace {

using cmake::Argument;
using cmake::Command;
using manifest::table_contains;

// Commands that declare targets (CMake's own and common wrappers). Sorted.
constexpr std::array<std::string_view, 3> kExecutableCommands{"add_executable", "cuda_add_executable", "qt_add_executable"};
constexpr std::array<std::string_view, 3> kLibraryCommands{"add_library", "cuda_add_library", "qt_add_library"};

// Second or third add_* argument meaning the target is not built here. Sorted.
constexpr std::array<std::string_view, 2> kNotBuiltHere{"ALIAS", "IMPORTED"};

// target_link_libraries keywords that are not libraries. Sorted.
constexpr std::array<std::string_view, 9> kLinkKeywords{
    "INTERFACE", "LINK_INTERFACE_LIBRARIES", "LINK_PRIVATE", "LINK_PUBLIC", "PRIVATE", "PUBLIC", "debug", "general", "optimized",
};

// Variables an add_subdirectory path may start with that mean this file's directory. Sorted.
constexpr std::array<std::string_view, 2> kCurrentDirPrefixes{"${CMAKE_CURRENT_LIST_DIR}/", "${CMAKE_CURRENT_SOURCE_DIR}/"};

SourceLocation location_of(const Argument& argument, const std::string& path) { return {path, argument.line, argument.column}; }

bool is_built_here(const Command& command) {
  for (std::size_t i = 1; i < command.arguments.size() && i <= 2; ++i) {
    if (!command.arguments[i].quoted && table_contains(kNotBuiltHere, command.arguments[i].value)) return false;
  }
  return true;
}

class CMakeListsReader {
 public:
  CMakeListsReader(const std::string& path, std::vector<Warning>& warnings)
      : path_(path), directory_(manifest::directory_of(path)), warnings_(warnings) {}

  void apply(const Command& command) {
    if (command.arguments.empty()) return;
    if (table_contains(kExecutableCommands, command.name)) add_target(command, BuildUnitKind::executable);
    else if (table_contains(kLibraryCommands, command.name)) add_target(command, BuildUnitKind::library);
    else if (command.name == "target_link_libraries") link_pending_.push_back(&command);
    else if (command.name == "add_subdirectory") add_subdirectory(command);
    else if (command.name == "project" && project_name_.empty()) project_name_ = command.arguments[0].value;
  }

  // Links are applied once every target is known: target_link_libraries may come first.
  std::vector<BuildUnitFact> finish() {
    for (const Command* command : link_pending_) link(*command);
    std::vector<BuildUnitFact> units = std::move(targets_);
    if (!subdirectories_.empty()) units.push_back(aggregator());
    return units;
  }

 private:
  BuildUnitFact* find_target(std::string_view name) {
    for (BuildUnitFact& target : targets_) {
      if (target.name == name) return &target;
    }
    return nullptr;
  }

  void add_target(const Command& command, BuildUnitKind kind) {
    if (!is_built_here(command)) return;
    const Argument& name = command.arguments[0];
    if (find_target(expanded(name.value))) return;  // CMake rejects a second definition; the first stands
    BuildUnitFact target;
    target.name = expanded(name.value);
    target.root = directory_;
    target.build_system = "cmake";
    target.kind = kind;
    target.deployable = kind == BuildUnitKind::executable;
    target.location = location_of(name, path_);
    targets_.push_back(std::move(target));
  }

  // target_link_libraries(target [PUBLIC|PRIVATE|INTERFACE] deps...): a target declared in
  // another directory cannot be named here, so its links are left to that file's reader.
  void link(const Command& command) {
    BuildUnitFact* target = find_target(expanded(command.arguments[0].value));
    if (!target) return;
    for (std::size_t i = 1; i < command.arguments.size(); ++i) {
      const Argument& argument = command.arguments[i];
      if (!argument.quoted && table_contains(kLinkKeywords, argument.value)) continue;
      if (argument.value.empty() || argument.value.starts_with('-')) continue;  // linker flags
      const std::string dependency_name = expanded(argument.value);
      const bool known = std::any_of(target->dependencies.begin(), target->dependencies.end(),
                                     [&](const BuildDependency& dependency) { return dependency.name == dependency_name; });
      if (!known) target->dependencies.push_back({dependency_name, location_of(argument, path_)});
    }
  }

  void add_subdirectory(const Command& command) {
    const Argument& source = command.arguments[0];
    std::string written = source.value;
    for (std::string_view prefix : kCurrentDirPrefixes) {
      if (written.starts_with(prefix)) written.erase(0, prefix.size());
    }
    const auto directory = manifest::resolve_relative(directory_, written);
    if (!directory) {
      warnings_.push_back({location_of(source, path_), "add_subdirectory path is absolute or leaves the scanned root"});
      return;
    }
    if (subdirectories_.empty()) first_subdirectory_ = location_of(source, path_);
    manifest::append_unique(subdirectories_, *directory);
  }

  // `add_executable(${PROJECT_NAME} ...)` names the target after project(): the usual one-target layout.
  std::string expanded(const std::string& value) const {
    if (project_name_.empty()) return value;
    std::string text = value;
    for (std::string_view variable : {"${PROJECT_NAME}", "${CMAKE_PROJECT_NAME}"}) {
      for (auto at = text.find(variable); at != std::string::npos; at = text.find(variable, at + project_name_.size())) text.replace(at, variable.size(), project_name_);
    }
    return text;
  }

  BuildUnitFact aggregator() const {
    BuildUnitFact unit;
    unit.name = project_name_.empty() ? manifest::directory_name(directory_) : project_name_;
    unit.root = directory_;
    unit.build_system = "cmake";
    unit.kind = BuildUnitKind::aggregator;
    unit.modules = subdirectories_;
    unit.location = first_subdirectory_;
    return unit;
  }

  const std::string& path_;
  const std::string directory_;
  std::vector<Warning>& warnings_;
  std::vector<BuildUnitFact> targets_;
  std::vector<const Command*> link_pending_;
  std::vector<std::string> subdirectories_;
  SourceLocation first_subdirectory_;
  std::string project_name_;
};

}  // namespace

std::vector<BuildUnitFact> read_cmake_lists(std::string_view text, const std::string& path, std::vector<Warning>& warnings) {
  const std::vector<Command> commands = cmake::parse_commands(text, path, warnings);
  CMakeListsReader reader(path, warnings);
  for (const Command& command : commands) reader.apply(command);
  return reader.finish();
}

}  // namespace dbsilo
