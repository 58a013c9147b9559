// The extract stage: picks the front end for each file and runs it over the file's bytes.
#include <algorithm>
#include <array>

#include "dbsilo/text.h"
#include "languages/build/build_manifests.h"
#include "languages/compose/compose_reader.h"
#include "languages/compose/dockerfile.h"
#include "languages/config/config_parsers.h"
#include "languages/cpp/cpp_extractor.h"
#include "languages/java/java_extractor.h"
#include "languages/k8s/kubernetes_reader.h"
#include "languages/sql/ddl_reader.h"
#include "languages/sql/orm_xml.h"
#include "languages/sql/sql_tables.h"
#include "languages/k8s/proxy_configs.h"
#include "scanner/discover/project_config.h"
#include "scanner/scan/nesting.h"
#include "scanner/scan/scan.h"
#include "scanner/scan/suppressions.h"

namespace dbsilo {
namespace {

// Test-only sources: excluded unless --include-tests.
constexpr std::array<std::string_view, 5> kTestFolders = {"src/test/", "src/it/", "src/integrationTest/", "src/testFixtures/", "src/intTest/"};

// JSON files that are never service configuration.
constexpr std::array<std::string_view, 7> kNonConfigJson = {"composer.json",  "launchsettings.json", "package-lock.json", "package.json",
                                                            "renovate.json",  "tsconfig.json",       "tslint.json"};

// Files that may carry a suppression comment or annotation, sorted.
constexpr std::array<std::string_view, 14> kSourceExtensions = {".c",   ".cc",  ".cpp", ".cxx", ".go", ".h",   ".hpp",
                                                                ".java", ".js",  ".kt",  ".py",  ".sql", ".ts",  ".xml"};

// C and C++ sources and headers: the libclang front end reads them.
constexpr std::array<std::string_view, 11> kCppExtensions = {".c", ".cc", ".cpp", ".cxx", ".h", ".hh", ".hpp", ".hxx", ".inl", ".ipp", ".tpp"};

bool in_test_folder(std::string_view path) {
  return std::any_of(kTestFolders.begin(), kTestFolders.end(), [&](std::string_view folder) {
    return path.starts_with(folder) || path.find("/" + std::string(folder)) != std::string_view::npos;
  });
}

// Hidden folders (.github, .idea, .mvn) hold tooling, not service configuration.
bool in_hidden_folder(std::string_view path) {
  const auto segments = split(path, '/');
  for (std::size_t i = 0; i + 1 < segments.size(); ++i) {
    if (!segments[i].empty() && segments[i][0] == '.') return true;
  }
  return false;
}

// Warns where a Java or C++ file nests brackets deeper than real code does (see nesting.h).
void warn_about_deep_nesting(std::string_view bytes, FileKind kind, const std::string& relative_path, std::vector<Warning>& warnings) {
  const auto deep = find_nesting_deeper_than(bytes, kMaxBracketNesting);
  if (!deep) return;
  std::string message = "brackets nested deeper than " + std::to_string(kMaxBracketNesting) + " levels from here";
  message += kind == FileKind::cpp_source ? ": libclang stops parsing at this depth, so past it only string literals are read"
                                          : " (generated or hostile code?); the file is still analysed";
  warnings.push_back({{relative_path, deep->line, deep->column}, std::move(message)});
}

}  // namespace

FileKind classify_file(std::string_view relative_path, bool include_tests) {
  if (!include_tests && in_test_folder(relative_path)) return FileKind::other;
  const auto slash = relative_path.rfind('/');
  const std::string name(slash == std::string_view::npos ? relative_path : relative_path.substr(slash + 1));
  const std::string lower = to_lower(name);
  if (lower == "pom.xml") return FileKind::maven_pom;
  if (lower == "settings.gradle" || lower == "settings.gradle.kts") return FileKind::gradle_settings;
  if (lower == "build.gradle" || lower == "build.gradle.kts") return FileKind::gradle_build;
  if (name == "CMakeLists.txt") return FileKind::cmake_lists;
  if (lower == "package.json") return FileKind::package_json;
  if (lower == "dbsilo.yaml" || lower == "dbsilo.yml") return FileKind::project_config;
  if (is_compose_file_name(lower)) return FileKind::compose;
  if (is_dockerfile_name(lower)) return FileKind::dockerfile;
  if (is_proxy_config_name(lower)) return FileKind::proxy_config;
  if (lower.ends_with(".java")) return FileKind::java_source;
  if (lower == "persistence.xml") return FileKind::persistence_xml;
  if (lower.ends_with(".sql")) return FileKind::sql_script;
  if (lower.find("changelog") != std::string::npos && (lower.ends_with(".xml") || lower.ends_with(".yaml") || lower.ends_with(".yml"))) {
    return FileKind::liquibase;
  }
  if (lower == ".env" || lower.starts_with(".env.") || lower.ends_with(".env")) return FileKind::dotenv;
  if (in_hidden_folder(relative_path)) return FileKind::other;
  if (lower.ends_with(".properties")) return FileKind::properties;
  if (lower.ends_with(".yml") || lower.ends_with(".yaml")) return FileKind::yaml_config;
  for (std::string_view extension : kCppExtensions) {
    if (lower.ends_with(extension)) return FileKind::cpp_source;
  }
  for (std::string_view extension : kSourceExtensions) {
    if (lower.ends_with(extension)) return FileKind::source_text;
  }
  if (lower.ends_with(".json") && std::find(kNonConfigJson.begin(), kNonConfigJson.end(), lower) == kNonConfigJson.end() &&
      (lower.find("config") != std::string::npos || lower.find("settings") != std::string::npos ||
       relative_path.find("config/") != std::string_view::npos)) {
    return FileKind::json_config;
  }
  return FileKind::other;
}

FileFacts extract_file(const std::string& relative_path, FileKind kind, std::string_view bytes, const CompileFlags* compile_flags,
                       bool java_prefilter) {
  FileFacts facts;
  facts.path = relative_path;
  facts.kind = kind;
  auto& warnings = facts.warnings;
  switch (kind) {
    case FileKind::properties: facts.config = parse_properties(bytes, relative_path, warnings); break;
    case FileKind::yaml_config: {
      // Kubernetes objects are deployment facts, not an application's configuration.
      const std::string file_name = relative_path.substr(relative_path.rfind('/') == std::string::npos ? 0 : relative_path.rfind('/') + 1);
      if (is_kustomization_name(file_name)) {
        facts.kubernetes = KubernetesFileFacts{};
        facts.kubernetes->kustomization = read_kustomization(bytes, relative_path, warnings);
      } else if (looks_like_kubernetes(bytes)) {
        facts.kubernetes = read_kubernetes_manifests(bytes, relative_path, warnings);
      } else {
        facts.config = parse_yaml_config(bytes, relative_path, warnings);
      }
      break;
    }
    case FileKind::dotenv: facts.config = parse_dotenv(bytes, relative_path, warnings); break;
    case FileKind::json_config: facts.config = parse_json_config(bytes, relative_path, warnings); break;
    case FileKind::compose: facts.compose = read_compose_file(bytes, relative_path, warnings); break;
    case FileKind::maven_pom: facts.build_units = read_maven_pom(bytes, relative_path, warnings); break;
    case FileKind::gradle_settings: facts.build_units = read_gradle_settings(bytes, relative_path, warnings); break;
    case FileKind::gradle_build: facts.build_units = read_gradle_build(bytes, relative_path, warnings); break;
    case FileKind::cmake_lists: facts.build_units = read_cmake_lists(bytes, relative_path, warnings); break;
    case FileKind::package_json: facts.build_units = read_package_json(bytes, relative_path, warnings); break;
    case FileKind::project_config: facts.project_config = read_project_config(bytes, relative_path, warnings); break;
    case FileKind::dockerfile: facts.dockerfile_base_image = dockerfile_base_image(bytes); break;
    case FileKind::source_text:
      // XML ORM mappings: the file's name or root element says which.
      if (is_hibernate_mapping(relative_path)) {
        facts.entities = read_hibernate_mapping(bytes, relative_path, warnings);
      } else if (to_lower(relative_path).ends_with(".xml") && looks_like_jpa_orm_mapping(bytes)) {
        facts.entities = read_jpa_orm_mapping(bytes, relative_path, warnings);
      } else if (to_lower(relative_path).ends_with(".xml") && looks_like_mybatis_mapper(bytes)) {
        facts.queries = read_mybatis_mapper(bytes, relative_path, warnings);
      }
      break;
    case FileKind::proxy_config: facts.proxies = read_proxy_config(bytes, relative_path, warnings); break;
    case FileKind::java_source: {
      warn_about_deep_nesting(bytes, kind, relative_path, warnings);
      JavaFileFacts java = extract_java(bytes, relative_path, warnings, java_prefilter ? JavaPrefilter::on : JavaPrefilter::off);
      facts.entities = std::move(java.entities);
      facts.repositories = std::move(java.repositories);
      facts.queries = std::move(java.queries);
      facts.store_accesses = std::move(java.store_accesses);
      facts.events = std::move(java.events);
      facts.global_state = std::move(java.global_state);
      break;
    }
    case FileKind::cpp_source: {
      warn_about_deep_nesting(bytes, kind, relative_path, warnings);
      CppFileFacts cpp = extract_cpp(bytes, relative_path, compile_flags, warnings);
      facts.entities = std::move(cpp.entities);
      facts.queries = std::move(cpp.queries);
      facts.store_accesses = std::move(cpp.store_accesses);
      facts.global_state = std::move(cpp.global_state);
      facts.connections = std::move(cpp.connections);
      facts.literal_calls = std::move(cpp.literal_calls);
      facts.includes = std::move(cpp.includes);
      break;
    }
    case FileKind::persistence_xml: {
      PersistenceUnitFacts unit = read_persistence_xml(bytes, relative_path, warnings);
      facts.config = std::move(unit.config);
      facts.repositories = std::move(unit.managed_classes);
      break;
    }
    case FileKind::sql_script: {
      DdlFacts ddl = read_sql_ddl(bytes, relative_path, warnings);
      facts.table_definitions = std::move(ddl.tables);
      facts.foreign_keys = std::move(ddl.foreign_keys);
      break;
    }
    case FileKind::liquibase: {
      DdlFacts ddl = read_liquibase_changelog(bytes, relative_path, warnings);
      facts.table_definitions = std::move(ddl.tables);
      facts.foreign_keys = std::move(ddl.foreign_keys);
      break;
    }
    case FileKind::other: break;
  }
  analyse_query_tables(facts.queries);
  facts.suppressions = find_suppressions(bytes, relative_path);
  return facts;
}

}  // namespace dbsilo
