// Writes a synthetic C++ corpus for the extraction benchmark: services with libpqxx/mongocxx/hiredis
// calls, SQL in raw strings and constants, config-keyed connections, globals and singletons.
// Usage: dbsilo_make_cpp_corpus OUT_DIR FILES_PER_SERVICE
#include <filesystem>
#include <fstream>
#include <iostream>
#include <string>

namespace {

std::string source_file(int service, int file) {
  const std::string id = std::to_string(service) + "_" + std::to_string(file);
  std::string text = "// generated\n#include <pqxx/pqxx>\n#include <mongocxx/client.hpp>\n#include <hiredis/hiredis.h>\n#include \"common/config.h\"\n\n";
  text += "namespace svc" + id + " {\n\nint request_count_" + id + " = 0;\nconstexpr const char* kFindOrder = \"SELECT id, total FROM orders_" + id +
          " WHERE id = $1\";\n\n";
  text += "class Repository {\n public:\n  static Repository& instance() {\n    static Repository repository;\n    return repository;\n  }\n";
  text += "  static int cached_;\n  explicit Repository(const Config& config) : conn_(config[\"orders-db\"][\"url\"].get<std::string>()) {}\n";
  for (int method = 0; method < 40; ++method) {
    const std::string m = std::to_string(method);
    text += "  std::vector<Order> find_" + m + "(int id, const std::string& name) {\n";
    text += "    pqxx::work txn{conn_};\n    std::vector<Order> out;\n";
    text += "    auto rows = txn.exec_params(R\"(SELECT o.id, o.total, c.name FROM orders o JOIN customers c ON c.id = o.customer_id\n"
            "        WHERE o.id = $1 AND c.name = $2 ORDER BY o.created_at DESC)\", id, name);\n";
    text += "    for (const auto& row : rows) {\n      Order order;\n      order.id = row[0].as<int>();\n      order.total = row[1].as<double>();\n";
    text += "      if (order.total > " + m + ") out.push_back(order);\n    }\n";
    text += "    txn.exec(\"UPDATE orders SET seen = true \" \"WHERE id = \" + std::to_string(id));\n";
    text += "    auto coll = client_[\"shop\"][\"events_" + m + "\"];\n    coll.insert_one(make_document(kvp(\"order\", id)));\n";
    text += "    txn.commit();\n    return out;\n  }\n";
  }
  text += " private:\n  pqxx::connection conn_;\n  mongocxx::client client_;\n};\n\nint Repository::cached_ = 0;\n";
  text += "redisContext* cache() { return redisConnect(\"cache\", 6379); }\n\n}  // namespace svc" + id + "\n";
  return text;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 3) {
    std::cerr << "usage: " << argv[0] << " OUT_DIR FILES_PER_SERVICE\n";
    return 2;
  }
  const std::filesystem::path root = argv[1];
  const int files = std::stoi(argv[2]);
  for (int service = 0; service < 10; ++service) {
    const auto folder = root / ("service" + std::to_string(service)) / "src";
    std::filesystem::create_directories(folder);
    for (int file = 0; file < files; ++file) {
      std::ofstream(folder / ("repository" + std::to_string(file) + ".cpp")) << source_file(service, file);
    }
  }
  return 0;
}
