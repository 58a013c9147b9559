// The language server's dispatch, driven with JSON messages over a copy of the protocol fixture.
#include "scanner/lsp/server.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <fstream>

#include "scanner/lsp/positions.h"

namespace dbsilo::lsp {
namespace {

using nlohmann::json;

const std::string kQueries = "orders/src/main/java/shop/orders/OrderQueries.java";
const std::string kMigration = "users/src/main/resources/db/migration/V1__users.sql";

std::string read_text(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  return std::string((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
}

class ServerTest : public ::testing::Test {
 protected:
  void SetUp() override {
    root_ = std::filesystem::temp_directory_path() /
            ("dbsilo-lsp-" + std::to_string(::getpid()) + "-" + ::testing::UnitTest::GetInstance()->current_test_info()->name());
    std::filesystem::remove_all(root_);
    std::filesystem::copy(std::filesystem::path(DBSILO_SOURCE_DIR) / "tests/lsp/fixture", root_, std::filesystem::copy_options::recursive);
    server_ = std::make_unique<Server>(
        ServerOptions{"test", {}, {}, {}, false}, [this](const json& message) { sent_.push_back(message); },
        [this](const ScanOptions& options, unsigned generation) { collections_.emplace_back(options, generation); });
  }
  void TearDown() override { std::filesystem::remove_all(root_); }

  std::string uri(const std::string& relative) const { return path_to_uri((root_ / relative).string()); }

  // Sends a request and returns the response to it.
  json call(const std::string& method, json params) {
    const int id = next_id_++;
    server_->handle({{"jsonrpc", "2.0"}, {"id", id}, {"method", method}, {"params", std::move(params)}});
    for (const auto& message : sent_) {
      if (message.contains("id") && message["id"] == id && !message.contains("method")) return message;
    }
    ADD_FAILURE() << "no response to " << method;
    return {};
  }
  void notify(const std::string& method, json params) { server_->handle({{"jsonrpc", "2.0"}, {"method", method}, {"params", std::move(params)}}); }

  // initialize + initialized, then runs the requested collection the way the background thread would.
  void start() {
    call("initialize", {{"processId", nullptr}, {"rootUri", path_to_uri(root_.string())}, {"capabilities", json::object()}});
    notify("initialized", json::object());
    finish_collections();
  }
  void finish_collections() {
    auto pending = std::exchange(collections_, {});
    for (const auto& [options, generation] : pending) server_->facts_collected(options.root, generation, collect_facts(options));
    server_->publish_pending();
  }

  // Diagnostics published for `relative` since the last call to take_published().
  std::vector<json> published_for(const std::string& relative) const {
    std::vector<json> lists;
    for (const auto& message : sent_) {
      if (message.value("method", "") == "textDocument/publishDiagnostics" && message["params"]["uri"] == uri(relative)) {
        lists.push_back(message["params"]["diagnostics"]);
      }
    }
    return lists;
  }
  std::size_t publish_count() const {
    return static_cast<std::size_t>(std::count_if(sent_.begin(), sent_.end(), [](const json& message) {
      return message.value("method", "") == "textDocument/publishDiagnostics";
    }));
  }

  void open(const std::string& relative) {
    notify("textDocument/didOpen",
           {{"textDocument", {{"uri", uri(relative)}, {"languageId", "java"}, {"version", 1}, {"text", read_text(root_ / relative)}}}});
  }

  std::filesystem::path root_;
  std::unique_ptr<Server> server_;
  std::vector<json> sent_;
  std::vector<std::pair<ScanOptions, unsigned>> collections_;
  int next_id_ = 1;
};

TEST_F(ServerTest, InitializeAnnouncesUtf16IncrementalSyncAndCommands) {
  const json response = call("initialize", {{"rootUri", path_to_uri(root_.string())}, {"capabilities", json::object()}});
  const json& capabilities = response["result"]["capabilities"];
  EXPECT_EQ(capabilities["positionEncoding"], "utf-16");
  EXPECT_EQ(capabilities["textDocumentSync"]["change"], 2);
  EXPECT_EQ(capabilities["executeCommandProvider"]["commands"], json::array({"dbsilo.server.rescan", "dbsilo.server.showRuleDoc"}));
  EXPECT_EQ(response["result"]["serverInfo"]["name"], "dbsilo");
  ASSERT_EQ(collections_.size(), 1u);  // the folder is read in the background from the start
  EXPECT_EQ(collections_[0].first.root, root_);
  EXPECT_EQ(call("initialize", json::object())["error"]["code"], -32600);
}

TEST_F(ServerTest, RequestsBeforeInitializeAreRefused) {
  EXPECT_EQ(call("shutdown", nullptr)["error"]["code"], -32002);
}

TEST_F(ServerTest, CrossServiceDiagnosticCarriesRuleDocAndTheOwnersSide) {
  start();
  const auto lists = published_for(kQueries);
  ASSERT_EQ(lists.size(), 1u);
  ASSERT_EQ(lists[0].size(), 1u);
  const json& diagnostic = lists[0][0];
  EXPECT_EQ(diagnostic["code"], "foreign-table-access");
  EXPECT_EQ(diagnostic["source"], "dbsilo");
  EXPECT_EQ(diagnostic["severity"], 1);
  EXPECT_EQ(diagnostic["codeDescription"]["href"], "https://github.com/dbsilo/dbsilo/blob/main/rules/foreign-table-access.md");
  EXPECT_NE(diagnostic["message"].get<std::string>().find("orders reads users's table users"), std::string::npos);
  // Byte column 75 on a line holding "ü" (2 bytes, 1 unit) and "😀" (4 bytes, 2 units) before it.
  EXPECT_EQ(diagnostic["range"]["start"], json({{"line", 12}, {"character", 71}}));
  EXPECT_EQ(diagnostic["range"]["end"]["line"], 12);
  ASSERT_EQ(diagnostic["relatedInformation"].size(), 1u);
  EXPECT_EQ(diagnostic["relatedInformation"][0]["location"]["uri"], uri(kMigration));
  EXPECT_EQ(diagnostic["relatedInformation"][0]["location"]["range"]["start"], json({{"line", 0}, {"character", 0}}));
  // The migration has no diagnostics of its own: nothing is published for it.
  EXPECT_TRUE(published_for(kMigration).empty());
  // The status notification counts the finding.
  const auto status = std::find_if(sent_.rbegin(), sent_.rend(), [](const json& m) { return m.value("method", "") == "dbsilo/status"; });
  ASSERT_NE(status, sent_.rend());
  EXPECT_EQ((*status)["params"], json({{"state", "ready"}, {"findings", 1}, {"folders", 1}}));
}

TEST_F(ServerTest, EditingTheBufferClearsAndRestoresTheDiagnostic) {
  start();
  open(kQueries);
  server_->publish_pending();
  const std::size_t before = publish_count();
  EXPECT_EQ(before, 1u);  // opening an unchanged file republishes nothing
  // Incremental edit: "users" -> "purchases" in the query (a table no other service owns).
  const std::string line = std::string(line_text(read_text(root_ / kQueries), 12));
  const std::size_t at = line.find("FROM users") + 5;
  const int character = utf16_length(line, at);
  notify("textDocument/didChange", {{"textDocument", {{"uri", uri(kQueries)}, {"version", 2}}},
                                    {"contentChanges", {{{"range", {{"start", {{"line", 12}, {"character", character}}}, {"end", {{"line", 12}, {"character", character + 5}}}}},
                                                         {"text", "purchases"}}}}});
  server_->publish_pending();
  auto lists = published_for(kQueries);
  ASSERT_EQ(lists.size(), 2u);
  EXPECT_TRUE(lists[1].empty());
  EXPECT_EQ(publish_count(), before + 1);  // no other file changed
  EXPECT_EQ(server_->finding_count(), 0u);
  // The disk still holds the violation; closing the buffer goes back to it.
  notify("textDocument/didClose", {{"textDocument", {{"uri", uri(kQueries)}}}});
  server_->publish_pending();
  lists = published_for(kQueries);
  ASSERT_EQ(lists.size(), 3u);
  EXPECT_EQ(lists[2].size(), 1u);
}

TEST_F(ServerTest, SuppressionCodeActionInsertsACommentThatSuppresses) {
  start();
  open(kQueries);
  const json diagnostic = published_for(kQueries).at(0).at(0);
  const json response = call("textDocument/codeAction", {{"textDocument", {{"uri", uri(kQueries)}}},
                                                         {"range", diagnostic["range"]},
                                                         {"context", {{"diagnostics", json::array({diagnostic})}}}});
  const json& actions = response["result"];
  ASSERT_EQ(actions.size(), 2u);
  EXPECT_EQ(actions[1]["command"]["command"], "dbsilo.server.showRuleDoc");
  EXPECT_EQ(actions[1]["command"]["arguments"], json::array({"foreign-table-access"}));
  const json& edit = actions[0]["edit"]["changes"][uri(kQueries)][0];
  EXPECT_EQ(edit["range"]["start"], json({{"line", 12}, {"character", 0}}));
  const std::string comment = edit["newText"];
  EXPECT_EQ(comment, "        // dbsilo-ignore foreign-table-access: TODO say why this is acceptable (ticket)\n");
  // Applying the edit as the editor would silences the finding.
  notify("textDocument/didChange", {{"textDocument", {{"uri", uri(kQueries)}, {"version", 2}}},
                                    {"contentChanges", {{{"range", edit["range"]}, {"text", comment}}}}});
  server_->publish_pending();
  EXPECT_TRUE(published_for(kQueries).back().empty());
}

TEST_F(ServerTest, ShowRuleDocReturnsTheEmbeddedPage) {
  start();
  const json response = call("workspace/executeCommand", {{"command", "dbsilo.server.showRuleDoc"}, {"arguments", {"foreign-table-access"}}});
  EXPECT_NE(response["result"]["markdown"].get<std::string>().find("foreign-table-access"), std::string::npos);
  EXPECT_EQ(call("workspace/executeCommand", {{"command", "dbsilo.server.showRuleDoc"}, {"arguments", {"no-such-rule"}}})["error"]["code"], -32602);
  EXPECT_EQ(call("workspace/executeCommand", {{"command", "nope"}})["error"]["code"], -32602);
}

TEST_F(ServerTest, WatchedFileChangesOnDiskAreReadAgain) {
  start();
  // The users service drops its table: the orders query no longer reads a foreign table.
  std::ofstream(root_ / kMigration, std::ios::trunc) << "CREATE TABLE accounts (id BIGINT PRIMARY KEY);\n";
  notify("workspace/didChangeWatchedFiles", {{"changes", {{{"uri", uri(kMigration)}, {"type", 2}}}}});
  server_->publish_pending();
  EXPECT_TRUE(published_for(kQueries).back().empty());
  // A created file needs the walk: a background collection is asked for.
  notify("workspace/didChangeWatchedFiles", {{"changes", {{{"uri", uri("orders/NEW.sql")}, {"type", 1}}}}});
  EXPECT_EQ(collections_.size(), 1u);
}

TEST_F(ServerTest, RescanSupersedesAndStaleCollectionsAreDropped) {
  call("initialize", {{"rootUri", path_to_uri(root_.string())}, {"capabilities", json::object()}});
  ASSERT_EQ(collections_.size(), 1u);
  call("workspace/executeCommand", {{"command", "dbsilo.server.rescan"}});
  EXPECT_EQ(collections_.size(), 1u);  // one collection at a time; the rescan runs after it
  const auto [options, generation] = collections_[0];
  server_->facts_collected(options.root, generation, collect_facts(options));
  ASSERT_EQ(collections_.size(), 2u);
  server_->facts_collected(options.root, generation, {});  // stale: ignored
  server_->publish_pending();
  EXPECT_EQ(published_for(kQueries).size(), 1u);
}

TEST_F(ServerTest, MalformedMessagesGetErrorsAndTheServerGoesOn) {
  server_->handle_body("{not json");
  server_->handle_body("[1,2]");
  server_->handle_body(R"({"jsonrpc":"2.0","id":{"x":1},"method":"initialize"})");
  server_->handle_body(R"({"jsonrpc":"2.0","id":5,"method":42})");
  server_->framing_error("header without Content-Length");
  ASSERT_EQ(sent_.size(), 5u);
  EXPECT_EQ(sent_[0]["error"]["code"], -32700);
  EXPECT_TRUE(sent_[0]["id"].is_null());
  EXPECT_EQ(sent_[1]["error"]["code"], -32600);
  EXPECT_EQ(sent_[2]["error"]["code"], -32600);
  EXPECT_EQ(sent_[3]["error"]["code"], -32600);
  EXPECT_EQ(sent_[3]["id"], 5);
  EXPECT_EQ(sent_[4]["error"]["code"], -32700);
  start();
  EXPECT_EQ(call("textDocument/codeAction", {{"textDocument", 7}})["error"]["code"], -32602);
  EXPECT_EQ(call("textDocument/hover", json::object())["error"]["code"], -32601);
  EXPECT_EQ(call("textDocument/codeAction", "string params")["error"]["code"], -32602);
  // A broken notification is logged, not answered, and breaks nothing.
  const std::size_t sent_before = sent_.size();
  notify("textDocument/didChange", {{"textDocument", {{"uri", uri(kQueries)}}}, {"contentChanges", {{{"text", "x"}}}}});  // not open
  notify("textDocument/didOpen", {{"textDocument", {{"uri", "untitled:1"}, {"text", ""}}}});
  ASSERT_EQ(sent_.size(), sent_before + 2);
  EXPECT_EQ(sent_.back()["method"], "window/logMessage");
  open(kQueries);
  notify("textDocument/didChange", {{"textDocument", {{"uri", uri(kQueries)}}},
                                    {"contentChanges", {{{"range", {{"start", {{"line", -1}, {"character", 0}}}, {"end", {{"line", 0}, {"character", 0}}}}}, {"text", "x"}}}}});
  server_->publish_pending();
  EXPECT_EQ(server_->finding_count(), 1u);  // the bad edit left the buffer as it was
  EXPECT_EQ(call("shutdown", nullptr)["result"], nullptr);
  EXPECT_FALSE(server_->exited());
  notify("exit", nullptr);
  EXPECT_TRUE(server_->exited());
  EXPECT_EQ(server_->exit_code(), 0);
}

TEST_F(ServerTest, ExitWithoutShutdownFails) {
  start();
  notify("exit", json::object());
  EXPECT_TRUE(server_->exited());
  EXPECT_EQ(server_->exit_code(), 1);
}

TEST_F(ServerTest, WorkspaceFoldersCanBeAddedAndRemoved) {
  call("initialize", {{"workspaceFolders", json::array()}, {"capabilities", json::object()}});
  EXPECT_TRUE(collections_.empty());
  notify("workspace/didChangeWorkspaceFolders", {{"event", {{"added", {{{"uri", path_to_uri(root_.string())}, {"name", "fixture"}}}}, {"removed", json::array()}}}});
  finish_collections();
  ASSERT_EQ(published_for(kQueries).size(), 1u);
  notify("workspace/didChangeWorkspaceFolders", {{"event", {{"added", json::array()}, {"removed", {{{"uri", path_to_uri(root_.string())}, {"name", "fixture"}}}}}}});
  ASSERT_EQ(published_for(kQueries).size(), 2u);
  EXPECT_TRUE(published_for(kQueries).back().empty());  // a removed folder's diagnostics are cleared
  EXPECT_EQ(server_->finding_count(), 0u);
}

}  // namespace
}  // namespace dbsilo::lsp
