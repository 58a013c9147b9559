#include <hiredis/hiredis.h>
#include "dbkit.h"

int main() {
  const auto config = load_yaml("config/services.json");
  redisContext* cache = redisConnect(config["stock-cache"]["host"].as<std::string>().c_str(), 6379);
  return 0;
}
