#include "tools/cli/cli_parser.hpp"

#include <array>

#include "tools/client/cli_args.hpp"

namespace grid::tools {
namespace {

const std::array<OptionSpec, 7> kGlobals = {{
    {"--node", "URL",
     "the node's JSON-RPC address (default $GRIDCLI_NODE, else http://127.0.0.1:26657)"},
    {"--json", "", "print the RPC result (or a small JSON object) for scripts"},
    {"--keys", "DIR", "the key store directory (default $GRIDCLI_KEYS, else ~/.gridchain/keys)"},
    {"--from", "NAME",
     "the signing key: a key name in the key store, or a dev account (alice..ferdie)"},
    {"--passphrase-file", "FILE",
     "read the key passphrase from FILE (else $GRIDCLI_PASSPHRASE, else asked on the terminal)"},
    {"--fee", "UNITS", "the fee in base units (default: the node's estimate)"},
    {"--no-wait", "", "submit the transaction and return without waiting for its commit"},
}};

std::string cmd_name(const CommandSpec* cmd, std::string_view group) {
  return "gridcli " + (cmd ? cmd->path() : std::string(group));
}

bool group_exists(std::span<const CommandSpec> commands, std::string_view group) {
  for (const auto& c : commands)
    if (c.group == group) return true;
  return false;
}

const CommandSpec* find_command(std::span<const CommandSpec> commands, std::string_view group,
                                std::string_view name) {
  for (const auto& c : commands)
    if (c.group == group && c.name == name) return &c;
  return nullptr;
}

std::string command_names(std::span<const CommandSpec> commands, std::string_view group) {
  std::string out;
  for (const auto& c : commands)
    if (c.group == group) out += (out.empty() ? "" : ", ") + std::string(c.name);
  return out;
}

core::Status set_global(GlobalOptions& g, std::string_view name, std::string_view value) {
  if (name == "--node") g.node = std::string(value);
  if (name == "--keys") g.keys = std::string(value);
  if (name == "--from") g.from = std::string(value);
  if (name == "--passphrase-file") g.passphrase_file = std::string(value);
  if (name == "--json") g.json = true;
  if (name == "--no-wait") g.no_wait = true;
  if (name == "--fee") {
    GRID_ASSIGN(g.fee, parse_u64_arg("--fee", value, 0, UINT64_MAX / 4));
  }
  return core::Status::ok();
}

}  // namespace

std::string CommandSpec::path() const {
  return name.empty() ? std::string(group) : std::string(group) + " " + std::string(name);
}

const OptionSpec* CommandSpec::option(std::string_view n) const {
  for (const auto& o : options)
    if (o.name == n) return &o;
  return nullptr;
}

std::optional<std::string> Invocation::value(std::string_view name) const {
  auto it = options.find(name);
  if (it == options.end() || it->second.empty()) return std::nullopt;
  return it->second.back();
}

std::vector<std::string> Invocation::list(std::string_view name) const {
  std::vector<std::string> out;
  auto it = options.find(name);
  if (it == options.end()) return out;
  for (const std::string& v : it->second) {
    std::size_t start = 0;
    while (start <= v.size()) {
      std::size_t comma = v.find(',', start);
      if (comma == std::string::npos) comma = v.size();
      if (comma > start) out.push_back(v.substr(start, comma - start));
      start = comma + 1;
    }
  }
  return out;
}

std::span<const OptionSpec> global_options() {
  return kGlobals;
}

core::Result<CommandLine> parse_command_line(std::span<const std::string> args,
                                             std::span<const CommandSpec> commands) {
  CommandLine out;
  std::string group;
  const CommandSpec* cmd = nullptr;
  bool help_word = false;
  bool options_ended = false;
  std::map<std::string, bool, std::less<>> seen_globals;
  for (std::size_t i = 0; i < args.size(); ++i) {
    std::string_view arg = args[i];
    if (!options_ended && (arg == "-h" || arg == "--help")) {
      out.help = true;
      continue;
    }
    if (!options_ended && arg == "--") {
      options_ended = true;
      continue;
    }
    if (!options_ended && arg.size() > 2 && arg.starts_with("--")) {
      std::string_view name = arg;
      std::optional<std::string_view> value;
      if (auto eq = arg.find('='); eq != std::string_view::npos) {
        name = arg.substr(0, eq);
        value = arg.substr(eq + 1);
      }
      if (name == "--passphrase")
        return core::Status::invalid(
            "--passphrase: a passphrase never goes on the command line; use --passphrase-file "
            "FILE or the GRIDCLI_PASSPHRASE environment variable");
      const OptionSpec* spec = nullptr;
      bool is_global = false;
      for (const auto& g : kGlobals)
        if (g.name == name) spec = &g, is_global = true;
      if (!spec && cmd) spec = cmd->option(name);
      if (!spec)
        return core::Status::invalid("unknown option '" + std::string(name) + "'" +
                                     (group.empty() ? " (see gridcli help)"
                                                    : " for " + cmd_name(cmd, group) + " (see " +
                                                          cmd_name(cmd, group) + " --help)"));
      if (spec->value.empty()) {
        if (value)
          return core::Status::invalid(std::string(name) + " takes no value (got '" +
                                       std::string(*value) + "')");
        value = "";
      } else if (!value) {
        if (i + 1 >= args.size())
          return core::Status::invalid(std::string(name) + ": missing " + std::string(spec->value));
        value = args[++i];
      }
      if (is_global) {
        if (seen_globals[std::string(name)] && !spec->value.empty())
          return core::Status::invalid(std::string(name) + " given twice");
        seen_globals[std::string(name)] = true;
        GRID_TRY(set_global(out.global, name, *value));
        continue;
      }
      auto& values = out.invocation.options[std::string(name)];
      if (!values.empty() && !spec->repeatable)
        return core::Status::invalid(std::string(name) + " given twice");
      values.emplace_back(*value);
      continue;
    }
    // A word: the group, then the command, then arguments.
    if (group.empty() && !help_word && arg == "help") {
      help_word = true;
      continue;
    }
    if (group.empty()) {
      if (!group_exists(commands, arg))
        return core::Status::invalid("unknown command '" + std::string(arg) +
                                     "' (see gridcli help)");
      group = std::string(arg);
      cmd = find_command(commands, group, "");
      continue;
    }
    if (!cmd) {
      cmd = find_command(commands, group, arg);
      if (!cmd)
        return core::Status::invalid("unknown command 'gridcli " + group + " " + std::string(arg) +
                                     "'; " + group + " commands are " +
                                     command_names(commands, group));
      continue;
    }
    if (help_word) continue;  // "gridcli help transfer X": help on what was named
    out.invocation.args.emplace_back(arg);
  }
  if (out.help || help_word) {
    out.help = true;
    out.help_group = group;
    out.help_command = cmd ? std::string(cmd->name) : "";
    return out;
  }
  if (group.empty()) return core::Status::invalid("no command given (see gridcli help)");
  if (!cmd)
    return core::Status::invalid("gridcli " + group + ": missing command; one of " +
                                 command_names(commands, group));
  std::size_t n = out.invocation.args.size();
  if (n < cmd->min_args || n > cmd->max_args) {
    std::string expected = cmd->args.empty() ? "no arguments" : std::string(cmd->args);
    std::string got = n < cmd->min_args
                          ? "missing arguments"
                          : "unexpected argument '" + out.invocation.args[cmd->max_args] + "'";
    return core::Status::invalid(cmd_name(cmd, group) + ": " + got +
                                 " (usage: " + cmd_name(cmd, group) + " " + expected + ")");
  }
  out.invocation.command = cmd;
  return out;
}

}  // namespace grid::tools
