// The interface every rule implements, and the registry that lists them.
#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "dbsilo/finding.h"
#include "dbsilo/model.h"

namespace dbsilo {

// Metadata that sits next to a rule's code; printers and `explain` read it, never the rule.
struct RuleInfo {
  std::string_view id;
  std::string_view name;          // "Shared database instance"
  std::string_view summary;       // one line
  std::string_view fix;           // the default fix hint
  Severity default_severity = Severity::warning;
  int pitfall = 0;                // which of the six seed pitfalls it enforces
  std::vector<std::string_view> tags;
};

class Rule {
 public:
  virtual ~Rule() = default;
  virtual const RuleInfo& info() const = 0;
  // Appends findings; severity, fix and rule id are filled from info() when left empty.
  virtual void check(const Model& model, std::vector<Finding>& findings) const = 0;
};

// Every rule, sorted by id.
const std::vector<std::unique_ptr<Rule>>& all_rules();
const Rule* find_rule(std::string_view id);
// The rule's doc page (rules/<id>.md), embedded at build time; "" when missing.
std::string_view rule_doc(std::string_view id);

}  // namespace dbsilo
