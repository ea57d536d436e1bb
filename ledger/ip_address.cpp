#include "ledger/ip_address.hpp"

#include <cstddef>

namespace grid::ledger {
namespace {

constexpr bool is_digit(char c) {
  return c >= '0' && c <= '9';
}

// The value of a hex digit, or -1.
constexpr int hex_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

// A decimal number of 1..max_digits digits without leading zeros, at most `max_value`.
std::optional<unsigned> parse_small_decimal(std::string_view text, std::size_t max_digits,
                                            unsigned max_value) {
  if (text.empty() || text.size() > max_digits) return std::nullopt;
  if (text.size() > 1 && text[0] == '0') return std::nullopt;
  unsigned value = 0;
  for (char c : text) {
    if (!is_digit(c)) return std::nullopt;
    value = value * 10 + static_cast<unsigned>(c - '0');
  }
  if (value > max_value) return std::nullopt;
  return value;
}

// Splits "addr/n" at its only '/'; std::nullopt without one.
std::optional<std::pair<std::string_view, std::string_view>> split_prefix(std::string_view text) {
  auto slash = text.find('/');
  if (slash == std::string_view::npos) return std::nullopt;
  return std::pair{text.substr(0, slash), text.substr(slash + 1)};
}

struct Ipv4Range {
  std::uint32_t base;
  std::uint8_t prefix;
  std::string_view name;
};

constexpr std::uint32_t v4(unsigned a, unsigned b, unsigned c, unsigned d) {
  return (a << 24) | (b << 16) | (c << 8) | d;
}

// RFC 6890 special-purpose ranges that are not globally reachable unicast.
constexpr Ipv4Range kIpv4Special[] = {
    {v4(0, 0, 0, 0), 8, "0.0.0.0/8 (this network)"},
    {v4(10, 0, 0, 0), 8, "10.0.0.0/8 (private)"},
    {v4(100, 64, 0, 0), 10, "100.64.0.0/10 (shared address space, CGNAT)"},
    {v4(127, 0, 0, 0), 8, "127.0.0.0/8 (loopback)"},
    {v4(169, 254, 0, 0), 16, "169.254.0.0/16 (link-local)"},
    {v4(172, 16, 0, 0), 12, "172.16.0.0/12 (private)"},
    {v4(192, 0, 0, 0), 24, "192.0.0.0/24 (IETF protocol assignments)"},
    {v4(192, 0, 2, 0), 24, "192.0.2.0/24 (documentation TEST-NET-1)"},
    {v4(192, 88, 99, 0), 24, "192.88.99.0/24 (6to4 relay anycast)"},
    {v4(192, 168, 0, 0), 16, "192.168.0.0/16 (private)"},
    {v4(198, 18, 0, 0), 15, "198.18.0.0/15 (benchmarking)"},
    {v4(198, 51, 100, 0), 24, "198.51.100.0/24 (documentation TEST-NET-2)"},
    {v4(203, 0, 113, 0), 24, "203.0.113.0/24 (documentation TEST-NET-3)"},
    {v4(224, 0, 0, 0), 4, "224.0.0.0/4 (multicast)"},
    {v4(255, 255, 255, 255), 32, "255.255.255.255/32 (limited broadcast)"},
    {v4(240, 0, 0, 0), 4, "240.0.0.0/4 (reserved)"},
};

struct Ipv6Range {
  std::array<std::uint8_t, 16> base;
  std::uint8_t prefix;
  std::string_view name;
};

constexpr Ipv6Range kIpv6Special[] = {
    {{}, 128, "::/128 (unspecified)"},
    {{0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1}, 128, "::1/128 (loopback)"},
    {{0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff}, 96, "::ffff:0:0/96 (IPv4-mapped)"},
    {{0x20, 0x01, 0x0d, 0xb8}, 32, "2001:db8::/32 (documentation)"},
    {{0xfc}, 7, "fc00::/7 (unique local)"},
    {{0xfe, 0x80}, 10, "fe80::/10 (link-local)"},
    {{0xff}, 8, "ff00::/8 (multicast)"},
};

bool ipv6_prefix_equal(const std::array<std::uint8_t, 16>& a, const std::array<std::uint8_t, 16>& b,
                       unsigned prefix) {
  if (prefix > 128) prefix = 128;
  unsigned whole = prefix / 8;
  for (unsigned i = 0; i < whole; ++i)
    if (a[i] != b[i]) return false;
  unsigned rest = prefix % 8;
  if (rest == 0) return true;
  auto mask = static_cast<std::uint8_t>(0xff << (8 - rest));
  return ((a[whole] ^ b[whole]) & mask) == 0;
}

void append_decimal(std::string& out, unsigned value) {
  char buf[10];
  int n = 0;
  do {
    buf[n++] = static_cast<char>('0' + value % 10);
    value /= 10;
  } while (value != 0);
  while (n > 0) out.push_back(buf[--n]);
}

void append_ipv4(std::string& out, std::uint32_t addr) {
  for (int shift = 24; shift >= 0; shift -= 8) {
    append_decimal(out, (addr >> shift) & 0xff);
    if (shift != 0) out.push_back('.');
  }
}

void append_hex_group(std::string& out, unsigned group) {
  constexpr char kHex[] = "0123456789abcdef";
  bool started = false;
  for (int shift = 12; shift >= 0; shift -= 4) {
    unsigned nibble = (group >> shift) & 0xf;
    if (nibble != 0 || started || shift == 0) {
      out.push_back(kHex[nibble]);
      started = true;
    }
  }
}

}  // namespace

std::optional<Ipv4> parse_ipv4(std::string_view text) {
  if (text.size() < 7 || text.size() > 15) return std::nullopt;
  std::uint32_t addr = 0;
  std::size_t start = 0;
  for (int part = 0; part < 4; ++part) {
    std::size_t end = start;
    while (end < text.size() && text[end] != '.') ++end;
    // Parts 0..2 must end at a dot, part 3 at the end of the text.
    if ((part < 3) != (end < text.size())) return std::nullopt;
    auto value = parse_small_decimal(text.substr(start, end - start), 3, 255);
    if (!value) return std::nullopt;
    addr = (addr << 8) | *value;
    start = end + 1;
  }
  return Ipv4{addr};
}

std::optional<Ipv4Cidr> parse_ipv4_cidr(std::string_view text) {
  auto parts = split_prefix(text);
  if (!parts) return std::nullopt;
  auto ip = parse_ipv4(parts->first);
  if (!ip) return std::nullopt;
  auto prefix = parse_small_decimal(parts->second, 2, 32);
  if (!prefix) return std::nullopt;
  return Ipv4Cidr{ip->addr, static_cast<std::uint8_t>(*prefix)};
}

std::optional<Ipv6> parse_ipv6(std::string_view text) {
  // The longest form is eight 4-digit groups with an IPv4 tail: 6 * 5 + 15 = 45 characters.
  if (text.size() < 2 || text.size() > 45) return std::nullopt;
  std::array<std::uint16_t, 8> groups{};
  int count = 0;    // groups written so far
  int gap_at = -1;  // index in `groups` where "::" stands, or -1
  std::size_t i = 0;
  const std::size_t n = text.size();
  if (text[0] == ':') {
    if (text[1] != ':') return std::nullopt;  // a lone leading colon
    gap_at = 0;
    i = 2;
  }
  while (i < n) {
    std::size_t j = i;
    unsigned value = 0;
    while (j < n && j - i < 5 && hex_value(text[j]) >= 0) {
      value = (value << 4) | static_cast<unsigned>(hex_value(text[j]));
      ++j;
    }
    if (j < n && text[j] == '.') {
      // An IPv4 tail: the rest of the text, in place of the last two groups.
      if (count > 6) return std::nullopt;
      auto tail = parse_ipv4(text.substr(i));
      if (!tail) return std::nullopt;
      groups[count++] = static_cast<std::uint16_t>(tail->addr >> 16);
      groups[count++] = static_cast<std::uint16_t>(tail->addr & 0xffff);
      i = n;
      break;
    }
    if (j == i || j - i > 4 || count == 8) return std::nullopt;
    groups[count++] = static_cast<std::uint16_t>(value);
    i = j;
    if (i == n) break;
    if (text[i] != ':') return std::nullopt;
    ++i;
    if (i < n && text[i] == ':') {
      if (gap_at >= 0) return std::nullopt;  // a second "::"
      gap_at = count;
      ++i;
    } else if (i == n) {
      return std::nullopt;  // a lone trailing colon
    }
  }
  if (gap_at < 0 ? count != 8 : count > 7) return std::nullopt;
  Ipv6 out;
  // Groups after the gap move to the end; the gap is zeros.
  int tail_count = gap_at < 0 ? 0 : count - gap_at;
  int head_count = count - tail_count;
  for (int g = 0; g < head_count; ++g) {
    out.addr[2 * g] = static_cast<std::uint8_t>(groups[g] >> 8);
    out.addr[2 * g + 1] = static_cast<std::uint8_t>(groups[g] & 0xff);
  }
  for (int t = 0; t < tail_count; ++t) {
    int g = 8 - tail_count + t;
    out.addr[2 * g] = static_cast<std::uint8_t>(groups[head_count + t] >> 8);
    out.addr[2 * g + 1] = static_cast<std::uint8_t>(groups[head_count + t] & 0xff);
  }
  return out;
}

std::optional<Ipv6Cidr> parse_ipv6_cidr(std::string_view text) {
  auto parts = split_prefix(text);
  if (!parts) return std::nullopt;
  auto ip = parse_ipv6(parts->first);
  if (!ip) return std::nullopt;
  auto prefix = parse_small_decimal(parts->second, 3, 128);
  if (!prefix) return std::nullopt;
  return Ipv6Cidr{ip->addr, static_cast<std::uint8_t>(*prefix)};
}

std::string to_string(Ipv4 ip) {
  std::string out;
  out.reserve(15);
  append_ipv4(out, ip.addr);
  return out;
}

std::string to_string(Ipv4Cidr cidr) {
  std::string out;
  out.reserve(18);
  append_ipv4(out, cidr.addr);
  out.push_back('/');
  append_decimal(out, cidr.prefix);
  return out;
}

std::string to_string(const Ipv6& ip) {
  std::array<unsigned, 8> groups{};
  for (int g = 0; g < 8; ++g) groups[g] = (unsigned{ip.addr[2 * g]} << 8) | ip.addr[2 * g + 1];
  std::string out;
  out.reserve(45);
  // RFC 5952 section 5: IPv4-mapped addresses keep their dotted quad.
  if (groups[0] == 0 && groups[1] == 0 && groups[2] == 0 && groups[3] == 0 && groups[4] == 0 &&
      groups[5] == 0xffff) {
    out = "::ffff:";
    append_ipv4(out, (std::uint32_t{groups[6]} << 16) | groups[7]);
    return out;
  }
  // The longest run of two or more zero groups, the first on a tie.
  int best_start = -1;
  int best_len = 1;
  for (int g = 0; g < 8;) {
    if (groups[g] != 0) {
      ++g;
      continue;
    }
    int start = g;
    while (g < 8 && groups[g] == 0) ++g;
    if (g - start > best_len) best_start = start, best_len = g - start;
  }
  for (int g = 0; g < 8; ++g) {
    if (g == best_start) {
      out += "::";
      g += best_len - 1;
      continue;
    }
    if (g != 0 && g != best_start + best_len) out.push_back(':');
    append_hex_group(out, groups[g]);
  }
  return out;
}

std::string to_string(const Ipv6Cidr& cidr) {
  std::string out = to_string(cidr.address());
  out.push_back('/');
  append_decimal(out, cidr.prefix);
  return out;
}

bool subnet_contains(const Ipv6Cidr& cidr, const Ipv6& ip) {
  return ipv6_prefix_equal(cidr.addr, ip.addr, cidr.prefix);
}

std::string_view ipv4_special_range(Ipv4 ip) {
  for (const auto& range : kIpv4Special)
    if (subnet_contains(Ipv4Cidr{range.base, range.prefix}, ip)) return range.name;
  return {};
}

std::string_view ipv6_special_range(const Ipv6& ip) {
  for (const auto& range : kIpv6Special)
    if (ipv6_prefix_equal(range.base, ip.addr, range.prefix)) return range.name;
  return {};
}

}  // namespace grid::ledger
