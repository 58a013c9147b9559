// Fuzz target: the C++ front end's literal/token pass. Most inputs go to the text helpers
// (string-literal decoding incl. raw strings and prefixes, SQL shape, printf placeholders); one
// in eight goes through extract_cpp (libclang SingleFileParse + tokens), which is ~1000x slower.
#include <vector>

#include "dbsilo/sql_shape.h"
#include "fuzz/fuzz_support.h"
#include "languages/cpp/cpp_extractor.h"
#include "languages/cpp/cpp_text.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const auto [selector, text] = dbsilo::fuzz::split_selector(dbsilo::fuzz::as_text(data, size));
  if (selector % 8 == 7) {
    std::vector<dbsilo::Warning> warnings;
    (void)dbsilo::extract_cpp(text, "orders/src/db.cpp", nullptr, warnings);
    return 0;
  }
  if (const auto decoded = dbsilo::cpp::decode_string_literal(text)) {
    (void)dbsilo::looks_like_sql(*decoded);
    (void)dbsilo::cpp::replace_printf_placeholders(*decoded);
  }
  (void)dbsilo::looks_like_sql(text);
  (void)dbsilo::cpp::replace_printf_placeholders(text);
  (void)dbsilo::cpp::is_key_like(text);
  (void)dbsilo::cpp::is_datasource_field_key(text);
  return 0;
}
