// shared-connection-pool: services log in with the same credentials, or inherit one pool configuration (seed pitfall 4).
#include "dbsilo/rule.h"
#include "dbsilo/text.h"
#include "rules/rules.h"

#include <map>

namespace dbsilo {
namespace {

class SharedConnectionPoolRule final : public Rule {
 public:
  const RuleInfo& info() const override {
    static const RuleInfo rule_info{
        "shared-connection-pool",
        "Shared connection pool or credentials",
        "Services connect with the same credentials to one server, or inherit their pool settings from one shared file.",
        "Give each service its own database user and its own pool settings (e.g. spring.datasource.hikari.* in the "
        "service's own application.yml), so one service's load cannot exhaust another's connections.",
        Severity::warning,
        4,
        {"database-per-service", "connection-pool", "credentials"}};
    return rule_info;
  }

  void check(const Model& model, std::vector<Finding>& findings) const override {
    check_credentials(model, findings);
    check_proxies(model, findings);
    for (const auto& file : model.shared_config_files) {
      if (file.pool_settings.empty()) continue;
      std::vector<std::string> keys;
      for (const auto& setting : file.pool_settings) keys.push_back(setting.key);
      report_shared_file(info().id, file, file.pool_settings,
                         "connection-pool settings (" + join(keys, ", ") + ") in " + file.path + " are inherited by " +
                             name_list(file.loaded_by) + ": tuning the pool for one service changes it for all of them",
                         findings);
    }
  }

 private:
  // Services reaching their databases through one pooling proxy share its pool and limits.
  void check_proxies(const Model& model, std::vector<Finding>& findings) const {
    std::map<std::pair<std::string, std::string>, std::map<std::string, const Datasource*>> by_proxy;
    for (const auto& datasource : model.datasources) {
      if (datasource.proxy_key.empty()) continue;
      by_proxy[{datasource.profile, datasource.proxy_key}].emplace(datasource.unit, &datasource);
    }
    for (const auto& [key, users] : by_proxy) {
      if (users.size() < 2) continue;
      std::vector<std::string> names;
      for (const auto& [service, datasource] : users) names.push_back(service);
      for (const auto& [service, datasource] : users) {
        Finding finding;
        finding.rule = std::string(info().id);
        std::vector<std::string> others;
        for (const auto& name : names) {
          if (name != service) others.push_back(name);
        }
        finding.message = service + " shares the " + datasource->proxy_label + " pool with " + name_list(others) +
                          ": one service's burst of connections queues the others' queries behind it";
        finding.services = {service};
        finding.services.insert(finding.services.end(), others.begin(), others.end());
        finding.location = datasource->origin.location;
        for (const auto& [other, other_datasource] : users) {
          if (other != service) finding.related.push_back({other_datasource->origin.location, other + " connects through the same proxy here"});
        }
        finding.profile = key.first;
        finding.fix = "Give each service its own pool: a proxy (or a pool section with its own pool_size and user) per service, "
                      "or let each service pool its own connections.";
        finding.fingerprint = fingerprint_of({info().id, "proxy", datasource->origin.location.path, service, datasource->proxy_label});
        findings.push_back(std::move(finding));
      }
    }
  }

  void check_credentials(const Model& model, std::vector<Finding>& findings) const {
    SharedServerReport report;
    report.rule_id = info().id;
    report.related = [](const Datasource& left, const Datasource& right) {
      if (left.target.user.empty() || left.target.user != right.target.user) return false;
      if (left.target.user.find("${") != std::string::npos) return false;
      // One definition loaded by several services is shared-datasource-config's finding.
      if (left.origin.location == right.origin.location) return false;
      const bool both_digests = left.target.password_digest && right.target.password_digest;
      return !both_digests || *left.target.password_digest == *right.target.password_digest;
    };
    report.anchor = [](const Datasource& datasource) {
      return datasource.user_origin ? datasource.user_origin->location : datasource.origin.location;
    };
    report.subject = [](const Datasource& datasource) { return datasource.target.user; };
    report.related_message = "logs in as the same user here";
    report.message = [](const std::vector<const Datasource*>& here, const std::vector<const Datasource*>& partners) {
      std::vector<std::string> names;
      for (const auto* datasource : here) names.push_back(datasource->unit);
      for (const auto* datasource : partners) names.push_back(datasource->unit);
      return name_list(names) + " log in to " + here.front()->server_label + " as the same user '" + here.front()->target.user +
             "': they share that account's connection limit, privileges and audit trail";
    };
    for (const auto& users : servers_shared_by_services(model)) report_shared_server(users, report, findings);
  }
};

}  // namespace

std::unique_ptr<Rule> make_shared_connection_pool_rule() { return std::make_unique<SharedConnectionPoolRule>(); }

}  // namespace dbsilo
