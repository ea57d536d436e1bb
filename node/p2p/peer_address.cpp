#include "node/p2p/peer_address.hpp"

#include <charconv>

#include "core/bytes.hpp"

namespace grid::node::p2p {

std::string PeerAddress::host_port() const {
  const bool v6 = host.find(':') != std::string::npos;
  return (v6 ? "[" + host + "]" : host) + ":" + std::to_string(port);
}

std::string PeerAddress::to_string() const {
  return key ? core::hex_encode(*key) + "@" + host_port() : host_port();
}

core::Result<PeerAddress> parse_peer_address(std::string_view text) {
  auto refuse = [&](std::string_view why) {
    return core::Status::invalid("peer address \"" + std::string(text) + "\": " + std::string(why) +
                                 " (expected [<node key hex>@]host:port)");
  };
  PeerAddress out;
  std::string_view rest = text;
  if (auto at = rest.find('@'); at != std::string_view::npos) {
    auto key = core::hex_decode_fixed<32>(rest.substr(0, at));
    if (!key) return refuse("the node key must be 64 hex characters");
    out.key = *key;
    rest.remove_prefix(at + 1);
  }
  std::string_view port_text;
  if (!rest.empty() && rest.front() == '[') {
    const auto close = rest.find(']');
    if (close == std::string_view::npos || close + 1 >= rest.size() || rest[close + 1] != ':')
      return refuse("an IPv6 host must be written [addr]:port");
    out.host = std::string(rest.substr(1, close - 1));
    port_text = rest.substr(close + 2);
  } else {
    const auto colon = rest.rfind(':');
    if (colon == std::string_view::npos) return refuse("missing :port");
    out.host = std::string(rest.substr(0, colon));
    if (out.host.find(':') != std::string::npos)
      return refuse("an IPv6 host must be written [addr]:port");
    port_text = rest.substr(colon + 1);
  }
  if (out.host.empty()) return refuse("empty host");
  unsigned port = 0;
  const auto [end, ec] =
      std::from_chars(port_text.data(), port_text.data() + port_text.size(), port);
  if (ec != std::errc() || end != port_text.data() + port_text.size() || port == 0 || port > 65535)
    return refuse("the port must be 1..65535");
  out.port = static_cast<std::uint16_t>(port);
  return out;
}

}  // namespace grid::node::p2p
