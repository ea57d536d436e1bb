// gridcli as a whole, offline: help everywhere, every usage error (exit 2) before any network
// use, the key store, and an unreachable node (exit 1). The commands that talk to a node are
// run against a real one by tests/process/cli_test.py.
#include "tools/cli/cli_commands.hpp"

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "core/bytes.hpp"
#include "core/dev_accounts.hpp"
#include "tests/unit/tools/cli_test_fixture.hpp"

namespace grid::tools {
namespace {

namespace fs = std::filesystem;

using testing::kDeadNode;
using testing::Outcome;
using CliCommands = testing::CliFixture;

TEST_F(CliCommands, HelpOfEveryGroupAndCommandExitsZero) {
  Outcome top = run({"help"});
  EXPECT_EQ(top.code, 0);
  std::set<std::string> groups;
  for (const CommandSpec& c : commands()) {
    groups.insert(std::string(c.group));
    EXPECT_NE(top.out.find("gridcli"), std::string::npos);
    EXPECT_NE(top.out.find(c.path()), std::string::npos) << c.path();
    std::vector<std::string> args = {std::string(c.group)};
    if (!c.name.empty()) args.emplace_back(c.name);
    args.emplace_back("--help");
    Outcome r = run(args);
    EXPECT_EQ(r.code, 0) << c.path();
    EXPECT_NE(r.out.find("usage: gridcli " + c.path()), std::string::npos) << r.out;
    for (const OptionSpec& o : c.options)
      EXPECT_NE(r.out.find(std::string(o.name)), std::string::npos) << c.path() << " " << o.name;
    EXPECT_EQ(r.out.find("--fee") != std::string::npos, c.signs) << c.path();
  }
  for (const std::string& g : groups) {
    Outcome r = run({g, "--help"});
    EXPECT_EQ(r.code, 0) << g;
    EXPECT_NE(r.out.find("usage: gridcli " + g), std::string::npos) << r.out;
  }
  EXPECT_EQ(run({"--help"}).out, top.out);
}

TEST_F(CliCommands, UsageErrorsExitTwoBeforeTheNetwork) {
  struct Case {
    std::vector<std::string> args;
    std::string expected;
  };
  const std::vector<Case> cases = {
      {{"nope"}, "unknown command 'nope'"},
      {{"transfer", "bob", "abc", "--from", "alice"}, "AMOUNT_TFT"},
      {{"burn", "1.00000001", "--from", "alice"}, "AMOUNT_TFT"},
      {{"kv", "set", "zz", "00", "--hex", "--from", "alice"}, "KEY"},
      {{"farm", "add-ip", "x", "1.2.3.4/24", "1.2.3.1", "--from", "alice"}, "FARM"},
      {{"farm", "policy", "1", "--from", "alice"}, "exactly one of --open"},
      {{"farm", "policy", "1", "--open", "--closed", "--from", "alice"}, "exactly one of"},
      {{"farm", "create", "f", "--ip", "1.2.3.4/24", "--from", "alice"}, "CIDR=GATEWAY"},
      {{"node", "list", "--status", "sleeping"}, "--status"},
      {{"node", "list", "--free-mru", "8XB"}, "--free-mru"},
      {{"node", "list", "--sort-by", "name"}, "--sort-by"},
      {{"node", "list", "--size", "0"}, "--size"},
      {{"node", "list", "--page", "0"}, "--page"},
      {{"node", "show", "abc"}, "NODE"},
      {{"contract", "create-node", "1", "--mru", "lots", "--from", "alice"}, "--mru"},
      {{"contract", "create-node", "1", "--deployment-hash", "xyz", "--from", "alice"},
       "--deployment-hash"},
      {{"contract", "estimate", "--kind", "service"}, "--kind"},
      {{"contract", "list", "--mine", "--twin", "1"}, "--twin or --mine"},
      {{"contract", "cancel", "0", "--from", "alice"}, "ID"},
      {{"tx", "show", "nothex"}, "transaction id"},
      {{"tx", "search"}, "give one of"},
      {{"tx", "search", "--twin", "1", "--farm", "2"}, "give one of"},
      {{"keys", "new", "bad/name"}, "not a key name"},
      {{"keys", "new", "k", "--scheme", "rsa"}, "--scheme"},
      {{"keys", "import", "k"}, "--secret-file"},
      {{"twin", "show", "0"}, "ID"},
      {{"--node", "ftp://x", "balance", "alice"}, "--node"},
  };
  for (const Case& c : cases) {
    Outcome r = run(c.args);
    EXPECT_EQ(r.code, 2) << ::testing::PrintToString(c.args) << "\n" << r.err;
    EXPECT_NE(r.err.find(c.expected), std::string::npos) << ::testing::PrintToString(c.args) << "\n"
                                                         << r.err;
    EXPECT_EQ(r.err.find("cannot reach"), std::string::npos) << r.err;
  }
}

TEST_F(CliCommands, AnUnreachableNodeIsAFailureNamingTheUrl) {
  Outcome r = run({"balance", "alice"});
  EXPECT_EQ(r.code, 1);
  EXPECT_NE(r.err.find("cannot reach the node at http://127.0.0.1:1"), std::string::npos) << r.err;
  Outcome t = run({"--from", "alice", "transfer", "bob", "1"});
  EXPECT_EQ(t.code, 1);
  EXPECT_NE(t.err.find("cannot reach the node at http://127.0.0.1:1"), std::string::npos) << t.err;
}

TEST_F(CliCommands, TransactionsNeedFrom) {
  Outcome r = run({"transfer", "bob", "1"});
  EXPECT_EQ(r.code, 1);
  EXPECT_NE(r.err.find("needs --from"), std::string::npos) << r.err;
  Outcome unknown = run({"--from", "nobody", "burn", "1"});
  EXPECT_EQ(unknown.code, 1);
  EXPECT_NE(unknown.err.find("'nobody' is not an address, a key"), std::string::npos)
      << unknown.err;
}

TEST_F(CliCommands, KeysNewListAddressAndNoOverwrite) {
  Outcome made = run({"keys", "new", "k1"});
  ASSERT_EQ(made.code, 0) << made.err;
  fs::path file = dir_ / "keys" / "k1.key";
  ASSERT_TRUE(fs::exists(file));
  EXPECT_EQ(fs::status(file).permissions() & fs::perms::all,
            fs::perms::owner_read | fs::perms::owner_write);
  Outcome address = run({"keys", "address", "k1"});
  ASSERT_EQ(address.code, 0);
  std::string addr = address.out.substr(0, address.out.find('\n'));
  EXPECT_TRUE(core::AccountId::from_address(addr)) << addr;
  EXPECT_NE(made.out.find(addr), std::string::npos);

  Outcome again = run({"keys", "new", "k1"});
  EXPECT_EQ(again.code, 1);
  EXPECT_NE(again.err.find("already exists"), std::string::npos) << again.err;
  EXPECT_NE(run({"keys", "address", "k1"}).out.find(addr), std::string::npos);  // unchanged

  Outcome ed = run({"--json", "keys", "new", "k2", "--scheme", "ed25519"});
  ASSERT_EQ(ed.code, 0) << ed.err;
  EXPECT_NE(ed.out.find("\"scheme\": \"ed25519\""), std::string::npos) << ed.out;

  Outcome list = run({"keys", "list"});
  EXPECT_EQ(list.code, 0);
  EXPECT_NE(list.out.find("k1"), std::string::npos);
  EXPECT_NE(list.out.find(addr), std::string::npos);
  EXPECT_NE(list.out.find("ed25519"), std::string::npos);
  Outcome json = run({"keys", "list", "--json"});
  EXPECT_NE(json.out.find("\"address\": \"" + addr + "\""), std::string::npos) << json.out;

  Outcome missing = run({"keys", "address", "nobody"});
  EXPECT_EQ(missing.code, 1);
  EXPECT_NE(missing.err.find("no key 'nobody'"), std::string::npos);
}

TEST_F(CliCommands, KeysImportReadsTheSecretFromAFile) {
  auto secret = core::dev_secret_key("alice").value();
  fs::path secret_file = dir_ / "secret.hex";
  std::ofstream(secret_file) << core::hex_encode(secret.bytes()) << "\n";
  fs::path pass_file = dir_ / "pass";
  std::ofstream(pass_file) << "from a file\n";
  Outcome r = run({"keys", "import", "mine", "--secret-file", secret_file.string(),
                   "--passphrase-file", pass_file.string()});
  ASSERT_EQ(r.code, 0) << r.err;
  std::string alice = core::dev_account("alice").value().to_address();
  EXPECT_EQ(run({"keys", "address", "mine"}).out, alice + "\n");
  EXPECT_EQ(run({"keys", "address", "alice"}).out, alice + "\n");

  std::ofstream(dir_ / "short.hex") << "abcd";
  Outcome bad = run({"keys", "import", "other", "--secret-file", (dir_ / "short.hex").string()});
  EXPECT_EQ(bad.code, 1);
  EXPECT_NE(bad.err.find("32-byte secret"), std::string::npos) << bad.err;
  EXPECT_FALSE(fs::exists(dir_ / "keys" / "other.key"));
}

TEST_F(CliCommands, WrongPassphraseIsAFailureInWords) {
  ASSERT_EQ(run({"keys", "new", "k"}).code, 0);
  env_.passphrase = "wrong";
  Outcome r = run({"--from", "k", "transfer", "alice", "1"});
  EXPECT_EQ(r.code, 1);
  EXPECT_NE(r.err.find("wrong passphrase"), std::string::npos) << r.err;
}

}  // namespace
}  // namespace grid::tools
