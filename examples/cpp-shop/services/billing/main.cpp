#include <pqxx/pqxx>
#include "dbkit.h"

int main() {
  const auto config = load_json("config/services.json");
  pqxx::connection conn(config["billing-db"]["host"].get<std::string>());
  pqxx::work txn{conn};
  // billing reads the orders table instead of asking the orders service.
  txn.exec(R"(SELECT id, total FROM orders WHERE paid = false)");
  return 0;
}
