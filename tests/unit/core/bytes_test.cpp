#include "core/bytes.hpp"

#include <gtest/gtest.h>

#include "core/hash.hpp"

namespace grid::core {
namespace {

TEST(Hex, EncodesLowercase) {
  EXPECT_EQ(hex_encode(Bytes{0x00, 0xab, 0xFF, 0x10}), "00abff10");
  EXPECT_EQ(hex_encode(Bytes{}), "");
}

TEST(Hex, DecodesEitherCase) {
  EXPECT_EQ(hex_decode("00abFF10").value(), (Bytes{0x00, 0xab, 0xff, 0x10}));
  EXPECT_EQ(hex_decode("").value(), Bytes{});
}

TEST(Hex, StrictDecoderRefuses) {
  for (const char* bad : {"0", "abc", "0x00", "zz", " 00", "00 ", "0g", "+1"}) {
    EXPECT_FALSE(hex_decode(bad).is_ok()) << bad;
  }
  EXPECT_NE(hex_decode("00zz").error().message().find("position 2"), std::string::npos);
}

TEST(Hash32, HexRoundTripAndSize) {
  std::string hex(64, 'a');
  auto h = Hash32::from_hex(hex);
  ASSERT_TRUE(h.is_ok());
  EXPECT_EQ(h->hex(), hex);
  EXPECT_FALSE(h->is_zero());
  EXPECT_TRUE(Hash32{}.is_zero());
  EXPECT_FALSE(Hash32::from_hex(std::string(62, 'a')).is_ok());
  EXPECT_FALSE(Hash32::from_hex(std::string(66, 'a')).is_ok());
}

TEST(TaggedHash, DistinctTypesSameBytes) {
  Hash32 h = Hash32::from_hex(std::string(64, '1')).value();
  TxId tx{h};
  BlockHash block{h};
  EXPECT_EQ(tx.hex(), block.hex());
  static_assert(!std::is_convertible_v<TxId, BlockHash>);
  static_assert(!std::is_convertible_v<BlockHash, StateRoot>);
  static_assert(!std::is_constructible_v<TxId, BlockHash>);
}

}  // namespace
}  // namespace grid::core
