// Shared helpers for rules (grouping, wording, fingerprints).
#include "rules/rules.h"

#include <cstdio>
#include <algorithm>
#include <tuple>

#include "dbsilo/text.h"

namespace dbsilo {

std::vector<ServerUsers> servers_shared_by_services(const Model& model) {
  std::map<std::pair<std::string, std::string>, ServerUsers> grouped;
  for (const auto& datasource : model.datasources) {
    if (datasource.server_key.empty()) continue;
    ServerUsers& users = grouped[{datasource.profile, datasource.server_key}];
    users.profile = datasource.profile;
    users.server_key = datasource.server_key;
    auto [it, inserted] = users.by_service.emplace(datasource.unit, &datasource);
    // The representative is the best-recognised datasource, then the first by location.
    if (!inserted && std::make_pair(datasource.evidence, datasource.origin.location) <
                         std::make_pair(it->second->evidence, it->second->origin.location)) {
      it->second = &datasource;
    }
  }
  std::vector<ServerUsers> shared;
  for (auto& [key, users] : grouped) {
    if (users.by_service.size() >= 2) shared.push_back(std::move(users));
  }
  return shared;
}


std::string fingerprint_of(std::initializer_list<std::string_view> parts) {
  std::uint64_t hash = fnv1a64("dbsilo-fingerprint-v1");
  for (const auto part : parts) {
    hash = fnv1a64(part, hash);
    hash = fnv1a64("\x1f", hash);
  }
  char buffer[17];
  std::snprintf(buffer, sizeof buffer, "%016llx", static_cast<unsigned long long>(hash));
  return buffer;
}

bool same_database(const Datasource& left, const Datasource& right) {
  if (left.target.database.empty() || right.target.database.empty()) return false;
  // SQL Server, Oracle and DB2 compare database names without regard to case.
  const auto case_insensitive = [](Engine engine) { return engine == Engine::sqlserver || engine == Engine::oracle || engine == Engine::db2; };
  if (case_insensitive(left.target.engine) && case_insensitive(right.target.engine)) {
    if (to_lower(left.target.database) != to_lower(right.target.database)) return false;
  } else if (left.target.database != right.target.database) {
    return false;
  }
  return left.target.schema.empty() || right.target.schema.empty() || left.target.schema == right.target.schema;
}

std::string describe_database(const Datasource& datasource) {
  if (datasource.target.database.empty() && datasource.target.schema.empty()) return "no database named";
  if (datasource.target.schema.empty()) return "database " + datasource.target.database;
  if (datasource.target.database.empty()) return "schema " + datasource.target.schema;
  return "database " + datasource.target.database + ", schema " + datasource.target.schema;
}

}  // namespace dbsilo

namespace dbsilo {

void report_shared_server(const ServerUsers& users, const SharedServerReport& report, std::vector<Finding>& findings) {
  // anchor location -> services whose datasource is defined there
  std::map<SourceLocation, std::vector<const Datasource*>> by_anchor;
  std::map<std::string, std::vector<const Datasource*>> partners_of;
  for (const auto& [service, datasource] : users.by_service) {
    for (const auto& [other, other_datasource] : users.by_service) {
      if (other != service && report.related(*datasource, *other_datasource)) partners_of[service].push_back(other_datasource);
    }
    if (!partners_of[service].empty()) by_anchor[report.anchor(*datasource)].push_back(datasource);
  }
  for (const auto& [anchor, here] : by_anchor) {
    std::vector<std::string> here_names;
    for (const auto* datasource : here) here_names.push_back(datasource->unit);
    std::vector<const Datasource*> partners;
    for (const auto* datasource : here) {
      for (const auto* partner : partners_of[datasource->unit]) {
        const bool listed = std::find(here_names.begin(), here_names.end(), partner->unit) != here_names.end() ||
                            std::find(partners.begin(), partners.end(), partner) != partners.end();
        if (!listed) partners.push_back(partner);
      }
    }
    std::sort(partners.begin(), partners.end(), [](const Datasource* a, const Datasource* b) { return a->unit < b->unit; });
    Finding finding;
    finding.rule = std::string(report.rule_id);
    finding.message = report.message(here, partners);
    finding.services = here_names;
    for (const auto* partner : partners) finding.services.push_back(partner->unit);
    finding.location = anchor;
    for (const auto* partner : partners) {
      finding.related.push_back({report.anchor(*partner), partner->unit + " " + std::string(report.related_message)});
    }
    finding.profile = users.profile;
    finding.fingerprint = fingerprint_of({report.rule_id, anchor.path, join(here_names, ","), here.front()->server_label, report.subject(*here.front())});
    findings.push_back(std::move(finding));
  }
}

void report_shared_file(std::string_view rule_id, const SharedConfigFile& file, const std::vector<SettingOrigin>& settings,
                        const std::string& message, std::vector<Finding>& findings) {
  if (settings.empty() || file.loaded_by.size() < 2) return;
  Finding finding;
  finding.rule = std::string(rule_id);
  finding.message = message;
  finding.services = file.loaded_by;
  finding.location = settings.front().location;
  for (const auto& service : file.loaded_by) {
    finding.related.push_back({file.load_locations.at(service), service + " loads " + file.path});
  }
  finding.fingerprint = fingerprint_of({rule_id, file.path, settings.front().key});
  findings.push_back(std::move(finding));
}

}  // namespace dbsilo
