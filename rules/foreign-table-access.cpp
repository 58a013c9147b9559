// foreign-table-access: a service's code uses a table or collection another service owns (seed pitfall 2).
#include <map>
#include <utility>

#include "dbsilo/rule.h"
#include "dbsilo/text.h"
#include "rules/rules.h"

namespace dbsilo {
namespace {

class ForeignTableAccessRule final : public Rule {
 public:
  const RuleInfo& info() const override {
    static const RuleInfo rule_info{
        "foreign-table-access",
        "Foreign table access",
        "A service reads or writes a table or collection that another service owns, instead of calling its API.",
        "Call the owning service's API (or consume the events it publishes) instead of querying its tables; "
        "if the data must live here, keep a copy fed by the owner's events.",
        Severity::error,
        2,
        {"database-per-service", "coupling"}};
    return rule_info;
  }

  void check(const Model& model, std::vector<Finding>& findings) const override {
    // Identical accesses in one file are told apart by their order, not their line, so the
    // fingerprint survives edits above them.
    std::map<std::string, int> occurrences;
    // Objects by kind and lower-case name, in model order: each use looks at its namesakes only
    // (the editor reruns this on every edit, over every access in the repository).
    std::map<std::pair<std::string, std::string>, std::vector<const StoreObject*>> objects_named;
    for (const auto& object : model.store_objects) objects_named[{object.store_kind, to_lower(object.name)}].push_back(&object);
    for (const StoreUse* use_pointer : model.store_uses) {
      const StoreUse& use = *use_pointer;
      std::vector<const StoreObject*> owners;
      bool own = false;
      const auto namesakes = objects_named.find({use.store_kind, to_lower(use.name)});
      if (namesakes == objects_named.end()) continue;
      for (const StoreObject* candidate : namesakes->second) {
        const StoreObject& object = *candidate;
        if (!same_store(use, object)) continue;
        if (object.owner == use.unit) own = true;
        // Same name on another server is another table: only a reachable owner counts.
        const bool reachable = use.server_key.empty() || object.server_key.empty() || use.server_key == object.server_key;
        if (object.owner != use.unit && reachable) owners.push_back(&object);
      }
      if (own || owners.empty()) continue;
      std::vector<std::string> owner_names;
      for (const auto* owner : owners) {
        if (std::find(owner_names.begin(), owner_names.end(), owner->owner) == owner_names.end()) owner_names.push_back(owner->owner);
      }
      Finding finding;
      finding.rule = std::string(info().id);
      const std::string verb = use.operation == "write" ? "writes" : use.operation == "reference" ? "references" : "reads";
      finding.message = use.unit + " " + verb + " " + name_list(owner_names) + "'s " + use.store_kind + " " +
                        (use.schema.empty() ? "" : use.schema + ".") + use.name + " (" + use.how + ")";
      finding.services = {use.unit};
      finding.services.insert(finding.services.end(), owner_names.begin(), owner_names.end());
      finding.location = use.location;
      for (const auto* owner : owners) {
        finding.related.push_back({owner->location, owner->owner + " owns " + owner->name + " here (" + owner->evidence + ")"});
      }
      const std::string identity = use.location.path + "|" + use.unit + "|" + use.name + "|" + use.operation + "|" + use.how;
      finding.fingerprint = fingerprint_of({info().id, identity, std::to_string(++occurrences[identity])});
      findings.push_back(std::move(finding));
    }
  }

 private:
  static bool same_store(const StoreUse& use, const StoreObject& object) {
    if (use.store_kind != object.store_kind) return false;
    if (to_lower(use.name) != to_lower(object.name)) return false;
    return use.schema.empty() || object.schema.empty() || to_lower(use.schema) == to_lower(object.schema);
  }
};

}  // namespace

std::unique_ptr<Rule> make_foreign_table_access_rule() { return std::make_unique<ForeignTableAccessRule>(); }

}  // namespace dbsilo
