// Decides which configuration keys hold secrets, so their values are never kept.
#include <algorithm>
#include <array>
#include <cctype>
#include <string>
#include <string_view>

#include "languages/config/config_parsers.h"

namespace dbsilo {

namespace {

// A normalized last key segment ending with one of these is a secret ("dbpassword",
// "mysqlrootpassword", "clientsecret", "githubtoken").
constexpr std::array secret_suffixes = {
    std::string_view("password"),      std::string_view("passwd"),     std::string_view("pwd"),
    std::string_view("passphrase"),    std::string_view("secret"),     std::string_view("secretkey"),
    std::string_view("clientsecret"),  std::string_view("token"),      std::string_view("accesstoken"),
    std::string_view("authtoken"),     std::string_view("apikey"),     std::string_view("privatekey"),
    std::string_view("credential"),    std::string_view("credentials"), std::string_view("encryptionkey"),
    std::string_view("secretaccesskey"),
};

// Compound words that Spring users also split over two segments: `api.key`, `private.key`.
constexpr std::array two_segment_secrets = {
    std::string_view("apikey"),        std::string_view("privatekey"), std::string_view("secretkey"),
    std::string_view("encryptionkey"), std::string_view("secretaccesskey"),
};

// "pass" only counts as a whole word (DB_PASS, dbPass), never inside "bypass" or "compass".
constexpr std::string_view whole_word_secret = "pass";

bool ends_with(std::string_view text, std::string_view suffix) {
  return text.size() >= suffix.size() && text.substr(text.size() - suffix.size()) == suffix;
}

// Lower case without '-' and '_': "Client-Secret" and "CLIENT_SECRET" both become "clientsecret".
std::string normalized_segment(std::string_view segment) {
  std::string normalized;
  for (char c : segment) {
    if (c == '-' || c == '_' || c == ' ') continue;
    normalized += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  }
  return normalized;
}

// `a.b[0][1]` -> `a.b`: list items under a secret key are secrets too.
std::string_view without_trailing_indices(std::string_view key) {
  while (!key.empty() && key.back() == ']') {
    const std::size_t open = key.rfind('[');
    if (open == std::string_view::npos) break;
    key = key.substr(0, open);
  }
  return key;
}

// The last word of a segment, split on '_', '-' and lower-to-upper camel-case humps.
std::string last_word(std::string_view segment) {
  std::size_t word_start = 0;
  for (std::size_t i = 1; i < segment.size(); ++i) {
    const char previous = segment[i - 1];
    const char current = segment[i];
    if (current == '_' || current == '-') {
      word_start = i + 1;
    } else if (std::islower(static_cast<unsigned char>(previous)) && std::isupper(static_cast<unsigned char>(current))) {
      word_start = i;
    }
  }
  return normalized_segment(segment.substr(std::min(word_start, segment.size())));
}

bool has_secret_suffix(std::string_view normalized) {
  for (std::string_view suffix : secret_suffixes) {
    if (ends_with(normalized, suffix)) return true;
  }
  // Plurals: "tokens", "secrets", "apikeys".
  if (ends_with(normalized, "s")) {
    const std::string_view singular = normalized.substr(0, normalized.size() - 1);
    for (std::string_view suffix : secret_suffixes) {
      if (ends_with(singular, suffix)) return true;
    }
  }
  return false;
}

bool is_two_segment_secret(std::string_view joined) {
  for (std::string_view compound : two_segment_secrets) {
    if (ends_with(joined, compound)) return true;
  }
  return false;
}

}  // namespace

bool is_secret_key(std::string_view key) {
  key = without_trailing_indices(key);
  const std::size_t last_dot = key.rfind('.');
  const std::string_view last_segment = last_dot == std::string_view::npos ? key : key.substr(last_dot + 1);
  const std::string normalized_last = normalized_segment(last_segment);
  if (has_secret_suffix(normalized_last)) return true;
  if (last_word(last_segment) == whole_word_secret) return true;
  if (last_dot == std::string_view::npos) return false;

  const std::string_view parent = key.substr(0, last_dot);
  const std::size_t parent_dot = parent.rfind('.');
  const std::string_view parent_segment = parent_dot == std::string_view::npos ? parent : parent.substr(parent_dot + 1);
  return is_two_segment_secret(normalized_segment(parent_segment) + normalized_last);
}

}  // namespace dbsilo
