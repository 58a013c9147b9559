// Reads and writes baseline files (JSON, sorted by fingerprint, so they diff well in review).
#include "scanner/scan/baseline.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <fstream>

namespace dbsilo {

bool write_baseline(const std::filesystem::path& file, const std::vector<Finding>& findings, std::string& error) {
  std::vector<const Finding*> sorted;
  for (const auto& finding : findings) sorted.push_back(&finding);
  std::sort(sorted.begin(), sorted.end(), [](const Finding* a, const Finding* b) {
    return std::tie(a->fingerprint, a->location) < std::tie(b->fingerprint, b->location);
  });
  nlohmann::ordered_json entries = nlohmann::ordered_json::array();
  std::string previous;
  for (const Finding* finding : sorted) {
    if (finding->fingerprint == previous) continue;
    previous = finding->fingerprint;
    entries.push_back({{"fingerprint", finding->fingerprint}, {"rule", finding->rule}, {"path", finding->location.path}, {"message", finding->message}});
  }
  nlohmann::ordered_json document = {{"version", 1}, {"tool", "dbsilo"}, {"findings", entries}};
  std::ofstream out(file, std::ios::binary);
  if (!out) {
    error = "cannot write baseline " + file.string();
    return false;
  }
  out << document.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) << "\n";
  return static_cast<bool>(out);
}

std::optional<std::set<std::string>> read_baseline(const std::filesystem::path& file, std::string& error) {
  std::ifstream in(file, std::ios::binary);
  if (!in) {
    error = "cannot read baseline " + file.string();
    return std::nullopt;
  }
  const nlohmann::json document = nlohmann::json::parse(in, nullptr, false);
  if (document.is_discarded() || !document.is_object() || !document.contains("findings") || !document["findings"].is_array()) {
    error = "baseline " + file.string() + " is not a dbsilo baseline (expected {\"version\": 1, \"findings\": [...]})";
    return std::nullopt;
  }
  std::set<std::string> fingerprints;
  for (const auto& entry : document["findings"]) {
    if (entry.is_object() && entry.contains("fingerprint") && entry["fingerprint"].is_string()) fingerprints.insert(entry["fingerprint"].get<std::string>());
  }
  return fingerprints;
}

std::size_t remove_baselined(std::vector<Finding>& findings, const std::set<std::string>& baseline) {
  const std::size_t before = findings.size();
  std::erase_if(findings, [&](const Finding& finding) { return baseline.contains(finding.fingerprint); });
  return before - findings.size();
}

}  // namespace dbsilo
