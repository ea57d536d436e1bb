#include "tools/cli/cli_values.hpp"

#include <gtest/gtest.h>

#include <limits>

#include "tools/client/cli_args.hpp"

namespace grid::tools {
namespace {

constexpr std::uint64_t kGiB = std::uint64_t{1} << 30;

TEST(CliValues, ParsesTftIntoBaseUnits) {
  EXPECT_EQ(parse_tft("AMOUNT_TFT", "12").value(), 120'000'000u);
  EXPECT_EQ(parse_tft("AMOUNT_TFT", "12.34").value(), 123'400'000u);
  EXPECT_EQ(parse_tft("AMOUNT_TFT", "0.0000001").value(), 1u);
}

TEST(CliValues, RefusesBadTftNamingTheArgument) {
  for (const char* bad : {"", "-1", "1.00000001", "abc", "1e3", "12 TFT"}) {
    auto r = parse_tft("AMOUNT_TFT", bad);
    ASSERT_FALSE(r) << bad;
    EXPECT_EQ(r.error().code(), core::Code::invalid);
    EXPECT_NE(r.error().message().find("AMOUNT_TFT"), std::string::npos) << r.error().message();
  }
}

// Sizes come from the tools' shared helper (tools/client/cli_args.hpp); these are the forms
// gridcli's help promises.
TEST(CliValues, SizesTakeTheUnitsTheHelpNames) {
  EXPECT_EQ(parse_size_arg("--mru", "8GiB").value(), 8 * kGiB);
  EXPECT_EQ(parse_size_arg("--mru", "8gib").value(), 8 * kGiB);
  EXPECT_EQ(parse_size_arg("--mru", "512MiB").value(), 512u << 20);
  EXPECT_EQ(parse_size_arg("--mru", "100GB").value(), 100'000'000'000u);
  EXPECT_EQ(parse_size_arg("--mru", "1.5GiB").value(), 3 * kGiB / 2);
  EXPECT_EQ(parse_size_arg("--mru", "1073741824").value(), kGiB);
  EXPECT_EQ(parse_size_arg("--mru", "2TiB").value(), 2 * 1024 * kGiB);
  for (const char* bad : {"", "GiB", "8 GiB", "8XB", "-8GiB", "16777216TiB"}) {
    auto r = parse_size_arg("--sru", bad);
    ASSERT_FALSE(r) << bad;
    EXPECT_NE(r.error().message().find("--sru"), std::string::npos) << r.error().message();
  }
}

TEST(CliValues, FormatsTftWithSevenDecimals) {
  EXPECT_EQ(format_tft(123'400'000), "12.3400000 TFT");
  EXPECT_EQ(format_tft(0), "0.0000000 TFT");
  EXPECT_EQ(format_tft(1), "0.0000001 TFT");
  EXPECT_EQ(format_usd(152'500), "0.0152500 USD");
}

TEST(CliValues, FormatsUnixTimesInUtc) {
  EXPECT_EQ(format_time(0), "1970-01-01 00:00:00 UTC");
  EXPECT_EQ(format_time(1'795'680'091), "2026-11-26 08:01:31 UTC");
  EXPECT_EQ(format_time(253'402'300'799), "9999-12-31 23:59:59 UTC");
  EXPECT_EQ(format_time(253'402'300'800), "253402300800");  // no 5-digit years
}

TEST(CliValues, ParsesIdsInRange) {
  EXPECT_EQ(parse_id32("FARM", "7").value(), 7u);
  EXPECT_FALSE(parse_id32("FARM", "0"));
  EXPECT_EQ(parse_id32("--ips", "0", 0).value(), 0u);
  EXPECT_FALSE(parse_id32("FARM", "4294967296"));
  EXPECT_FALSE(parse_id32("FARM", "x"));
  EXPECT_EQ(parse_id64("ID", "18446744073709551615").value(),
            std::numeric_limits<std::uint64_t>::max());
  auto bad = parse_id64("ID", "-1");
  ASSERT_FALSE(bad);
  EXPECT_NE(bad.error().message().find("ID"), std::string::npos);
}

TEST(CliValues, ParsesHex) {
  EXPECT_EQ(parse_hex("KEY", "0a0B").value(), (core::Bytes{0x0a, 0x0b}));
  EXPECT_EQ(parse_hex("KEY", "0xff").value(), (core::Bytes{0xff}));
  EXPECT_TRUE(parse_hex("KEY", "").value().empty());
  EXPECT_FALSE(parse_hex("KEY", "abc"));
  EXPECT_FALSE(parse_hex("KEY", "zz"));
}

}  // namespace
}  // namespace grid::tools
