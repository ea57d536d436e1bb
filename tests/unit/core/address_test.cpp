// Addresses (bech32m, hrp "tf", 33 bytes) and the dev accounts of WIRE.md.
#include <gtest/gtest.h>

#include <cctype>
#include <iostream>
#include <set>
#include <string>

#include "core/account_id.hpp"
#include "core/bech32m.hpp"
#include "core/dev_accounts.hpp"

namespace grid::core {
namespace {

constexpr std::string_view kAliceAddress =
    "tf1qzx4kl6ge7g0lv99n2xxxj892azewe9sj4wx904esgfqek2fxjmnghr0tyw";

std::string upper(std::string s) {
  for (char& c : s) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return s;
}

TEST(Address, AliceIsTheSpecifiedAddress) {
  auto alice = dev_account("alice");
  ASSERT_TRUE(alice) << alice.error().to_string();
  EXPECT_EQ(alice->scheme, KeyScheme::secp256k1);
  EXPECT_EQ(alice->to_address(), kAliceAddress);
  // Independently computed: secret = blake2b-256("gridchain/dev/alice"), BIP-340 x-only key.
  EXPECT_EQ(hex_encode(dev_secret_key("alice")->bytes()),
            "bf20f2f9067bfe03b672647be3a8e328e8a748668dc6e7983b798fff04eadad1");
  EXPECT_EQ(hex_encode(alice->key),
            "8d5b7f48cf90ffb0a59a8c6348e557459764b0955c62beb982120cd94934b734");
  auto parsed = AccountId::from_address(kAliceAddress);
  ASSERT_TRUE(parsed) << parsed.error().to_string();
  EXPECT_EQ(*parsed, *alice);
}

TEST(Address, DevAccounts) {
  auto names = dev_account_names();
  ASSERT_EQ(names.size(), 6u);
  EXPECT_EQ(names[0], "alice");
  EXPECT_EQ(names[5], "ferdie");
  std::set<std::string> addresses;
  std::set<AccountId> ids;
  for (auto name : names) {
    auto id = dev_account(name);
    ASSERT_TRUE(id) << id.error().to_string();
    std::string addr = id->to_address();
    std::cout << "  " << name << ": " << addr << "\n";
    EXPECT_EQ(addr.size(), 62u);
    EXPECT_EQ(addr.substr(0, 4), "tf1q");
    auto back = AccountId::from_address(addr);
    ASSERT_TRUE(back);
    EXPECT_EQ(*back, *id);
    auto key = dev_account_key(name);
    ASSERT_TRUE(key);
    EXPECT_EQ(key->account(), *id);
    addresses.insert(addr);
    ids.insert(*id);
  }
  EXPECT_EQ(addresses.size(), 6u);
  EXPECT_EQ(ids.size(), 6u);
  EXPECT_TRUE(is_dev_account_name("bob"));
  auto unknown = dev_account("mallory");
  ASSERT_FALSE(unknown);
  EXPECT_EQ(unknown.error().code(), Code::not_found);
  EXPECT_FALSE(dev_account("Alice"));
  EXPECT_FALSE(dev_secret_key(""));
}

TEST(Address, RoundTripBothSchemes) {
  for (auto scheme : {KeyScheme::secp256k1, KeyScheme::ed25519}) {
    for (int i = 0; i < 20; ++i) {
      AccountId id = AccountKey::generate(scheme).account();
      std::string addr = id.to_address();
      EXPECT_EQ(addr.size(), 62u);
      // The scheme byte's top five bits are zero for both schemes: always "tf1q".
      EXPECT_EQ(addr.substr(0, 4), "tf1q");
      auto back = AccountId::from_address(addr);
      ASSERT_TRUE(back) << addr << ": " << back.error().to_string();
      EXPECT_EQ(*back, id);
    }
  }
  AccountId edge;
  edge.scheme = KeyScheme::ed25519;
  edge.key.fill(0xff);
  EXPECT_EQ(*AccountId::from_address(edge.to_address()), edge);
  edge.key.fill(0);
  EXPECT_EQ(*AccountId::from_address(edge.to_address()), edge);
}

TEST(Address, UppercaseIsAcceptedMixedCaseIsNot) {
  auto up = AccountId::from_address(upper(std::string(kAliceAddress)));
  ASSERT_TRUE(up) << up.error().to_string();
  EXPECT_EQ(up->to_address(), kAliceAddress);
  std::string mixed(kAliceAddress);
  mixed[10] = static_cast<char>(std::toupper(static_cast<unsigned char>(mixed[10])));
  EXPECT_FALSE(AccountId::from_address(mixed));
}

// Builds a bech32m string over arbitrary bytes, for the refusal cases below.
std::string encode_raw(std::string_view hrp, const Bytes& raw) {
  auto five = convert_bits(raw, 8, 5, true);
  return *bech32m_encode(hrp, *five);
}

TEST(Address, Refusals) {
  auto alice = *dev_account("alice");
  Bytes raw{0};
  raw.insert(raw.end(), alice.key.begin(), alice.key.end());

  auto expect_refused = [](std::string_view text, std::string_view why) {
    auto r = AccountId::from_address(text);
    ASSERT_FALSE(r) << text;
    EXPECT_EQ(r.error().code(), Code::invalid);
    EXPECT_NE(r.error().message().find(why), std::string::npos) << r.error().message();
  };
  expect_refused(encode_raw("bc", raw), "prefix");  // wrong hrp
  expect_refused(encode_raw("tft", raw), "prefix");
  std::string bad_sum(kAliceAddress);
  bad_sum.back() = bad_sum.back() == 'w' ? 'q' : 'w';
  expect_refused(bad_sum, "checksum");
  std::string bad_char(kAliceAddress);
  bad_char[8] = 'b';  // not in the charset
  expect_refused(bad_char, "invalid data character");
  expect_refused("", "separator");
  expect_refused("tf1", "checksum");

  Bytes short_raw(raw.begin(), raw.end() - 1);
  expect_refused(encode_raw("tf", short_raw), "32 data bytes");
  Bytes long_raw = raw;
  long_raw.push_back(0);
  expect_refused(encode_raw("tf", long_raw), "34 data bytes");

  Bytes scheme2 = raw;
  scheme2[0] = 2;
  expect_refused(encode_raw("tf", scheme2), "unknown key scheme 2");
  Bytes scheme_ff = raw;
  scheme_ff[0] = 0xff;
  expect_refused(encode_raw("tf", scheme_ff), "unknown key scheme 255");

  // The same 5-bit data with a bech32 (BIP-173) checksum.
  auto decoded = *bech32m_decode(kAliceAddress);
  Bytes data = decoded.data;
  auto sum = bech32_create_checksum("tf", data, Bech32Variant::bech32);
  std::string text = "tf1";
  const std::string charset = "qpzry9x8gf2tvdw0s3jn54khce6mua7l";
  for (auto v : data) text.push_back(charset[v]);
  for (auto v : sum) text.push_back(charset[v]);
  expect_refused(text, "bech32m was expected");

  // Non-zero padding: 33 bytes = 264 bits in 53 groups, the last bit is padding.
  Bytes padded = decoded.data;
  padded.back() |= 1;
  expect_refused(*bech32m_encode("tf", padded), "padding");
}

}  // namespace
}  // namespace grid::core
