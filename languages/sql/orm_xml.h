// XML ORM mappings: Hibernate hbm.xml classes and MyBatis mapper statements.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "dbsilo/facts.h"

namespace dbsilo {

// *.hbm.xml
bool is_hibernate_mapping(std::string_view path);

// <hibernate-mapping package="p"><class name="X" table="t" schema="s"> with <property column>:
// one table mapping per class (table defaults to the class name).
std::vector<EntityMappingFact> read_hibernate_mapping(std::string_view text, const std::string& path, std::vector<Warning>& warnings);

// A JPA mapping file (META-INF/orm.xml or any <mapping-file>): its root is <entity-mappings>.
bool looks_like_jpa_orm_mapping(std::string_view text);

// <entity-mappings><package>p</package><entity class="X" name="N"><table name="t" schema="s"/>
// <attributes><basic name="f"><column name="c"/>...: one table mapping per entity (the table
// defaults to Spring's physical name of the class). A mapping file is read by the JPA provider,
// so its entities are persisted by the unit holding it.
std::vector<EntityMappingFact> read_jpa_orm_mapping(std::string_view text, const std::string& path, std::vector<Warning>& warnings);

// JPA persistence.xml: each <persistence-unit>'s <class> entries are persisted by the unit
// (reported as repositories named "persistence-unit <name>"), and its <property> settings
// (javax/jakarta.persistence.jdbc.url, hibernate.connection.url, ...) are configuration.
struct PersistenceUnitFacts {
  ConfigFileFacts config;  // one document; secret values already redacted
  std::vector<RepositoryFact> managed_classes;
};
PersistenceUnitFacts read_persistence_xml(std::string_view text, const std::string& path, std::vector<Warning>& warnings);

// A MyBatis mapper: an XML file whose root is <mapper namespace="...">.
bool looks_like_mybatis_mapper(std::string_view text);

// Every <select>/<insert>/<update>/<delete> statement's SQL (dynamic <if>/<where>/<foreach>
// bodies included, #{param} kept for the SQL reader to normalise).
std::vector<QueryTextFact> read_mybatis_mapper(std::string_view text, const std::string& path, std::vector<Warning>& warnings);

}  // namespace dbsilo
