// Readers for build manifests: each yields the units a manifest declares and their dependencies.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "dbsilo/facts.h"

namespace dbsilo {

// `path` is the manifest's path relative to the scanned root; unit roots are its directory.

// pom.xml: artifactId (alias groupId:artifactId, groupId inherited from <parent>), packaging
// (pom + <modules> = aggregator, module dirs resolved against the pom's dir; profile modules
// count too), <dependencies> (artifactId, its line; test scope and dependencyManagement
// skipped), deployable when build/plugins has spring-boot-maven-plugin (or Quarkus/Micronaut's),
// a plugin configured with a <mainClass>, or packaging war/ear.
std::vector<BuildUnitFact> read_maven_pom(std::string_view text, const std::string& path, std::vector<Warning>& warnings);

// settings.gradle / settings.gradle.kts: include 'a', ':b:c', include("x", "y") (over several
// lines too), includeFlat, project(':x').projectDir = file('dir') / new File(settingsDir, 'dir'),
// rootProject.name; yields one aggregator listing module dirs (":a:b" -> "a/b").
std::vector<BuildUnitFact> read_gradle_settings(std::string_view text, const std::string& path, std::vector<Warning>& warnings);

// build.gradle / build.gradle.kts: one module named after its directory (alias ":dir", ":" for
// the root); project(':x') / project(path: ':x') dependencies inside this project's
// dependencies { } (test configurations skipped); deployable when the org.springframework.boot,
// application, Quarkus or Micronaut application plugin is applied (not `apply false`), or
// application { } / springBoot { } / bootJar is configured -- unless bootJar is disabled.
std::vector<BuildUnitFact> read_gradle_build(std::string_view text, const std::string& path, std::vector<Warning>& warnings);

// CMakeLists.txt read as text: add_executable / add_library (each a unit rooted at the file's
// dir), target_link_libraries deps, add_subdirectory as aggregator modules; comments and
// bracket arguments understood, variables left as written.
std::vector<BuildUnitFact> read_cmake_lists(std::string_view text, const std::string& path, std::vector<Warning>& warnings);

// package.json: name (or the directory's), dependencies / peerDependencies /
// optionalDependencies by package name (devDependencies do not ship), each at its key's line;
// workspaces (a list or {packages: [...]}) as an extra aggregator unit (globs "packages/*"
// left as written); deployable when it has a "start" script or "main"/"bin".
std::vector<BuildUnitFact> read_package_json(std::string_view text, const std::string& path, std::vector<Warning>& warnings);

}  // namespace dbsilo
