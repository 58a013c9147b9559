// shared-database-instance: services with separate databases on one database server (seed pitfall 1).
#include "dbsilo/rule.h"
#include "dbsilo/text.h"
#include "rules/rules.h"

namespace dbsilo {
namespace {

class SharedDatabaseInstanceRule final : public Rule {
 public:
  const RuleInfo& info() const override {
    static const RuleInfo rule_info{
        "shared-database-instance",
        "Shared database instance",
        "Two services keep their data in separate databases or schemas of one database server.",
        "Give each service its own database server (its own data directory, configuration and connection limits); "
        "the service that needs another's data calls that service's API.",
        Severity::warning,
        1,
        {"database-per-service", "isolation"}};
    return rule_info;
  }

  void check(const Model& model, std::vector<Finding>& findings) const override {
    SharedServerReport report;
    report.rule_id = info().id;
    // When two services also share the database itself, shared-database reports the pair.
    report.related = [](const Datasource& left, const Datasource& right) { return !same_database(left, right); };
    report.anchor = [](const Datasource& datasource) { return datasource.origin.location; };
    report.subject = [](const Datasource&) { return std::string(); };
    report.related_message = "uses the same server here";
    report.message = [](const std::vector<const Datasource*>& here, const std::vector<const Datasource*>& partners) {
      std::vector<std::string> parts;
      for (const auto* datasource : here) parts.push_back(datasource->unit + " (" + describe_database(*datasource) + ")");
      std::vector<std::string> partner_parts;
      for (const auto* datasource : partners) partner_parts.push_back(datasource->unit + " (" + describe_database(*datasource) + ")");
      std::string message = name_list(parts) + (partners.empty() ? " run" : " runs") + " on the " +
                            std::string(engine_name(here.front()->target.engine)) + " server " + here.front()->server_label;
      if (!partners.empty()) message += " together with " + name_list(partner_parts);
      return message + ": separate databases on one server still share its memory, disk and connection limits";
    };
    for (const auto& users : servers_shared_by_services(model)) report_shared_server(users, report, findings);
  }
};

}  // namespace

std::unique_ptr<Rule> make_shared_database_instance_rule() { return std::make_unique<SharedDatabaseInstanceRule>(); }

}  // namespace dbsilo
