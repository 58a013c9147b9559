// Builds scratch monorepos for the hostile-input and invariant tests: a copy of examples/shop (real
// findings) plus, on request, every kind of bad input a repository can hold.
#pragma once

#include <sys/stat.h>

#include <filesystem>
#include <fstream>
#include <string>
#include <string_view>
#include <system_error>
#include <unistd.h>
#include <vector>

#include "cli_support.h"

namespace dbsilo::testing {

// A file the scan must warn about: its path, the line the warning names (0 = the whole file),
// and a part of the message.
struct ExpectedWarning {
  std::string path;
  int line = 0;
  std::string message_part;
};

// Every password and secret written by hostile_tree() starts with this, so outputs can be searched.
inline constexpr std::string_view kHostileSecret = "Hx9-hostile-secret";

inline void write_bytes(const std::filesystem::path& path, std::string_view bytes) {
  std::filesystem::create_directories(path.parent_path());
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
}

inline std::string repeated(std::string_view text, std::size_t times) {
  std::string out;
  out.reserve(text.size() * times);
  for (std::size_t i = 0; i < times; ++i) out += text;
  return out;
}

// A fresh, empty scratch directory (removed first if a previous run left it).
inline std::filesystem::path scratch_dir(const std::string& name) {
  const auto dir = std::filesystem::temp_directory_path() / ("dbsilo-" + name + "-" + std::to_string(::getpid()));
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir);
  return dir;
}

// examples/shop copied to `root`: the findings that must survive whatever is added next to them.
inline void copy_shop_example(const std::filesystem::path& root) {
  std::filesystem::copy(source_dir() / "examples" / "shop", root, std::filesystem::copy_options::recursive);
}

// A YAML "billion laughs": nine levels of nine aliases, 9^9 leaves if expanded.
inline std::string yaml_alias_bomb(std::string_view indent) {
  std::string text = std::string(indent) + "a: &a [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n";
  for (char level = 'b'; level <= 'i'; ++level) {
    text += std::string(indent) + level + ": &" + level + " [";
    for (int i = 0; i < 9; ++i) text += std::string(i ? "," : "") + "*" + static_cast<char>(level - 1);
    text += "]\n";
  }
  return text;
}

// Adds every kind of bad input under hostile/ (and a directory `outside` next to the root that
// links point to) and returns the warnings the scan must give. Files that are not warned about
// (long lines under the size cap) still have to be scanned in bounded
// time; the tests check that separately.
inline std::vector<ExpectedWarning> add_hostile_files(const std::filesystem::path& root, const std::filesystem::path& outside) {
  namespace fs = std::filesystem;
  const std::string secret(kHostileSecret);
  std::vector<ExpectedWarning> expected;
  const auto file = [&](const std::string& path, std::string_view bytes) { write_bytes(root / path, bytes); };

  // Binary files under source names.
  std::string binary = "\x7f" "ELF\x02\x01\x01";
  binary += std::string(64, '\0') + repeated("\x01\xff\x00\x90", 512);
  file("hostile/binary/Orders.java", binary);
  file("hostile/binary/application.properties", binary);
  expected.push_back({"hostile/binary/Orders.java", 0, "binary content"});
  expected.push_back({"hostile/binary/application.properties", 0, "binary content"});

  // Invalid UTF-8 (a lone continuation byte, an overlong '/', a surrogate) on line 3.
  file("hostile/utf8/application.yml", "server:\n  port: 8080\nname: caf\x80 \xc0\xaf \xed\xa0\x80\n");
  expected.push_back({"hostile/utf8/application.yml", 3, "invalid UTF-8"});

  // A 10 MB single line: over the 8 MiB cap, skipped. Long lines under the cap are read.
  file("hostile/huge/application.properties", "x=" + std::string(10u << 20, 'y'));
  expected.push_back({"hostile/huge/application.properties", 0, "larger than 8 MiB"});
  file("hostile/long/application.properties", "spring.application.name=" + std::string(2u << 20, 'n') + "\n");
  file("hostile/long/Long.java", "class Long { " + repeated("String s = \"SELECT id FROM long_table\"; ", 50000) + "}\n");

  // 50,000-deep nesting: YAML (flow sequences and maps), Java, C++.
  constexpr std::size_t kDepth = 50000;
  file("hostile/deep/application.yml", "a: " + std::string(kDepth, '[') + std::string(kDepth, ']') + "\n");
  expected.push_back({"hostile/deep/application.yml", 1, "invalid YAML"});
  file("hostile/deep-map/application.yml", "a: " + repeated("{b: ", kDepth) + "1" + std::string(kDepth, '}') + "\n");
  expected.push_back({"hostile/deep-map/application.yml", 1, "invalid YAML"});
  file("hostile/deep/Deep.java", "class Deep { int f() { return " + std::string(kDepth, '(') + "1" + std::string(kDepth, ')') +
                                     "; }\n void g() " + std::string(kDepth, '{') + std::string(kDepth, '}') + "\n}\n");
  file("hostile/deep/deep.cpp", "int f() { return " + std::string(kDepth, '(') + "1" + std::string(kDepth, ')') + "; }\n" +
                                    "void g() " + std::string(kDepth, '{') + std::string(kDepth, '}') + "\n");
  expected.push_back({"hostile/deep/Deep.java", 1, "nested deeper than 256 levels"});
  expected.push_back({"hostile/deep/deep.cpp", 1, "libclang stops parsing"});

  // YAML alias bombs: a configuration file, a compose file, a Kubernetes manifest.
  file("hostile/bomb/application.yml", yaml_alias_bomb(""));
  expected.push_back({"hostile/bomb/application.yml", 0, "entries"});
  file("hostile/bomb/docker-compose.yml",
       "x-bomb:\n" + yaml_alias_bomb("  ") + "services:\n  laughs:\n    image: alpine\n    environment: *i\n    command: *i\n");
  file("hostile/bomb/k8s.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: laughs\n  annotations:\n" + yaml_alias_bomb("    ") +
                                    "data:\n  application.yml: \"x: 1\"\n  bomb: *i\n");

  // Placeholder cycles, one of them through the password.
  file("hostile/cycle/pom.xml", "<project><artifactId>cycle</artifactId><packaging>jar</packaging></project>\n");
  file("hostile/cycle/src/main/resources/application.properties",
       "spring.datasource.url=jdbc:postgresql://${A}/cycle\nA=${B}\nB=${C:${A}}\nspring.datasource.password=${P}\nP=" + secret +
           "${P}\n");
  expected.push_back({"hostile/cycle/src/main/resources/application.properties", 1, "placeholder cycle"});

  // Broken YAML, XML, JSON and compose; a broken password line must not be quoted.
  file("hostile/broken/application.yml", "spring:\n  datasource:\n    password: " + secret + "\n   url: [unclosed\n");
  expected.push_back({"hostile/broken/application.yml", 4, "invalid YAML"});
  file("hostile/broken/db.changelog-master.xml", "<databaseChangeLog><changeSet id=\"1\"><createTable tableName=\"t\"><column");
  expected.push_back({"hostile/broken/db.changelog-master.xml", 0, ""});
  file("hostile/broken/config/settings.json", "{\"db\": {\"password\": \"" + secret + "\", \"url\": [1, 2,");
  expected.push_back({"hostile/broken/config/settings.json", 0, "JSON"});
  file("hostile/broken-compose/docker-compose.yml", "services:\n  app:\n    image: [alpine\n    environment:\n      DB_PASSWORD: " + secret + "\n");
  expected.push_back({"hostile/broken-compose/docker-compose.yml", 0, "YAML"});

  // Outside the root: a datasource and a secret that must never be read.
  write_bytes(outside / "secret.env", "SPRING_DATASOURCE_URL=jdbc:postgresql://outside-db:5432/outside\nDB_PASSWORD=" + secret + "\n");
  write_bytes(outside / "application.properties", "spring.datasource.url=jdbc:postgresql://outside-db:5432/outside\n");
  fs::create_directories(root / "hostile/links");
  fs::create_symlink(outside, root / "hostile/links/out-dir");
  fs::create_symlink(outside / "application.properties", root / "hostile/links/application.properties");
  fs::create_symlink("../links", root / "hostile/links/self");
  fs::create_symlink("loop-b", root / "hostile/links/loop-a");
  fs::create_symlink("loop-a", root / "hostile/links/loop-b");
  expected.push_back({"hostile/links/out-dir", 0, "outside the scanned root"});
  expected.push_back({"hostile/links/application.properties", 0, "outside the scanned root"});
  expected.push_back({"hostile/links/self", 0, "loop"});
  expected.push_back({"hostile/links/loop-a", 0, "loop"});
  expected.push_back({"hostile/links/loop-b", 0, "loop"});

  // env_file entries that climb out of the root, or are absolute.
  const std::string escape = fs::relative(outside / "secret.env", root / "hostile/envfile").string();
  file("hostile/envfile/docker-compose.yml", "services:\n  escaper:\n    image: alpine\n    env_file:\n      - " + escape +
                                                 "\n      - /etc/passwd\n      - ../../../../../../etc/shadow\n");
  expected.push_back({"hostile/envfile/docker-compose.yml", 5, "leaves the scanned root"});
  expected.push_back({"hostile/envfile/docker-compose.yml", 6, "leaves the scanned root"});
  expected.push_back({"hostile/envfile/docker-compose.yml", 7, "leaves the scanned root"});

  // A FIFO under a configuration name: opening it for reading would block forever.
  fs::create_directories(root / "hostile/fifo");
  ::mkfifo((root / "hostile/fifo/application.properties").c_str(), 0644);
  expected.push_back({"hostile/fifo/application.properties", 0, "FIFO"});
  return expected;
}

}  // namespace dbsilo::testing
