#include "ledger/ip_address.hpp"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace grid::ledger {
namespace {

Ipv4 v4(std::string_view text) {
  auto ip = parse_ipv4(text);
  EXPECT_TRUE(ip.has_value()) << text;
  return ip.value_or(Ipv4{});
}

Ipv6 v6(std::string_view text) {
  auto ip = parse_ipv6(text);
  EXPECT_TRUE(ip.has_value()) << text;
  return ip.value_or(Ipv6{});
}

// --- IPv4 parsing
// ---------------------------------------------------------------------------------

TEST(Ipv4Parse, AcceptsDottedQuads) {
  EXPECT_EQ(v4("1.2.3.4").addr, 0x01020304u);
  EXPECT_EQ(v4("0.0.0.0").addr, 0u);
  EXPECT_EQ(v4("255.255.255.255").addr, 0xffffffffu);
  EXPECT_EQ(v4("185.206.122.10").addr, 0xb9ce7a0au);
  EXPECT_EQ(v4("10.0.100.200").addr, 0x0a0064c8u);
}

TEST(Ipv4Parse, RefusesMalformed) {
  for (const char* bad :
       {"",           "1.2.3",      "1.2.3.4.5",   "01.2.3.4",  "1.02.3.4",   "1.2.3.00",
        "256.1.1.1",  "1.256.1.1",  "1.1.1.256",   "999.1.1.1", "1000.1.1.1", " 1.2.3.4",
        "1.2.3.4 ",   "1.2.3.4/24", "1..3.4",      ".1.2.3.4",  "1.2.3.4.",   "1.2.3.-4",
        "+1.2.3.4",   "1.2.3.a",    "0x1.2.3.4",   "1.2.3.4\n", "1,2,3,4",    "::1",
        "1.2.3.4:80", "１.2.3.4",   "1.2.3.4%eth0"}) {
    EXPECT_FALSE(parse_ipv4(bad).has_value()) << '"' << bad << '"';
  }
  EXPECT_FALSE(parse_ipv4(std::string_view("1.2.3.4\0", 8)).has_value());
}

TEST(Ipv4Parse, CidrPrefixRange) {
  auto c = parse_ipv4_cidr("185.206.122.33/24");
  ASSERT_TRUE(c);
  EXPECT_EQ(c->addr, 0xb9ce7a21u);
  EXPECT_EQ(c->prefix, 24);
  EXPECT_EQ(c->address(), v4("185.206.122.33"));
  EXPECT_EQ(parse_ipv4_cidr("1.2.3.4/0")->prefix, 0);
  EXPECT_EQ(parse_ipv4_cidr("1.2.3.4/32")->prefix, 32);
  for (const char* bad :
       {"1.2.3.4/33", "1.2.3.4/", "1.2.3.4", "1.2.3.4/08", "1.2.3.4/-1", "1.2.3.4/ 8", "1.2.3.4/8 ",
        "1.2.3/8", "/8", "1.2.3.4/8/8", "1.2.3.4/100", "1.2.3.4/3a", "01.2.3.4/8", "1.2.3.4//8"}) {
    EXPECT_FALSE(parse_ipv4_cidr(bad).has_value()) << bad;
  }
}

TEST(Ipv4Format, CanonicalRoundTrip) {
  for (const char* text : {"0.0.0.0", "1.2.3.4", "255.255.255.255", "100.64.0.1", "9.99.199.250"})
    EXPECT_EQ(to_string(v4(text)), text);
  EXPECT_EQ(to_string(*parse_ipv4_cidr("185.206.122.33/24")), "185.206.122.33/24");
  EXPECT_EQ(to_string(Ipv4Cidr{0x01020304, 0}), "1.2.3.4/0");
}

// --- IPv4 subnets
// ---------------------------------------------------------------------------------

TEST(Ipv4Subnet, MaskNetworkBroadcast) {
  EXPECT_EQ(ipv4_netmask(0), 0u);
  EXPECT_EQ(ipv4_netmask(1), 0x80000000u);
  EXPECT_EQ(ipv4_netmask(24), 0xffffff00u);
  EXPECT_EQ(ipv4_netmask(31), 0xfffffffeu);
  EXPECT_EQ(ipv4_netmask(32), 0xffffffffu);
  Ipv4Cidr c = *parse_ipv4_cidr("185.206.122.33/26");
  EXPECT_EQ(to_string(network_address(c)), "185.206.122.0");
  EXPECT_EQ(to_string(broadcast_address(c)), "185.206.122.63");
  Ipv4Cidr all = *parse_ipv4_cidr("8.8.8.8/0");
  EXPECT_EQ(to_string(network_address(all)), "0.0.0.0");
  EXPECT_EQ(to_string(broadcast_address(all)), "255.255.255.255");
  Ipv4Cidr host = *parse_ipv4_cidr("8.8.8.8/32");
  EXPECT_EQ(network_address(host), broadcast_address(host));
}

TEST(Ipv4Subnet, Contains) {
  Ipv4Cidr c = *parse_ipv4_cidr("185.206.122.33/26");
  EXPECT_TRUE(subnet_contains(c, v4("185.206.122.0")));
  EXPECT_TRUE(subnet_contains(c, v4("185.206.122.63")));
  EXPECT_TRUE(subnet_contains(c, v4("185.206.122.1")));
  EXPECT_FALSE(subnet_contains(c, v4("185.206.122.64")));
  EXPECT_FALSE(subnet_contains(c, v4("185.206.121.255")));
  EXPECT_TRUE(subnet_contains(*parse_ipv4_cidr("1.2.3.4/0"), v4("200.1.1.1")));
  EXPECT_TRUE(subnet_contains(*parse_ipv4_cidr("1.2.3.4/32"), v4("1.2.3.4")));
  EXPECT_FALSE(subnet_contains(*parse_ipv4_cidr("1.2.3.4/32"), v4("1.2.3.5")));
  EXPECT_TRUE(subnet_contains(*parse_ipv4_cidr("1.2.3.4/31"), v4("1.2.3.5")));
  EXPECT_FALSE(subnet_contains(*parse_ipv4_cidr("1.2.3.4/31"), v4("1.2.3.6")));
}

// --- IPv4 special ranges
// --------------------------------------------------------------------------

struct Range4 {
  const char* first;
  const char* last;
  const char* before;  // the address just below, or nullptr when that is special too / absent
  const char* after;   // the address just above, or nullptr
};

TEST(Ipv4Special, EveryRangeRefusedAtBothEndsNeighboursAccepted) {
  const Range4 ranges[] = {
      {"0.0.0.0", "0.255.255.255", nullptr, "1.0.0.0"},
      {"10.0.0.0", "10.255.255.255", "9.255.255.255", "11.0.0.0"},
      {"100.64.0.0", "100.127.255.255", "100.63.255.255", "100.128.0.0"},
      {"127.0.0.0", "127.255.255.255", "126.255.255.255", "128.0.0.0"},
      {"169.254.0.0", "169.254.255.255", "169.253.255.255", "169.255.0.0"},
      {"172.16.0.0", "172.31.255.255", "172.15.255.255", "172.32.0.0"},
      {"192.0.0.0", "192.0.0.255", "191.255.255.255", "192.0.1.0"},
      {"192.0.2.0", "192.0.2.255", "192.0.1.255", "192.0.3.0"},
      {"192.88.99.0", "192.88.99.255", "192.88.98.255", "192.88.100.0"},
      {"192.168.0.0", "192.168.255.255", "192.167.255.255", "192.169.0.0"},
      {"198.18.0.0", "198.19.255.255", "198.17.255.255", "198.20.0.0"},
      {"198.51.100.0", "198.51.100.255", "198.51.99.255", "198.51.101.0"},
      {"203.0.113.0", "203.0.113.255", "203.0.112.255", "203.0.114.0"},
      {"224.0.0.0", "239.255.255.255", "223.255.255.255", nullptr},
      {"240.0.0.0", "255.255.255.254", nullptr, nullptr},
      {"255.255.255.255", "255.255.255.255", nullptr, nullptr},
  };
  for (const auto& r : ranges) {
    EXPECT_FALSE(is_public_unicast(v4(r.first))) << r.first;
    EXPECT_FALSE(is_public_unicast(v4(r.last))) << r.last;
    EXPECT_FALSE(ipv4_special_range(v4(r.first)).empty()) << r.first;
    if (r.before) {
      EXPECT_TRUE(is_public_unicast(v4(r.before))) << r.before;
    }
    if (r.after) {
      EXPECT_TRUE(is_public_unicast(v4(r.after))) << r.after;
    }
  }
  // 223.255.255.255 is the last unicast address before multicast; 240/4 follows 224/4 directly.
  EXPECT_FALSE(is_public_unicast(v4("239.255.255.255")));
  EXPECT_FALSE(is_public_unicast(v4("240.0.0.0")));
}

TEST(Ipv4Special, NamesTheRange) {
  EXPECT_EQ(ipv4_special_range(v4("10.1.2.3")), "10.0.0.0/8 (private)");
  EXPECT_EQ(ipv4_special_range(v4("100.100.0.1")), "100.64.0.0/10 (shared address space, CGNAT)");
  EXPECT_EQ(ipv4_special_range(v4("255.255.255.255")), "255.255.255.255/32 (limited broadcast)");
  EXPECT_EQ(ipv4_special_range(v4("250.0.0.1")), "240.0.0.0/4 (reserved)");
  EXPECT_EQ(ipv4_special_range(v4("8.8.8.8")), "");
}

TEST(Ipv4Special, OrdinaryPublicAddresses) {
  for (const char* ok : {"1.1.1.1", "8.8.8.8", "185.206.122.33", "100.63.0.1", "172.15.0.1",
                         "192.0.1.1", "192.169.1.1", "198.51.101.1", "223.255.255.255"})
    EXPECT_TRUE(is_public_unicast(v4(ok))) << ok;
}

// --- IPv6 parsing
// ---------------------------------------------------------------------------------

TEST(Ipv6Parse, FullAndCompressedForms) {
  Ipv6 full = v6("2001:0db8:0000:0000:0000:ff00:0042:8329");
  EXPECT_EQ(full, v6("2001:db8:0:0:0:ff00:42:8329"));
  EXPECT_EQ(full, v6("2001:db8::ff00:42:8329"));
  EXPECT_EQ(full, v6("2001:DB8::FF00:42:8329"));
  EXPECT_EQ(full.addr[0], 0x20);
  EXPECT_EQ(full.addr[1], 0x01);
  EXPECT_EQ(full.addr[15], 0x29);
  EXPECT_EQ(v6("::"), Ipv6{});
  Ipv6 one{};
  one.addr[15] = 1;
  EXPECT_EQ(v6("::1"), one);
  EXPECT_EQ(v6("0:0:0:0:0:0:0:1"), one);
  Ipv6 first{};
  first.addr[1] = 1;
  EXPECT_EQ(v6("1::"), first);
  EXPECT_EQ(v6("1:0:0:0:0:0:0:0"), first);
  // "::" may stand for a single group (RFC 4291 allows it).
  EXPECT_EQ(v6("1:2:3:4:5:6:7::"), v6("1:2:3:4:5:6:7:0"));
  EXPECT_EQ(v6("::2:3:4:5:6:7:8"), v6("0:2:3:4:5:6:7:8"));
  EXPECT_EQ(v6("1:2:3::6:7:8"), v6("1:2:3:0:0:6:7:8"));
}

TEST(Ipv6Parse, EmbeddedIpv4Tail) {
  Ipv6 mapped = v6("::ffff:192.0.2.1");
  EXPECT_EQ(mapped, v6("::ffff:c000:201"));
  EXPECT_EQ(v6("::1.2.3.4"), v6("::102:304"));
  EXPECT_EQ(v6("1:2:3:4:5:6:1.2.3.4"), v6("1:2:3:4:5:6:102:304"));
  EXPECT_EQ(v6("64:ff9b::8.8.8.8"), v6("64:ff9b::808:808"));
  for (const char* bad : {"::ffff:1.2.3", "::ffff:1.2.3.4.5", "::ffff:01.2.3.4", "::ffff:256.1.1.1",
                          "1:2:3:4:5:6:7:1.2.3.4", "1.2.3.4", "::1.2.3.4:5",
                          "::1.2.3.4::", "1.2.3.4::", "::ffff:1.2.3.4/", "1:2:3:4:5:6:7:8:1.2.3.4",
                          "1:2:3:4:5:6::1.2.3.4", "::12345.1.1.1"}) {
    EXPECT_FALSE(parse_ipv6(bad).has_value()) << bad;
  }
  // Six groups then a tail is exactly full; with "::" there must be room for one zero group.
  EXPECT_TRUE(parse_ipv6("1:2:3:4:5::1.2.3.4").has_value());
}

TEST(Ipv6Parse, RefusesMalformed) {
  for (const char* bad : {"",
                          ":",
                          ":::",
                          "::1::",
                          "1::2::3",
                          "1:2:3:4:5:6:7:8:9",
                          "1:2:3:4:5:6:7",
                          "12345::",
                          "::12345",
                          "1:2:3:4:5:6:7:8::",
                          "::1:2:3:4:5:6:7:8",
                          "1::2:3:4:5:6:7:8",
                          ":1::",
                          "1:",
                          ":1",
                          "1::2:",
                          "1:::2",
                          "g::",
                          "::g",
                          " ::1",
                          "::1 ",
                          "fe80::1%eth0",
                          "[::1]",
                          "::1/64",
                          "1:2:3:4:5:6:7:8 ",
                          "0x1::",
                          "1:-2::",
                          "1.2::"}) {
    EXPECT_FALSE(parse_ipv6(bad).has_value()) << '"' << bad << '"';
  }
}

TEST(Ipv6Parse, Cidr) {
  auto c = parse_ipv6_cidr("2a02:1802:5e::223/64");
  ASSERT_TRUE(c);
  EXPECT_EQ(c->prefix, 64);
  EXPECT_EQ(c->address(), v6("2a02:1802:5e:0:0:0:0:223"));
  EXPECT_EQ(parse_ipv6_cidr("::/0")->prefix, 0);
  EXPECT_EQ(parse_ipv6_cidr("2a02::1/128")->prefix, 128);
  for (const char* bad : {"2a02::1/129", "2a02::1/", "2a02::1", "2a02::1/064", "2a02::1/1000",
                          "/64", "2a02::1/64/64", "2a02::1/6x", "2a02::1 /64"}) {
    EXPECT_FALSE(parse_ipv6_cidr(bad).has_value()) << bad;
  }
}

// --- IPv6 formatting (RFC 5952)
// -------------------------------------------------------------------

TEST(Ipv6Format, Rfc5952) {
  const std::pair<const char*, const char*> cases[] = {
      {"::", "::"},
      {"0:0:0:0:0:0:0:1", "::1"},
      {"1:0:0:0:0:0:0:0", "1::"},
      {"2001:0DB8:0000:0000:0000:FF00:0042:8329", "2001:db8::ff00:42:8329"},
      {"2001:db8:0:1:1:1:1:1", "2001:db8:0:1:1:1:1:1"},  // a single zero group stays
      {"2001:db8:0:0:1:0:0:1", "2001:db8::1:0:0:1"},     // first run on a tie
      {"2001:0:0:1:0:0:0:1", "2001:0:0:1::1"},           // the longest run wins
      {"1:2:3:4:5:6:7:8", "1:2:3:4:5:6:7:8"},
      {"0:1:0:1:0:1:0:1", "0:1:0:1:0:1:0:1"},
      {"0:0:1:0:0:0:0:0", "0:0:1::"},
      {"::ffff:c000:201", "::ffff:192.0.2.1"},
      {"::1.2.3.4", "::102:304"},
      {"fe80::0001", "fe80::1"},
      {"abcd:ef01:2345:6789:abcd:ef01:2345:6789", "abcd:ef01:2345:6789:abcd:ef01:2345:6789"},
  };
  for (const auto& [in, out] : cases) {
    EXPECT_EQ(to_string(v6(in)), out) << in;
    EXPECT_EQ(v6(to_string(v6(in))), v6(in)) << in;  // the canonical form parses back
  }
  EXPECT_EQ(to_string(*parse_ipv6_cidr("2A02:1802:005E:0000::223/64")), "2a02:1802:5e::223/64");
}

TEST(Ipv6Subnet, Contains) {
  Ipv6Cidr c = *parse_ipv6_cidr("2a02:1802:5e::223/64");
  EXPECT_TRUE(subnet_contains(c, v6("2a02:1802:5e::1")));
  EXPECT_TRUE(subnet_contains(c, v6("2a02:1802:5e:0:ffff:ffff:ffff:ffff")));
  EXPECT_FALSE(subnet_contains(c, v6("2a02:1802:5e:1::1")));
  Ipv6Cidr odd = *parse_ipv6_cidr("2a02:1802:5e::/50");  // a prefix not on a byte boundary
  EXPECT_TRUE(subnet_contains(odd, v6("2a02:1802:5e:3fff::1")));
  EXPECT_FALSE(subnet_contains(odd, v6("2a02:1802:5e:4000::1")));
  EXPECT_TRUE(subnet_contains(*parse_ipv6_cidr("2a02::1/0"), v6("ff02::1")));
  EXPECT_TRUE(subnet_contains(*parse_ipv6_cidr("2a02::1/128"), v6("2a02::1")));
  EXPECT_FALSE(subnet_contains(*parse_ipv6_cidr("2a02::1/128"), v6("2a02::2")));
  EXPECT_TRUE(subnet_contains(*parse_ipv6_cidr("2a02::1/127"), v6("2a02::")));
  EXPECT_FALSE(subnet_contains(*parse_ipv6_cidr("2a02::1/127"), v6("2a02::2")));
}

// --- IPv6 special ranges
// --------------------------------------------------------------------------

TEST(Ipv6Special, EveryRangeRefusedAtBothEndsNeighboursAccepted) {
  struct Range6 {
    const char* first;
    const char* last;
    const char* before;
    const char* after;
  };
  const Range6 ranges[] = {
      {"::", "::", nullptr, nullptr},  // ::2 and up are ::/96 (not refused; see below)
      {"::1", "::1", nullptr, "::2"},
      {"::ffff:0:0", "::ffff:ffff:ffff", "::fffe:ffff:ffff", "::1:0:0:0"},
      {"2001:db8::", "2001:db8:ffff:ffff:ffff:ffff:ffff:ffff",
       "2001:db7:ffff:ffff:ffff:ffff:ffff:ffff", "2001:db9::"},
      {"fc00::", "fdff:ffff:ffff:ffff:ffff:ffff:ffff:ffff",
       "fbff:ffff:ffff:ffff:ffff:ffff:ffff:ffff", "fe00::"},
      {"fe80::", "febf:ffff:ffff:ffff:ffff:ffff:ffff:ffff",
       "fe7f:ffff:ffff:ffff:ffff:ffff:ffff:ffff", "fec0::"},
      {"ff00::", "ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff",
       "feff:ffff:ffff:ffff:ffff:ffff:ffff:ffff", nullptr},
  };
  for (const auto& r : ranges) {
    EXPECT_FALSE(is_public_unicast(v6(r.first))) << r.first;
    EXPECT_FALSE(is_public_unicast(v6(r.last))) << r.last;
    EXPECT_FALSE(ipv6_special_range(v6(r.first)).empty()) << r.first;
    if (r.before) {
      EXPECT_TRUE(is_public_unicast(v6(r.before))) << r.before;
    }
    if (r.after) {
      EXPECT_TRUE(is_public_unicast(v6(r.after))) << r.after;
    }
  }
  EXPECT_EQ(ipv6_special_range(v6("fe80::1")), "fe80::/10 (link-local)");
  EXPECT_EQ(ipv6_special_range(v6("::ffff:8.8.8.8")), "::ffff:0:0/96 (IPv4-mapped)");
  EXPECT_EQ(ipv6_special_range(v6("2a02:1802:5e::223")), "");
  EXPECT_TRUE(is_public_unicast(v6("2001:4860:4860::8888")));
  EXPECT_TRUE(is_public_unicast(v6("2a02:1802:5e::223")));
}

}  // namespace
}  // namespace grid::ledger
