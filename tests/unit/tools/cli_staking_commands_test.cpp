// gridcli validator, stake and gov, offline: their help, every usage error exits 2 before any
// network use, an unreachable node exits 1. Against a real node: tests/process (integrator).
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "tests/unit/tools/cli_test_fixture.hpp"

namespace grid::tools {
namespace {

using testing::CliFixture;
using testing::Outcome;
using Args = std::vector<std::string>;

const std::string kKey(64, 'a');  // a well-formed consensus key: 32 bytes of 0xaa

class CliStaking : public CliFixture {};

TEST_F(CliStaking, EveryNewCommandHasHelp) {
  int seen = 0;
  for (const CommandSpec& c : commands()) {
    if (c.group != "validator" && c.group != "stake" && c.group != "gov") continue;
    ++seen;
    Outcome r = run({std::string(c.group), std::string(c.name), "--help"});
    EXPECT_EQ(r.code, 0) << c.path();
    EXPECT_NE(r.out.find("usage: gridcli " + c.path()), std::string::npos) << r.out;
    for (const OptionSpec& o : c.options)
      EXPECT_NE(r.out.find(std::string(o.name)), std::string::npos) << c.path() << " " << o.name;
  }
  // validator: register show list set-commission unjail (5); stake: bond unbond withdraw show
  // (4); gov: propose motion vote vote-motion veto list show (7).
  EXPECT_EQ(seen, 5 + 4 + 7);
  EXPECT_NE(run({"validator", "register", "--help"}).out.find("validator_key"), std::string::npos);
  Outcome propose = run({"gov", "propose", "--help"});
  for (const char* action : {"set-chain-param NAME VALUE", "certify-farm FARM_ID [gold|none]",
                             "set-pricing-policy", "set-farming-policy", "remove-price-feeder"})
    EXPECT_NE(propose.out.find(action), std::string::npos) << action;
  Outcome group = run({"stake", "--help"});
  EXPECT_EQ(group.code, 0);
  EXPECT_NE(group.out.find("withdraw"), std::string::npos);
}

TEST_F(CliStaking, UsageErrorsExitTwoBeforeTheNetwork) {
  const std::string long_text(257, 'x');
  struct Case {
    Args args;
    std::string expected;
  };
  const std::vector<Case> cases = {
      {{"validator", "register", "--from", "alice"}, "--consensus-key is required"},
      {{"validator", "register", "--consensus-key", "abcd", "--from", "alice"}, "32 bytes"},
      {{"validator", "register", "--consensus-key", "xyz", "--from", "alice"}, "not hex"},
      {{"validator", "register", "--consensus-key", kKey, "--commission", "101", "--from", "alice"},
       "--commission"},
      {{"validator", "register", "--consensus-key", kKey, "--description", long_text, "--from",
        "alice"},
       "--description: at most 256 bytes"},
      {{"validator", "set-commission", "101", "--from", "alice"}, "P"},
      {{"validator", "set-commission", "--from", "alice"}, "missing"},
      {{"validator", "show", "alice", "bob"}, "unexpected"},
      {{"validator", "list", "--page", "0"}, "--page"},
      {{"validator", "list", "--active=yes"}, "--active"},
      {{"validator", "unjail", "now", "--from", "alice"}, "unexpected"},
      {{"stake", "bond", "bob", "abc", "--from", "alice"}, "AMOUNT_TFT"},
      {{"stake", "bond", "bob", "0", "--from", "alice"}, "AMOUNT_TFT: must be above 0"},
      {{"stake", "unbond", "bob", "1.00000001", "--from", "alice"}, "AMOUNT_TFT"},
      {{"stake", "bond", "bob", "--from", "alice"}, "missing"},
      {{"stake", "withdraw", "all", "--from", "alice"}, "unexpected"},
      {{"gov", "propose", "certify-farm", "1", "--from", "alice"}, "--description is required"},
      {{"gov", "propose", "certify-farm", "1", "--description", "d", "--link", long_text},
       "--link: at most 256 bytes"},
      {{"gov", "propose", "nope", "--description", "d"}, "'nope' is not an action"},
      {{"gov", "propose", "set-chain-param", "nope", "1", "--description", "d"},
       "not a chain parameter; one of: base_fee"},
      {{"gov", "propose", "set-chain-param", "base_fee", "1x", "--description", "d"}, "VALUE"},
      {{"gov", "propose", "certify-node", "0", "--description", "d"}, "NODE_ID"},
      {{"gov", "propose", "certify-farm", "1", "platinum", "--description", "d"}, "gold or none"},
      {{"gov", "propose", "set-farm-dedicated", "1", "--description", "d"}, "FARM_ID yes|no"},
      {{"gov", "propose", "cancel-contract", "1", "2", "--description", "d"}, "expected"},
      {{"gov", "propose", "set-pricing-policy", "--cu", "5", "--description", "d"},
       "--policy-id is required"},
      {{"gov", "propose", "set-pricing-policy", "--policy-id", "1", "--description", "d"},
       "nothing to change"},
      {{"gov", "propose", "set-pricing-policy", "--policy-id", "1", "--cu-reward", "5",
        "--description", "d"},
       "an option of set-farming-policy"},
      {{"gov", "propose", "set-pricing-policy", "--policy-id", "1", "--dedicated-discount", "101",
        "--description", "d"},
       "--dedicated-discount"},
      {{"gov", "motion", "set-farming-policy", "--policy-id", "2", "--certified", "maybe",
        "--description", "d"},
       "--certified"},
      {{"gov", "motion", "set-farming-policy", "--policy-id", "2", "--minimal-uptime", "1001",
        "--description", "d"},
       "--minimal-uptime"},
      {{"gov", "propose", "certify-farm", "1", "--cu", "5", "--description", "d"},
       "--cu applies to set-pricing-policy"},
      {{"gov", "motion", "add-council-member", "nobody", "--description", "d"}, "ADDR"},
      {{"gov", "motion", "certify-farm", "1", "--description", "d", "--link", "x"},
       "unknown option '--link'"},
      {{"gov", "vote", "1", "2", "maybe", "--from", "alice"}, "VOTE"},
      {{"gov", "vote", "0", "1", "yes", "--from", "alice"}, "ID"},
      {{"gov", "vote", "1", "0", "yes", "--from", "alice"}, "FARM_ID"},
      {{"gov", "vote-motion", "1", "perhaps", "--from", "alice"}, "VOTE"},
      {{"gov", "veto", "x", "--from", "alice"}, "ID"},
      {{"gov", "list", "--state", "pending"}, "--state"},
      {{"gov", "list", "--kind", "both"}, "--kind"},
      {{"gov", "show", "abc"}, "ID"},
  };
  for (const Case& c : cases) {
    Outcome r = run(c.args);
    EXPECT_EQ(r.code, 2) << ::testing::PrintToString(c.args) << "\n" << r.err;
    EXPECT_NE(r.err.find(c.expected), std::string::npos) << ::testing::PrintToString(c.args) << "\n"
                                                         << r.err;
    EXPECT_EQ(r.err.find("cannot reach"), std::string::npos) << r.err;
  }
}

TEST_F(CliStaking, AnUnreachableNodeIsAFailure) {
  const std::vector<Args> cases = {
      {"validator", "list", "--active"},
      {"validator", "show", "alice"},
      {"--from", "alice", "validator", "register", "--consensus-key", kKey, "--commission", "5"},
      {"--from", "alice", "validator", "set-commission", "7"},
      {"--from", "alice", "validator", "unjail"},
      {"stake", "show", "bob"},
      {"--from", "alice", "stake", "bond", "bob", "10000"},
      {"--from", "alice", "stake", "unbond", "bob", "0.5"},
      {"--from", "alice", "stake", "withdraw"},
      {"gov", "list", "--state", "open", "--kind", "motion"},
      {"gov", "show", "3", "--motion"},
      {"--from", "alice", "gov", "propose", "certify-farm", "1", "--description", "gold"},
      // A policy action reads the current policy first: the read fails.
      {"--from", "alice", "gov", "propose", "set-pricing-policy", "--policy-id", "1", "--cu",
       "120000", "--description", "d"},
      {"--from", "alice", "gov", "motion", "add-price-feeder", "bob", "--description", "d"},
      {"--from", "alice", "gov", "vote", "1", "2", "yes"},
      {"--from", "alice", "gov", "vote-motion", "1", "no"},
      {"--from", "alice", "gov", "veto", "1"},
  };
  for (const Args& args : cases) {
    Outcome r = run(args);
    EXPECT_EQ(r.code, 1) << ::testing::PrintToString(args) << "\n" << r.err;
    EXPECT_NE(r.err.find("cannot reach the node at http://127.0.0.1:1"), std::string::npos)
        << ::testing::PrintToString(args) << "\n"
        << r.err;
  }
}

TEST_F(CliStaking, DefaultsToFromAndNeedsIt) {
  for (const Args& args : std::vector<Args>{{"validator", "show"},
                                            {"stake", "show"},
                                            {"stake", "withdraw"},
                                            {"validator", "unjail"}}) {
    Outcome r = run(args);
    EXPECT_EQ(r.code, 1) << ::testing::PrintToString(args);
    EXPECT_NE(r.err.find("needs --from"), std::string::npos) << r.err;
  }
  Outcome unknown = run({"--from", "alice", "stake", "bond", "nobody", "1"});
  EXPECT_EQ(unknown.code, 1);
  EXPECT_NE(unknown.err.find("'nobody' is not an address, a key"), std::string::npos)
      << unknown.err;
}

}  // namespace
}  // namespace grid::tools
