// shared-datasource-config: datasource settings in a library or shared file several services load (seed pitfalls 4, 6).
#include "dbsilo/rule.h"
#include "dbsilo/text.h"
#include "rules/rules.h"

namespace dbsilo {
namespace {

class SharedDatasourceConfigRule final : public Rule {
 public:
  const RuleInfo& info() const override {
    static const RuleInfo rule_info{
        "shared-datasource-config",
        "Shared datasource configuration",
        "Datasource settings (spring.datasource.*, connection URLs, hosts) live in a library or shared file that "
        "several services load.",
        "Move the datasource settings into each service's own configuration; a shared library must take its "
        "connection from the calling service and carry none of its own.",
        Severity::warning,
        6,
        {"database-per-service", "configuration", "shared-library"}};
    return rule_info;
  }

  void check(const Model& model, std::vector<Finding>& findings) const override {
    for (const auto& file : model.shared_config_files) {
      if (file.datasource_settings.empty()) continue;
      std::vector<std::string> keys;
      for (const auto& setting : file.datasource_settings) keys.push_back(setting.key);
      report_shared_file(info().id, file, file.datasource_settings,
                         "datasource settings (" + join(keys, ", ") + ") in " + file.path + ", provided by " + file.provider +
                             ", reach " + name_list(file.loaded_by) +
                             (file.shadowed_for.empty() ? std::string()
                                                        : " (hidden today behind the own file of the same name in " + name_list(file.shadowed_for) + ")") +
                             ": one edit there can move every one of these services to another database",
                         findings);
    }
  }
};

}  // namespace

std::unique_ptr<Rule> make_shared_datasource_config_rule() { return std::make_unique<SharedDatasourceConfigRule>(); }

}  // namespace dbsilo
