// Java front end: MongoDB store accesses and event publishers/subscribers.
#include <gtest/gtest.h>

#include "tests/unit/java/java_test_support.h"

namespace dbsilo {
namespace {

using test::extract;

TEST(JavaStoreAccesses, MongoTemplateCollectionsAndEntityClasses) {
  const auto result = extract(R"(class CartStore {
  private final MongoOperations mongo;
  static final String CARTS = "carts";
  void run() {
    mongo.find(query, Cart.class, "carts_archive");
    mongo.getCollection(CARTS);
    mongoTemplate.insert(cart, "carts");
    mongoTemplate.createCollection("cart_events");
    mongoTemplate.findById("abc", Cart.class);
    mongoTemplate.aggregate(aggregation, "orders", OrderTotal.class);
    mongoTemplate.remove(query);
    other.find(query, Cart.class, "nope");
  }
}
)");
  const auto& accesses = result.facts.store_accesses;
  ASSERT_EQ(accesses.size(), 6u);
  EXPECT_EQ(accesses[0].name, "carts_archive");
  EXPECT_EQ(accesses[0].entity_class, "Cart");
  EXPECT_EQ(accesses[0].operation, "read");
  EXPECT_EQ(accesses[0].api, "MongoTemplate.find");
  EXPECT_EQ(accesses[0].store_kind, "collection");
  EXPECT_EQ(accesses[1].name, "carts");
  EXPECT_EQ(accesses[2].operation, "write");
  EXPECT_EQ(accesses[3].operation, "create");
  EXPECT_EQ(accesses[3].name, "cart_events");
  EXPECT_EQ(accesses[4].name, "");  // "abc" is the id, not a collection
  EXPECT_EQ(accesses[4].entity_class, "Cart");
  EXPECT_EQ(accesses[5].name, "orders");
}

const EventFact* find_event(const JavaFileFacts& facts, std::string_view role, std::string_view broker, std::string_view channel) {
  for (const EventFact& event : facts.events) {
    if (event.role == role && event.broker == broker && event.channel == channel) return &event;
  }
  return nullptr;
}

TEST(JavaEvents, Publishers) {
  const auto result = extract(R"(class Publisher {
  static final String TOPIC = "orders.created";
  private final KafkaTemplate<String, Order> kafka;
  private final RabbitTemplate rabbit;
  private final ApplicationEventPublisher events;
  void run(Order order) {
    kafka.send(TOPIC, order.id(), order);
    kafkaTemplate.send(new ProducerRecord<>("orders.audit", order));
    rabbit.convertAndSend("billing-exchange", "invoice.created", order);
    rabbit.convertAndSend("", "direct-queue", order);
    jmsTemplate.convertAndSend("shipping.requests", order);
    jmsTemplate.convertAndSend(order);
    events.publishEvent(new OrderPlaced(order.id()));
    streamBridge.send("orders-out-0", order);
    kafka.send(topicFromConfig, order);
  }
}
)");
  const auto& events = result.facts.events;
  EXPECT_EQ(events.size(), 7u);
  ASSERT_NE(find_event(result.facts, "publish", "kafka", "orders.created"), nullptr);
  EXPECT_EQ(find_event(result.facts, "publish", "kafka", "orders.created")->location.line, 7);
  EXPECT_NE(find_event(result.facts, "publish", "kafka", "orders.audit"), nullptr);
  EXPECT_NE(find_event(result.facts, "publish", "rabbitmq", "billing-exchange"), nullptr);
  EXPECT_NE(find_event(result.facts, "publish", "rabbitmq", "direct-queue"), nullptr);
  EXPECT_NE(find_event(result.facts, "publish", "jms", "shipping.requests"), nullptr);
  EXPECT_NE(find_event(result.facts, "publish", "spring", "OrderPlaced"), nullptr);
  EXPECT_NE(find_event(result.facts, "publish", "stream", "orders-out-0"), nullptr);
}

TEST(JavaEvents, Subscribers) {
  const auto result = extract(R"(class Listeners {
  @KafkaListener(topics = "orders.created", groupId = "billing")
  void one(Order o) {}
  @KafkaListener(topics = {"a", "b"})
  void two(String s) {}
  @KafkaListener(topicPattern = "audit.*")
  void three(String s) {}
  @RabbitListener(queues = "invoices")
  void four(Invoice i) {}
  @JmsListener(destination = "shipping.requests")
  void five(Message m) {}
  @SqsListener("refunds")
  void six(String s) {}
  @EventListener
  public void seven(OrderPlaced event) {}
  @TransactionalEventListener(phase = TransactionPhase.AFTER_COMMIT)
  void eight(final PaymentReceived event) {}
  @EventListener(classes = {CustomerDeleted.class})
  void nine() {}
  @Override
  void notAListener(Order o) {}
}
)");
  EXPECT_EQ(result.facts.events.size(), 10u);
  EXPECT_NE(find_event(result.facts, "subscribe", "kafka", "orders.created"), nullptr);
  EXPECT_NE(find_event(result.facts, "subscribe", "kafka", "a"), nullptr);
  EXPECT_NE(find_event(result.facts, "subscribe", "kafka", "b"), nullptr);
  EXPECT_NE(find_event(result.facts, "subscribe", "kafka", "audit.*"), nullptr);
  EXPECT_NE(find_event(result.facts, "subscribe", "rabbitmq", "invoices"), nullptr);
  EXPECT_NE(find_event(result.facts, "subscribe", "jms", "shipping.requests"), nullptr);
  EXPECT_NE(find_event(result.facts, "subscribe", "sqs", "refunds"), nullptr);
  ASSERT_NE(find_event(result.facts, "subscribe", "spring", "OrderPlaced"), nullptr);
  EXPECT_EQ(find_event(result.facts, "subscribe", "spring", "OrderPlaced")->location.line, 14);
  EXPECT_NE(find_event(result.facts, "subscribe", "spring", "PaymentReceived"), nullptr);
  EXPECT_NE(find_event(result.facts, "subscribe", "spring", "CustomerDeleted"), nullptr);
}

}  // namespace
}  // namespace dbsilo
