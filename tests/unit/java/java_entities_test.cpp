// Java front end: entity mappings (JPA, Spring Data MongoDB / Cassandra / JDBC) and repositories.
#include <gtest/gtest.h>

#include "tests/unit/java/java_test_support.h"

namespace dbsilo {
namespace {

using test::extract;

TEST(JavaEntities, JpaTableWithSchemaSecondaryAndJoinTables) {
  const auto result = extract(R"(package com.shop.billing;
import jakarta.persistence.*;
@Entity(name = "Bill")
@Table(name = "invoices", schema = "billing")
@SecondaryTable(name = "invoice_details")
public class Invoice {
  @Id private Long id;
  @Column(name = "total_cents") private long totalAmount;
  private String customerEmail;
  @ManyToOne private Customer customer;
  @ManyToMany @JoinTable(name = "invoice_tags") private Set<Tag> tags;
  @ElementCollection @CollectionTable(name = "invoice_notes") private List<String> notes;
  private static int counter;
  private transient String cache;
  @Transient private String derived;
}
)");
  EXPECT_TRUE(result.warnings.empty());
  ASSERT_EQ(result.facts.entities.size(), 1u);
  const EntityMappingFact& entity = result.facts.entities[0];
  EXPECT_EQ(entity.class_name, "Invoice");
  EXPECT_EQ(entity.qualified_name, "com.shop.billing.Invoice");
  EXPECT_EQ(entity.entity_name, "Bill");
  EXPECT_EQ(entity.store_kind, "table");
  EXPECT_EQ(entity.origin, "jpa");
  EXPECT_EQ(entity.name, "invoices");
  EXPECT_EQ(entity.schema, "billing");
  EXPECT_EQ(entity.secondary_tables, (std::vector<std::string>{"invoice_details", "invoice_tags", "invoice_notes"}));
  EXPECT_EQ(entity.columns, (std::vector<std::string>{"id", "total_cents", "customer_email", "customer_id"}));
  EXPECT_EQ(entity.location.line, 6);
  EXPECT_EQ(entity.location.path, "src/main/java/Example.java");
}

TEST(JavaEntities, JpaDefaultNamingIsSpringPhysicalNaming) {
  const auto result = extract(R"(import javax.persistence.Entity;
@Entity public class OrderLine { private Long orderId; }
@javax.persistence.Entity class URLMapping {}
)");
  ASSERT_EQ(result.facts.entities.size(), 2u);
  EXPECT_EQ(result.facts.entities[0].name, "order_line");
  EXPECT_EQ(result.facts.entities[0].entity_name, "OrderLine");
  EXPECT_EQ(result.facts.entities[0].qualified_name, "OrderLine");
  EXPECT_EQ(result.facts.entities[0].columns, std::vector<std::string>{"order_id"});
  EXPECT_EQ(result.facts.entities[1].name, "urlmapping");
}

TEST(JavaEntities, TableNameFromConstant) {
  const auto result = extract(R"(@Entity @Table(name = Ticket.TABLE) class Ticket { static final String TABLE = "support_" + "tickets"; })");
  ASSERT_EQ(result.facts.entities.size(), 1u);
  EXPECT_EQ(result.facts.entities[0].name, "support_tickets");
}

TEST(JavaEntities, MongoDocumentForms) {
  const auto result = extract(R"(import org.springframework.data.mongodb.core.mapping.*;
@Document(collection = "carts") class Cart { String id; @Field("qty") int quantity; }
@Document("wishlists") class Wishlist {}
@Document(value = "reviews") class Review {}
@Document class ProductView {}
)");
  ASSERT_EQ(result.facts.entities.size(), 4u);
  EXPECT_EQ(result.facts.entities[0].name, "carts");
  EXPECT_EQ(result.facts.entities[0].store_kind, "collection");
  EXPECT_EQ(result.facts.entities[0].origin, "mongo");
  EXPECT_EQ(result.facts.entities[0].columns, (std::vector<std::string>{"id", "qty"}));
  EXPECT_EQ(result.facts.entities[1].name, "wishlists");
  EXPECT_EQ(result.facts.entities[2].name, "reviews");
  EXPECT_EQ(result.facts.entities[3].name, "productView");
}

TEST(JavaEntities, CassandraAndSpringDataJdbcTables) {
  const auto cassandra = extract(R"(import org.springframework.data.cassandra.core.mapping.Table;
@Table("sensor_readings") class Reading {}
@Table class DeviceEvent {}
)");
  ASSERT_EQ(cassandra.facts.entities.size(), 2u);
  EXPECT_EQ(cassandra.facts.entities[0].origin, "cassandra");
  EXPECT_EQ(cassandra.facts.entities[0].name, "sensor_readings");
  EXPECT_EQ(cassandra.facts.entities[1].name, "deviceevent");
  const auto jdbc = extract(R"(import org.springframework.data.relational.core.mapping.Table;
@Table class PaymentAttempt { Long id; })");
  ASSERT_EQ(jdbc.facts.entities.size(), 1u);
  EXPECT_EQ(jdbc.facts.entities[0].origin, "jdbc");
  EXPECT_EQ(jdbc.facts.entities[0].name, "payment_attempt");
}

TEST(JavaEntities, PlainClassesAndSearchIndexesMapNothing) {
  const auto result = extract(R"(public class InvoiceDto { private Long id; private String email; }
@Data @Builder class CustomerView { String name; }
@Document(indexName = "products") class ProductIndex {}
@Table(name = "orphan") class NoEntityAnnotation {}
)");
  EXPECT_TRUE(result.facts.entities.empty());
}

TEST(JavaRepositories, SpringDataBases) {
  const auto result = extract(R"(package com.shop;
interface InvoiceRepository extends JpaRepository<Invoice, Long> {}
interface CartRepository extends MongoRepository<com.shop.Cart, String> {}
public interface ReviewRepository extends org.springframework.data.repository.CrudRepository<Review, UUID>, CustomReviews {}
interface ReactiveCarts extends ReactiveMongoRepository<Cart, String> {}
)");
  ASSERT_EQ(result.facts.repositories.size(), 4u);
  EXPECT_EQ(result.facts.repositories[0].interface_name, "InvoiceRepository");
  EXPECT_EQ(result.facts.repositories[0].entity_class, "Invoice");
  EXPECT_EQ(result.facts.repositories[0].store_kind, "table");
  EXPECT_EQ(result.facts.repositories[1].entity_class, "Cart");
  EXPECT_EQ(result.facts.repositories[1].store_kind, "collection");
  EXPECT_EQ(result.facts.repositories[2].interface_name, "ReviewRepository");
  EXPECT_EQ(result.facts.repositories[2].entity_class, "Review");
  EXPECT_EQ(result.facts.repositories[3].store_kind, "collection");
  EXPECT_EQ(result.facts.repositories[0].location.line, 2);
}

TEST(JavaRepositories, GenericBasesAndOtherInterfacesAreNotRepositories) {
  const auto result = extract(R"(
@NoRepositoryBean interface BaseRepository<T> extends JpaRepository<T, Long> {}
interface AuditedRepository<E extends Audited> extends CrudRepository<E, Long> {}
interface Mapper extends Function<Invoice, InvoiceDto> {}
interface Plain extends Serializable {}
)");
  EXPECT_TRUE(result.facts.repositories.empty());
}

}  // namespace
}  // namespace dbsilo
