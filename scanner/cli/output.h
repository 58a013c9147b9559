// Where a command writes its report: standard output, or the --output file.
#pragma once

#include <fstream>
#include <iostream>
#include <string>

namespace dbsilo {

// Opens `path` into `file` ("" = standard output). nullptr after saying why on stderr.
inline std::ostream* open_report_output(const std::string& path, std::ofstream& file) {
  if (path.empty()) return &std::cout;
  file.open(path, std::ios::binary);
  if (!file) {
    std::cerr << "dbsilo: cannot write " << path << "\n";
    return nullptr;
  }
  return &file;
}

}  // namespace dbsilo
