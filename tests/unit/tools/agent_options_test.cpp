#include "tools/agent/agent_options.hpp"

#include <gtest/gtest.h>

#include <vector>

#include "tools/client/cli_args.hpp"

namespace grid::tools {
namespace {

core::Result<AgentOptions> parse(std::vector<std::string_view> args) {
  return parse_agent_options(args);
}

TEST(AgentOptions, DefaultsWithTheRequiredOnes) {
  auto o = parse({"--farm", "3", "--dev-account", "bob"});
  ASSERT_TRUE(o) << o.error().message();
  EXPECT_EQ(o->farm_id, 3u);
  EXPECT_EQ(o->dev_account, "bob");
  EXPECT_EQ(o->node.host, "127.0.0.1");
  EXPECT_EQ(o->node.port, 26657);
  EXPECT_EQ(o->uptime_interval_s, 2400u);
  EXPECT_EQ(o->consumption_interval_s, 3600u);
  EXPECT_FALSE(o->cru);
  EXPECT_FALSE(o->mru);
  EXPECT_EQ(o->disk, "/");
  EXPECT_FALSE(o->no_events);
  EXPECT_TRUE(o->interface.empty());
}

TEST(AgentOptions, EveryOptionBothSpellings) {
  auto o = parse({"--node=http://10.0.0.1:9000/rpc",
                  "--key",
                  "k.key",
                  "--passphrase-file=p",
                  "--farm=7",
                  "--cru",
                  "8",
                  "--mru=16GiB",
                  "--sru",
                  "512G",
                  "--hru=1TiB",
                  "--disk",
                  "/data",
                  "--country",
                  "Belgium",
                  "--city=Ghent",
                  "--latitude",
                  "51.05",
                  "--longitude",
                  "3.7167",
                  "--state-dir",
                  "/var/lib/ga",
                  "--uptime-interval",
                  "5",
                  "--consumption-interval=6",
                  "--poll-interval",
                  "1",
                  "--no-events",
                  "--interface",
                  "eth0"});
  ASSERT_TRUE(o) << o.error().message();
  EXPECT_EQ(o->node.host, "10.0.0.1");
  EXPECT_EQ(o->node.port, 9000);
  EXPECT_EQ(o->key_file, "k.key");
  EXPECT_EQ(o->passphrase_file, "p");
  EXPECT_EQ(o->farm_id, 7u);
  EXPECT_EQ(o->cru, 8u);
  EXPECT_EQ(o->mru, 16ull << 30);
  EXPECT_EQ(o->sru, 512'000'000'000ull);
  EXPECT_EQ(o->hru, 1ull << 40);
  EXPECT_EQ(o->disk, "/data");
  EXPECT_EQ(o->country, "Belgium");
  EXPECT_EQ(o->city, "Ghent");
  EXPECT_EQ(o->latitude, "51.05");
  EXPECT_EQ(o->longitude, "3.7167");
  EXPECT_EQ(o->state_dir, "/var/lib/ga");
  EXPECT_EQ(o->uptime_interval_s, 5u);
  EXPECT_EQ(o->consumption_interval_s, 6u);
  EXPECT_EQ(o->poll_interval_s, 1u);
  EXPECT_TRUE(o->no_events);
  EXPECT_EQ(o->interface, "eth0");
}

TEST(AgentOptions, HelpNeedsNothingElse) {
  auto o = parse({"--help"});
  ASSERT_TRUE(o);
  EXPECT_TRUE(o->help);
  EXPECT_NE(agent_usage().find("--uptime-interval"), std::string_view::npos);
}

void expect_error(std::vector<std::string_view> args, std::string_view words) {
  auto o = parse_agent_options(args);
  ASSERT_FALSE(o) << "accepted";
  EXPECT_EQ(o.error().code(), core::Code::invalid);
  EXPECT_NE(o.error().message().find(words), std::string::npos) << o.error().message();
}

TEST(AgentOptions, Errors) {
  expect_error({"--dev-account", "bob"}, "--farm is required");
  expect_error({"--farm", "1"}, "exactly one of --key");
  expect_error({"--farm", "1", "--key", "k", "--dev-account", "bob"}, "exactly one of --key");
  expect_error({"--farm", "1", "--dev-account", "bob", "--passphrase-file", "p"}, "needs --key");
  expect_error({"--farm", "0", "--dev-account", "bob"}, "--farm: 0 is out of range");
  expect_error({"--farm", "x", "--dev-account", "bob"}, "--farm: not a number");
  expect_error({"--farm", "1", "--dev-account", "bob", "--uptime-interval", "0"},
               "--uptime-interval: 0 is out of range");
  expect_error({"--farm", "1", "--dev-account", "bob", "--poll-interval=-1"}, "--poll-interval");
  expect_error({"--farm", "1", "--dev-account", "bob", "--mru", "8XB"}, "--mru: unknown unit");
  expect_error({"--farm", "1", "--dev-account", "bob", "--cru", "0"}, "--cru: 0 is out of range");
  expect_error({"--farm", "1", "--dev-account", "bob", "--node", "https://x:1"}, "--node");
  expect_error({"--farm", "1", "--dev-account", "bob", "--bogus", "1"}, "unknown option '--bogus'");
  expect_error({"--farm", "1", "--dev-account", "bob", "--country"}, "--country: missing value");
  expect_error({"--farm", "1", "--dev-account", "bob", "--city="}, "--city: empty");
  expect_error({"--farm", "1", "--dev-account", "bob", "--no-events=yes"}, "takes no value");
}

TEST(CliArgs, Sizes) {
  EXPECT_EQ(parse_size_arg("--x", "1073741824").value(), 1ull << 30);
  EXPECT_EQ(parse_size_arg("--x", "4GiB").value(), 4ull << 30);
  EXPECT_EQ(parse_size_arg("--x", "4gib").value(), 4ull << 30);
  EXPECT_EQ(parse_size_arg("--x", "1.5GiB").value(), 3ull << 29);
  EXPECT_EQ(parse_size_arg("--x", "100GB").value(), 100'000'000'000ull);
  EXPECT_EQ(parse_size_arg("--x", "2K").value(), 2000u);
  EXPECT_EQ(parse_size_arg("--x", "7B").value(), 7u);
  EXPECT_FALSE(parse_size_arg("--x", ""));
  EXPECT_FALSE(parse_size_arg("--x", "GiB"));
  EXPECT_FALSE(parse_size_arg("--x", "1.GiB"));
  EXPECT_FALSE(parse_size_arg("--x", "1.5"));  // a byte count has no fraction
  EXPECT_FALSE(parse_size_arg("--x", "-1"));
  EXPECT_FALSE(parse_size_arg("--x", "17000000TiB"));  // overflow
  EXPECT_FALSE(parse_size_arg("--x", "99999999999999999999"));
}

TEST(CliArgs, FormatSize) {
  EXPECT_EQ(format_size(100), "100 B");
  EXPECT_EQ(format_size(4ull << 30), "4.0 GiB");
  EXPECT_EQ(format_size(1536ull << 20), "1.5 GiB");
}

}  // namespace
}  // namespace grid::tools
