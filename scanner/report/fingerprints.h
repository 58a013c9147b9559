// Fingerprint helpers shared by the printers that need one unique id per result (SARIF, GitLab).
#pragma once

#include <cstdio>
#include <set>
#include <string>
#include <string_view>

#include "dbsilo/text.h"

namespace dbsilo {

// 16 hex digits (FNV-1a): a fingerprint for what came without one (input warnings).
inline std::string hash_hex(std::string_view text) {
  char buffer[17];
  std::snprintf(buffer, sizeof buffer, "%016llx", static_cast<unsigned long long>(fnv1a64(text)));
  return buffer;
}

// One result per fingerprint: a repeat gets "-2", "-3", ... in report order.
class UniqueFingerprints {
 public:
  std::string claim(const std::string& fingerprint) {
    std::string candidate = fingerprint;
    for (int repeat = 2; used_.contains(candidate); ++repeat) candidate = fingerprint + "-" + std::to_string(repeat);
    used_.insert(candidate);
    return candidate;
  }

 private:
  std::set<std::string> used_;
};

}  // namespace dbsilo
