// Where nlohmann's JSON parser gave up, found without exceptions (the DOM parser does not say).
#pragma once

#include <nlohmann/json.hpp>

#include <cstddef>
#include <string>
#include <string_view>

namespace dbsilo {

// The parser's error position: the count of bytes read, the offending one included (0 = none).
// The message nlohmann attaches quotes input, so it is deliberately not kept.
inline std::size_t json_error_position(std::string_view text, bool allow_comments = false) {
  class ErrorPosition : public nlohmann::json_sax<nlohmann::json> {
   public:
    std::size_t position = 0;
    bool null() override { return true; }
    bool boolean(bool) override { return true; }
    bool number_integer(number_integer_t) override { return true; }
    bool number_unsigned(number_unsigned_t) override { return true; }
    bool number_float(number_float_t, const string_t&) override { return true; }
    bool string(string_t&) override { return true; }
    bool binary(binary_t&) override { return true; }
    bool start_object(std::size_t) override { return true; }
    bool key(string_t&) override { return true; }
    bool end_object() override { return true; }
    bool start_array(std::size_t) override { return true; }
    bool end_array() override { return true; }
    bool parse_error(std::size_t at, const std::string&, const nlohmann::detail::exception&) override {
      position = at;
      return false;
    }
  };
  ErrorPosition handler;
  nlohmann::json::sax_parse(text, &handler, nlohmann::json::input_format_t::json, true, allow_comments);
  return handler.position;
}

}  // namespace dbsilo
