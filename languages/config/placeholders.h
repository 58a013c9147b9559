// Resolves `${...}` placeholders (Spring) and `$VAR` / `${VAR:-x}` variables (compose, .env).
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <string_view>

namespace dbsilo {

// Looks a name up; nullopt when it has no value.
using PlaceholderLookup = std::function<std::optional<std::string>(std::string_view name)>;

struct PlaceholderResult {
  std::string text;     // placeholders without a value and without a default are kept verbatim
  bool complete = true; // false when any placeholder stayed unresolved
  bool cycle = false;   // a placeholder referred back to itself (directly or not): never loops
};

// Spring: ${name}, ${name:default}, nested (${a:${b:x}}), values that hold placeholders are
// resolved in turn; `\${` is literal. Depth-limited; cycles are reported, never followed forever.
PlaceholderResult resolve_spring_placeholders(std::string_view text, const PlaceholderLookup& lookup);

// Compose / .env: $NAME, ${NAME}, ${NAME:-default}, ${NAME-default}, ${NAME:?err}, ${NAME?err},
// ${NAME:+alt}, ${NAME+alt}; `$$` is a literal '$'. Nested defaults are resolved.
PlaceholderResult resolve_compose_variables(std::string_view text, const PlaceholderLookup& lookup);

}  // namespace dbsilo
