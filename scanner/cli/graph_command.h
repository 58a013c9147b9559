// `dbsilo graph`: the service map of a repository as DOT, Mermaid or a self-contained HTML page.
#pragma once

#include <CLI/CLI.hpp>

namespace dbsilo {

// Registers the subcommand and its options on `app`; main() dispatches to run_graph_subcommand() when it was given.
CLI::App* add_graph_subcommand(CLI::App& app);

// Scans, builds the map and writes it. Exit 0 when written (findings do not fail a map), 2 on error.
int run_graph_subcommand();

}  // namespace dbsilo
