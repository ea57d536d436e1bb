// Bech32m (BIP-350) and the generic bech32 rules (BIP-173).
// Test vectors: bitcoin/bips, bip-0350.mediawiki, section "Test vectors" ("Test vectors for
// Bech32m" and "Test vectors for v0-v16 native segregated witness addresses"), copied verbatim.
#include "core/bech32m.hpp"

#include <gtest/gtest.h>

#include <cctype>
#include <string>
#include <vector>

namespace grid::core {
namespace {

std::string lower(std::string s) {
  for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

const std::vector<std::string> kValidBech32m = {
    "A1LQFN3A",
    "a1lqfn3a",
    "an83characterlonghumanreadablepartthatcontainsthetheexcludedcharactersbioandnumber11sg7hg6",
    "abcdef1l7aum6echk45nj3s0wdvt2fg8x9yrzpqzd3ryx",
    "11llllllllllllllllllllllllllllllllllllllllllllllllllllllllllllllllllllllllllllllllllludsr8",
    "split1checkupstagehandshakeupstreamerranterredcaperredlc445v",
    "?1v759aa",
};

const std::vector<std::string> kInvalidBech32m = {
    std::string("\x20") + "1xj0phk",  // HRP character out of range
    std::string("\x7f") + "1g6xzxy",  // HRP character out of range
    std::string("\x80") + "1vctc34",  // HRP character out of range
    // overall max length exceeded
    "an84characterslonghumanreadablepartthatcontainsthetheexcludedcharactersbioandnumber11d6pts4",
    "qyrz8wqd2c9m",   // No separator character
    "1qyrz8wqd2c9m",  // Empty HRP
    "y1b0jsk6g",      // Invalid data character
    "lt1igcx5c0",     // Invalid data character
    "in1muywd",       // Too short checksum
    "mm1crxm3i",      // Invalid character in checksum
    "au1s5cgom",      // Invalid character in checksum
    "M1VUXWEZ",       // checksum calculated with uppercase form of HRP
    "16plkw9",        // empty HRP
    "1p2gdwpf",       // empty HRP
};

TEST(Bech32m, ValidVectorsDecodeAndReencodeToLowercase) {
  for (const auto& s : kValidBech32m) {
    SCOPED_TRACE(s);
    auto decoded = bech32m_decode(s);
    ASSERT_TRUE(decoded) << decoded.error().to_string();
    EXPECT_EQ(decoded->variant, Bech32Variant::bech32m);
    auto encoded = bech32m_encode(decoded->hrp, decoded->data);
    ASSERT_TRUE(encoded) << encoded.error().to_string();
    EXPECT_EQ(*encoded, lower(s));
  }
}

TEST(Bech32m, InvalidVectorsAreRefused) {
  for (const auto& s : kInvalidBech32m) {
    SCOPED_TRACE(s);
    auto decoded = bech32m_decode(s);
    EXPECT_FALSE(decoded);
    if (!decoded) {
      EXPECT_EQ(decoded.error().code(), Code::invalid);
    }
  }
}

// BIP-350: "No string can be simultaneously valid Bech32 and Bech32m, so the above examples also
// serve as invalid test vectors for Bech32."
TEST(Bech32m, ValidBech32mIsNotBech32) {
  for (const auto& s : kValidBech32m) {
    auto decoded = bech32_decode_any(s);
    ASSERT_TRUE(decoded);
    EXPECT_NE(decoded->variant, Bech32Variant::bech32) << s;
  }
}

TEST(Bech32m, RefusesBech32Checksum) {
  // BIP-173 valid bech32 strings (bitcoin/bips, bip-0173.mediawiki, "Test vectors").
  for (
      std::string s :
      {"A12UEL5L", "a12uel5l",
       "an83characterlonghumanreadablepartthatcontainsthenumber1andtheexcludedcharactersbio1tt5tgs",
       "abcdef1qpzry9x8gf2tvdw0s3jn54khce6mua7lmqqqxw",
       "11qqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqc8247j",
       "split1checkupstagehandshakeupstreamerranterredcaperred2y9e3w", "?1ezyfcl"}) {
    SCOPED_TRACE(s);
    auto any = bech32_decode_any(s);
    ASSERT_TRUE(any) << any.error().to_string();
    EXPECT_EQ(any->variant, Bech32Variant::bech32);
    auto m = bech32m_decode(s);
    ASSERT_FALSE(m);
    EXPECT_NE(m.error().message().find("bech32m was expected"), std::string::npos);
  }
}

TEST(Bech32m, EncodeRules) {
  EXPECT_FALSE(bech32m_encode("", Bytes{}));
  EXPECT_FALSE(bech32m_encode(std::string(84, 'a'), Bytes{}));
  EXPECT_TRUE(bech32m_encode(std::string(83, 'a'), Bytes{}));
  EXPECT_FALSE(bech32m_encode("Tf", Bytes{}));       // uppercase hrp
  EXPECT_FALSE(bech32m_encode("t f", Bytes{}));      // space
  EXPECT_FALSE(bech32m_encode("tf", Bytes{0, 32}));  // not 5-bit
  EXPECT_TRUE(bech32m_encode("a", Bytes(82, 0)));    // exactly 90 characters
  EXPECT_FALSE(bech32m_encode("a", Bytes(83, 0)));   // 91 characters
  auto s = bech32m_encode("a", Bytes(82, 31));
  ASSERT_TRUE(s);
  EXPECT_EQ(s->size(), 90u);
}

TEST(Bech32m, MixedCaseAndUppercase) {
  auto up = bech32m_decode("ABCDEF1L7AUM6ECHK45NJ3S0WDVT2FG8X9YRZPQZD3RYX");
  ASSERT_TRUE(up);
  EXPECT_EQ(up->hrp, "abcdef");
  EXPECT_FALSE(bech32m_decode("abcdef1l7aum6echk45nj3s0wdvt2fg8x9yrzpqzd3rYx"));
  EXPECT_FALSE(bech32m_decode("Abcdef1l7aum6echk45nj3s0wdvt2fg8x9yrzpqzd3ryx"));
}

TEST(Bech32m, EverySingleSubstitutionIsDetected) {
  const std::string s = "abcdef1l7aum6echk45nj3s0wdvt2fg8x9yrzpqzd3ryx";
  const std::string charset = "qpzry9x8gf2tvdw0s3jn54khce6mua7l";
  for (std::size_t i = 7; i < s.size(); ++i)
    for (char c : charset) {
      if (c == s[i]) continue;
      std::string t = s;
      t[i] = c;
      EXPECT_FALSE(bech32m_decode(t)) << t;
    }
}

TEST(ConvertBits, PaddingRules) {
  auto five = convert_bits(Bytes{0xff}, 8, 5, true);
  ASSERT_TRUE(five);
  EXPECT_EQ(*five, (Bytes{31, 28}));
  auto back = convert_bits(*five, 5, 8, false);
  ASSERT_TRUE(back);
  EXPECT_EQ(*back, Bytes{0xff});
  EXPECT_FALSE(convert_bits(Bytes{31, 29}, 5, 8, false));     // non-zero padding
  EXPECT_FALSE(convert_bits(Bytes{31, 28, 0}, 5, 8, false));  // 7 leftover bits > 4
  EXPECT_FALSE(convert_bits(Bytes{32}, 5, 8, false));         // value wider than 5 bits
  auto empty = convert_bits(Bytes{}, 8, 5, true);
  ASSERT_TRUE(empty);
  EXPECT_TRUE(empty->empty());
}

// ---- the segwit vectors, through a minimal BIP-350 segwit decoder ------------------------------

struct Segwit {
  int version;
  Bytes program;
};

Result<Segwit> segwit_decode(const std::string& hrp, const std::string& addr) {
  auto d = bech32_decode_any(addr);
  if (!d) return d.error();
  if (d->hrp != hrp) return Status::invalid("hrp");
  if (d->data.empty()) return Status::invalid("empty data");
  auto prog = convert_bits(ByteView(d->data).subspan(1), 5, 8, false);
  if (!prog) return prog.error();
  if (prog->size() < 2 || prog->size() > 40) return Status::invalid("program length");
  int version = d->data[0];
  if (version > 16) return Status::invalid("version");
  if (version == 0 && prog->size() != 20 && prog->size() != 32) return Status::invalid("v0 length");
  if ((version == 0) != (d->variant == Bech32Variant::bech32))
    return Status::invalid("wrong checksum variant");
  return Segwit{version, std::move(prog).value()};
}

Bytes script_pubkey(const Segwit& w) {
  Bytes out{static_cast<std::uint8_t>(w.version ? w.version + 0x50 : 0),
            static_cast<std::uint8_t>(w.program.size())};
  out.insert(out.end(), w.program.begin(), w.program.end());
  return out;
}

TEST(Bech32m, SegwitValidVectors) {
  const std::vector<std::pair<std::string, std::string>> valid = {
      {"BC1QW508D6QEJXTDG4Y5R3ZARVARY0C5XW7KV8F3T4",
       "0014751e76e8199196d454941c45d1b3a323f1433bd6"},
      {"tb1qrp33g0q5c5txsp9arysrx4k6zdkfs4nce4xj0gdcccefvpysxf3q0sl5k7",
       "00201863143c14c5166804bd19203356da136c985678cd4d27a1b8c6329604903262"},
      {"bc1pw508d6qejxtdg4y5r3zarvary0c5xw7kw508d6qejxtdg4y5r3zarvary0c5xw7kt5nd6y",
       "5128751e76e8199196d454941c45d1b3a323f1433bd6751e76e8199196d454941c45d1b3a323f1433bd6"},
      {"BC1SW50QGDZ25J", "6002751e"},
      {"bc1zw508d6qejxtdg4y5r3zarvaryvaxxpcs", "5210751e76e8199196d454941c45d1b3a323"},
      {"tb1qqqqqp399et2xygdj5xreqhjjvcmzhxw4aywxecjdzew6hylgvsesrxh6hy",
       "0020000000c4a5cad46221b2a187905e5266362b99d5e91c6ce24d165dab93e86433"},
      {"tb1pqqqqp399et2xygdj5xreqhjjvcmzhxw4aywxecjdzew6hylgvsesf3hn0c",
       "5120000000c4a5cad46221b2a187905e5266362b99d5e91c6ce24d165dab93e86433"},
      {"bc1p0xlxvlhemja6c4dqv22uapctqupfhlxm9h8z3k2e72q4k9hcz7vqzk5jj0",
       "512079be667ef9dcbbac55a06295ce870b07029bfcdb2dce28d959f2815b16f81798"},
  };
  for (const auto& [addr, spk] : valid) {
    SCOPED_TRACE(addr);
    std::string hrp = lower(addr.substr(0, 2));
    auto w = segwit_decode(hrp, addr);
    ASSERT_TRUE(w) << w.error().to_string();
    EXPECT_EQ(hex_encode(script_pubkey(*w)), spk);
    // Re-encode (v1+ with bech32m; v0 checksums are bech32, built through the checksum function).
    Bytes data{static_cast<std::uint8_t>(w->version)};
    auto five = convert_bits(w->program, 8, 5, true);
    ASSERT_TRUE(five);
    data.insert(data.end(), five->begin(), five->end());
    if (w->version != 0) {
      auto s = bech32m_encode(hrp, data);
      ASSERT_TRUE(s);
      EXPECT_EQ(*s, lower(addr));
    } else {
      auto sum = bech32_create_checksum(hrp, data, Bech32Variant::bech32);
      data.insert(data.end(), sum.begin(), sum.end());
      EXPECT_EQ(bech32_checksum_variant(hrp, data), Bech32Variant::bech32);
    }
  }
}

TEST(Bech32m, SegwitInvalidVectors) {
  const std::vector<std::string> invalid = {
      "tc1p0xlxvlhemja6c4dqv22uapctqupfhlxm9h8z3k2e72q4k9hcz7vq5zuyut",  // invalid hrp
      "bc1p0xlxvlhemja6c4dqv22uapctqupfhlxm9h8z3k2e72q4k9hcz7vqh2y7hd",  // bech32 not bech32m
      "tb1z0xlxvlhemja6c4dqv22uapctqupfhlxm9h8z3k2e72q4k9hcz7vqglt7rf",  // bech32 not bech32m
      "BC1S0XLXVLHEMJA6C4DQV22UAPCTQUPFHLXM9H8Z3K2E72Q4K9HCZ7VQ54WELL",  // bech32 not bech32m
      "bc1qw508d6qejxtdg4y5r3zarvary0c5xw7kemeawh",                      // bech32m not bech32
      "tb1q0xlxvlhemja6c4dqv22uapctqupfhlxm9h8z3k2e72q4k9hcz7vq24jc47",  // bech32m not bech32
      "bc1p38j9r5y49hruaue7wxjce0updqjuyyx0kh56v8s25huc6995vvpql3jow4",  // bad checksum char
      "BC130XLXVLHEMJA6C4DQV22UAPCTQUPFHLXM9H8Z3K2E72Q4K9HCZ7VQ7ZWS8R",  // bad witness version
      "bc1pw5dgrnzv",                                                    // program of 1 byte
      "bc1p0xlxvlhemja6c4dqv22uapctqupfhlxm9h8z3k2e72q4k9hcz7v8n0nx0muaewav253zgeav",  // 41 bytes
      "BC1QR508D6QEJXTDG4Y5R3ZARVARYV98GJ9P",                              // bad v0 program length
      "tb1p0xlxvlhemja6c4dqv22uapctqupfhlxm9h8z3k2e72q4k9hcz7vq47Zagq",    // mixed case
      "bc1p0xlxvlhemja6c4dqv22uapctqupfhlxm9h8z3k2e72q4k9hcz7v07qwwzcrf",  // padding > 4 bits
      "tb1p0xlxvlhemja6c4dqv22uapctqupfhlxm9h8z3k2e72q4k9hcz7vpggkg4j",    // non-zero padding
      "bc1gmk9yu",                                                         // empty data
  };
  for (const auto& addr : invalid) {
    SCOPED_TRACE(addr);
    EXPECT_FALSE(segwit_decode("bc", addr));
    EXPECT_FALSE(segwit_decode("tb", addr));
  }
}

}  // namespace
}  // namespace grid::core
