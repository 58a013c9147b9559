// Corpus generator for the Java extraction benchmark: N MB of Spring-style services.
// Usage: dbsilo_make_java_corpus OUT_DIR MEGABYTES
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <string>

namespace {

// One file mixing what real services hold: an entity, a repository-style interface, SQL in
// JdbcTemplate calls, a text block, constants, listeners, static state, and plain logic.
std::string java_file(int service, int index) {
  const std::string name = "Thing" + std::to_string(index);
  std::string text = "package com.example.svc" + std::to_string(service) + ";\n\n"
                     "import jakarta.persistence.*;\nimport org.springframework.jdbc.core.JdbcTemplate;\n"
                     "import org.springframework.kafka.annotation.KafkaListener;\nimport java.util.*;\n\n"
                     "@Entity\n@Table(name = \"thing_" + std::to_string(index) + "\", schema = \"svc" + std::to_string(service) + "\")\n"
                     "public class " + name + " {\n"
                     "    private static final String TABLE = \"thing_" + std::to_string(index) + "\";\n"
                     "    private static final Map<String, Object> CACHE = new HashMap<>();\n"
                     "    @Id private Long id;\n    private String email;\n    @Column(name = \"display_name\") private String displayName;\n"
                     "    private final JdbcTemplate jdbcTemplate;\n\n"
                     "    " + name + "(JdbcTemplate jdbcTemplate) { this.jdbcTemplate = jdbcTemplate; }\n\n";
  for (int method = 0; method < 12; ++method) {
    const std::string m = std::to_string(method);
    text += "    public List<Map<String, Object>> find" + m + "(long id, String filter) {\n"
            "        if (filter == null || filter.isBlank()) { filter = \"%\"; }\n"
            "        for (int i = 0; i < 3; i++) { CACHE.put(filter + i, id * i); }\n"
            "        String sql = \"SELECT t.id, t.email, o.total FROM \" + TABLE + \" t JOIN orders_" + m +
            " o ON o.thing_id = t.id WHERE t.id = ? AND t.email LIKE ?\";\n"
            "        return jdbcTemplate.queryForList(sql, id, filter);\n    }\n\n"
            "    public int update" + m + "(long id) {\n"
            "        return jdbcTemplate.update(\"\"\"\n            UPDATE thing_" + std::to_string(index) +
            " SET email = lower(email), display_name = ?\n            WHERE id = ?\n            \"\"\", \"n\", id);\n    }\n\n"
            "    @KafkaListener(topics = \"topic-" + m + "\")\n    void on" + m + "(String payload) {\n"
            "        switch (payload.length() % 3) {\n            case 0 -> System.out.println(payload);\n"
            "            case 1 -> CACHE.remove(payload);\n            default -> { var x = payload.chars().filter(c -> c > 64).count(); }\n"
            "        }\n    }\n\n";
  }
  return text + "}\n";
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 3) {
    std::cerr << "usage: " << argv[0] << " OUT_DIR MEGABYTES\n";
    return 2;
  }
  const std::filesystem::path out = argv[1];
  const long long target = std::atoll(argv[2]) * 1024LL * 1024LL;
  long long written = 0;
  for (int index = 0; written < target; ++index) {
    const int service = index % 20;
    const auto dir = out / ("svc" + std::to_string(service)) / "src/main/java/com/example";
    std::filesystem::create_directories(dir);
    const std::string text = java_file(service, index);
    std::ofstream(dir / ("Thing" + std::to_string(index) + ".java"), std::ios::binary) << text;
    written += static_cast<long long>(text.size());
  }
  std::cout << "wrote " << written / (1024 * 1024) << " MB of Java under " << out << "\n";
  return 0;
}
