// Reads connection-proxy configuration files (pgbouncer, pgpool-II, ProxySQL, Odyssey, mcrouter,
// twemproxy) into ProxyFacts: where the proxy listens and which servers it forwards to.
#include "languages/k8s/proxy_configs.h"

#include <nlohmann/json.hpp>
#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <array>
#include <charconv>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "dbsilo/text.h"
#include "languages/config/config_support.h"

namespace dbsilo {
namespace {

// ---- framework knowledge ------------------------------------------------------------------

// Defaults of each kind (sorted by kind): the port it listens on and the port of a backend
// written without one.
struct ProxyKind {
  std::string_view kind;
  int default_listen_port;
  int default_backend_port;
};
constexpr std::array proxy_kinds = {
    ProxyKind{"mcrouter", 5000, 11211},   // mcrouter -p; memcached backends
    ProxyKind{"odyssey", 6432, 5432},
    ProxyKind{"pgbouncer", 6432, 5432},
    ProxyKind{"pgpool", 9999, 5432},
    ProxyKind{"proxysql", 6033, 3306},
    ProxyKind{"twemproxy", 22121, 11211},  // 6379 when the pool says `redis: true`
};
constexpr int redis_default_port = 6379;

// File names (lower case, sorted) and the kind of proxy they configure.
struct ProxyFileName {
  std::string_view file_name;
  std::string_view kind;
};
constexpr std::array proxy_file_names = {
    ProxyFileName{"mcrouter.json", "mcrouter"},    ProxyFileName{"nutcracker.yaml", "twemproxy"},
    ProxyFileName{"nutcracker.yml", "twemproxy"},  ProxyFileName{"odyssey.conf", "odyssey"},
    ProxyFileName{"pgbouncer.ini", "pgbouncer"},   ProxyFileName{"pgpool.conf", "pgpool"},
    ProxyFileName{"proxysql.cnf", "proxysql"},     ProxyFileName{"twemproxy.yaml", "twemproxy"},
    ProxyFileName{"twemproxy.yml", "twemproxy"},
};
// mcrouter configs are often named after their cluster: "mcrouter-prod.json", "cache.mcrouter.json".
constexpr std::string_view mcrouter_name_part = "mcrouter";

// Nesting deeper than this in libconfig / Odyssey files only comes from garbage input.
constexpr int max_block_depth = 64;

const ProxyKind* kind_named(std::string_view kind) {
  const auto found =
      std::find_if(proxy_kinds.begin(), proxy_kinds.end(), [&](const ProxyKind& entry) { return entry.kind == kind; });
  return found == proxy_kinds.end() ? nullptr : &*found;
}

std::string_view kind_of_file(std::string_view file_name) {
  const auto slash = file_name.rfind('/');
  const std::string name = to_lower(slash == std::string_view::npos ? file_name : file_name.substr(slash + 1));
  for (const ProxyFileName& entry : proxy_file_names) {
    if (entry.file_name == name) return entry.kind;
  }
  if (name.ends_with(".json") && name.find(mcrouter_name_part) != std::string::npos) return "mcrouter";
  return {};
}

// ---- small text helpers -------------------------------------------------------------------

std::optional<int> parse_port(std::string_view text) {
  text = trim(text);
  int value = 0;
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (text.empty() || error != std::errc() || end != text.data() + text.size() || value < 0 || value > 65535) return std::nullopt;
  return value;
}

std::string unquoted(std::string_view text) {
  text = trim(text);
  if (text.size() >= 2 && (text.front() == '\'' || text.front() == '"') && text.back() == text.front()) {
    text = text.substr(1, text.size() - 2);
  }
  return std::string(text);
}

// "host:port", "[v6]:port", "host:port:extra..." (mcrouter protocol, twemproxy weight) and
// "host:port:weight name". Port 0 when not written.
std::pair<std::string, int> split_host_port(std::string_view address) {
  address = trim(address);
  if (const auto blank = address.find(' '); blank != std::string_view::npos) address = address.substr(0, blank);
  std::string_view host;
  std::string_view rest;
  if (!address.empty() && address.front() == '[') {
    const auto close = address.find(']');
    if (close == std::string_view::npos) return {std::string(address), 0};
    host = address.substr(1, close - 1);
    rest = address.substr(close + 1);
    if (!rest.empty() && rest.front() == ':') rest.remove_prefix(1);
  } else {
    const auto colon = address.find(':');
    host = address.substr(0, colon);
    rest = colon == std::string_view::npos ? std::string_view() : address.substr(colon + 1);
  }
  const std::string_view port_text = rest.substr(0, rest.find(':'));
  return {std::string(host), parse_port(port_text).value_or(0)};
}

// Splits text into lines, remembering each 1-based number; '\r' is dropped.
std::vector<std::pair<int, std::string>> numbered_lines(std::string_view text) {
  std::vector<std::pair<int, std::string>> lines;
  int number = 0;
  for (std::string line : split(text, '\n')) {
    ++number;
    if (!line.empty() && line.back() == '\r') line.pop_back();
    lines.emplace_back(number, std::move(line));
  }
  return lines;
}

// An INI / pgpool line without its comment; `#` and `;` inside quotes are kept.
std::string_view without_comment(std::string_view line, std::string_view comment_starts) {
  char quote = 0;
  for (std::size_t i = 0; i < line.size(); ++i) {
    const char c = line[i];
    if (quote != 0) {
      if (c == quote) quote = 0;
    } else if (c == '\'' || c == '"') {
      quote = c;
    } else if (comment_starts.find(c) != std::string_view::npos) {
      return line.substr(0, i);
    }
  }
  return line;
}

ProxyFacts new_proxy(std::string_view kind, const std::string& path) {
  ProxyFacts proxy;
  proxy.kind = std::string(kind);
  proxy.location = {path, 1, 0};
  return proxy;
}

// ---- pgbouncer.ini ------------------------------------------------------------------------

// libpq-style `key=value key='quoted value'` pairs; values lose their quotes ('' and \' escape).
std::map<std::string, std::string> keyword_values(std::string_view text) {
  std::map<std::string, std::string> values;
  std::size_t i = 0;
  while (i < text.size()) {
    while (i < text.size() && (text[i] == ' ' || text[i] == '\t')) ++i;
    const std::size_t key_start = i;
    while (i < text.size() && text[i] != '=' && text[i] != ' ' && text[i] != '\t') ++i;
    std::string key = to_lower(text.substr(key_start, i - key_start));
    while (i < text.size() && (text[i] == ' ' || text[i] == '\t')) ++i;
    if (i >= text.size() || text[i] != '=') {
      if (key.empty()) break;
      continue;  // a word without '=': not a keyword
    }
    ++i;
    while (i < text.size() && (text[i] == ' ' || text[i] == '\t')) ++i;
    std::string value;
    if (i < text.size() && text[i] == '\'') {
      ++i;
      while (i < text.size()) {
        if ((text[i] == '\\' || text[i] == '\'') && i + 1 < text.size() && text[i + 1] == '\'') {
          value += '\'';
          i += 2;
        } else if (text[i] == '\'') {
          ++i;
          break;
        } else {
          value += text[i++];
        }
      }
    } else {
      while (i < text.size() && text[i] != ' ' && text[i] != '\t') value += text[i++];
    }
    if (!key.empty()) values[key] = std::move(value);
  }
  values.erase("password");  // never kept
  return values;
}

std::vector<ProxyFacts> read_pgbouncer(std::string_view text, const std::string& path, std::vector<Warning>& warnings,
                                       const ProxyKind& kind) {
  ProxyFacts proxy = new_proxy(kind.kind, path);
  proxy.listen_port = kind.default_listen_port;
  std::string section;
  for (const auto& [number, raw_line] : numbered_lines(text)) {
    const std::string_view line = trim(without_comment(raw_line, ";#"));
    if (line.empty() || line.front() == '%') continue;  // %include: another file, read on its own
    if (line.front() == '[') {
      section = to_lower(trim(line.substr(1, line.find(']') - 1)));
      if (section == "databases") proxy.location = {path, number, 1};
      continue;
    }
    const auto equals = line.find('=');
    if (equals == std::string_view::npos) {
      warnings.push_back({{path, number, 1}, "pgbouncer: line without '=' ignored"});
      continue;
    }
    const std::string key = unquoted(line.substr(0, equals));
    const std::string_view value = trim(line.substr(equals + 1));
    const int column = static_cast<int>(raw_line.find_first_not_of(" \t")) + 1;
    if (section == "pgbouncer" && to_lower(key) == "listen_port") {
      if (const auto port = parse_port(value)) proxy.listen_port = *port;
    } else if (section == "databases") {
      const auto keywords = keyword_values(value);
      const auto find = [&](const char* name) {
        const auto found = keywords.find(name);
        return found == keywords.end() ? std::string() : found->second;
      };
      const std::string dbname = find("dbname");
      // host=a,b with port=1,2 (pgbouncer 1.17+): one backend per host, ports paired by position.
      std::vector<std::string> hosts = split(find("host"), ',');
      const std::vector<std::string> ports = split(find("port"), ',');
      for (std::size_t i = 0; i < hosts.size(); ++i) {
        ProxyBackend backend;
        backend.database = key;
        backend.host = std::string(trim(hosts[i]));
        const std::string& port_text = i < ports.size() ? ports[i] : ports.back();
        backend.port = parse_port(port_text).value_or(kind.default_backend_port);
        if (dbname != key) backend.server_database = dbname;
        backend.location = {path, number, column};
        proxy.backends.push_back(std::move(backend));
      }
    }
  }
  return {proxy};
}

// ---- pgpool.conf --------------------------------------------------------------------------

std::vector<ProxyFacts> read_pgpool(std::string_view text, const std::string& path, std::vector<Warning>&,
                                    const ProxyKind& kind) {
  ProxyFacts proxy = new_proxy(kind.kind, path);
  proxy.listen_port = kind.default_listen_port;
  constexpr std::string_view host_prefix = "backend_hostname";
  constexpr std::string_view port_prefix = "backend_port";
  std::map<int, ProxyBackend> backends_by_index;  // backend_hostname0, 1, ...: in index order
  std::map<int, int> ports_by_index;
  for (const auto& [number, raw_line] : numbered_lines(text)) {
    const std::string_view line = trim(without_comment(raw_line, "#"));
    const auto equals = line.find('=');
    if (line.empty() || equals == std::string_view::npos) continue;
    const std::string key = to_lower(trim(line.substr(0, equals)));
    const std::string value = unquoted(line.substr(equals + 1));
    if (key == "port") {
      if (const auto port = parse_port(value)) proxy.listen_port = *port;
    } else if (key.starts_with(host_prefix)) {
      const auto index = parse_port(std::string_view(key).substr(host_prefix.size()));
      if (!index) continue;
      ProxyBackend& backend = backends_by_index[*index];
      backend.database = "*";  // pgpool forwards every database
      backend.host = value;
      backend.location = {path, number, static_cast<int>(raw_line.find_first_not_of(" \t")) + 1};
    } else if (key.starts_with(port_prefix)) {
      const auto index = parse_port(std::string_view(key).substr(port_prefix.size()));
      const auto port = parse_port(value);
      if (index && port) ports_by_index[*index] = *port;
    }
  }
  for (auto& [index, backend] : backends_by_index) {
    const auto port = ports_by_index.find(index);
    backend.port = port == ports_by_index.end() ? kind.default_backend_port : port->second;
    if (!backend.location.path.empty()) {
      if (proxy.backends.empty()) proxy.location = backend.location;
      proxy.backends.push_back(std::move(backend));
    }
  }
  return {proxy};
}

// ---- proxysql.cnf (libconfig) -------------------------------------------------------------

struct ConfigSyntaxError {
  int line;
  std::string message;
};

// A libconfig value: scalar, group `{ name = value; ... }`, list `( ... )` or array `[ ... ]`.
// A group's settings are their own struct, not std::pair: a pair of an incomplete type inside
// its own class does not compile with clang (the fuzz and sanitizer builds use clang).
struct LibconfigSetting;
struct LibconfigValue {
  std::string scalar;
  std::vector<LibconfigSetting> members;  // group
  std::vector<LibconfigValue> items;      // list / array
  bool is_group = false;
  int line = 0;      // where the value starts
  int column = 0;
  int key_line = 0;  // where its setting's name stands (0 for list items)

  const LibconfigValue* member(std::string_view name) const;
};

struct LibconfigSetting {
  std::string name;
  LibconfigValue value;
};

const LibconfigValue* LibconfigValue::member(std::string_view name) const {
  for (const auto& [member_name, value] : members) {
    if (member_name == name) return &value;
  }
  return nullptr;
}

class LibconfigParser {
 public:
  explicit LibconfigParser(std::string_view text) : text_(text) {}

  // The top-level settings; what was read before a syntax error is kept in `root`.
  void parse(LibconfigValue& root) {
    root.is_group = true;
    parse_settings(root, 0, /*closing=*/0, 0);
  }

 private:
  // `open_line`: where the group's '{' stands, so an unterminated group is reported there.
  void parse_settings(LibconfigValue& group, int depth, char closing, int open_line) {
    while (true) {
      skip_blanks();
      if (at_end()) {
        if (closing != 0) fail_at(open_line, "unterminated group");
        return;
      }
      if (peek() == closing) {
        ++position_;
        return;
      }
      const int line = line_;
      const std::string name = read_word();
      if (name.empty()) fail("expected a setting name");
      skip_blanks();
      if (at_end() || (peek() != '=' && peek() != ':')) fail("expected '=' or ':' after a setting name");
      ++position_;
      LibconfigValue value = parse_value(depth + 1);
      value.key_line = line;
      group.members.push_back({name, std::move(value)});
      skip_blanks();
      if (!at_end() && (peek() == ';' || peek() == ',')) ++position_;
    }
  }

  LibconfigValue parse_value(int depth) {
    if (depth > max_block_depth) fail("nesting too deep");
    skip_blanks();
    if (at_end()) fail("expected a value");
    LibconfigValue value;
    value.line = line_;
    value.column = column();
    const char c = peek();
    if (c == '{') {
      ++position_;
      value.is_group = true;
      parse_settings(value, depth, '}', value.line);
    } else if (c == '(' || c == '[') {
      ++position_;
      const char closing = c == '(' ? ')' : ']';
      while (true) {
        skip_blanks();
        if (at_end()) fail_at(value.line, "unterminated list");
        if (peek() == closing) {
          ++position_;
          break;
        }
        value.items.push_back(parse_value(depth + 1));
        skip_blanks();
        if (!at_end() && peek() == ',') ++position_;
      }
    } else if (c == '"') {
      while (!at_end() && peek() == '"') {  // adjacent strings are concatenated
        value.scalar += read_string();
        skip_blanks();
      }
    } else {
      value.scalar = read_word();
      if (value.scalar.empty()) fail("unexpected character");
    }
    return value;
  }

  std::string read_string() {
    ++position_;  // opening quote
    std::string value;
    while (!at_end() && peek() != '"') {
      if (peek() == '\n') fail("newline in a string");
      if (peek() == '\\' && position_ + 1 < text_.size()) ++position_;
      value += text_[position_++];
    }
    if (at_end()) fail("unterminated string");
    ++position_;
    return value;
  }

  // Names, numbers (incl. 0x.., 1.5e3, 100L) and booleans.
  std::string read_word() {
    const std::size_t start = position_;
    while (!at_end()) {
      const char c = peek();
      const bool word_char = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' ||
                             c == '-' || c == '+' || c == '.' || c == '*';
      if (!word_char) break;
      ++position_;
    }
    return std::string(text_.substr(start, position_ - start));
  }

  // Blanks, newlines and the three comment styles (#, //, /* */).
  void skip_blanks() {
    while (!at_end()) {
      const char c = peek();
      if (c == '\n') {
        ++line_;
        line_start_ = ++position_;
      } else if (c == ' ' || c == '\t' || c == '\r') {
        ++position_;
      } else if (c == '#' || text_.substr(position_, 2) == "//") {
        while (!at_end() && peek() != '\n') ++position_;
      } else if (text_.substr(position_, 2) == "/*") {
        position_ += 2;
        while (!at_end() && text_.substr(position_, 2) != "*/") {
          if (peek() == '\n') {
            ++line_;
            line_start_ = position_ + 1;
          }
          ++position_;
        }
        if (at_end()) fail("unterminated comment");
        position_ += 2;
      } else {
        return;
      }
    }
  }

  [[noreturn]] void fail(const std::string& message) const { fail_at(line_, message); }
  [[noreturn]] static void fail_at(int line, const std::string& message) { throw ConfigSyntaxError{line, message}; }
  bool at_end() const { return position_ >= text_.size(); }
  char peek() const { return text_[position_]; }
  int column() const { return static_cast<int>(position_ - line_start_) + 1; }

  std::string_view text_;
  std::size_t position_ = 0;
  std::size_t line_start_ = 0;
  int line_ = 1;
};

// "0.0.0.0:6033;/tmp/proxysql.sock": the first TCP port.
std::optional<int> first_interface_port(std::string_view interfaces) {
  for (const std::string& interface : split(interfaces, ';')) {
    if (trim(interface).empty() || trim(interface).front() == '/') continue;  // a Unix socket
    const auto colon = interface.rfind(':');
    if (colon == std::string::npos) continue;
    if (const auto port = parse_port(std::string_view(interface).substr(colon + 1))) return port;
  }
  return std::nullopt;
}

std::vector<ProxyFacts> read_proxysql(std::string_view text, const std::string& path, std::vector<Warning>& warnings,
                                      const ProxyKind& kind) {
  ProxyFacts proxy = new_proxy(kind.kind, path);
  proxy.listen_port = kind.default_listen_port;
  LibconfigValue root;
  try {
    LibconfigParser(text).parse(root);
  } catch (const ConfigSyntaxError& error) {
    warnings.push_back({{path, error.line, 0}, "proxysql: " + error.message + "; the rest of the file is not read"});
  }
  if (const LibconfigValue* variables = root.member("mysql_variables")) {
    if (const LibconfigValue* interfaces = variables->member("interfaces")) {
      if (const auto port = first_interface_port(interfaces->scalar)) proxy.listen_port = *port;
    }
  }
  if (const LibconfigValue* servers = root.member("mysql_servers")) {
    proxy.location = {path, servers->key_line, 0};
    for (const LibconfigValue& server : servers->items) {
      const LibconfigValue* address = server.member("address");
      if (address == nullptr) address = server.member("hostname");
      if (address == nullptr) continue;
      ProxyBackend backend;
      backend.database = "*";  // ProxySQL forwards every schema
      backend.host = address->scalar;
      const LibconfigValue* port = server.member("port");
      backend.port = port ? parse_port(port->scalar).value_or(kind.default_backend_port) : kind.default_backend_port;
      backend.location = {path, server.line, server.column};
      proxy.backends.push_back(std::move(backend));
    }
  }
  return {proxy};
}

// ---- odyssey.conf -------------------------------------------------------------------------

// `name arg "arg" ... { statements }`: one statement per line, blocks in braces.
struct OdysseyStatement {
  std::string name;
  std::vector<std::string> arguments;
  std::vector<OdysseyStatement> block;
  int line = 0;
  int column = 0;

  const OdysseyStatement* find(std::string_view statement) const {
    for (const OdysseyStatement& child : block) {
      if (child.name == statement) return &child;
    }
    return nullptr;
  }
  std::string argument(std::string_view statement) const {
    const OdysseyStatement* found = find(statement);
    return found && !found->arguments.empty() ? found->arguments.front() : std::string();
  }
};

class OdysseyParser {
 public:
  explicit OdysseyParser(std::string_view text) : text_(text) {}

  void parse(OdysseyStatement& root) { parse_block(root, 0, false); }

 private:
  void parse_block(OdysseyStatement& parent, int depth, bool braced) {
    if (depth > max_block_depth) throw ConfigSyntaxError{line_, "nesting too deep"};
    while (true) {
      skip_blanks(true);
      if (at_end()) {
        if (braced) throw ConfigSyntaxError{line_, "unterminated block"};
        return;
      }
      if (peek() == '}') {
        if (!braced) throw ConfigSyntaxError{line_, "unexpected '}'"};
        ++position_;
        return;
      }
      OdysseyStatement statement;
      statement.line = line_;
      statement.column = static_cast<int>(position_ - line_start_) + 1;
      statement.name = read_token();
      while (true) {
        skip_blanks(false);
        if (at_end() || peek() == '\n' || peek() == '}') break;
        if (peek() == '{') {
          ++position_;
          parse_block(statement, depth + 1, true);
          break;
        }
        statement.arguments.push_back(read_token());
      }
      parent.block.push_back(std::move(statement));
    }
  }

  std::string read_token() {
    std::string token;
    if (peek() == '"') {
      ++position_;
      while (!at_end() && peek() != '"' && peek() != '\n') {
        if (peek() == '\\' && position_ + 1 < text_.size()) ++position_;
        token += text_[position_++];
      }
      if (at_end() || peek() != '"') throw ConfigSyntaxError{line_, "unterminated string"};
      ++position_;
      return token;
    }
    while (!at_end() && peek() != ' ' && peek() != '\t' && peek() != '\r' && peek() != '\n' && peek() != '{' && peek() != '}' &&
           peek() != '"' && peek() != '#') {
      token += text_[position_++];
    }
    if (token.empty()) throw ConfigSyntaxError{line_, "unexpected character"};
    return token;
  }

  void skip_blanks(bool newlines) {
    while (!at_end()) {
      const char c = peek();
      if (c == '#') {
        while (!at_end() && peek() != '\n') ++position_;
      } else if (c == ' ' || c == '\t' || c == '\r') {
        ++position_;
      } else if (c == '\n' && newlines) {
        ++line_;
        line_start_ = ++position_;
      } else {
        return;
      }
    }
  }

  bool at_end() const { return position_ >= text_.size(); }
  char peek() const { return text_[position_]; }

  std::string_view text_;
  std::size_t position_ = 0;
  std::size_t line_start_ = 0;
  int line_ = 1;
};

std::vector<ProxyFacts> read_odyssey(std::string_view text, const std::string& path, std::vector<Warning>& warnings,
                                     const ProxyKind& kind) {
  ProxyFacts proxy = new_proxy(kind.kind, path);
  proxy.listen_port = kind.default_listen_port;
  OdysseyStatement root;
  try {
    OdysseyParser(text).parse(root);
  } catch (const ConfigSyntaxError& error) {
    warnings.push_back({{path, error.line, 0}, "odyssey: " + error.message + "; the rest of the file is not read"});
  }
  std::map<std::string, const OdysseyStatement*> storages;
  for (const OdysseyStatement& statement : root.block) {
    if (statement.name == "listen" && proxy.listen_port == kind.default_listen_port) {
      if (const auto port = parse_port(statement.argument("port"))) proxy.listen_port = *port;
    }
    if (statement.name == "storage" && !statement.arguments.empty()) storages[statement.arguments.front()] = &statement;
  }
  bool located = false;
  for (const OdysseyStatement& database : root.block) {
    if (database.name != "database" || database.arguments.empty()) continue;
    const std::string database_name = database.arguments.front() == "default" ? "*" : database.arguments.front();
    for (const OdysseyStatement& user : database.block) {
      const OdysseyStatement* storage_reference = user.name == "user" ? user.find("storage") : nullptr;
      if (storage_reference == nullptr || storage_reference->arguments.empty()) continue;
      const auto storage = storages.find(storage_reference->arguments.front());
      if (storage == storages.end() || storage->second->argument("type") != "remote") continue;  // "local" = the admin console
      // host "a:5432,b" lists several servers (newer Odyssey); `port` applies to those without one.
      const int storage_port = parse_port(storage->second->argument("port")).value_or(kind.default_backend_port);
      std::string server_database = user.argument("storage_db");
      if (server_database == database_name) server_database.clear();
      for (const std::string& address : split(storage->second->argument("host"), ',')) {
        ProxyBackend backend;
        backend.database = database_name;
        auto [host, port] = split_host_port(address);
        backend.host = std::move(host);
        backend.port = port == 0 ? storage_port : port;
        backend.server_database = server_database;
        backend.location = {path, storage_reference->line, storage_reference->column};
        const bool duplicate = std::any_of(proxy.backends.begin(), proxy.backends.end(), [&](const ProxyBackend& known) {
          return known.database == backend.database && known.host == backend.host && known.port == backend.port &&
                 known.server_database == backend.server_database;
        });
        if (duplicate) continue;  // several users of one database route to the same server
        if (!located) proxy.location = {path, database.line, database.column};
        located = true;
        proxy.backends.push_back(std::move(backend));
      }
    }
  }
  return {proxy};
}

// ---- mcrouter JSON ------------------------------------------------------------------------

// nlohmann keeps no positions: a server's line is found by searching its quoted text after
// the previous match (best effort; duplicates then point at successive occurrences).
class TextCursor {
 public:
  TextCursor(std::string_view text, const std::string& path) : text_(text), path_(path) {}

  SourceLocation find_quoted(const std::string& value) {
    const std::string quoted = "\"" + value + "\"";
    const std::size_t found = text_.find(quoted, position_);
    if (found == std::string_view::npos) return {path_, 1, 0};
    position_ = found + quoted.size();
    return {path_, config_support::line_of_offset(text_, found), config_support::column_of_offset(text_, found)};
  }

 private:
  std::string_view text_;
  const std::string& path_;
  std::size_t position_ = 0;
};

std::vector<ProxyFacts> read_mcrouter(std::string_view text, const std::string& path, std::vector<Warning>& warnings,
                                      const ProxyKind& kind) {
  ProxyFacts proxy = new_proxy(kind.kind, path);
  proxy.listen_port = kind.default_listen_port;  // set on the command line (-p), never in the file
  nlohmann::json root;
  try {
    root = nlohmann::json::parse(text, nullptr, true, /*ignore_comments=*/true);
  } catch (const nlohmann::json::parse_error& error) {
    const int line = config_support::line_of_offset(text, error.byte == 0 ? 0 : error.byte - 1);  // byte is 1-based
    warnings.push_back({{path, line, 0}, "mcrouter: invalid JSON"});
    return {proxy};
  }
  if (!root.is_object() || !root.contains("pools") || !root["pools"].is_object()) return {proxy};
  TextCursor cursor(text, path);
  proxy.location = cursor.find_quoted("pools");
  for (const auto& [pool_name, pool] : root["pools"].items()) {
    cursor.find_quoted(pool_name);
    if (!pool.is_object() || !pool.contains("servers") || !pool["servers"].is_array()) continue;
    for (const auto& server : pool["servers"]) {
      if (!server.is_string()) continue;
      const std::string address = server.get<std::string>();
      ProxyBackend backend;
      auto [host, port] = split_host_port(address);
      backend.host = std::move(host);
      backend.port = port == 0 ? kind.default_backend_port : port;
      backend.location = cursor.find_quoted(address);
      proxy.backends.push_back(std::move(backend));
    }
  }
  return {proxy};
}

// ---- twemproxy / nutcracker YAML ----------------------------------------------------------

std::vector<ProxyFacts> read_twemproxy(std::string_view text, const std::string& path, std::vector<Warning>& warnings,
                                       const ProxyKind& kind) {
  std::vector<ProxyFacts> pools;
  YAML::Node root;
  try {
    root = YAML::Load(std::string(text));
  } catch (const YAML::Exception& error) {
    warnings.push_back({{path, error.mark.is_null() ? 0 : error.mark.line + 1, 0}, "twemproxy: invalid YAML"});
    return pools;
  }
  const auto location_of = [&](const YAML::Node& node) -> SourceLocation {
    if (node.Mark().is_null()) return {path, 1, 0};
    return {path, node.Mark().line + 1, node.Mark().column + 1};
  };
  const auto scalar_of = [](const YAML::Node& node) {
    return node.IsDefined() && node.IsScalar() ? node.Scalar() : std::string();
  };
  if (!root.IsDefined() || !root.IsMap()) return pools;
  for (const auto& item : root) {  // every top-level key is a pool
    if (!item.second.IsMap()) continue;
    ProxyFacts proxy = new_proxy(kind.kind, path);
    proxy.location = location_of(item.first);
    const YAML::Node& pool = item.second;
    proxy.listen_port = split_host_port(scalar_of(pool["listen"])).second;
    if (proxy.listen_port == 0) proxy.listen_port = kind.default_listen_port;  // unset, or a Unix socket
    const bool redis = scalar_of(pool["redis"]) == "true";
    const YAML::Node servers = pool["servers"];
    if (servers.IsDefined() && servers.IsSequence()) {
      for (const auto& server : servers) {
        const std::string address = scalar_of(server);
        if (address.empty() || address.front() == '/') continue;  // a Unix socket: no network server
        ProxyBackend backend;
        auto [host, port] = split_host_port(address);
        backend.host = std::move(host);
        backend.port = port != 0 ? port : (redis ? redis_default_port : kind.default_backend_port);
        backend.location = location_of(server);
        proxy.backends.push_back(std::move(backend));
      }
    }
    pools.push_back(std::move(proxy));
  }
  return pools;
}

// ---- dispatch -----------------------------------------------------------------------------

using ProxyReader = std::vector<ProxyFacts> (*)(std::string_view, const std::string&, std::vector<Warning>&, const ProxyKind&);
struct ProxyReaderEntry {
  std::string_view kind;
  ProxyReader read;
};
const std::array proxy_readers = {
    ProxyReaderEntry{"mcrouter", &read_mcrouter},   ProxyReaderEntry{"odyssey", &read_odyssey},
    ProxyReaderEntry{"pgbouncer", &read_pgbouncer}, ProxyReaderEntry{"pgpool", &read_pgpool},
    ProxyReaderEntry{"proxysql", &read_proxysql},   ProxyReaderEntry{"twemproxy", &read_twemproxy},
};

}  // namespace

bool is_proxy_config_name(std::string_view file_name) { return !kind_of_file(file_name).empty(); }

int default_proxy_listen_port(std::string_view kind) {
  const ProxyKind* found = kind_named(kind);
  return found ? found->default_listen_port : 0;
}

std::vector<ProxyFacts> read_proxy_config(std::string_view text, const std::string& path, std::vector<Warning>& warnings) {
  const std::string_view kind_name = kind_of_file(path);
  const ProxyKind* kind = kind_named(kind_name);
  const auto reader = std::find_if(proxy_readers.begin(), proxy_readers.end(),
                                   [&](const ProxyReaderEntry& entry) { return entry.kind == kind_name; });
  if (kind == nullptr || reader == proxy_readers.end()) return {};
  try {
    return reader->read(config_support::without_byte_order_mark(text), path, warnings, *kind);
  } catch (...) {  // a reader bug or odd input must never stop the scan
    warnings.push_back({{path, 0, 0}, std::string(kind_name) + ": the file could not be read"});
    return {};
  }
}

}  // namespace dbsilo
