// Unit tests for Spring relaxed binding: environment names and canonical property keys.
#include <gtest/gtest.h>

#include <string>

#include "languages/config/config_parsers.h"

namespace dbsilo {
namespace {

TEST(RelaxedBindingTest, EnvironmentNamesBecomePropertyKeys) {
  EXPECT_EQ(property_key_from_environment("SPRING_DATASOURCE_URL"), "spring.datasource.url");
  EXPECT_EQ(property_key_from_environment("SPRING_DATASOURCE_HIKARI_MAXIMUMPOOLSIZE"),
            "spring.datasource.hikari.maximumpoolsize");
  EXPECT_EQ(property_key_from_environment("MY_LIST_0_NAME"), "my.list[0].name");
  EXPECT_EQ(property_key_from_environment("MY_MATRIX_1_2"), "my.matrix[1][2]");
  EXPECT_EQ(property_key_from_environment("SERVER_PORT"), "server.port");
  EXPECT_EQ(property_key_from_environment("A__B"), "a.b");
  EXPECT_EQ(property_key_from_environment("path"), "path");
  EXPECT_EQ(property_key_from_environment(""), "");
}

TEST(RelaxedBindingTest, CanonicalKeysIgnoreCaseDashesAndUnderscores) {
  EXPECT_EQ(canonical_property_key("spring.datasource.maximumPoolSize"), "spring.datasource.maximumpoolsize");
  EXPECT_EQ(canonical_property_key("spring.datasource.maximum-pool-size"), "spring.datasource.maximumpoolsize");
  EXPECT_EQ(canonical_property_key("spring.datasource.maximum_pool_size"), "spring.datasource.maximumpoolsize");
  EXPECT_EQ(canonical_property_key("Spring.DataSource.URL"), "spring.datasource.url");
  EXPECT_EQ(canonical_property_key("my.list[0].first-name"), "my.list[0].firstname");
  EXPECT_EQ(canonical_property_key("map[Key-With_Case].x"), "map[Key-With_Case].x");  // brackets as written
}

TEST(RelaxedBindingTest, EnvironmentAndFileKeysMeet) {
  EXPECT_EQ(canonical_property_key(property_key_from_environment("SPRING_DATASOURCE_URL")),
            canonical_property_key("spring.datasource.url"));
  EXPECT_EQ(canonical_property_key(property_key_from_environment("SPRING_JPA_HIBERNATE_DDLAUTO")),
            canonical_property_key("spring.jpa.hibernate.ddl-auto"));
  EXPECT_EQ(canonical_property_key(property_key_from_environment("APP_SERVERS_0_HOST")),
            canonical_property_key("app.servers[0].host"));
  EXPECT_NE(canonical_property_key(property_key_from_environment("SPRING_DATASOURCE_URL")),
            canonical_property_key("spring.datasource.username"));
}

}  // namespace
}  // namespace dbsilo
