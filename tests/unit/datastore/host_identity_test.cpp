// Unit tests of host canonicalisation, placeholder detection and secret digests.
#include <gtest/gtest.h>

#include "dbsilo/text.h"
#include "languages/datastore/connection_string.h"

namespace dbsilo {
namespace {

TEST(CanonicalHost, LowerCasesAndStripsBracketsAndTrailingDot) {
  EXPECT_EQ(canonical_host("DB.Example.COM"), "db.example.com");
  EXPECT_EQ(canonical_host("  db.example.com.  "), "db.example.com");
  EXPECT_EQ(canonical_host("[2001:DB8::1]"), "2001:db8::1");
  EXPECT_EQ(canonical_host("Orders-DB"), "orders-db");
}

TEST(CanonicalHost, EveryLoopbackSpellingIsLocalhost) {
  for (const char* spelling : {"localhost", "LOCALHOST", "localhost.", "localhost.localdomain", "ip6-localhost",
                               "ip6-loopback", "localhost6", "127.0.0.1", "127.1.2.3", "127.255.255.254", "127.1",
                               "::1", "[::1]", "0:0:0:0:0:0:0:1", "0000:0000:0000:0000:0000:0000:0000:0001",
                               "::ffff:127.0.0.1", "[::1%lo]"}) {
    EXPECT_EQ(canonical_host(spelling), "localhost") << spelling;
  }
}

TEST(CanonicalHost, UnspecifiedAddressIsTheLocalMachineForAClient) {
  EXPECT_EQ(canonical_host("0.0.0.0"), "localhost");
  EXPECT_EQ(canonical_host("::"), "localhost");
}

TEST(CanonicalHost, UnixSocketPathsAreLocal) {
  EXPECT_EQ(canonical_host("/var/run/postgresql"), "localhost");
  EXPECT_EQ(canonical_host("/tmp/mongodb-27017.sock"), "localhost");
}

TEST(CanonicalHost, NearLoopbackNamesAreNotLoopback) {
  EXPECT_EQ(canonical_host("128.0.0.1"), "128.0.0.1");
  EXPECT_EQ(canonical_host("126.255.255.255"), "126.255.255.255");
  EXPECT_EQ(canonical_host("10.0.0.5"), "10.0.0.5");
  EXPECT_EQ(canonical_host("::2"), "::2");
  EXPECT_EQ(canonical_host("localhostx"), "localhostx");
  EXPECT_EQ(canonical_host("my-localhost"), "my-localhost");
  EXPECT_EQ(canonical_host("127.0.0.1.example.com"), "127.0.0.1.example.com");
  EXPECT_EQ(canonical_host("127.0.0.1 x"), "127.0.0.1 x");
}

TEST(CanonicalHost, PlaceholdersStayVerbatim) {
  EXPECT_EQ(canonical_host("${DB_HOST}"), "${DB_HOST}");
  EXPECT_EQ(canonical_host("${DB_HOST:LocalHost}"), "${DB_HOST:LocalHost}");
  EXPECT_EQ(canonical_host("$DB_HOST"), "$DB_HOST");
  EXPECT_EQ(canonical_host(""), "");
}

TEST(HostIsUnresolved, PlaceholdersAndEmpty) {
  EXPECT_TRUE(host_is_unresolved(""));
  EXPECT_TRUE(host_is_unresolved("${DB_HOST}"));
  EXPECT_TRUE(host_is_unresolved("$DB_HOST"));
  EXPECT_TRUE(host_is_unresolved("db-${ENV}.corp"));
  EXPECT_FALSE(host_is_unresolved("db.corp"));
  EXPECT_FALSE(host_is_unresolved("localhost"));
  EXPECT_FALSE(host_is_unresolved("db$1"));
}

TEST(SecretDigest, StableSaltedAndDiscriminating) {
  EXPECT_EQ(secret_digest("S3cret"), secret_digest("S3cret"));
  EXPECT_NE(secret_digest("S3cret"), secret_digest("S3cret "));
  EXPECT_NE(secret_digest("a"), secret_digest("b"));
  EXPECT_NE(secret_digest("S3cret"), fnv1a64("S3cret"));  // salted: not the plain FNV-1a value
  // Digests are compared across runs and machines: the value must never drift.
  EXPECT_EQ(secret_digest("S3cret"), fnv1a64("S3cret", fnv1a64("dbsilo/secret-digest/v1")));
}

}  // namespace
}  // namespace dbsilo
