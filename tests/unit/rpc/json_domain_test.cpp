// The JSON of the domain types: real blocks, transactions and receipts from a TestChain, the
// views of NodeApi, and every call kind (each alternative of ledger::CallBody, by index).
#include "rpc/json_domain.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <rapidjson/document.h>

#include <algorithm>
#include <cctype>
#include <set>
#include <string>
#include <type_traits>
#include <utility>
#include <variant>

#include "core/codec.hpp"
#include "tests/support/test_chain.hpp"

namespace grid::rpc {
namespace {

using ledger::Call;
using ledger::CallBody;
using rapidjson::Document;
using rapidjson::Value;
using ::testing::ElementsAreArray;

template <class Write>
Document render(Write write) {
  JsonBuilder b;
  write(b.w());
  auto text = b.finish();
  EXPECT_TRUE(text.is_ok());
  Document doc;
  doc.Parse(text.is_ok() ? text->text.c_str() : "null");
  EXPECT_FALSE(doc.HasParseError());
  return doc;
}

std::vector<std::string> keys_of(const Value& object) {
  std::vector<std::string> keys;
  for (const auto& member : object.GetObject()) keys.emplace_back(member.name.GetString());
  return keys;
}

// The string member `key` of `object` ("<absent>" / "<not a string>" otherwise).
std::string str(const Value& object, const char* key) {
  if (!object.IsObject() || !object.HasMember(key)) return "<absent>";
  const Value& v = object[key];
  return v.IsString() ? std::string(v.GetString(), v.GetStringLength()) : "<not a string>";
}

std::string repeat(std::string_view part, std::size_t times) {
  std::string out;
  for (std::size_t i = 0; i < times; ++i) out += part;
  return out;
}

bool is_lower_hex(const Value& v, std::size_t bytes) {
  if (!v.IsString() || v.GetStringLength() != 2 * bytes) return false;
  std::string_view s(v.GetString(), v.GetStringLength());
  return std::all_of(s.begin(), s.end(),
                     [](char c) { return std::isxdigit(c) && !std::isupper(c); });
}

bool is_decimal_string(const Value& v) {
  if (!v.IsString() || v.GetStringLength() == 0) return false;
  std::string_view s(v.GetString(), v.GetStringLength());
  return std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

// ---- does a JSON value have the JSON type of API.md's conventions for a codec field? ---------

template <class T>
std::size_t codec_field_count(const T& value) {
  std::size_t n = 0;
  auto count = [&n](const auto&, auto&&...) { ++n; };
  T::fields(value, count);
  return n;
}

template <class T>
::testing::AssertionResult matches(const T& field, const Value& json, const std::string& path);

// The members of `object` from `first` on are the codec fields of `value`, in order.
template <class T>
::testing::AssertionResult fields_match(const T& value, const Value& object, std::size_t first,
                                        const std::string& path) {
  if (!object.IsObject()) return ::testing::AssertionFailure() << path << " is not an object";
  std::size_t expected = first + codec_field_count(value);
  if (object.MemberCount() != expected)
    return ::testing::AssertionFailure()
           << path << " has " << object.MemberCount() << " members, expected " << expected;
  std::set<std::string> unique;
  for (const auto& key : keys_of(object))
    if (!unique.insert(key).second)
      return ::testing::AssertionFailure() << path << ": key " << key << " twice";
  auto result = ::testing::AssertionSuccess();
  auto member = object.MemberBegin() + static_cast<std::ptrdiff_t>(first);
  auto check = [&](const auto& field, auto&&...) {
    std::string name = member->name.GetString();
    if (result) result = matches(field, member->value, path + "." + name);
    ++member;
  };
  T::fields(value, check);
  return result;
}

template <class T>
::testing::AssertionResult matches(const T& field, const Value& json, const std::string& path) {
  auto fail = [&](const char* want) {
    return ::testing::AssertionFailure() << path << ": expected " << want;
  };
  if constexpr (std::is_same_v<T, bool>) {
    return json.IsBool() ? ::testing::AssertionSuccess() : fail("a bool");
  } else if constexpr (std::is_same_v<T, std::uint8_t> || std::is_same_v<T, std::uint32_t>) {
    return json.IsUint() && json.GetUint() == field ? ::testing::AssertionSuccess()
                                                    : fail("the number");
  } else if constexpr (std::is_same_v<T, std::uint64_t>) {
    return is_decimal_string(json) && json.GetString() == std::to_string(field)
               ? ::testing::AssertionSuccess()
               : fail("the decimal string");
  } else if constexpr (std::is_same_v<T, std::string>) {
    return json.IsString() && json.GetString() == field ? ::testing::AssertionSuccess()
                                                        : fail("the string");
  } else if constexpr (std::is_same_v<T, core::Bytes> || core::is_std_array<T>::value) {
    return is_lower_hex(json, field.size()) && json.GetString() == core::hex_encode(field)
               ? ::testing::AssertionSuccess()
               : fail("the lowercase hex");
  } else if constexpr (std::is_same_v<T, core::Hash32>) {
    return json.IsString() && json.GetString() == field.hex() ? ::testing::AssertionSuccess()
                                                              : fail("the hash hex");
  } else if constexpr (std::is_same_v<T, core::AccountId>) {
    return json.IsString() && json.GetString() == field.to_address() ? ::testing::AssertionSuccess()
                                                                     : fail("the address");
  } else if constexpr (std::is_enum_v<T>) {
    return json.IsUint() && json.GetUint() == static_cast<unsigned>(field)
               ? ::testing::AssertionSuccess()
               : fail("the enum's number");
  } else if constexpr (std::is_same_v<T, ledger::GovAction>) {
    // {"kind": the action's name, then its fields}.
    if (!json.IsObject() || !json.HasMember("kind") || !json["kind"].IsString() ||
        json["kind"].GetString() != std::string(field.name()))
      return fail("the action's kind first");
    return std::visit([&](const auto& body) { return fields_match(body, json, 1, path); },
                      field.body);
  } else if constexpr (core::is_optional<T>::value) {
    if (!field) return json.IsNull() ? ::testing::AssertionSuccess() : fail("null");
    return matches(*field, json, path);
  } else if constexpr (core::is_vector<T>::value) {
    if (!json.IsArray() || json.Size() != field.size()) return fail("an array of the items");
    for (rapidjson::SizeType i = 0; i < json.Size(); ++i) {
      auto r = matches(field[i], json[i], path + "[" + std::to_string(i) + "]");
      if (!r) return r;
    }
    return ::testing::AssertionSuccess();
  } else {
    return fields_match(field, json, 0, path);
  }
}

// ---- calls ---------------------------------------------------------------------------------

template <std::size_t... I>
std::vector<Call> one_of_each(std::index_sequence<I...>) {
  std::vector<Call> calls(sizeof...(I));
  (calls[I].body.template emplace<I>(), ...);
  return calls;
}

// Checks name, tag and every field (by the codec's field list) of `call`'s JSON.
void expect_call_json(const Call& call) {
  Document doc = render([&](JsonWriter& w) { write_call(w, call); });
  ASSERT_TRUE(doc.IsObject());
  std::vector<std::string> keys = keys_of(doc);
  ASSERT_GE(keys.size(), 2u);
  EXPECT_EQ(keys[0], "name");
  EXPECT_EQ(keys[1], "tag");
  EXPECT_EQ(str(doc, "name"), call.name());
  EXPECT_TRUE(doc["tag"].IsUint() && doc["tag"].GetUint() == call.tag()) << call.name();
  std::visit([&](const auto& body) { EXPECT_TRUE(fields_match(body, doc, 2, "call")); }, call.body);
}

TEST(JsonCallTest, EveryCallKindRendersItsNameTagAndEveryFieldByName) {
  std::vector<Call> calls = one_of_each(std::make_index_sequence<std::variant_size_v<CallBody>>());
  ASSERT_EQ(calls.size(), 49u);  // WIRE.md's calls and governance's 0x70-0x74; a new one also
                                 // needs a JsonFields list
  std::set<std::string> names;
  for (const Call& call : calls) {
    SCOPED_TRACE(std::string(call.name()));
    expect_call_json(call);
    names.insert(std::string(call.name()));
  }
  EXPECT_EQ(names.size(), calls.size());
}

TEST(JsonCallTest, FilledCallsRenderNestedValuesWithApiConventions) {
  auto alice = core::dev_account("alice").value();
  auto bob = core::dev_account("bob").value();
  ledger::NodeSpec spec;
  spec.resources = {4, 8 * ledger::kGiB, 100 * ledger::kGiB, 0};
  spec.location = {"BE", "Ghent", "51.05", "3.71"};
  spec.interfaces = {{"eth0", "aa:bb:cc:dd:ee:ff", {"10.0.0.2", "fe80::1"}}};
  spec.secure_boot = true;
  spec.serial = "SN-1";
  ledger::CreateNodeContract contract{7, spec.resources, 1, {}, {1, 2, 3}, ~std::uint64_t{0}};
  contract.deployment_hash.bytes.fill(0xab);
  ledger::RegisterValidator validator{{}, 10, "validator one"};
  validator.consensus_key.fill(0x5c);
  const std::vector<Call> samples = {
      ledger::Transfer{bob, 5},
      ledger::KvSet{{1, 2}, {0xff}},
      ledger::CreateTwin{"relay.grid.tf", core::Bytes{9, 8}},
      ledger::CreateFarm{"farm-1", {{"185.1.2.3/24", "185.1.2.1"}}},
      ledger::SetFarmNodePolicy{3, true, {alice, bob}},
      ledger::RegisterNode{3, spec},
      ledger::SetNodePublicConfig{9, ledger::PublicConfig{{"185.1.2.4/24", "185.1.2.1"},
                                                          ledger::IpGw{"2a02::4/64", "2a02::1"},
                                                          "node.example"}},
      contract,
      ledger::ReportConsumption{{{12, 3600, std::uint64_t{1} << 60}}},
      ledger::CreateSolutionProvider{"desc", "https://x", {{alice, 40}, {bob, 10}}},
      validator,
      ledger::Bond{alice, ~std::uint64_t{0}},
  };
  for (const Call& call : samples) {
    SCOPED_TRACE(std::string(call.name()));
    expect_call_json(call);
  }

  Document node = render([&](JsonWriter& w) { write_call(w, samples[5]); });
  EXPECT_EQ(str(node, "name"), "register_node");
  EXPECT_TRUE(node["farm_id"].IsUint() && node["farm_id"].GetUint() == 3u);
  EXPECT_EQ(str(node["spec"]["resources"], "cru"), "4");
  EXPECT_EQ(str(node["spec"]["resources"], "mru"), std::to_string(8 * ledger::kGiB));
  EXPECT_EQ(str(node["spec"]["location"], "city"), "Ghent");
  EXPECT_EQ(str(node["spec"]["interfaces"][0], "mac"), "aa:bb:cc:dd:ee:ff");
  EXPECT_EQ(str(node["spec"], "serial"), "SN-1");

  Document big = render([&](JsonWriter& w) { write_call(w, contract); });
  EXPECT_EQ(str(big, "solution_provider_id"), "18446744073709551615");
  EXPECT_EQ(str(big, "deployment_data"), "010203");
  EXPECT_EQ(str(big, "deployment_hash"), repeat("ab", 32));
}

TEST(JsonCallTest, FieldsNamedLikeTheCallNameAreRenamed) {
  Document farm = render([](JsonWriter& w) { write_call(w, ledger::CreateFarm{"f", {}}); });
  EXPECT_THAT(keys_of(farm), ElementsAreArray({"name", "tag", "farm_name", "public_ips"}));
  EXPECT_EQ(str(farm, "name"), "create_farm");
  EXPECT_EQ(str(farm, "farm_name"), "f");
  Document update = render([](JsonWriter& w) { write_call(w, ledger::UpdateFarm{2, "g"}); });
  EXPECT_THAT(keys_of(update), ElementsAreArray({"name", "tag", "farm_id", "farm_name"}));
  Document name = render([](JsonWriter& w) { write_call(w, ledger::CreateNameContract{"gw"}); });
  EXPECT_THAT(keys_of(name), ElementsAreArray({"name", "tag", "contract_name"}));
  EXPECT_EQ(str(name, "contract_name"), "gw");
  Document transfer = render([](JsonWriter& w) { write_call(w, ledger::Transfer{}); });
  EXPECT_THAT(keys_of(transfer), ElementsAreArray({"name", "tag", "to", "amount"}));
}

// ---- blocks, transactions, receipts ----------------------------------------------------------

class JsonChainTest : public ::testing::Test {
 protected:
  void SetUp() override {
    receipt_ = chain_.run(chain_.alice(), ledger::Transfer{chain_.account("bob"), 5'000});
    ASSERT_TRUE(receipt_.ok) << receipt_.reason;
    ASSERT_EQ(chain_.blocks().size(), 1u);
  }
  const ledger::Block& block() const { return chain_.blocks()[0]; }

  testing::TestChain chain_;
  ledger::Receipt receipt_;
};

TEST_F(JsonChainTest, HeaderHasThePinnedKeysAndValues) {
  const ledger::BlockHeader& h = block().header;
  Document doc = render([&](JsonWriter& w) { write_header(w, h); });
  EXPECT_THAT(keys_of(doc),
              ElementsAreArray({"hash", "version", "chain_id", "height", "time", "previous",
                                "proposer", "transactions_root", "state_root", "validator_set_hash",
                                "next_validator_set_hash", "last_commit_hash", "evidence_hash"}));
  EXPECT_EQ(str(doc, "hash"), ledger::block_hash(h).hex());
  EXPECT_TRUE(doc["version"].IsUint() && doc["version"].GetUint() == 1u);
  EXPECT_EQ(str(doc, "chain_id"), h.chain_id);
  EXPECT_TRUE(doc["height"].IsUint64() && doc["height"].GetUint64() == 1u);
  EXPECT_TRUE(doc["time"].IsUint64() && doc["time"].GetUint64() == h.time);
  EXPECT_EQ(str(doc, "previous"), h.previous.hex());
  EXPECT_EQ(str(doc, "proposer"), chain_.proposer().to_address());
  EXPECT_EQ(str(doc, "transactions_root"), h.transactions_root.hex());
  EXPECT_EQ(str(doc, "state_root"), h.state_root.hex());
  EXPECT_EQ(str(doc, "evidence_hash"), h.evidence_hash.hex());
  for (const char* key : {"validator_set_hash", "next_validator_set_hash", "last_commit_hash"})
    EXPECT_TRUE(is_lower_hex(doc[key], 32)) << key;
}

TEST_F(JsonChainTest, TransactionIsDecodedAndRaw) {
  const ledger::Transaction& tx = block().transactions.at(0);
  Document doc = render([&](JsonWriter& w) { write_transaction(w, tx); });
  EXPECT_THAT(keys_of(doc), ElementsAreArray({"id", "raw", "version", "signer", "nonce", "fee",
                                              "chain_id", "call", "signature"}));
  EXPECT_EQ(str(doc, "id"), ledger::tx_id(tx).hex());
  EXPECT_EQ(str(doc, "id"), receipt_.tx_id.hex());
  auto raw = core::hex_decode(str(doc, "raw"));
  ASSERT_TRUE(raw.is_ok());
  auto decoded = core::decode<ledger::Transaction>(*raw);
  ASSERT_TRUE(decoded.is_ok()) << decoded.error().to_string();
  EXPECT_EQ(*decoded, tx);
  EXPECT_EQ(str(doc, "signer"), chain_.account("alice").to_address());
  EXPECT_EQ(str(doc, "nonce"), std::to_string(tx.nonce));
  EXPECT_EQ(str(doc, "fee"), std::to_string(tx.fee));
  EXPECT_EQ(str(doc, "chain_id"), tx.chain_id);
  EXPECT_EQ(str(doc["call"], "name"), "transfer");
  EXPECT_EQ(str(doc["call"], "to"), chain_.account("bob").to_address());
  EXPECT_EQ(str(doc["call"], "amount"), "5000");
  EXPECT_TRUE(is_lower_hex(doc["signature"], 64));
  EXPECT_EQ(str(doc, "signature"), core::hex_encode(tx.signature));
}

TEST_F(JsonChainTest, BlockWithEvidenceAndWithOrWithoutCommit) {
  ledger::Block b = block();
  b.evidence = {{0xde, 0xad}, {}};
  CommitView commit{1, 2, ledger::block_hash(b.header), {{}}};
  commit.signatures[0].validator.fill(0x11);
  commit.signatures[0].signature.fill(0x22);
  commit.signatures[0].timestamp_ms = 1'800'000'000'123;

  Document doc = render([&](JsonWriter& w) { write_block(w, b, commit); });
  EXPECT_THAT(keys_of(doc), ElementsAreArray({"header", "transactions", "evidence", "commit"}));
  EXPECT_EQ(str(doc["header"], "hash"), ledger::block_hash(b.header).hex());
  ASSERT_TRUE(doc["transactions"].IsArray() && doc["transactions"].Size() == 1u);
  EXPECT_EQ(str(doc["transactions"][0], "id"), receipt_.tx_id.hex());
  ASSERT_TRUE(doc["evidence"].IsArray() && doc["evidence"].Size() == 2u);
  EXPECT_TRUE(doc["evidence"][0].IsString() &&
              doc["evidence"][0].GetString() == std::string("dead"));
  EXPECT_TRUE(doc["evidence"][1].IsString() && doc["evidence"][1].GetStringLength() == 0u);
  const Value& c = doc["commit"];
  EXPECT_THAT(keys_of(c), ElementsAreArray({"height", "round", "block_hash", "signatures"}));
  EXPECT_TRUE(c["height"].IsUint64() && c["height"].GetUint64() == 1u);
  EXPECT_TRUE(c["round"].IsUint() && c["round"].GetUint() == 2u);
  EXPECT_EQ(str(c, "block_hash"), ledger::block_hash(b.header).hex());
  ASSERT_TRUE(c["signatures"].IsArray() && c["signatures"].Size() == 1u);
  EXPECT_EQ(str(c["signatures"][0], "validator"), std::string(64, '1'));
  EXPECT_EQ(str(c["signatures"][0], "signature"), std::string(128, '2'));
  EXPECT_TRUE(c["signatures"][0]["timestamp_ms"].IsUint64() &&
              c["signatures"][0]["timestamp_ms"].GetUint64() == 1'800'000'000'123u);

  Document bare = render([&](JsonWriter& w) { write_block(w, b, std::nullopt); });
  EXPECT_TRUE(bare["commit"].IsNull());
}

TEST_F(JsonChainTest, ReceiptAndEventsOfARealTransfer) {
  Document doc = render([&](JsonWriter& w) { write_receipt(w, receipt_); });
  EXPECT_THAT(keys_of(doc), ElementsAreArray({"tx_id", "ok", "reason", "detail", "fee", "events"}));
  EXPECT_EQ(str(doc, "tx_id"), receipt_.tx_id.hex());
  EXPECT_TRUE(doc["ok"].IsBool() && doc["ok"].GetBool());
  EXPECT_EQ(str(doc, "reason"), "");
  EXPECT_EQ(str(doc, "fee"), std::to_string(receipt_.fee));
  ASSERT_TRUE(doc["events"].IsArray());
  ASSERT_EQ(doc["events"].Size(), receipt_.events.size());
  ASSERT_FALSE(receipt_.events.empty());
  for (rapidjson::SizeType i = 0; i < doc["events"].Size(); ++i) {
    const ledger::Event& e = receipt_.events[i];
    const Value& j = doc["events"][i];
    EXPECT_EQ(str(j, "kind"), e.kind);
    if (e.account)
      EXPECT_EQ(str(j, "account"), e.account->to_address());
    else
      EXPECT_TRUE(j["account"].IsNull());
    ASSERT_TRUE(j["attributes"].IsObject());
    EXPECT_EQ(j["attributes"].MemberCount(), e.attributes.size());
    for (const auto& a : e.attributes) EXPECT_EQ(str(j["attributes"], a.key.c_str()), a.value);
  }
}

TEST(JsonDomainTest, EventIdsAreNumbersOrStringsOrNull) {
  ledger::Event e{"contract_billed", std::nullopt, 7, std::nullopt, 9, std::uint64_t{1} << 63, {}};
  e.with("amount", "12").with("period", "3600");
  Document doc = render([&](JsonWriter& w) { write_event(w, e); });
  EXPECT_THAT(keys_of(doc), ElementsAreArray({"kind", "account", "twin", "farm", "node", "contract",
                                              "attributes"}));
  EXPECT_TRUE(doc["account"].IsNull());
  EXPECT_TRUE(doc["twin"].IsUint() && doc["twin"].GetUint() == 7u);
  EXPECT_TRUE(doc["farm"].IsNull());
  EXPECT_TRUE(doc["node"].IsUint() && doc["node"].GetUint() == 9u);
  EXPECT_EQ(str(doc, "contract"), "9223372036854775808");
  EXPECT_THAT(keys_of(doc["attributes"]), ElementsAreArray({"amount", "period"}));
  EXPECT_EQ(str(doc["attributes"], "period"), "3600");
}

TEST(JsonDomainTest, RepeatedAttributeKeysAreJoinedSoKeysStayUnique) {
  ledger::Event e{"contract_created", {}, {}, {}, {}, 4, {}};
  e.with("ip", "185.1.2.3/24").with("kind", "node").with("ip", "185.1.2.4/24");
  Document doc = render([&](JsonWriter& w) { write_event(w, e); });
  EXPECT_THAT(keys_of(doc["attributes"]), ElementsAreArray({"ip", "kind"}));
  EXPECT_EQ(str(doc["attributes"], "ip"), "185.1.2.3/24,185.1.2.4/24");
  EXPECT_EQ(str(doc["attributes"], "kind"), "node");
}

TEST_F(JsonChainTest, BlockResultsListReceiptsAndBlockEvents) {
  ledger::BlockResults results{{receipt_}, {ledger::Event{"minted", {}, {}, {}, {}, {}, {}}}};
  results.receipts[0].ok = false;
  results.receipts[0].reason = "insufficient_funds";
  results.receipts[0].detail = "need 5";
  Document doc = render([&](JsonWriter& w) { write_block_results(w, 42, results); });
  EXPECT_THAT(keys_of(doc), ElementsAreArray({"height", "receipts", "block_events"}));
  EXPECT_TRUE(doc["height"].IsUint64() && doc["height"].GetUint64() == 42u);
  ASSERT_TRUE(doc["receipts"].IsArray() && doc["receipts"].Size() == 1u);
  EXPECT_TRUE(doc["receipts"][0]["ok"].IsBool() && !doc["receipts"][0]["ok"].GetBool());
  EXPECT_EQ(str(doc["receipts"][0], "reason"), "insufficient_funds");
  EXPECT_EQ(str(doc["receipts"][0], "detail"), "need 5");
  ASSERT_TRUE(doc["block_events"].IsArray() && doc["block_events"].Size() == 1u);
  EXPECT_EQ(str(doc["block_events"][0], "kind"), "minted");
}

TEST(JsonDomainTest, ValidatorAccountAndChainStatus) {
  auto alice = core::dev_account("alice").value();
  ValidatorView v;
  v.key.fill(0xab);
  v.power = ~std::uint64_t{0};
  Document val = render([&](JsonWriter& w) { write_validator(w, v); });
  EXPECT_THAT(keys_of(val), ElementsAreArray({"key", "power", "operator"}));
  EXPECT_EQ(str(val, "key"), repeat("ab", 32));
  EXPECT_EQ(str(val, "power"), "18446744073709551615");
  EXPECT_TRUE(val["operator"].IsNull());
  v.operator_account = alice;
  Document with_op = render([&](JsonWriter& w) { write_validator(w, v); });
  EXPECT_EQ(str(with_op, "operator"), alice.to_address());

  ledger::Account account{~std::uint64_t{0}, 2, 3, 4, 5, 0};
  Document acc = render([&](JsonWriter& w) { write_account(w, alice, account); });
  EXPECT_THAT(keys_of(acc), ElementsAreArray({"address", "free", "reserved", "bonded", "unbonding",
                                              "nonce", "twin_id"}));
  EXPECT_EQ(str(acc, "address"), alice.to_address());
  EXPECT_EQ(str(acc, "free"), "18446744073709551615");
  EXPECT_EQ(str(acc, "reserved"), "2");
  EXPECT_EQ(str(acc, "bonded"), "3");
  EXPECT_EQ(str(acc, "unbonding"), "4");
  EXPECT_EQ(str(acc, "nonce"), "5");
  EXPECT_TRUE(acc["twin_id"].IsNull());
  account.twin_id = 12;
  Document twin = render([&](JsonWriter& w) { write_account(w, alice, account); });
  EXPECT_TRUE(twin["twin_id"].IsUint() && twin["twin_id"].GetUint() == 12u);

  ChainStatusView s;
  s.chain_id = "gridchain-dev";
  s.genesis_hash.hash.bytes.fill(1);
  s.height = 77;
  s.latest_hash.hash.bytes.fill(2);
  s.latest_time = 1'700'000'077;
  s.state_root.hash.bytes.fill(3);
  s.syncing = true;
  s.validator_set_hash.hash.bytes.fill(4);
  s.peers = 5;
  s.mempool_txs = 6;
  s.node_version = "0.1.0";
  s.node_key.fill(0xee);
  s.validator_key.fill(0xdd);
  Document st = render([&](JsonWriter& w) { write_chain_status(w, s); });
  EXPECT_THAT(keys_of(st),
              ElementsAreArray({"chain_id", "genesis_hash", "height", "latest_block_hash",
                                "latest_block_time", "state_root", "syncing", "validator_set_hash",
                                "peers", "mempool_txs", "node_version", "node_key", "validator_key",
                                "clock_offset_ms"}));
  EXPECT_EQ(str(st, "chain_id"), "gridchain-dev");
  EXPECT_EQ(str(st, "genesis_hash"), s.genesis_hash.hex());
  EXPECT_TRUE(st["height"].IsUint64() && st["height"].GetUint64() == 77u);
  EXPECT_EQ(str(st, "latest_block_hash"), s.latest_hash.hex());
  EXPECT_TRUE(st["latest_block_time"].IsUint64() &&
              st["latest_block_time"].GetUint64() == 1'700'000'077u);
  EXPECT_EQ(str(st, "state_root"), s.state_root.hex());
  EXPECT_TRUE(st["syncing"].IsBool() && st["syncing"].GetBool());
  EXPECT_EQ(str(st, "validator_set_hash"), s.validator_set_hash.hex());
  EXPECT_TRUE(st["peers"].IsUint() && st["peers"].GetUint() == 5u);
  EXPECT_TRUE(st["mempool_txs"].IsUint64() && st["mempool_txs"].GetUint64() == 6u);
  EXPECT_EQ(str(st, "node_version"), "0.1.0");
  EXPECT_EQ(str(st, "node_key"), std::string(64, 'e'));
  EXPECT_EQ(str(st, "validator_key"), std::string(64, 'd'));
  EXPECT_TRUE(st["clock_offset_ms"].IsNull());
  s.clock_offset_ms = -20'013;
  Document skewed = render([&](JsonWriter& w) { write_chain_status(w, s); });
  EXPECT_TRUE(skewed["clock_offset_ms"].IsInt64() &&
              skewed["clock_offset_ms"].GetInt64() == -20'013);
}

}  // namespace
}  // namespace grid::rpc
