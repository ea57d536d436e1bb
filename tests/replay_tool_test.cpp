// The replay tool against a block file written from a TestChain: it prints the same state root
// after every block, and refuses a damaged file or a block whose header lies about its root.
#include <gtest/gtest.h>

#include <cstdio>
#include <filesystem>
#include <sstream>

#include "ledger/block_file.hpp"
#include "tests/support/test_chain.hpp"

namespace grid {
namespace {

namespace fs = std::filesystem;

struct RunResult {
  int exit_code;
  std::string output;
};

RunResult run_replay(const std::string& args) {
  std::string cmd = std::string(GRID_REPLAY_BIN) + " " + args + " 2>&1";
  std::FILE* p = popen(cmd.c_str(), "r");
  std::string out;
  char buf[4096];
  while (std::size_t n = std::fread(buf, 1, sizeof buf, p)) out.append(buf, n);
  int status = pclose(p);
  return {WEXITSTATUS(status), out};
}

class ReplayTool : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() / ("grid-replay-" + std::to_string(::getpid()));
    fs::create_directories(dir_);
    auto carol = chain_.new_funded_key(50 * 10'000'000);
    for (int i = 0; i < 5; ++i) {
      chain_.submit(
          chain_.sign(chain_.alice(), ledger::Transfer{chain_.account("bob"), 1000u + i}));
      chain_.submit(chain_.sign(carol, ledger::KvSet{{std::uint8_t(i)}, {1, 2, 3}}));
      chain_.produce_block();
    }
    chain_.run(chain_.bob(), ledger::Burn{777, "gone"});
  }
  void TearDown() override { fs::remove_all(dir_); }

  std::string write_file(const std::vector<ledger::Block>& blocks) {
    std::string path = (dir_ / "chain.blocks").string();
    auto w = ledger::BlockFileWriter::create(path, chain_.genesis());
    EXPECT_TRUE(w.is_ok());
    for (const auto& b : blocks) EXPECT_TRUE(w->append(b).is_ok());
    EXPECT_TRUE(w->close().is_ok());
    return path;
  }

  testing::TestChain chain_;
  fs::path dir_;
};

TEST_F(ReplayTool, PrintsTheSameRootAfterEveryBlock) {
  std::string path = write_file(chain_.blocks());
  RunResult r = run_replay("--check-invariants " + path);
  ASSERT_EQ(r.exit_code, 0) << r.output;
  std::istringstream lines(r.output);
  std::string line;
  std::size_t height = 0;
  while (std::getline(lines, line)) {
    ASSERT_LT(height, chain_.roots().size());
    EXPECT_EQ(line, std::to_string(height) + " " + chain_.roots()[height].hex());
    ++height;
  }
  EXPECT_EQ(height, chain_.blocks().size() + 1);
}

TEST_F(ReplayTool, RefusesAHeaderWithAnotherStateRoot) {
  auto blocks = chain_.blocks();
  blocks[2].header.state_root.hash.bytes[0] ^= 1;
  RunResult r = run_replay(write_file(blocks));
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_NE(r.output.find("height 3"), std::string::npos) << r.output;
  EXPECT_NE(r.output.find("state root"), std::string::npos) << r.output;
}

TEST_F(ReplayTool, RefusesATruncatedFileAndExplainsUsage) {
  std::string path = write_file(chain_.blocks());
  fs::resize_file(path, fs::file_size(path) - 10);
  RunResult r = run_replay(path);
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_NE(r.output.find("truncated"), std::string::npos) << r.output;
  EXPECT_EQ(run_replay("--help").exit_code, 0);
  EXPECT_EQ(run_replay((dir_ / "missing").string()).exit_code, 1);
  EXPECT_EQ(run_replay("--bogus x").exit_code, 1);
}

}  // namespace
}  // namespace grid
