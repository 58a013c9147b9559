// Tree walker: lists the regular files under the root, honouring ignore rules, never leaving the root.
#include "scanner/discover/walk.h"

#include <dirent.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <array>
#include <cerrno>
#include <optional>
#include <set>
#include <string>
#include <system_error>
#include <utility>

#include "dbsilo/text.h"

namespace dbsilo {
namespace {

namespace fs = std::filesystem;

constexpr std::array<std::string_view, 4> kAlwaysSkippedDirectories = {".git", ".hg", ".svn", "node_modules"};
constexpr std::size_t kMaxIgnoreFileBytes = 8 * 1024 * 1024;  // a bigger "ignore file" is not one
constexpr std::size_t kNoParent = static_cast<std::size_t>(-1);

constexpr std::string_view kLinkOutsideRoot = "skipped symbolic link pointing outside the scanned root";
constexpr std::string_view kLinkLoop = "skipped symbolic link loop";
constexpr std::string_view kBrokenLink = "skipped broken symbolic link";
constexpr std::string_view kLinkToWalkedDirectory = "skipped symbolic link to a directory already walked through another link";
constexpr std::string_view kDirectoryLoop = "skipped directory loop";
constexpr std::string_view kUnreadableDirectory = "skipped unreadable directory";
constexpr std::string_view kDirectoryReadError = "stopped reading directory after an error";
constexpr std::string_view kUnreadableIgnoreFile = "skipped unreadable ignore file";
constexpr std::string_view kUnreadableRoot = "cannot read the scanned root directory";

// Identifies a directory on disk whatever path reached it.
struct DirectoryId {
  dev_t device = 0;
  ino_t inode = 0;
  auto operator<=>(const DirectoryId&) const = default;
};

// A directory entered by the walk, linked to the one it was reached from (for loop checks).
struct WalkedDirectory {
  DirectoryId id;
  std::size_t parent = kNoParent;  // index into the walker's directories
};

struct PendingDirectory {
  fs::path disk_path;         // canonical location to list (a link's target, not the link)
  std::string relative_path;  // reported path: "" for the root, the link's path below a link
  std::size_t index = 0;      // into the walker's directories
};

struct ListedEntry {
  std::string name;
  fs::file_type type = fs::file_type::unknown;  // of the entry itself, links not followed
};

// What an entry turned out to be once a symbolic link is resolved.
struct ResolvedEntry {
  enum class Kind {
    regular_file,
    directory,
    special_file,
    broken_link,
    link_loop,
    link_outside_root,
    link_into_skipped_directory,  // e.g. into .git or node_modules: skipped as silently as they are
    vanished,
  };
  Kind kind = Kind::vanished;
  fs::file_type special_type = fs::file_type::unknown;
  fs::path disk_path;
  bool through_link = false;
  DirectoryId directory_id;  // for directories
};

std::string child_path(std::string_view parent, std::string_view name) {
  return parent.empty() ? std::string(name) : std::string(parent) + '/' + std::string(name);
}

std::string reported_path(std::string_view relative_path) {
  return relative_path.empty() ? std::string(".") : std::string(relative_path);
}

std::string special_file_kind(fs::file_type type) {
  switch (type) {
    case fs::file_type::fifo: return "FIFO";
    case fs::file_type::socket: return "socket";
    case fs::file_type::block: return "block device";
    case fs::file_type::character: return "character device";
    default: return "special file";
  }
}

fs::file_type file_type_of_mode(mode_t mode) {
  if (S_ISREG(mode)) return fs::file_type::regular;
  if (S_ISDIR(mode)) return fs::file_type::directory;
  if (S_ISFIFO(mode)) return fs::file_type::fifo;
  if (S_ISSOCK(mode)) return fs::file_type::socket;
  if (S_ISBLK(mode)) return fs::file_type::block;
  if (S_ISCHR(mode)) return fs::file_type::character;
  return fs::file_type::unknown;
}

// "./vendor/", "/docs" and "docs" all mean the same root-relative glob.
std::vector<std::string> normalized_ignore_globs(const std::vector<std::string>& globs) {
  std::vector<std::string> normalized;
  for (std::string_view glob : globs) {
    while (glob.starts_with("./")) glob.remove_prefix(2);
    while (glob.starts_with('/')) glob.remove_prefix(1);
    while (glob.ends_with('/')) glob.remove_suffix(1);
    if (!glob.empty()) normalized.emplace_back(glob);
  }
  return normalized;
}

enum class ReadStatus { ok, not_regular, unreadable };

// Reads a small regular file. O_NONBLOCK plus the fstat check mean that a FIFO swapped in after
// the directory was listed can neither block the walk nor be read.
ReadStatus read_regular_file(const fs::path& path, std::string& text) {
  const int descriptor = ::open(path.c_str(), O_RDONLY | O_NONBLOCK | O_CLOEXEC | O_NOCTTY);
  if (descriptor < 0) return ReadStatus::unreadable;
  struct stat info {};
  if (::fstat(descriptor, &info) != 0 || !S_ISREG(info.st_mode) ||
      static_cast<std::size_t>(info.st_size) > kMaxIgnoreFileBytes) {
    ::close(descriptor);
    return ReadStatus::not_regular;
  }
  text.clear();
  char buffer[16384];
  ssize_t count = 0;
  while ((count = ::read(descriptor, buffer, sizeof buffer)) > 0 && text.size() < kMaxIgnoreFileBytes) {
    text.append(buffer, static_cast<std::size_t>(count));
  }
  ::close(descriptor);
  return count < 0 ? ReadStatus::unreadable : ReadStatus::ok;
}

class TreeWalker {
 public:
  explicit TreeWalker(const WalkOptions& options) : options_(options), ignore_globs_(normalized_ignore_globs(options.ignore_globs)) {}

  WalkResult walk(const fs::path& root) {
    if (start_at(root)) {
      while (!pending_.empty()) {
        PendingDirectory directory = std::move(pending_.back());
        pending_.pop_back();
        walk_directory(directory);
      }
    }
    std::sort(result_.files.begin(), result_.files.end());
    result_.files.erase(std::unique(result_.files.begin(), result_.files.end()), result_.files.end());
    std::sort(result_.warnings.begin(), result_.warnings.end());
    return std::move(result_);
  }

 private:
  bool start_at(const fs::path& root) {
    std::error_code error;
    root_ = fs::canonical(root, error);
    struct stat info {};
    if (error || ::stat(root_.c_str(), &info) != 0 || !S_ISDIR(info.st_mode)) {
      warn("", kUnreadableRoot);
      return false;
    }
    root_text_ = root_.native();
    if (options_.honour_gitignore) load_ignore_file(root_ / ".git" / "info" / "exclude", "", ".git/info/exclude");
    directories_.push_back({DirectoryId{info.st_dev, info.st_ino}, kNoParent});
    pending_.push_back({root_, "", 0});
    return true;
  }

  void walk_directory(const PendingDirectory& directory) {
    const std::vector<ListedEntry> entries = list_directory(directory);
    if (options_.honour_gitignore) load_gitignore_of(directory, entries);
    std::vector<PendingDirectory> subdirectories;
    for (const ListedEntry& entry : entries) {
      handle_entry(directory, entry, subdirectories);
    }
    // Pushed in reverse so they are walked in name order: decisions about links stay deterministic.
    for (auto subdirectory = subdirectories.rbegin(); subdirectory != subdirectories.rend(); ++subdirectory) {
      pending_.push_back(std::move(*subdirectory));
    }
  }

  // readdir's d_type names each entry's type without a system call per entry (std::filesystem's
  // directory_entry::symlink_status() calls lstat); a file system that leaves it unknown gets one.
  std::vector<ListedEntry> list_directory(const PendingDirectory& directory) {
    std::vector<ListedEntry> entries;
    DIR* listing = ::opendir(directory.disk_path.c_str());
    if (listing == nullptr) {
      warn(directory.relative_path, kUnreadableDirectory);
      return entries;
    }
    while (true) {
      errno = 0;
      const dirent* entry = ::readdir(listing);
      if (entry == nullptr) {
        if (errno != 0) warn(directory.relative_path, kDirectoryReadError);
        break;
      }
      const std::string_view name = entry->d_name;
      if (name == "." || name == "..") continue;
      entries.push_back({std::string(name), listed_type(::dirfd(listing), entry)});
    }
    ::closedir(listing);
    std::sort(entries.begin(), entries.end(), [](const ListedEntry& a, const ListedEntry& b) { return a.name < b.name; });
    return entries;
  }

  static fs::file_type listed_type(int directory_fd, const dirent* entry) {
    switch (entry->d_type) {
      case DT_REG: return fs::file_type::regular;
      case DT_DIR: return fs::file_type::directory;
      case DT_LNK: return fs::file_type::symlink;
      case DT_FIFO: return fs::file_type::fifo;
      case DT_SOCK: return fs::file_type::socket;
      case DT_CHR: return fs::file_type::character;
      case DT_BLK: return fs::file_type::block;
      default: break;
    }
    struct stat info {};
    if (::fstatat(directory_fd, entry->d_name, &info, AT_SYMLINK_NOFOLLOW) != 0) return fs::file_type::none;  // vanished
    return file_type_of_mode(info.st_mode);
  }

  void load_gitignore_of(const PendingDirectory& directory, const std::vector<ListedEntry>& entries) {
    const auto gitignore = std::find_if(entries.begin(), entries.end(), [](const ListedEntry& e) { return e.name == ".gitignore"; });
    if (gitignore == entries.end()) return;
    if (gitignore->type != fs::file_type::regular && gitignore->type != fs::file_type::symlink) return;
    load_ignore_file(directory.disk_path / ".gitignore", directory.relative_path,
                     child_path(directory.relative_path, ".gitignore"));
  }

  // Reads one ignore file into the matcher, unless it lives (or points) outside the root.
  void load_ignore_file(const fs::path& disk_path, std::string_view base_dir, std::string_view reported) {
    std::error_code error;
    const fs::path target = fs::canonical(disk_path, error);
    if (error || !is_inside_root(target)) return;
    std::string text;
    const ReadStatus status = read_regular_file(target, text);
    if (status == ReadStatus::unreadable) warn(reported, kUnreadableIgnoreFile);
    if (status == ReadStatus::ok) gitignore_.add_patterns(base_dir, text);
  }

  void handle_entry(const PendingDirectory& parent, const ListedEntry& entry, std::vector<PendingDirectory>& subdirectories) {
    const std::string path = child_path(parent.relative_path, entry.name);
    const ResolvedEntry resolved = resolve(parent.disk_path / entry.name, entry.type);
    if (is_always_skipped(entry.name, resolved)) return;
    if (is_ignored(path, resolved.kind == ResolvedEntry::Kind::directory)) return;
    switch (resolved.kind) {
      case ResolvedEntry::Kind::regular_file: result_.files.push_back(path); break;
      case ResolvedEntry::Kind::directory: enter_directory(parent, path, resolved, subdirectories); break;
      case ResolvedEntry::Kind::special_file:
        warn(path, "skipped " + special_file_kind(resolved.special_type) + ": not a regular file");
        break;
      case ResolvedEntry::Kind::broken_link: warn(path, kBrokenLink); break;
      case ResolvedEntry::Kind::link_loop: warn(path, kLinkLoop); break;
      case ResolvedEntry::Kind::link_outside_root: warn(path, kLinkOutsideRoot); break;
      case ResolvedEntry::Kind::link_into_skipped_directory: break;
      case ResolvedEntry::Kind::vanished: break;  // removed while we walked: nothing to report
    }
  }

  ResolvedEntry resolve(const fs::path& disk_path, fs::file_type listed_type) const {
    if (listed_type == fs::file_type::symlink) return resolve_link(disk_path);
    ResolvedEntry resolved;
    resolved.disk_path = disk_path;
    switch (listed_type) {
      case fs::file_type::regular: resolved.kind = ResolvedEntry::Kind::regular_file; return resolved;
      case fs::file_type::directory: {
        struct stat info {};
        if (::stat(disk_path.c_str(), &info) != 0) return resolved;  // vanished
        resolved.kind = ResolvedEntry::Kind::directory;
        resolved.directory_id = {info.st_dev, info.st_ino};
        return resolved;
      }
      case fs::file_type::none:
      case fs::file_type::not_found: return resolved;  // vanished
      default:
        resolved.kind = ResolvedEntry::Kind::special_file;
        resolved.special_type = listed_type;
        return resolved;
    }
  }

  ResolvedEntry resolve_link(const fs::path& link_path) const {
    ResolvedEntry resolved;
    resolved.through_link = true;
    struct stat info {};
    if (::stat(link_path.c_str(), &info) != 0) {
      resolved.kind = errno == ELOOP ? ResolvedEntry::Kind::link_loop : ResolvedEntry::Kind::broken_link;
      return resolved;
    }
    std::error_code error;
    resolved.disk_path = fs::canonical(link_path, error);
    if (error) {
      resolved.kind = ResolvedEntry::Kind::broken_link;
    } else if (!is_inside_root(resolved.disk_path)) {
      resolved.kind = ResolvedEntry::Kind::link_outside_root;
    } else if (is_inside_always_skipped_directory(resolved.disk_path)) {
      resolved.kind = ResolvedEntry::Kind::link_into_skipped_directory;
    } else if (S_ISDIR(info.st_mode)) {
      resolved.kind = ResolvedEntry::Kind::directory;
      resolved.directory_id = {info.st_dev, info.st_ino};
    } else if (S_ISREG(info.st_mode)) {
      resolved.kind = ResolvedEntry::Kind::regular_file;
    } else {
      resolved.kind = ResolvedEntry::Kind::special_file;
      resolved.special_type = file_type_of_mode(info.st_mode);
    }
    return resolved;
  }

  static bool is_always_skipped_name(std::string_view name) {
    return std::find(kAlwaysSkippedDirectories.begin(), kAlwaysSkippedDirectories.end(), name) !=
           kAlwaysSkippedDirectories.end();
  }

  static bool is_always_skipped(std::string_view name, const ResolvedEntry& resolved) {
    if (name == ".git") return true;  // a directory, or in worktrees and submodules a pointer file
    return resolved.kind == ResolvedEntry::Kind::directory && is_always_skipped_name(name);
  }

  // A link must not smuggle in what the walk never enters itself (say "objects -> .git/objects").
  bool is_inside_always_skipped_directory(const fs::path& canonical_path) const {
    std::string_view below_root = std::string_view(canonical_path.native()).substr(root_text_.size());
    for (const std::string& component : split(below_root, '/')) {
      if (is_always_skipped_name(component)) return true;
    }
    return false;
  }

  // Parents were checked before we descended, so checking the path itself covers "or any parent".
  bool is_ignored(std::string_view path, bool is_directory) const {
    for (const std::string& glob : ignore_globs_) {
      if (glob_matches(glob, path)) return true;
    }
    return options_.honour_gitignore && gitignore_.is_ignored(path, is_directory);
  }

  void enter_directory(const PendingDirectory& parent, const std::string& path, const ResolvedEntry& resolved,
                       std::vector<PendingDirectory>& subdirectories) {
    if (is_on_chain(parent.index, resolved.directory_id)) {
      warn(path, resolved.through_link ? kLinkLoop : kDirectoryLoop);
      return;
    }
    // Each directory is entered through links at most once: several links into one directory
    // (or into each other) would otherwise multiply the walk.
    if (resolved.through_link && !entered_through_link_.insert(resolved.directory_id).second) {
      warn(path, kLinkToWalkedDirectory);
      return;
    }
    directories_.push_back({resolved.directory_id, parent.index});
    subdirectories.push_back({resolved.disk_path, path, directories_.size() - 1});
  }

  // True when `id` is the directory at `index` or one of the directories it was reached through.
  bool is_on_chain(std::size_t index, const DirectoryId& id) const {
    for (; index != kNoParent; index = directories_[index].parent) {
      if (directories_[index].id == id) return true;
    }
    return false;
  }

  bool is_inside_root(const fs::path& canonical_path) const {
    const std::string& text = canonical_path.native();
    if (root_text_ == "/") return true;
    return text.starts_with(root_text_) && (text.size() == root_text_.size() || text[root_text_.size()] == '/');
  }

  void warn(std::string_view relative_path, std::string_view message) {
    result_.warnings.push_back({SourceLocation{reported_path(relative_path)}, std::string(message)});
  }

  const WalkOptions& options_;
  const std::vector<std::string> ignore_globs_;
  fs::path root_;
  std::string root_text_;
  GitignoreMatcher gitignore_;
  std::vector<WalkedDirectory> directories_;
  std::vector<PendingDirectory> pending_;
  std::set<DirectoryId> entered_through_link_;
  WalkResult result_;
};

}  // namespace

WalkResult walk_tree(const std::filesystem::path& root, const WalkOptions& options) {
  return TreeWalker(options).walk(root);
}

}  // namespace dbsilo
