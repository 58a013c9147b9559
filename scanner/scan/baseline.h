// Baselines: the fingerprints of accepted findings, so a legacy repository starts clean.
#pragma once

#include <filesystem>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "dbsilo/finding.h"

namespace dbsilo {

// Writes every finding's fingerprint (with rule, path and message for a reviewer), sorted.
bool write_baseline(const std::filesystem::path& file, const std::vector<Finding>& findings, std::string& error);

// The fingerprints of a baseline file; nullopt with `error` set when it cannot be read.
std::optional<std::set<std::string>> read_baseline(const std::filesystem::path& file, std::string& error);

// Drops the findings whose fingerprint the baseline holds; returns how many were dropped.
std::size_t remove_baselined(std::vector<Finding>& findings, const std::set<std::string>& baseline);

}  // namespace dbsilo
