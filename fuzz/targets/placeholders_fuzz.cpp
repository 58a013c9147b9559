// Fuzz target: Spring `${a:${b}}` placeholders and compose `${A:-x}` variables, with a lookup
// table taken from the input so values can refer to each other (cycles, deep chains).
#include <map>
#include <optional>
#include <string>

#include "dbsilo/text.h"
#include "fuzz/fuzz_support.h"
#include "languages/config/placeholders.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const auto [selector, input] = dbsilo::fuzz::split_selector(dbsilo::fuzz::as_text(data, size));
  // Input: the text to resolve on the first line, then `name=value` lines for the lookup.
  const auto lines = dbsilo::split(input, '\n');
  std::map<std::string, std::string, std::less<>> values;
  for (std::size_t i = 1; i < lines.size(); ++i) {
    const auto equals = lines[i].find('=');
    if (equals != std::string::npos) values[lines[i].substr(0, equals)] = lines[i].substr(equals + 1);
  }
  const dbsilo::PlaceholderLookup lookup = [&values](std::string_view name) -> std::optional<std::string> {
    const auto found = values.find(name);
    if (found == values.end()) return std::nullopt;
    return found->second;
  };
  const std::string text = lines.empty() ? std::string() : lines.front();
  if (selector % 2 == 0) {
    (void)dbsilo::resolve_spring_placeholders(text, lookup);
  } else {
    (void)dbsilo::resolve_compose_variables(text, lookup);
  }
  return 0;
}
