// Host identity: one spelling per server (loopback, case, brackets), placeholders, secret digests.
#include <arpa/inet.h>
#include <netinet/in.h>

#include <algorithm>
#include <array>
#include <cstring>

#include "dbsilo/text.h"
#include "languages/datastore/connection_string.h"

namespace dbsilo {
namespace {

// Names that /etc/hosts on common distributions maps to a loopback address. "0.0.0.0" and "::"
// are not loopback addresses, yet a client connecting to them reaches its own machine (Linux and
// macOS route the unspecified address to the local host), which is how they appear in client
// configuration copied from a server's listen address; so they also mean "localhost" here.
constexpr std::array<std::string_view, 8> loopback_names{
    "0.0.0.0", "::", "ip6-localhost", "ip6-loopback", "localhost", "localhost.localdomain", "localhost6",
    "localhost6.localdomain6",
};

bool is_loopback_ipv4(const std::string& host) {
  // inet_aton accepts what the resolver accepts ("127.1", "0x7f000001"), not only dotted quads;
  // it tolerates trailing blanks, so a host holding any blank is not an address at all.
  if (host.find_first_of(" \t\r\n\f\v") != std::string::npos) return false;
  in_addr address{};
  if (inet_aton(host.c_str(), &address) == 0) return false;
  const std::uint32_t value = ntohl(address.s_addr);
  return (value >> 24) == 127 || value == 0;
}

bool is_loopback_ipv6(std::string host) {
  host = host.substr(0, host.find('%'));  // a zone index ("::1%lo") does not change the address
  in6_addr address{};
  if (inet_pton(AF_INET6, host.c_str(), &address) != 1) return false;
  const unsigned char* bytes = address.s6_addr;
  static constexpr unsigned char zeros[16] = {};
  const bool upper_zero = std::memcmp(bytes, zeros, 10) == 0;
  if (upper_zero && std::memcmp(bytes + 10, zeros, 5) == 0 && (bytes[15] == 1 || bytes[15] == 0)) return true;  // ::1, ::
  const bool ipv4_mapped = upper_zero && bytes[10] == 0xff && bytes[11] == 0xff;
  return ipv4_mapped && bytes[12] == 127;
}

bool is_loopback(const std::string& lowered) {
  if (std::ranges::find(loopback_names, lowered) != loopback_names.end()) return true;
  return lowered.find(':') != std::string::npos ? is_loopback_ipv6(lowered) : is_loopback_ipv4(lowered);
}

}  // namespace

std::string canonical_host(std::string_view host) {
  host = trim(host);
  // Placeholders stay verbatim: variable names are case-sensitive and shown to the user as written.
  if (host_is_unresolved(host)) return std::string(host);
  // A Unix-domain socket path (libpq host=/var/run/postgresql, MongoDB %2Ftmp%2F...sock) or a
  // Linux abstract socket ("@name") is reached on the client's own machine.
  if (host.front() == '/' || host.front() == '@') return "localhost";
  host = host.size() >= 2 && host.front() == '[' && host.back() == ']' ? host.substr(1, host.size() - 2) : host;
  std::string lowered = to_lower(host);
  // "db.example.com." is the fully qualified spelling of "db.example.com".
  if (lowered.size() > 1 && lowered.back() == '.') lowered.pop_back();
  return is_loopback(lowered) ? "localhost" : lowered;
}

bool host_is_unresolved(std::string_view host) {
  return host.empty() || host.find("${") != std::string_view::npos || host.front() == '$';
}

std::uint64_t secret_digest(std::string_view secret) {
  // The salt makes these digests dbsilo's own: a short common password does not produce the
  // plain FNV-1a value anyone can look up, and no other fingerprint in the report can equal it.
  constexpr std::string_view salt = "dbsilo/secret-digest/v1";
  return fnv1a64(secret, fnv1a64(salt));
}

}  // namespace dbsilo
