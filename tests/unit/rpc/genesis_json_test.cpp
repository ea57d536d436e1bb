// Genesis JSON: round trips (dev genesis and one with every field non-default), the example of
// docs/genesis.md, every refusal kind with its field path, hostile input (truncation, deep
// nesting, random damage) and the file functions.
#include "rpc/genesis_json.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <rapidjson/document.h>
#include <rapidjson/pointer.h>
#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <limits>
#include <random>
#include <sstream>
#include <string>
#include <type_traits>

#include "core/dev_accounts.hpp"

namespace grid::rpc {
namespace {

namespace fs = std::filesystem;
using ledger::Genesis;
using ::testing::HasSubstr;
using ::testing::StartsWith;

// The dev genesis shown in docs/genesis.md: consensus key 00 01 .. 1f, time 1700000000.
Genesis example_genesis() {
  std::array<std::uint8_t, 32> key{};
  for (std::size_t i = 0; i < key.size(); ++i) key[i] = static_cast<std::uint8_t>(i);
  return ledger::dev_genesis(key, 1'700'000'000);
}

// Gives every field a distinct non-default value through the codec field lists, so that a field
// added to a record later is covered without touching this test. Vectors get two items.
struct Distinct {
  std::uint64_t next = 1;
  template <class T>
  void operator()(T& f, core::Limit = {}) {
    if constexpr (std::is_same_v<T, std::uint64_t>) {
      f = 0xfedc'ba98'7654'3210ull + next++;  // over 2^53: a double would lose it
    } else if constexpr (std::is_same_v<T, std::uint32_t>) {
      f = 4'000'000'000u + static_cast<std::uint32_t>(next++);
    } else if constexpr (std::is_same_v<T, bool>) {
      f = !f;
    } else if constexpr (std::is_same_v<T, std::string>) {
      static constexpr char kTricky[] = " \"q\" \\ \n\t\0 \u00fc\u20ac\U0001F600";
      f = "n" + std::to_string(next++) + std::string(kTricky, sizeof kTricky - 1);
    } else if constexpr (std::is_same_v<T, core::AccountId>) {
      f.scheme = next % 2 ? core::KeyScheme::ed25519 : core::KeyScheme::secp256k1;
      for (auto& b : f.key) b = static_cast<std::uint8_t>(next++);
    } else if constexpr (std::is_same_v<T, std::array<std::uint8_t, 32>>) {
      for (auto& b : f) b = static_cast<std::uint8_t>(0xa0 + next++);
    } else if constexpr (core::is_vector<T>::value) {
      f.resize(2);
      for (auto& item : f) (*this)(item);
    } else {
      T::fields(f, *this);
    }
  }
};

Genesis full_genesis() {
  Genesis g;
  Distinct distinct;
  Genesis::fields(g, distinct);
  g.genesis_time = std::numeric_limits<std::uint64_t>::max();
  g.params.max_validators = std::numeric_limits<std::uint32_t>::max();
  g.accounts[0].balance = 0;
  return g;
}

struct FieldCounter {
  rapidjson::SizeType n = 0;
  void operator()(auto&, core::Limit = {}) { ++n; }
};

template <class T>
rapidjson::SizeType codec_field_count() {
  FieldCounter counter;
  T sample{};
  T::fields(sample, counter);
  return counter.n;
}

void expect_round_trip(const Genesis& g) {
  std::string json = genesis_to_json(g);
  auto back = genesis_from_json(json);
  ASSERT_TRUE(back) << back.error().to_string();
  EXPECT_TRUE(*back == g);
  EXPECT_EQ(ledger::genesis_hash(*back), ledger::genesis_hash(g));
  EXPECT_EQ(genesis_to_json(*back), json);  // stable output
}

TEST(GenesisJson, DevGenesisRoundTrips) {
  expect_round_trip(example_genesis());
}

TEST(GenesisJson, EveryFieldNonDefaultRoundTrips) {
  Genesis g = full_genesis();
  EXPECT_NE(g.params, ledger::ChainParams{});
  EXPECT_NE(g.pricing_policies[0], ledger::PricingPolicy{});
  EXPECT_NE(g.farming_policies[0], ledger::FarmingPolicy{});
  expect_round_trip(g);
}

TEST(GenesisJson, EveryRecordFieldHasAKey) {
  rapidjson::Document doc;
  doc.Parse(genesis_to_json(full_genesis()).c_str());
  ASSERT_FALSE(doc.HasParseError());
  EXPECT_EQ(doc.MemberCount(), codec_field_count<Genesis>());
  EXPECT_EQ(doc["params"].MemberCount(), codec_field_count<ledger::ChainParams>());
  EXPECT_EQ(doc["accounts"][0].MemberCount(), codec_field_count<ledger::GenesisAccount>());
  EXPECT_EQ(doc["validators"][0].MemberCount(), codec_field_count<ledger::GenesisValidator>());
  EXPECT_EQ(doc["pricing_policies"][0].MemberCount(), codec_field_count<ledger::PricingPolicy>());
  EXPECT_EQ(doc["farming_policies"][0].MemberCount(), codec_field_count<ledger::FarmingPolicy>());
  EXPECT_TRUE(doc["genesis_time"].IsString());
  EXPECT_TRUE(doc["tft_price_musd"].IsUint());
}

TEST(GenesisJson, DocumentedExampleIsWhatTheCodePrints) {
  std::ifstream in(std::string(GRID_SOURCE_DIR) + "/docs/genesis.md");
  std::stringstream text;
  text << in.rdbuf();
  const std::string doc = text.str();
  const std::string open = "<!-- example: dev genesis -->\n```json\n";
  auto begin = doc.find(open);
  ASSERT_NE(begin, std::string::npos) << "docs/genesis.md lacks the example marker";
  begin += open.size();
  auto end = doc.find("```", begin);
  ASSERT_NE(end, std::string::npos);
  const std::string printed = genesis_to_json(example_genesis());
  EXPECT_EQ(doc.substr(begin, end - begin), printed) << "regenerate the example:\n" << printed;
}

// ---- refusals ---------------------------------------------------------------------------------

class GenesisJsonRefusal : public ::testing::Test {
 protected:
  // The example genesis, changed at a JSON pointer, printed compactly.
  template <class V>
  std::string with(const char* pointer, V value) {
    rapidjson::Document doc = base_doc();
    rapidjson::Pointer(pointer).Set(doc, value);
    return print(doc);
  }
  std::string without(const char* pointer) {
    rapidjson::Document doc = base_doc();
    EXPECT_TRUE(rapidjson::Pointer(pointer).Erase(doc)) << pointer;
    return print(doc);
  }
  // The pretty example with its first `from` replaced.
  std::string replaced(std::string_view from, std::string_view to) {
    std::string text = base_;
    auto pos = text.find(from);
    EXPECT_NE(pos, std::string::npos) << from;
    if (pos != std::string::npos) text.replace(pos, from.size(), to);
    return text;
  }
  static void expect_refused(const std::string& json, std::string_view message) {
    auto r = genesis_from_json(json);
    ASSERT_FALSE(r) << "accepted: " << json.substr(0, 200);
    EXPECT_EQ(r.error().code(), core::Code::invalid);
    EXPECT_THAT(r.error().message(), HasSubstr(std::string(message)));
  }

  rapidjson::Document base_doc() const {
    rapidjson::Document doc;
    doc.Parse(base_.c_str());
    EXPECT_FALSE(doc.HasParseError());
    return doc;
  }
  static std::string print(const rapidjson::Document& doc) {
    rapidjson::StringBuffer buffer;
    rapidjson::Writer<rapidjson::StringBuffer> writer(buffer);
    doc.Accept(writer);
    return buffer.GetString();
  }

  std::string base_ = genesis_to_json(example_genesis());
};

TEST_F(GenesisJsonRefusal, BaseIsAccepted) {
  ASSERT_TRUE(genesis_from_json(base_));
  ASSERT_TRUE(genesis_from_json(with("/chain_id", "gridchain-dev")));
}

TEST_F(GenesisJsonRefusal, UnknownAndDuplicateKeys) {
  expect_refused(with("/chain_idd", "x"), "genesis: chain_idd: unknown key");
  expect_refused(with("/params/base_fe", "1"), "genesis: params.base_fe: unknown key");
  expect_refused(with("/validators/0/power", 1), "genesis: validators[0].power: unknown key");
  expect_refused(with("/farming_policies/1/Certified", true),
                 "genesis: farming_policies[1].Certified: unknown key");
  expect_refused(replaced("\"chain_id\": \"gridchain-dev\",",
                          "\"chain_id\": \"gridchain-dev\", \"chain_id\": \"other\","),
                 "genesis: chain_id: duplicate key");
  expect_refused(
      replaced("\"base_fee\": \"10000\",", "\"base_fee\": \"10000\", \"base_fee\": \"10000\","),
      "genesis: params.base_fee: duplicate key");
}

TEST_F(GenesisJsonRefusal, MissingKeys) {
  for (const char* key :
       {"chain_id", "genesis_time", "accounts", "council", "validators", "price_feeders",
        "tft_price_musd", "pricing_policies", "farming_policies", "params"})
    expect_refused(without(("/" + std::string(key)).c_str()),
                   "genesis: " + std::string(key) + ": missing key");
  expect_refused(without("/accounts/2/balance"), "genesis: accounts[2].balance: missing key");
  expect_refused(without("/validators/0/consensus_key"),
                 "genesis: validators[0].consensus_key: missing key");
  expect_refused(without("/pricing_policies/0/name"), "genesis: pricing_policies[0].name");
  expect_refused(without("/farming_policies/1/certified"), "farming_policies[1].certified");
}

TEST_F(GenesisJsonRefusal, ParamsKeysTakeTheirDefaultsWhenOmitted) {
  auto g = genesis_from_json(without("/params/billing_period"));
  ASSERT_TRUE(g) << g.error().to_string();
  ledger::ChainParams expected = example_genesis().params;
  expected.billing_period = ledger::ChainParams{}.billing_period;
  EXPECT_EQ(g->params, expected);

  auto empty = genesis_from_json(with("/params", rapidjson::Value(rapidjson::kObjectType)));
  ASSERT_TRUE(empty) << empty.error().to_string();
  EXPECT_EQ(empty->params, ledger::ChainParams{});
}

TEST_F(GenesisJsonRefusal, U64MustBeACanonicalDecimalString) {
  const std::pair<const char*, const char*> cases[] = {
      {"-1", "\"-1\" is not decimal digits"},
      {"+1", "\"+1\" is not decimal digits"},
      {" 1", "\" 1\" is not decimal digits"},
      {"1 ", "\"1 \" is not decimal digits"},
      {"1.5", "\"1.5\" is not decimal digits"},
      {"1e3", "\"1e3\" is not decimal digits"},
      {"0x10", "\"0x10\" is not decimal digits"},
      {"", "empty number"},
      {"01", "\"01\" has a leading zero"},
      {"00", "\"00\" has a leading zero"},
      {"18446744073709551616", "\"18446744073709551616\" does not fit in u64"},
      {"99999999999999999999999999", "\"99999999999999999999999999\" does not fit in u64"},
  };
  for (const auto& [text, why] : cases) {
    SCOPED_TRACE(text);
    expect_refused(with("/genesis_time", text), std::string("genesis: genesis_time: ") + why);
    expect_refused(with("/accounts/2/balance", text), std::string("accounts[2].balance: ") + why);
    expect_refused(with("/params/max_supply", text), std::string("params.max_supply: ") + why);
  }
  auto max = genesis_from_json(with("/genesis_time", "18446744073709551615"));
  ASSERT_TRUE(max);
  EXPECT_EQ(max->genesis_time, std::numeric_limits<std::uint64_t>::max());
  auto zero = genesis_from_json(with("/accounts/0/balance", "0"));
  ASSERT_TRUE(zero);
  EXPECT_EQ(zero->accounts[0].balance, 0u);
  expect_refused(with("/genesis_time", 1700000000),
                 "genesis: genesis_time: expected a decimal string (u64), got number");
}

TEST_F(GenesisJsonRefusal, U32MustBeAnUnsignedJsonInteger) {
  for (const char* text : {"-1", "-0", "1.5", "20.0", "2e1", "4294967296", "-4294967296"}) {
    SCOPED_TRACE(text);
    expect_refused(replaced("\"tft_price_musd\": 20", std::string("\"tft_price_musd\": ") + text),
                   "genesis: tft_price_musd: expected an unsigned integer number up to 4294967295");
  }
  expect_refused(with("/tft_price_musd", "20"),
                 "genesis: tft_price_musd: expected an unsigned integer number (u32), got string");
  auto max =
      genesis_from_json(replaced("\"tft_price_musd\": 20", "\"tft_price_musd\": 4294967295"));
  ASSERT_TRUE(max);
  EXPECT_EQ(max->tft_price_musd, 4294967295u);
}

TEST_F(GenesisJsonRefusal, WrongTypes) {
  expect_refused(with("/chain_id", 5), "genesis: chain_id: expected a string, got number");
  expect_refused(with("/accounts", rapidjson::Value(rapidjson::kObjectType)),
                 "genesis: accounts: expected an array, got object");
  expect_refused(with("/accounts/1", "x"), "genesis: accounts[1]: expected an object, got string");
  expect_refused(with("/params", rapidjson::Value(rapidjson::kArrayType)),
                 "genesis: params: expected an object, got array");
  expect_refused(with("/council/0", 7), "genesis: council[0]: expected an address string");
  expect_refused(with("/farming_policies/1/certified", 1),
                 "genesis: farming_policies[1].certified: expected true or false, got number");
  expect_refused(with("/validators/0/consensus_key", rapidjson::Value()),
                 "genesis: validators[0].consensus_key: expected a hex string, got null");
  expect_refused("[]", "genesis: expected an object, got array");
  expect_refused("null", "genesis: expected an object, got null");
}

TEST_F(GenesisJsonRefusal, BadAddresses) {
  std::string alice = core::dev_account("alice")->to_address();
  std::string bad_checksum = alice.substr(0, alice.size() - 1) + (alice.back() == 'q' ? 'p' : 'q');
  expect_refused(with("/accounts/2/address", bad_checksum),
                 "genesis: accounts[2].address: bad address: ");
  expect_refused(with("/accounts/2/address", ""), "genesis: accounts[2].address: bad address: ");
  expect_refused(with("/council/1", "bc1" + alice.substr(3)), "genesis: council[1]: bad address");
  expect_refused(with("/validators/0/operator", alice + "q"),
                 "genesis: validators[0].operator: bad address");
  expect_refused(with("/params/foundation", "alice"), "genesis: params.foundation: bad address");
  expect_refused(with("/price_feeders/0", "tf1"), "genesis: price_feeders[0]: bad address");
}

TEST_F(GenesisJsonRefusal, ConsensusKeyMustBe64LowercaseHex) {
  const char* path = "/validators/0/consensus_key";
  const std::string key = core::hex_encode(example_genesis().validators[0].consensus_key);
  expect_refused(with(path, key.substr(2)), "expected 64 lowercase hex characters, got 62");
  expect_refused(with(path, key + "00"), "expected 64 lowercase hex characters, got 66");
  expect_refused(with(path, ""), "expected 64 lowercase hex characters, got 0");
  std::string upper = key;
  upper[3] = 'A';
  expect_refused(with(path, upper), "validators[0].consensus_key: not lowercase hex at position 3");
  expect_refused(with(path, "0x" + key.substr(2)), "not lowercase hex at position 1");
}

TEST_F(GenesisJsonRefusal, BadStringsAndBadJson) {
  expect_refused(replaced("gridchain-dev", "grid\xff"), "genesis: bad JSON at offset");
  expect_refused(replaced("gridchain-dev", "grid\\udc00"), "genesis: chain_id: invalid UTF-8");
  expect_refused("", "genesis: bad JSON at offset 0");
  expect_refused("   ", "genesis: bad JSON");
  expect_refused(base_ + "x", "genesis: unexpected bytes after the JSON value");
  expect_refused(base_ + "{}", "genesis: unexpected bytes after the JSON value");
  expect_refused(base_ + std::string(1, '\0'), "genesis: unexpected bytes after the JSON value");
  expect_refused(replaced("\n  \"chain_id\"", "/* comment */\n  \"chain_id\""),
                 "genesis: bad JSON");
  auto spaced = genesis_from_json(" \t\r\n" + base_ + " \n\n");
  EXPECT_TRUE(spaced) << spaced.error().to_string();
}

TEST_F(GenesisJsonRefusal, EveryTruncationIsRefused) {
  for (std::size_t n = 0; n + 1 < base_.size(); ++n) {  // size-1 is the whole object without '\n'
    auto r = genesis_from_json(std::string_view(base_).substr(0, n));
    ASSERT_FALSE(r) << "prefix of " << n << " bytes accepted";
    EXPECT_EQ(r.error().code(), core::Code::invalid);
  }
}

TEST_F(GenesisJsonRefusal, DeepNestingDoesNotCrash) {
  constexpr std::size_t kLevels = 100'000;
  const std::string open(kLevels, '['), close(kLevels, ']');
  expect_refused(open + close, "genesis: JSON nested deeper than");
  expect_refused(open, "genesis: JSON nested deeper than");
  std::string objects;
  for (std::size_t i = 0; i < kLevels; ++i) objects += "{\"a\":";
  expect_refused(objects + "1" + std::string(kLevels, '}'), "nested deeper");
  expect_refused(replaced("\"gridchain-dev\"", open + close), "nested deeper");
}

TEST_F(GenesisJsonRefusal, RandomDamageNeverCrashesAndAcceptedInputRoundTrips) {
  std::mt19937_64 rng(20240601);
  for (int i = 0; i < 3000; ++i) {
    std::string text = base_;
    for (int k = 0, edits = 1 + static_cast<int>(rng() % 3); k < edits; ++k) {
      std::size_t pos = rng() % text.size();
      switch (rng() % 3) {
        case 0:
          text[pos] = static_cast<char>(rng());
          break;
        case 1:
          text.erase(pos, 1 + rng() % 8);
          break;
        default:
          text.insert(pos, 1, "[]{}\",:0-9e\\"[rng() % 12]);
          break;
      }
      if (text.empty()) text = "{";
    }
    auto r = genesis_from_json(text);
    if (r) expect_round_trip(*r);
  }
}

// ---- files ------------------------------------------------------------------------------------

class GenesisFileTest : public ::testing::Test {
 protected:
  void SetUp() override {
    std::random_device rd;
    dir_ = fs::temp_directory_path() /
           ("grid_genesis_json_test_" + std::to_string(::getpid()) + "_" + std::to_string(rd()));
    fs::create_directories(dir_);
  }
  void TearDown() override {
    std::error_code ec;
    fs::remove_all(dir_, ec);
  }
  fs::path dir_;
};

TEST_F(GenesisFileTest, SaveThenLoad) {
  const std::string path = (dir_ / "genesis.json").string();
  for (const Genesis& g : {example_genesis(), full_genesis()}) {  // the second overwrites
    ASSERT_TRUE(save_genesis_file(path, g));
    EXPECT_FALSE(fs::exists(path + ".tmp"));
    std::ifstream in(path, std::ios::binary);
    std::string content((std::istreambuf_iterator<char>(in)), {});
    EXPECT_EQ(content, genesis_to_json(g));
    auto back = load_genesis_file(path);
    ASSERT_TRUE(back) << back.error().to_string();
    EXPECT_TRUE(*back == g);
    EXPECT_EQ(ledger::genesis_hash(*back), ledger::genesis_hash(g));
  }
}

TEST_F(GenesisFileTest, LoadErrors) {
  auto missing = load_genesis_file((dir_ / "absent.json").string());
  ASSERT_FALSE(missing);
  EXPECT_EQ(missing.error().code(), core::Code::not_found);

  const std::string bad = (dir_ / "bad.json").string();
  std::ofstream(bad) << "{\"chain_id\": 1}";
  auto refused = load_genesis_file(bad);
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().code(), core::Code::invalid);
  EXPECT_THAT(refused.error().message(), StartsWith(bad + ": genesis: "));

  auto directory = load_genesis_file(dir_.string());
  ASSERT_FALSE(directory);
  EXPECT_EQ(directory.error().code(), core::Code::io);
}

TEST_F(GenesisFileTest, SaveIntoAMissingDirectoryIsAnIoError) {
  core::Status st =
      save_genesis_file((dir_ / "no" / "such" / "genesis.json").string(), example_genesis());
  ASSERT_FALSE(st);
  EXPECT_EQ(st.code(), core::Code::io);
}

}  // namespace
}  // namespace grid::rpc
