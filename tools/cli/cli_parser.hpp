// gridcli's command line: the command table's shape (CommandSpec), the global options, and the
// parser that turns argv into one command to run (or a help request).
//
// Grammar: gridcli [global options] GROUP [COMMAND] [ARGS] [options]. Global options may appear
// anywhere; a command's own options only after its name. Options are "--name value",
// "--name=value" or a flag "--name"; "--" ends the options (later words are arguments).
// "-h"/"--help" anywhere, or "gridcli help [GROUP [COMMAND]]", asks for help on what was named.
//
// Contract: parse_command_line returns Code::invalid (a usage error, exit code 2) naming the
// offending word: an unknown group, command or option, a missing or surplus argument, a flag
// given a value, an option without its value, an option given twice (unless repeatable), a
// --fee that is not a number, and --passphrase (secrets never go on the command line). It does
// not check argument values; the commands do. Pure; thread-safe.
#pragma once

#include <cstddef>
#include <cstdint>
#include <map>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "core/status.hpp"

namespace grid::tools {

class Context;
struct Invocation;
using Handler = int (*)(Context& ctx, const Invocation& inv);

struct OptionSpec {
  std::string_view name;   // "--cru"
  std::string_view value;  // "N" for a valued option, "" for a flag
  std::string_view help;
  bool repeatable = false;
};

struct CommandSpec {
  std::string_view group;  // "keys", or a lone command such as "balance"
  std::string_view name;   // "new"; "" for a lone command
  std::string_view args;   // synopsis of the arguments: "TO AMOUNT_TFT"
  std::size_t min_args = 0;
  std::size_t max_args = 0;
  std::string_view summary;  // one line
  std::string_view details;  // more help text, may be ""
  std::vector<OptionSpec> options;
  Handler handler = nullptr;
  bool signs = false;  // signs a transaction: --from, --fee, --no-wait apply

  std::string path() const;  // "keys new", "balance"
  const OptionSpec* option(std::string_view name) const;
};

struct Invocation {
  const CommandSpec* command = nullptr;
  std::vector<std::string> args;
  std::map<std::string, std::vector<std::string>, std::less<>> options;  // flags hold {""}

  bool has(std::string_view name) const { return options.contains(name); }
  // The value of a valued option (the last one when repeatable), if given.
  std::optional<std::string> value(std::string_view name) const;
  // Every value of a repeatable option, comma-separated lists split ("--allow a,b --allow c").
  std::vector<std::string> list(std::string_view name) const;
};

struct GlobalOptions {
  std::optional<std::string> node;
  bool json = false;
  std::optional<std::string> keys;
  std::optional<std::string> from;
  std::optional<std::string> passphrase_file;
  std::optional<std::uint64_t> fee;
  bool no_wait = false;
};

struct CommandLine {
  GlobalOptions global;
  bool help = false;
  // For help: the group and command named so far ("" when none). For a run: the invocation.
  std::string help_group;
  std::string help_command;
  Invocation invocation;
};

// The global options, for the help text.
std::span<const OptionSpec> global_options();

core::Result<CommandLine> parse_command_line(std::span<const std::string> args,
                                             std::span<const CommandSpec> commands);

}  // namespace grid::tools
