// Gitignore patterns and the glob matcher behind them (git's documented pattern rules).
#include <algorithm>
#include <cctype>
#include <optional>
#include <string>
#include <string_view>

#include "dbsilo/text.h"
#include "scanner/discover/walk.h"

namespace dbsilo {
namespace {

// '/' never matches a wildcard: '*', '?' and '[...]' stay inside one path segment.
constexpr char kSeparator = '/';

bool posix_class_contains(std::string_view class_name, unsigned char c) {
  if (class_name == "alpha") return std::isalpha(c) != 0;
  if (class_name == "digit") return std::isdigit(c) != 0;
  if (class_name == "alnum") return std::isalnum(c) != 0;
  if (class_name == "upper") return std::isupper(c) != 0;
  if (class_name == "lower") return std::islower(c) != 0;
  if (class_name == "space") return std::isspace(c) != 0;
  if (class_name == "punct") return std::ispunct(c) != 0;
  if (class_name == "xdigit") return std::isxdigit(c) != 0;
  if (class_name == "blank") return c == ' ' || c == '\t';
  if (class_name == "cntrl") return std::iscntrl(c) != 0;
  if (class_name == "graph") return std::isgraph(c) != 0;
  if (class_name == "print") return std::isprint(c) != 0;
  return false;
}

// A bracket expression starting at glob[open] == '['. `end` is set past its ']'.
// Returns nullopt when the bracket is unterminated: the '[' is then an ordinary character.
std::optional<bool> bracket_matches(std::string_view glob, std::size_t open, unsigned char c, std::size_t& end) {
  std::size_t i = open + 1;
  const bool negated = i < glob.size() && (glob[i] == '!' || glob[i] == '^');
  if (negated) ++i;
  bool matched = false;
  for (bool first = true; i < glob.size(); first = false) {
    if (glob[i] == ']' && !first) {
      end = i + 1;
      return matched != negated;
    }
    if (glob.substr(i, 2) == "[:") {
      const std::size_t close = glob.find(":]", i + 2);
      if (close != std::string_view::npos) {
        matched = matched || posix_class_contains(glob.substr(i + 2, close - i - 2), c);
        i = close + 2;
        continue;
      }
    }
    const auto read_member = [&]() {  // one character, honouring a backslash escape
      if (glob[i] == '\\' && i + 1 < glob.size()) ++i;
      return static_cast<unsigned char>(glob[i++]);
    };
    const unsigned char low = read_member();
    if (i + 1 < glob.size() && glob[i] == '-' && glob[i + 1] != ']') {
      ++i;
      const unsigned char high = read_member();
      matched = matched || (low <= c && c <= high);
    } else {
      matched = matched || c == low;
    }
  }
  return std::nullopt;
}

// True when the run of stars glob[star_begin, star_end) is a whole '**' segment (special),
// rather than stars inside a segment (which act like one '*').
bool is_double_star_segment(std::string_view glob, std::size_t star_begin, std::size_t star_end) {
  return star_end - star_begin >= 2 && (star_begin == 0 || glob[star_begin - 1] == kSeparator) &&
         (star_end == glob.size() || glob[star_end] == kSeparator);
}

// Backtracking matcher (like git's wildmatch with WM_PATHNAME): glob[g...] against path[p...].
bool match_from(std::string_view glob, std::size_t g, std::string_view path, std::size_t p) {
  while (g < glob.size()) {
    const char token = glob[g];
    if (token == '*') {
      std::size_t stars_end = g;
      while (stars_end < glob.size() && glob[stars_end] == '*') ++stars_end;
      if (is_double_star_segment(glob, g, stars_end)) {
        if (stars_end == glob.size()) return true;  // trailing '**': everything below
        // '**/': zero or more whole directories, so retry the rest at each segment start.
        const std::size_t rest = stars_end + 1;
        if (match_from(glob, rest, path, p)) return true;
        for (std::size_t k = p; k < path.size(); ++k) {
          if (path[k] == kSeparator && match_from(glob, rest, path, k + 1)) return true;
        }
        return false;
      }
      // '*': any run of characters within the current segment.
      for (std::size_t k = p;; ++k) {
        if (match_from(glob, stars_end, path, k)) return true;
        if (k == path.size() || path[k] == kSeparator) return false;
      }
    }
    if (p == path.size()) return false;
    const unsigned char c = static_cast<unsigned char>(path[p]);
    if (token == '?') {
      if (c == kSeparator) return false;
    } else if (token == '[') {
      std::size_t bracket_end = g;
      const std::optional<bool> in_bracket = bracket_matches(glob, g, c, bracket_end);
      if (in_bracket) {
        if (!*in_bracket || c == kSeparator) return false;
        g = bracket_end;
        ++p;
        continue;
      }
      if (c != '[') return false;
    } else {
      if (token == '\\' && g + 1 < glob.size()) ++g;  // escaped character: compare literally
      if (c != static_cast<unsigned char>(glob[g])) return false;
    }
    ++g;
    ++p;
  }
  return p == path.size();
}

// Git trims trailing spaces unless the last one is escaped by an odd number of backslashes.
std::string_view trim_unescaped_trailing_spaces(std::string_view line) {
  std::size_t kept = line.size();
  while (kept > 0 && line[kept - 1] == ' ') {
    std::size_t backslashes = 0;
    while (backslashes < kept - 1 && line[kept - 2 - backslashes] == '\\') ++backslashes;
    if (backslashes % 2 == 1) break;
    --kept;
  }
  return line.substr(0, kept);
}

// "", ".", "./a/", "/a" all name directories relative to the root: normalize to "" and "a".
std::string normalize_base_dir(std::string_view base_dir) {
  while (base_dir.starts_with("./")) base_dir.remove_prefix(2);
  while (base_dir.starts_with('/')) base_dir.remove_prefix(1);
  while (base_dir.ends_with('/')) base_dir.remove_suffix(1);
  if (base_dir == ".") base_dir = {};
  return std::string(base_dir);
}

}  // namespace

bool glob_matches(std::string_view glob, std::string_view path) { return match_from(glob, 0, path, 0); }

void GitignoreMatcher::add_patterns(std::string_view base_dir, std::string_view gitignore_text) {
  const std::string base = normalize_base_dir(base_dir);
  std::vector<std::size_t>& indices_for_base = pattern_indices_by_base_[base];
  for (std::string_view line : split(gitignore_text, '\n')) {
    if (line.ends_with('\r')) line.remove_suffix(1);  // files written on Windows
    if (line.empty() || line.front() == '#') continue;
    line = trim_unescaped_trailing_spaces(line);
    Pattern pattern{.base_dir = base};
    if (line.starts_with('!')) {
      pattern.negated = true;
      line.remove_prefix(1);
    }
    if (line.ends_with('/')) {
      pattern.directory_only = true;
      line.remove_suffix(1);
    }
    // A separator at the start or in the middle ties the pattern to this .gitignore's directory.
    pattern.anchored = line.find(kSeparator) != std::string_view::npos;
    if (line.starts_with('/')) line.remove_prefix(1);
    if (line.empty()) continue;
    pattern.glob = std::string(line);
    indices_for_base.push_back(patterns_.size());
    patterns_.push_back(std::move(pattern));
  }
}

std::vector<GitignoreMatcher::ApplicableBase> GitignoreMatcher::applicable_bases(std::string_view relative_path) const {
  std::vector<ApplicableBase> bases;  // shallowest first
  if (const auto root = pattern_indices_by_base_.find(std::string_view{}); root != pattern_indices_by_base_.end()) {
    bases.push_back({0, &root->second});
  }
  for (std::size_t slash = relative_path.find(kSeparator); slash != std::string_view::npos;
       slash = relative_path.find(kSeparator, slash + 1)) {
    const auto found = pattern_indices_by_base_.find(relative_path.substr(0, slash));
    if (found != pattern_indices_by_base_.end()) bases.push_back({slash, &found->second});
  }
  return bases;
}

bool GitignoreMatcher::pattern_matches(const Pattern& pattern, std::string_view path_below_base, bool is_directory) {
  if (pattern.directory_only && !is_directory) return false;
  if (pattern.anchored) return glob_matches(pattern.glob, path_below_base);
  // Unanchored patterns hold no '/', so matching "at any depth" means matching the last segment.
  const std::size_t last_slash = path_below_base.rfind(kSeparator);
  return glob_matches(pattern.glob, last_slash == std::string_view::npos ? path_below_base
                                                                          : path_below_base.substr(last_slash + 1));
}

GitignoreMatcher::Verdict GitignoreMatcher::verdict_for(std::string_view path, bool is_directory,
                                                        const std::vector<Pattern>& patterns,
                                                        const std::vector<ApplicableBase>& bases,
                                                        std::size_t base_count) {
  // Deeper files first, and inside a file the last pattern first: the first match decides.
  for (std::size_t b = base_count; b-- > 0;) {
    const std::string_view below_base = bases[b].base_length == 0 ? path : path.substr(bases[b].base_length + 1);
    const std::vector<std::size_t>& indices = *bases[b].pattern_indices;
    for (auto index = indices.rbegin(); index != indices.rend(); ++index) {
      const Pattern& pattern = patterns[*index];
      if (pattern_matches(pattern, below_base, is_directory)) return pattern.negated ? Verdict::included : Verdict::ignored;
    }
  }
  return Verdict::no_match;
}

bool GitignoreMatcher::is_ignored(std::string_view relative_path, bool is_directory) const {
  if (patterns_.empty() || relative_path.empty()) return false;
  const std::vector<ApplicableBase> bases = applicable_bases(relative_path);
  if (bases.empty()) return false;
  // An ignored parent directory hides everything below it, whatever later patterns say.
  std::size_t bases_above_parent = 0;
  for (std::size_t slash = relative_path.find(kSeparator); slash != std::string_view::npos;
       slash = relative_path.find(kSeparator, slash + 1)) {
    while (bases_above_parent < bases.size() && bases[bases_above_parent].base_length < slash) ++bases_above_parent;
    if (verdict_for(relative_path.substr(0, slash), true, patterns_, bases, bases_above_parent) == Verdict::ignored) {
      return true;
    }
  }
  return verdict_for(relative_path, is_directory, patterns_, bases, bases.size()) == Verdict::ignored;
}

}  // namespace dbsilo
