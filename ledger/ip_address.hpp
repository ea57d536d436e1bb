// IPv4 and IPv6 addresses: strict text parsing, canonical formatting, subnet arithmetic and the
// special-purpose ranges that the registry refuses as "not public unicast".
//
// Contract:
// - Parsers are hand-written, locale-free and allocation-free; they accept exactly one address
//   and nothing around it (no spaces, no zone id "%eth0", no brackets), and return std::nullopt
//   on any malformation.
//   * IPv4: dotted quad "a.b.c.d", each part 0..255 in decimal without leading zeros ("0" is
//     fine, "01" is not), 1 to 3 digits.
//   * IPv4 CIDR: "a.b.c.d/n", n in 0..32, decimal without leading zeros.
//   * IPv6: the text forms of RFC 4291 section 2.2: eight groups of 1-4 hex digits (either
//     case), one optional "::" standing for one or more zero groups, and an optional dotted-quad
//     IPv4 tail in place of the last two groups ("::ffff:192.0.2.1").
//   * IPv6 CIDR: "<ipv6>/n", n in 0..128.
// - A CIDR value keeps the host address as written (the interface address, not the network).
// - to_string writes the canonical form: dotted quad for IPv4; RFC 5952 for IPv6 (lowercase, no
//   leading zeros, the longest run of two or more zero groups shortened to "::", the first such
//   run on a tie, and "::ffff:a.b.c.d" for IPv4-mapped addresses).
// - Special ranges: see ipv4_special_range / ipv6_special_range. Everything else is public
//   unicast.
// Pure functions on values; thread-safe.
#pragma once

#include <array>
#include <compare>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace grid::ledger {

struct Ipv4 {
  std::uint32_t addr = 0;  // host order: 1.2.3.4 is 0x01020304
  friend constexpr auto operator<=>(const Ipv4&, const Ipv4&) = default;
};

struct Ipv4Cidr {
  std::uint32_t addr = 0;   // the host address as written, host order
  std::uint8_t prefix = 0;  // 0..32
  constexpr Ipv4 address() const { return Ipv4{addr}; }
  friend constexpr auto operator<=>(const Ipv4Cidr&, const Ipv4Cidr&) = default;
};

struct Ipv6 {
  std::array<std::uint8_t, 16> addr{};  // network order
  friend constexpr auto operator<=>(const Ipv6&, const Ipv6&) = default;
};

struct Ipv6Cidr {
  std::array<std::uint8_t, 16> addr{};  // the host address as written, network order
  std::uint8_t prefix = 0;              // 0..128
  constexpr Ipv6 address() const { return Ipv6{addr}; }
  friend constexpr auto operator<=>(const Ipv6Cidr&, const Ipv6Cidr&) = default;
};

std::optional<Ipv4> parse_ipv4(std::string_view text);
std::optional<Ipv4Cidr> parse_ipv4_cidr(std::string_view text);
std::optional<Ipv6> parse_ipv6(std::string_view text);
std::optional<Ipv6Cidr> parse_ipv6_cidr(std::string_view text);

std::string to_string(Ipv4 ip);
std::string to_string(Ipv4Cidr cidr);
std::string to_string(const Ipv6& ip);
std::string to_string(const Ipv6Cidr& cidr);

// The netmask of a prefix length (0 -> 0, 24 -> 0xffffff00, 32 -> 0xffffffff); prefix <= 32.
constexpr std::uint32_t ipv4_netmask(std::uint8_t prefix) {
  return prefix == 0 ? 0u : ~std::uint32_t{0} << (32 - (prefix > 32 ? 32 : prefix));
}
// The first and last address of the subnet (all host bits 0, all host bits 1).
constexpr Ipv4 network_address(Ipv4Cidr cidr) {
  return Ipv4{cidr.addr & ipv4_netmask(cidr.prefix)};
}
constexpr Ipv4 broadcast_address(Ipv4Cidr cidr) {
  return Ipv4{cidr.addr | ~ipv4_netmask(cidr.prefix)};
}
// Whether `ip` lies inside the subnet of `cidr` (same network bits).
constexpr bool subnet_contains(Ipv4Cidr cidr, Ipv4 ip) {
  return ((cidr.addr ^ ip.addr) & ipv4_netmask(cidr.prefix)) == 0;
}
bool subnet_contains(const Ipv6Cidr& cidr, const Ipv6& ip);

// The special-purpose range containing `ip`, as "<range> (<purpose>)", e.g.
// "10.0.0.0/8 (private)"; empty when `ip` is public unicast. IPv4 ranges refused:
// 0.0.0.0/8, 10.0.0.0/8, 100.64.0.0/10, 127.0.0.0/8, 169.254.0.0/16, 172.16.0.0/12,
// 192.0.0.0/24, 192.0.2.0/24, 192.88.99.0/24, 192.168.0.0/16, 198.18.0.0/15, 198.51.100.0/24,
// 203.0.113.0/24, 224.0.0.0/4, 240.0.0.0/4 (which holds 255.255.255.255).
std::string_view ipv4_special_range(Ipv4 ip);
// IPv6 ranges refused: ::/128, ::1/128, ::ffff:0:0/96, 2001:db8::/32, fc00::/7, fe80::/10,
// ff00::/8.
std::string_view ipv6_special_range(const Ipv6& ip);

inline bool is_public_unicast(Ipv4 ip) {
  return ipv4_special_range(ip).empty();
}
inline bool is_public_unicast(const Ipv6& ip) {
  return ipv6_special_range(ip).empty();
}

}  // namespace grid::ledger
