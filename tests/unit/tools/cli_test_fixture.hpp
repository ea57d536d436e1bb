// The offline gridcli fixture: run_cli with a fresh key directory and a node URL on which nothing
// listens (every network use fails, exit 1), capturing the exit code and both streams.
//
// Contract: each test gets its own temp directory (removed after it); env_ may be changed before
// run(). No network is ever reached. Not thread-safe (one test at a time).
#pragma once

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <sstream>
#include <string>
#include <vector>

#include "tools/cli/cli_commands.hpp"

namespace grid::tools::testing {

// Nothing listens on port 1: every call that reaches the network fails with exit 1.
inline constexpr const char* kDeadNode = "http://127.0.0.1:1";

struct Outcome {
  int code = -1;
  std::string out;
  std::string err;
};

class CliFixture : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = std::filesystem::temp_directory_path() /
           ("gridcli_test_" + std::to_string(::getpid()) + "_" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    std::filesystem::remove_all(dir_);
    std::filesystem::create_directories(dir_);
    env_.keys = (dir_ / "keys").string();
    env_.node = kDeadNode;
    env_.passphrase = "correct horse";
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }

  Outcome run(std::vector<std::string> args) {
    std::ostringstream out, err;
    Outcome r;
    r.code = run_cli(args, env_, out, err);
    r.out = out.str();
    r.err = err.str();
    return r;
  }

  std::filesystem::path dir_;
  Environment env_;
};

}  // namespace grid::tools::testing
