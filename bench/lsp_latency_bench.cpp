// didChange -> publishDiagnostics latency of `dbsilo lsp` on a generated monorepo of N MB.
// Usage: dbsilo_bench_lsp DBSILO_BINARY CORPUS_DIR MEGABYTES [EDITS]
// The corpus is generated once per size (services with Spring configs, Flyway migrations, JPA
// entities and JdbcTemplate SQL, a compose file); the bench then drives the real binary over
// pipes, edits one Java file back and forth between a foreign-table read and a clean query, and
// times each edit until the server republishes that file's diagnostics. It also times
// analyze_facts in-process, which is most of that latency.
#include <poll.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <fstream>
#include <iostream>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "scanner/lsp/framing.h"
#include "scanner/lsp/positions.h"
#include "scanner/resolve/code_model.h"
#include "scanner/scan/scan.h"

namespace {

using nlohmann::json;
using Clock = std::chrono::steady_clock;

constexpr int kServices = 40;
// Services share 4 database servers (separate databases): foreign-table-access only counts a
// table its reader can reach, so the foreign reads below stay within one server.
constexpr int kServers = 4;
const std::string kEdited = "svc0/src/main/java/com/example/svc0/Edited.java";

double milliseconds_since(Clock::time_point start) { return std::chrono::duration<double, std::milli>(Clock::now() - start).count(); }

std::string table_of(int service, int index) { return "s" + std::to_string(service) + "_t" + std::to_string(index); }

// One entity with ~10 KB of data access on its own table; every 50th file also reads another
// service's table, so the tree has findings spread over many files.
std::string java_file(int service, int index) {
  const std::string name = "Thing" + std::to_string(index);
  const std::string table = table_of(service, index);
  std::string text = "package com.example.svc" + std::to_string(service) + ";\n\n"
                     "import jakarta.persistence.*;\nimport org.springframework.jdbc.core.JdbcTemplate;\nimport java.util.*;\n\n"
                     "@Entity\n@Table(name = \"" + table + "\")\npublic class " + name + " {\n"
                     "    @Id private Long id;\n    private String email;\n    private final JdbcTemplate jdbcTemplate;\n\n"
                     "    " + name + "(JdbcTemplate jdbcTemplate) { this.jdbcTemplate = jdbcTemplate; }\n\n";
  for (int method = 0; method < 14; ++method) {
    const std::string m = std::to_string(method);
    text += "    public List<Map<String, Object>> find" + m + "(long id, String filter) {\n"
            "        if (filter == null || filter.isBlank()) { filter = \"%\"; }\n"
            "        String sql = \"SELECT t.id, t.email FROM " + table + " t WHERE t.id = ? AND t.email LIKE ?\";\n"
            "        return jdbcTemplate.queryForList(sql, id, filter);\n    }\n\n"
            "    public int update" + m + "(long id) {\n"
            "        return jdbcTemplate.update(\"UPDATE " + table + " SET email = lower(email) WHERE id = ?\", id);\n    }\n\n";
  }
  if (index % 50 == 7) {
    const int other = (service + kServers) % kServices;
    text += "    public Object foreign(long id) {\n        return jdbcTemplate.queryForList(\"SELECT * FROM " + table_of(other, 0) +
            " WHERE id = ?\", id);\n    }\n";
  }
  return text + "}\n";
}

std::string edited_file(bool foreign) {
  return "package com.example.svc0;\n\nimport org.springframework.jdbc.core.JdbcTemplate;\n\npublic class Edited {\n"
         "    private JdbcTemplate jdbcTemplate;\n\n    Object read(long id) {\n"
         "        return jdbcTemplate.queryForList(\"SELECT * FROM " + (foreign ? table_of(kServers, 0) : table_of(0, 0)) + " WHERE id = ?\", id);\n"
         "    }\n}\n";
}

void write(const std::filesystem::path& path, const std::string& text) {
  std::filesystem::create_directories(path.parent_path());
  std::ofstream(path, std::ios::binary) << text;
}

void generate(const std::filesystem::path& root, long long target_bytes) {
  std::filesystem::remove_all(root);
  long long written = 0;
  std::vector<std::vector<std::string>> tables(kServices);
  for (int index = 0; written < target_bytes; ++index) {
    const int service = index % kServices;
    const std::string text = java_file(service, index / kServices);
    write(root / ("svc" + std::to_string(service)) / "src/main/java/com/example" / ("svc" + std::to_string(service)) /
              ("Thing" + std::to_string(index / kServices) + ".java"),
          text);
    tables[service].push_back(table_of(service, index / kServices));
    written += static_cast<long long>(text.size());
  }
  std::string compose = "services:\n";
  for (int service = 0; service < kServices; ++service) {
    const std::string name = "svc" + std::to_string(service);
    compose += "  " + name + ": {build: " + name + "}\n";
    write(root / name / "src/main/resources/application.properties",
          "spring.datasource.url=jdbc:postgresql://db" + std::to_string(service % kServers) + ":5432/" + name + "\n");
    std::string ddl;
    for (const auto& table : tables[service]) ddl += "CREATE TABLE " + table + " (id BIGINT PRIMARY KEY, email TEXT);\n";
    write(root / name / "src/main/resources/db/migration/V1__init.sql", ddl);
  }
  for (int server = 0; server < kServers; ++server) compose += "  db" + std::to_string(server) + ": {image: \"postgres:16\"}\n";
  write(root / "docker-compose.yml", compose);
  write(root / kEdited, edited_file(false));
}

long long tree_bytes(const std::filesystem::path& root) {
  long long total = 0;
  for (const auto& entry : std::filesystem::recursive_directory_iterator(root)) {
    if (entry.is_regular_file()) total += static_cast<long long>(entry.file_size());
  }
  return total;
}

// A minimal JSON-RPC client over the child's pipes.
class Client {
 public:
  Client(const std::string& binary) {
    int to_child[2];
    int from_child[2];
    if (pipe(to_child) != 0 || pipe(from_child) != 0) throw std::runtime_error("pipe failed");
    pid_ = fork();
    if (pid_ == 0) {
      dup2(to_child[0], STDIN_FILENO);
      dup2(from_child[1], STDOUT_FILENO);
      close(to_child[1]);
      close(from_child[0]);
      execl(binary.c_str(), binary.c_str(), "lsp", static_cast<char*>(nullptr));
      _exit(127);
    }
    close(to_child[0]);
    close(from_child[1]);
    in_ = to_child[1];
    out_ = from_child[0];
  }
  void send(const json& message) {
    const std::string framed = dbsilo::lsp::frame_message(message.dump());
    for (std::size_t at = 0; at < framed.size();) {
      const ssize_t count = ::write(in_, framed.data() + at, framed.size() - at);
      if (count <= 0) throw std::runtime_error("server closed its input");
      at += static_cast<std::size_t>(count);
    }
  }
  json next() {
    while (pending_.empty()) {
      // A bench that waits forever measures nothing: ten minutes without a message is a failure
      // (the first message after initialize waits for the whole tree to be read).
      pollfd readable{out_, POLLIN, 0};
      if (poll(&readable, 1, 600000) <= 0) throw std::runtime_error("no message from the server for 10 minutes");
      char buffer[1 << 16];
      const ssize_t count = ::read(out_, buffer, sizeof buffer);
      if (count <= 0) throw std::runtime_error("server closed its output");
      for (auto& frame : reader_.feed(std::string_view(buffer, static_cast<std::size_t>(count)))) {
        if (frame.error.empty()) pending_.push_back(json::parse(frame.body));
      }
    }
    json message = std::move(pending_.front());
    pending_.erase(pending_.begin());
    return message;
  }
  int finish() {
    close(in_);
    int status = 0;
    waitpid(pid_, &status, 0);
    return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  }

 private:
  pid_t pid_ = -1;
  int in_ = -1;
  int out_ = -1;
  dbsilo::lsp::FrameReader reader_;
  std::vector<json> pending_;
};

int drive_server(const std::string& binary, const std::filesystem::path& root, int edits);

}  // namespace

int main(int argc, char** argv) {
  if (argc < 4) {
    std::cerr << "usage: " << argv[0] << " DBSILO_BINARY CORPUS_DIR MEGABYTES [EDITS]\n";
    return 2;
  }
  const std::string binary = argv[1];
  const std::filesystem::path root = std::filesystem::absolute(argv[2]);
  const long long megabytes = std::atoll(argv[3]);
  const int edits = argc > 4 ? std::atoi(argv[4]) : 20;
  const std::filesystem::path stamp = root / (".generated-" + std::to_string(megabytes) + "mb");
  if (!std::filesystem::exists(stamp)) {
    const auto start = Clock::now();
    generate(root, megabytes * 1024 * 1024);
    write(stamp, "");
    std::cout << "generated " << root.string() << " in " << milliseconds_since(start) << " ms\n";
  }
  std::cout << "corpus: " << tree_bytes(root) / (1024.0 * 1024.0) << " MB\n";

  // In-process: what one analysis costs on the held facts (the server's per-edit work).
  {
    dbsilo::ScanOptions options;
    options.root = root;
    auto start = Clock::now();
    dbsilo::CollectedFacts collected = dbsilo::collect_facts(options);
    std::cout << "collect_facts: " << milliseconds_since(start) << " ms (" << collected.files.size() << " files)\n";
    std::vector<double> analyses;
    std::size_t findings = 0;
    for (int run = 0; run < 3; ++run) {
      start = Clock::now();
      findings = dbsilo::analyze_facts(collected.files, collected.warnings, options).findings.size();
      analyses.push_back(milliseconds_since(start));
    }
    std::cout << "analyze_facts (in-process, best of 3): " << *std::min_element(analyses.begin(), analyses.end()) << " ms, " << findings
              << " findings\n";
    // The server's per-edit work, phase by phase: the edited file's facts replaced, then one
    // analysis with the per-file cache of the analyses before it.
    dbsilo::CodeUseCache code_cache;
    dbsilo::analyze_facts(collected.files, collected.warnings, options, &code_cache);
    std::vector<dbsilo::PhaseTiming> timings;
    for (int edit = 0; edit < 2; ++edit) {
      for (auto& file : collected.files) {
        if (file.path == kEdited) file = dbsilo::extract_file(kEdited, dbsilo::FileKind::java_source, edited_file(edit % 2 == 0));
      }
      timings.clear();
      options.timings = &timings;
      start = Clock::now();
      dbsilo::analyze_facts(collected.files, collected.warnings, options, &code_cache);
      std::cout << "analyze_facts after an edit, with the per-file cache: " << milliseconds_since(start) << " ms\n";
    }
    for (const auto& timing : timings) {
      if (timing.milliseconds >= 1.0) std::cout << "  " << timing.milliseconds << " ms  " << timing.phase << "\n";
    }
    options.timings = nullptr;
  }

  try {
    return drive_server(binary, root, edits);
  } catch (const std::exception& error) {
    std::cerr << "dbsilo_bench_lsp: " << error.what() << "\n";
    return 1;
  }
}

namespace {

int drive_server(const std::string& binary, const std::filesystem::path& root, int edits) {
  Client client(binary);
  const std::string root_uri = dbsilo::lsp::path_to_uri(root.string());
  const std::string uri = dbsilo::lsp::path_to_uri((root / kEdited).string());
  auto start = Clock::now();
  client.send({{"jsonrpc", "2.0"}, {"id", 1}, {"method", "initialize"}, {"params", {{"rootUri", root_uri}, {"capabilities", json::object()}}}});
  client.send({{"jsonrpc", "2.0"}, {"method", "initialized"}, {"params", json::object()}});
  client.send({{"jsonrpc", "2.0"}, {"method", "textDocument/didOpen"},
               {"params", {{"textDocument", {{"uri", uri}, {"languageId", "java"}, {"version", 1}, {"text", edited_file(false)}}}}}});
  std::size_t findings = 0;
  while (true) {
    const json message = client.next();
    if (message.value("method", "") == "dbsilo/status" && message["params"]["state"] == "ready") {
      findings = message["params"]["findings"].get<std::size_t>();
      break;
    }
  }
  std::cout << "server: initialize -> first diagnostics of the whole tree: " << milliseconds_since(start) << " ms, " << findings << " findings\n";

  std::vector<double> latencies;
  for (int edit = 0; edit < edits; ++edit) {
    const bool foreign = edit % 2 == 0;
    start = Clock::now();
    client.send({{"jsonrpc", "2.0"}, {"method", "textDocument/didChange"},
                 {"params", {{"textDocument", {{"uri", uri}, {"version", edit + 2}}}, {"contentChanges", {{{"text", edited_file(foreign)}}}}}}});
    while (true) {
      const json message = client.next();
      if (message.value("method", "") == "textDocument/publishDiagnostics" && message["params"]["uri"] == uri) {
        if (message["params"]["diagnostics"].empty() == foreign) {
          std::cerr << "unexpected diagnostics after edit " << edit << "\n";
          return 1;
        }
        break;
      }
    }
    latencies.push_back(milliseconds_since(start));
  }
  std::sort(latencies.begin(), latencies.end());
  std::cout << "didChange -> publishDiagnostics over " << edits << " edits: min " << latencies.front() << " ms, median "
            << latencies[latencies.size() / 2] << " ms, p90 " << latencies[latencies.size() * 9 / 10] << " ms, max " << latencies.back()
            << " ms\n";
  client.send({{"jsonrpc", "2.0"}, {"id", 2}, {"method", "shutdown"}});
  client.send({{"jsonrpc", "2.0"}, {"method", "exit"}});
  return client.finish() == 0 ? 0 : 1;
}

}  // namespace
