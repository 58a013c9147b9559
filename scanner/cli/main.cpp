// dbsilo command line: `scan`, `explain`, `graph`, `lsp`. Exit 0 = clean, 1 = findings at or above --fail-on, 2 = error.
#include <CLI/CLI.hpp>
#include <malloc.h>
#include <unistd.h>

#include <cstdlib>
#include <fstream>
#include <iostream>

#include "dbsilo/rule.h"
#include "scanner/cli/extraction_flags.h"
#include "scanner/cli/graph_command.h"
#include "scanner/report/printer.h"
#include "scanner/scan/baseline.h"
#include "scanner/scan/fact_cache.h"
#include "scanner/cli/output.h"
#include "scanner/lsp/stdio.h"
#include "scanner/scan/scan.h"

namespace {

constexpr int kExitClean = 0;
constexpr int kExitFindings = 1;
constexpr int kExitError = 2;

bool use_color(const std::string& mode, bool to_terminal) {
  if (mode == "always") return true;
  if (mode == "never") return false;
  const char* no_color = std::getenv("NO_COLOR");
  return to_terminal && !(no_color && *no_color);
}

int explain(const std::string& rule_id) {
  if (rule_id.empty()) {
    for (const auto& rule : dbsilo::all_rules()) {
      std::cout << rule->info().id << "  (" << dbsilo::severity_name(rule->info().default_severity) << ")  " << rule->info().summary << "\n";
    }
    return kExitClean;
  }
  const std::string_view doc = dbsilo::rule_doc(rule_id);
  if (doc.empty()) {
    std::cerr << "dbsilo: unknown rule '" << rule_id << "'; known rules:\n";
    for (const auto& rule : dbsilo::all_rules()) std::cerr << "  " << rule->info().id << "\n";
    return kExitError;
  }
  std::cout << doc;
  return kExitClean;
}

struct ScanCommand {
  std::string path = ".";
  std::string format = "text";
  std::string output;
  std::string fail_on = "warning";
  std::string color = "auto";
  std::vector<std::string> profiles;
  std::vector<std::string> enable;
  std::vector<std::string> disable;
  bool include_tests = false;
  std::string changed_since;
  std::string baseline;
  std::string write_baseline;
  std::string compile_commands;
  dbsilo::ExtractionFlags extraction;
  std::vector<std::string> facts;  // --facts: shard files of `dbsilo facts` instead of reading the tree
  bool timings = false;            // --timings: phase times on stderr
};

// `dbsilo facts PATH --shard K/N -o FILE`: one shard's facts, for `scan --facts` to merge.
struct FactsCommand {
  std::string path = ".";
  std::string output;
  std::string shard = "1/1";
  bool include_tests = false;
  std::string compile_commands;
  dbsilo::ExtractionFlags extraction;
};

int facts(const FactsCommand& command) {
  dbsilo::ScanOptions options;
  options.root = command.path;
  options.include_tests = command.include_tests;
  options.compile_commands = command.compile_commands;
  dbsilo::apply_extraction_flags(command.extraction, options);
  const auto slash = command.shard.find('/');
  try {
    std::size_t used = 0;
    if (slash == std::string::npos) throw std::invalid_argument("no /");
    options.shard_index = static_cast<unsigned>(std::stoul(command.shard.substr(0, slash), &used));
    if (used != slash) throw std::invalid_argument("trailing");
    options.shard_count = static_cast<unsigned>(std::stoul(command.shard.substr(slash + 1), &used));
    if (used != command.shard.size() - slash - 1) throw std::invalid_argument("trailing");
  } catch (const std::exception&) {
    std::cerr << "dbsilo: --shard wants K/N (1 <= K <= N), got '" << command.shard << "'\n";
    return kExitError;
  }
  if (options.shard_count == 0 || options.shard_index < 1 || options.shard_index > options.shard_count) {
    std::cerr << "dbsilo: --shard wants K/N (1 <= K <= N), got '" << command.shard << "'\n";
    return kExitError;
  }
  try {
    const dbsilo::CollectedFacts collected = dbsilo::collect_facts(options);
    std::ofstream file_output;
    std::ostream* output = dbsilo::open_report_output(command.output, file_output);
    if (output == nullptr) return kExitError;
    // Invalid UTF-8 (a Latin-1 file's values) is written as U+FFFD, as every report format does.
    *output << dbsilo::shard_to_json(collected, options.shard_index, options.shard_count).dump(-1, ' ', false, nlohmann::json::error_handler_t::replace)
            << "\n";
    output->flush();
    if (!*output) {
      std::cerr << "dbsilo: cannot write " << (command.output.empty() ? std::string("standard output") : command.output) << "\n";
      return kExitError;
    }
  } catch (const std::exception& error) {
    std::cerr << "dbsilo: " << error.what() << "\n";
    return kExitError;
  }
  return kExitClean;
}

// --timings: one line per phase, slowest marked by its share of the total, like `semgrep --time`.
void print_timings(const std::vector<dbsilo::PhaseTiming>& timings, std::ostream& out) {
  double total = 0;
  for (const auto& timing : timings) {
    // Resolve steps are also inside "resolve (all steps)": count them once.
    if (!timing.phase.starts_with("resolve: ")) total += timing.milliseconds;
  }
  char line[160];
  for (const auto& timing : timings) {
    std::snprintf(line, sizeof line, "timing %10.1f ms %5.1f%%  %s\n", timing.milliseconds, total > 0 ? 100.0 * timing.milliseconds / total : 0.0,
                  timing.phase.c_str());
    out << line;
  }
  std::snprintf(line, sizeof line, "timing %10.1f ms total\n", total);
  out << line;
}

int scan(const ScanCommand& command) {
  dbsilo::ScanOptions options;
  options.root = command.path;
  options.profiles = command.profiles;
  options.enabled_rules = command.enable;
  options.disabled_rules = command.disable;
  options.include_tests = command.include_tests;
  options.changed_since = command.changed_since;
  options.compile_commands = command.compile_commands;
  dbsilo::apply_extraction_flags(command.extraction, options);
  std::vector<dbsilo::PhaseTiming> timings;
  if (command.timings) options.timings = &timings;
  dbsilo::ScanResult result;
  try {
    if (command.facts.empty()) {
      result = dbsilo::run_scan(options);
    } else {
      // Merge of `dbsilo facts` shards: every cross-file step runs here, on the whole tree's facts.
      dbsilo::validate_rule_selection(options);
      dbsilo::CollectedFacts merged = dbsilo::merge_shards({command.facts.begin(), command.facts.end()});
      result = dbsilo::analyze_facts(std::move(merged.files), std::move(merged.warnings), options);
    }
  } catch (const std::exception& error) {
    std::cerr << "dbsilo: " << error.what() << "\n";
    return kExitError;
  }
  if (command.timings) print_timings(timings, std::cerr);
  if (!command.write_baseline.empty()) {
    std::string error;
    if (!dbsilo::write_baseline(command.write_baseline, result.findings, error)) {
      std::cerr << "dbsilo: " << error << "\n";
      return kExitError;
    }
  }
  std::size_t baselined = 0;
  if (!command.baseline.empty()) {
    std::string error;
    const auto fingerprints = dbsilo::read_baseline(command.baseline, error);
    if (!fingerprints) {
      std::cerr << "dbsilo: " << error << "\n";
      return kExitError;
    }
    baselined = dbsilo::remove_baselined(result.findings, *fingerprints);
  }
  std::ofstream file_output;
  std::ostream* report_output = dbsilo::open_report_output(command.output, file_output);
  if (report_output == nullptr) return kExitError;
  std::ostream& out = *report_output;
  dbsilo::PrinterOptions printer_options;
  printer_options.color = command.format == "text" && use_color(command.color, command.output.empty() && isatty(STDOUT_FILENO));
  auto printer = dbsilo::make_printer(command.format, out, printer_options);
  printer->begin({DBSILO_VERSION, result.model.units, result.datastores, dbsilo::describe_rules(), &result.model});
  for (const auto& finding : result.findings) printer->finding(finding);
  printer->finish({result.warnings, result.suppressed, result.findings.size(), baselined});
  out.flush();

  if (command.fail_on == "never") return kExitClean;
  const dbsilo::Severity threshold = command.fail_on == "error" ? dbsilo::Severity::error : dbsilo::Severity::warning;
  for (const auto& finding : result.findings) {
    if (finding.severity >= threshold) return kExitFindings;
  }
  return kExitClean;
}

}  // namespace

int main(int argc, char** argv) {
  // A scan allocates and frees parse trees and file buffers by the thousand on every thread:
  // keeping freed memory in the heap instead of returning it (trim) or mapping big blocks
  // afresh (mmap, then a page fault per page) is 4 % of a cold scan's time. Peak RSS barely moves.
  mallopt(M_MMAP_THRESHOLD, 64 << 20);
  mallopt(M_TRIM_THRESHOLD, 256 << 20);
  mallopt(M_TOP_PAD, 64 << 20);
  CLI::App app{"dbsilo: finds where a monorepo breaks \"database per service\""};
  app.set_version_flag("--version", std::string("dbsilo ") + DBSILO_VERSION);
  app.require_subcommand(1);

  ScanCommand command;
  CLI::App* scan_app = app.add_subcommand("scan", "scan a repository and report findings");
  scan_app->add_option("path", command.path, "the repository root to scan (default: .)");
  scan_app->add_option("--format,-f", command.format, "output format")->check(CLI::IsMember(dbsilo::printer_formats()));
  scan_app->add_option("--output,-o", command.output, "write the report to FILE instead of standard output");
  scan_app->add_option("--profile", command.profiles, "also evaluate this Spring profile / compose variant (repeatable)");
  scan_app->add_option("--fail-on", command.fail_on, "exit 1 when a finding is at least this severe")
      ->check(CLI::IsMember({"error", "warning", "never"}));
  scan_app->add_option("--enable", command.enable, "run only these rules (repeatable)");
  scan_app->add_option("--disable", command.disable, "do not run these rules (repeatable)");
  scan_app->add_option("--color", command.color, "colour the text report")->check(CLI::IsMember({"auto", "always", "never"}));
  scan_app->add_flag("--include-tests", command.include_tests, "also read test-only sources (src/test/**)");
  scan_app->add_flag("--timings", command.timings, "print the time each phase and rule took on standard error");
  scan_app->add_option("--compile-commands", command.compile_commands,
                       "parse C++ files with the flags of this compile_commands.json (default: ./compile_commands.json or build/ when present)");
  scan_app->add_option("--changed-since", command.changed_since,
                       "report only findings with a location in a file changed since GITREF (merge base with HEAD)");
  scan_app->add_option("--baseline", command.baseline, "leave out findings whose fingerprint is in this baseline file");
  scan_app->add_option("--write-baseline", command.write_baseline, "write the findings' fingerprints to this baseline file");
  dbsilo::add_extraction_flags(scan_app, command.extraction);
  scan_app->add_option("--facts", command.facts, "analyse these `dbsilo facts --shard` files (all shards) instead of reading the tree");

  FactsCommand facts_command;
  CLI::App* facts_app = app.add_subcommand("facts", "extract one shard's file facts to JSON, for `scan --facts` to merge");
  facts_app->add_option("path", facts_command.path, "the repository root (default: .)");
  facts_app->add_option("--shard", facts_command.shard, "K/N: the files of shard K of N, by a stable hash of their path (default: 1/1)");
  facts_app->add_option("--output,-o", facts_command.output, "write the facts to FILE instead of standard output");
  facts_app->add_flag("--include-tests", facts_command.include_tests, "also read test-only sources (src/test/**)");
  facts_app->add_option("--compile-commands", facts_command.compile_commands, "as for scan");
  dbsilo::add_extraction_flags(facts_app, facts_command.extraction);

  std::string rule_id;
  CLI::App* explain_app = app.add_subcommand("explain", "print a rule's documentation (no rule: list the rules)");
  explain_app->add_option("rule", rule_id, "rule id");
  CLI::App* graph_app = dbsilo::add_graph_subcommand(app);
  dbsilo::lsp::ServerOptions lsp_options;
  CLI::App* lsp_app = app.add_subcommand("lsp", "serve diagnostics to an editor (Language Server Protocol on stdin/stdout)");
  lsp_app->add_option("--profile", lsp_options.profiles, "also evaluate this Spring profile / compose variant (repeatable)");
  lsp_app->add_option("--enable", lsp_options.enabled_rules, "run only these rules (repeatable)");
  lsp_app->add_option("--disable", lsp_options.disabled_rules, "do not run these rules (repeatable)");
  lsp_app->add_flag("--include-tests", lsp_options.include_tests, "also read test-only sources (src/test/**)");
  dbsilo::ExtractionFlags lsp_extraction;
  dbsilo::add_extraction_flags(lsp_app, lsp_extraction);
  bool lsp_stdio = true;  // stdio is the only transport; the flag exists because clients pass it
  lsp_app->add_flag("--stdio", lsp_stdio, "talk over stdin/stdout (the default)");

  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& error) {
    const int code = app.exit(error);
    return code == 0 ? kExitClean : kExitError;
  }
  if (*explain_app) return explain(rule_id);
  if (*facts_app) return facts(facts_command);
  if (*graph_app) return dbsilo::run_graph_subcommand();
  if (*lsp_app) {
    dbsilo::lsp::ServerOptions options = lsp_options;
    options.version = DBSILO_VERSION;
    dbsilo::ScanOptions extraction;
    dbsilo::apply_extraction_flags(lsp_extraction, extraction);
    options.jobs = extraction.jobs;
    options.cache_dir = extraction.cache_dir;
    try {
      dbsilo::ScanOptions selection;
      selection.enabled_rules = options.enabled_rules;
      selection.disabled_rules = options.disabled_rules;
      dbsilo::validate_rule_selection(selection);
    } catch (const std::exception& error) {
      std::cerr << "dbsilo: " << error.what() << "\n";
      return kExitError;
    }
    // Collector threads may still be reading the tree: end without running static destructors under them.
    std::_Exit(dbsilo::lsp::run_stdio_server(options, STDIN_FILENO, STDOUT_FILENO));
  }
  return scan(command);
}
