// Front end for docker-compose files: services, images, build contexts, env, networks, ports.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "dbsilo/facts.h"

namespace dbsilo {

// True for compose.yaml, compose.yml, docker-compose.yml/.yaml and their variants
// (docker-compose.override.yml, docker-compose.prod.yml, compose.dev.yaml, ...).
bool is_compose_file_name(std::string_view file_name);

// `path` is relative to the scanned root; relative paths inside (build contexts, env_file)
// are resolved against the file's directory and normalised. A path that leaves the scanned
// root is dropped with a warning (nothing outside the root is read).
ComposeFileFacts read_compose_file(std::string_view text, const std::string& path, std::vector<Warning>& warnings);

// Joins `relative` onto `base_dir` (both '/'-separated, relative to the root) and normalises
// "." and ".."; returns nullopt-like "" plus `escaped` = true when the result leaves the root.
std::string join_relative_path(std::string_view base_dir, std::string_view relative, bool& escaped);

}  // namespace dbsilo
