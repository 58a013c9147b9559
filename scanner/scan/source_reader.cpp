// read_source_file: one open (openat2 beneath the root, else checked with /proc/self/fd) and fstat, so
// what is read is what was checked.
#include "scanner/scan/source_reader.h"

#include <fcntl.h>
#include <linux/openat2.h>
#include <sys/syscall.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <array>
#include <cerrno>
#include <cstring>

namespace dbsilo {
namespace {

constexpr std::size_t kBinaryProbeBytes = 8192;

// Closes the descriptor on every return path.
class Descriptor {
 public:
  explicit Descriptor(int fd) : fd_(fd) {}
  Descriptor(const Descriptor&) = delete;
  Descriptor& operator=(const Descriptor&) = delete;
  ~Descriptor() {
    if (fd_ >= 0) ::close(fd_);
  }
  int get() const { return fd_; }

 private:
  int fd_;
};

bool is_inside(const std::string& path, const std::string& root) {
  if (root == "/") return true;
  return path.starts_with(root) && (path.size() == root.size() || path[root.size()] == '/');
}

// Where the open descriptor really leads: links in any component resolved by the kernel at open
// time, so a link swapped in after the walk cannot point the read elsewhere. Empty when unknown.
std::string opened_path(int fd) {
  std::array<char, 4096> target{};
  const std::string link = "/proc/self/fd/" + std::to_string(fd);
  const ssize_t length = ::readlink(link.c_str(), target.data(), target.size() - 1);
  if (length <= 0) return {};
  return std::string(target.data(), static_cast<std::size_t>(length));
}

// What reading below one root needs of the root itself, worked out once per thread rather than
// once per file (the canonical path was a readlink per component of the root, for every file):
// its path without links (empty when it cannot be resolved) and a descriptor for openat2. The
// descriptor is closed when the thread ends.
struct RootHandles {
  std::filesystem::path root;
  std::string canonical;
  int fd = -1;
  RootHandles() = default;
  RootHandles(const RootHandles&) = delete;
  RootHandles& operator=(const RootHandles&) = delete;
  ~RootHandles() {
    if (fd >= 0) ::close(fd);
  }
};

const RootHandles& handles_of(const std::filesystem::path& root) {
  thread_local RootHandles held;
  if (held.root.empty() || held.root != root) {
    if (held.fd >= 0) ::close(held.fd);
    std::error_code error;
    const std::filesystem::path canonical = std::filesystem::canonical(root, error);
    held.root = root;
    held.canonical = error ? std::string() : canonical.native();
    held.fd = ::open(root.c_str(), O_PATH | O_DIRECTORY | O_CLOEXEC);
  }
  return held;
}

// Opens root/relative_path with the kernel refusing any resolution that leaves the root
// (openat2 RESOLVE_BENEATH, Linux 5.6+): what it opens is inside by construction, so the
// /proc/self/fd check is not needed, and the root's own path is not walked again. -1 when that
// cannot be used or refuses (an absolute link, even one back inside the root): the caller then
// opens by path and checks where the descriptor leads.
int open_beneath(const std::filesystem::path& root, const std::string& relative_path, int flags) {
#ifdef SYS_openat2
  const int root_fd = handles_of(root).fd;
  if (root_fd < 0) return -1;
  open_how how{};
  how.flags = static_cast<std::uint64_t>(flags);
  how.resolve = RESOLVE_BENEATH | RESOLVE_NO_MAGICLINKS;
  return static_cast<int>(::syscall(SYS_openat2, root_fd, relative_path.c_str(), &how, sizeof how));
#else
  (void)root, (void)relative_path, (void)flags;
  return -1;
#endif
}

}  // namespace

int first_invalid_utf8_line(std::string_view text) {
  // Source is almost all ASCII: eight bytes at a time until one has its high bit set, and lines
  // are counted only when there is a bad sequence to name.
  constexpr std::uint64_t kHighBits = 0x8080808080808080ULL;
  std::size_t at = 0;
  const auto line_of = [&](std::size_t position) {
    return 1 + static_cast<int>(std::count(text.begin(), text.begin() + static_cast<std::ptrdiff_t>(position), '\n'));
  };
  while (at < text.size()) {
    if (at + 8 <= text.size()) {
      std::uint64_t word = 0;
      std::memcpy(&word, text.data() + at, 8);
      if ((word & kHighBits) == 0) {
        at += 8;
        continue;
      }
    }
    const auto lead = static_cast<unsigned char>(text[at]);
    if (lead < 0x80) {
      ++at;
      continue;
    }
    std::size_t length = 0;
    std::uint32_t code_point = 0;
    std::uint32_t minimum = 0;
    if ((lead & 0xE0) == 0xC0) {
      length = 2, code_point = lead & 0x1F, minimum = 0x80;
    } else if ((lead & 0xF0) == 0xE0) {
      length = 3, code_point = lead & 0x0F, minimum = 0x800;
    } else if ((lead & 0xF8) == 0xF0) {
      length = 4, code_point = lead & 0x07, minimum = 0x10000;
    } else {
      return line_of(at);  // a continuation byte or 0xF8..0xFF where a character should start
    }
    if (at + length > text.size()) return line_of(at);
    for (std::size_t i = 1; i < length; ++i) {
      const auto next = static_cast<unsigned char>(text[at + i]);
      if ((next & 0xC0) != 0x80) return line_of(at);
      code_point = (code_point << 6) | (next & 0x3F);
    }
    if (code_point < minimum || code_point > 0x10FFFF || (code_point >= 0xD800 && code_point <= 0xDFFF)) return line_of(at);
    at += length;
  }
  return 0;
}

std::optional<std::string> read_source_file(const std::filesystem::path& root, const std::string& relative_path,
                                            std::vector<Warning>& warnings, struct stat* opened) {
  const auto warn = [&](int line, std::string message) {
    warnings.push_back({{relative_path, line, 0}, std::move(message)});
    return std::nullopt;
  };
  // O_NONBLOCK: opening a FIFO that replaced the file must not wait for a writer.
  constexpr int kOpenFlags = O_RDONLY | O_NONBLOCK | O_CLOEXEC | O_NOCTTY;
  int fd = open_beneath(root, relative_path, kOpenFlags);
  const bool contained_by_kernel = fd >= 0;
  if (fd < 0 && errno == ENOENT) return warn(0, "skipped: the file vanished during the scan");
  if (!contained_by_kernel) fd = ::open((root / relative_path).c_str(), kOpenFlags);
  const Descriptor file(fd);
  if (file.get() < 0) {
    if (errno == ENOENT) return warn(0, "skipped: the file vanished during the scan");
    return warn(0, std::string("could not open file: ") + std::strerror(errno));
  }
  struct stat info {};
  if (::fstat(file.get(), &info) != 0) return warn(0, std::string("could not read file: ") + std::strerror(errno));
  if (!S_ISREG(info.st_mode)) return warn(0, "skipped: no longer a regular file (replaced during the scan)");
  if (opened) *opened = info;
  if (!contained_by_kernel) {
    const std::string& canonical_root = handles_of(root).canonical;
    const std::string target = opened_path(file.get());
    if (canonical_root.empty() || target.empty() || !is_inside(target, canonical_root)) {
      return warn(0, "skipped: the file now leads outside the scanned root (replaced during the scan)");
    }
  }
  if (static_cast<std::uintmax_t>(info.st_size) > kMaxSourceFileBytes) return warn(0, "skipped: larger than 8 MiB");

  // Read straight into the result, one byte more than fstat's size so that growth since then is
  // seen; the file may grow while it is read: the cap holds for the bytes, not only for the size.
  std::string bytes(static_cast<std::size_t>(info.st_size) + 1, '\0');
  std::size_t filled = 0;
  while (true) {
    if (filled == bytes.size()) {
      if (bytes.size() > kMaxSourceFileBytes) return warn(0, "skipped: larger than 8 MiB");
      bytes.resize(std::min(bytes.size() * 2, kMaxSourceFileBytes + 1));
    }
    const ssize_t count = ::read(file.get(), bytes.data() + filled, bytes.size() - filled);
    if (count == 0) break;
    if (count < 0) {
      if (errno == EINTR) continue;
      return warn(0, std::string("could not read file: ") + std::strerror(errno));
    }
    filled += static_cast<std::size_t>(count);
  }
  if (filled > kMaxSourceFileBytes) return warn(0, "skipped: larger than 8 MiB");
  bytes.resize(filled);
  if (std::string_view(bytes).substr(0, kBinaryProbeBytes).find('\0') != std::string_view::npos) {
    return warn(0, "skipped: binary content in a text format");
  }
  if (const int line = first_invalid_utf8_line(bytes); line != 0) {
    warnings.push_back({{relative_path, line, 0}, "invalid UTF-8 (read as is; names holding it are printed with U+FFFD)"});
  }
  return bytes;
}

}  // namespace dbsilo
