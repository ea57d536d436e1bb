#include <gtest/gtest.h>

#include "tools/agent/machine_probe.hpp"
#include "tools/agent/net_counters.hpp"

namespace grid::tools {
namespace {

TEST(Meminfo, ReadsMemTotalInKiB) {
  auto total = parse_meminfo_total(
      "MemTotal:       16318480 kB\nMemFree:         1403328 kB\nMemAvailable:    9000000 kB\n");
  ASSERT_TRUE(total) << total.error().message();
  EXPECT_EQ(*total, 16318480ull * 1024);
  EXPECT_EQ(parse_meminfo_total("MemFree: 1 kB\nMemTotal: 2 kB").value(), 2048u);
}

TEST(Meminfo, RefusesMissingOrMalformed) {
  EXPECT_FALSE(parse_meminfo_total("MemFree: 1 kB\n"));
  EXPECT_FALSE(parse_meminfo_total("MemTotal: lots kB\n"));
  EXPECT_FALSE(parse_meminfo_total("MemTotal: 12 MB\n"));
  EXPECT_FALSE(parse_meminfo_total(""));
}

TEST(ProbeCapacity, GivenValuesWinAndTheRestIsMeasured) {
  auto given = probe_capacity({4, 8ull << 30, 200ull << 30, 5}, "/nonexistent-ignored");
  ASSERT_TRUE(given) << given.error().message();
  EXPECT_EQ(given->cru, 4u);
  EXPECT_EQ(given->mru, 8ull << 30);
  EXPECT_EQ(given->sru, 200ull << 30);
  EXPECT_EQ(given->hru, 5u);
  auto measured = probe_capacity({}, "/");
  ASSERT_TRUE(measured) << measured.error().message();
  EXPECT_GE(measured->cru, 1u);
  EXPECT_GT(measured->mru, 0u);
  EXPECT_GT(measured->sru, 0u);
  EXPECT_EQ(measured->hru, 0u);
  auto bad_disk = probe_capacity({}, "/no/such/path/at/all");
  ASSERT_FALSE(bad_disk);
  EXPECT_EQ(bad_disk.error().code(), core::Code::io);
}

constexpr std::string_view kNetDev =
    "Inter-|   Receive                                                |  Transmit\n"
    " face |bytes    packets errs drop fifo frame compressed multicast|bytes    packets errs "
    "drop fifo colls carrier compressed\n"
    "    lo:  123456     100    0    0    0     0          0         0   123456     100    0 "
    "   0    0     0       0          0\n"
    "  eth0: 9876543210 5000    0    0    0     0          0         0 1234567  4000    0    "
    "0    0     0       0          0\n"
    "eth1:5 1 0 0 0 0 0 0 7 1 0 0 0 0 0 0\n";

TEST(NetDev, ReadsReceivedAndTransmittedBytes) {
  auto eth0 = parse_net_dev(kNetDev, "eth0");
  ASSERT_TRUE(eth0) << eth0.error().message();
  EXPECT_EQ(eth0->rx_bytes, 9876543210u);
  EXPECT_EQ(eth0->tx_bytes, 1234567u);
  auto eth1 = parse_net_dev(kNetDev, "eth1");  // no space after the colon
  ASSERT_TRUE(eth1);
  EXPECT_EQ(eth1->rx_bytes, 5u);
  EXPECT_EQ(eth1->tx_bytes, 7u);
  EXPECT_EQ(parse_net_dev(kNetDev, "lo")->total(), 246912u);
}

TEST(NetDev, MissingAndMalformed) {
  auto missing = parse_net_dev(kNetDev, "wlan0");
  ASSERT_FALSE(missing);
  EXPECT_EQ(missing.error().code(), core::Code::not_found);
  EXPECT_FALSE(parse_net_dev(" eth0: 1 2 3\n", "eth0"));
  EXPECT_FALSE(parse_net_dev(" eth0: x 2 3 4 5 6 7 8 9 10\n", "eth0"));
  EXPECT_FALSE(parse_net_dev(" eth00: 1 2 3 4 5 6 7 8 9 10\n", "eth0"));  // exact names only
}

TEST(NetDev, DeltaSurvivesACounterReset) {
  EXPECT_EQ(counter_delta({100, 50}, {150, 80}), 80u);
  EXPECT_EQ(counter_delta({100, 50}, {30, 80}), 30u + 30u);  // rx reset: counts from zero
  EXPECT_FALSE(read_net_counters("no-such-interface-0"));
}

}  // namespace
}  // namespace grid::tools
