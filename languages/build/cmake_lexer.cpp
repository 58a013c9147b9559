// Tokenizer for CMake's language (cmake-language(7)): command invocations and arguments.
#include "languages/build/cmake_lexer.h"

#include <optional>

#include "dbsilo/text.h"

namespace dbsilo::cmake {

namespace {

bool is_identifier_start(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_'; }
bool is_identifier_char(char c) { return is_identifier_start(c) || (c >= '0' && c <= '9'); }
bool is_space(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\f' || c == '\v'; }

class Parser {
 public:
  Parser(std::string_view text, const std::string& path, std::vector<Warning>& warnings) : text_(text), path_(path), warnings_(warnings) {}

  std::vector<Command> run() {
    while (skip_blank_and_comments(), position_ < text_.size()) {
      if (is_identifier_start(peek())) {
        read_command();
      } else {
        syntax_error(line_, "unexpected character outside a command");
        skip_to_line_end();
      }
    }
    return std::move(commands_);
  }

 private:
  char peek(std::size_t ahead = 0) const { return position_ + ahead < text_.size() ? text_[position_ + ahead] : '\0'; }
  int column() const { return static_cast<int>(position_ - line_start_) + 1; }

  void advance(std::size_t count = 1) {
    for (std::size_t i = 0; i < count && position_ < text_.size(); ++i) {
      if (text_[position_] == '\n') {
        ++line_;
        line_start_ = position_ + 1;
      }
      ++position_;
    }
  }

  void skip_to_line_end() {
    while (position_ < text_.size() && peek() != '\n') advance();
  }

  // CMake stops at its first syntax error; we report that one and read on where we can.
  void syntax_error(int line, std::string_view what) {
    if (reported_error_) return;
    reported_error_ = true;
    warnings_.push_back({{path_, line, 0}, "CMake syntax error near line " + std::to_string(line) + ": " + std::string(what)});
  }

  // At '[': the number of '=' of a bracket opener "[==[", or nullopt when it is not one.
  std::optional<std::size_t> bracket_level() const {
    std::size_t level = 0;
    while (peek(1 + level) == '=') ++level;
    if (peek(1 + level) != '[') return std::nullopt;
    return level;
  }

  // At '[': reads "[=*[ ... ]=*]" and returns the content (a newline right after the opener
  // is not part of it), or nullopt when unterminated.
  std::optional<std::string> read_bracket(std::size_t level) {
    const int start_line = line_;
    advance(level + 2);
    const std::string closer = "]" + std::string(level, '=') + "]";
    const std::size_t close = text_.find(closer, position_);
    if (close == std::string_view::npos) {
      syntax_error(start_line, "unterminated bracket");
      advance(text_.size() - position_);
      return std::nullopt;
    }
    std::string_view content = text_.substr(position_, close - position_);
    if (content.starts_with("\r\n")) content.remove_prefix(2);
    else if (content.starts_with('\n')) content.remove_prefix(1);
    advance(close + closer.size() - position_);
    return std::string(content);
  }

  // "#" to the line end, or a bracket comment "#[[ ... ]]" that may span lines.
  void skip_comment() {
    advance();
    if (peek() == '[') {
      if (const auto level = bracket_level()) {
        read_bracket(*level);
        return;
      }
    }
    skip_to_line_end();
  }

  void skip_blank_and_comments() {
    while (position_ < text_.size()) {
      if (is_space(peek())) advance();
      else if (peek() == '#') skip_comment();
      else return;
    }
  }

  void read_command() {
    Command command;
    command.line = line_;
    command.column = column();
    const std::size_t start = position_;
    while (is_identifier_char(peek())) advance();
    command.name = to_lower(text_.substr(start, position_ - start));
    while (peek() == ' ' || peek() == '\t') advance();
    if (peek() != '(') {
      syntax_error(command.line, "a command name not followed by '('");
      skip_to_line_end();
      return;
    }
    advance();
    if (read_arguments(command)) commands_.push_back(std::move(command));
  }

  // Reads up to the ')' closing the command; false when the text ends first.
  bool read_arguments(Command& command) {
    int depth = 1;
    while (true) {
      skip_blank_and_comments();
      if (position_ >= text_.size()) {
        syntax_error(command.line, "unterminated command");
        return false;
      }
      const char c = peek();
      if (c == '(' || c == ')') {
        depth += c == '(' ? 1 : -1;
        advance();
        if (depth == 0) return true;
      } else if (c == '[' && bracket_level()) {
        const int line = line_, start_column = column();
        auto content = read_bracket(*bracket_level());
        if (!content) return false;
        command.arguments.push_back({std::move(*content), true, line, start_column});
      } else if (c == '"') {
        if (!read_quoted(command)) return false;
      } else {
        read_unquoted(command);
      }
    }
  }

  // Escape sequences: \n \t \r decode; "\;" stays (it protects a ';' from list splitting);
  // any other escaped character stands for itself.
  void append_escape(std::string& value, char escaped) {
    switch (escaped) {
      case 'n': value += '\n'; break;
      case 't': value += '\t'; break;
      case 'r': value += '\r'; break;
      case ';': value += "\\;"; break;
      default: value += escaped;
    }
  }

  bool read_quoted(Command& command) {
    const int line = line_, start_column = column();
    advance();
    std::string value;
    while (position_ < text_.size() && peek() != '"') {
      if (peek() == '\\' && peek(1) == '\n') {
        advance(2);  // line continuation
      } else if (peek() == '\\' && position_ + 1 < text_.size()) {
        append_escape(value, peek(1));
        advance(2);
      } else {
        value += peek();
        advance();
      }
    }
    if (position_ >= text_.size()) {
      syntax_error(line, "unterminated quoted argument");
      return false;
    }
    advance();
    command.arguments.push_back({std::move(value), true, line, start_column});
    return true;
  }

  void read_unquoted(Command& command) {
    const int line = line_, start_column = column();
    std::string value;
    while (position_ < text_.size()) {
      const char c = peek();
      if (is_space(c) || c == '(' || c == ')' || c == '#' || c == '"') break;
      if (c == '\\' && position_ + 1 < text_.size()) {
        append_escape(value, peek(1));
        advance(2);
        continue;
      }
      value += c;
      advance();
    }
    if (value.empty()) {  // a lone character we cannot start an argument with
      advance();
      return;
    }
    for (std::string& element : split_list(value)) command.arguments.push_back({std::move(element), false, line, start_column});
  }

  // An unquoted argument is a ;-list: a;b is two arguments. "\;" does not split and becomes ';'.
  static std::vector<std::string> split_list(std::string_view value) {
    std::vector<std::string> elements(1);
    for (std::size_t i = 0; i < value.size(); ++i) {
      if (value[i] == '\\' && i + 1 < value.size() && value[i + 1] == ';') {
        elements.back() += ';';
        ++i;
      } else if (value[i] == ';') {
        elements.emplace_back();
      } else {
        elements.back() += value[i];
      }
    }
    std::erase_if(elements, [](const std::string& element) { return element.empty(); });
    return elements;
  }

  std::string_view text_;
  const std::string& path_;
  std::vector<Warning>& warnings_;
  std::size_t position_ = 0;
  std::size_t line_start_ = 0;
  int line_ = 1;
  bool reported_error_ = false;
  std::vector<Command> commands_;
};

}  // namespace

std::vector<Command> parse_commands(std::string_view text, const std::string& path, std::vector<Warning>& warnings) {
  return Parser(text, path, warnings).run();
}

}  // namespace dbsilo::cmake
