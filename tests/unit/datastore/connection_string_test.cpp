// Unit tests of parse_connection_string: dispatch, trimming, rejects, secrets never kept, robustness.
#include <gtest/gtest.h>

#include <random>
#include <string>
#include <vector>

#include "languages/datastore/connection_string.h"
#include "target_printing.h"

namespace dbsilo {
namespace {

TEST(ConnectionString, DispatchesToEveryShape) {
  EXPECT_EQ(parse_connection_string("jdbc:mysql://db/shop").value().engine, Engine::mysql);
  EXPECT_EQ(parse_connection_string("mongodb://db/shop").value().engine, Engine::mongodb);
  EXPECT_EQ(parse_connection_string("host=db dbname=shop").value().engine, Engine::postgres);
  EXPECT_EQ(parse_connection_string("jdbc:h2:mem:x").value().engine, Engine::h2);
}

TEST(ConnectionString, TrimsBlanksAndSurroundingQuotes) {
  const std::optional<ConnectionTarget> blanks = parse_connection_string("  \t jdbc:mysql://db/shop \r\n");
  ASSERT_TRUE(blanks);
  EXPECT_EQ(blanks->endpoints, (Endpoints{{"db", 3306}}));
  EXPECT_EQ(blanks->database, "shop");
  const std::optional<ConnectionTarget> double_quoted = parse_connection_string(" \"postgres://db/x\" ");
  ASSERT_TRUE(double_quoted);
  EXPECT_EQ(double_quoted->database, "x");
  const std::optional<ConnectionTarget> single_quoted = parse_connection_string("'host=db dbname=x'");
  ASSERT_TRUE(single_quoted);
  EXPECT_EQ(single_quoted->database, "x");
  EXPECT_EQ(parse_connection_string("`redis://cache/1`").value().database, "1");
}

TEST(ConnectionString, PlaceholdersStayInTheHost) {
  const std::optional<ConnectionTarget> target = parse_connection_string("jdbc:postgresql://${DB_HOST}:5432/orders");
  ASSERT_TRUE(target);
  EXPECT_EQ(target->endpoints, (Endpoints{{"${DB_HOST}", 5432}}));
  EXPECT_TRUE(host_is_unresolved(target->endpoints.front().host));
  EXPECT_EQ(target->database, "orders");
}

TEST(ConnectionString, RejectsWhatIsNotAConnectionString) {
  const std::string garbage("\xff\xfe\x00\x01jdbc:\x80\xc3(", 11);
  for (const std::string& text : std::vector<std::string>{
           "", "   ", "hello", "orders", "http://example.com/x", "https://db.example.com:5432/orders", "a=b",
           "key=value other=thing", "jdbc:", "jdbc:unknown:x", "${DATABASE_URL}", "postgres", "mysql:",
           "SELECT * FROM orders WHERE id=1", "spring.datasource.url=jdbc", garbage, "\"\"", "''"}) {
    EXPECT_EQ(parse_connection_string(text), std::nullopt) << text;
  }
}

// ---- Secrets ----

struct SecretCase {
  std::string text;
  std::string password;
};

// One entry per place a password can sit; each password is distinctive so a leak is visible.
std::vector<SecretCase> secret_cases() {
  return {
      {"jdbc:postgresql://db/orders?user=app&password=Pw1xQz", "Pw1xQz"},
      {"jdbc:mysql://app:Pw2xQz@db/shop", "Pw2xQz"},
      {"jdbc:mysql://address=(host=db)(user=app)(password=Pw3xQz)/shop", "Pw3xQz"},
      {"jdbc:sqlserver://db;databaseName=o;user=app;password=Pw4xQz", "Pw4xQz"},
      {"jdbc:sqlserver://db;password={Pw5;xQz};user=app", "Pw5;xQz"},
      {"jdbc:jtds:sqlserver://db/o;user=app;password=Pw6xQz", "Pw6xQz"},
      {"jdbc:oracle:thin:app/Pw7xQz@db:1521/svc", "Pw7xQz"},
      {"jdbc:oracle:thin:app/\"Pw8@x/Qz\"@db:1521/svc", "Pw8@x/Qz"},
      {"jdbc:db2://db:50000/S:user=app;password=Pw9xQz;", "Pw9xQz"},
      {"jdbc:h2:tcp://db/~/x;USER=sa;PASSWORD=Pw10xQz", "Pw10xQz"},
      {"jdbc:derby://db/x;user=u;password=Pw11xQz", "Pw11xQz"},
      {"jdbc:hsqldb:hsql://db/x;user=sa;password=Pw12xQz", "Pw12xQz"},
      {"postgres://app:Pw13xQz@db/orders", "Pw13xQz"},
      {"postgres://app:Pw14%2FxQz@db/orders", "Pw14/xQz"},
      {"postgres://app:Pw15/xQz@db/orders", "Pw15/xQz"},
      {"postgres://app@db/orders?password=Pw16xQz", "Pw16xQz"},
      {"mongodb://app:Pw17xQz@h1,h2/orders", "Pw17xQz"},
      {"mongodb+srv://app:Pw18xQz@cluster.example.net/orders", "Pw18xQz"},
      {"redis://:Pw19xQz@cache/0", "Pw19xQz"},
      {"redis://Pw20xQz@cache/0", "Pw20xQz"},
      {"sqlserver://app:Pw21xQz@db?database=o", "Pw21xQz"},
      {"host=db dbname=x user=app password='Pw22 xQz'", "Pw22 xQz"},
      {"host=db dbname=x password=Pw23xQz", "Pw23xQz"},
      {"jdbc:tc:postgresql:15:///x?user=app&password=Pw24xQz", "Pw24xQz"},
  };
}

void expect_secret_not_kept(const ConnectionTarget& target, const std::string& password, const std::string& text) {
  EXPECT_EQ(target.password_digest, secret_digest(password)) << text;
  EXPECT_EQ(target.user.find(password), std::string::npos) << text;
  EXPECT_EQ(target.database.find(password), std::string::npos) << text;
  EXPECT_EQ(target.schema.find(password), std::string::npos) << text;
  for (const Endpoint& endpoint : target.endpoints) {
    EXPECT_EQ(endpoint.host.find(password), std::string::npos) << text;
  }
}

TEST(ConnectionStringSecrets, PasswordIsOnlyEverADigest) {
  for (const SecretCase& secret : secret_cases()) {
    const std::optional<ConnectionTarget> target = parse_connection_string(secret.text);
    ASSERT_TRUE(target) << secret.text;
    expect_secret_not_kept(*target, secret.password, secret.text);
  }
}

TEST(ConnectionStringSecrets, NoFragmentOfAnyPasswordIsKept) {
  // A stricter look: not even a 4-character piece of the password appears in a kept field.
  for (const SecretCase& secret : secret_cases()) {
    const std::optional<ConnectionTarget> target = parse_connection_string(secret.text);
    ASSERT_TRUE(target) << secret.text;
    std::string kept = target->user + '|' + target->database + '|' + target->schema;
    for (const Endpoint& endpoint : target->endpoints) kept += '|' + endpoint.host;
    for (std::size_t at = 0; at + 4 <= secret.password.size(); ++at) {
      EXPECT_EQ(kept.find(secret.password.substr(at, 4)), std::string::npos) << secret.text << " keeps " << kept;
    }
  }
}

TEST(ConnectionStringSecrets, SameCredentialsSameDigestDifferentDiffer) {
  const auto digest = [](std::string_view text) { return parse_connection_string(text).value().password_digest; };
  EXPECT_EQ(digest("jdbc:postgresql://a/x?password=same"), digest("postgres://u:same@b/y"));
  EXPECT_NE(digest("jdbc:postgresql://a/x?password=one"), digest("jdbc:postgresql://a/x?password=two"));
  EXPECT_EQ(digest("jdbc:postgresql://a/x"), std::nullopt);
  EXPECT_EQ(digest("postgres://u:@a/x"), std::nullopt);  // an empty password is no password
}

// ---- Robustness ----

TEST(ConnectionStringRobustness, UnbalancedGroupsDoNotBreakReading) {
  for (const char* text : {"jdbc:mysql://[(host=h1,port=1/db", "postgres://[::1/db", "jdbc:postgresql://${DB_HOST/db",
                           "jdbc:sqlserver://db;password={open", "jdbc:oracle:thin:@((((((", "mongodb://)]}/x",
                           "jdbc:mysql://address=(host=h1", "host='", "jdbc:oracle:thin:@(DESCRIPTION=(ADDRESS=(HOST="}) {
    EXPECT_NO_THROW(parse_connection_string(text)) << text;
  }
  const std::optional<ConnectionTarget> oracle = parse_connection_string("jdbc:oracle:thin:@(DESCRIPTION=(ADDRESS=(HOST=h");
  ASSERT_TRUE(oracle);
  EXPECT_EQ(oracle->endpoints, (Endpoints{{"h", 1521}}));
}

TEST(ConnectionStringRobustness, HugeInputsAreRefusedOrReadQuickly) {
  EXPECT_EQ(parse_connection_string("jdbc:postgresql://db/" + std::string(1 << 20, 'x')), std::nullopt);
  std::string many_hosts = "jdbc:postgresql://";
  for (int index = 0; index < 3000; ++index) many_hosts += "h" + std::to_string(index) + ",";
  const std::optional<ConnectionTarget> target = parse_connection_string(many_hosts + "h/db");
  ASSERT_TRUE(target);
  EXPECT_EQ(target->endpoints.size(), 3001u);
  EXPECT_NO_THROW(parse_connection_string(std::string(60000, '$') + std::string(60000, '{')));
  EXPECT_NO_THROW(parse_connection_string("jdbc:mysql://" + std::string(30000, '[')));
}

// Invariants that hold for whatever is returned, checked on random and mutated input.
void expect_well_formed(const std::optional<ConnectionTarget>& target, const std::string& text) {
  if (!target) return;
  if (target->in_process) {
    EXPECT_TRUE(target->endpoints.empty()) << text;
  }
  for (const Endpoint& endpoint : target->endpoints) {
    EXPECT_FALSE(endpoint.host.empty()) << text;
    EXPECT_TRUE(endpoint.port >= 0 && endpoint.port <= 65535) << text;
  }
}

TEST(ConnectionStringRobustness, RandomAndMutatedInputNeverThrows) {
  std::mt19937 random(20240611);  // fixed seed: a failure reproduces
  const std::string alphabet = "jdbc:postgresql/mysql@[]{}()$;,=?&#%'\"\\ \t:0123456789.-+_~\x80\xff";
  std::vector<std::string> seeds;
  for (const SecretCase& secret : secret_cases()) seeds.push_back(secret.text);
  for (const char* extra : {"jdbc:oracle:thin:@(DESCRIPTION=(ADDRESS=(PROTOCOL=TCP)(HOST=h)(PORT=1521)))",
                            "jdbc:mysql://[(host=h1,port=3311),(host=h2)]/s", "jdbc:sqlserver://h\\i:1;a={b}",
                            "postgresql://[::1]:5432,h2/db?host=a,b&port=1,2", "jdbc:tc:mysql:8://h/s",
                            "jdbc:h2:tcp://h:1/~/x;USER=u", "jdbc:hsqldb:hsqls://h/x", "jdbc:p6spy:mysql://h/x"}) {
    seeds.emplace_back(extra);
  }
  std::uniform_int_distribution<std::size_t> any(0, 1 << 20);
  for (int round = 0; round < 20000; ++round) {
    std::string text;
    if (round % 2 == 0) {
      const std::size_t length = any(random) % 40;
      for (std::size_t index = 0; index < length; ++index) text += alphabet[any(random) % alphabet.size()];
    } else {
      text = seeds[any(random) % seeds.size()];
      for (int edit = 0; edit < 3 && !text.empty(); ++edit) {
        const std::size_t at = any(random) % text.size();
        const char c = alphabet[any(random) % alphabet.size()];
        switch (any(random) % 3) {
          case 0: text.insert(at, 1, c); break;
          case 1: text.erase(at, 1); break;
          default: text[at] = c; break;
        }
      }
    }
    EXPECT_NO_THROW({
      expect_well_formed(parse_connection_string(text), text);
      expect_well_formed(parse_jdbc_url(text), text);
      expect_well_formed(parse_connection_uri(text), text);
      expect_well_formed(parse_libpq_keywords(text), text);
      (void)canonical_host(text);
    }) << text;
  }
}

}  // namespace
}  // namespace dbsilo
