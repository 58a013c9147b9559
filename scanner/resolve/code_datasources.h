// Datasources a service's C++ code opens: literal connection strings, configuration entries and
// environment variables read by a literal key, and the call sites of helpers that take the key.
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "dbsilo/facts.h"
#include "dbsilo/model.h"

namespace dbsilo {

// A value of the service's effective configuration by property key (YAML/JSON nesting joined
// with '.'), or of its environment by variable name; nullopt when unset or secret.
using SettingLookup = std::function<std::optional<std::string>(const std::string&)>;

// The unit's code connections as datasources (server not yet identified: the caller does that in
// the unit's deployment scope). Entries missing from the service's own configuration are looked
// up in configuration files no unit owns inside the unit's scope (a shared services.json).
// `read_config_keys` receives the entries the code reads by key (canonical, '.'-joined).
// The files code_datasources reads (code connections, literal calls, JSON/YAML configuration):
// picked once per analysis, as it runs once per service and profile.
std::vector<const FileFacts*> code_datasource_files(const std::vector<FileFacts>& files);

// `files`: code_datasource_files() of the tree.
std::vector<Datasource> code_datasources(const Unit& unit, const std::string& profile, const std::vector<const FileFacts*>& files,
                                         const std::vector<Unit>& units, const SettingLookup& property, const SettingLookup& variable,
                                         std::vector<std::string>& read_config_keys);

}  // namespace dbsilo
