// Text helpers of the C++ front end: string-literal decoding, SQL shape, printf placeholders, key shapes.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace dbsilo::cpp {

// The value of one string-literal token: "..." with escapes, R"d(...)d", and the u8/u/U/L prefixes.
// nullopt when the token is not a string literal (a char literal, a number, a user-defined suffix).
std::optional<std::string> decode_string_literal(std::string_view token);


// printf conversions (%s, %d, %lld, %1$s, ...) become $n parameters so the SQL parser accepts a
// format string; "%%" stays a literal percent sign.
std::string replace_printf_placeholders(std::string_view text);

// A literal that can name a configuration entry, an environment variable or a collection:
// 1 to 128 characters of letters, digits and . _ - : /, with no blanks.
bool is_key_like(std::string_view text);

// Names of the last configuration-key segment that address a field of a datasource entry
// ("host", "port", "url", "dbname", ...): config["orders-db"]["host"] names entry "orders-db".
bool is_datasource_field_key(std::string_view key);

}  // namespace dbsilo::cpp
