// Finding helpers: severity names and the output order.
#include "dbsilo/finding.h"

#include <tuple>

namespace dbsilo {

std::string_view severity_name(Severity severity) {
  switch (severity) {
    case Severity::note: return "note";
    case Severity::warning: return "warning";
    case Severity::error: return "error";
  }
  return "warning";
}

bool finding_order(const Finding& left, const Finding& right) {
  return std::tie(left.location, left.rule, left.profile, left.message, left.fingerprint) <
         std::tie(right.location, right.rule, right.profile, right.message, right.fingerprint);
}

}  // namespace dbsilo
