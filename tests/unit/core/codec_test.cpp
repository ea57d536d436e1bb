#include "core/codec.hpp"

#include <gtest/gtest.h>

#include "core/utf8.hpp"

namespace grid::core {
namespace {

enum class Color : std::uint8_t { red = 0, green = 1, blue = 2 };

struct Inner {
  std::uint16_t a = 0;
  std::string name;
  auto operator<=>(const Inner&) const = default;
  static void fields(auto& self, auto& v) {
    v(self.a);
    v(self.name, Limit{8});
  }
};

struct Sample {
  std::uint8_t u8 = 0;
  std::uint16_t u16 = 0;
  std::uint32_t u32 = 0;
  std::uint64_t u64 = 0;
  bool flag = false;
  std::array<std::uint8_t, 4> fixed{};
  Bytes blob;
  std::optional<std::uint32_t> maybe;
  std::vector<Inner> items;
  Color color = Color::red;
  Hash32 hash;
  auto operator<=>(const Sample&) const = default;
  static void fields(auto& self, auto& v) {
    v(self.u8);
    v(self.u16);
    v(self.u32);
    v(self.u64);
    v(self.flag);
    v(self.fixed);
    v(self.blob, Limit{16});
    v(self.maybe);
    v(self.items, Limit{3});
    v(self.color, Limit{2});
    v(self.hash);
  }
};

Sample sample() {
  Sample s;
  s.u8 = 0x01;
  s.u16 = 0x0302;
  s.u32 = 0x07060504;
  s.u64 = 0x0f0e0d0c0b0a0908;
  s.flag = true;
  s.fixed = {0xaa, 0xbb, 0xcc, 0xdd};
  s.blob = {0x10, 0x11};
  s.maybe = 0x12;
  s.items = {Inner{0x1314, "hé"}};
  s.color = Color::blue;
  s.hash.bytes.fill(0x55);
  return s;
}

// Golden bytes: every field little-endian, lengths u32, option tag, struct fields in order.
constexpr const char* kSampleHex =
    "01"                // u8
    "0203"              // u16
    "04050607"          // u32
    "08090a0b0c0d0e0f"  // u64
    "01"                // bool
    "aabbccdd"          // bytes4
    "020000001011"      // bytes, len 2
    "0112000000"        // option<u32> = some(0x12)
    "01000000"
    "1413"
    "03000000"
    "68c3a9"  // vec<Inner>, 1 item: a, name "hé" (3 bytes)
    "02"      // enum
    "5555555555555555555555555555555555555555555555555555555555555555";

Bytes golden() {
  return hex_decode(kSampleHex).value();
}

TEST(Codec, EncodesTheGoldenBytes) {
  EXPECT_EQ(hex_encode(encode(sample())), kSampleHex);
}

TEST(Codec, RoundTrip) {
  auto decoded = decode<Sample>(golden());
  ASSERT_TRUE(decoded.is_ok()) << decoded.error().to_string();
  EXPECT_EQ(*decoded, sample());
  Sample empty;
  EXPECT_EQ(decode<Sample>(encode(empty)).value(), empty);
}

// Replaces the bytes at `offset` of the golden encoding and expects a refusal mentioning `why`.
void expect_refused(std::size_t offset, Bytes replacement, const std::string& why) {
  Bytes b = golden();
  std::copy(replacement.begin(), replacement.end(), b.begin() + static_cast<long>(offset));
  auto r = decode<Sample>(b);
  ASSERT_FALSE(r.is_ok()) << "accepted a change at " << offset;
  EXPECT_EQ(r.error().code(), Code::invalid);
  EXPECT_NE(r.error().message().find(why), std::string::npos) << r.error().message();
}

constexpr std::size_t kBoolAt = 15, kBlobLenAt = 20, kOptionAt = 26, kVecLenAt = 31,
                      kNameLenAt = 37, kNameAt = 41, kEnumAt = 44;

TEST(Codec, RefusesBadBool) {
  expect_refused(kBoolAt, {0x02}, "bool");
}
TEST(Codec, RefusesBadOptionTag) {
  expect_refused(kOptionAt, {0x02}, "option tag");
}
TEST(Codec, RefusesLengthOverCap) {
  expect_refused(kBlobLenAt, {17, 0, 0, 0}, "cap");
}
TEST(Codec, RefusesCountOverCap) {
  expect_refused(kVecLenAt, {4, 0, 0, 0}, "cap");
}
TEST(Codec, RefusesStringOverCap) {
  expect_refused(kNameLenAt, {9, 0, 0, 0}, "cap");
}
TEST(Codec, RefusesEnumOverMax) {
  expect_refused(kEnumAt, {0x03}, "maximum");
}
TEST(Codec, RefusesInvalidUtf8) {
  expect_refused(kNameAt, {0xc3, 0x28}, "UTF-8");
}
TEST(Codec, RefusesOverlongUtf8) {
  expect_refused(kNameAt + 1, {0xc0, 0x80}, "UTF-8");
}

TEST(Codec, RefusesLengthBeyondInput) {
  Writer w;
  w.u32(1000);  // claims 1000 bytes, has 2
  w.u8(1);
  w.u8(2);
  auto r = decode<Bytes>(w.data());
  ASSERT_FALSE(r.is_ok());
  EXPECT_NE(r.error().message().find("left"), std::string::npos) << r.error().message();
}

// Each default construction of an item is counted: a list whose count promises more items than
// its bytes hold must not make room for the count before the bytes are there.
struct Counted {
  static inline std::size_t made = 0;
  std::uint64_t value = 0;
  Counted() { ++made; }
  static void fields(auto& self, auto& v) { v(self.value); }
};

TEST(Codec, AListCountDoesNotAllocateBeyondTheItemsThatArrived) {
  Writer w;
  w.u32(1000);            // 1000 items of 8 bytes announced ...
  w.raw(Bytes(1000, 7));  // ... 1000 bytes sent: 125 items, then the input ends
  Counted::made = 0;
  auto r = decode<std::vector<Counted>>(w.data());
  ASSERT_FALSE(r.is_ok());
  EXPECT_LE(Counted::made, 126u);
  // A whole list still decodes.
  Writer ok;
  ok.u32(3);
  for (std::uint64_t i = 0; i < 3; ++i) ok.u64(i + 40);
  Counted::made = 0;
  auto list = decode<std::vector<Counted>>(ok.data());
  ASSERT_TRUE(list.is_ok()) << list.error().message();
  ASSERT_EQ(list->size(), 3u);
  EXPECT_EQ((*list)[2].value, 42u);
}

TEST(Codec, RefusesTrailingBytes) {
  Bytes b = golden();
  b.push_back(0);
  auto r = decode<Sample>(b);
  ASSERT_FALSE(r.is_ok());
  EXPECT_NE(r.error().message().find("trailing"), std::string::npos);
}

TEST(Codec, RefusesEveryTruncation) {
  Bytes b = golden();
  for (std::size_t n = 0; n < b.size(); ++n) {
    auto r = decode<Sample>(ByteView(b.data(), n));
    EXPECT_FALSE(r.is_ok()) << "accepted a prefix of " << n << " bytes";
  }
}

TEST(Codec, ErrorNamesTheOffset) {
  Bytes b = golden();
  b[kBoolAt] = 7;
  EXPECT_NE(decode<Sample>(b).error().message().find("at byte 15"), std::string::npos);
}

TEST(Utf8, ValidatesStrictly) {
  EXPECT_TRUE(is_valid_utf8("plain ascii"));
  EXPECT_TRUE(is_valid_utf8("\xf0\x9f\x98\x80"));   // U+1F600
  EXPECT_FALSE(is_valid_utf8("\xed\xa0\x80"));      // surrogate U+D800
  EXPECT_FALSE(is_valid_utf8("\xf4\x90\x80\x80"));  // above U+10FFFF
  EXPECT_FALSE(is_valid_utf8("\xe0\x80\xaf"));      // overlong '/'
  EXPECT_FALSE(is_valid_utf8("\xe2\x82"));          // truncated
  EXPECT_FALSE(is_valid_utf8("\xff"));
}

}  // namespace
}  // namespace grid::core
