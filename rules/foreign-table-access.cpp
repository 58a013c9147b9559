// foreign-table-access: a service's code uses a table or collection another service owns (seed pitfall 2).
#include <algorithm>
#include <map>
#include <string_view>
#include <unordered_map>
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
    // Keyed by lower-case name alone (kinds are compared per candidate), looked up without
    // building a string per use: table names in uses are lower-case already.
    std::vector<std::string> lowered_names;
    lowered_names.reserve(model.store_objects.size());
    for (const auto& object : model.store_objects) lowered_names.push_back(to_lower(object.name));
    std::unordered_map<std::string_view, std::vector<const StoreObject*>> objects_named;
    for (std::size_t index = 0; index < model.store_objects.size(); ++index) {
      objects_named[lowered_names[index]].push_back(&model.store_objects[index]);
    }
    std::string lowered_use_name;
    for (const StoreUse* use_pointer : model.store_uses) {
      const StoreUse& use = *use_pointer;
      std::vector<const StoreObject*> owners;
      bool own = false;
      std::string_view use_name = use.name;
      if (std::any_of(use_name.begin(), use_name.end(), [](char c) { return c >= 'A' && c <= 'Z'; })) {
        lowered_use_name = to_lower(use_name);
        use_name = lowered_use_name;
      }
      const auto namesakes = objects_named.find(use_name);
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
  // `object` is one of the use's namesakes (same lower-case name).
  static bool same_store(const StoreUse& use, const StoreObject& object) {
    if (use.store_kind != object.store_kind) return false;
    return use.schema.empty() || object.schema.empty() || iequals(use.schema, object.schema);
  }
};

}  // namespace

std::unique_ptr<Rule> make_foreign_table_access_rule() { return std::make_unique<ForeignTableAccessRule>(); }

}  // namespace dbsilo
