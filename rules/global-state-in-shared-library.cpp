// global-state-in-shared-library: mutable global or static state in a library several services use (seed pitfall 6).
#include "dbsilo/rule.h"
#include "dbsilo/text.h"
#include "rules/rules.h"

namespace dbsilo {
namespace {

class GlobalStateInSharedLibraryRule final : public Rule {
 public:
  const RuleInfo& info() const override {
    static const RuleInfo rule_info{
        "global-state-in-shared-library",
        "Global state in a shared library",
        "A library used by two or more services holds mutable static or global state (caches, singletons, registries).",
        "Make the library stateless: let each calling service create and own the state (inject it), or move the state "
        "into the one service that needs it.",
        Severity::warning,
        6,
        {"database-per-service", "shared-library", "global-state"}};
    return rule_info;
  }

  void check(const Model& model, std::vector<Finding>& findings) const override {
    for (const auto& state : model.library_global_state) {
      const Unit* unit = model.find_unit(state.library);
      if (!unit || unit->used_by.size() < 2) continue;
      Finding finding;
      finding.rule = std::string(info().id);
      finding.message = "library " + state.library + ", used by " + name_list(unit->used_by) + ", holds mutable " + kind_text(state.kind) + " " +
                        state.name + (state.type.empty() ? "" : " (" + state.type + ")") +
                        ": code shared this way tempts services to share data through it, and hides who changes it";
      finding.services = unit->used_by;
      finding.location = state.location;
      for (const auto& service : unit->used_by) {
        const Unit* user = model.find_unit(service);
        if (!user) continue;
        if (auto declared = user->dependency_locations.find(state.library); declared != user->dependency_locations.end()) {
          finding.related.push_back({declared->second, service + " uses " + state.library + " here"});
        }
      }
      finding.fingerprint = fingerprint_of({info().id, state.library, state.name});
      findings.push_back(std::move(finding));
    }
  }

 private:
  static std::string kind_text(const std::string& kind) {
    if (kind == "static-collection") return "static collection";
    if (kind == "singleton") return "singleton";
    if (kind == "thread-local") return "thread-local variable";
    if (kind == "global-variable") return "global variable";
    return "static field";
  }
};

}  // namespace

std::unique_ptr<Rule> make_global_state_in_shared_library_rule() { return std::make_unique<GlobalStateInSharedLibraryRule>(); }

}  // namespace dbsilo
