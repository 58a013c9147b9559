// Front end for connection-proxy configuration files: which servers a proxy forwards to.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "dbsilo/facts.h"

namespace dbsilo {

// pgbouncer.ini, pgpool.conf, proxysql.cnf, odyssey.conf, mcrouter.json / *mcrouter*.json,
// nutcracker.yml / twemproxy.yml (.yaml too). Takes a file name or a path.
bool is_proxy_config_name(std::string_view file_name);

// The port a kind listens on when its file does not say ("pgbouncer" 6432, "pgpool" 9999,
// "proxysql" 6033, "odyssey" 6432, "mcrouter" 5000, "twemproxy" 22121); 0 for other kinds.
int default_proxy_listen_port(std::string_view kind);

// The proxies a file declares (one per twemproxy pool, otherwise at most one), chosen by the
// file name in `path`. listen_port is always filled (the kind's default when not written);
// a backend without a port gets its engine's default (5432 PostgreSQL proxies, 3306 ProxySQL,
// 11211 memcached, 6379 twemproxy with `redis: true`). Passwords are never read. A backend
// reached over a Unix socket (pgbouncer without host=) has host "". mcrouter and twemproxy
// backends have no database. Broken input: a warning with its line, never an exception.
std::vector<ProxyFacts> read_proxy_config(std::string_view text, const std::string& path, std::vector<Warning>& warnings);

}  // namespace dbsilo
