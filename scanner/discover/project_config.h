// Reads dbsilo.yaml: unit overrides, table ownership, ignore globs and rule levels.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "dbsilo/facts.h"

namespace dbsilo {

// Unknown keys and malformed entries give warnings with their line; the rest is kept.
ProjectConfigFacts read_project_config(std::string_view text, const std::string& path, std::vector<Warning>& warnings);

}  // namespace dbsilo
