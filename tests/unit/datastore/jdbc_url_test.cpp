// Unit tests of parse_jdbc_url: every supported driver layout, defaults, placeholders, rejects.
#include <gtest/gtest.h>

#include "languages/datastore/connection_string.h"
#include "target_printing.h"

namespace dbsilo {
namespace {

ConnectionTarget jdbc(std::string_view url) {
  std::optional<ConnectionTarget> target = parse_jdbc_url(url);
  EXPECT_TRUE(target) << "not read: " << url;
  return target.value_or(ConnectionTarget{});
}

// ---- PostgreSQL ----

TEST(JdbcPostgres, HostsDatabaseSchemaAndCredentials) {
  const ConnectionTarget target = jdbc("jdbc:postgresql://h1:5433,h2/orders?currentSchema=sales&user=app&password=S3cret");
  EXPECT_EQ(target.engine, Engine::postgres);
  EXPECT_EQ(target.endpoints, (Endpoints{{"h1", 5433}, {"h2", 5432}}));
  EXPECT_EQ(target.database, "orders");
  EXPECT_EQ(target.schema, "sales");
  EXPECT_EQ(target.user, "app");
  EXPECT_EQ(target.password_digest, secret_digest("S3cret"));
  EXPECT_FALSE(target.in_process);
}

TEST(JdbcPostgres, BareDatabaseAndSlashMeanTheLocalServer) {
  const ConnectionTarget named = jdbc("jdbc:postgresql:orders");
  EXPECT_EQ(named.endpoints, (Endpoints{{"localhost", 5432}}));
  EXPECT_EQ(named.database, "orders");
  const ConnectionTarget slash = jdbc("jdbc:postgresql:/");
  EXPECT_EQ(slash.endpoints, (Endpoints{{"localhost", 5432}}));
  EXPECT_EQ(slash.database, "");
}

TEST(JdbcPostgres, PrefixIsCaseInsensitiveHostIsLowerCasedDatabaseIsNot) {
  const ConnectionTarget target = jdbc("JDBC:PostgreSQL://DB.Example.com/Orders");
  EXPECT_EQ(target.engine, Engine::postgres);
  EXPECT_EQ(target.endpoints, (Endpoints{{"db.example.com", 5432}}));
  EXPECT_EQ(target.database, "Orders");
}

TEST(JdbcPostgres, UnresolvedPlaceholdersAreKeptAndTheRestIsRead) {
  const ConnectionTarget target = jdbc("jdbc:postgresql://${DB_HOST}:5433/orders");
  EXPECT_EQ(target.endpoints, (Endpoints{{"${DB_HOST}", 5433}}));
  EXPECT_EQ(target.database, "orders");
  // ':' inside ${...} is not a port separator; an unresolved port falls back to the default.
  const ConnectionTarget defaults = jdbc("jdbc:postgresql://${DB_HOST:db.internal}:${DB_PORT:6543}/${DB_NAME}");
  EXPECT_EQ(defaults.endpoints, (Endpoints{{"${DB_HOST:db.internal}", 5432}}));
  EXPECT_EQ(defaults.database, "${DB_NAME}");
}

TEST(JdbcPostgres, Ipv6Literals) {
  EXPECT_EQ(jdbc("jdbc:postgresql://[::1]:5433/db").endpoints, (Endpoints{{"localhost", 5433}}));
  EXPECT_EQ(jdbc("jdbc:postgresql://[2001:DB8::7]/db").endpoints, (Endpoints{{"2001:db8::7", 5432}}));
}

TEST(JdbcPostgres, SearchPathInOptionsIsTheSchema) {
  EXPECT_EQ(jdbc("jdbc:postgresql://db/orders?options=-c%20search_path%3Dbilling,public").schema, "billing");
  EXPECT_EQ(jdbc("jdbc:postgresql://db/orders?options=-csearch_path%3Dledger").schema, "ledger");
  // currentSchema is explicit and wins over options, whichever comes first.
  EXPECT_EQ(jdbc("jdbc:postgresql://db/o?options=-csearch_path%3Da&currentSchema=b").schema, "b");
  EXPECT_EQ(jdbc("jdbc:postgresql://db/o?currentSchema=b&options=-csearch_path%3Da").schema, "b");
}

TEST(JdbcPostgres, BadPortsFallBackToTheDefault) {
  EXPECT_EQ(jdbc("jdbc:postgresql://db:notaport/x").endpoints, (Endpoints{{"db", 5432}}));
  EXPECT_EQ(jdbc("jdbc:postgresql://db:70000/x").endpoints, (Endpoints{{"db", 5432}}));
  EXPECT_EQ(jdbc("jdbc:postgresql://db:0/x").endpoints, (Endpoints{{"db", 5432}}));
  EXPECT_EQ(jdbc("jdbc:postgresql://db:-1/x").endpoints, (Endpoints{{"db", 5432}}));
}

TEST(JdbcPostgres, PercentDecoding) {
  const ConnectionTarget target = jdbc("jdbc:postgresql://db/my%20db?user=a%40b&password=p%26w");
  EXPECT_EQ(target.database, "my db");
  EXPECT_EQ(target.user, "a@b");
  EXPECT_EQ(target.password_digest, secret_digest("p&w"));
}

TEST(JdbcPostgres, PgjdbcNg) { EXPECT_EQ(jdbc("jdbc:pgsql://db/x").engine, Engine::postgres); }

// ---- MySQL / MariaDB ----

TEST(JdbcMysql, HostPortDatabaseQueryCredentials) {
  const ConnectionTarget target = jdbc("jdbc:mysql://db:3307/shop?user=app&password=pw&useSSL=false");
  EXPECT_EQ(target.engine, Engine::mysql);
  EXPECT_EQ(target.endpoints, (Endpoints{{"db", 3307}}));
  EXPECT_EQ(target.database, "shop");
  EXPECT_EQ(target.user, "app");
  EXPECT_EQ(target.password_digest, secret_digest("pw"));
}

TEST(JdbcMysql, UserinfoBeforeTheHost) {
  const ConnectionTarget target = jdbc("jdbc:mysql://app:pw@db/shop");
  EXPECT_EQ(target.user, "app");
  EXPECT_EQ(target.password_digest, secret_digest("pw"));
  EXPECT_EQ(target.endpoints, (Endpoints{{"db", 3306}}));
}

TEST(JdbcMysql, AtSignInAQueryValueIsNotUserinfo) {
  const ConnectionTarget target = jdbc("jdbc:mysql://db/shop?user=me@corp.com");
  EXPECT_EQ(target.user, "me@corp.com");
  EXPECT_EQ(target.endpoints, (Endpoints{{"db", 3306}}));
  EXPECT_EQ(target.database, "shop");
}

TEST(JdbcMysql, NoHostIsTheLocalServer) {
  EXPECT_EQ(jdbc("jdbc:mysql:///shop").endpoints, (Endpoints{{"localhost", 3306}}));
}

TEST(JdbcMysql, LoadBalanceAndReplication) {
  EXPECT_EQ(jdbc("jdbc:mysql:loadbalance://h1:3306,h2:3307/shop").endpoints, (Endpoints{{"h1", 3306}, {"h2", 3307}}));
  const ConnectionTarget replication = jdbc("jdbc:mysql:replication://source,replica/shop");
  EXPECT_EQ(replication.endpoints, (Endpoints{{"source", 3306}, {"replica", 3306}}));
  EXPECT_EQ(replication.database, "shop");
}

TEST(JdbcMysql, KeyValueHostForms) {
  const ConnectionTarget address = jdbc("jdbc:mysql://address=(host=h1)(port=3310)(user=app),address=(host=h2)/shop");
  EXPECT_EQ(address.endpoints, (Endpoints{{"h1", 3310}, {"h2", 3306}}));
  EXPECT_EQ(address.user, "app");
  const ConnectionTarget list = jdbc("jdbc:mysql://[(host=h1,port=3311),(host=h2,port=3312)]/shop");
  EXPECT_EQ(list.endpoints, (Endpoints{{"h1", 3311}, {"h2", 3312}}));
}

TEST(JdbcMysql, SrvNamesADnsSeedList) {
  const ConnectionTarget target = jdbc("jdbc:mysql+srv://_mysql._tcp.cluster.example.com/shop");
  EXPECT_TRUE(target.dns_seed_list);
  EXPECT_EQ(target.endpoints, (Endpoints{{"_mysql._tcp.cluster.example.com", 0}}));
}

TEST(JdbcMysql, LoopbackSpellingsMeetOnOneEndpoint) {
  EXPECT_EQ(jdbc("jdbc:mysql://127.0.0.1:3306/db").endpoints, jdbc("jdbc:mysql://LocalHost/db").endpoints);
}

TEST(JdbcMariadb, PlainAndModes) {
  const ConnectionTarget plain = jdbc("jdbc:mariadb://db/shop");
  EXPECT_EQ(plain.engine, Engine::mariadb);
  EXPECT_EQ(plain.endpoints, (Endpoints{{"db", 3306}}));
  EXPECT_EQ(jdbc("jdbc:mariadb:sequential://h1,h2/shop").endpoints.size(), 2u);
}

// ---- SQL Server ----

TEST(JdbcSqlServer, InstanceWithPortKeepsThePort) {
  const ConnectionTarget target = jdbc("jdbc:sqlserver://DB.corp\\SALES:1433;databaseName=orders;user=app;password=pw");
  EXPECT_EQ(target.engine, Engine::sqlserver);
  EXPECT_EQ(target.endpoints, (Endpoints{{"db.corp", 1433}}));
  EXPECT_EQ(target.database, "orders");
  EXPECT_EQ(target.user, "app");
  EXPECT_EQ(target.password_digest, secret_digest("pw"));
}

TEST(JdbcSqlServer, InstanceWithoutPortHasAnUnknownPort) {
  EXPECT_EQ(jdbc("jdbc:sqlserver://db.corp\\SALES;database=orders").endpoints, (Endpoints{{"db.corp\\sales", 0}}));
  EXPECT_EQ(jdbc("jdbc:sqlserver://db.corp;instanceName=SALES").endpoints, (Endpoints{{"db.corp\\sales", 0}}));
}

TEST(JdbcSqlServer, PropertiesNameTheServerAndPort) {
  EXPECT_EQ(jdbc("jdbc:sqlserver://db.corp;databaseName=orders;portNumber=1500").endpoints, (Endpoints{{"db.corp", 1500}}));
  const ConnectionTarget server = jdbc("jdbc:sqlserver://;serverName=db.corp;databaseName=orders");
  EXPECT_EQ(server.endpoints, (Endpoints{{"db.corp", 1433}}));
  EXPECT_EQ(server.database, "orders");
  EXPECT_EQ(jdbc("jdbc:sqlserver://db:1433").endpoints, (Endpoints{{"db", 1433}}));
}

TEST(JdbcSqlServer, BracedValuesHoldSemicolons) {
  const ConnectionTarget target = jdbc("jdbc:sqlserver://db;password={p;w}};x};user=app");
  EXPECT_EQ(target.password_digest, secret_digest("p;w};x"));
  EXPECT_EQ(target.user, "app");
}

TEST(JdbcSqlServer, FailoverPartnerIsASecondEndpoint) {
  EXPECT_EQ(jdbc("jdbc:sqlserver://db1;databaseName=o;failoverPartner=db2").endpoints, (Endpoints{{"db1", 1433}, {"db2", 1433}}));
}

TEST(JdbcSqlServer, Jtds) {
  const ConnectionTarget target = jdbc("jdbc:jtds:sqlserver://db:1434/orders;user=app;password=pw");
  EXPECT_EQ(target.engine, Engine::sqlserver);
  EXPECT_EQ(target.endpoints, (Endpoints{{"db", 1434}}));
  EXPECT_EQ(target.database, "orders");
  EXPECT_EQ(target.password_digest, secret_digest("pw"));
  EXPECT_EQ(jdbc("jdbc:jtds:sqlserver://db/orders;instance=SALES").endpoints, (Endpoints{{"db\\sales", 0}}));
}

// ---- Oracle ----

TEST(JdbcOracle, Sid) {
  const ConnectionTarget target = jdbc("jdbc:oracle:thin:@db:1521:ORCL");
  EXPECT_EQ(target.engine, Engine::oracle);
  EXPECT_EQ(target.endpoints, (Endpoints{{"db", 1521}}));
  EXPECT_EQ(target.database, "ORCL");
}

TEST(JdbcOracle, ServiceName) {
  const ConnectionTarget target = jdbc("jdbc:oracle:thin:@//db.corp:1522/sales.corp");
  EXPECT_EQ(target.endpoints, (Endpoints{{"db.corp", 1522}}));
  EXPECT_EQ(target.database, "sales.corp");
  EXPECT_EQ(jdbc("jdbc:oracle:thin:@db.corp/sales").endpoints, (Endpoints{{"db.corp", 1521}}));
}

TEST(JdbcOracle, CredentialsBeforeTheAt) {
  const ConnectionTarget target = jdbc("jdbc:oracle:thin:scott/tiger@db:1521/svc");
  EXPECT_EQ(target.user, "scott");
  EXPECT_EQ(target.password_digest, secret_digest("tiger"));
  EXPECT_EQ(target.database, "svc");
  const ConnectionTarget quoted = jdbc("jdbc:oracle:thin:\"app\"/\"p@ss/w\"@db:1521/svc");
  EXPECT_EQ(quoted.user, "app");
  EXPECT_EQ(quoted.password_digest, secret_digest("p@ss/w"));
  EXPECT_EQ(quoted.endpoints, (Endpoints{{"db", 1521}}));
}

TEST(JdbcOracle, Description) {
  const ConnectionTarget target = jdbc(
      "jdbc:oracle:thin:@(DESCRIPTION=(ADDRESS=(PROTOCOL=TCP)(HOST=h)(PORT=1522))(CONNECT_DATA=(SERVICE_NAME=s)))");
  EXPECT_EQ(target.endpoints, (Endpoints{{"h", 1522}}));
  EXPECT_EQ(target.database, "s");
}

TEST(JdbcOracle, DescriptionWithAddressListInAnyKeyOrder) {
  const ConnectionTarget target = jdbc(
      "jdbc:oracle:thin:@(description = (address_list = (address = (port = 1530)(host = H1)(protocol = tcp))"
      "(address=(protocol=tcp)(host=h2)))(connect_data=(sid=ORCL)))");
  EXPECT_EQ(target.endpoints, (Endpoints{{"h1", 1530}, {"h2", 1521}}));
  EXPECT_EQ(target.database, "ORCL");
}

TEST(JdbcOracle, EzConnectPlusAndOci) {
  const ConnectionTarget target = jdbc("jdbc:oracle:thin:@tcps://db:2484/svc?wallet_location=/w");
  EXPECT_EQ(target.endpoints, (Endpoints{{"db", 2484}}));
  EXPECT_EQ(target.database, "svc");
  EXPECT_EQ(jdbc("jdbc:oracle:oci:@db:1521:ORCL").engine, Engine::oracle);
  EXPECT_EQ(jdbc("jdbc:oracle:thin:@db").endpoints, (Endpoints{{"db", 1521}}));
}

TEST(JdbcOracle, PlaceholderHost) {
  const ConnectionTarget target = jdbc("jdbc:oracle:thin:@${ORA_HOST}:1521:ORCL");
  EXPECT_EQ(target.endpoints, (Endpoints{{"${ORA_HOST}", 1521}}));
  EXPECT_EQ(target.database, "ORCL");
}

TEST(JdbcOracle, NoAddressIsNotAUrl) {
  EXPECT_EQ(parse_jdbc_url("jdbc:oracle:thin:scott/tiger"), std::nullopt);
  EXPECT_EQ(parse_jdbc_url("jdbc:oracle:thin:@"), std::nullopt);
}

// ---- DB2 ----

TEST(JdbcDb2, DatabaseAndProperties) {
  const ConnectionTarget target = jdbc("jdbc:db2://db:50001/SAMPLE:currentSchema=APP;user=u;password=p;");
  EXPECT_EQ(target.engine, Engine::db2);
  EXPECT_EQ(target.endpoints, (Endpoints{{"db", 50001}}));
  EXPECT_EQ(target.database, "SAMPLE");
  EXPECT_EQ(target.schema, "APP");
  EXPECT_EQ(target.user, "u");
  EXPECT_EQ(jdbc("jdbc:db2://h/SAMPLE").endpoints, (Endpoints{{"h", 50000}}));
}

TEST(JdbcDb2, CataloguedAliasHasNoKnownAddress) {
  const ConnectionTarget target = jdbc("jdbc:db2:SAMPLE");
  EXPECT_EQ(target.database, "SAMPLE");
  EXPECT_TRUE(target.endpoints.empty());
  EXPECT_FALSE(target.in_process);
}

// ---- H2 ----

TEST(JdbcH2, InProcessForms) {
  const ConnectionTarget memory = jdbc("jdbc:h2:mem:testdb;DB_CLOSE_DELAY=-1");
  EXPECT_EQ(memory.engine, Engine::h2);
  EXPECT_TRUE(memory.in_process);
  EXPECT_TRUE(memory.endpoints.empty());
  EXPECT_EQ(memory.database, "testdb");
  EXPECT_EQ(jdbc("jdbc:h2:file:/data/app").database, "/data/app");
  for (const char* url : {"jdbc:h2:~/app", "jdbc:h2:./data/app", "jdbc:h2:app", "jdbc:h2:file:/x", "jdbc:h2:mem:"}) {
    const ConnectionTarget target = jdbc(url);
    EXPECT_TRUE(target.in_process) << url;
    EXPECT_TRUE(target.endpoints.empty()) << url;
  }
  EXPECT_EQ(jdbc("jdbc:h2:~/app").database, "~/app");
}

TEST(JdbcH2, ServerModes) {
  const ConnectionTarget tcp = jdbc("jdbc:h2:tcp://dbhost/~/app;USER=sa;PASSWORD=pw");
  EXPECT_FALSE(tcp.in_process);
  EXPECT_EQ(tcp.endpoints, (Endpoints{{"dbhost", 9092}}));
  EXPECT_EQ(tcp.database, "~/app");
  EXPECT_EQ(tcp.user, "sa");
  EXPECT_EQ(tcp.password_digest, secret_digest("pw"));
  const ConnectionTarget shared = jdbc("jdbc:h2:tcp://dbhost:9093/mem:shared");
  EXPECT_EQ(shared.endpoints, (Endpoints{{"dbhost", 9093}}));
  EXPECT_EQ(shared.database, "mem:shared");
  EXPECT_EQ(jdbc("jdbc:h2:ssl://dbhost/~/app").endpoints, (Endpoints{{"dbhost", 9092}}));
}

TEST(JdbcH2, NothingAfterThePrefixIsNotAUrl) { EXPECT_EQ(parse_jdbc_url("jdbc:h2:"), std::nullopt); }

// ---- HSQLDB ----

TEST(JdbcHsqldb, InProcessForms) {
  for (const char* url : {"jdbc:hsqldb:mem:test", "jdbc:hsqldb:file:/db/x", "jdbc:hsqldb:res:/db/x"}) {
    const ConnectionTarget target = jdbc(url);
    EXPECT_EQ(target.engine, Engine::hsqldb) << url;
    EXPECT_TRUE(target.in_process) << url;
    EXPECT_TRUE(target.endpoints.empty()) << url;
  }
  EXPECT_EQ(jdbc("jdbc:hsqldb:mem:test").database, "test");
}

TEST(JdbcHsqldb, ServerProtocolsAndTheirPorts) {
  const ConnectionTarget hsql = jdbc("jdbc:hsqldb:hsql://dbhost/xdb;user=sa");
  EXPECT_EQ(hsql.endpoints, (Endpoints{{"dbhost", 9001}}));
  EXPECT_EQ(hsql.database, "xdb");
  EXPECT_EQ(hsql.user, "sa");
  EXPECT_EQ(jdbc("jdbc:hsqldb:hsql://dbhost:9005/xdb").endpoints, (Endpoints{{"dbhost", 9005}}));
  EXPECT_EQ(jdbc("jdbc:hsqldb:hsqls://dbhost/xdb").endpoints, (Endpoints{{"dbhost", 554}}));
  EXPECT_EQ(jdbc("jdbc:hsqldb:http://dbhost/xdb").endpoints, (Endpoints{{"dbhost", 80}}));
}

// ---- SQLite, Derby ----

TEST(JdbcSqlite, AlwaysInProcess) {
  const ConnectionTarget file = jdbc("jdbc:sqlite:/var/app.db");
  EXPECT_EQ(file.engine, Engine::sqlite);
  EXPECT_TRUE(file.in_process);
  EXPECT_EQ(file.database, "/var/app.db");
  const ConnectionTarget memory = jdbc("jdbc:sqlite::memory:");
  EXPECT_TRUE(memory.in_process);
  EXPECT_EQ(memory.database, ":memory:");
  EXPECT_TRUE(memory.endpoints.empty());
}

TEST(JdbcDerby, EmbeddedAndNetwork) {
  for (const char* url : {"jdbc:derby:memory:test;create=true", "jdbc:derby:/data/db", "jdbc:derby:app"}) {
    const ConnectionTarget target = jdbc(url);
    EXPECT_EQ(target.engine, Engine::derby) << url;
    EXPECT_TRUE(target.in_process) << url;
  }
  EXPECT_EQ(jdbc("jdbc:derby:memory:test;create=true").database, "test");
  const ConnectionTarget network = jdbc("jdbc:derby://dbhost:1528/app;create=true;user=u;password=p");
  EXPECT_FALSE(network.in_process);
  EXPECT_EQ(network.endpoints, (Endpoints{{"dbhost", 1528}}));
  EXPECT_EQ(network.database, "app");
  EXPECT_EQ(network.user, "u");
  EXPECT_EQ(jdbc("jdbc:derby://dbhost/app").endpoints, (Endpoints{{"dbhost", 1527}}));
}

// ---- Testcontainers, proxy drivers ----

TEST(JdbcTestcontainers, PrivateContainerOfTheNamedEngine) {
  const ConnectionTarget target = jdbc("jdbc:tc:postgresql:15:///orders");
  EXPECT_EQ(target.engine, Engine::postgres);
  EXPECT_TRUE(target.in_process);
  EXPECT_TRUE(target.endpoints.empty());
  EXPECT_EQ(target.database, "orders");
  const ConnectionTarget mysql = jdbc("jdbc:tc:mysql:8.0.36://anyhost/shop?TC_INITSCRIPT=init.sql");
  EXPECT_EQ(mysql.engine, Engine::mysql);
  EXPECT_EQ(mysql.database, "shop");
  EXPECT_EQ(jdbc("jdbc:tc:postgis:16-3.4:///geo").engine, Engine::postgres);
  EXPECT_EQ(parse_jdbc_url("jdbc:tc:nosuchdb:1:///x"), std::nullopt);
}

TEST(JdbcWrappers, ProxyDriversAreSeenThrough) {
  const ConnectionTarget p6spy = jdbc("jdbc:p6spy:mysql://db/shop");
  EXPECT_EQ(p6spy.engine, Engine::mysql);
  EXPECT_EQ(p6spy.endpoints, (Endpoints{{"db", 3306}}));
  EXPECT_EQ(jdbc("jdbc:aws-wrapper:postgresql://db/x").engine, Engine::postgres);
  EXPECT_EQ(parse_jdbc_url("jdbc:p6spy:p6spy:mysql://db/x"), std::nullopt);
}

// ---- Not JDBC URLs ----

TEST(JdbcRejects, NonJdbcAndUnknownSubprotocols) {
  for (const char* text : {"", "jdbc:", "jdbc:unknown://db/x", "jdbc:mysql:db", "jdbc:mysql:weird://db/x",
                           "jdbc:sqlserver:db", "postgresql://db/x", "jdbcpostgresql://db/x", "jdbc:redshift://h/db",
                           "jdbc:db2:"}) {
    EXPECT_EQ(parse_jdbc_url(text), std::nullopt) << text;
  }
}

}  // namespace
}  // namespace dbsilo
