// Connection-proxy configuration readers: each format, its defaults, locations and bad input.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "languages/k8s/proxy_configs.h"

namespace dbsilo {
namespace {

std::string describe(const ProxyBackend& backend) {
  return backend.database + "|" + backend.host + ":" + std::to_string(backend.port) + "|" + backend.server_database + "@" +
         std::to_string(backend.location.line);
}

std::vector<std::string> describe(const ProxyFacts& proxy) {
  std::vector<std::string> described;
  for (const ProxyBackend& backend : proxy.backends) described.push_back(describe(backend));
  return described;
}

TEST(ProxyConfigs, RecognisesProxyFileNames) {
  for (const char* name : {"pgbouncer.ini", "deploy/pgbouncer/pgbouncer.ini", "pgpool.conf", "proxysql.cnf", "odyssey.conf",
                           "mcrouter.json", "cache-mcrouter-prod.json", "nutcracker.yml", "nutcracker.yaml", "twemproxy.yml",
                           "twemproxy.yaml", "PgBouncer.ini"}) {
    EXPECT_TRUE(is_proxy_config_name(name)) << name;
  }
  for (const char* name : {"pgbouncer.conf", "mcrouter.yaml", "odyssey.yml", "proxysql.ini", "application.yml"}) {
    EXPECT_FALSE(is_proxy_config_name(name)) << name;
  }
  EXPECT_EQ(default_proxy_listen_port("pgpool"), 9999);
  EXPECT_EQ(default_proxy_listen_port("nginx"), 0);
}

TEST(ProxyConfigs, PgbouncerDatabasesFallbackAndListenPort) {
  std::vector<Warning> warnings;
  const auto proxies = read_proxy_config(
      "; pgbouncer for the shop\n"
      "[databases]\n"
      "orders = host=orders-db port=5433 dbname=orders_prod user=app password=pgb-secret-1\n"
      "billing = host=billing-db dbname=billing pool_size=20\n"
      "ha = host=pg-a,pg-b port=5432,5434 dbname='ha db'\n"
      "local = dbname=local\n"
      "* = host=fallback-db\n"
      "\n"
      "[pgbouncer]\n"
      "listen_addr = *\n"
      "listen_port = 6543   ; not the default\n"
      "auth_type = md5\n",
      "deploy/pgbouncer.ini", warnings);
  ASSERT_EQ(proxies.size(), 1u);
  const ProxyFacts& proxy = proxies[0];
  EXPECT_EQ(proxy.kind, "pgbouncer");
  EXPECT_EQ(proxy.listen_port, 6543);
  EXPECT_EQ(proxy.location, (SourceLocation{"deploy/pgbouncer.ini", 2, 1}));
  EXPECT_EQ(describe(proxy), (std::vector<std::string>{
                                 "orders|orders-db:5433|orders_prod@3",
                                 "billing|billing-db:5432|@4",  // same name on the server: no server_database
                                 "ha|pg-a:5432|ha db@5",
                                 "ha|pg-b:5434|ha db@5",
                                 "local|:5432|@6",  // no host: a Unix socket
                                 "*|fallback-db:5432|@7",
                             }));
  EXPECT_EQ(proxy.backends[0].location.column, 1);
  EXPECT_TRUE(warnings.empty());
}

TEST(ProxyConfigs, PgbouncerDefaultListenPort) {
  std::vector<Warning> warnings;
  const auto proxies = read_proxy_config("[databases]\napp = host=db\n", "pgbouncer.ini", warnings);
  ASSERT_EQ(proxies.size(), 1u);
  EXPECT_EQ(proxies[0].listen_port, 6432);
}

TEST(ProxyConfigs, PgpoolBackendsInIndexOrder) {
  std::vector<Warning> warnings;
  const auto proxies = read_proxy_config(
      "# pgpool-II\n"
      "listen_addresses = '*'\n"
      "backend_hostname1 = 'replica-db'   # standby\n"
      "backend_port1 = 5433\n"
      "backend_hostname0 = 'primary-db'\n"
      "backend_weight0 = 1\n",
      "pgpool.conf", warnings);
  ASSERT_EQ(proxies.size(), 1u);
  EXPECT_EQ(proxies[0].kind, "pgpool");
  EXPECT_EQ(proxies[0].listen_port, 9999);
  EXPECT_EQ(describe(proxies[0]), (std::vector<std::string>{"*|primary-db:5432|@5", "*|replica-db:5433|@3"}));
  const auto with_port = read_proxy_config("port = 5000\nbackend_hostname0 = db\n", "pgpool.conf", warnings);
  ASSERT_EQ(with_port.size(), 1u);
  EXPECT_EQ(with_port[0].listen_port, 5000);
  EXPECT_TRUE(warnings.empty());
}

TEST(ProxyConfigs, ProxysqlServersFromLibconfig) {
  std::vector<Warning> warnings;
  const auto proxies = read_proxy_config(
      "datadir=\"/var/lib/proxysql\"\n"
      "/* admin */ admin_variables = { admin_credentials=\"admin:admin-secret\" }\n"
      "mysql_variables =\n"
      "{\n"
      "  threads=4\n"
      "  interfaces=\"0.0.0.0:6034;/tmp/proxysql.sock\"\n"
      "}\n"
      "mysql_servers =\n"
      "(\n"
      "  { address=\"orders-mysql\" , port=3307 , hostgroup=0, max_connections=200 },\n"
      "  { address = \"billing-mysql\"; hostgroup = 1; },  // default port\n"
      "  { hostgroup = 2 }\n"
      ")\n"
      "mysql_users = ( { username = \"app\", password = \"sql-secret\" } )\n",
      "proxysql.cnf", warnings);
  ASSERT_EQ(proxies.size(), 1u);
  EXPECT_EQ(proxies[0].kind, "proxysql");
  EXPECT_EQ(proxies[0].listen_port, 6034);
  EXPECT_EQ(proxies[0].location.line, 8);
  EXPECT_EQ(describe(proxies[0]), (std::vector<std::string>{"*|orders-mysql:3307|@10", "*|billing-mysql:3306|@11"}));
  EXPECT_EQ(proxies[0].backends[0].location.column, 3);
  EXPECT_TRUE(warnings.empty()) << warnings.front().message;

  const auto defaults = read_proxy_config("mysql_servers = ({ address = \"db\" })\n", "proxysql.cnf", warnings);
  ASSERT_EQ(defaults.size(), 1u);
  EXPECT_EQ(defaults[0].listen_port, 6033);
}

TEST(ProxyConfigs, ProxysqlSyntaxErrorKeepsWhatCameBefore) {
  std::vector<Warning> warnings;
  const auto proxies = read_proxy_config(
      "mysql_servers = ( { address = \"db1\" } )\n"
      "mysql_users = ( { username = \"app\" \n",
      "proxysql.cnf", warnings);
  ASSERT_EQ(proxies.size(), 1u);
  EXPECT_EQ(describe(proxies[0]), std::vector<std::string>{"*|db1:3306|@1"});
  ASSERT_EQ(warnings.size(), 1u);
  EXPECT_EQ(warnings[0].location.line, 2) << "where the unterminated list opens";
}

TEST(ProxyConfigs, OdysseyRoutesDatabasesThroughStorages) {
  std::vector<Warning> warnings;
  const auto proxies = read_proxy_config(
      "storage \"postgres_server\" {\n"
      "\ttype \"remote\"\n"
      "\thost \"orders-db\"\n"
      "\tport 5433\n"
      "}\n"
      "storage \"local\" {\n"
      "\ttype \"local\"\n"
      "}\n"
      "database \"orders\" {\n"
      "\tuser \"app\" {\n"
      "\t\tauthentication \"md5\"\n"
      "\t\tpassword \"ody-secret\"\n"
      "\t\tstorage \"postgres_server\"\n"
      "\t\tstorage_db \"orders_v2\"\n"
      "\t\tpool \"transaction\"\n"
      "\t}\n"
      "\tuser \"reporting\" {\n"
      "\t\tstorage \"postgres_server\"\n"
      "\t\tstorage_db \"orders_v2\"\n"
      "\t}\n"
      "}\n"
      "database default {\n"
      "\tuser default {\n"
      "\t\tstorage \"postgres_server\"\n"
      "\t}\n"
      "}\n"
      "database \"console\" {\n"
      "\tuser default { storage \"local\" }\n"
      "}\n"
      "listen {\n"
      "\thost \"*\"\n"
      "\tport 6000\n"
      "}\n",
      "odyssey.conf", warnings);
  ASSERT_EQ(proxies.size(), 1u);
  EXPECT_EQ(proxies[0].kind, "odyssey");
  EXPECT_EQ(proxies[0].listen_port, 6000);
  EXPECT_EQ(proxies[0].location.line, 9);
  // Two users of "orders" reach one server: one backend. The local console is no server.
  EXPECT_EQ(describe(proxies[0]), (std::vector<std::string>{"orders|orders-db:5433|orders_v2@13", "*|orders-db:5433|@24"}));
  EXPECT_TRUE(warnings.empty()) << warnings.front().message;

  const auto defaults = read_proxy_config(
      "storage \"s\" { type \"remote\"\n host \"a:5440,b\" }\ndatabase \"x\" { user \"u\" { storage \"s\" } }\n", "odyssey.conf", warnings);
  ASSERT_EQ(defaults.size(), 1u);
  EXPECT_EQ(defaults[0].listen_port, 6432);
  EXPECT_EQ(describe(defaults[0]), (std::vector<std::string>{"x|a:5440|@3", "x|b:5432|@3"}));
}

TEST(ProxyConfigs, McrouterPoolsWithLocations) {
  std::vector<Warning> warnings;
  const auto proxies = read_proxy_config(
      "{\n"
      "  // cache tier\n"
      "  \"pools\": {\n"
      "    \"A\": {\"servers\": [\"cache-a:11211\", \"[::1]:11212\"]},\n"
      "    \"B\": {\"servers\": [\n"
      "      \"cache-b\",\n"
      "      \"10.0.0.5:5001:ascii:ssl\"\n"
      "    ]}\n"
      "  },\n"
      "  \"route\": \"PoolRoute|A\"\n"
      "}\n",
      "conf/cache-mcrouter.json", warnings);
  ASSERT_EQ(proxies.size(), 1u);
  EXPECT_EQ(proxies[0].kind, "mcrouter");
  EXPECT_EQ(proxies[0].listen_port, 5000);
  EXPECT_EQ(proxies[0].location.line, 3);
  EXPECT_EQ(describe(proxies[0]),
            (std::vector<std::string>{"|cache-a:11211|@4", "|::1:11212|@4", "|cache-b:11211|@6", "|10.0.0.5:5001|@7"}));
  EXPECT_TRUE(warnings.empty());
}

TEST(ProxyConfigs, TwemproxyOnePoolPerKey) {
  std::vector<Warning> warnings;
  const auto proxies = read_proxy_config(
      "alpha:\n"
      "  listen: 0.0.0.0:22122\n"
      "  hash: fnv1a_64\n"
      "  redis: true\n"
      "  servers:\n"
      "    - 10.0.0.1:6380:1 redis-one\n"
      "    - redis-two:6379:1\n"
      "beta:\n"
      "  listen: /var/run/nutcracker.sock 0666\n"
      "  servers:\n"
      "    - memcache-1:11211:1\n"
      "    - /tmp/memcached.sock:1\n",
      "nutcracker.yml", warnings);
  ASSERT_EQ(proxies.size(), 2u);
  EXPECT_EQ(proxies[0].kind, "twemproxy");
  EXPECT_EQ(proxies[0].listen_port, 22122);
  EXPECT_EQ(proxies[0].location.line, 1);
  EXPECT_EQ(describe(proxies[0]), (std::vector<std::string>{"|10.0.0.1:6380|@6", "|redis-two:6379|@7"}));
  EXPECT_EQ(proxies[1].listen_port, 22121) << "a Unix socket listener keeps the default";
  EXPECT_EQ(describe(proxies[1]), std::vector<std::string>{"|memcache-1:11211|@11"});
  EXPECT_TRUE(warnings.empty());
}

TEST(ProxyConfigs, BrokenJsonAndYamlWarn) {
  std::vector<Warning> warnings;
  EXPECT_EQ(read_proxy_config("{\"pools\": {\n  \"A\": [\n", "mcrouter.json", warnings).at(0).backends.size(), 0u);
  EXPECT_TRUE(read_proxy_config("alpha: [\n", "twemproxy.yml", warnings).empty());
  ASSERT_EQ(warnings.size(), 2u);
  EXPECT_GE(warnings[0].location.line, 2);
  EXPECT_EQ(warnings[1].location.path, "twemproxy.yml");
}

TEST(ProxyConfigs, GarbageNeverThrows) {
  const std::vector<std::string> inputs = {
      std::string("\0\xff\xfe[databases\n=\n* =\n", 18),
      std::string(5000, '('),
      std::string(5000, '{'),
      "storage { } } } database \"x\" { user { storage } }\n\"unterminated",
      "a = {\nb = (1, 2, [3\n",
      "[databases]\nx = host='unterminated port=5432\n= \n",
      "backend_hostname99999999999 = x\nbackend_port0 = many\nport = -1\n",
      "pools: 3\n",
      "{\"pools\": {\"A\": {\"servers\": [1, null, {}]}}}",
      "alpha: {servers: [{x: 1}, [2]], listen: [a]}\n",
  };
  for (const char* file : {"pgbouncer.ini", "pgpool.conf", "proxysql.cnf", "odyssey.conf", "mcrouter.json", "twemproxy.yml"}) {
    for (const std::string& input : inputs) {
      std::vector<Warning> warnings;
      EXPECT_NO_THROW(read_proxy_config(input, file, warnings)) << file << ": " << input.substr(0, 30);
    }
  }
  std::vector<Warning> warnings;
  EXPECT_TRUE(read_proxy_config("[databases]\n", "not-a-proxy.txt", warnings).empty());
}

}  // namespace
}  // namespace dbsilo
