// `dbsilo graph` and `scan --format html` end to end: golden DOT and Mermaid, Graphviz accepts the DOT,
// and headless Chromium renders the HTML page offline with the red edges where the findings are.
// Regenerate the golden files with DBSILO_UPDATE_GOLDEN=1 after an intended change, then review the diff.
#include <gtest/gtest.h>
#include <unistd.h>

#include <cstdlib>
#include <map>
#include <set>

#include "cli_support.h"

namespace dbsilo {
namespace {

using testing::run_dbsilo;
using testing::source_dir;


// The example is mapped from the source root so the paths in the output are stable.
testing::CommandResult map_of_shop(const std::string& arguments) {
  return run_dbsilo("graph examples/shop " + arguments, "cd " + source_dir().string() + " &&");
}

void check_golden(const std::string& format, const std::string& golden_name) {
  const auto golden_path = source_dir() / "tests" / "golden" / golden_name;
  const auto result = map_of_shop("--format " + format);
  ASSERT_EQ(result.exit_code, 0) << result.output;
  if (std::getenv("DBSILO_UPDATE_GOLDEN")) {
    std::ofstream(golden_path, std::ios::binary) << result.output;
    GTEST_SKIP() << "updated " << golden_path;
  }
  const std::string expected = testing::read_text(golden_path);
  ASSERT_FALSE(expected.empty()) << "missing golden file " << golden_path << " (run with DBSILO_UPDATE_GOLDEN=1)";
  EXPECT_EQ(expected, result.output) << testing::first_difference(expected, result.output);
}

bool has_command(const std::string& name) { return std::system(("command -v " + name + " >/dev/null 2>&1").c_str()) == 0; }

// A scratch folder per test, removed at the end.
class ScratchDir {
 public:
  explicit ScratchDir(const std::string& name)
      : path_(std::filesystem::temp_directory_path() / ("dbsilo-" + name + "-" + std::to_string(::getpid()))) {
    std::filesystem::remove_all(path_);
    std::filesystem::create_directories(path_);
  }
  ~ScratchDir() { std::filesystem::remove_all(path_); }
  const std::filesystem::path& path() const { return path_; }

 private:
  std::filesystem::path path_;
};

TEST(GraphGolden, DotOnShop) { check_golden("dot", "shop.dot"); }
TEST(GraphGolden, MermaidOnShop) { check_golden("mermaid", "shop.mmd"); }

TEST(GraphCommand, DotIsAcceptedByGraphviz) {
  if (!has_command("dot")) GTEST_SKIP() << "graphviz is not installed (scripts/setup.sh installs it)";
  ScratchDir scratch("graph-dot");
  const auto dot_file = scratch.path() / "shop.dot";
  const auto svg_file = scratch.path() / "shop.svg";
  const auto written = map_of_shop("--format dot --output " + dot_file.string());
  ASSERT_EQ(written.exit_code, 0) << written.output;
  const int status = std::system(("dot -Tsvg " + dot_file.string() + " -o " + svg_file.string()).c_str());
  EXPECT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 0) << "dot rejected " << dot_file;
  const std::string svg = testing::read_text(svg_file);
  EXPECT_NE(svg.find("<svg"), std::string::npos);
  EXPECT_NE(svg.find("stroke=\"#cc0000\""), std::string::npos) << "no red edge drawn";
  EXPECT_NE(svg.find("stroke=\"#999999\""), std::string::npos) << "no grey edge drawn";
}

TEST(GraphCommand, SameOutputEveryRun) {
  for (const char* format : {"dot", "mermaid", "html"}) {
    const auto first = map_of_shop(std::string("--format ") + format);
    const auto second = map_of_shop(std::string("--format ") + format);
    ASSERT_EQ(first.exit_code, 0) << first.output.substr(0, 2000);
    EXPECT_TRUE(first.output == second.output) << format;
  }
}

TEST(GraphCommand, ProfileAndIncludeTestsAreAccepted) {
  const auto result = map_of_shop("--format dot --profile prod --profile staging --include-tests");
  EXPECT_EQ(result.exit_code, 0) << result.output;
  EXPECT_EQ(result.output.rfind("// dbsilo service map", 0), 0u) << result.output;
}

TEST(GraphCommand, UsageAndInputErrorsExitTwo) {
  EXPECT_EQ(map_of_shop("--format svg").exit_code, 2);
  EXPECT_EQ(run_dbsilo("graph /nonexistent/dbsilo/path").exit_code, 2);
  EXPECT_EQ(map_of_shop("--output /nonexistent/dbsilo/dir/map.dot").exit_code, 2);
}

// What the page's viewer wrote into #rendered-summary after drawing, read back from the DOM.
struct RenderedMap {
  std::string dom;
  std::set<std::string> nodes;
  std::map<std::string, std::string> edge_colors;  // edge id -> computed line colour
  std::map<std::string, std::string> edge_rules;   // edge id -> rules shown on it
};

std::string html_unescaped(std::string text) {
  const std::pair<const char*, const char*> entities[] = {{"&lt;", "<"}, {"&gt;", ">"}, {"&quot;", "\""}, {"&#39;", "'"}, {"&amp;", "&"}};
  for (const auto& [entity, character] : entities) {
    for (std::size_t at = text.find(entity); at != std::string::npos; at = text.find(entity, at + 1)) {
      text.replace(at, std::string_view(entity).size(), character);
    }
  }
  return text;
}

// Loads the page in headless Chromium with the network off and no profile, and dumps the DOM
// after the virtual-time budget lets the scripts finish.
RenderedMap render(const std::filesystem::path& page, const std::string& fragment, const std::filesystem::path& profile) {
  const std::string url = "file://" + page.string() + (fragment.empty() ? "" : "#" + fragment);
  const std::string command = "timeout 120 chromium --headless --no-sandbox --disable-gpu --disable-background-networking "
                              "--disable-component-update --disable-sync --no-first-run --user-data-dir=" + profile.string() +
                              " --virtual-time-budget=5000 --dump-dom '" + url + "' 2>/dev/null";
  RenderedMap rendered;
  FILE* pipe = popen(command.c_str(), "r");
  if (!pipe) return rendered;
  std::array<char, 65536> buffer{};
  std::size_t read = 0;
  while ((read = fread(buffer.data(), 1, buffer.size(), pipe)) > 0) rendered.dom.append(buffer.data(), read);
  pclose(pipe);
  const std::string open = "<pre id=\"rendered-summary\" hidden=\"\">";
  const std::size_t start = rendered.dom.find(open);
  if (start == std::string::npos) return rendered;
  const std::size_t end = rendered.dom.find("</pre>", start);
  std::istringstream lines(html_unescaped(rendered.dom.substr(start + open.size(), end - start - open.size())));
  std::string line;
  while (std::getline(lines, line)) {
    if (line.rfind("node ", 0) == 0) rendered.nodes.insert(line.substr(5, line.find(" kind=") - 5));
    if (line.rfind("edge ", 0) != 0) continue;
    const std::size_t color = line.find(" color=");
    const std::size_t shown = line.find(" shown=");
    const std::size_t rules = line.find(" rules=");
    const std::string id = line.substr(5, color - 5);
    rendered.edge_colors[id] = line.substr(color + 7, shown - color - 7);
    rendered.edge_rules[id] = line.substr(rules + 7);
  }
  return rendered;
}

constexpr const char* kRed = "rgb(204,0,0)";
constexpr const char* kGrey = "rgb(153,153,153)";
const std::string kShopDb = "datastore:.|shop-db:5432";

class GraphBrowser : public ::testing::Test {
 protected:
  void SetUp() override {
    if (!has_command("chromium")) GTEST_SKIP() << "chromium is not installed (scripts/setup.sh installs it)";
    scratch_ = std::make_unique<ScratchDir>("graph-browser");
    page_ = scratch_->path() / "shop.html";
    const auto written = map_of_shop("--format html --output " + page_.string());
    ASSERT_EQ(written.exit_code, 0) << written.output;
  }

  RenderedMap render_page(const std::string& fragment = "") { return render(page_, fragment, scratch_->path() / "profile"); }

  std::unique_ptr<ScratchDir> scratch_;
  std::filesystem::path page_;
};

TEST_F(GraphBrowser, DrawsEveryNodeAndRedEdgesExactlyWhereTheFindingsAre) {
  RenderedMap map = render_page();
  ASSERT_FALSE(map.nodes.empty()) << "the page rendered no summary:\n" << map.dom.substr(0, 3000);
  EXPECT_EQ(map.nodes, (std::set<std::string>{"service:billing", "service:catalog", "service:orders", "service:users",
                                              "library:common-data", "datastore:.|catalog-db:27017", kShopDb}));
  EXPECT_NE(map.dom.find("data-rendered=\"true\""), std::string::npos);
  EXPECT_NE(map.dom.find("<canvas"), std::string::npos) << "cytoscape drew no canvas";
  const std::map<std::string, std::string> expected = {
      {"service:billing->" + kShopDb, kRed},
      {"service:catalog->datastore:.|catalog-db:27017", kGrey},
      {"service:orders->" + kShopDb, kRed},
      {"service:orders->library:common-data", kRed},
      {"service:users->" + kShopDb, kRed},
      {"service:users->library:common-data", kRed},
  };
  EXPECT_EQ(map.edge_colors, expected);
  EXPECT_EQ(map.edge_rules["service:users->" + kShopDb], "shared-database,shared-database-instance");
  EXPECT_EQ(map.edge_rules["service:orders->library:common-data"], "shared-connection-pool,shared-datasource-config");
}

TEST_F(GraphBrowser, AClickOnANodeListsItsFindingsWithFileAndLine) {
  RenderedMap map = render_page("select=service:users");
  const std::size_t details = map.dom.find("<div id=\"details\" data-selected=\"service:users\">");
  ASSERT_NE(details, std::string::npos) << map.dom.substr(0, 3000);
  const std::string listed = map.dom.substr(details, map.dom.find("</aside>", details) - details);
  EXPECT_NE(listed.find("<div class=\"loc\">docker-compose.yml:12:7</div>"), std::string::npos) << listed;
  EXPECT_NE(listed.find("<div class=\"loc\">libs/common-data/src/main/resources/common-data.yml:4:5</div>"), std::string::npos) << listed;
  EXPECT_EQ(listed.find("services/billing/src/main/resources/application.properties:3:1</div>"), std::string::npos)
      << "billing's login finding does not concern users:\n" << listed;
}

TEST_F(GraphBrowser, TheRuleFilterGreysEdgesOfUncheckedRules) {
  RenderedMap map = render_page("rules=shared-database");
  EXPECT_EQ(map.edge_colors["service:orders->" + kShopDb], kRed);
  EXPECT_EQ(map.edge_rules["service:orders->" + kShopDb], "shared-database");
  EXPECT_EQ(map.edge_colors["service:billing->" + kShopDb], kGrey);
  EXPECT_EQ(map.edge_colors["service:orders->library:common-data"], kGrey);
}

TEST_F(GraphBrowser, ScanReportPageHasTheMapAndEveryFinding) {
  const auto report = scratch_->path() / "report.html";
  const auto written = run_dbsilo("scan examples/shop --format html --output " + report.string(), "cd " + source_dir().string() + " &&");
  ASSERT_EQ(written.exit_code, 1) << written.output;  // findings, as with any format
  const auto json = run_dbsilo("scan examples/shop --format json", "cd " + source_dir().string() + " &&");
  std::size_t finding_count = 0;
  for (std::size_t at = json.output.find("\"fingerprint\""); at != std::string::npos; at = json.output.find("\"fingerprint\"", at + 1)) {
    ++finding_count;
  }
  const std::string page = testing::read_text(report);
  std::size_t rows = 0;
  for (std::size_t at = page.find("<tr data-rule="); at != std::string::npos; at = page.find("<tr data-rule=", at + 1)) ++rows;
  EXPECT_EQ(rows, finding_count);
  RenderedMap map = render(report, "", scratch_->path() / "profile");
  EXPECT_EQ(map.edge_colors["service:users->" + kShopDb], kRed) << map.dom.substr(0, 3000);
  EXPECT_EQ(map.edge_colors["service:catalog->datastore:.|catalog-db:27017"], kGrey);
}

}  // namespace
}  // namespace dbsilo
