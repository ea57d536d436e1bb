#include "ledger/validation.hpp"

#include <algorithm>
#include <array>

#include "core/utf8.hpp"
#include "ledger/refusal.hpp"

namespace grid::ledger {
namespace {

__extension__ using U128 = unsigned __int128;

constexpr std::array<std::string_view, kRegistryRefusalCount> kRefusalNames = {
    "farm_name_too_short",
    "farm_name_too_long",
    "invalid_farm_name",
    "name_contract_name_too_short",
    "name_contract_name_too_long",
    "invalid_name_contract_name",
    "invalid_relay",
    "invalid_domain",
    "invalid_serial",
    "invalid_interface_name",
    "invalid_mac",
    "invalid_interface_ip",
    "invalid_country",
    "invalid_city",
    "invalid_latitude",
    "invalid_longitude",
    "cru_below_minimum",
    "mru_below_minimum",
    "sru_below_minimum",
    "invalid_ipv4",
    "ipv4_not_public",
    "ipv4_network_address",
    "ipv4_broadcast_address",
    "invalid_ipv4_gateway",
    "ipv4_gateway_not_public",
    "ipv4_gateway_outside_subnet",
    "ipv4_gateway_equals_ip",
    "duplicate_ip",
    "invalid_ipv6",
    "ipv6_not_public",
    "invalid_ipv6_gateway",
    "ipv6_gateway_not_public",
    "ipv6_gateway_outside_subnet",
    "ipv6_gateway_equals_ip",
};
static_assert(static_cast<int>(RegistryRefusal::ipv6_gateway_equals_ip) + 1 ==
              kRegistryRefusalCount);

using R = RegistryRefusal;

core::Status fail(R refusal, std::string_view detail) {
  return registry_refusal(refusal, detail);
}

constexpr bool is_digit(char c) {
  return c >= '0' && c <= '9';
}
constexpr bool is_lower_alnum(char c) {
  return (c >= 'a' && c <= 'z') || is_digit(c);
}
constexpr bool is_alnum(char c) {
  return is_lower_alnum(c) || (c >= 'A' && c <= 'Z');
}
constexpr bool is_hex(char c) {
  return is_digit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
}

// The first byte of `text` that `allowed` refuses, or npos.
template <class Pred>
std::size_t find_refused(std::string_view text, Pred allowed) {
  for (std::size_t i = 0; i < text.size(); ++i)
    if (!allowed(text[i])) return i;
  return std::string_view::npos;
}

// "byte 0x2e at offset 3" for a refused byte (never echoes raw bytes into receipts).
std::string describe_byte(std::string_view text, std::size_t at) {
  constexpr char kHex[] = "0123456789abcdef";
  auto c = static_cast<unsigned char>(text[at]);
  std::string out = "byte 0x";
  out.push_back(kHex[c >> 4]);
  out.push_back(kHex[c & 0xf]);
  out += " at offset " + std::to_string(at);
  return out;
}

std::string length_detail(std::size_t size, std::size_t min, std::size_t max) {
  return "length " + std::to_string(size) + ", allowed " + std::to_string(min) + ".." +
         std::to_string(max);
}

core::Status validate_name(std::string_view name, std::size_t min, std::size_t max,
                           bool (*allowed)(char), R too_short, R too_long, R bad_char) {
  if (name.size() < min) return fail(too_short, length_detail(name.size(), min, max));
  if (name.size() > max) return fail(too_long, length_detail(name.size(), min, max));
  auto at = find_refused(name, allowed);
  if (at != std::string_view::npos) return fail(bad_char, describe_byte(name, at));
  return core::Status::ok();
}

// Host-name rules shared by relay and domain; an empty string when valid, else the reason.
std::string host_name_problem(std::string_view host, bool need_dot) {
  if (host.empty() || host.size() > kHostNameMax)
    return length_detail(host.size(), 1, kHostNameMax);
  std::size_t labels = 0;
  std::size_t start = 0;
  while (true) {
    std::size_t end = host.find('.', start);
    if (end == std::string_view::npos) end = host.size();
    std::string_view label = host.substr(start, end - start);
    ++labels;
    if (label.empty()) return "empty label at offset " + std::to_string(start);
    if (label.size() > kHostLabelMax)
      return "label at offset " + std::to_string(start) + " longer than 63";
    auto at = find_refused(label, [](char c) { return is_alnum(c) || c == '-'; });
    if (at != std::string_view::npos) return describe_byte(host, start + at);
    if (label.front() == '-' || label.back() == '-')
      return "label at offset " + std::to_string(start) + " starts or ends with '-'";
    if (end == host.size()) break;
    start = end + 1;
  }
  if (need_dot && labels < 2) return "a domain needs at least one dot";
  return {};
}

constexpr bool is_printable_ascii(char c) {
  return c >= 0x20 && c <= 0x7e;
}
constexpr bool is_visible_ascii(char c) {
  return c > 0x20 && c <= 0x7e;
}

core::Status validate_place_name(std::string_view text, R refusal) {
  if (text.empty() || text.size() > kPlaceNameMax)
    return fail(refusal, length_detail(text.size(), 1, kPlaceNameMax));
  if (!core::is_valid_utf8(text)) return fail(refusal, "not valid UTF-8");
  for (std::size_t i = 0; i < text.size(); ++i) {
    auto c = static_cast<unsigned char>(text[i]);
    bool c0_or_del = c < 0x20 || c == 0x7f;
    // C1 controls U+0080..U+009F are encoded 0xc2 0x80..0x9f.
    bool c1 = c == 0xc2 && i + 1 < text.size() && static_cast<unsigned char>(text[i + 1]) <= 0x9f;
    if (c0_or_del || c1) return fail(refusal, "control character at offset " + std::to_string(i));
  }
  return core::Status::ok();
}

// Checks "[-]I[.F]" and that |value| <= limit (an integer), exactly.
core::Status validate_coordinate(std::string_view text, unsigned limit, R refusal) {
  const std::size_t n = text.size();
  std::size_t i = 0;
  if (i < n && text[i] == '-') ++i;
  std::size_t int_start = i;
  unsigned integer = 0;
  while (i < n && is_digit(text[i])) {
    if (i - int_start == 3) return fail(refusal, "out of range");
    integer = integer * 10 + static_cast<unsigned>(text[i] - '0');
    ++i;
  }
  std::size_t int_digits = i - int_start;
  if (int_digits == 0) return fail(refusal, "expected a decimal number like -12.345");
  if (int_digits > 1 && text[int_start] == '0') return fail(refusal, "leading zero");
  bool fraction_nonzero = false;
  if (i < n) {
    if (text[i] != '.') return fail(refusal, describe_byte(text, i));
    ++i;
    std::size_t frac_start = i;
    while (i < n && is_digit(text[i])) fraction_nonzero |= text[i++] != '0';
    std::size_t frac_digits = i - frac_start;
    if (frac_digits == 0) return fail(refusal, "no digits after the decimal point");
    if (frac_digits > kCoordinateFractionMax)
      return fail(refusal, "more than " + std::to_string(kCoordinateFractionMax) + " decimals");
    if (i < n) return fail(refusal, describe_byte(text, i));
  }
  if (integer > limit || (integer == limit && fraction_nonzero))
    return fail(refusal,
                "out of range [-" + std::to_string(limit) + ", " + std::to_string(limit) + "]");
  return core::Status::ok();
}

std::string gib_detail(std::uint64_t value, std::uint64_t min) {
  return std::to_string(value) + " bytes, at least " + std::to_string(min) + " (" +
         std::to_string(min >> 30) + " GiB) required";
}

}  // namespace

std::string_view registry_refusal_name(RegistryRefusal refusal) {
  auto index = static_cast<std::size_t>(refusal);
  return index < kRefusalNames.size() ? kRefusalNames[index] : std::string_view("unknown");
}

core::Status registry_refusal(RegistryRefusal refusal, std::string_view detail) {
  return refuse(registry_refusal_name(refusal), detail);
}

std::optional<RegistryRefusal> registry_refusal_of(const core::Status& status) {
  if (!is_refusal(status)) return std::nullopt;
  std::string_view name = refusal_reason(status);
  for (std::size_t i = 0; i < kRefusalNames.size(); ++i)
    if (kRefusalNames[i] == name) return static_cast<RegistryRefusal>(i);
  return std::nullopt;
}

core::Status validate_farm_name(std::string_view name) {
  return validate_name(
      name, kFarmNameMin, kFarmNameMax, [](char c) { return is_alnum(c) || c == '_' || c == '-'; },
      R::farm_name_too_short, R::farm_name_too_long, R::invalid_farm_name);
}

core::Status validate_name_contract_name(std::string_view name) {
  return validate_name(
      name, kNameContractNameMin, kNameContractNameMax,
      [](char c) { return is_lower_alnum(c) || c == '_' || c == '-'; },
      R::name_contract_name_too_short, R::name_contract_name_too_long,
      R::invalid_name_contract_name);
}

core::Status validate_relay(std::string_view relay) {
  auto problem = host_name_problem(relay, false);
  return problem.empty() ? core::Status::ok() : fail(R::invalid_relay, problem);
}

core::Status validate_domain(std::string_view domain) {
  auto problem = host_name_problem(domain, true);
  return problem.empty() ? core::Status::ok() : fail(R::invalid_domain, problem);
}

core::Status validate_serial(std::string_view serial) {
  if (serial.empty() || serial.size() > kSerialMax)
    return fail(R::invalid_serial, length_detail(serial.size(), 1, kSerialMax));
  auto at = find_refused(serial, is_printable_ascii);
  if (at != std::string_view::npos) return fail(R::invalid_serial, describe_byte(serial, at));
  return core::Status::ok();
}

core::Status validate_interface_name(std::string_view name) {
  if (name.empty() || name.size() > kInterfaceNameMax)
    return fail(R::invalid_interface_name, length_detail(name.size(), 1, kInterfaceNameMax));
  auto at = find_refused(name, is_visible_ascii);
  if (at != std::string_view::npos) return fail(R::invalid_interface_name, describe_byte(name, at));
  return core::Status::ok();
}

core::Status validate_mac(std::string_view mac) {
  bool ok = mac.size() == 17;
  for (std::size_t i = 0; ok && i < mac.size(); ++i)
    ok = i % 3 == 2 ? mac[i] == ':' : is_hex(mac[i]);
  if (!ok) return fail(R::invalid_mac, "expected six hex pairs like aa:bb:cc:dd:ee:ff");
  return core::Status::ok();
}

core::Status validate_interface_ip(std::string_view ip) {
  if (parse_ipv4(ip) || parse_ipv6(ip)) return core::Status::ok();
  return fail(R::invalid_interface_ip, "expected a plain IPv4 or IPv6 address");
}

core::Status validate_country(std::string_view country) {
  return validate_place_name(country, R::invalid_country);
}

core::Status validate_city(std::string_view city) {
  return validate_place_name(city, R::invalid_city);
}

core::Status validate_latitude(std::string_view latitude) {
  return validate_coordinate(latitude, 90, R::invalid_latitude);
}

core::Status validate_longitude(std::string_view longitude) {
  return validate_coordinate(longitude, 180, R::invalid_longitude);
}

core::Status validate_location(std::string_view country, std::string_view city,
                               std::string_view latitude, std::string_view longitude) {
  GRID_TRY(validate_country(country));
  GRID_TRY(validate_city(city));
  GRID_TRY(validate_latitude(latitude));
  return validate_longitude(longitude);
}

core::Status validate_node_resources(std::uint64_t cru, std::uint64_t mru, std::uint64_t sru,
                                     std::uint64_t /*hru*/) {
  if (cru < kMinNodeCru) return fail(R::cru_below_minimum, "at least 1 core required");
  if (mru < kMinNodeMru) return fail(R::mru_below_minimum, gib_detail(mru, kMinNodeMru));
  if (sru < kMinNodeSru) return fail(R::sru_below_minimum, gib_detail(sru, kMinNodeSru));
  return core::Status::ok();
}

bool changed_more_than_one_percent(std::uint64_t old_value, std::uint64_t new_value) {
  std::uint64_t diff = new_value > old_value ? new_value - old_value : old_value - new_value;
  return U128{diff} * 100 > U128{old_value};
}

core::Result<Ipv4Gw> validate_ipv4_gw(std::string_view ip, std::string_view gateway) {
  auto cidr = parse_ipv4_cidr(ip);
  if (!cidr) return fail(R::invalid_ipv4, "expected a.b.c.d/n");
  if (cidr->prefix == 0) return fail(R::invalid_ipv4, "prefix length must be 1..32");
  if (auto range = ipv4_special_range(cidr->address()); !range.empty())
    return fail(R::ipv4_not_public, to_string(cidr->address()) + " is in " + std::string(range));
  if (cidr->prefix <= 30) {
    if (cidr->address() == network_address(*cidr))
      return fail(R::ipv4_network_address, to_string(*cidr) + " is its subnet's network");
    if (cidr->address() == broadcast_address(*cidr))
      return fail(R::ipv4_broadcast_address, to_string(*cidr) + " is its subnet's broadcast");
  }
  auto gw = parse_ipv4(gateway);
  if (!gw) return fail(R::invalid_ipv4_gateway, "expected a plain a.b.c.d");
  if (auto range = ipv4_special_range(*gw); !range.empty())
    return fail(R::ipv4_gateway_not_public, to_string(*gw) + " is in " + std::string(range));
  if (!subnet_contains(*cidr, *gw))
    return fail(R::ipv4_gateway_outside_subnet, to_string(*gw) + " is outside " +
                                                    to_string(network_address(*cidr)) + "/" +
                                                    std::to_string(cidr->prefix));
  if (*gw == cidr->address()) return fail(R::ipv4_gateway_equals_ip, to_string(*gw));
  return Ipv4Gw{*cidr, *gw};
}

core::Result<Ipv6Gw> validate_ipv6_gw(std::string_view ip, std::string_view gateway) {
  auto cidr = parse_ipv6_cidr(ip);
  if (!cidr) return fail(R::invalid_ipv6, "expected <ipv6>/n");
  if (auto range = ipv6_special_range(cidr->address()); !range.empty())
    return fail(R::ipv6_not_public, to_string(cidr->address()) + " is in " + std::string(range));
  auto gw = parse_ipv6(gateway);
  if (!gw) return fail(R::invalid_ipv6_gateway, "expected a plain IPv6 address");
  if (auto range = ipv6_special_range(*gw); !range.empty())
    return fail(R::ipv6_gateway_not_public, to_string(*gw) + " is in " + std::string(range));
  if (!subnet_contains(*cidr, *gw))
    return fail(R::ipv6_gateway_outside_subnet, to_string(*gw) + " is outside " + to_string(*cidr));
  if (*gw == cidr->address()) return fail(R::ipv6_gateway_equals_ip, to_string(*gw));
  return Ipv6Gw{*cidr, *gw};
}

core::Status check_no_duplicate_ips(std::span<const Ipv4Cidr> ips) {
  std::vector<std::uint32_t> addrs;
  addrs.reserve(ips.size());
  for (const auto& ip : ips) addrs.push_back(ip.addr);
  std::sort(addrs.begin(), addrs.end());
  auto dup = std::adjacent_find(addrs.begin(), addrs.end());
  if (dup != addrs.end()) return fail(R::duplicate_ip, to_string(Ipv4{*dup}) + " is listed twice");
  return core::Status::ok();
}

core::Status check_no_duplicate_ips(std::span<const Ipv4Gw> ips) {
  std::vector<Ipv4Cidr> cidrs;
  cidrs.reserve(ips.size());
  for (const auto& ip : ips) cidrs.push_back(ip.ip);
  return check_no_duplicate_ips(std::span<const Ipv4Cidr>(cidrs));
}

}  // namespace grid::ledger
