// Suppressions: `dbsilo-ignore rule: reason` comments, @SuppressWarnings("dbsilo:rule"), dbsilo.yaml entries.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "dbsilo/facts.h"
#include "dbsilo/finding.h"

namespace dbsilo {

// Every suppression written in a file's text: `// dbsilo-ignore rule-a, rule-b: reason`,
// `# dbsilo-ignore ...`, `-- ...`, `<!-- ... -->`, and Java's @SuppressWarnings("dbsilo:rule")
// (which covers the declaration that follows, up to its closing brace or semicolon).
// A comment covers its own line and the next one.
std::vector<SuppressionFact> find_suppressions(std::string_view text, const std::string& path);

struct SuppressionOutcome {
  std::vector<Finding> kept;
  std::size_t suppressed = 0;
  std::vector<Warning> warnings;  // a suppression without a reason, or one that matches nothing
};

// Applies inline suppressions and dbsilo.yaml entries to the findings (primary location).
SuppressionOutcome apply_suppressions(std::vector<Finding> findings, const std::vector<SuppressionFact>& suppressions);

}  // namespace dbsilo
