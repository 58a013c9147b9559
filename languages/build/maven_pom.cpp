// read_maven_pom: a pom.xml's project, its modules, its dependencies and whether it deploys.
#include <array>
#include <string>
#include <string_view>

#include "languages/build/build_manifests.h"
#include "languages/build/manifest_paths.h"
#include "languages/xml/xml_document.h"

namespace dbsilo {

namespace {

using manifest::table_contains;

// Plugins in build/plugins that package a runnable application. Sorted.
constexpr std::array<std::string_view, 3> kDeployablePlugins{
    "micronaut-maven-plugin",
    "quarkus-maven-plugin",
    "spring-boot-maven-plugin",
};

// Packagings a container deploys on their own. Sorted.
constexpr std::array<std::string_view, 2> kDeployablePackagings{"ear", "war"};

// Dependency scopes that never reach the running application. Sorted.
constexpr std::array<std::string_view, 1> kNonRuntimeScopes{"test"};

SourceLocation location_of(const XmlElement& element, const std::string& path) { return {path, element.line, element.column}; }

bool has_descendant(const XmlElement& element, std::string_view local_name) {
  for (const XmlElement& child : element.children) {
    if (xml_local_name(child.name) == local_name || has_descendant(child, local_name)) return true;
  }
  return false;
}

// The <module> elements of <modules>, directly under the project and under each profile.
std::vector<const XmlElement*> module_elements(const XmlElement& project) {
  std::vector<const XmlElement*> modules;
  const auto collect = [&](const XmlElement& owner) {
    if (const XmlElement* list = owner.child("modules")) {
      for (const XmlElement* module : list->children_named("module")) modules.push_back(module);
    }
  };
  collect(project);
  if (const XmlElement* profiles = project.child("profiles")) {
    for (const XmlElement* profile : profiles->children_named("profile")) collect(*profile);
  }
  return modules;
}

// A module is a directory, or a pom file whose directory is meant.
std::string module_directory(std::string_view written) {
  return written.ends_with(".xml") ? manifest::directory_of(written) : std::string(written);
}

std::vector<std::string> resolve_modules(const XmlElement& project, const std::string& pom_dir, const std::string& path, std::vector<Warning>& warnings) {
  std::vector<std::string> directories;
  for (const XmlElement* module : module_elements(project)) {
    if (module->text.empty()) continue;
    const auto directory = manifest::resolve_relative(pom_dir, module_directory(module->text));
    if (!directory) {
      warnings.push_back({location_of(*module, path), "Maven module path is absolute or leaves the scanned root"});
      continue;
    }
    manifest::append_unique(directories, *directory);
  }
  return directories;
}

std::vector<BuildDependency> read_dependencies(const XmlElement& project, const std::string& path, std::vector<Warning>& warnings) {
  std::vector<BuildDependency> dependencies;
  const XmlElement* list = project.child("dependencies");  // not dependencyManagement: those only pin versions
  if (!list) return dependencies;
  for (const XmlElement* dependency : list->children_named("dependency")) {
    if (table_contains(kNonRuntimeScopes, dependency->child_text("scope"))) continue;
    const XmlElement* artifact = dependency->child("artifactId");
    if (!artifact || artifact->text.empty()) {
      warnings.push_back({location_of(*dependency, path), "Maven dependency without artifactId"});
      continue;
    }
    dependencies.push_back({artifact->text, location_of(*artifact, path)});
  }
  return dependencies;
}

bool plugin_is_deployable(const XmlElement& plugin) {
  if (table_contains(kDeployablePlugins, plugin.child_text("artifactId"))) return true;
  // A main class in the plugin's configuration (jar manifest, shade, exec, assembly, ...).
  for (const XmlElement& part : plugin.children) {
    const std::string_view name = xml_local_name(part.name);
    if ((name == "configuration" || name == "executions") && has_descendant(part, "mainClass")) return true;
  }
  return false;
}

bool is_deployable(const XmlElement& project, std::string_view packaging) {
  if (table_contains(kDeployablePackagings, packaging)) return true;
  const XmlElement* build = project.child("build");
  const XmlElement* plugins = build ? build->child("plugins") : nullptr;  // not pluginManagement
  if (!plugins) return false;
  for (const XmlElement* plugin : plugins->children_named("plugin")) {
    if (plugin_is_deployable(*plugin)) return true;
  }
  return false;
}

std::string group_id(const XmlElement& project) {
  std::string own = project.child_text("groupId");
  if (!own.empty()) return own;
  const XmlElement* parent = project.child("parent");
  return parent ? parent->child_text("groupId") : std::string();
}

}  // namespace

std::vector<BuildUnitFact> read_maven_pom(std::string_view text, const std::string& path, std::vector<Warning>& warnings) {
  const XmlDocument document = parse_xml(text, path, warnings);
  if (!document.root) return {};
  const XmlElement& project = *document.root;
  if (xml_local_name(project.name) != "project") {
    warnings.push_back({location_of(project, path), "pom.xml root element is not <project>"});
    return {};
  }
  const XmlElement* artifact = project.child("artifactId");
  if (!artifact || artifact->text.empty()) {
    warnings.push_back({location_of(project, path), "pom.xml project has no artifactId"});
    return {};
  }

  BuildUnitFact unit;
  unit.name = artifact->text;
  unit.root = manifest::directory_of(path);
  unit.build_system = "maven";
  unit.location = location_of(*artifact, path);
  if (const std::string group = group_id(project); !group.empty()) unit.aliases.push_back(group + ":" + unit.name);

  std::string packaging = project.child_text("packaging");
  if (packaging.empty()) packaging = "jar";
  std::vector<std::string> modules = resolve_modules(project, unit.root, path, warnings);
  if (packaging == "pom" && !modules.empty()) {
    unit.kind = BuildUnitKind::aggregator;
    unit.modules = std::move(modules);
  } else if (!modules.empty()) {
    warnings.push_back({unit.location, "pom.xml lists modules but its packaging is not pom: modules ignored"});
  }
  unit.dependencies = read_dependencies(project, path, warnings);
  unit.deployable = is_deployable(project, packaging);
  return {unit};
}

}  // namespace dbsilo
