// The printer registry: one line per output format, sorted by name.
#include <algorithm>

#include "scanner/report/printer.h"

namespace dbsilo {

std::unique_ptr<Printer> make_github_printer(std::ostream& out);
std::unique_ptr<Printer> make_gitlab_printer(std::ostream& out);
std::unique_ptr<Printer> make_html_printer(std::ostream& out);
std::unique_ptr<Printer> make_json_printer(std::ostream& out);
std::unique_ptr<Printer> make_sarif_printer(std::ostream& out);
std::unique_ptr<Printer> make_text_printer(std::ostream& out, const PrinterOptions& options);

namespace {

struct PrinterEntry {
  std::string_view format;
  std::unique_ptr<Printer> (*make)(std::ostream& out, const PrinterOptions& options);
};

const std::vector<PrinterEntry>& printer_table() {
  static const std::vector<PrinterEntry> table = {
      {"github", [](std::ostream& out, const PrinterOptions&) { return make_github_printer(out); }},
      {"gitlab", [](std::ostream& out, const PrinterOptions&) { return make_gitlab_printer(out); }},
      {"html", [](std::ostream& out, const PrinterOptions&) { return make_html_printer(out); }},
      {"json", [](std::ostream& out, const PrinterOptions&) { return make_json_printer(out); }},
      {"sarif", [](std::ostream& out, const PrinterOptions&) { return make_sarif_printer(out); }},
      {"text", [](std::ostream& out, const PrinterOptions& options) { return make_text_printer(out, options); }},
  };
  return table;
}

}  // namespace

std::unique_ptr<Printer> make_printer(std::string_view format, std::ostream& out, const PrinterOptions& options) {
  for (const auto& entry : printer_table()) {
    if (entry.format == format) return entry.make(out, options);
  }
  return nullptr;
}

std::vector<std::string> printer_formats() {
  std::vector<std::string> formats;
  for (const auto& entry : printer_table()) formats.emplace_back(entry.format);
  return formats;
}

}  // namespace dbsilo
