// dbkit: connection helpers every service links.
#pragma once
#include <map>
#include <memory>
#include <string>
#include <pqxx/pqxx>

namespace dbkit {

// One cache per process, filled by whichever service calls first.
extern std::map<std::string, std::shared_ptr<pqxx::connection>> connection_cache;

pqxx::connection connect(const std::string& entry);

}  // namespace dbkit

#pragma db object table("customers")
class Customer {
  int id_;
  std::string email_;
};
