// Tokens of Groovy/Kotlin Gradle scripts: enough to find calls, blocks and literal arguments.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace dbsilo::gradle {

struct Token {
  enum class Kind { word, string, symbol, newline };
  Kind kind = Kind::symbol;
  std::string text;  // a word, a string's content without quotes, or one symbol character
  int line = 0;
  int column = 0;
};

// Comments (//, /* */, a leading #!) are dropped; '...', "...", '''...''', """...""" become
// string tokens (simple escapes decoded, ${} interpolations kept as written); `backticked`
// Kotlin names become words. Never fails: a string left open ends at its line's end ('', "")
// or at the end of the text (triple quotes).
std::vector<Token> tokenize(std::string_view script);

// The script's tokens with their bracket pairs, and small look-ups over them.
class TokenStream {
 public:
  explicit TokenStream(std::string_view script);

  std::size_t size() const { return tokens_.size(); }
  const Token& operator[](std::size_t index) const { return tokens_[index]; }
  bool is_word(std::size_t index, std::string_view word = {}) const;
  bool is_string(std::size_t index) const;
  bool is_symbol(std::size_t index, char symbol) const;
  bool is_newline(std::size_t index) const;
  // Index of the bracket closing the one at `open` ('(', '[' or '{'), or size() when unclosed.
  std::size_t closing(std::size_t open) const { return partner_[open]; }
  // Index of the bracket opening the one at `close`, or size() when there is none.
  std::size_t opening(std::size_t close) const { return reverse_partner_[close]; }
  // The first index at or after `index` that is not a newline (size() at the end).
  std::size_t skip_newlines(std::size_t index) const;
  // The first index at or after `index` that ends the statement there: a newline, ';' or a
  // closing brace at the same bracket depth (size() at the end).
  std::size_t statement_end(std::size_t index) const;

 private:
  std::vector<Token> tokens_;
  std::vector<std::size_t> partner_;          // per token: its closing bracket, or size()
  std::vector<std::size_t> reverse_partner_;  // per token: its opening bracket, or size()
};

}  // namespace dbsilo::gradle
