#include "dbkit.h"

#pragma db object table("orders")
class Order {
  int id_;
  double total_;
};

int main() {
  auto conn = dbkit::connect("orders-db");
  return 0;
}
