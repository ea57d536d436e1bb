// Validation of registry input (ECONOMICS.md "Identity and registry", "Contracts"): names, relay
// and domain names, serials, interfaces, locations, node resources, public IPs with gateways.
//
// Contract:
// - Pure and deterministic: no locale, no floating point, no OS calls; integer math only.
// - A refusal is a core::Status with Code::invalid whose message is "<reason>: <detail>" (the
//   format of ledger/refusal.hpp, so refusal_reason() works on it), where <reason> is the stable
//   snake_case name of a RegistryRefusal (it goes into receipts) and <detail> is for humans and
//   may change. registry_refusal_of() recovers the enum.
// - Lengths are in bytes. "Printable ASCII" is 0x20..0x7e; "visible ASCII" is 0x21..0x7e.
// - The templates accept any struct with the WIRE.md field names (Resources, Location,
//   Interface, IpGw, PublicConfig), so this header does not own those types.
// Pure functions on values; thread-safe.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "core/status.hpp"
#include "ledger/ip_address.hpp"

namespace grid::ledger {

enum class RegistryRefusal : std::uint8_t {
  farm_name_too_short,
  farm_name_too_long,
  invalid_farm_name,
  name_contract_name_too_short,
  name_contract_name_too_long,
  invalid_name_contract_name,
  invalid_relay,
  invalid_domain,
  invalid_serial,
  invalid_interface_name,
  invalid_mac,
  invalid_interface_ip,
  invalid_country,
  invalid_city,
  invalid_latitude,
  invalid_longitude,
  cru_below_minimum,
  mru_below_minimum,
  sru_below_minimum,
  invalid_ipv4,
  ipv4_not_public,
  ipv4_network_address,
  ipv4_broadcast_address,
  invalid_ipv4_gateway,
  ipv4_gateway_not_public,
  ipv4_gateway_outside_subnet,
  ipv4_gateway_equals_ip,
  duplicate_ip,
  invalid_ipv6,
  ipv6_not_public,
  invalid_ipv6_gateway,
  ipv6_gateway_not_public,
  ipv6_gateway_outside_subnet,
  ipv6_gateway_equals_ip,
};
inline constexpr int kRegistryRefusalCount = 34;

// The stable receipt name, e.g. "farm_name_too_short".
std::string_view registry_refusal_name(RegistryRefusal refusal);
// Status::invalid("<name>: <detail>").
core::Status registry_refusal(RegistryRefusal refusal, std::string_view detail);
// The refusal a Status made by registry_refusal() carries; std::nullopt for ok or other statuses.
std::optional<RegistryRefusal> registry_refusal_of(const core::Status& status);

// Limits (ECONOMICS.md; the relay, serial and interface limits are Gridchain's choice).
inline constexpr std::size_t kFarmNameMin = 3, kFarmNameMax = 40;
inline constexpr std::size_t kNameContractNameMin = 3, kNameContractNameMax = 64;
inline constexpr std::size_t kHostNameMax = 253, kHostLabelMax = 63;
inline constexpr std::size_t kSerialMax = 128;
inline constexpr std::size_t kInterfaceNameMax = 64;
inline constexpr std::size_t kPlaceNameMax = 128;          // country, city
inline constexpr std::size_t kCoordinateFractionMax = 15;  // digits after the decimal point
inline constexpr std::uint64_t kMinNodeCru = 1;
inline constexpr std::uint64_t kMinNodeMru = std::uint64_t{2} << 30;    // 2 GiB
inline constexpr std::uint64_t kMinNodeSru = std::uint64_t{100} << 30;  // 100 GiB

// --- names --------------------------------------------------------------------------------------

// 3..40 bytes of [A-Za-z0-9_-].
core::Status validate_farm_name(std::string_view name);
// 3..64 bytes of [a-z0-9_-].
core::Status validate_name_contract_name(std::string_view name);
// A host name: 1..253 bytes, dot-separated labels of 1..63 [A-Za-z0-9-], none starting or ending
// with '-'; no trailing dot. A single label is accepted.
core::Status validate_relay(std::string_view relay);
// The same host-name rules with at least one dot.
core::Status validate_domain(std::string_view domain);
// 1..128 bytes of printable ASCII (spaces allowed: "To Be Filled By O.E.M.").
core::Status validate_serial(std::string_view serial);

// --- interfaces ---------------------------------------------------------------------------------

// 1..64 bytes of visible ASCII.
core::Status validate_interface_name(std::string_view name);
// "aa:bb:cc:dd:ee:ff": six pairs of hex digits (either case) separated by ':'.
core::Status validate_mac(std::string_view mac);
// A plain IPv4 or IPv6 address (no prefix); any range, interfaces may be private.
core::Status validate_interface_ip(std::string_view ip);

template <class Interface>  // { name, mac, ips } as in WIRE.md
core::Status validate_interface(const Interface& interface) {
  GRID_TRY(validate_interface_name(interface.name));
  GRID_TRY(validate_mac(interface.mac));
  for (const auto& ip : interface.ips) GRID_TRY(validate_interface_ip(ip));
  return core::Status::ok();
}

// --- location -----------------------------------------------------------------------------------

// 1..128 bytes of valid UTF-8 without control characters (C0, DEL, C1).
core::Status validate_country(std::string_view country);
core::Status validate_city(std::string_view city);
// A decimal "[-]I[.F]": I is 1..3 digits without leading zeros ("0" is fine), F is 1..15 digits;
// no '+', no exponent, no spaces, no empty part ("1." and ".5" are refused). "-0" is accepted.
// The value is compared exactly: latitude in [-90, 90], longitude in [-180, 180].
core::Status validate_latitude(std::string_view latitude);
core::Status validate_longitude(std::string_view longitude);
core::Status validate_location(std::string_view country, std::string_view city,
                               std::string_view latitude, std::string_view longitude);

template <class Location>  // { country, city, latitude, longitude } as in WIRE.md
core::Status validate_location(const Location& location) {
  return validate_location(location.country, location.city, location.latitude, location.longitude);
}

// --- resources ----------------------------------------------------------------------------------

// cru >= 1, mru >= 2 GiB, sru >= 100 GiB, hru any.
core::Status validate_node_resources(std::uint64_t cru, std::uint64_t mru, std::uint64_t sru,
                                     std::uint64_t hru);

template <class Resources>  // { cru, mru, sru, hru } as in WIRE.md
core::Status validate_node_resources(const Resources& r) {
  return validate_node_resources(r.cru, r.mru, r.sru, r.hru);
}

// Whether `new_value` differs from `old_value` by more than 1 %: |new - old| * 100 > old, in
// 128-bit arithmetic. With old == 0 any change counts. Exactly 1 % is not more than 1 %.
bool changed_more_than_one_percent(std::uint64_t old_value, std::uint64_t new_value);

// The certification rule: true when any of cru, mru, sru, hru changed by more than 1 %.
template <class Resources>
bool resources_changed_more_than_one_percent(const Resources& old_r, const Resources& new_r) {
  return changed_more_than_one_percent(old_r.cru, new_r.cru) ||
         changed_more_than_one_percent(old_r.mru, new_r.mru) ||
         changed_more_than_one_percent(old_r.sru, new_r.sru) ||
         changed_more_than_one_percent(old_r.hru, new_r.hru);
}

// --- public IPs ---------------------------------------------------------------------------------

struct Ipv4Gw {
  Ipv4Cidr ip;
  Ipv4 gateway;
  friend constexpr auto operator<=>(const Ipv4Gw&, const Ipv4Gw&) = default;
};

struct Ipv6Gw {
  Ipv6Cidr ip;
  Ipv6 gateway;
  friend constexpr auto operator<=>(const Ipv6Gw&, const Ipv6Gw&) = default;
};

// A farm public IP or a node's public ipv4: `ip` is "a.b.c.d/n" with n in 1..32, public
// unicast, and (when n <= 30) neither the network nor the broadcast address of its subnet;
// `gateway` is a plain public-unicast IPv4 inside that subnet, different from the IP.
core::Result<Ipv4Gw> validate_ipv4_gw(std::string_view ip, std::string_view gateway);
// A node's public ipv6: `ip` is "<ipv6>/n" with n in 0..128, public unicast; `gateway` is a plain
// public-unicast IPv6 inside that subnet, different from the IP.
core::Result<Ipv6Gw> validate_ipv6_gw(std::string_view ip, std::string_view gateway);

// Refuses (duplicate_ip) two entries with the same address, whatever their prefix or text.
core::Status check_no_duplicate_ips(std::span<const Ipv4Cidr> ips);
core::Status check_no_duplicate_ips(std::span<const Ipv4Gw> ips);

// Validates every farm IP ({ ip, gateway } as in WIRE.md) and that no address repeats; returns the
// parsed list in input order.
template <class IpGwRange>
core::Result<std::vector<Ipv4Gw>> validate_farm_ips(const IpGwRange& ips) {
  std::vector<Ipv4Gw> parsed;
  for (const auto& entry : ips) {
    GRID_ASSIGN(auto one, validate_ipv4_gw(entry.ip, entry.gateway));
    parsed.push_back(one);
  }
  GRID_TRY(check_no_duplicate_ips(std::span<const Ipv4Gw>(parsed)));
  return parsed;
}

// A node's public config ({ ipv4: IpGw, ipv6: option<IpGw>, domain: option<string> }).
template <class PublicConfig>
core::Status validate_public_config(const PublicConfig& config) {
  GRID_TRY(validate_ipv4_gw(config.ipv4.ip, config.ipv4.gateway).status());
  if (config.ipv6) GRID_TRY(validate_ipv6_gw(config.ipv6->ip, config.ipv6->gateway).status());
  if (config.domain) GRID_TRY(validate_domain(*config.domain));
  return core::Status::ok();
}

}  // namespace grid::ledger
