#include <gtest/gtest.h>

#include <fstream>

#include "tests/support/temp_dir.hpp"
#include "tools/agent/deployment_store.hpp"

namespace grid::tools {
namespace {

Deployment sample(std::uint64_t id) {
  Deployment d;
  d.contract_id = id;
  d.twin_id = 3;
  d.paused = id % 2 == 0;
  d.reservation.resources = {2, 4ull << 30, 50ull << 30, 18'000'000'000'000'000'000ull};
  d.reservation.public_ips = 2;
  d.reservation.ips = {"185.1.2.3/24", "185.1.2.4/24"};
  d.reservation.deployment_hash = "abcd\"quoted\"";
  d.provisioned_at = 1700000009;
  return d;
}

TEST(DeploymentJson, RoundTrip) {
  Deployment d = sample(7);
  auto back = deployment_from_json(deployment_to_json(d));
  ASSERT_TRUE(back) << back.error().message();
  EXPECT_EQ(*back, d);
  EXPECT_FALSE(deployment_from_json("{}"));
  EXPECT_FALSE(deployment_from_json("[1]"));
  EXPECT_FALSE(deployment_from_json("{\"contract_id\":\"1\""));
}

TEST(DeploymentStore, WriteReadBackRemove) {
  testing::TempDir dir("agent-store");
  auto store = DeploymentStore::open(dir.path() / "state");
  ASSERT_TRUE(store) << store.error().message();
  ASSERT_TRUE(store->write(sample(7)));
  ASSERT_TRUE(store->write(sample(8)));
  EXPECT_TRUE(std::filesystem::exists(dir.path() / "state" / "contracts" / "7.json"));
  EXPECT_EQ(store->file_of(7), dir.path() / "state" / "contracts" / "7.json");

  // A second store over the same directory (a restarted agent) reads what the first wrote.
  auto again = DeploymentStore::open(dir.path() / "state");
  ASSERT_TRUE(again);
  LoadedDeployments loaded = again->load_all();
  EXPECT_TRUE(loaded.problems.empty());
  ASSERT_EQ(loaded.deployments.size(), 2u);
  EXPECT_EQ(loaded.deployments.at(7), sample(7));
  EXPECT_EQ(loaded.deployments.at(8), sample(8));

  Deployment paused = sample(7);
  paused.paused = true;
  ASSERT_TRUE(again->write(paused));  // replaces
  EXPECT_TRUE(again->load_all().deployments.at(7).paused);

  ASSERT_TRUE(again->remove(7));
  ASSERT_TRUE(again->remove(7));  // absent is fine
  loaded = again->load_all();
  EXPECT_EQ(loaded.deployments.size(), 1u);
  EXPECT_FALSE(loaded.deployments.count(7));
}

TEST(DeploymentStore, DamagedFilesAreSkippedAndNamed) {
  testing::TempDir dir("agent-store");
  auto store = DeploymentStore::open(dir.path());
  ASSERT_TRUE(store);
  ASSERT_TRUE(store->write(sample(1)));
  std::ofstream(dir.path() / "contracts" / "2.json") << "{not json";
  std::ofstream(dir.path() / "contracts" / "x.json") << "{}";
  std::ofstream(dir.path() / "contracts" / "3.json") << deployment_to_json(sample(4));
  std::ofstream(dir.path() / "contracts" / "notes.txt") << "ignored";
  LoadedDeployments loaded = store->load_all();
  EXPECT_EQ(loaded.deployments.size(), 1u);
  EXPECT_TRUE(loaded.deployments.count(1));
  EXPECT_EQ(loaded.problems.size(), 3u);
}

TEST(DeploymentStore, OpenFailsWhereNoDirectoryCanBe) {
  testing::TempDir dir("agent-store");
  std::ofstream(dir.path() / "file") << "x";
  auto store = DeploymentStore::open(dir.path() / "file");
  ASSERT_FALSE(store);
  EXPECT_EQ(store.error().code(), core::Code::io);
}

}  // namespace
}  // namespace grid::tools
