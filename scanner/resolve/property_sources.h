// Which configuration files each service loads, in Spring's order of precedence.
#pragma once

#include <map>
#include <memory>
#include <set>
#include <string>
#include <vector>

#include "dbsilo/facts.h"
#include "dbsilo/model.h"
#include "scanner/discover/units.h"
#include "scanner/resolve/deployment.h"

namespace dbsilo {

// One file (or compose environment block) a service loads. Sources are listed from the lowest
// precedence to the highest: a later source overrides an earlier one key by key.
struct PropertySource {
  std::string file;          // "" for a compose environment block
  std::string file_profile;  // application-<profile>.yml: applies only with that profile active
  std::shared_ptr<const std::vector<ConfigDocument>> documents;
  bool environment_style = false;  // keys are variable names (SPRING_DATASOURCE_URL), not property keys
  bool shared = false;             // the file is loaded by two or more services
  // On the service's classpath but hidden by the service's own file of the same name
  // (Spring Boot reads the first classpath:application.yml only): its keys do not apply.
  bool shadowed = false;
  SourceLocation load_location;    // where the service pulls it in (its own files: the file itself)
};

class PropertySourceIndex {
 public:
  PropertySourceIndex(const std::vector<FileFacts>& files, const DiscoveredUnits& discovered, const Deployments& deployments);

  std::vector<PropertySource> sources_for(const Unit& unit, const std::string& profile, std::vector<Warning>& warnings) const;

  // Who provides a shared file: a library's name, "config server", or "env_file".
  std::string provider_of(const std::string& path) const;

  // Datasource and pool settings written in a file (any document).
  void settings_in(const std::string& path, std::vector<SettingOrigin>& datasource_settings, std::vector<SettingOrigin>& pool_settings) const;

 private:
  struct SpringFile {
    std::string path;
    std::string classpath_name;  // "application.yml", "config/application-prod.yml": what shadows what
    std::string profile;  // "" when not profile-specific
    int rank = 0;         // bootstrap < application < config/application
  };
  struct ConfigServerFolder {
    std::string dir;
    std::string scope;
    std::set<std::string> clients;  // services
  };

  std::vector<PropertySource> collect(const Unit& unit, const std::string& profile, std::vector<Warning>& warnings) const;
  void add_file(std::vector<PropertySource>& sources, const std::string& path, const std::string& profile, bool environment_style,
                const SourceLocation& load_location) const;
  bool has_config_server_settings(const std::string& unit) const;
  bool shadows(const std::string& unit, const std::string& classpath_name) const;
  void add_classpath_imports(const Unit& unit, std::vector<PropertySource>& sources) const;
  std::string application_name_of(const Unit& unit) const;
  // Every entry of the unit's own Spring files that applies whatever the profile.
  template <typename Visit>
  void for_each_base_entry(const std::string& unit, Visit&& visit) const;

  const DiscoveredUnits& discovered_;
  const Deployments& deployments_;
  std::map<std::string, const FileFacts*> config_files_;             // path -> facts, config files only
  std::map<std::string, std::vector<SpringFile>> spring_files_;      // unit -> its Spring Boot config files
  std::map<std::string, std::vector<std::string>> plain_files_;      // unit -> other config files it reads
  std::vector<ConfigServerFolder> config_servers_;
  std::map<std::string, std::string> providers_;                     // shared file -> provider
  std::map<std::string, std::size_t> loader_counts_;                 // file -> services loading it (default profile)
};

}  // namespace dbsilo
