// shared-database: two services read and write the same database on one server (seed pitfall 1).
#include "dbsilo/rule.h"
#include "dbsilo/text.h"
#include "rules/rules.h"

namespace dbsilo {
namespace {

class SharedDatabaseRule final : public Rule {
 public:
  const RuleInfo& info() const override {
    static const RuleInfo rule_info{
        "shared-database",
        "Shared database",
        "Two services use the same database (or schema) on the same server.",
        "Split the data: each service gets its own database on its own server, and other services reach that data "
        "through the owner's API or events it publishes.",
        Severity::error,
        1,
        {"database-per-service", "coupling"}};
    return rule_info;
  }

  void check(const Model& model, std::vector<Finding>& findings) const override {
    SharedServerReport report;
    report.rule_id = info().id;
    report.related = [](const Datasource& left, const Datasource& right) { return same_database(left, right); };
    report.anchor = [](const Datasource& datasource) { return datasource.origin.location; };
    report.subject = [](const Datasource& datasource) { return datasource.database_label; };
    report.related_message = "uses the same database here";
    report.message = [](const std::vector<const Datasource*>& here, const std::vector<const Datasource*>& partners) {
      std::vector<std::string> names;
      for (const auto* datasource : here) names.push_back(datasource->unit);
      for (const auto* datasource : partners) names.push_back(datasource->unit);
      return name_list(names) + " use the same " + describe_database(*here.front()) + " on " + here.front()->server_label +
             ": a change to one service's tables can break the others";
    };
    for (const auto& users : servers_shared_by_services(model)) report_shared_server(users, report, findings);
  }
};

}  // namespace

std::unique_ptr<Rule> make_shared_database_rule() { return std::make_unique<SharedDatabaseRule>(); }

}  // namespace dbsilo
