// read_gradle_settings: the projects a settings.gradle(.kts) includes, as module directories.
#include <array>
#include <map>
#include <optional>
#include <string>
#include <string_view>

#include "dbsilo/text.h"
#include "languages/build/build_manifests.h"
#include "languages/build/gradle_lexer.h"
#include "languages/build/manifest_paths.h"

namespace dbsilo {

namespace {

using gradle::TokenStream;

// How an include keyword places a project: `include` under the settings directory,
// `includeFlat` beside it. Sorted by keyword.
enum class Placement { under_settings, beside_settings };
constexpr std::array<std::pair<std::string_view, Placement>, 2> kIncludeKeywords{{
    {"include", Placement::under_settings},
    {"includeFlat", Placement::beside_settings},
}};

// Calls that name a project whose projectDir may be set. Sorted.
constexpr std::array<std::string_view, 2> kProjectLookups{"findProject", "project"};

// Variables a projectDir path may start with that both mean the settings directory. Sorted.
constexpr std::array<std::string_view, 6> kSettingsDirPrefixes{
    "$rootDir/", "$settingsDir/", "${rootDir}/", "${rootProject.projectDir}/", "${settingsDir.absolutePath}/", "${settingsDir}/",
};

struct IncludedProject {
  std::string project_path;  // ":a:b" as written
  Placement placement = Placement::under_settings;
  SourceLocation location;  // of the include keyword
};

struct SettingsScript {
  std::string root_project_name;
  std::vector<IncludedProject> includes;
  std::map<std::string, std::string> project_dirs;  // ":a" -> directory as written, settings-relative
  std::optional<SourceLocation> first_include;
};

std::string canonical_project_path(std::string_view written) {
  std::string path(written);
  if (!path.starts_with(':')) path.insert(0, ":");
  return path;
}

// ":a:b" -> "a/b".
std::string project_path_as_directory(std::string_view project_path) {
  std::vector<std::string> segments;
  for (std::string& segment : split(project_path, ':')) {
    if (!segment.empty()) segments.push_back(std::move(segment));
  }
  return join(segments, "/");
}

std::optional<Placement> include_placement(const TokenStream& tokens, std::size_t index) {
  if (!tokens.is_word(index)) return std::nullopt;
  // `foo.include(...)` is some other object's method, unless the object is `settings`.
  if (index >= 1 && tokens.is_symbol(index - 1, '.') && !(index >= 2 && tokens.is_word(index - 2, "settings"))) return std::nullopt;
  for (const auto& [keyword, placement] : kIncludeKeywords) {
    if (tokens[index].text == keyword) return placement;
  }
  return std::nullopt;
}

// Arguments of `include(...)`: every string literal inside the parentheses (also inside
// listOf(...) / arrayOf(...)).
std::vector<std::string> parenthesized_strings(const TokenStream& tokens, std::size_t open) {
  std::vector<std::string> strings;
  for (std::size_t i = open + 1; i < tokens.closing(open) && i < tokens.size(); ++i) {
    if (tokens.is_string(i)) strings.push_back(tokens[i].text);
  }
  return strings;
}

// Groovy command arguments: 'a', 'b', ... where a line may end after a comma.
std::vector<std::string> command_strings(const TokenStream& tokens, std::size_t first) {
  std::vector<std::string> strings;
  std::size_t i = first;
  while (tokens.is_string(i)) {
    strings.push_back(tokens[i].text);
    if (!tokens.is_symbol(i + 1, ',')) break;
    i = tokens.skip_newlines(i + 2);
  }
  return strings;
}

void read_include(const TokenStream& tokens, std::size_t index, Placement placement, const std::string& path, SettingsScript& script, std::vector<Warning>& warnings) {
  const std::size_t next = index + 1;
  if (!tokens.is_symbol(next, '(') && !tokens.is_string(next) && !tokens.is_word(next)) return;  // `include` used as a name
  const std::vector<std::string> strings = tokens.is_symbol(next, '(') ? parenthesized_strings(tokens, next) : command_strings(tokens, next);
  const SourceLocation where{path, tokens[index].line, tokens[index].column};
  if (strings.empty()) {
    warnings.push_back({where, "Gradle include without a literal project path: not resolved"});
    return;
  }
  if (!script.first_include) script.first_include = where;
  for (const std::string& project_path : strings) script.includes.push_back({canonical_project_path(project_path), placement, where});
}

// project(':x').projectDir = file('dir') | new File(settingsDir, 'dir') | File(rootDir, "dir")
void read_project_dir(const TokenStream& tokens, std::size_t index, const std::string& path, SettingsScript& script, std::vector<Warning>& warnings) {
  if (!tokens.is_word(index) || !manifest::table_contains(kProjectLookups, tokens[index].text)) return;
  const std::size_t open = index + 1;
  if (!tokens.is_symbol(open, '(') || !tokens.is_string(open + 1) || tokens.closing(open) != open + 2) return;
  std::size_t i = open + 3;
  while (tokens.is_symbol(i, '?') || tokens.is_symbol(i, '!')) ++i;  // Kotlin ?. and !!.
  if (!tokens.is_symbol(i, '.') || !tokens.is_word(i + 1, "projectDir") || !tokens.is_symbol(i + 2, '=')) return;
  std::optional<std::string> directory;
  for (std::size_t j = i + 3; j < tokens.statement_end(i + 3); ++j) {
    if (tokens.is_string(j)) directory = tokens[j].text;
  }
  const SourceLocation where{path, tokens[index].line, tokens[index].column};
  if (!directory) {
    warnings.push_back({where, "Gradle projectDir without a literal path: not resolved"});
    return;
  }
  for (std::string_view prefix : kSettingsDirPrefixes) {
    if (directory->starts_with(prefix)) directory->erase(0, prefix.size());
  }
  if (directory->find('$') != std::string::npos) {
    warnings.push_back({where, "Gradle projectDir uses a variable: not resolved"});
    return;
  }
  script.project_dirs[canonical_project_path(tokens[open + 1].text)] = *directory;
}

// rootProject.name = 'x'
void read_root_project_name(const TokenStream& tokens, std::size_t index, SettingsScript& script) {
  if (tokens.is_word(index, "rootProject") && tokens.is_symbol(index + 1, '.') && tokens.is_word(index + 2, "name") &&
      tokens.is_symbol(index + 3, '=') && tokens.is_string(index + 4)) {
    script.root_project_name = tokens[index + 4].text;
  }
}

SettingsScript read_script(std::string_view text, const std::string& path, std::vector<Warning>& warnings) {
  const TokenStream tokens(text);
  SettingsScript script;
  for (std::size_t i = 0; i < tokens.size(); ++i) {
    if (const auto placement = include_placement(tokens, i)) read_include(tokens, i, *placement, path, script, warnings);
    read_project_dir(tokens, i, path, script, warnings);
    read_root_project_name(tokens, i, script);
  }
  return script;
}

std::optional<std::string> module_directory(const IncludedProject& include, const SettingsScript& script, const std::string& settings_dir) {
  if (const auto custom = script.project_dirs.find(include.project_path); custom != script.project_dirs.end()) {
    return manifest::resolve_relative(settings_dir, custom->second);
  }
  const std::string relative = project_path_as_directory(include.project_path);
  if (include.placement == Placement::beside_settings) return manifest::resolve_relative(settings_dir, "../" + relative);
  return manifest::resolve_relative(settings_dir, relative);
}

}  // namespace

std::vector<BuildUnitFact> read_gradle_settings(std::string_view text, const std::string& path, std::vector<Warning>& warnings) {
  const SettingsScript script = read_script(text, path, warnings);
  BuildUnitFact aggregator;
  aggregator.root = manifest::directory_of(path);
  aggregator.name = script.root_project_name.empty() ? manifest::directory_name(aggregator.root) : script.root_project_name;
  aggregator.build_system = "gradle";
  aggregator.kind = BuildUnitKind::aggregator;
  aggregator.location = script.first_include.value_or(SourceLocation{path, 0, 0});
  for (const IncludedProject& include : script.includes) {
    const auto directory = module_directory(include, script, aggregator.root);
    if (!directory) {
      warnings.push_back({include.location, "Gradle project directory is absolute or leaves the scanned root"});
      continue;
    }
    if (!directory->empty()) manifest::append_unique(aggregator.modules, *directory);
  }
  return {aggregator};
}

}  // namespace dbsilo
