// RpcEndpoint: where a command-line tool reaches a node's JSON-RPC server, and the parser of the
// URLs people type for it.
//
// Contract: parse_rpc_url accepts http://HOST:PORT with an optional trailing "/" or "/rpc" and
// returns Code::invalid naming the URL otherwise (https is not served by the node). Pure; thread-
// safe.
#pragma once

#include <string>
#include <string_view>

#include "core/status.hpp"

namespace grid::tools {

struct RpcEndpoint {
  std::string host;
  int port = 0;
  std::string url() const { return "http://" + host + ":" + std::to_string(port); }
};

core::Result<RpcEndpoint> parse_rpc_url(std::string_view url);

}  // namespace grid::tools
