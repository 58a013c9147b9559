// Tokenizer for Gradle scripts (Groovy and Kotlin DSL) and bracket matching over its tokens.
#include "languages/build/gradle_lexer.h"

#include <algorithm>

namespace dbsilo::gradle {

namespace {

bool is_word_char(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c == '$' ||
         static_cast<unsigned char>(c) >= 0x80;
}

class Lexer {
 public:
  explicit Lexer(std::string_view text) : text_(text) {}

  std::vector<Token> run() {
    if (text_.starts_with("#!")) skip_line();
    while (position_ < text_.size()) step();
    return std::move(tokens_);
  }

 private:
  void step() {
    const char c = text_[position_];
    if (c == '\n') {
      emit(Token::Kind::newline, "\n", line_, column());
      advance(1);
    } else if (c == ' ' || c == '\t' || c == '\r' || c == '\f') {
      advance(1);
    } else if (rest().starts_with("//")) {
      skip_line();
    } else if (rest().starts_with("/*")) {
      skip_block_comment();
    } else if (c == '\'' || c == '"') {
      read_string(c);
    } else if (c == '`') {
      read_backticked();
    } else if (is_word_char(c)) {
      read_word();
    } else {
      emit(Token::Kind::symbol, std::string(1, c), line_, column());
      advance(1);
    }
  }

  std::string_view rest() const { return text_.substr(position_); }
  int column() const { return static_cast<int>(position_ - line_start_) + 1; }

  void advance(std::size_t count) {
    for (std::size_t i = 0; i < count && position_ < text_.size(); ++i) {
      if (text_[position_] == '\n') {
        ++line_;
        line_start_ = position_ + 1;
      }
      ++position_;
    }
  }

  void emit(Token::Kind kind, std::string text, int line, int column) { tokens_.push_back({kind, std::move(text), line, column}); }

  void skip_line() {
    while (position_ < text_.size() && text_[position_] != '\n') ++position_;
  }

  // The newlines inside a block comment still end statements, as in both languages.
  void skip_block_comment() {
    const std::size_t close = text_.find("*/", position_ + 2);
    const std::size_t end = close == std::string_view::npos ? text_.size() : close + 2;
    while (position_ < end) {
      if (text_[position_] == '\n') emit(Token::Kind::newline, "\n", line_, column());
      advance(1);
    }
  }

  void read_word() {
    const int line = line_, start_column = column();
    const std::size_t start = position_;
    while (position_ < text_.size() && is_word_char(text_[position_])) ++position_;
    emit(Token::Kind::word, std::string(text_.substr(start, position_ - start)), line, start_column);
  }

  void read_backticked() {
    const int line = line_, start_column = column();
    const std::size_t close = text_.find_first_of("`\n", position_ + 1);
    const std::size_t end = close == std::string_view::npos ? text_.size() : close;
    emit(Token::Kind::word, std::string(text_.substr(position_ + 1, end - position_ - 1)), line, start_column);
    advance(end - position_ + (end < text_.size() && text_[end] == '`' ? 1 : 0));
  }

  void read_string(char quote) {
    const int line = line_, start_column = column();
    const std::string triple(3, quote);
    const bool is_triple = rest().starts_with(triple);
    advance(is_triple ? 3 : 1);
    std::string content;
    while (position_ < text_.size()) {
      const char c = text_[position_];
      if (is_triple && rest().starts_with(triple)) {
        advance(3);
        break;
      }
      if (!is_triple && (c == quote || c == '\n')) {
        if (c == quote) advance(1);
        break;
      }
      if (c == '\\' && position_ + 1 < text_.size()) {
        content += unescape(text_[position_ + 1]);
        advance(2);
        continue;
      }
      content += c;
      advance(1);
    }
    emit(Token::Kind::string, std::move(content), line, start_column);
  }

  static std::string unescape(char escaped) {
    switch (escaped) {
      case 'n': return "\n";
      case 't': return "\t";
      case 'r': return "\r";
      case '$': return "\\$";  // an escaped dollar is not an interpolation: keep it visible as such
      default: return std::string(1, escaped);
    }
  }

  std::string_view text_;
  std::size_t position_ = 0;
  std::size_t line_start_ = 0;
  int line_ = 1;
  std::vector<Token> tokens_;
};

bool is_opening(const Token& token) {
  return token.kind == Token::Kind::symbol && (token.text == "(" || token.text == "[" || token.text == "{");
}

bool is_closing(const Token& token) {
  return token.kind == Token::Kind::symbol && (token.text == ")" || token.text == "]" || token.text == "}");
}

}  // namespace

std::vector<Token> tokenize(std::string_view script) { return Lexer(script).run(); }

TokenStream::TokenStream(std::string_view script)
    : tokens_(tokenize(script)), partner_(tokens_.size(), tokens_.size()), reverse_partner_(tokens_.size(), tokens_.size()) {
  // Brackets pair by nesting; a closing bracket of the wrong kind still pairs, so one typo
  // does not unbalance the rest of the script.
  std::vector<std::size_t> open;
  for (std::size_t i = 0; i < tokens_.size(); ++i) {
    if (is_opening(tokens_[i])) {
      open.push_back(i);
    } else if (is_closing(tokens_[i]) && !open.empty()) {
      partner_[open.back()] = i;
      reverse_partner_[i] = open.back();
      open.pop_back();
    }
  }
}

bool TokenStream::is_word(std::size_t index, std::string_view word) const {
  return index < tokens_.size() && tokens_[index].kind == Token::Kind::word && (word.empty() || tokens_[index].text == word);
}

bool TokenStream::is_string(std::size_t index) const { return index < tokens_.size() && tokens_[index].kind == Token::Kind::string; }

bool TokenStream::is_symbol(std::size_t index, char symbol) const {
  return index < tokens_.size() && tokens_[index].kind == Token::Kind::symbol && tokens_[index].text[0] == symbol;
}

bool TokenStream::is_newline(std::size_t index) const { return index < tokens_.size() && tokens_[index].kind == Token::Kind::newline; }

std::size_t TokenStream::skip_newlines(std::size_t index) const {
  while (is_newline(index)) ++index;
  return std::min(index, tokens_.size());
}

std::size_t TokenStream::statement_end(std::size_t index) const {
  while (index < tokens_.size()) {
    if (is_newline(index) || is_symbol(index, ';') || is_symbol(index, '}')) return index;
    if (is_opening(tokens_[index]) && partner_[index] < tokens_.size()) {
      index = partner_[index] + 1;  // a bracketed part may span lines
      continue;
    }
    ++index;
  }
  return tokens_.size();
}

}  // namespace dbsilo::gradle
