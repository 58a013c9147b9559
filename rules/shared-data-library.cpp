// shared-data-library: a library several services use defines entities, repositories or DAOs (seed pitfall 6).
#include <map>

#include "dbsilo/rule.h"
#include "dbsilo/text.h"
#include "rules/rules.h"

namespace dbsilo {
namespace {

class SharedDataLibraryRule final : public Rule {
 public:
  const RuleInfo& info() const override {
    static const RuleInfo rule_info{
        "shared-data-library",
        "Shared data-access library",
        "A library used by two or more services defines entities, repositories or DAOs: the services share one data model.",
        "Move each entity and repository into the service that owns the data; keep only stateless helpers in the library, "
        "configured entirely by the calling service.",
        Severity::warning,
        6,
        {"database-per-service", "shared-library"}};
    return rule_info;
  }

  void check(const Model& model, std::vector<Finding>& findings) const override {
    std::map<std::string, std::vector<const LibraryDataDefinition*>> by_library;
    for (const auto& definition : model.library_data_definitions) by_library[definition.library].push_back(&definition);
    for (const auto& [library, definitions] : by_library) {
      const Unit* unit = model.find_unit(library);
      if (!unit || unit->used_by.size() < 2) continue;
      std::vector<std::string> what;
      for (const auto* definition : definitions) what.push_back(definition->what);
      Finding finding;
      finding.rule = std::string(info().id);
      finding.message = "library " + library + ", used by " + name_list(unit->used_by) + ", defines " + join(what, ", ") +
                        ": the services share one data model and cannot change it apart";
      finding.services = unit->used_by;
      finding.location = definitions.front()->location;
      for (const auto& service : unit->used_by) {
        const Unit* user = model.find_unit(service);
        auto declared = user ? user->dependency_locations.find(library) : std::map<std::string, SourceLocation>::const_iterator{};
        if (user && declared != user->dependency_locations.end()) finding.related.push_back({declared->second, service + " uses " + library + " here"});
      }
      finding.fingerprint = fingerprint_of({info().id, library});
      findings.push_back(std::move(finding));
    }
  }
};

}  // namespace

std::unique_ptr<Rule> make_shared_data_library_rule() { return std::make_unique<SharedDataLibraryRule>(); }

}  // namespace dbsilo
