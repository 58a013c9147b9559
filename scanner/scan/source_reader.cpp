// read_source_file: one open, checked with fstat and /proc/self/fd, so what is read is what was checked.
#include "scanner/scan/source_reader.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

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

}  // namespace

int first_invalid_utf8_line(std::string_view text) {
  int line = 1;
  std::size_t at = 0;
  while (at < text.size()) {
    const auto lead = static_cast<unsigned char>(text[at]);
    if (lead < 0x80) {
      if (lead == '\n') ++line;
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
      return line;  // a continuation byte or 0xF8..0xFF where a character should start
    }
    if (at + length > text.size()) return line;
    for (std::size_t i = 1; i < length; ++i) {
      const auto next = static_cast<unsigned char>(text[at + i]);
      if ((next & 0xC0) != 0x80) return line;
      code_point = (code_point << 6) | (next & 0x3F);
    }
    if (code_point < minimum || code_point > 0x10FFFF || (code_point >= 0xD800 && code_point <= 0xDFFF)) return line;
    at += length;
  }
  return 0;
}

std::optional<std::string> read_source_file(const std::filesystem::path& root, const std::string& relative_path,
                                            std::vector<Warning>& warnings) {
  const auto warn = [&](int line, std::string message) {
    warnings.push_back({{relative_path, line, 0}, std::move(message)});
    return std::nullopt;
  };
  // O_NONBLOCK: opening a FIFO that replaced the file must not wait for a writer.
  const Descriptor file(::open((root / relative_path).c_str(), O_RDONLY | O_NONBLOCK | O_CLOEXEC | O_NOCTTY));
  if (file.get() < 0) {
    if (errno == ENOENT) return warn(0, "skipped: the file vanished during the scan");
    return warn(0, std::string("could not open file: ") + std::strerror(errno));
  }
  struct stat info {};
  if (::fstat(file.get(), &info) != 0) return warn(0, std::string("could not read file: ") + std::strerror(errno));
  if (!S_ISREG(info.st_mode)) return warn(0, "skipped: no longer a regular file (replaced during the scan)");
  std::error_code error;
  const std::string canonical_root = std::filesystem::canonical(root, error).native();
  const std::string target = opened_path(file.get());
  if (error || target.empty() || !is_inside(target, canonical_root)) {
    return warn(0, "skipped: the file now leads outside the scanned root (replaced during the scan)");
  }
  if (static_cast<std::uintmax_t>(info.st_size) > kMaxSourceFileBytes) return warn(0, "skipped: larger than 8 MiB");

  std::string bytes;
  bytes.reserve(static_cast<std::size_t>(info.st_size));
  std::array<char, 65536> buffer{};
  while (true) {
    const ssize_t count = ::read(file.get(), buffer.data(), buffer.size());
    if (count == 0) break;
    if (count < 0) {
      if (errno == EINTR) continue;
      return warn(0, std::string("could not read file: ") + std::strerror(errno));
    }
    bytes.append(buffer.data(), static_cast<std::size_t>(count));
    // The file may grow while it is read: the cap holds for the bytes, not only for fstat's size.
    if (bytes.size() > kMaxSourceFileBytes) return warn(0, "skipped: larger than 8 MiB");
  }
  if (std::string_view(bytes).substr(0, kBinaryProbeBytes).find('\0') != std::string_view::npos) {
    return warn(0, "skipped: binary content in a text format");
  }
  if (const int line = first_invalid_utf8_line(bytes); line != 0) {
    warnings.push_back({{relative_path, line, 0}, "invalid UTF-8 (read as is; names holding it are printed with U+FFFD)"});
  }
  return bytes;
}

}  // namespace dbsilo
