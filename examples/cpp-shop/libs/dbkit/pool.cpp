#include "dbkit.h"

namespace dbkit {

std::map<std::string, std::shared_ptr<pqxx::connection>> connection_cache;

// The service names its entry of config/services.json; each call site counts as its datasource.
pqxx::connection connect(const std::string& entry) {
  return pqxx::connection(services_config()[entry]["url"].get<std::string>());
}

}  // namespace dbkit
