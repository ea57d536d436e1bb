// gridcli's commands: the table of every command (one file per area adds its own), the help
// texts made from it, and run_cli, the whole program behind main().
//
// Contract:
// - commands() lists every command once, in help order; each area file defines its part
//   (cli_keys.cpp, cli_account.cpp, cli_farm.cpp, cli_node.cpp, cli_contract.cpp, cli_tx.cpp,
//   cli_price.cpp, cli_validator.cpp, cli_stake.cpp, cli_gov.cpp).
// - help_text("", "") is the overview; help_text(group, "") a group's commands; help_text(group,
//   command) one command's usage, options and the global options that apply.
// - run_cli parses args (without the program name), prints help or runs the command, and returns
//   the exit code (0 ok, 1 failure or refusal, 2 usage error). Output goes to out, errors to err.
// Thread safety: run_cli is not reentrant (one Context per call, one process).
#pragma once

#include <iosfwd>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "tools/cli/cli_context.hpp"
#include "tools/cli/cli_parser.hpp"

namespace grid::tools {

std::vector<CommandSpec> key_commands();
std::vector<CommandSpec> account_commands();  // balance, transfer, burn, kv, twin
std::vector<CommandSpec> farm_commands();
std::vector<CommandSpec> node_commands();
std::vector<CommandSpec> contract_commands();
std::vector<CommandSpec> tx_commands();
std::vector<CommandSpec> price_commands();  // show, submit
std::vector<CommandSpec> validator_commands();
std::vector<CommandSpec> stake_commands();
std::vector<CommandSpec> gov_commands();

std::span<const CommandSpec> commands();
std::string help_text(std::string_view group, std::string_view command);

int run_cli(std::span<const std::string> args, const Environment& env, std::ostream& out,
            std::ostream& err);

}  // namespace grid::tools
