// ClockOffset: the offset of this clock from the other validators' vote timestamps (median of
// per-validator minima), re-sent votes that must not inflate it, and the rate-limited warning.
#include "node/clock_offset.hpp"

#include <gtest/gtest.h>

namespace grid::node {
namespace {

consensus::ValidatorKey key(std::uint8_t i) {
  consensus::ValidatorKey k{};
  k.fill(i);
  return k;
}

constexpr std::uint64_t kNow = 1'800'000'000'000;

// `count` votes of `validator` signed at `signed_ms` + i and received `delay_ms` later.
void votes(ClockOffset& clock, const consensus::ValidatorKey& validator, std::uint64_t signed_ms,
           std::int64_t delay_ms, std::size_t count = ClockOffset::kMinSamples) {
  for (std::size_t i = 0; i < count; ++i)
    clock.add_vote(validator, signed_ms + i,
                   static_cast<std::uint64_t>(static_cast<std::int64_t>(signed_ms + i) + delay_ms));
}

TEST(ClockOffset, UnknownUntilAnotherValidatorVotedEnough) {
  ClockOffset clock;
  EXPECT_FALSE(clock.offset_ms());
  EXPECT_FALSE(clock.warning(kNow, 2000));
  // One vote re-sent 2 s after it was signed (what a node sees at start) says nothing yet.
  votes(clock, key(1), kNow, 2'000, ClockOffset::kMinSamples - 1);
  EXPECT_FALSE(clock.offset_ms());
  EXPECT_FALSE(clock.warning(kNow, 1000));
  votes(clock, key(1), kNow + 500, 40, 1);
  EXPECT_EQ(clock.offset_ms(), 40);
}

TEST(ClockOffset, MedianOverValidatorsOfTheirSmallestDelay) {
  ClockOffset clock;
  // This clock is 20 s ahead; votes arrive 30-80 ms after they were signed.
  votes(clock, key(1), kNow, 20'030);
  votes(clock, key(2), kNow, 20'050);
  votes(clock, key(3), kNow, 20'080);
  EXPECT_EQ(clock.offset_ms(), 20'050);
  // Votes re-sent 4 s after they were signed add delay, not offset.
  votes(clock, key(1), kNow, 24'030);
  votes(clock, key(2), kNow, 24'050);
  EXPECT_EQ(clock.offset_ms(), 20'050);
  // One validator whose own clock is far off does not move the median.
  votes(clock, key(4), kNow + 300'000, -279'970);
  votes(clock, key(5), kNow, 20'040);
  EXPECT_EQ(clock.offset_ms(), 20'040);
}

TEST(ClockOffset, ABehindClockIsNegativeAndOldSamplesRollOut) {
  ClockOffset clock;
  votes(clock, key(1), kNow, -20'000);
  EXPECT_EQ(clock.offset_ms(), -20'000);
  // After the clock is fixed, fresh votes replace the window of samples.
  votes(clock, key(1), kNow + 100, 50, ClockOffset::kSamplesPerValidator);
  EXPECT_EQ(clock.offset_ms(), 50);
}

TEST(ClockOffset, WarnsPastTheThresholdOncePerMinuteAndSaysWhenItIsBack) {
  ClockOffset clock;
  votes(clock, key(1), kNow, 20'500);
  auto first = clock.warning(kNow, 2000);
  ASSERT_TRUE(first);
  EXPECT_NE(first->find("ahead of the other validators' by about 20.5 s"), std::string::npos)
      << *first;
  EXPECT_NE(first->find("NTP"), std::string::npos);
  EXPECT_FALSE(clock.warning(kNow + 10'000, 2000));
  EXPECT_TRUE(clock.warning(kNow + ClockOffset::kWarnEveryMs, 2000));
  votes(clock, key(1), kNow + 70'000, 40, ClockOffset::kSamplesPerValidator);
  auto back = clock.warning(kNow + 70'000, 2000);
  ASSERT_TRUE(back);
  EXPECT_NE(back->find("back within 2000 ms"), std::string::npos) << *back;
  EXPECT_FALSE(clock.warning(kNow + 80'000, 2000));
  votes(clock, key(1), kNow + 90'000, -3'250, ClockOffset::kSamplesPerValidator);
  auto behind = clock.warning(kNow + 90'000, 2000);
  ASSERT_TRUE(behind);
  EXPECT_NE(behind->find("behind the other validators' by about 3.2 s"), std::string::npos)
      << *behind;
}

TEST(ClockOffset, TracksABoundedNumberOfValidators) {
  ClockOffset clock;
  for (std::size_t i = 0; i < ClockOffset::kMaxValidators + 10; ++i) {
    consensus::ValidatorKey k{};
    k[0] = static_cast<std::uint8_t>(i);
    k[1] = static_cast<std::uint8_t>(i >> 8);
    votes(clock, k, kNow + 10 * i, static_cast<std::int64_t>(100 + i));
  }
  EXPECT_EQ(clock.validators_tracked(), ClockOffset::kMaxValidators);
  // The ten heard first were dropped: delays 110..365 remain, the lower middle is 237.
  EXPECT_EQ(clock.offset_ms(), 100 + 10 + ClockOffset::kMaxValidators / 2 - 1);
}

}  // namespace
}  // namespace grid::node
