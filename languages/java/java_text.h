// Java text helpers: string literal and text block decoding, format skeletons, naming, SQL shape.
#pragma once

#include <string>
#include <string_view>

namespace dbsilo::java {

// The value of a Java string literal given its source text, quotes included: escapes are
// interpreted and a text block ("""...""") loses its incidental indentation (JLS 3.10.6).
std::string decode_string_literal(std::string_view raw);

// A String.format pattern with each conversion (%s, %d, %1$s, ...) replaced by `?`,
// `%%` by `%` and `%n` by a newline: the skeleton is what the SQL parser later sees.
std::string format_skeleton(std::string_view format);

// Spring Boot's default physical naming (CamelCaseToUnderscoresNamingStrategy): an underscore
// before an upper-case letter between lower-case letters or digits, then lower case.
// "OrderLine" -> "order_line", "URLMapping" -> "urlmapping" (as Spring really does).
std::string spring_physical_name(std::string_view name);

// "OrderLine" -> "orderLine": Spring Data MongoDB's default collection name.
std::string lower_first(std::string_view name);


}  // namespace dbsilo::java
