#include "contracts/fraction.hpp"

#include <gtest/gtest.h>

namespace grid::contracts {
namespace {

constexpr u128 kMax = ~u128{0};

TEST(Fraction, ReducesAndMultipliesExactly) {
  Fraction f = reduced(Fraction{6, 8});
  EXPECT_EQ(f.num, 3u);
  EXPECT_EQ(f.den, 4u);
  Fraction p = mul(Fraction{3, 4}, Fraction{8, 9});
  EXPECT_EQ(p.num, 2u);
  EXPECT_EQ(p.den, 3u);
  Fraction s = add(Fraction{1, 6}, Fraction{1, 3});
  EXPECT_EQ(s.num, 1u);
  EXPECT_EQ(s.den, 2u);
  EXPECT_EQ(reduced(Fraction{0, 7}).den, 1u);
}

TEST(Fraction, CrossReductionAvoidsNeedlessOverflow) {
  // (2^100 / 3) * (3 / 2^100) = 1 without forming 2^200.
  Fraction one = mul(Fraction{u128{1} << 100, 3}, Fraction{3, u128{1} << 100});
  ASSERT_TRUE(one.ok());
  EXPECT_EQ(one.num, 1u);
  EXPECT_EQ(one.den, 1u);
}

TEST(Fraction, OverflowPropagates) {
  Fraction big = Fraction::integer(kMax);
  EXPECT_FALSE(mul(big, Fraction::integer(2)).ok());
  EXPECT_FALSE(add(big, Fraction::integer(1)).ok());
  EXPECT_FALSE(add(Fraction::overflowed(), Fraction::integer(1)).ok());
  EXPECT_FALSE(scale(big, 2, 1).ok());
  EXPECT_FALSE(add(Mixed{kMax, Fraction{}}, Mixed{1, Fraction{}}).ok());
}

TEST(Mixed, ScaleKeepsAProperFraction) {
  // (7/2) * 5 / 3 = 35/6 = 5 + 5/6.
  Mixed m = scale(Fraction{7, 2}, 5, 3);
  ASSERT_TRUE(m.ok());
  EXPECT_EQ(m.whole, 5u);
  EXPECT_EQ(m.part.num, 5u);
  EXPECT_EQ(m.part.den, 6u);
  // 5/6 + 5/6 carries one whole unit: 11 + 2/3.
  Mixed sum = add(m, m);
  EXPECT_EQ(sum.whole, 11u);
  EXPECT_EQ(sum.part.num, 2u);
  EXPECT_EQ(sum.part.den, 3u);
  // A whole part near u128 with a fractional numerator kept small.
  Mixed large = scale(Fraction{kMax, 2}, 1, 1);
  ASSERT_TRUE(large.ok());
  EXPECT_EQ(large.whole, kMax / 2);
  EXPECT_EQ(large.part.num, 1u);
  EXPECT_FALSE(scale(Fraction{1, 1}, 1, 0).ok());
}

}  // namespace
}  // namespace grid::contracts
