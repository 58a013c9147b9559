// Small lookups over parsed configuration facts, shared by the config front-end tests.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "dbsilo/facts.h"

namespace dbsilo::config_test {

// The first entry with this key, or nullptr.
inline const ConfigEntry* find_entry(const ConfigDocument& document, std::string_view key) {
  for (const ConfigEntry& entry : document.entries) {
    if (entry.key == key) return &entry;
  }
  return nullptr;
}

// The value under `key`, or "<missing>" so a missing key fails equality checks visibly.
inline std::string value_of(const ConfigDocument& document, std::string_view key) {
  const ConfigEntry* entry = find_entry(document, key);
  return entry ? entry->value : std::string("<missing>");
}

inline std::vector<std::string> keys_of(const ConfigDocument& document) {
  std::vector<std::string> keys;
  for (const ConfigEntry& entry : document.entries) keys.push_back(entry.key);
  return keys;
}

// Whether `needle` occurs in any key, value or warning: used to prove secrets never leak.
inline bool appears_anywhere(const ConfigFileFacts& facts, const std::vector<Warning>& warnings, std::string_view needle) {
  for (const ConfigDocument& document : facts.documents) {
    if (document.activation.find(needle) != std::string::npos) return true;
    for (const ConfigEntry& entry : document.entries) {
      if (entry.key.find(needle) != std::string::npos || entry.value.find(needle) != std::string::npos) return true;
    }
  }
  for (const Warning& warning : warnings) {
    if (warning.message.find(needle) != std::string::npos) return true;
  }
  return false;
}

}  // namespace dbsilo::config_test
