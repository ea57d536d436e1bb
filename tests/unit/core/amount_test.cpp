#include "core/amount.hpp"

#include <gtest/gtest.h>

#include <limits>

namespace grid::core {
namespace {

constexpr std::uint64_t kMax = std::numeric_limits<std::uint64_t>::max();

TEST(Amount, FormatsSevenDecimals) {
  EXPECT_EQ(Amount(0).format(), "0.0000000");
  EXPECT_EQ(Amount(1).format(), "0.0000001");
  EXPECT_EQ(Amount(12'500'0000).format(), "12.5000000");
  EXPECT_EQ(Amount(kMax).format(), "1844674407370.9551615");
}

TEST(Amount, ParsesWholeAndFraction) {
  EXPECT_EQ(Amount::parse("1.25").value().units(), 12'500'000u);
  EXPECT_EQ(Amount::parse("1.2500000").value().units(), 12'500'000u);
  EXPECT_EQ(Amount::parse("0.0000001").value().units(), 1u);
  EXPECT_EQ(Amount::parse("1000000").value().units(), 10'000'000'000'000u);
  EXPECT_EQ(Amount::parse("1844674407370.9551615").value().units(), kMax);
}

TEST(Amount, ParseRefusesBadText) {
  for (const char* bad : {"", ".5", "1.", "1.00000001", "-1", "+1", "1e5", " 1", "1 ", "1,5",
                          "0x10", "1.2.3", "1844674407370.9551616", "99999999999999999999"}) {
    auto r = Amount::parse(bad);
    EXPECT_FALSE(r.is_ok()) << "accepted '" << bad << "'";
    if (!r.is_ok()) {
      EXPECT_EQ(r.error().code(), Code::invalid);
    }
  }
}

TEST(Amount, FormatParseRoundTrip) {
  for (std::uint64_t v : {std::uint64_t{0}, std::uint64_t{1}, std::uint64_t{9'999'999},
                          std::uint64_t{10'000'000}, std::uint64_t{123'456'789'012}, kMax}) {
    EXPECT_EQ(Amount::parse(Amount(v).format()).value().units(), v);
  }
}

TEST(Amount, CheckedArithmeticAtTheEdges) {
  EXPECT_EQ(Amount(kMax - 1).checked_add(Amount(1))->units(), kMax);
  EXPECT_FALSE(Amount(kMax).checked_add(Amount(1)).has_value());
  EXPECT_EQ(Amount(5).checked_sub(Amount(5))->units(), 0u);
  EXPECT_FALSE(Amount(4).checked_sub(Amount(5)).has_value());
  EXPECT_EQ(Amount(kMax / 2).checked_mul(2)->units(), kMax - 1);
  EXPECT_FALSE(Amount(kMax / 2 + 1).checked_mul(2).has_value());
  EXPECT_EQ(Amount(0).checked_mul(kMax)->units(), 0u);
  EXPECT_EQ(Amount::from_tft(1'000'000)->units(), 10'000'000'000'000u);
  EXPECT_FALSE(Amount::from_tft(kMax).has_value());
}

}  // namespace
}  // namespace grid::core
