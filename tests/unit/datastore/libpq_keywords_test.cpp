// Unit tests of parse_libpq_keywords: the keyword grammar, quoting, multi-host, and strict rejects.
#include <gtest/gtest.h>

#include "languages/datastore/connection_string.h"
#include "target_printing.h"

namespace dbsilo {
namespace {

ConnectionTarget libpq(std::string_view text) {
  std::optional<ConnectionTarget> target = parse_libpq_keywords(text);
  EXPECT_TRUE(target) << "not read: " << text;
  return target.value_or(ConnectionTarget{});
}

TEST(Libpq, CommonKeywords) {
  const ConnectionTarget target =
      libpq("host=DB port=5433 dbname=orders user=app password=S3cret sslmode=require connect_timeout=10 "
            "application_name=billing target_session_attrs=read-write");
  EXPECT_EQ(target.engine, Engine::postgres);
  EXPECT_EQ(target.endpoints, (Endpoints{{"db", 5433}}));
  EXPECT_EQ(target.database, "orders");
  EXPECT_EQ(target.user, "app");
  EXPECT_EQ(target.password_digest, secret_digest("S3cret"));
}

TEST(Libpq, BlanksAroundEquals) {
  const ConnectionTarget target = libpq("  host = db\tdbname =orders  ");
  EXPECT_EQ(target.endpoints, (Endpoints{{"db", 5432}}));
  EXPECT_EQ(target.database, "orders");
}

TEST(Libpq, QuotedValuesWithEscapes) {
  const ConnectionTarget target = libpq(R"(host=db dbname='my db' password='it\'s a \\ secret' user=\'odd)");
  EXPECT_EQ(target.database, "my db");
  EXPECT_EQ(target.password_digest, secret_digest(R"(it's a \ secret)"));
  EXPECT_EQ(target.user, "'odd");
  EXPECT_EQ(libpq("host=db dbname=''").database, "");
}

TEST(Libpq, SeveralHostsAndPorts) {
  EXPECT_EQ(libpq("host=h1,h2 port=5433,5434 dbname=x").endpoints, (Endpoints{{"h1", 5433}, {"h2", 5434}}));
  EXPECT_EQ(libpq("host=h1,h2 port=5433 dbname=x").endpoints, (Endpoints{{"h1", 5433}, {"h2", 5433}}));
  EXPECT_EQ(libpq("host=h1,,h2 dbname=x").endpoints, (Endpoints{{"h1", 5432}, {"localhost", 5432}, {"h2", 5432}}));
}

TEST(Libpq, HostaddrOnlyWhenNoHostName) {
  EXPECT_EQ(libpq("hostaddr=10.0.0.5 dbname=x").endpoints, (Endpoints{{"10.0.0.5", 5432}}));
  EXPECT_EQ(libpq("hostaddr=10.0.0.5 host=db.corp dbname=x").endpoints, (Endpoints{{"db.corp", 5432}}));
}

TEST(Libpq, LocalDefaultsAndSockets) {
  EXPECT_EQ(libpq("dbname=orders").endpoints, (Endpoints{{"localhost", 5432}}));
  EXPECT_EQ(libpq("host=/var/run/postgresql dbname=x").endpoints, (Endpoints{{"localhost", 5432}}));
  EXPECT_EQ(libpq("host=127.0.0.1 dbname=x").endpoints, (Endpoints{{"localhost", 5432}}));
}

TEST(Libpq, ServiceLeavesTheAddressUnknown) {
  const ConnectionTarget target = libpq("service=billing");
  EXPECT_TRUE(target.endpoints.empty());
  EXPECT_EQ(libpq("service=billing host=db").endpoints, (Endpoints{{"db", 5432}}));
}

TEST(Libpq, SearchPathFromOptions) {
  EXPECT_EQ(libpq("options='-c search_path=billing,public' host=db").schema, "billing");
  EXPECT_EQ(libpq("host=db options=--search_path=ledger").schema, "ledger");
}

TEST(Libpq, PlaceholdersKept) {
  const ConnectionTarget target = libpq("host=${PGHOST} dbname=${PGDATABASE} password=${PGPASSWORD}");
  EXPECT_EQ(target.endpoints, (Endpoints{{"${PGHOST}", 5432}}));
  EXPECT_EQ(target.database, "${PGDATABASE}");
  EXPECT_EQ(target.password_digest, std::nullopt);
}

TEST(Libpq, RejectsTextThatIsNotLibpq) {
  for (const char* text : {"", "a=b", "a=b c=d", "host=db foo=bar", "sslmode=require user=x", "host",
                           "host=db dbname='unterminated", "Host=db", "=x", "host=db and more", "dbname",
                           "user=app password=x"}) {
    EXPECT_EQ(parse_libpq_keywords(text), std::nullopt) << text;
  }
}

TEST(Libpq, EmptyHostInAListIsTheLocalDefault) {
  EXPECT_EQ(libpq("host=db, dbname=x").endpoints, (Endpoints{{"db", 5432}, {"localhost", 5432}}));
}

}  // namespace
}  // namespace dbsilo
