// Reads Hibernate hbm.xml, JPA orm.xml / persistence.xml and MyBatis mapper XML into entity mappings, query texts and settings.
#include "languages/sql/orm_xml.h"

#include <algorithm>
#include <array>

#include "dbsilo/text.h"
#include "languages/config/config_support.h"
#include "languages/java/java_text.h"
#include "languages/xml/xml_document.h"

namespace dbsilo {
namespace {

// MyBatis statement elements, sorted.
constexpr std::array<std::string_view, 4> kMyBatisStatements = {"delete", "insert", "select", "update"};

std::string local_name(const std::string& name) {
  const auto colon = name.find(':');
  return colon == std::string::npos ? name : name.substr(colon + 1);
}

// All character data under an element, in document order: dynamic SQL spreads it over children.
void collect_text(const XmlElement& element, std::string& out) {
  if (!element.text.empty()) out += (out.empty() ? "" : " ") + element.text;
  for (const auto& child : element.children) collect_text(child, out);
}

void find_statements(const XmlElement& element, const std::string& path, std::vector<QueryTextFact>& queries, int depth) {
  if (depth > 64) return;
  for (const auto& child : element.children) {
    const std::string name = local_name(child.name);
    if (std::find(kMyBatisStatements.begin(), kMyBatisStatements.end(), name) != kMyBatisStatements.end()) {
      std::string sql;
      collect_text(child, sql);
      const std::string* id = child.attribute("id");
      if (!trim(sql).empty()) queries.push_back({std::string(trim(sql)), "sql", "MyBatis <" + name + (id ? " id=" + *id : std::string()) + ">", {path, child.line, child.column}});
      continue;
    }
    find_statements(child, path, queries, depth + 1);
  }
}

}  // namespace

bool is_hibernate_mapping(std::string_view path) { return to_lower(path).ends_with(".hbm.xml"); }

std::vector<EntityMappingFact> read_hibernate_mapping(std::string_view text, const std::string& path, std::vector<Warning>& warnings) {
  std::vector<EntityMappingFact> mappings;
  const XmlDocument document = parse_xml(text, path, warnings);
  if (!document.root || local_name(document.root->name) != "hibernate-mapping") return mappings;
  const std::string* package = document.root->attribute("package");
  for (const XmlElement* mapped : document.root->children_named("class")) {
    const std::string* name = mapped->attribute("name");
    if (!name) continue;
    EntityMappingFact mapping;
    const auto dot = name->rfind('.');
    mapping.class_name = dot == std::string::npos ? *name : name->substr(dot + 1);
    mapping.qualified_name = dot != std::string::npos ? *name : (package ? *package + "." + *name : *name);
    const std::string* entity_name = mapped->attribute("entity-name");
    mapping.entity_name = entity_name ? *entity_name : mapping.class_name;
    mapping.store_kind = "table";
    const std::string* table = mapped->attribute("table");
    mapping.name = table ? *table : mapping.class_name;
    if (const std::string* schema = mapped->attribute("schema")) mapping.schema = *schema;
    for (const auto& property : mapped->children) {
      const std::string kind = local_name(property.name);
      if (kind != "property" && kind != "id" && kind != "many-to-one") continue;
      const std::string* column = property.attribute("column");
      const std::string* field = property.attribute("name");
      if (column) mapping.columns.push_back(*column);
      else if (field) mapping.columns.push_back(*field);
    }
    mapping.origin = "hbm";
    mapping.location = {path, mapped->line, mapped->column};
    mappings.push_back(std::move(mapping));
  }
  return mappings;
}

bool looks_like_jpa_orm_mapping(std::string_view text) { return text.find("<entity-mappings") != std::string_view::npos; }

std::vector<EntityMappingFact> read_jpa_orm_mapping(std::string_view text, const std::string& path, std::vector<Warning>& warnings) {
  std::vector<EntityMappingFact> mappings;
  const XmlDocument document = parse_xml(text, path, warnings);
  if (!document.root || local_name(document.root->name) != "entity-mappings") return mappings;
  std::string package;
  for (const XmlElement* element : document.root->children_named("package")) package = element->text;
  for (const XmlElement* entity : document.root->children_named("entity")) {
    const std::string* class_name = entity->attribute("class");
    if (!class_name || class_name->empty()) continue;
    EntityMappingFact mapping;
    const auto dot = class_name->rfind('.');
    mapping.class_name = dot == std::string::npos ? *class_name : class_name->substr(dot + 1);
    mapping.qualified_name = dot != std::string::npos || package.empty() ? *class_name : package + "." + *class_name;
    const std::string* entity_name = entity->attribute("name");
    mapping.entity_name = entity_name ? *entity_name : mapping.class_name;
    mapping.store_kind = "table";
    for (const XmlElement* table : entity->children_named("table")) {
      if (const std::string* name = table->attribute("name")) mapping.name = *name;
      if (const std::string* schema = table->attribute("schema")) mapping.schema = *schema;
    }
    if (mapping.name.empty()) mapping.name = java::spring_physical_name(mapping.class_name);
    for (const XmlElement* attributes : entity->children_named("attributes")) {
      for (const auto& attribute : attributes->children) {
        const std::string kind = local_name(attribute.name);
        if (kind != "id" && kind != "basic" && kind != "version" && kind != "many-to-one" && kind != "one-to-one") continue;
        std::string column;
        for (const XmlElement* element : attribute.children_named(kind == "many-to-one" || kind == "one-to-one" ? "join-column" : "column")) {
          if (const std::string* name = element->attribute("name")) column = *name;
        }
        const std::string* field = attribute.attribute("name");
        if (column.empty() && field) column = java::spring_physical_name(*field) + (kind == "many-to-one" || kind == "one-to-one" ? "_id" : "");
        if (!column.empty()) mapping.columns.push_back(column);
      }
    }
    mapping.origin = "orm.xml";
    mapping.location = {path, entity->line, entity->column};
    mappings.push_back(std::move(mapping));
  }
  return mappings;
}

PersistenceUnitFacts read_persistence_xml(std::string_view text, const std::string& path, std::vector<Warning>& warnings) {
  PersistenceUnitFacts facts;
  const XmlDocument document = parse_xml(text, path, warnings);
  if (!document.root || local_name(document.root->name) != "persistence") return facts;
  ConfigDocument settings;
  for (const XmlElement* unit : document.root->children_named("persistence-unit")) {
    const std::string* unit_name = unit->attribute("name");
    const std::string managed_by = "persistence-unit " + (unit_name ? *unit_name : std::string("(unnamed)"));
    for (const XmlElement* managed : unit->children_named("class")) {
      if (managed->text.empty()) continue;
      const auto dot = managed->text.rfind('.');
      facts.managed_classes.push_back(RepositoryFact{managed_by, dot == std::string::npos ? managed->text : managed->text.substr(dot + 1), "table",
                                                     {path, managed->line, managed->column}});
    }
    for (const XmlElement* properties : unit->children_named("properties")) {
      for (const XmlElement* property : properties->children_named("property")) {
        const std::string* name = property->attribute("name");
        const std::string* value = property->attribute("value");
        if (name && value) settings.entries.push_back(ConfigEntry{*name, *value, {path, property->line, property->column}});
      }
    }
  }
  facts.config.documents.push_back(std::move(settings));
  config_support::redact_secret_values(facts.config);
  return facts;
}

bool looks_like_mybatis_mapper(std::string_view text) {
  return text.find("<mapper") != std::string_view::npos && (text.find("mybatis") != std::string_view::npos || text.find("namespace=") != std::string_view::npos);
}

std::vector<QueryTextFact> read_mybatis_mapper(std::string_view text, const std::string& path, std::vector<Warning>& warnings) {
  std::vector<QueryTextFact> queries;
  const XmlDocument document = parse_xml(text, path, warnings);
  if (!document.root || local_name(document.root->name) != "mapper") return queries;
  find_statements(*document.root, path, queries, 0);
  return queries;
}

}  // namespace dbsilo
