// Joins every file's facts into the Model: units, effective configuration, datasources, servers.
#pragma once

#include <map>
#include <string>
#include <vector>

#include "dbsilo/facts.h"
#include "dbsilo/model.h"
#include "scanner/discover/units.h"
#include "dbsilo/timings.h"
#include "scanner/resolve/code_model.h"

namespace dbsilo {

struct ResolveOptions {
  std::vector<std::string> profiles;  // --profile names, evaluated in addition to the default
  std::map<std::string, std::string> ownership;  // dbsilo.yaml: table or collection -> owning service
  CodeUseCache* code_cache = nullptr;  // work kept between analyses of one tree (the language server)
  std::vector<PhaseTiming>* timings = nullptr;  // --timings
};

Model resolve_model(const std::vector<FileFacts>& files, const DiscoveredUnits& discovered, const ResolveOptions& options,
                    std::vector<Warning>& warnings);

}  // namespace dbsilo
