// Corpus generator for the Java extraction benchmark: N MB of Spring-style services.
// Usage: dbsilo_make_java_corpus OUT_DIR MEGABYTES [--dense]
//
// Default: services laid out like the Spring repositories dbsilo was tried on (ftgo,
// piggymetrics, petclinic, event-sourcing): per aggregate an entity, a repository, a JDBC DAO, a
// service publishing events, a listener, and the files that hold no database fact at all — a
// controller, DTOs, a mapper, a validator, an exception and a utility class. On those real
// repositories 4-36 % of the Java bytes can hold a fact; here about 40 %.
// --dense: every file holds everything (entity, SQL, listeners, static state): the worst case,
// where every byte must be parsed.
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <functional>
#include <iostream>
#include <string>
#include <vector>

namespace {

std::string n(int value) { return std::to_string(value); }

// ---- --dense: one file mixing everything ------------------------------------------------------

std::string dense_file(int service, int index) {
  const std::string name = "Thing" + n(index);
  std::string text = "package com.example.svc" + n(service) + ";\n\n"
                     "import jakarta.persistence.*;\nimport org.springframework.jdbc.core.JdbcTemplate;\n"
                     "import org.springframework.kafka.annotation.KafkaListener;\nimport java.util.*;\n\n"
                     "@Entity\n@Table(name = \"thing_" + n(index) + "\", schema = \"svc" + n(service) + "\")\n"
                     "public class " + name + " {\n"
                     "    private static final String TABLE = \"thing_" + n(index) + "\";\n"
                     "    private static final Map<String, Object> CACHE = new HashMap<>();\n"
                     "    @Id private Long id;\n    private String email;\n    @Column(name = \"display_name\") private String displayName;\n"
                     "    private final JdbcTemplate jdbcTemplate;\n\n"
                     "    " + name + "(JdbcTemplate jdbcTemplate) { this.jdbcTemplate = jdbcTemplate; }\n\n";
  for (int method = 0; method < 12; ++method) {
    const std::string m = n(method);
    text += "    public List<Map<String, Object>> find" + m + "(long id, String filter) {\n"
            "        if (filter == null || filter.isBlank()) { filter = \"%\"; }\n"
            "        for (int i = 0; i < 3; i++) { CACHE.put(filter + i, id * i); }\n"
            "        String sql = \"SELECT t.id, t.email, o.total FROM \" + TABLE + \" t JOIN orders_" + m +
            " o ON o.thing_id = t.id WHERE t.id = ? AND t.email LIKE ?\";\n"
            "        return jdbcTemplate.queryForList(sql, id, filter);\n    }\n\n"
            "    public int update" + m + "(long id) {\n"
            "        return jdbcTemplate.update(\"\"\"\n            UPDATE thing_" + n(index) +
            " SET email = lower(email), display_name = ?\n            WHERE id = ?\n            \"\"\", \"n\", id);\n    }\n\n"
            "    @KafkaListener(topics = \"topic-" + m + "\")\n    void on" + m + "(String payload) {\n"
            "        switch (payload.length() % 3) {\n            case 0 -> System.out.println(payload);\n"
            "            case 1 -> CACHE.remove(payload);\n            default -> { var x = payload.chars().filter(c -> c > 64).count(); }\n"
            "        }\n    }\n\n";
  }
  return text + "}\n";
}

// ---- default: an aggregate's files, as real services split them --------------------------------

struct Aggregate {
  int service;
  int index;
  std::string name;  // e.g. Order12
  std::string package() const { return "package com.example.svc" + n(service) + "." + lower() + ";\n\n"; }
  std::string lower() const { return "agg" + n(index); }
  std::string table() const { return "agg_" + n(index); }
};

// Plain business logic: the bulk of a real service's bytes, with no database fact in it.
std::string logic_methods(const std::string& type, int count) {
  std::string text;
  for (int method = 0; method < count; ++method) {
    const std::string m = n(method);
    text += "    public " + type + " step" + m + "(" + type + " input, List<String> tags, int limit) {\n"
            "        Objects.requireNonNull(input, \"input\");\n"
            "        int total = 0;\n"
            "        for (String tag : tags) {\n"
            "            if (tag == null || tag.isBlank()) {\n                continue;\n            }\n"
            "            total += tag.length() * " + m + " + (limit > 0 ? limit % 7 : 1);\n"
            "        }\n"
            "        List<String> kept = tags.stream().filter(t -> t.length() > " + m + ").map(String::trim).sorted().toList();\n"
            "        if (total > limit && !kept.isEmpty()) {\n"
            "            log.debug(\"step " + m + ": {} tags over the limit {}\", kept.size(), limit);\n"
            "            input.setVersion(input.getVersion() + kept.size());\n"
            "        }\n"
            "        return switch (total % 3) {\n            case 0 -> input;\n            case 1 -> input.withNote(\"odd\");\n"
            "            default -> input.withNote(String.valueOf(total));\n        };\n    }\n\n";
  }
  return text;
}

std::string getters_and_setters(const std::vector<std::pair<std::string, std::string>>& fields) {
  std::string text;
  for (const auto& [type, field] : fields) {
    std::string upper = field;
    upper[0] = static_cast<char>(upper[0] - 'a' + 'A');
    text += "    public " + type + " get" + upper + "() {\n        return " + field + ";\n    }\n\n"
            "    public void set" + upper + "(" + type + " " + field + ") {\n        this." + field + " = " + field + ";\n    }\n\n";
  }
  return text;
}

const std::vector<std::pair<std::string, std::string>> kFields = {
    {"Long", "id"}, {"String", "customerName"}, {"String", "email"}, {"BigDecimal", "total"}, {"Instant", "createdAt"},
    {"String", "status"}, {"Integer", "version"}, {"String", "note"}};

std::string field_block(bool annotated) {
  std::string text;
  for (const auto& [type, field] : kFields) {
    if (annotated && field == "id") text += "    @Id\n    @GeneratedValue(strategy = GenerationType.IDENTITY)\n";
    if (annotated && field == "customerName") text += "    @Column(name = \"customer_name\", nullable = false)\n";
    text += "    private " + type + " " + field + ";\n";
  }
  return text + "\n";
}

std::string entity(const Aggregate& a) {
  return a.package() + "import jakarta.persistence.*;\nimport java.math.BigDecimal;\nimport java.time.Instant;\n\n"
         "@Entity\n@Table(name = \"" + a.table() + "\")\npublic class " + a.name + " {\n"
         "    private static final long serialVersionUID = 1L;\n\n" + field_block(true) +
         "    protected " + a.name + "() {\n    }\n\n" + getters_and_setters(kFields) + "}\n";
}

std::string repository(const Aggregate& a) {
  return a.package() + "import java.util.List;\nimport java.util.Optional;\nimport org.springframework.data.jpa.repository.*;\n\n"
         "public interface " + a.name + "Repository extends JpaRepository<" + a.name + ", Long> {\n"
         "    List<" + a.name + "> findByStatus(String status);\n\n    Optional<" + a.name + "> findFirstByEmailOrderByCreatedAtDesc(String email);\n\n"
         "    @Query(\"select a from " + a.name + " a where a.total > :minimum\")\n    List<" + a.name + "> findLarge(BigDecimal minimum);\n}\n";
}

std::string dao(const Aggregate& a) {
  return a.package() + "import java.util.*;\nimport org.springframework.jdbc.core.JdbcTemplate;\nimport org.springframework.stereotype.Repository;\n\n"
         "@Repository\npublic class " + a.name + "Dao {\n"
         "    private static final String COLUMNS = \"id, customer_name, email, total, status\";\n"
         "    private final JdbcTemplate jdbcTemplate;\n\n"
         "    public " + a.name + "Dao(JdbcTemplate jdbcTemplate) {\n        this.jdbcTemplate = jdbcTemplate;\n    }\n\n"
         "    public List<Map<String, Object>> recent(int limit) {\n"
         "        return jdbcTemplate.queryForList(\"SELECT \" + COLUMNS + \" FROM " + a.table() + " ORDER BY created_at DESC LIMIT ?\", limit);\n    }\n\n"
         "    public int close(long id) {\n        return jdbcTemplate.update(\"\"\"\n            UPDATE " + a.table() +
         " SET status = 'CLOSED'\n            WHERE id = ?\n            \"\"\", id);\n    }\n}\n";
}

std::string service(const Aggregate& a) {
  return a.package() + "import java.util.*;\nimport org.slf4j.Logger;\nimport org.slf4j.LoggerFactory;\n"
         "import org.springframework.kafka.core.KafkaTemplate;\nimport org.springframework.stereotype.Service;\n"
         "import org.springframework.transaction.annotation.Transactional;\n\n"
         "@Service\npublic class " + a.name + "Service {\n"
         "    private static final Logger log = LoggerFactory.getLogger(" + a.name + "Service.class);\n"
         "    private final " + a.name + "Repository repository;\n    private final KafkaTemplate<String, Object> kafkaTemplate;\n\n"
         "    public " + a.name + "Service(" + a.name + "Repository repository, KafkaTemplate<String, Object> kafkaTemplate) {\n"
         "        this.repository = repository;\n        this.kafkaTemplate = kafkaTemplate;\n    }\n\n"
         "    @Transactional\n    public " + a.name + " place(" + a.name + " order) {\n"
         "        " + a.name + " saved = repository.save(order);\n"
         "        kafkaTemplate.send(\"" + a.lower() + "-events\", String.valueOf(saved.getId()), saved);\n        return saved;\n    }\n\n" +
         logic_methods(a.name, 4) + "}\n";
}

std::string listener(const Aggregate& a) {
  return a.package() + "import org.springframework.kafka.annotation.KafkaListener;\nimport org.springframework.stereotype.Component;\n\n"
         "@Component\npublic class " + a.name + "EventListener {\n"
         "    private final " + a.name + "Service service;\n\n"
         "    public " + a.name + "EventListener(" + a.name + "Service service) {\n        this.service = service;\n    }\n\n"
         "    @KafkaListener(topics = \"agg" + n(a.index + 1) + "-events\", groupId = \"svc" + n(a.service) + "\")\n"
         "    public void on(String key, String payload) {\n        if (payload == null || payload.isEmpty()) {\n            return;\n        }\n"
         "        service.toString();\n    }\n}\n";
}

std::string controller(const Aggregate& a) {
  std::string text = a.package() + "import java.util.*;\nimport org.springframework.http.ResponseEntity;\nimport org.springframework.web.bind.annotation.*;\n\n"
                     "@RestController\n@RequestMapping(\"/api/" + a.lower() + "\")\npublic class " + a.name + "Controller {\n"
                     "    private final " + a.name + "Service service;\n    private final " + a.name + "Mapper mapper;\n\n"
                     "    public " + a.name + "Controller(" + a.name + "Service service, " + a.name + "Mapper mapper) {\n"
                     "        this.service = service;\n        this.mapper = mapper;\n    }\n\n";
  for (int method = 0; method < 6; ++method) {
    const std::string m = n(method);
    text += "    @GetMapping(\"/{id}/part" + m + "\")\n    public ResponseEntity<" + a.name + "Response> part" + m +
            "(@PathVariable long id, @RequestParam(defaultValue = \"10\") int size) {\n"
            "        if (id <= 0 || size > 100) {\n            return ResponseEntity.badRequest().build();\n        }\n"
            "        " + a.name + "Request request = new " + a.name + "Request(id, \"part" + m + "\", size);\n"
            "        return ResponseEntity.ok(mapper.toResponse(service.step" + n(method % 4) + "(mapper.toEntity(request), List.of(\"a\", \"b\"), size)));\n    }\n\n";
  }
  return text + "}\n";
}

std::string plain_class(const Aggregate& a, const std::string& suffix) {
  return a.package() + "import java.math.BigDecimal;\nimport java.time.Instant;\nimport java.util.Objects;\n\n"
         "public class " + a.name + suffix + " {\n" + field_block(false) + getters_and_setters(kFields) +
         "    @Override\n    public boolean equals(Object other) {\n        if (this == other) {\n            return true;\n        }\n"
         "        if (!(other instanceof " + a.name + suffix + " that)) {\n            return false;\n        }\n"
         "        return Objects.equals(id, that.id) && Objects.equals(email, that.email);\n    }\n\n"
         "    @Override\n    public int hashCode() {\n        return Objects.hash(id, email);\n    }\n\n"
         "    @Override\n    public String toString() {\n        return \"" + a.name + suffix + "{id=\" + id + \", status=\" + status + \"}\";\n    }\n}\n";
}

std::string mapper(const Aggregate& a) {
  return a.package() + "import org.springframework.stereotype.Component;\n\n@Component\npublic class " + a.name + "Mapper {\n"
         "    public " + a.name + "Response toResponse(" + a.name + " entity) {\n        " + a.name + "Response response = new " + a.name + "Response();\n"
         "        response.setId(entity.getId());\n        response.setEmail(entity.getEmail());\n        response.setTotal(entity.getTotal());\n"
         "        response.setStatus(entity.getStatus() == null ? \"NEW\" : entity.getStatus());\n        return response;\n    }\n\n"
         "    public " + a.name + " toEntity(" + a.name + "Request request) {\n        throw new UnsupportedOperationException(\"mapping \" + request);\n    }\n}\n";
}

std::string validator(const Aggregate& a) {
  return a.package() + "import java.util.*;\n\npublic class " + a.name + "Validator {\n"
         "    public List<String> validate(" + a.name + "Request request) {\n        List<String> errors = new ArrayList<>();\n"
         "        if (request == null) {\n            errors.add(\"request must not be null\");\n            return errors;\n        }\n"
         "        if (request.toString().length() > 200) {\n            errors.add(\"request is too long\");\n        }\n"
         "        return errors;\n    }\n}\n";
}

std::string exception(const Aggregate& a) {
  return a.package() + "public class " + a.name + "NotFoundException extends RuntimeException {\n"
         "    private static final long serialVersionUID = 7L;\n\n"
         "    public " + a.name + "NotFoundException(long id) {\n        super(\"" + a.name + " \" + id + \" not found\");\n    }\n}\n";
}

std::string utility(const Aggregate& a) {
  return a.package() + "import java.util.Locale;\n\npublic final class " + a.name + "Names {\n"
         "    private " + a.name + "Names() {\n    }\n\n"
         "    public static String normalize(String value) {\n        return value == null ? \"\" : value.trim().toLowerCase(Locale.ROOT);\n    }\n\n"
         "    public static boolean isBlank(String value) {\n        return value == null || value.isBlank();\n    }\n}\n";
}

struct GeneratedFile {
  std::string name;
  std::string text;
};

std::vector<GeneratedFile> aggregate_files(const Aggregate& a) {
  std::vector<GeneratedFile> files = {
      {a.name + ".java", entity(a)},
      {a.name + "Repository.java", repository(a)},
      {a.name + "Service.java", service(a)},
      {a.name + "Controller.java", controller(a)},
      {a.name + "Request.java", plain_class(a, "Request")},
      {a.name + "Response.java", plain_class(a, "Response")},
      {a.name + "Summary.java", plain_class(a, "Summary")},
      {a.name + "Mapper.java", mapper(a)},
      {a.name + "Validator.java", validator(a)},
      {a.name + "NotFoundException.java", exception(a)},
      {a.name + "Names.java", utility(a)},
  };
  if (a.index % 2 == 0) files.push_back({a.name + "Dao.java", dao(a)});
  if (a.index % 2 == 1) files.push_back({a.name + "EventListener.java", listener(a)});
  return files;
}

}  // namespace

int main(int argc, char** argv) {
  const bool dense = argc == 4 && std::strcmp(argv[3], "--dense") == 0;
  if (argc != 3 && !dense) {
    std::cerr << "usage: " << argv[0] << " OUT_DIR MEGABYTES [--dense]\n";
    return 2;
  }
  const std::filesystem::path out = argv[1];
  const long long target = std::atoll(argv[2]) * 1024LL * 1024LL;
  long long written = 0;
  const auto write = [&](const std::filesystem::path& dir, const std::string& name, const std::string& text) {
    std::filesystem::create_directories(dir);
    std::ofstream(dir / name, std::ios::binary) << text;
    written += static_cast<long long>(text.size());
  };
  // A while loop: `written` grows inside write(), which clang's loop analysis cannot see.
  int index = 0;
  while (written < target) {
    const int service = index % 20;
    const auto dir = out / ("svc" + n(service)) / "src/main/java/com/example";
    if (dense) {
      write(dir, "Thing" + n(index) + ".java", dense_file(service, index));
    } else {
      const Aggregate aggregate{service, index, "Agg" + n(index)};
      for (const auto& file : aggregate_files(aggregate)) write(dir / aggregate.lower(), file.name, file.text);
    }
    ++index;
  }
  std::cout << "wrote " << written / (1024 * 1024) << " MB of Java under " << out << (dense ? " (dense)" : "") << "\n";
  return 0;
}
