// Unit tests of the engine catalogue: names, aliases, default ports.
#include <gtest/gtest.h>

#include <array>

#include "dbsilo/datastore.h"
#include "target_printing.h"

namespace dbsilo {
namespace {

constexpr std::array all_engines{
    Engine::postgres, Engine::mysql,  Engine::mariadb, Engine::sqlserver, Engine::oracle,    Engine::db2,      Engine::h2,
    Engine::hsqldb,   Engine::sqlite, Engine::derby,   Engine::mongodb,   Engine::redis,     Engine::memcached, Engine::cassandra,
};

TEST(EngineCatalog, EveryEngineHasANameThatReadsBack) {
  for (const Engine engine : all_engines) {
    const std::string_view name = engine_name(engine);
    EXPECT_NE(name, "unknown") << static_cast<int>(engine);
    EXPECT_EQ(engine_from_name(name), engine) << name;
  }
}

TEST(EngineCatalog, CanonicalNames) {
  EXPECT_EQ(engine_name(Engine::postgres), "postgres");
  EXPECT_EQ(engine_name(Engine::sqlserver), "sqlserver");
  EXPECT_EQ(engine_name(Engine::mongodb), "mongodb");
  EXPECT_EQ(engine_name(Engine::unknown), "unknown");
}

TEST(EngineCatalog, AliasesAndCaseAndBlanks) {
  EXPECT_EQ(engine_from_name("postgresql"), Engine::postgres);
  EXPECT_EQ(engine_from_name("PG"), Engine::postgres);
  EXPECT_EQ(engine_from_name("postgis"), Engine::postgres);  // Testcontainers module name
  EXPECT_EQ(engine_from_name("Mongo"), Engine::mongodb);
  EXPECT_EQ(engine_from_name("mssql"), Engine::sqlserver);
  EXPECT_EQ(engine_from_name("  MariaDB "), Engine::mariadb);
  EXPECT_EQ(engine_from_name("memcache"), Engine::memcached);
  EXPECT_EQ(engine_from_name("sqlite3"), Engine::sqlite);
  EXPECT_EQ(engine_from_name("hypersql"), Engine::hsqldb);
}

TEST(EngineCatalog, UnknownNames) {
  EXPECT_EQ(engine_from_name(""), std::nullopt);
  EXPECT_EQ(engine_from_name("unknown"), std::nullopt);
  EXPECT_EQ(engine_from_name("postgres sql"), std::nullopt);
  EXPECT_EQ(engine_from_name("clickhouse"), std::nullopt);
  EXPECT_EQ(engine_from_name("p"), std::nullopt);
}

TEST(EngineCatalog, DefaultPorts) {
  EXPECT_EQ(default_port(Engine::postgres), 5432);
  EXPECT_EQ(default_port(Engine::mysql), 3306);
  EXPECT_EQ(default_port(Engine::mariadb), 3306);
  EXPECT_EQ(default_port(Engine::sqlserver), 1433);
  EXPECT_EQ(default_port(Engine::oracle), 1521);
  EXPECT_EQ(default_port(Engine::db2), 50000);
  EXPECT_EQ(default_port(Engine::h2), 9092);
  EXPECT_EQ(default_port(Engine::hsqldb), 9001);
  EXPECT_EQ(default_port(Engine::derby), 1527);
  EXPECT_EQ(default_port(Engine::mongodb), 27017);
  EXPECT_EQ(default_port(Engine::redis), 6379);
  EXPECT_EQ(default_port(Engine::memcached), 11211);
  EXPECT_EQ(default_port(Engine::cassandra), 9042);
  EXPECT_EQ(default_port(Engine::sqlite), 0);
  EXPECT_EQ(default_port(Engine::unknown), 0);
}

}  // namespace
}  // namespace dbsilo
