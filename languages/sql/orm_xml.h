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

// A MyBatis mapper: an XML file whose root is <mapper namespace="...">.
bool looks_like_mybatis_mapper(std::string_view text);

// Every <select>/<insert>/<update>/<delete> statement's SQL (dynamic <if>/<where>/<foreach>
// bodies included, #{param} kept for the SQL reader to normalise).
std::vector<QueryTextFact> read_mybatis_mapper(std::string_view text, const std::string& path, std::vector<Warning>& warnings);

}  // namespace dbsilo
