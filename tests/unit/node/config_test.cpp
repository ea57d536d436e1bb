// NodeConfig files, flags and node keys: what is accepted, what is refused and why.
#include "node/config.hpp"

#include <gtest/gtest.h>

#include "node/flags.hpp"
#include "node/node_key.hpp"
#include "tests/support/temp_dir.hpp"

namespace grid::node {
namespace {

TEST(ConfigTest, RoundTripsAndResolvesPathsAgainstTheFile) {
  testing::TempDir dir("gridchain-config");
  NodeConfig c;
  c.genesis_file = "../genesis.json";
  c.data_dir = "data";
  c.node_key_file = "key.json";
  c.validator_key_file = "../shared/validator_key.json";
  c.persistent_peers = {"aa@127.0.0.1:1"};
  c.block_time_ms = 250;
  c.clock_offset_warn_ms = 750;
  c.log_level = LogLevel::debug;
  std::string path = dir.sub("n0/config.json");
  ASSERT_TRUE(write_text_file(path, config_to_json(c), false).is_ok());
  auto loaded = load_config(path);
  ASSERT_TRUE(loaded.is_ok()) << loaded.error().to_string();
  EXPECT_EQ(loaded->genesis_file, (dir.path() / "genesis.json").string());
  EXPECT_EQ(loaded->data_dir, (dir.path() / "n0/data").string());
  EXPECT_EQ(loaded->validator_key_file, (dir.path() / "shared/validator_key.json").string());
  EXPECT_EQ(loaded->persistent_peers, c.persistent_peers);
  EXPECT_EQ(loaded->block_time_ms, 250u);
  EXPECT_EQ(loaded->clock_offset_warn_ms, 750u);
  EXPECT_EQ(loaded->log_level, LogLevel::debug);
}

TEST(ConfigTest, WithoutAValidatorKeyFileTheNodeKeySigns) {
  testing::TempDir dir("gridchain-config");
  std::string path = dir.sub("c.json");
  ASSERT_TRUE(write_text_file(path, R"({"genesis_file": "g"})", false).is_ok());
  auto loaded = load_config(path);
  ASSERT_TRUE(loaded.is_ok()) << loaded.error().to_string();
  EXPECT_EQ(loaded->validator_key_file, "");
  EXPECT_EQ(config_to_json(*loaded).find("validator_key_file"), std::string::npos);
}

TEST(ConfigTest, RefusesBadFilesNamingTheMember) {
  testing::TempDir dir("gridchain-config");
  auto refused = [&](const std::string& text) {
    std::string path = dir.sub("c.json");
    EXPECT_TRUE(write_text_file(path, text, false).is_ok());
    auto r = load_config(path);
    return r.is_ok() ? std::string("accepted") : r.error().message();
  };
  EXPECT_NE(refused(R"({"data_dir": "x"})").find("genesis_file"), std::string::npos);
  EXPECT_NE(refused(R"({"genesis_file": "g", "colour": 1})").find("colour"), std::string::npos);
  EXPECT_NE(refused(R"({"genesis_file": "g", "rpc": {"listen": "nohost"}})").find("rpc.listen"),
            std::string::npos);
  EXPECT_NE(refused(R"({"genesis_file": "g", "log_level": "loud"})").find("log_level"),
            std::string::npos);
  EXPECT_NE(
      refused(R"({"genesis_file": "g", "consensus": {"block_time_ms": 0}})").find("block_time_ms"),
      std::string::npos);
  EXPECT_NE(refused("{not json"), "accepted");
  EXPECT_EQ(load_config(dir.sub("missing.json")).error().code(), core::Code::io);
}

TEST(ConfigTest, HostPortParsing) {
  EXPECT_EQ(parse_host_port("127.0.0.1:26657")->port, 26657);
  EXPECT_EQ(parse_host_port("[::1]:80")->host, "[::1]");
  EXPECT_FALSE(parse_host_port("127.0.0.1").is_ok());
  EXPECT_FALSE(parse_host_port("h:65536").is_ok());
  EXPECT_FALSE(parse_host_port("h:8x").is_ok());
}

TEST(FlagsTest, ParsesValuedAndBooleanFlagsAndRefusesTheRest) {
  auto f = Flags::parse({"--home", "/x", "--reset", "--rpc=1.2.3.4:5"}, {"home", "rpc"}, {"reset"});
  ASSERT_TRUE(f.is_ok());
  EXPECT_EQ(f->get("home"), "/x");
  EXPECT_EQ(f->get("rpc"), "1.2.3.4:5");
  EXPECT_TRUE(f->has("reset"));
  EXPECT_FALSE(Flags::parse({"--nope"}, {"home"}, {}).is_ok());
  EXPECT_FALSE(Flags::parse({"--home"}, {"home"}, {}).is_ok());
  EXPECT_FALSE(Flags::parse({"stray"}, {"home"}, {}).is_ok());
  auto n = Flags::parse({"--n", "12a"}, {"n"}, {});
  EXPECT_FALSE(n->get_u64("n", 0).is_ok());
}

TEST(NodeKeyTest, CreatedOnceThenLoadedAndCheckedAgainstItsPublicKey) {
  testing::TempDir dir("gridchain-key");
  std::string path = dir.sub("node_key.json");
  auto created = load_or_create_node_key(path);
  ASSERT_TRUE(created.is_ok());
  auto again = load_or_create_node_key(path);
  ASSERT_TRUE(again.is_ok());
  EXPECT_EQ(again->public_key(), created->public_key());
  auto text = read_text_file(path).value();
  text[text.find("\"seed\": \"") + 9] = text[text.find("\"seed\": \"") + 9] == 'a' ? 'b' : 'a';
  ASSERT_TRUE(write_text_file(path, text, true).is_ok());
  auto damaged = load_node_key(path);
  ASSERT_FALSE(damaged.is_ok());
  EXPECT_EQ(damaged.error().code(), core::Code::corruption);
}

}  // namespace
}  // namespace grid::node
