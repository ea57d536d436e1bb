#include "ledger/validation.hpp"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "ledger/refusal.hpp"
#include "ledger/wire_types.hpp"

namespace grid::ledger {
namespace {

using R = RegistryRefusal;

// The reason name a refusal carries, or "ok".
std::string reason(const core::Status& status) {
  if (status.is_ok()) return "ok";
  EXPECT_EQ(status.code(), core::Code::invalid) << status.to_string();
  auto refusal = registry_refusal_of(status);
  EXPECT_TRUE(refusal.has_value()) << status.to_string();
  EXPECT_EQ(refusal_reason(status), registry_refusal_name(refusal.value_or(R::invalid_ipv4)));
  return std::string(refusal_reason(status));
}

template <class T>
std::string reason(const core::Result<T>& result) {
  return reason(result.status());
}

// --- refusal names
// --------------------------------------------------------------------------------

TEST(RegistryRefusal, NamesAreStableSnakeCaseAndDistinct) {
  std::vector<std::string_view> names;
  for (int i = 0; i < kRegistryRefusalCount; ++i) {
    auto name = registry_refusal_name(static_cast<R>(i));
    ASSERT_FALSE(name.empty());
    for (char c : name) EXPECT_TRUE((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_');
    for (auto other : names) EXPECT_NE(name, other);
    names.push_back(name);
  }
  // Pinned: these appear in receipts.
  EXPECT_EQ(registry_refusal_name(R::farm_name_too_short), "farm_name_too_short");
  EXPECT_EQ(registry_refusal_name(R::invalid_name_contract_name), "invalid_name_contract_name");
  EXPECT_EQ(registry_refusal_name(R::ipv4_gateway_outside_subnet), "ipv4_gateway_outside_subnet");
  EXPECT_EQ(registry_refusal_name(R::duplicate_ip), reason::duplicate_ip);
  EXPECT_EQ(registry_refusal_name(R::ipv6_gateway_equals_ip), "ipv6_gateway_equals_ip");
  EXPECT_EQ(registry_refusal_name(static_cast<R>(200)), "unknown");
}

TEST(RegistryRefusal, StatusRoundTrip) {
  core::Status s = registry_refusal(R::invalid_mac, "bad");
  EXPECT_EQ(s.code(), core::Code::invalid);
  EXPECT_EQ(s.message(), "invalid_mac: bad");
  EXPECT_EQ(registry_refusal_of(s), R::invalid_mac);
  EXPECT_EQ(refusal_detail(s), "bad");
  EXPECT_FALSE(registry_refusal_of(core::Status::ok()));
  EXPECT_FALSE(registry_refusal_of(core::Status::invalid("something_else: x")));
  EXPECT_FALSE(registry_refusal_of(core::Status::io("invalid_mac: x")));
}

// --- names
// ----------------------------------------------------------------------------------------

TEST(FarmName, LengthBoundaries) {
  EXPECT_EQ(reason(validate_farm_name("")), "farm_name_too_short");
  EXPECT_EQ(reason(validate_farm_name("ab")), "farm_name_too_short");
  EXPECT_EQ(reason(validate_farm_name("abc")), "ok");
  EXPECT_EQ(reason(validate_farm_name(std::string(40, 'f'))), "ok");
  EXPECT_EQ(reason(validate_farm_name(std::string(41, 'f'))), "farm_name_too_long");
}

TEST(FarmName, Characters) {
  EXPECT_EQ(reason(validate_farm_name("My_Farm-01")), "ok");
  EXPECT_EQ(reason(validate_farm_name("FREEFARM")), "ok");
  EXPECT_EQ(reason(validate_farm_name("---")), "ok");
  for (const char* bad :
       {"my farm", "my.farm", "farm!", "ferm\xc3\xa9", "farm/1", "farm\t", "farm:x", "far\x7f"}) {
    EXPECT_EQ(reason(validate_farm_name(bad)), "invalid_farm_name") << bad;
  }
  EXPECT_EQ(reason(validate_farm_name(std::string_view("ab\0c", 4))), "invalid_farm_name");
  // The detail names the byte, never echoes it.
  EXPECT_EQ(validate_farm_name("my farm").message(), "invalid_farm_name: byte 0x20 at offset 2");
}

TEST(NameContractName, LengthBoundaries) {
  EXPECT_EQ(reason(validate_name_contract_name("ab")), "name_contract_name_too_short");
  EXPECT_EQ(reason(validate_name_contract_name("abc")), "ok");
  EXPECT_EQ(reason(validate_name_contract_name(std::string(64, 'n'))), "ok");
  EXPECT_EQ(reason(validate_name_contract_name(std::string(65, 'n'))),
            "name_contract_name_too_long");
}

TEST(NameContractName, Characters) {
  EXPECT_EQ(reason(validate_name_contract_name("my_gw-01")), "ok");
  for (const char* bad : {"MyGateway", "myGW", "my gw", "my.gw", "caf\xc3\xa9", "gw@1", "A__"})
    EXPECT_EQ(reason(validate_name_contract_name(bad)), "invalid_name_contract_name") << bad;
}

TEST(Relay, HostNames) {
  for (const char* ok : {"relay.grid.tf", "localhost", "a", "relay-1.dev.grid.tf", "R1.Grid.TF",
                         "1.2.3.4", "xn--bcher-kva.example"})
    EXPECT_EQ(reason(validate_relay(ok)), "ok") << ok;
  for (const char* bad :
       {"", ".", "relay.", ".relay", "relay..tf", "-relay.tf", "relay-.tf", "relay.-tf",
        "relay_1.tf", "relay tf", "wss://relay.grid.tf", "relay.grid.tf:443", "r\xc3\xa9lay.tf"}) {
    EXPECT_EQ(reason(validate_relay(bad)), "invalid_relay") << bad;
  }
  std::string label63(63, 'a');
  EXPECT_EQ(reason(validate_relay(label63 + ".tf")), "ok");
  EXPECT_EQ(reason(validate_relay(label63 + "a.tf")), "invalid_relay");
  // 253 bytes accepted, 254 refused: four 63-byte labels make 255 with the dots.
  std::string host253 = label63 + "." + label63 + "." + label63 + "." + std::string(61, 'c');
  ASSERT_EQ(host253.size(), 253u);
  EXPECT_EQ(reason(validate_relay(host253)), "ok");
  EXPECT_EQ(reason(validate_relay(host253 + "c")), "invalid_relay");
}

TEST(Domain, NeedsADot) {
  EXPECT_EQ(reason(validate_domain("node1.example.com")), "ok");
  EXPECT_EQ(reason(validate_domain("a.b")), "ok");
  EXPECT_EQ(reason(validate_domain("localhost")), "invalid_domain");
  EXPECT_EQ(reason(validate_domain("")), "invalid_domain");
  EXPECT_EQ(reason(validate_domain("example.com.")), "invalid_domain");
  EXPECT_EQ(reason(validate_domain("*.example.com")), "invalid_domain");
  EXPECT_EQ(reason(validate_domain("ex_ample.com")), "invalid_domain");
  EXPECT_EQ(reason(validate_domain("-x.com")), "invalid_domain");
}

TEST(Serial, PrintableAsciiUpTo128) {
  EXPECT_EQ(reason(validate_serial("To Be Filled By O.E.M.")), "ok");
  EXPECT_EQ(reason(validate_serial("~!@#$%^&*()_+{}|:\"<>?`-=[]\\;',./")), "ok");
  EXPECT_EQ(reason(validate_serial(std::string(128, 'S'))), "ok");
  EXPECT_EQ(reason(validate_serial(std::string(129, 'S'))), "invalid_serial");
  EXPECT_EQ(reason(validate_serial("")), "invalid_serial");
  EXPECT_EQ(reason(validate_serial("abc\n")), "invalid_serial");
  EXPECT_EQ(reason(validate_serial("abc\x7f")), "invalid_serial");
  EXPECT_EQ(reason(validate_serial("s\xc3\xa9rie")), "invalid_serial");
}

// --- interfaces
// -----------------------------------------------------------------------------------

TEST(Interface, Name) {
  EXPECT_EQ(reason(validate_interface_name("eth0")), "ok");
  EXPECT_EQ(reason(validate_interface_name("zos")), "ok");
  EXPECT_EQ(reason(validate_interface_name("enp3s0f1.100")), "ok");
  EXPECT_EQ(reason(validate_interface_name(std::string(64, 'i'))), "ok");
  EXPECT_EQ(reason(validate_interface_name(std::string(65, 'i'))), "invalid_interface_name");
  EXPECT_EQ(reason(validate_interface_name("")), "invalid_interface_name");
  EXPECT_EQ(reason(validate_interface_name("eth 0")), "invalid_interface_name");
  EXPECT_EQ(reason(validate_interface_name("eth\t0")), "invalid_interface_name");
  EXPECT_EQ(reason(validate_interface_name("\xc3\xa9th0")), "invalid_interface_name");
}

TEST(Interface, Mac) {
  for (const char* ok :
       {"aa:bb:cc:dd:ee:ff", "00:00:00:00:00:00", "AA:BB:CC:DD:EE:FF", "0a:1B:2c:3D:4e:5F"})
    EXPECT_EQ(reason(validate_mac(ok)), "ok") << ok;
  for (const char* bad :
       {"", "aa:bb:cc:dd:ee", "aa:bb:cc:dd:ee:ff:00", "aa-bb-cc-dd-ee-ff", "aabb.ccdd.eeff",
        "aa:bb:cc:dd:ee:fg", "a:bb:cc:dd:ee:fff", "aa:bb:cc:dd:ee:ff ", " aa:bb:cc:dd:ee:ff",
        "aa:bb:cc:dd:ee:f", "aabbccddeeff", "aa:bb:cc:dd:ee::f"}) {
    EXPECT_EQ(reason(validate_mac(bad)), "invalid_mac") << bad;
  }
}

TEST(Interface, IpsAndWholeInterface) {
  EXPECT_EQ(reason(validate_interface_ip("10.0.0.5")), "ok");  // private is fine on interfaces
  EXPECT_EQ(reason(validate_interface_ip("fe80::1")), "ok");
  EXPECT_EQ(reason(validate_interface_ip("2a02:1802:5e::223")), "ok");
  EXPECT_EQ(reason(validate_interface_ip("10.0.0.5/24")), "invalid_interface_ip");
  EXPECT_EQ(reason(validate_interface_ip("host.example")), "invalid_interface_ip");
  EXPECT_EQ(reason(validate_interface_ip("")), "invalid_interface_ip");

  Interface intf{"eth0", "aa:bb:cc:dd:ee:ff", {"10.0.0.5", "fe80::1"}};
  EXPECT_EQ(reason(validate_interface(intf)), "ok");
  intf.ips.push_back("10.0.0.256");
  EXPECT_EQ(reason(validate_interface(intf)), "invalid_interface_ip");
  intf.mac = "aa:bb";
  EXPECT_EQ(reason(validate_interface(intf)), "invalid_mac");
  intf.name = "";
  EXPECT_EQ(reason(validate_interface(intf)), "invalid_interface_name");
}

// --- location
// -------------------------------------------------------------------------------------

TEST(Location, CountryAndCity) {
  EXPECT_EQ(reason(validate_country("Belgium")), "ok");
  EXPECT_EQ(reason(validate_country("C\xc3\xb4te d'Ivoire")), "ok");
  EXPECT_EQ(reason(validate_city("\xe6\x9d\xb1\xe4\xba\xac")), "ok");  // Tokyo in kanji
  EXPECT_EQ(reason(validate_city(std::string(128, 'c'))), "ok");
  EXPECT_EQ(reason(validate_city(std::string(129, 'c'))), "invalid_city");
  EXPECT_EQ(reason(validate_country("")), "invalid_country");
  EXPECT_EQ(reason(validate_city("")), "invalid_city");
  EXPECT_EQ(reason(validate_city("Ghent\n")), "invalid_city");
  EXPECT_EQ(reason(validate_city("Gh\x7f"
                                 "ent")),
            "invalid_city");
  EXPECT_EQ(reason(validate_city("Gh\xc2\x85"
                                 "ent")),
            "invalid_city");  // U+0085 (C1)
  EXPECT_EQ(reason(validate_city("Gh\xc2\xa0"
                                 "ent")),
            "ok");  // U+00A0, not C1
  EXPECT_EQ(reason(validate_city("Gh\xff"
                                 "ent")),
            "invalid_city");  // not UTF-8
  EXPECT_EQ(reason(validate_city(std::string_view("G\0h", 3))), "invalid_city");
}

TEST(Location, LatitudeEdges) {
  for (const char* ok : {"90", "-90", "0", "-0", "90.0", "90.000000000000000", "-90.0000",
                         "89.9999999999", "51.0543422", "-33.8678500000000", "0.5", "9", "45.5"})
    EXPECT_EQ(reason(validate_latitude(ok)), "ok") << ok;
  for (const char* bad : {"90.0000001",
                          "-90.0000001",
                          "91",
                          "100",
                          "-91",
                          "1000",
                          "90.000000000000001",  // just above 90 at 15 decimals
                          "1e5",
                          "1E5",
                          "",
                          "+",
                          "-",
                          "+45",
                          "1.",
                          ".5",
                          "-.5",
                          "45.",
                          " 45",
                          "45 ",
                          "45,5",
                          "045",
                          "00",
                          "-00.5",
                          "4 5",
                          "0x10",
                          "45.5.5",
                          "--45",
                          "nan",
                          "inf",
                          "45.1234567890123456"}) {
    EXPECT_EQ(reason(validate_latitude(bad)), "invalid_latitude") << '"' << bad << '"';
  }
  EXPECT_EQ(reason(validate_latitude("45.123456789012345")), "ok");  // exactly 15 decimals
}

TEST(Location, LongitudeEdges) {
  for (const char* ok : {"180", "-180", "180.000", "-180.0", "179.999999", "3.7174243", "0"})
    EXPECT_EQ(reason(validate_longitude(ok)), "ok") << ok;
  for (const char* bad : {"-180.1", "180.1", "180.0000001", "181", "-181", "200", "1e5", "", "+",
                          "1.", ".5", "0180"}) {
    EXPECT_EQ(reason(validate_longitude(bad)), "invalid_longitude") << '"' << bad << '"';
  }
  EXPECT_EQ(reason(validate_latitude("180")), "invalid_latitude");  // latitude stops at 90
}

TEST(Location, WholeLocation) {
  Location loc{"Belgium", "Ghent", "51.0543422", "3.7174243"};
  EXPECT_EQ(reason(validate_location(loc)), "ok");
  loc.longitude = "181";
  EXPECT_EQ(reason(validate_location(loc)), "invalid_longitude");
  loc.latitude = "91";
  EXPECT_EQ(reason(validate_location(loc)), "invalid_latitude");
  loc.city = "";
  EXPECT_EQ(reason(validate_location(loc)), "invalid_city");
  loc.country = "";
  EXPECT_EQ(reason(validate_location(loc)), "invalid_country");
}

// --- resources
// ------------------------------------------------------------------------------------

TEST(NodeResources, MinimumsAtTheBoundary) {
  const std::uint64_t gib = std::uint64_t{1} << 30;
  Resources r{1, 2 * gib, 100 * gib, 0};
  EXPECT_EQ(reason(validate_node_resources(r)), "ok");
  EXPECT_EQ(reason(validate_node_resources(Resources{0, 2 * gib, 100 * gib, 0})),
            "cru_below_minimum");
  EXPECT_EQ(reason(validate_node_resources(Resources{1, 2 * gib - 1, 100 * gib, 0})),
            "mru_below_minimum");
  EXPECT_EQ(reason(validate_node_resources(Resources{1, 2 * gib, 100 * gib - 1, 0})),
            "sru_below_minimum");
  EXPECT_EQ(reason(validate_node_resources(Resources{64, 256 * gib, 4000 * gib, 12000 * gib})),
            "ok");
  EXPECT_EQ(reason(validate_node_resources(Resources{~0ull, ~0ull, ~0ull, ~0ull})), "ok");
  EXPECT_EQ(kMinNodeMru, 2147483648ull);
  EXPECT_EQ(kMinNodeSru, 107374182400ull);
}

TEST(NodeResources, OnePercentRule) {
  // Exactly 1 % is not more than 1 %.
  EXPECT_FALSE(changed_more_than_one_percent(100, 101));
  EXPECT_FALSE(changed_more_than_one_percent(100, 99));
  EXPECT_TRUE(changed_more_than_one_percent(100, 102));
  EXPECT_TRUE(changed_more_than_one_percent(100, 98));
  EXPECT_FALSE(changed_more_than_one_percent(100, 100));
  // Below 100 any change of 1 is more than 1 %.
  EXPECT_TRUE(changed_more_than_one_percent(99, 100));
  EXPECT_TRUE(changed_more_than_one_percent(8, 9));
  // Old zero: any change counts.
  EXPECT_FALSE(changed_more_than_one_percent(0, 0));
  EXPECT_TRUE(changed_more_than_one_percent(0, 1));
  // Byte sizes: 1 % of 100 GiB is 1073741824 bytes exactly.
  const std::uint64_t sru = std::uint64_t{100} << 30;
  EXPECT_FALSE(changed_more_than_one_percent(sru, sru + (std::uint64_t{1} << 30)));
  EXPECT_TRUE(changed_more_than_one_percent(sru, sru + (std::uint64_t{1} << 30) + 1));
  EXPECT_FALSE(changed_more_than_one_percent(sru, sru - (std::uint64_t{1} << 30)));
  EXPECT_TRUE(changed_more_than_one_percent(sru, sru - (std::uint64_t{1} << 30) - 1));
  // Products beyond 64 bits.
  const std::uint64_t max = ~std::uint64_t{0};
  EXPECT_TRUE(changed_more_than_one_percent(max, 0));
  EXPECT_TRUE(changed_more_than_one_percent(0, max));
  EXPECT_FALSE(changed_more_than_one_percent(max, max - max / 100));
  EXPECT_TRUE(changed_more_than_one_percent(max, max - max / 100 - 1));
  EXPECT_TRUE(changed_more_than_one_percent(max / 2, max));
}

TEST(NodeResources, CertificationDropsOnAnyField) {
  const std::uint64_t gib = std::uint64_t{1} << 30;
  Resources old_r{100, 100 * gib, 1000 * gib, 0};
  EXPECT_FALSE(resources_changed_more_than_one_percent(old_r, old_r));
  Resources r = old_r;
  r.cru = 101;
  EXPECT_FALSE(resources_changed_more_than_one_percent(old_r, r));
  r.cru = 102;
  EXPECT_TRUE(resources_changed_more_than_one_percent(old_r, r));
  r = old_r;
  r.mru = 101 * gib;
  EXPECT_FALSE(resources_changed_more_than_one_percent(old_r, r));
  r.mru += 1;
  EXPECT_TRUE(resources_changed_more_than_one_percent(old_r, r));
  r = old_r;
  r.sru = 990 * gib;
  EXPECT_FALSE(resources_changed_more_than_one_percent(old_r, r));
  r.sru -= 1;
  EXPECT_TRUE(resources_changed_more_than_one_percent(old_r, r));
  r = old_r;
  r.hru = 1;  // from zero: any change
  EXPECT_TRUE(resources_changed_more_than_one_percent(old_r, r));
}

// --- public IPv4 with gateway
// ---------------------------------------------------------------------

TEST(Ipv4Gw, Accepts) {
  auto gw = validate_ipv4_gw("185.206.122.33/24", "185.206.122.1");
  ASSERT_EQ(reason(gw), "ok");
  EXPECT_EQ(to_string(gw->ip), "185.206.122.33/24");
  EXPECT_EQ(to_string(gw->gateway), "185.206.122.1");
  EXPECT_EQ(reason(validate_ipv4_gw("1.1.1.2/30", "1.1.1.1")), "ok");
  EXPECT_EQ(reason(validate_ipv4_gw("1.1.1.1/31", "1.1.1.0")), "ok");  // /31: no network/bcast
  EXPECT_EQ(reason(validate_ipv4_gw("1.1.1.0/31", "1.1.1.1")), "ok");
  EXPECT_EQ(reason(validate_ipv4_gw("8.8.8.8/1", "100.0.0.1")), "ok");
  // The gateway may be the subnet's last usable address.
  EXPECT_EQ(reason(validate_ipv4_gw("185.206.122.33/24", "185.206.122.254")), "ok");
}

TEST(Ipv4Gw, RefusesMalformedIp) {
  for (const char* bad :
       {"185.206.122.33", "185.206.122.33/", "185.206.122.33/33", "1.2.3/24", "1.2.3.4.5/24",
        "01.2.3.4/24", "256.1.1.1/24", " 1.2.3.4/24", "", "2a02::1/64"}) {
    EXPECT_EQ(reason(validate_ipv4_gw(bad, "1.2.3.1")), "invalid_ipv4") << bad;
  }
  EXPECT_EQ(reason(validate_ipv4_gw("1.2.3.4/0", "1.2.3.1")), "invalid_ipv4");  // prefix 1..32
}

TEST(Ipv4Gw, RefusesNonPublicIp) {
  for (const char* bad : {"10.0.0.5/24", "192.168.1.5/24", "172.16.0.5/24", "100.64.0.5/24",
                          "127.0.0.5/24", "169.254.0.5/24", "224.0.0.5/24", "240.0.0.5/24",
                          "198.18.0.5/24", "0.0.0.5/24", "255.255.255.255/32"}) {
    EXPECT_EQ(reason(validate_ipv4_gw(bad, "1.1.1.1")), "ipv4_not_public") << bad;
  }
}

TEST(Ipv4Gw, RefusesNetworkAndBroadcastUpToSlash30) {
  EXPECT_EQ(reason(validate_ipv4_gw("185.206.122.0/24", "185.206.122.1")), "ipv4_network_address");
  EXPECT_EQ(reason(validate_ipv4_gw("185.206.122.255/24", "185.206.122.1")),
            "ipv4_broadcast_address");
  EXPECT_EQ(reason(validate_ipv4_gw("1.1.1.4/30", "1.1.1.5")), "ipv4_network_address");
  EXPECT_EQ(reason(validate_ipv4_gw("1.1.1.7/30", "1.1.1.5")), "ipv4_broadcast_address");
  EXPECT_EQ(reason(validate_ipv4_gw("1.1.1.5/30", "1.1.1.6")), "ok");
  EXPECT_EQ(reason(validate_ipv4_gw("128.0.0.0/1", "128.0.0.1")), "ipv4_network_address");
}

TEST(Ipv4Gw, RefusesBadGateway) {
  const char* ip = "185.206.122.33/24";
  for (const char* bad : {"", "185.206.122.1/24", "185.206.122", "185.206.122.01", "gw"})
    EXPECT_EQ(reason(validate_ipv4_gw(ip, bad)), "invalid_ipv4_gateway") << bad;
  EXPECT_EQ(reason(validate_ipv4_gw(ip, "10.0.0.1")), "ipv4_gateway_not_public");
  EXPECT_EQ(reason(validate_ipv4_gw(ip, "185.206.123.1")), "ipv4_gateway_outside_subnet");
  EXPECT_EQ(reason(validate_ipv4_gw(ip, "185.206.121.254")), "ipv4_gateway_outside_subnet");
  EXPECT_EQ(reason(validate_ipv4_gw(ip, "1.1.1.1")), "ipv4_gateway_outside_subnet");
  EXPECT_EQ(reason(validate_ipv4_gw(ip, "185.206.122.33")), "ipv4_gateway_equals_ip");
  // /32: the only address in the subnet is the IP itself.
  EXPECT_EQ(reason(validate_ipv4_gw("1.1.1.1/32", "1.1.1.1")), "ipv4_gateway_equals_ip");
  EXPECT_EQ(reason(validate_ipv4_gw("1.1.1.1/32", "1.1.1.2")), "ipv4_gateway_outside_subnet");
  EXPECT_EQ(validate_ipv4_gw(ip, "185.206.123.1").status().message(),
            "ipv4_gateway_outside_subnet: 185.206.123.1 is outside 185.206.122.0/24");
}

// --- duplicates
// -----------------------------------------------------------------------------------

TEST(FarmIps, DuplicatesCompareAddressesNotText) {
  std::vector<Ipv4Cidr> ips = {*parse_ipv4_cidr("1.1.1.2/24"), *parse_ipv4_cidr("1.1.1.3/24")};
  EXPECT_EQ(reason(check_no_duplicate_ips(ips)), "ok");
  EXPECT_EQ(reason(check_no_duplicate_ips(std::span<const Ipv4Cidr>())), "ok");
  ips.push_back(*parse_ipv4_cidr("1.1.1.2/25"));  // same address, another prefix
  EXPECT_EQ(reason(check_no_duplicate_ips(ips)), "duplicate_ip");
  EXPECT_EQ(check_no_duplicate_ips(ips).message(), "duplicate_ip: 1.1.1.2 is listed twice");
}

TEST(FarmIps, ValidateList) {
  std::vector<IpGw> list = {{"185.206.122.33/24", "185.206.122.1"},
                            {"185.206.122.34/24", "185.206.122.1"}};
  auto parsed = validate_farm_ips(list);
  ASSERT_EQ(reason(parsed), "ok");
  ASSERT_EQ(parsed->size(), 2u);
  EXPECT_EQ(to_string((*parsed)[1].ip), "185.206.122.34/24");
  EXPECT_EQ(reason(validate_farm_ips(std::vector<IpGw>{})), "ok");
  list.push_back({"185.206.122.33/25", "185.206.122.1"});
  EXPECT_EQ(reason(validate_farm_ips(list)), "duplicate_ip");
  list.back() = {"10.0.0.1/24", "10.0.0.254"};
  EXPECT_EQ(reason(validate_farm_ips(list)), "ipv4_not_public");
}

// --- public config
// --------------------------------------------------------------------------------

TEST(Ipv6Gw, AcceptsAndRefuses) {
  auto ok = validate_ipv6_gw("2a02:1802:5e::223/64", "2a02:1802:5e::1");
  ASSERT_EQ(reason(ok), "ok");
  EXPECT_EQ(to_string(ok->ip), "2a02:1802:5e::223/64");
  EXPECT_EQ(reason(validate_ipv6_gw("2a02:1802:5e::223/0", "2a10::1")), "ok");
  EXPECT_EQ(reason(validate_ipv6_gw("2a02::2/127", "2a02::3")), "ok");

  for (const char* bad : {"2a02:1802:5e::223", "2a02:1802:5e::223/129", "2a02::1::/64", "",
                          "1.2.3.4/24", "12345::/64", "2a02::1/"})
    EXPECT_EQ(reason(validate_ipv6_gw(bad, "2a02::1")), "invalid_ipv6") << bad;
  for (const char* bad : {"::/64", "::1/128", "fe80::5/64", "fc00::5/64", "fd12::5/64",
                          "ff02::5/64", "2001:db8::5/64", "::ffff:8.8.8.8/96"})
    EXPECT_EQ(reason(validate_ipv6_gw(bad, "2a02::1")), "ipv6_not_public") << bad;

  const char* ip = "2a02:1802:5e::223/64";
  EXPECT_EQ(reason(validate_ipv6_gw(ip, "")), "invalid_ipv6_gateway");
  EXPECT_EQ(reason(validate_ipv6_gw(ip, "2a02:1802:5e::1/64")), "invalid_ipv6_gateway");
  EXPECT_EQ(reason(validate_ipv6_gw(ip, "fe80::1")), "ipv6_gateway_not_public");
  EXPECT_EQ(reason(validate_ipv6_gw(ip, "2a02:1802:5f::1")), "ipv6_gateway_outside_subnet");
  EXPECT_EQ(reason(validate_ipv6_gw(ip, "2a02:1802:5e:0::223")), "ipv6_gateway_equals_ip");
  EXPECT_EQ(reason(validate_ipv6_gw("2a02::1/128", "2a02::2")), "ipv6_gateway_outside_subnet");
}

TEST(PublicConfig, Whole) {
  PublicConfig config;
  config.ipv4 = {"185.206.122.33/24", "185.206.122.1"};
  EXPECT_EQ(reason(validate_public_config(config)), "ok");
  config.ipv6 = IpGw{"2a02:1802:5e::223/64", "2a02:1802:5e::1"};
  config.domain = "node1.example.com";
  EXPECT_EQ(reason(validate_public_config(config)), "ok");
  config.domain = "localhost";
  EXPECT_EQ(reason(validate_public_config(config)), "invalid_domain");
  config.ipv6->gateway = "2a02:1803::1";
  EXPECT_EQ(reason(validate_public_config(config)), "ipv6_gateway_outside_subnet");
  config.ipv4.gateway = "185.206.122.33";
  EXPECT_EQ(reason(validate_public_config(config)), "ipv4_gateway_equals_ip");
}

}  // namespace
}  // namespace grid::ledger
