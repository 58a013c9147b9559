// Helpers shared by the fuzz targets: turning libFuzzer's bytes into the views front ends take.
#pragma once

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>
#include <utility>

#include "dbsilo/facts.h"
#include "languages/config/config_parsers.h"

namespace dbsilo::fuzz {

inline std::string_view as_text(const std::uint8_t* data, std::size_t size) {
  return {reinterpret_cast<const char*>(data), size};
}

// First byte picks a variant (which reader, which file name), the rest is the input; lets one
// target cover several small readers without a separate 10-minute run for each.
inline std::pair<unsigned, std::string_view> split_selector(std::string_view input) {
  if (input.empty()) return {0, input};
  return {static_cast<unsigned char>(input.front()), input.substr(1)};
}

// The secrets invariant, checked on every fuzz input: a value under a secret-looking key is
// dropped when read, whatever the bytes around it. abort() makes libFuzzer save the input.
inline void check_secrets_dropped(const ConfigFileFacts& facts) {
  for (const auto& document : facts.documents) {
    for (const auto& entry : document.entries) {
      if (is_secret_key(entry.key) && (!entry.value.empty() || !entry.secret)) std::abort();
    }
  }
}

}  // namespace dbsilo::fuzz
