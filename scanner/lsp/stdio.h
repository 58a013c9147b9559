// `dbsilo lsp`: the language server on a pair of file descriptors (stdin/stdout).
#pragma once

#include "scanner/lsp/server.h"

namespace dbsilo::lsp {

// Serves until the client sends `exit` or closes the input. Returns the exit code (0 after a
// shutdown request, 1 otherwise). Background threads may still be running when it returns: the
// caller ends the process with std::_Exit rather than running static destructors under them.
int run_stdio_server(const ServerOptions& options, int input_fd, int output_fd);

}  // namespace dbsilo::lsp
