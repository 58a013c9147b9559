// Liquibase changelogs (XML, YAML, JSON): createTable, addColumn, addForeignKeyConstraint and sql changes.
#include <algorithm>
#include <array>
#include <cctype>

#include <yaml-cpp/yaml.h>

#include "dbsilo/text.h"
#include "languages/sql/ddl_reader.h"
#include "languages/xml/xml_document.h"

namespace dbsilo {

namespace {

// Changelog file extensions (lower case); .sql changelogs are plain SQL scripts.
constexpr std::array<std::string_view, 4> kChangelogExtensions = {".json", ".xml", ".yaml", ".yml"};
// Elements whose content describes no change to keep (undo steps, conditions).
constexpr std::array<std::string_view, 3> kSkippedXmlElements = {"preConditions", "rollback", "validCheckSum"};
// Elements nested deeper than this are not visited (the XML reader already caps depth; this bounds our recursion).
constexpr int kMaxChangelogDepth = 64;

std::string lower(std::string_view text) {
  std::string lowered(text);
  for (char& c : lowered) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return lowered;
}

// Liquibase passes names unquoted by default, so the database folds them: fold them the same way
// as unquoted SQL names, so changelog tables and SQL accesses compare equal.
std::string folded_name(std::string_view name) { return lower(name); }

// `references="schema.table(id)"` -> (schema, table).
std::pair<std::string, std::string> split_references(std::string_view references) {
  references = references.substr(0, references.find('('));
  while (!references.empty() && std::isspace(static_cast<unsigned char>(references.back()))) references.remove_suffix(1);
  const std::size_t dot = references.rfind('.');
  if (dot == std::string_view::npos) return {"", folded_name(references)};
  return {folded_name(references.substr(0, dot)), folded_name(references.substr(dot + 1))};
}

// Shifts the locations of DDL read from an embedded `sql` change to the changelog's lines.
void append_shifted(DdlFacts& into, DdlFacts embedded, int line_offset) {
  for (TableDefinitionFact& table : embedded.tables) {
    table.location.line += line_offset;
    into.tables.push_back(std::move(table));
  }
  for (ForeignKeyFact& foreign_key : embedded.foreign_keys) {
    foreign_key.location.line += line_offset;
    into.foreign_keys.push_back(std::move(foreign_key));
  }
  for (std::string& database : embedded.databases) into.databases.push_back(std::move(database));
}

void add_foreign_key(DdlFacts& facts, std::string table, std::pair<std::string, std::string> referenced,
                     SourceLocation location) {
  if (table.empty() || referenced.second.empty()) return;
  facts.foreign_keys.push_back({std::move(table), std::move(referenced.second), std::move(referenced.first), std::move(location)});
}

// ---- XML ----

class XmlChangelogReader {
 public:
  XmlChangelogReader(std::string_view raw_text, const std::string& path, std::vector<Warning>& warnings)
      : raw_text_(raw_text), path_(path), warnings_(warnings) {}

  DdlFacts read(const XmlElement& root) {
    visit(root, 0);
    return std::move(facts_);
  }

 private:
  std::string attribute(const XmlElement& element, std::string_view name) const {
    const std::string* value = element.attribute(name);
    return value == nullptr ? "" : *value;
  }

  void visit(const XmlElement& element, int depth) {
    if (depth > kMaxChangelogDepth) return;
    const std::string_view name = xml_local_name(element.name);
    if (std::find(kSkippedXmlElements.begin(), kSkippedXmlElements.end(), name) != kSkippedXmlElements.end()) return;
    if (name == "createTable") {
      read_columns(element, true);
    } else if (name == "addColumn") {
      read_columns(element, false);
    } else if (name == "addForeignKeyConstraint") {
      const std::string referenced_table = attribute(element, "referencedTableName");
      add_foreign_key(facts_, folded_name(attribute(element, "baseTableName")),
                      {folded_name(attribute(element, "referencedTableSchemaName")), folded_name(referenced_table)},
                      location_of(element));
    } else if (name == "sql") {
      append_shifted(facts_, read_sql_ddl(element.text, path_, warnings_), text_first_line(element) - 1);
    }
    for (const XmlElement& child : element.children) visit(child, depth + 1);
  }

  // createTable (defines the table) or addColumn (only its foreign keys count).
  void read_columns(const XmlElement& element, bool defines_table) {
    const std::string table = folded_name(attribute(element, "tableName"));
    if (table.empty()) return;
    std::vector<std::string> columns;
    for (const XmlElement* column : element.children_named("column")) {
      columns.push_back(folded_name(attribute(*column, "name")));
      const XmlElement* constraints = column->child("constraints");
      if (constraints == nullptr) continue;
      const std::string referenced_table = attribute(*constraints, "referencedTableName");
      if (!referenced_table.empty()) {
        add_foreign_key(facts_, table, {folded_name(attribute(*constraints, "referencedTableSchemaName")), folded_name(referenced_table)},
                        location_of(*constraints));
      } else if (const std::string references = attribute(*constraints, "references"); !references.empty()) {
        add_foreign_key(facts_, table, split_references(references), location_of(*constraints));
      }
    }
    if (defines_table) {
      facts_.tables.push_back({table, folded_name(attribute(element, "schemaName")), std::move(columns), location_of(element)});
    }
  }

  SourceLocation location_of(const XmlElement& element) const { return {path_, element.line, element.column}; }

  // The element's text is trimmed, so its first line is found in the file: the SQL usually starts
  // on the line after `<sql>`. When entities make the text differ, the tag's line is close enough.
  int text_first_line(const XmlElement& element) const {
    std::size_t line_start = 0;
    for (int line = 1; line < element.line && line_start != std::string_view::npos; ++line) {
      line_start = raw_text_.find('\n', line_start);
      if (line_start != std::string_view::npos) ++line_start;
    }
    const std::string_view probe = std::string_view(element.text).substr(0, 64);
    const std::size_t found = line_start == std::string_view::npos || probe.empty() ? std::string_view::npos
                                                                                     : raw_text_.find(probe, line_start);
    if (found == std::string_view::npos) return element.line;
    return 1 + static_cast<int>(std::count(raw_text_.begin(), raw_text_.begin() + static_cast<std::ptrdiff_t>(found), '\n'));
  }

  std::string_view raw_text_;
  const std::string& path_;
  std::vector<Warning>& warnings_;
  DdlFacts facts_;
};

// ---- YAML / JSON ----

class YamlChangelogReader {
 public:
  YamlChangelogReader(const std::string& path, std::vector<Warning>& warnings) : path_(path), warnings_(warnings) {}

  DdlFacts read(const YAML::Node& root) {
    const YAML::Node changelog = root.IsMap() ? root["databaseChangeLog"] : YAML::Node();
    if (!changelog || !changelog.IsSequence()) return {};
    for (const YAML::Node& entry : changelog) {
      if (!entry.IsMap() || !entry["changeSet"] || !entry["changeSet"].IsMap()) continue;
      const YAML::Node changes = entry["changeSet"]["changes"];
      if (!changes || !changes.IsSequence()) continue;
      for (const YAML::Node& change : changes) {
        if (change.IsMap()) read_change(change);
      }
    }
    return std::move(facts_);
  }

 private:
  static std::string scalar(const YAML::Node& map, const char* key) {
    if (!map.IsMap()) return "";
    const YAML::Node value = map[key];
    return value && value.IsScalar() ? value.Scalar() : "";
  }

  void read_change(const YAML::Node& change) {
    for (const auto& member : change) {
      if (!member.first.IsScalar()) continue;
      const std::string kind = member.first.Scalar();
      const YAML::Node& body = member.second;
      if (kind == "createTable" || kind == "addColumn") {
        read_columns(body, kind == "createTable");
      } else if (kind == "addForeignKeyConstraint" && body.IsMap()) {
        add_foreign_key(facts_, folded_name(scalar(body, "baseTableName")),
                        {folded_name(scalar(body, "referencedTableSchemaName")), folded_name(scalar(body, "referencedTableName"))},
                        location_of(member.first));
      } else if (kind == "sql") {
        const std::string text = body.IsScalar() ? body.Scalar() : scalar(body, "sql");
        append_shifted(facts_, read_sql_ddl(text, path_, warnings_), location_of(member.first).line);
      }
    }
  }

  void read_columns(const YAML::Node& body, bool defines_table) {
    const std::string table = folded_name(scalar(body, "tableName"));
    if (table.empty()) return;
    std::vector<std::string> columns;
    const YAML::Node column_list = body["columns"];
    if (column_list && column_list.IsSequence()) {
      for (const YAML::Node& item : column_list) {
        const YAML::Node column = item.IsMap() ? item["column"] : YAML::Node();
        if (!column || !column.IsMap()) continue;
        columns.push_back(folded_name(scalar(column, "name")));
        const YAML::Node constraints = column["constraints"];
        if (!constraints || !constraints.IsMap()) continue;
        if (const std::string referenced = scalar(constraints, "referencedTableName"); !referenced.empty()) {
          add_foreign_key(facts_, table, {folded_name(scalar(constraints, "referencedTableSchemaName")), folded_name(referenced)},
                          location_of(constraints));
        } else if (const std::string references = scalar(constraints, "references"); !references.empty()) {
          add_foreign_key(facts_, table, split_references(references), location_of(constraints));
        }
      }
    }
    if (defines_table) facts_.tables.push_back({table, folded_name(scalar(body, "schemaName")), std::move(columns), location_of(body)});
  }

  SourceLocation location_of(const YAML::Node& node) const {
    const YAML::Mark mark = node.Mark();
    if (mark.is_null()) return {path_, 0, 0};
    return {path_, mark.line + 1, mark.column + 1};
  }

  const std::string& path_;
  std::vector<Warning>& warnings_;
  DdlFacts facts_;
};

bool looks_like_xml(std::string_view path, std::string_view text) {
  if (lower(path).ends_with(".xml")) return true;
  const std::size_t first = text.find_first_not_of(" \t\r\n\xEF\xBB\xBF");
  return first != std::string_view::npos && text[first] == '<';
}

}  // namespace

DdlFacts read_liquibase_changelog(std::string_view text, const std::string& path, std::vector<Warning>& warnings) {
  if (text.size() > kMaxDdlFileBytes) {
    warnings.push_back({{path, 0, 0}, "Liquibase changelog of " + std::to_string(text.size()) + " bytes not read: over the 64 MB limit"});
    return {};
  }
  if (looks_like_xml(path, text)) {
    const XmlDocument document = parse_xml(text, path, warnings);
    if (document.root == nullptr) return {};
    return XmlChangelogReader(text, path, warnings).read(*document.root);
  }
  try {
    return YamlChangelogReader(path, warnings).read(YAML::Load(std::string(text)));
  } catch (const YAML::Exception& error) {
    // Only a changelog is worth a warning: a file merely named *changelog* may be anything.
    if (text.find("databaseChangeLog") != std::string_view::npos) {
      const int line = error.mark.is_null() ? 0 : error.mark.line + 1;
      warnings.push_back({{path, line, 0}, "invalid Liquibase changelog: the YAML could not be read"});
    }
  } catch (...) {  // yaml-cpp may throw other exceptions on binary input: never let them escape
    warnings.push_back({{path, 0, 0}, "invalid Liquibase changelog: the file could not be read"});
  }
  return {};
}

bool is_liquibase_changelog(std::string_view path, std::string_view text) {
  const std::string lowered_path = lower(path);
  const bool changelog_extension = std::any_of(kChangelogExtensions.begin(), kChangelogExtensions.end(),
                                               [&](std::string_view extension) { return lowered_path.ends_with(extension); });
  if (!changelog_extension) return false;
  if (text.find("databaseChangeLog") != std::string_view::npos) return true;
  // A file named like a changelog, or any file in a changelog folder (db/changelog/001-init.yml);
  // a service merely called "changelog-service" does not make its application.yml one.
  const std::vector<std::string> parts = split(lowered_path, '/');
  if (parts.back().find("changelog") != std::string::npos) return true;
  return std::any_of(parts.begin(), parts.end() - 1, [](const std::string& folder) {
    return folder == "changelog" || folder == "changelogs" || folder == "changes";
  });
}

}  // namespace dbsilo
