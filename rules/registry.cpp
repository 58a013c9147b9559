// The rule registry: one line per rule, sorted by id.
#include <algorithm>

#include "dbsilo/rule.h"

namespace dbsilo {

std::unique_ptr<Rule> make_database_network_exposure_rule();
std::unique_ptr<Rule> make_foreign_table_access_rule();
std::unique_ptr<Rule> make_global_state_in_shared_library_rule();
std::unique_ptr<Rule> make_shared_connection_pool_rule();
std::unique_ptr<Rule> make_shared_database_instance_rule();
std::unique_ptr<Rule> make_shared_database_rule();
std::unique_ptr<Rule> make_shared_data_library_rule();
std::unique_ptr<Rule> make_shared_datasource_config_rule();
std::unique_ptr<Rule> make_unsynced_data_copy_rule();

const std::vector<std::pair<std::string_view, std::string_view>>& embedded_rule_docs();

const std::vector<std::unique_ptr<Rule>>& all_rules() {
  static const std::vector<std::unique_ptr<Rule>> rules = [] {
    std::vector<std::unique_ptr<Rule>> list;
    list.push_back(make_database_network_exposure_rule());
    list.push_back(make_foreign_table_access_rule());
    list.push_back(make_global_state_in_shared_library_rule());
    list.push_back(make_shared_connection_pool_rule());
    list.push_back(make_shared_database_rule());
    list.push_back(make_shared_database_instance_rule());
    list.push_back(make_shared_data_library_rule());
    list.push_back(make_shared_datasource_config_rule());
    list.push_back(make_unsynced_data_copy_rule());
    std::sort(list.begin(), list.end(), [](const auto& a, const auto& b) { return a->info().id < b->info().id; });
    return list;
  }();
  return rules;
}

const Rule* find_rule(std::string_view id) {
  for (const auto& rule : all_rules()) {
    if (rule->info().id == id) return rule.get();
  }
  return nullptr;
}

std::string_view rule_doc(std::string_view id) {
  for (const auto& [doc_id, text] : embedded_rule_docs()) {
    if (doc_id == id) return text;
  }
  return {};
}

}  // namespace dbsilo
