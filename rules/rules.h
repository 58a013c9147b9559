// Helpers every rule shares (not a rule itself): grouping datasources by server, naming lists, fingerprints.
#pragma once

#include <initializer_list>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "dbsilo/finding.h"
#include "dbsilo/model.h"

namespace dbsilo {

// For one profile and one server: each service's first datasource there (by origin).
struct ServerUsers {
  std::string profile;
  std::string server_key;
  std::map<std::string, const Datasource*> by_service;
};

// Every server used by two or more services, per evaluated profile, in a stable order.
std::vector<ServerUsers> servers_shared_by_services(const Model& model);

// 16 hex digits from the parts; callers never put line numbers in.
std::string fingerprint_of(std::initializer_list<std::string_view> parts);

// Same database on one server: both known and equal, and schemas not known to differ.
bool same_database(const Datasource& left, const Datasource& right);

// "database orders" / "database shop, schema billing" / "an unnamed database".
std::string describe_database(const Datasource& datasource);

}  // namespace dbsilo

#include <functional>

namespace dbsilo {

// Reports services sharing one server under a relation (same database, different databases,
// same credentials). One finding per place a sharing service defines its datasource, naming
// the services defined there and, as related locations, the partners' definitions.
struct SharedServerReport {
  std::string_view rule_id;
  // True when `left` and `right` (two services on one server) are in the relation.
  std::function<bool(const Datasource& left, const Datasource& right)> related;
  // Where the finding stands for a service's datasource (its URL, or its user setting).
  std::function<SourceLocation(const Datasource&)> anchor;
  // The message, from the services defined at the anchor and their partners.
  std::function<std::string(const std::vector<const Datasource*>& here, const std::vector<const Datasource*>& partners)> message;
  // What the fingerprint names besides rule, services and server (e.g. the database).
  std::function<std::string(const Datasource&)> subject;
  std::string_view related_message;  // e.g. "uses the same server here"
};

void report_shared_server(const ServerUsers& users, const SharedServerReport& report, std::vector<Finding>& findings);

// Reports a configuration file loaded by several services: the finding stands on `settings`'
// first entry; related locations are where each service loads the file.
void report_shared_file(std::string_view rule_id, const SharedConfigFile& file, const std::vector<SettingOrigin>& settings,
                        const std::string& message, std::vector<Finding>& findings);

}  // namespace dbsilo
