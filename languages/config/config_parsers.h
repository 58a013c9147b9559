// Front ends for configuration files: .properties, YAML, .env. They yield flattened entries.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "dbsilo/facts.h"

namespace dbsilo {

// Java .properties: `=`, `:` or blank separators, `#`/`!` comments, backslash line
// continuations, \uXXXX / \t / \n escapes, escaped separators in keys. One document, no activation.
ConfigFileFacts parse_properties(std::string_view text, const std::string& path, std::vector<Warning>& warnings);

// YAML via yaml-cpp: every document of a multi-document file; nested maps flattened with '.',
// sequences as key[0], key[1]; a document's activation from `spring.config.activate.on-profile`
// or the legacy `spring.profiles` (a list becomes "a | b"). Broken YAML: a warning with the
// line, and the documents parsed before the error are kept.
ConfigFileFacts parse_yaml_config(std::string_view text, const std::string& path, std::vector<Warning>& warnings);

// .env files: `KEY=value`, `export KEY=value`, single/double quotes, `#` comments.
ConfigFileFacts parse_dotenv(std::string_view text, const std::string& path, std::vector<Warning>& warnings);

// JSON config files (nlohmann): flattened like YAML.
ConfigFileFacts parse_json_config(std::string_view text, const std::string& path, std::vector<Warning>& warnings);

// Keys whose values are secrets and never kept (password, passwd, pwd, secret, token,
// credential(s), api-key, private-key, ...), case-insensitive, on the last key segment(s).
bool is_secret_key(std::string_view key);

// Spring profile expressions: "prod", "prod & cloud", "prod | dev", "!dev", "(a | b) & !c",
// and comma lists ("a, b" = any). True when the expression holds for the active profiles.
bool profile_expression_matches(std::string_view expression, const std::vector<std::string>& active_profiles);

// Spring relaxed binding of an environment variable name to a property key:
// SPRING_DATASOURCE_URL -> spring.datasource.url; SPRING_DATASOURCE_HIKARI_MAXIMUMPOOLSIZE ->
// spring.datasource.hikari.maximumpoolsize; MY_LIST_0_NAME -> my.list[0].name.
std::string property_key_from_environment(std::string_view environment_name);

// Canonical form used to compare property keys the way Spring's relaxed binding does:
// lower case, '-' and '_' removed inside segments ("spring.datasource.maximumPoolSize" ==
// "spring.datasource.maximum-pool-size").
std::string canonical_property_key(std::string_view key);

}  // namespace dbsilo
