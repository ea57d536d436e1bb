#include "tools/client/endpoint.hpp"

#include "tools/client/cli_args.hpp"

namespace grid::tools {

core::Result<RpcEndpoint> parse_rpc_url(std::string_view url) {
  const std::string what = "'" + std::string(url) + "': ";
  constexpr std::string_view kScheme = "http://";
  if (url.substr(0, kScheme.size()) != kScheme)
    return core::Status::invalid(what + "expected http://HOST:PORT");
  std::string_view rest = url.substr(kScheme.size());
  for (std::string_view suffix : {"/rpc", "/"})
    if (rest.size() > suffix.size() && rest.substr(rest.size() - suffix.size()) == suffix) {
      rest.remove_suffix(suffix.size());
      break;
    }
  std::size_t colon = rest.rfind(':');
  if (colon == std::string_view::npos || colon == 0)
    return core::Status::invalid(what + "expected http://HOST:PORT");
  std::string_view host = rest.substr(0, colon);
  if (host.find_first_of("/?#@ ") != std::string_view::npos)
    return core::Status::invalid(what + "bad host");
  auto port = parse_u64_arg("port", rest.substr(colon + 1), 1, 65535);
  if (!port) return core::Status::invalid(what + port.error().message());
  return RpcEndpoint{std::string(host), static_cast<int>(*port)};
}

}  // namespace grid::tools
