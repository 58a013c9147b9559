// Unit tests of parse_connection_uri: every catalogued scheme, multi-host, IPv6, %-decoding, rejects.
#include <gtest/gtest.h>

#include "languages/datastore/connection_string.h"
#include "target_printing.h"

namespace dbsilo {
namespace {

ConnectionTarget uri(std::string_view text) {
  std::optional<ConnectionTarget> target = parse_connection_uri(text);
  EXPECT_TRUE(target) << "not read: " << text;
  return target.value_or(ConnectionTarget{});
}

// ---- PostgreSQL ----

TEST(UriPostgres, Everything) {
  const ConnectionTarget target = uri("postgres://app:S3cret@DB.example.com:5433/orders?sslmode=require");
  EXPECT_EQ(target.engine, Engine::postgres);
  EXPECT_EQ(target.endpoints, (Endpoints{{"db.example.com", 5433}}));
  EXPECT_EQ(target.database, "orders");
  EXPECT_EQ(target.user, "app");
  EXPECT_EQ(target.password_digest, secret_digest("S3cret"));
}

TEST(UriPostgres, SeveralHosts) {
  EXPECT_EQ(uri("postgresql://h1:5433,h2:5434,h3/orders").endpoints, (Endpoints{{"h1", 5433}, {"h2", 5434}, {"h3", 5432}}));
}

TEST(UriPostgres, NoHostIsTheLocalSocket) {
  const ConnectionTarget target = uri("postgresql:///orders");
  EXPECT_EQ(target.endpoints, (Endpoints{{"localhost", 5432}}));
  EXPECT_EQ(target.database, "orders");
  EXPECT_EQ(uri("postgresql:///orders?host=/var/run/postgresql").endpoints, (Endpoints{{"localhost", 5432}}));
  EXPECT_EQ(uri("postgresql://%2Fvar%2Frun%2Fpostgresql/orders").endpoints, (Endpoints{{"localhost", 5432}}));
}

TEST(UriPostgres, QueryHostPortAndDbnameOverride) {
  EXPECT_EQ(uri("postgresql://db/orders?host=h1,h2&port=5433,5434").endpoints, (Endpoints{{"h1", 5433}, {"h2", 5434}}));
  const ConnectionTarget target = uri("postgresql://?dbname=orders&host=db&port=6000");
  EXPECT_EQ(target.endpoints, (Endpoints{{"db", 6000}}));
  EXPECT_EQ(target.database, "orders");
}

TEST(UriPostgres, SchemaFromCurrentSchemaOptionsOrSearchPath) {
  EXPECT_EQ(uri("postgresql://db/orders?currentSchema=sales").schema, "sales");
  EXPECT_EQ(uri("postgresql://db/orders?options=-csearch_path%3Dbilling").schema, "billing");
  EXPECT_EQ(uri("postgresql://db/orders?options=-c%20search_path%3D%22Ledger%22%2Cpublic").schema, "Ledger");
  EXPECT_EQ(uri("postgres://db/orders?search_path=audit").schema, "audit");
}

TEST(UriPostgres, Ipv6) {
  EXPECT_EQ(uri("postgresql://[::1]:5433/db").endpoints, (Endpoints{{"localhost", 5433}}));
  EXPECT_EQ(uri("postgresql://[2001:db8::1]/db").endpoints, (Endpoints{{"2001:db8::1", 5432}}));
  EXPECT_EQ(uri("postgresql://[2001:db8::1]:6000,[::1]/db").endpoints, (Endpoints{{"2001:db8::1", 6000}, {"localhost", 5432}}));
}

TEST(UriPostgres, PercentDecodingOfUserPasswordDatabase) {
  const ConnectionTarget target = uri("postgresql://us%40er:p%40ss%3A1@db/my%2Fdb");
  EXPECT_EQ(target.user, "us@er");
  EXPECT_EQ(target.password_digest, secret_digest("p@ss:1"));
  EXPECT_EQ(target.database, "my/db");
  EXPECT_EQ(target.endpoints, (Endpoints{{"db", 5432}}));
}

TEST(UriPostgres, SqlAlchemyDialectPlusDriver) {
  const ConnectionTarget target = uri("postgresql+psycopg2://u:p@db/x");
  EXPECT_EQ(target.engine, Engine::postgres);
  EXPECT_EQ(target.database, "x");
  EXPECT_EQ(uri("mysql+pymysql://db/shop").engine, Engine::mysql);
}

TEST(UriPostgres, PlaceholdersKeptPasswordPlaceholderIsNoSecret) {
  const ConnectionTarget target = uri("postgres://${DB_USER}:${DB_PASS}@${DB_HOST}:5432/${DB_NAME}");
  EXPECT_EQ(target.user, "${DB_USER}");
  EXPECT_EQ(target.password_digest, std::nullopt);
  EXPECT_EQ(target.endpoints, (Endpoints{{"${DB_HOST}", 5432}}));
  EXPECT_EQ(target.database, "${DB_NAME}");
}

TEST(UriPostgres, UnencodedSlashInPasswordDoesNotLeakIntoTheDatabase) {
  const ConnectionTarget target = uri("postgres://app:pa/ss@db/orders");
  EXPECT_EQ(target.database, "orders");
  EXPECT_EQ(target.endpoints, (Endpoints{{"db", 5432}}));
  EXPECT_EQ(target.password_digest, secret_digest("pa/ss"));
  EXPECT_EQ(uri("postgres://app:p#ss@db/orders").database, "orders");
}

// ---- MySQL / MariaDB ----

TEST(UriMysql, PlainAndMariadb) {
  const ConnectionTarget mysql = uri("mysql://u:p@db:3307/shop");
  EXPECT_EQ(mysql.engine, Engine::mysql);
  EXPECT_EQ(mysql.endpoints, (Endpoints{{"db", 3307}}));
  EXPECT_EQ(mysql.database, "shop");
  EXPECT_EQ(mysql.user, "u");
  const ConnectionTarget mariadb = uri("mariadb://db/shop");
  EXPECT_EQ(mariadb.engine, Engine::mariadb);
  EXPECT_EQ(mariadb.endpoints, (Endpoints{{"db", 3306}}));
}

// ---- MongoDB ----

TEST(UriMongo, ReplicaSet) {
  const ConnectionTarget target = uri("mongodb://app:pw@h1:27017,h2:27018/orders?authSource=admin&replicaSet=rs");
  EXPECT_EQ(target.engine, Engine::mongodb);
  EXPECT_EQ(target.endpoints, (Endpoints{{"h1", 27017}, {"h2", 27018}}));
  EXPECT_EQ(target.database, "orders");
  EXPECT_EQ(target.user, "app");
  EXPECT_EQ(target.password_digest, secret_digest("pw"));
  EXPECT_FALSE(target.dns_seed_list);
}

TEST(UriMongo, DatabaseDefaultsToEmpty) {
  const ConnectionTarget target = uri("mongodb://h1");
  EXPECT_EQ(target.database, "");
  EXPECT_EQ(target.endpoints, (Endpoints{{"h1", 27017}}));
  EXPECT_EQ(uri("mongodb://h1/?replicaSet=rs").database, "");
}

TEST(UriMongo, SrvIsADnsSeedList) {
  const ConnectionTarget target = uri("mongodb+srv://app:pw@Cluster0.example.net/orders");
  EXPECT_TRUE(target.dns_seed_list);
  EXPECT_EQ(target.endpoints, (Endpoints{{"cluster0.example.net", 0}}));
  EXPECT_EQ(target.database, "orders");
  EXPECT_EQ(parse_connection_uri("mongodb+srv://a.example.net,b.example.net/x"), std::nullopt);
}

// ---- Redis, Memcached, Cassandra ----

TEST(UriRedis, DatabaseIndexAndPasswordOnly) {
  const ConnectionTarget target = uri("redis://:pw@cache:6380/2");
  EXPECT_EQ(target.engine, Engine::redis);
  EXPECT_EQ(target.endpoints, (Endpoints{{"cache", 6380}}));
  EXPECT_EQ(target.database, "2");
  EXPECT_EQ(target.user, "");
  EXPECT_EQ(target.password_digest, secret_digest("pw"));
  const ConnectionTarget bare = uri("redis://cache");
  EXPECT_EQ(bare.database, "");
  EXPECT_EQ(bare.endpoints, (Endpoints{{"cache", 6379}}));
}

TEST(UriRedis, LoneUserinfoIsAPasswordAsJedisAndLettuceReadIt) {
  const ConnectionTarget target = uri("redis://s3cr3t@cache");
  EXPECT_EQ(target.user, "");
  EXPECT_EQ(target.password_digest, secret_digest("s3cr3t"));
}

TEST(UriRedis, TlsAclUserAndSentinel) {
  const ConnectionTarget tls = uri("rediss://default:pw@cache:6390/0");
  EXPECT_EQ(tls.user, "default");
  EXPECT_EQ(tls.database, "0");
  EXPECT_EQ(tls.endpoints, (Endpoints{{"cache", 6390}}));
  const ConnectionTarget sentinel = uri("redis-sentinel://s1:26380,s2/0#mymaster");
  EXPECT_EQ(sentinel.endpoints, (Endpoints{{"s1", 26380}, {"s2", 26379}}));
  EXPECT_EQ(sentinel.database, "0");
}

TEST(UriMemcached, DefaultPort) {
  EXPECT_EQ(uri("memcached://cache").endpoints, (Endpoints{{"cache", 11211}}));
  EXPECT_EQ(uri("memcached://cache:11212").engine, Engine::memcached);
}

TEST(UriCassandra, KeyspaceIsTheDatabase) {
  const ConnectionTarget target = uri("cassandra://c1:9043,c2/inventory");
  EXPECT_EQ(target.engine, Engine::cassandra);
  EXPECT_EQ(target.endpoints, (Endpoints{{"c1", 9043}, {"c2", 9042}}));
  EXPECT_EQ(target.database, "inventory");
}

// ---- SQL Server, Oracle ----

TEST(UriSqlServer, GoStyleAndPropertyStyle) {
  const ConnectionTarget go = uri("sqlserver://app:pw@db:1433?database=orders");
  EXPECT_EQ(go.engine, Engine::sqlserver);
  EXPECT_EQ(go.endpoints, (Endpoints{{"db", 1433}}));
  EXPECT_EQ(go.database, "orders");
  EXPECT_EQ(go.password_digest, secret_digest("pw"));
  EXPECT_EQ(uri("sqlserver://db/SALES?database=orders").endpoints, (Endpoints{{"db\\sales", 0}}));
  const ConnectionTarget properties = uri("sqlserver://db:1500;databaseName=orders");
  EXPECT_EQ(properties.endpoints, (Endpoints{{"db", 1500}}));
  EXPECT_EQ(properties.database, "orders");
}

TEST(UriOracle, ServiceInThePath) {
  const ConnectionTarget target = uri("oracle://u:p@db:1522/svc");
  EXPECT_EQ(target.engine, Engine::oracle);
  EXPECT_EQ(target.endpoints, (Endpoints{{"db", 1522}}));
  EXPECT_EQ(target.database, "svc");
}

// ---- Not connection URIs ----

TEST(UriRejects, OtherSchemesAndMalformedText) {
  for (const char* text : {"", "http://x", "https://db.example.com/orders", "ftp://u:p@h/x", "postgres:db",
                           "mongodb://", "redis://", "://x", "1postgres://x", "postgres ql://x", "file:///tmp/x",
                           "jdbc:postgresql://db/x"}) {
    EXPECT_EQ(parse_connection_uri(text), std::nullopt) << text;
  }
}

}  // namespace
}  // namespace dbsilo
