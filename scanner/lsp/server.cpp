// Language server dispatch: documents, workspace folders, diagnostics, code actions, commands.
#include "scanner/lsp/server.h"

#include <algorithm>
#include <fstream>
#include <iterator>

#include "dbsilo/rule.h"
#include "dbsilo/text.h"
#include "scanner/lsp/positions.h"
#include "scanner/report/printer.h"

namespace dbsilo::lsp {
namespace {

using nlohmann::json;

// JSON-RPC and LSP error codes.
constexpr int kParseError = -32700;
constexpr int kInvalidRequest = -32600;
constexpr int kMethodNotFound = -32601;
constexpr int kInvalidParams = -32602;
constexpr int kInternalError = -32603;
constexpr int kServerNotInitialized = -32002;

// LSP enums.
constexpr int kSeverityError = 1;
constexpr int kSeverityWarning = 2;
constexpr int kSeverityInformation = 3;
constexpr int kLogError = 1;
constexpr int kLogInfo = 3;
constexpr int kFileCreated = 1;
constexpr int kSyncIncremental = 2;

// Same limit as the scan: a bigger buffer is generated data, not worth re-extracting on each key.
constexpr std::size_t kMaxDocumentBytes = 8u << 20;

constexpr std::string_view kSource = "dbsilo";
constexpr std::string_view kReasonPlaceholder = "TODO say why this is acceptable (ticket)";

// Thrown for parameters that are missing or of the wrong type: answered with InvalidParams.
struct InvalidParams : std::runtime_error {
  using std::runtime_error::runtime_error;
};

const json& member(const json& object, std::string_view key) {
  if (!object.is_object()) throw InvalidParams("expected an object around '" + std::string(key) + "'");
  const auto found = object.find(key);
  if (found == object.end()) throw InvalidParams("missing '" + std::string(key) + "'");
  return *found;
}

std::string string_member(const json& object, std::string_view key) {
  const json& value = member(object, key);
  if (!value.is_string()) throw InvalidParams("'" + std::string(key) + "' is not a string");
  return value.get<std::string>();
}

int int_member(const json& object, std::string_view key) {
  const json& value = member(object, key);
  if (!value.is_number_integer()) throw InvalidParams("'" + std::string(key) + "' is not an integer");
  return value.get<int>();
}

std::filesystem::path normal_root(const std::filesystem::path& path) {
  std::filesystem::path normal = path.lexically_normal();
  if (normal.has_filename() || normal == normal.root_path()) return normal;
  return normal.parent_path();  // "/a/b/" -> "/a/b"
}

// The absolute path a document URI names; InvalidParams for anything but a file URI.
std::string document_path(const json& text_document) {
  const std::string uri = string_member(text_document, "uri");
  const std::string path = uri_to_path(uri);
  if (path.empty() || path.front() != '/') throw InvalidParams("not a file URI: " + uri);
  return std::filesystem::path(path).lexically_normal().string();
}

std::optional<std::string> read_disk_file(const std::filesystem::path& path) {
  std::error_code error;
  if (!std::filesystem::is_regular_file(path, error)) return std::nullopt;
  const auto size = std::filesystem::file_size(path, error);
  if (error || size > kMaxDocumentBytes) return std::nullopt;
  std::ifstream in(path, std::ios::binary);
  if (!in) return std::nullopt;
  return std::string((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
}

// A boolean client capability; absent or malformed means the client does not have it.
bool client_capability(const json& params, const json::json_pointer& pointer) {
  if (!params.contains(pointer)) return false;
  const json& value = params.at(pointer);
  return value.is_boolean() && value.get<bool>();
}

json position(int line, int character) { return {{"line", line}, {"character", character}}; }

// How a file's language writes the suppression comment; "" when it has no comments (JSON).
std::pair<std::string, std::string> comment_markers(const std::string& relative_path) {
  const std::string name = to_lower(file_name_of(relative_path));
  const auto ends_with_any = [&name](std::initializer_list<std::string_view> extensions) {
    return std::any_of(extensions.begin(), extensions.end(), [&name](std::string_view extension) { return name.ends_with(extension); });
  };
  if (ends_with_any({".java", ".kt", ".c", ".cc", ".cpp", ".cxx", ".h", ".hpp", ".js", ".ts", ".go", ".gradle", ".kts"})) return {"// ", ""};
  if (name.ends_with(".sql")) return {"-- ", ""};
  if (name.ends_with(".xml")) return {"<!-- ", " -->"};
  if (name.ends_with(".json")) return {"", ""};
  return {"# ", ""};  // properties, YAML, .env, Dockerfiles, CMake, compose
}

}  // namespace

Server::Server(ServerOptions options, MessageSink send, CollectRequest collect)
    : options_(std::move(options)), send_(std::move(send)), collect_(std::move(collect)) {}

// ---- messages ------------------------------------------------------------------------------

void Server::handle_body(std::string_view body) {
  json message = json::parse(body, nullptr, /*allow_exceptions=*/false);
  if (message.is_discarded()) {
    respond_error(nullptr, kParseError, "the message is not valid JSON");
    return;
  }
  handle(message);
}

void Server::framing_error(std::string_view error) { respond_error(nullptr, kParseError, "bad message header: " + std::string(error)); }

void Server::handle(const json& message) {
  if (!message.is_object()) {
    respond_error(nullptr, kInvalidRequest, "a message must be a JSON object");
    return;
  }
  const auto id = message.find("id");
  const bool has_id = id != message.end();
  if (has_id && !id->is_string() && !id->is_number_integer() && !id->is_null()) {
    respond_error(nullptr, kInvalidRequest, "'id' must be a string or an integer");
    return;
  }
  const auto method = message.find("method");
  if (method == message.end()) {
    // A response to one of our requests (registerCapability, showDocument): only failures matter.
    if (has_id && message.contains("error")) log(kLogError, "the client refused a request: " + message["error"].dump());
    if (has_id && (message.contains("result") || message.contains("error"))) return;
    respond_error(has_id ? *id : json(nullptr), kInvalidRequest, "a message needs a 'method' (or a result, as a response)");
    return;
  }
  if (!method->is_string()) {
    respond_error(has_id ? *id : json(nullptr), kInvalidRequest, "'method' must be a string");
    return;
  }
  // Omitted and null params are the same thing to clients (shutdown and exit carry none).
  const json params = message.contains("params") && !message["params"].is_null() ? message["params"] : json::object();
  const std::string name = method->get<std::string>();
  try {
    if (!params.is_object() && !params.is_array()) throw InvalidParams("'params' must be an object or an array");
    if (has_id) {
      handle_request(*id, name, params);
    } else {
      handle_notification(name, params);
    }
  } catch (const InvalidParams& error) {
    if (has_id) respond_error(*id, kInvalidParams, error.what());
    else log(kLogError, name + ": " + error.what());
  } catch (const json::exception& error) {
    if (has_id) respond_error(*id, kInvalidParams, error.what());
    else log(kLogError, name + ": " + error.what());
  } catch (const std::exception& error) {
    if (has_id) respond_error(*id, kInternalError, error.what());
    else log(kLogError, name + ": " + error.what());
  }
}

void Server::handle_request(const json& id, const std::string& method, const json& params) {
  if (method == "initialize") {
    if (initialized_) {
      respond_error(id, kInvalidRequest, "initialize was already received");
      return;
    }
    respond(id, initialize(params));
    return;
  }
  if (!initialized_) {
    respond_error(id, kServerNotInitialized, "the server is not initialized yet");
    return;
  }
  if (shutdown_requested_) {
    respond_error(id, kInvalidRequest, "the server is shutting down");
    return;
  }
  if (method == "shutdown") {
    shutdown_requested_ = true;
    respond(id, nullptr);
  } else if (method == "textDocument/codeAction") {
    respond(id, code_actions(params));
  } else if (method == "workspace/executeCommand") {
    respond(id, execute_command(params));
  } else {
    respond_error(id, kMethodNotFound, "dbsilo does not implement " + method);
  }
}

void Server::handle_notification(const std::string& method, const json& params) {
  if (method == "exit") {
    exited_ = true;
    return;
  }
  if (!initialized_ || shutdown_requested_) return;  // the protocol says to drop them
  if (method == "initialized") initialized();
  else if (method == "textDocument/didOpen") did_open(params);
  else if (method == "textDocument/didChange") did_change(params);
  else if (method == "textDocument/didClose") did_close(params);
  else if (method == "workspace/didChangeWatchedFiles") did_change_watched_files(params);
  else if (method == "workspace/didChangeWorkspaceFolders") did_change_workspace_folders(params);
  // didSave: the buffer already holds what was saved. $/cancelRequest, $/setTrace,
  // didChangeConfiguration and unknown notifications: nothing to do (the protocol says to ignore them).
}

// ---- lifecycle ------------------------------------------------------------------------------

json Server::initialize(const json& params) {
  if (!params.is_object()) throw InvalidParams("initialize needs an object");
  client_shows_documents_ = client_capability(params, "/capabilities/window/showDocument/support"_json_pointer);
  client_registers_watchers_ = client_capability(params, "/capabilities/workspace/didChangeWatchedFiles/dynamicRegistration"_json_pointer);
  std::vector<std::filesystem::path> roots;
  if (const auto folders = params.find("workspaceFolders"); folders != params.end() && folders->is_array()) {
    for (const auto& folder : *folders) roots.emplace_back(uri_to_path(string_member(folder, "uri")));
  } else if (const auto root_uri = params.find("rootUri"); root_uri != params.end() && root_uri->is_string()) {
    roots.emplace_back(uri_to_path(root_uri->get<std::string>()));
  } else if (const auto root_path = params.find("rootPath"); root_path != params.end() && root_path->is_string()) {
    roots.emplace_back(root_path->get<std::string>());
  }
  initialized_ = true;
  for (const auto& root : roots) {
    if (root.empty() || !root.is_absolute()) continue;
    add_folder(root);
  }
  return {{"capabilities",
           {{"positionEncoding", "utf-16"},
            {"textDocumentSync", {{"openClose", true}, {"change", kSyncIncremental}, {"save", {{"includeText", false}}}}},
            {"codeActionProvider", {{"codeActionKinds", {"quickfix"}}}},
            {"executeCommandProvider", {{"commands", {kRescanCommand, kShowRuleDocCommand}}}},
            {"workspace", {{"workspaceFolders", {{"supported", true}, {"changeNotifications", true}}}}}}},
          {"serverInfo", {{"name", "dbsilo"}, {"version", options_.version}}}};
}

void Server::initialized() {
  if (folders_.empty()) log(kLogInfo, "dbsilo: no workspace folder was given, so there is nothing to scan");
  if (client_registers_watchers_) {
    // Every file may matter (a compose file, a migration, a pom): watch them all and let
    // classify_file decide, as the scan does.
    request("client/registerCapability",
            {{"registrations",
              {{{"id", "dbsilo-watched-files"},
                {"method", "workspace/didChangeWatchedFiles"},
                {"registerOptions", {{"watchers", {{{"globPattern", "**/*"}}}}}}}}}});
  }
  send_status();
}

// ---- folders and collection -------------------------------------------------------------------

ScanOptions Server::scan_options(const Folder& folder) const {
  ScanOptions scan;
  scan.root = folder.root;
  scan.profiles = options_.profiles;
  scan.enabled_rules = options_.enabled_rules;
  scan.disabled_rules = options_.disabled_rules;
  scan.include_tests = options_.include_tests;
  scan.jobs = options_.jobs;
  scan.cache_dir = options_.cache_dir;
  return scan;
}

void Server::add_folder(const std::filesystem::path& root) {
  const std::filesystem::path normal = normal_root(root);
  if (folder_at(normal)) return;
  folders_.push_back({});
  folders_.back().root = normal;
  start_collection(folders_.back());
}

void Server::start_collection(Folder& folder) {
  if (folder.collecting) {
    folder.collect_again = true;
    return;
  }
  folder.collecting = true;
  folder.collect_again = false;
  ++folder.generation;
  collect_(scan_options(folder), folder.generation);
}

Server::Folder* Server::folder_at(const std::filesystem::path& root) {
  for (auto& folder : folders_) {
    if (folder.root == root) return &folder;
  }
  return nullptr;
}

Server::Folder* Server::folder_of(const std::string& absolute_path, std::string& relative_path) {
  Folder* best = nullptr;
  std::size_t best_length = 0;
  for (auto& folder : folders_) {
    const std::string root = folder.root.string();
    const std::string prefix = root.ends_with('/') ? root : root + "/";
    if (absolute_path.starts_with(prefix) && prefix.size() > best_length) {
      best = &folder;
      best_length = prefix.size();
    }
  }
  if (best) relative_path = absolute_path.substr(best_length);
  return best;
}

void Server::facts_collected(const std::filesystem::path& root, unsigned generation, CollectedFacts collected) {
  Folder* folder = folder_at(normal_root(root));
  if (!folder || folder->generation != generation) return;  // a removed folder or a superseded collection
  folder->collecting = false;
  folder->files = std::move(collected.files);
  folder->collection_warnings = std::move(collected.warnings);
  folder->disk_texts.clear();
  folder->needs_analysis = true;
  // Buffers the user is editing win over what was read from the disk.
  for (const auto& [path, document] : documents_) {
    std::string relative;
    if (folder_of(path, relative) == folder) folder->dirty_paths.insert(relative);
  }
  if (folder->collect_again) start_collection(*folder);
}

void Server::collection_failed(const std::filesystem::path& root, unsigned generation, std::string_view error) {
  Folder* folder = folder_at(normal_root(root));
  if (!folder || folder->generation != generation) return;
  folder->collecting = false;
  log(kLogError, "dbsilo: could not scan " + folder->root.string() + ": " + std::string(error));
  notify("window/showMessage", {{"type", kLogError}, {"message", "dbsilo could not scan " + folder->root.string() + ": " + std::string(error)}});
  if (folder->collect_again) start_collection(*folder);
  send_status();
}

void Server::did_change_workspace_folders(const json& params) {
  const json& event = member(params, "event");
  for (const auto& removed : member(event, "removed")) {
    const std::filesystem::path root = normal_root(uri_to_path(string_member(removed, "uri")));
    const auto found = std::find_if(folders_.begin(), folders_.end(), [&root](const Folder& folder) { return folder.root == root; });
    if (found == folders_.end()) continue;
    for (const auto& [relative, diagnostics] : found->published) {
      if (!diagnostics.empty()) notify("textDocument/publishDiagnostics", {{"uri", uri_of(*found, relative)}, {"diagnostics", json::array()}});
    }
    folders_.erase(found);
  }
  for (const auto& added : member(event, "added")) {
    const std::filesystem::path root(uri_to_path(string_member(added, "uri")));
    if (!root.empty() && root.is_absolute()) add_folder(root);
  }
  send_status();
}

// ---- documents --------------------------------------------------------------------------------

void Server::mark_dirty(const std::string& absolute_path) {
  std::string relative;
  if (Folder* folder = folder_of(absolute_path, relative)) {
    folder->dirty_paths.insert(relative);
    folder->disk_texts.erase(relative);
  }
}

void Server::did_open(const json& params) {
  const json& text_document = member(params, "textDocument");
  const std::string path = document_path(text_document);
  OpenDocument document;
  document.uri = string_member(text_document, "uri");
  document.text = string_member(text_document, "text");
  document.version = text_document.contains("version") ? int_member(text_document, "version") : 0;
  documents_[path] = std::move(document);
  mark_dirty(path);
}

void Server::did_change(const json& params) {
  const json& text_document = member(params, "textDocument");
  const std::string path = document_path(text_document);
  const auto found = documents_.find(path);
  if (found == documents_.end()) throw InvalidParams("didChange for a document that is not open: " + path);
  const json& changes = member(params, "contentChanges");
  if (!changes.is_array()) throw InvalidParams("'contentChanges' is not an array");
  // Validate every change before touching the buffer, so a bad one leaves the text as it was.
  for (const auto& change : changes) {
    (void)string_member(change, "text");
    if (change.contains("range")) {
      for (const char* end : {"start", "end"}) {
        const json& at = member(member(change, "range"), end);
        if (int_member(at, "line") < 0 || int_member(at, "character") < 0) throw InvalidParams("negative position");
      }
    }
  }
  std::string& text = found->second.text;
  for (const auto& change : changes) {
    const std::string replacement = string_member(change, "text");
    if (!change.contains("range")) {
      text = replacement;
      continue;
    }
    const json& range = change["range"];
    replace_range(text, range["start"]["line"].get<int>(), range["start"]["character"].get<int>(), range["end"]["line"].get<int>(),
                  range["end"]["character"].get<int>(), replacement);
  }
  if (text_document.contains("version") && text_document["version"].is_number_integer()) found->second.version = text_document["version"].get<int>();
  mark_dirty(path);
}

void Server::did_close(const json& params) {
  const std::string path = document_path(member(params, "textDocument"));
  if (documents_.erase(path) > 0) mark_dirty(path);  // back to what the disk holds
}

void Server::did_change_watched_files(const json& params) {
  const json& changes = member(params, "changes");
  if (!changes.is_array()) throw InvalidParams("'changes' is not an array");
  for (const auto& change : changes) {
    const std::string uri = string_member(change, "uri");
    const std::string path = uri_to_path(uri);
    std::string relative;
    Folder* folder = path.empty() ? nullptr : folder_of(std::filesystem::path(path).lexically_normal().string(), relative);
    if (!folder) continue;
    folder->disk_texts.erase(relative);
    const int type = int_member(change, "type");
    const std::string name = file_name_of(relative);
    // New files, and files that decide what is read at all, need the walk (.gitignore, ignore
    // globs, env_file references): a build writing target/classes/application.properties must
    // not count. Rescanning in the background costs seconds but never gives a wrong answer.
    if (type == kFileCreated || name == ".gitignore" || relative == "dbsilo.yaml" || relative == "dbsilo.yml") {
      start_collection(*folder);
      continue;
    }
    if (!folder->files) continue;  // the running collection reads it anyway
    const auto& files = *folder->files;
    const auto at = std::lower_bound(files.begin(), files.end(), relative, [](const FileFacts& file, const std::string& path) { return file.path < path; });
    const bool known = at != files.end() && at->path == relative;
    if (known) folder->dirty_paths.insert(relative);  // changed or deleted: read again, or dropped
  }
}

// ---- analysis ---------------------------------------------------------------------------------

void Server::reextract(Folder& folder, const std::string& relative_path) {
  auto& files = *folder.files;
  const auto at = std::lower_bound(files.begin(), files.end(), relative_path, [](const FileFacts& file, const std::string& path) { return file.path < path; });
  const bool present = at != files.end() && at->path == relative_path;
  const std::string absolute = (folder.root / relative_path).lexically_normal().string();
  std::optional<std::string> text;
  if (const auto open = documents_.find(absolute); open != documents_.end()) {
    if (open->second.text.size() <= kMaxDocumentBytes) text = open->second.text;
  } else {
    text = read_disk_file(folder.root / relative_path);
  }
  // A file the collection read keeps its kind (an env_file named by compose may have any name).
  const FileKind kind = present ? at->kind : classify_file(relative_path, options_.include_tests);
  if (!text || kind == FileKind::other) {
    if (present) files.erase(at);
    return;
  }
  FileFacts facts = extract_file(relative_path, kind, *text);
  if (present) {
    *at = std::move(facts);
  } else {
    files.insert(at, std::move(facts));
  }
}

void Server::publish_pending() {
  bool analyzed = false;
  for (auto& folder : folders_) {
    if (!folder.files || (folder.dirty_paths.empty() && !folder.needs_analysis)) continue;
    for (const auto& relative : folder.dirty_paths) reextract(folder, relative);
    folder.dirty_paths.clear();
    folder.needs_analysis = false;
    analyze(folder);
    analyzed = true;
  }
  if (analyzed) send_status();
}

std::string_view Server::text_of(Folder& folder, const std::string& relative_path) {
  const std::string absolute = (folder.root / relative_path).lexically_normal().string();
  if (const auto open = documents_.find(absolute); open != documents_.end()) return open->second.text;
  auto cached = folder.disk_texts.find(relative_path);
  if (cached == folder.disk_texts.end()) {
    cached = folder.disk_texts.emplace(relative_path, read_disk_file(folder.root / relative_path).value_or(std::string())).first;
  }
  return cached->second;
}

std::string Server::uri_of(const Folder& folder, const std::string& relative_path) const {
  const std::string absolute = (folder.root / relative_path).lexically_normal().string();
  if (const auto open = documents_.find(absolute); open != documents_.end()) return open->second.uri;
  return path_to_uri(absolute);
}

json Server::range_of(Folder& folder, const SourceLocation& location) {
  if (location.line <= 0) return {{"start", position(0, 0)}, {"end", position(0, 0)}};
  const int line_index = location.line - 1;
  const std::string_view line = line_text(text_of(folder, location.path), line_index);
  // From the finding's column (a byte offset) to the end of the line's code: the squiggle covers
  // the statement, not the trailing blanks. A whole-line location starts at the code.
  std::size_t leading = 0;
  while (leading < line.size() && (line[leading] == ' ' || line[leading] == '\t')) ++leading;
  const std::size_t first = location.column > 0 ? std::min(static_cast<std::size_t>(location.column - 1), line.size()) : leading;
  std::size_t last = line.size();
  while (last > first && (line[last - 1] == ' ' || line[last - 1] == '\t')) --last;
  return {{"start", position(line_index, utf16_length(line, first))}, {"end", position(line_index, utf16_length(line, last))}};
}

json Server::diagnostic_of(Folder& folder, const Finding& finding) {
  std::string message = finding.message;
  if (!finding.profile.empty()) message += " (profile " + finding.profile + ")";
  if (!finding.fix.empty()) message += "\nFix: " + finding.fix;
  const int severity = finding.severity == Severity::error     ? kSeverityError
                       : finding.severity == Severity::warning ? kSeverityWarning
                                                               : kSeverityInformation;
  json diagnostic = {{"range", range_of(folder, finding.location)},
                     {"severity", severity},
                     {"code", finding.rule},
                     {"codeDescription", {{"href", std::string(kRuleDocBaseUrl) + finding.rule + ".md"}}},
                     {"source", kSource},
                     {"message", message},
                     {"data", {{"fingerprint", finding.fingerprint}}}};
  if (!finding.related.empty()) {
    json related = json::array();
    for (const auto& other : finding.related) {
      related.push_back({{"location", {{"uri", uri_of(folder, other.location.path)}, {"range", range_of(folder, other.location)}}},
                         {"message", other.message.empty() ? std::string("the other side") : other.message}});
    }
    diagnostic["relatedInformation"] = std::move(related);
  }
  return diagnostic;
}

void Server::analyze(Folder& folder) {
  ScanResult result;
  try {
    result = analyze_facts(*folder.files, folder.collection_warnings, scan_options(folder), &folder.code_cache);
  } catch (const std::exception& error) {
    log(kLogError, "dbsilo: analysis of " + folder.root.string() + " failed: " + error.what());
    return;
  }
  std::map<std::string, json> diagnostics;
  for (const auto& finding : result.findings) {
    if (finding.location.path.empty()) continue;
    auto& list = diagnostics[finding.location.path];
    if (list.is_null()) list = json::array();
    list.push_back(diagnostic_of(folder, finding));
  }
  // Bad input with a place in a file (a suppression without a reason, broken YAML) shows there too.
  for (const auto& warning : result.warnings) {
    if (warning.location.path.empty() || warning.location.line <= 0) continue;
    auto& list = diagnostics[warning.location.path];
    if (list.is_null()) list = json::array();
    list.push_back({{"range", range_of(folder, warning.location)}, {"severity", kSeverityWarning}, {"source", kSource}, {"message", warning.message}});
  }
  for (const auto& [relative, previous] : folder.published) {
    if (!diagnostics.contains(relative) && !previous.empty()) {
      notify("textDocument/publishDiagnostics", {{"uri", uri_of(folder, relative)}, {"diagnostics", json::array()}});
    }
  }
  for (const auto& [relative, list] : diagnostics) {
    const auto previous = folder.published.find(relative);
    if (previous != folder.published.end() && previous->second == list) continue;
    notify("textDocument/publishDiagnostics", {{"uri", uri_of(folder, relative)}, {"diagnostics", list}});
  }
  folder.published = std::move(diagnostics);
  folder.finding_count = result.findings.size();
}

std::size_t Server::finding_count() const {
  std::size_t count = 0;
  for (const auto& folder : folders_) count += folder.finding_count;
  return count;
}

void Server::send_status() {
  const bool scanning = std::any_of(folders_.begin(), folders_.end(), [](const Folder& folder) { return folder.collecting || !folder.files; });
  json status = {{"state", scanning ? "scanning" : "ready"}, {"findings", finding_count()}, {"folders", folders_.size()}};
  if (status.dump() == last_status_) return;
  last_status_ = status.dump();
  notify("dbsilo/status", std::move(status));
}

// ---- code actions and commands -----------------------------------------------------------------

json Server::code_actions(const json& params) {
  const json& text_document = member(params, "textDocument");
  const std::string path = document_path(text_document);
  const std::string uri = string_member(text_document, "uri");
  const json& context = member(params, "context");
  const json& diagnostics = member(context, "diagnostics");
  if (!diagnostics.is_array()) throw InvalidParams("'diagnostics' is not an array");
  std::string relative;
  Folder* folder = folder_of(path, relative);
  json actions = json::array();
  std::set<std::string> documented;
  for (const auto& diagnostic : diagnostics) {
    if (!diagnostic.is_object() || diagnostic.value("source", "") != kSource) continue;
    const json code = diagnostic.value("code", json());
    if (!code.is_string() || !find_rule(code.get<std::string>())) continue;
    const std::string rule = code.get<std::string>();
    const int line = int_member(member(member(diagnostic, "range"), "start"), "line");
    const auto [open, close] = comment_markers(relative.empty() ? path : relative);
    if (folder && !open.empty() && line >= 0) {
      const std::string_view line_content = line_text(text_of(*folder, relative), line);
      const std::size_t code_start = line_content.find_first_not_of(" \t");
      const std::string indent(line_content.substr(0, code_start == std::string_view::npos ? line_content.size() : code_start));
      const std::string comment = indent + open + "dbsilo-ignore " + rule + ": " + std::string(kReasonPlaceholder) + close + "\n";
      actions.push_back({{"title", "Suppress " + rule + " here (dbsilo-ignore with a reason)"},
                         {"kind", "quickfix"},
                         {"diagnostics", json::array({diagnostic})},
                         {"edit", {{"changes", {{uri, json::array({{{"range", {{"start", position(line, 0)}, {"end", position(line, 0)}}}, {"newText", comment}}})}}}}}});
    }
    if (documented.insert(rule).second) {
      actions.push_back({{"title", "Show the documentation of " + rule},
                         {"kind", "quickfix"},
                         {"diagnostics", json::array({diagnostic})},
                         {"command", {{"title", "Show the documentation of " + rule}, {"command", kShowRuleDocCommand}, {"arguments", {rule}}}}});
    }
  }
  return actions;
}

json Server::execute_command(const json& params) {
  const std::string command = string_member(params, "command");
  if (command == kRescanCommand) {
    for (auto& folder : folders_) start_collection(folder);
    send_status();
    return nullptr;
  }
  if (command == kShowRuleDocCommand) {
    const json& arguments = member(params, "arguments");
    if (!arguments.is_array() || arguments.empty() || !arguments[0].is_string()) throw InvalidParams("showRuleDoc takes a rule id");
    const std::string rule = arguments[0].get<std::string>();
    const Rule* found = find_rule(rule);
    if (!found) throw InvalidParams("unknown rule '" + rule + "'");
    const std::string url = std::string(kRuleDocBaseUrl) + rule + ".md";
    if (client_shows_documents_) {
      request("window/showDocument", {{"uri", url}, {"external", true}});
    } else {
      notify("window/showMessage", {{"type", kLogInfo}, {"message", rule + ": " + std::string(found->info().summary) + " (" + url + ")"}});
    }
    // The embedded page too, for clients that render it themselves (and offline).
    return {{"rule", rule}, {"uri", url}, {"markdown", std::string(rule_doc(rule))}};
  }
  throw InvalidParams("unknown command '" + command + "'");
}

// ---- output -------------------------------------------------------------------------------------

void Server::respond(const json& id, json result) { send_({{"jsonrpc", "2.0"}, {"id", id}, {"result", std::move(result)}}); }

void Server::respond_error(const json& id, int code, std::string_view message) {
  send_({{"jsonrpc", "2.0"}, {"id", id}, {"error", {{"code", code}, {"message", message}}}});
}

void Server::notify(std::string_view method, json params) { send_({{"jsonrpc", "2.0"}, {"method", method}, {"params", std::move(params)}}); }

void Server::request(std::string_view method, json params) {
  send_({{"jsonrpc", "2.0"}, {"id", "dbsilo-" + std::to_string(next_request_id_++)}, {"method", method}, {"params", std::move(params)}});
}

void Server::log(int type, std::string_view message) { notify("window/logMessage", {{"type", type}, {"message", message}}); }

}  // namespace dbsilo::lsp
