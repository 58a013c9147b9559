// The language server's state and dispatch: JSON-RPC messages in, JSON-RPC messages out, no I/O.
#pragma once

#include <cstddef>
#include <filesystem>
#include <functional>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "scanner/resolve/code_model.h"
#include "scanner/scan/scan.h"

namespace dbsilo::lsp {

struct ServerOptions {
  std::string version;                      // serverInfo.version
  std::vector<std::string> profiles;        // as `scan --profile`
  std::vector<std::string> enabled_rules;   // as `scan --enable`
  std::vector<std::string> disabled_rules;  // as `scan --disable`
  bool include_tests = false;
  unsigned jobs = 0;                        // as `scan --jobs`, for collecting a folder's facts
  std::filesystem::path cache_dir;          // as `scan --cache`: an editor restart reads the tree's fact pack
};

// Asks for a workspace folder's facts to be collected off the message loop. The answer comes back
// through Server::facts_collected (or collection_failed) with the same root and generation.
using CollectRequest = std::function<void(const ScanOptions& options, unsigned generation)>;
// Sends one JSON-RPC message to the client.
using MessageSink = std::function<void(const nlohmann::json& message)>;

// Commands the server runs for workspace/executeCommand. Not `dbsilo.rescan`: vscode-languageclient
// registers server commands under their own name, which would clash with the extension's command.
inline constexpr std::string_view kRescanCommand = "dbsilo.server.rescan";
inline constexpr std::string_view kShowRuleDocCommand = "dbsilo.server.showRuleDoc";

class Server {
 public:
  Server(ServerOptions options, MessageSink send, CollectRequest collect);

  // One framed body: parsed, dispatched; malformed JSON gets a JSON-RPC error, never an exception.
  void handle_body(std::string_view body);
  void handle(const nlohmann::json& message);
  // A header the framing could not read: answered with a parse error.
  void framing_error(std::string_view error);

  // The background collection of a folder finished (stale generations are dropped).
  void facts_collected(const std::filesystem::path& root, unsigned generation, CollectedFacts collected);
  void collection_failed(const std::filesystem::path& root, unsigned generation, std::string_view error);

  // Re-extracts the files changed since the last call (open buffers win over the disk), reruns the
  // rules of their folders and republishes every file whose diagnostics changed.
  void publish_pending();

  bool exited() const { return exited_; }
  int exit_code() const { return shutdown_requested_ ? 0 : 1; }
  // Findings currently published, over all folders.
  std::size_t finding_count() const;

 private:
  struct OpenDocument {
    std::string uri;  // as the client sent it: diagnostics for the file go back under the same string
    std::string text;
    int version = 0;
  };
  struct Folder {
    std::filesystem::path root;
    unsigned generation = 0;
    bool collecting = false;
    bool collect_again = false;        // a rescan was asked for while one was running
    std::optional<std::vector<FileFacts>> files;  // sorted by path; empty until the first collection
    std::vector<Warning> collection_warnings;
    std::set<std::string> dirty_paths;  // relative paths to re-extract before the next analysis
    bool needs_analysis = false;
    std::map<std::string, std::string> disk_texts;            // relative path -> file text, for positions
    std::map<std::string, nlohmann::json> published;           // relative path -> diagnostics last sent
    std::size_t finding_count = 0;
    CodeUseCache code_cache;  // per-file analysis kept between edits: an edit reanalyses its own file's SQL only
  };

  void handle_request(const nlohmann::json& id, const std::string& method, const nlohmann::json& params);
  void handle_notification(const std::string& method, const nlohmann::json& params);
  nlohmann::json initialize(const nlohmann::json& params);
  void initialized();
  void did_open(const nlohmann::json& params);
  void did_change(const nlohmann::json& params);
  void did_close(const nlohmann::json& params);
  void did_change_watched_files(const nlohmann::json& params);
  void did_change_workspace_folders(const nlohmann::json& params);
  nlohmann::json code_actions(const nlohmann::json& params);
  nlohmann::json execute_command(const nlohmann::json& params);

  void add_folder(const std::filesystem::path& root);
  void start_collection(Folder& folder);
  Folder* folder_of(const std::string& absolute_path, std::string& relative_path);
  Folder* folder_at(const std::filesystem::path& root);
  void mark_dirty(const std::string& absolute_path);
  void reextract(Folder& folder, const std::string& relative_path);
  void analyze(Folder& folder);
  std::string_view text_of(Folder& folder, const std::string& relative_path);
  std::string uri_of(const Folder& folder, const std::string& relative_path) const;
  nlohmann::json range_of(Folder& folder, const SourceLocation& location);
  nlohmann::json diagnostic_of(Folder& folder, const Finding& finding);
  ScanOptions scan_options(const Folder& folder) const;

  void respond(const nlohmann::json& id, nlohmann::json result);
  void respond_error(const nlohmann::json& id, int code, std::string_view message);
  void notify(std::string_view method, nlohmann::json params);
  void request(std::string_view method, nlohmann::json params);
  void log(int type, std::string_view message);
  void send_status();

  ServerOptions options_;
  MessageSink send_;
  CollectRequest collect_;
  bool initialized_ = false;
  bool shutdown_requested_ = false;
  bool exited_ = false;
  bool client_shows_documents_ = false;
  bool client_registers_watchers_ = false;
  int next_request_id_ = 1;
  std::vector<Folder> folders_;
  std::map<std::string, OpenDocument> documents_;  // absolute path -> open buffer
  std::string last_status_;
};

}  // namespace dbsilo::lsp
