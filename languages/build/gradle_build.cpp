// read_gradle_build: a build.gradle(.kts) as one module, its project() dependencies, deployability.
#include <array>
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
using manifest::table_contains;

// Blocks whose project() dependencies belong to other projects or to the build script's own
// classpath, not to this project. Sorted.
constexpr std::array<std::string_view, 5> kForeignBlocks{"allprojects", "buildscript", "configure", "project", "subprojects"};

// Calls that wrap a dependency notation without being a configuration. Sorted.
constexpr std::array<std::string_view, 3> kNotationWrappers{"enforcedPlatform", "platform", "testFixtures"};

// Plugin ids that make a project a runnable application. Sorted. (kotlin("plugin.spring") is
// only the all-open compiler plugin: no evidence.)
constexpr std::array<std::string_view, 5> kApplicationPlugins{
    "application", "io.micronaut.application", "io.quarkus", "org.springframework.boot", "spring-boot",
};

// Extensions, tasks and properties that only exist once such a plugin is applied. Sorted.
constexpr std::array<std::string_view, 5> kApplicationMarkers{"application", "bootJar", "bootRun", "mainClassName", "springBoot"};

// Words that introduce a plugin id: id 'x', id("x"), apply plugin: 'x', apply(plugin = "x"),
// plugin("x"), plugins.apply("x"). Sorted.
constexpr std::array<std::string_view, 3> kPluginIdIntroducers{"apply", "id", "plugin"};

// Configurations whose dependencies only reach tests: test*, and *Test* (androidTestImplementation,
// integrationTestRuntimeOnly, testFixturesApi, ...).
bool is_test_configuration(std::string_view configuration) {
  return configuration.starts_with("test") || configuration.find("Test") != std::string_view::npos;
}

class BuildScriptReader {
 public:
  BuildScriptReader(std::string_view text, const std::string& path, std::vector<Warning>& warnings)
      : tokens_(text), path_(path), warnings_(warnings) {}

  void run() {
    for (std::size_t i = 0; i < tokens_.size(); ++i) {
      track_structure(i);
      if (tokens_.is_word(i, "project") && tokens_.is_symbol(i + 1, '(')) read_project_dependency(i);
      if (applies_application_plugin(i) || is_application_marker(i)) has_application_evidence_ = true;
      if (is_boot_jar_mention(i) && disables_itself(i)) boot_jar_disabled_ = true;
    }
  }

  std::vector<BuildDependency> take_dependencies() { return std::move(dependencies_); }
  bool deployable() const { return has_application_evidence_ && !boot_jar_disabled_; }

 private:
  struct Frame {
    std::string name;  // the call or block name before the bracket, "" when none
    std::size_t open = 0;
  };

  // Keeps the stacks of open blocks and parentheses and where the current statement starts.
  void track_structure(std::size_t i) {
    if (tokens_.is_symbol(i, '{')) {
      blocks_.push_back({name_before(i), i});
      statement_start_ = i + 1;
    } else if (tokens_.is_symbol(i, '}')) {
      if (!blocks_.empty()) blocks_.pop_back();
      const std::size_t block_open = blocks_.empty() ? 0 : blocks_.back().open;
      while (!parens_.empty() && parens_.back().open > block_open) parens_.pop_back();
      statement_start_ = i + 1;
    } else if (tokens_.is_symbol(i, '(')) {
      parens_.push_back({name_before(i), i});
    } else if (tokens_.is_symbol(i, ')')) {
      if (!parens_.empty()) parens_.pop_back();
    } else if (tokens_.is_symbol(i, ';')) {
      statement_start_ = i + 1;
    } else if (tokens_.is_newline(i) && open_parens_in_block() == 0 && !(i > 0 && tokens_.is_symbol(i - 1, ','))) {
      statement_start_ = i + 1;  // a trailing comma continues a Groovy argument list
    }
  }

  // `name(`, `name {`, `name(...) {`: the word naming what the bracket at `bracket` belongs to.
  std::string name_before(std::size_t bracket) const {
    if (bracket == 0) return {};
    std::size_t before = bracket - 1;
    if (tokens_.is_symbol(bracket, '{') && tokens_.is_symbol(before, ')')) {
      const std::size_t open = tokens_.opening(before);
      if (open == 0 || open >= tokens_.size()) return {};
      before = open - 1;
    }
    return tokens_.is_word(before) ? tokens_[before].text : std::string();
  }

  std::size_t open_parens_in_block() const {
    const std::size_t block_open = blocks_.empty() ? 0 : blocks_.back().open;
    std::size_t count = 0;
    for (const Frame& paren : parens_) count += paren.open >= block_open ? 1 : 0;
    return count;
  }

  bool in_own_dependencies_block() const {
    bool in_dependencies = false;
    for (const Frame& block : blocks_) {
      if (table_contains(kForeignBlocks, block.name)) return false;
      in_dependencies = in_dependencies || block.name == "dependencies";
    }
    return in_dependencies;
  }

  // implementation(project(":x")) / implementation project(':x') / api platform(project(':bom'))
  std::string enclosing_configuration() const {
    const std::size_t block_open = blocks_.empty() ? 0 : blocks_.back().open;
    for (auto paren = parens_.rbegin(); paren != parens_.rend() && paren->open >= block_open; ++paren) {
      if (!paren->name.empty() && !table_contains(kNotationWrappers, paren->name)) return paren->name;
    }
    const std::size_t head = tokens_.skip_newlines(statement_start_);
    const bool named_head = tokens_.is_word(head) || tokens_.is_string(head);  // "implementation"(...) in Kotlin
    if (!named_head || tokens_[head].text == "project" || table_contains(kNotationWrappers, tokens_[head].text)) return {};
    return tokens_[head].text;
  }

  // project(':x'), project(path: ':x'), project(path = ":x", configuration = "y")
  std::optional<std::size_t> project_path_token(std::size_t open) const {
    const std::size_t close = tokens_.closing(open);
    if (tokens_.is_string(open + 1)) return open + 1;
    for (std::size_t i = open + 1; i + 2 < close && i + 2 < tokens_.size(); ++i) {
      if (tokens_.is_word(i, "path") && (tokens_.is_symbol(i + 1, ':') || tokens_.is_symbol(i + 1, '=')) && tokens_.is_string(i + 2)) return i + 2;
    }
    return std::nullopt;
  }

  void read_project_dependency(std::size_t index) {
    const std::size_t open = index + 1;
    const std::size_t after = tokens_.skip_newlines(tokens_.closing(open) + 1);
    // project(':x') { ... } configures that project; project(':x').foo reads from it.
    if (tokens_.is_symbol(after, '{') || tokens_.is_symbol(after, '.')) return;
    if (!in_own_dependencies_block()) return;
    const std::string configuration = enclosing_configuration();
    if (configuration.empty() || is_test_configuration(configuration)) return;
    const SourceLocation where{path_, tokens_[index].line, tokens_[index].column};
    const auto path_token = project_path_token(open);
    if (!path_token) {
      warnings_.push_back({where, "Gradle project dependency without a literal path: not resolved"});
      return;
    }
    const std::string& project_path = tokens_[*path_token].text;
    for (const BuildDependency& known : dependencies_) {
      if (known.name == project_path) return;
    }
    dependencies_.push_back({project_path, where});
  }

  bool applied_false(std::size_t from) const {
    const std::size_t end = tokens_.statement_end(from);
    for (std::size_t i = from; i + 1 < end; ++i) {
      if (tokens_.is_word(i, "apply") && tokens_.is_word(i + 1, "false")) return true;
    }
    return false;
  }

  bool innermost_block_is(std::string_view name) const { return !blocks_.empty() && blocks_.back().name == name; }

  // id 'org.springframework.boot', apply plugin: 'application', alias(libs.plugins.spring.boot),
  // or a bare `application` line in plugins { } (Kotlin) -- unless followed by `apply false`.
  bool applies_application_plugin(std::size_t i) const {
    if (tokens_.is_string(i) && table_contains(kApplicationPlugins, tokens_[i].text) && i >= 1) {
      const bool punctuated = tokens_.is_symbol(i - 1, ':') || tokens_.is_symbol(i - 1, '=') || tokens_.is_symbol(i - 1, '(');
      if (punctuated && i < 2) return false;
      const std::size_t introducer = punctuated ? i - 2 : i - 1;
      return tokens_.is_word(introducer) && table_contains(kPluginIdIntroducers, tokens_[introducer].text) && !applied_false(i);
    }
    if (tokens_.is_word(i, "alias") && tokens_.is_symbol(i + 1, '(') && innermost_block_is("plugins")) {
      return alias_names_spring_boot(i + 1) && !applied_false(i);
    }
    if (tokens_.is_word(i, "application") && innermost_block_is("plugins")) {
      return tokens_.is_newline(i + 1) || tokens_.is_symbol(i + 1, ';') || tokens_.is_symbol(i + 1, '}') || i + 1 == tokens_.size();
    }
    return false;
  }

  // A version-catalog alias such as libs.plugins.spring.boot or libs.plugins.springBoot.
  bool alias_names_spring_boot(std::size_t open) const {
    std::string joined;
    for (std::size_t i = open + 1; i < tokens_.closing(open) && i < tokens_.size(); ++i) {
      if (tokens_.is_word(i)) joined += to_lower(tokens_[i].text);
    }
    for (char& c : joined) c = (c == '-' || c == '_') ? '.' : c;
    std::erase(joined, '.');
    return joined.find("springboot") != std::string::npos;
  }

  // application { }, springBoot { }, bootJar { }, mainClassName = ..., application.mainClass...
  bool is_application_marker(std::size_t i) const {
    if (!tokens_.is_word(i) || !table_contains(kApplicationMarkers, tokens_[i].text)) return false;
    const std::size_t next = i + 1;
    return tokens_.is_symbol(next, '{') || tokens_.is_symbol(next, '=') || tokens_.is_symbol(next, '.');
  }

  bool is_boot_jar_mention(std::size_t i) const {
    return (tokens_.is_word(i, "bootJar") || (tokens_.is_string(i) && tokens_[i].text == "bootJar"));
  }

  // bootJar { enabled = false }, tasks.named("bootJar") { isEnabled = false },
  // bootJar.enabled = false, tasks.bootJar { enabled.set(false) }: a library built with Boot.
  bool disables_itself(std::size_t mention) const {
    const std::size_t end = tokens_.statement_end(mention);
    for (std::size_t i = mention; i < end; ++i) {
      if (!tokens_.is_word(i, "enabled") && !tokens_.is_word(i, "isEnabled")) continue;
      if (tokens_.is_symbol(i + 1, '=') && tokens_.is_word(i + 2, "false")) return true;
      if (tokens_.is_symbol(i + 1, '.') && tokens_.is_word(i + 2, "set") && tokens_.is_symbol(i + 3, '(') && tokens_.is_word(i + 4, "false")) return true;
    }
    return false;
  }

  TokenStream tokens_;
  const std::string& path_;
  std::vector<Warning>& warnings_;
  std::vector<Frame> blocks_;
  std::vector<Frame> parens_;
  std::size_t statement_start_ = 0;
  std::vector<BuildDependency> dependencies_;
  bool has_application_evidence_ = false;
  bool boot_jar_disabled_ = false;
};

}  // namespace

std::vector<BuildUnitFact> read_gradle_build(std::string_view text, const std::string& path, std::vector<Warning>& warnings) {
  BuildScriptReader reader(text, path, warnings);
  reader.run();
  BuildUnitFact unit;
  unit.root = manifest::directory_of(path);
  unit.name = manifest::directory_name(unit.root);
  // The project path is only known from settings.gradle; ":<dir>" is right for the usual
  // one-level layout and ":" for the root project.
  unit.aliases.push_back(unit.root.empty() ? ":" : ":" + unit.name);
  unit.build_system = "gradle";
  unit.kind = BuildUnitKind::module;
  unit.deployable = reader.deployable();
  unit.dependencies = reader.take_dependencies();
  unit.location = {path, 0, 0};
  return {unit};
}

}  // namespace dbsilo
