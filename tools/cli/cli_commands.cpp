#include "tools/cli/cli_commands.hpp"

#include <ostream>

#include "tools/client/endpoint.hpp"

namespace grid::tools {
namespace {

constexpr std::string_view kIntro =
    R"(gridcli: the Gridchain wallet, farmer and contract tool (JSON-RPC client of gridnode).

usage: gridcli [global options] GROUP [COMMAND] [ARGS] [options]
       gridcli help [GROUP [COMMAND]]      gridcli GROUP [COMMAND] --help
)";

constexpr std::string_view kOutro = R"(
Amounts are TFT with up to 7 decimals ("12.5"); sizes take KiB, MiB, GiB, TiB (powers of 1024)
or K, M, G, T, KB, MB, GB, TB (powers of 1000): "8GiB". Exit status: 0 success, 1 a refusal
or failure (the chain's reason is printed in words), 2 a usage error.
)";

std::string option_lines(std::span<const OptionSpec> options) {
  std::vector<std::pair<std::string, std::string_view>> lines;
  std::size_t width = 0;
  for (const auto& o : options) {
    std::string left = std::string(o.name) + (o.value.empty() ? "" : " " + std::string(o.value));
    width = std::max(width, left.size());
    lines.emplace_back(std::move(left), o.help);
  }
  std::string out;
  for (const auto& [left, help] : lines)
    out += "  " + left + std::string(width + 2 - left.size(), ' ') + std::string(help) + "\n";
  return out;
}

std::string usage_line(const CommandSpec& c) {
  std::string out = "gridcli " + c.path();
  if (!c.args.empty()) out += " " + std::string(c.args);
  if (!c.options.empty()) out += " [options]";
  return out;
}

std::string command_help(const CommandSpec& c) {
  std::string out = "usage: " + usage_line(c) + "\n\n" + std::string(c.summary) + "\n";
  if (!c.details.empty()) out += "\n" + std::string(c.details);
  if (!out.ends_with("\n")) out += "\n";
  if (!c.options.empty()) out += "\nOptions\n" + option_lines(c.options);
  std::vector<OptionSpec> globals;
  for (const auto& g : global_options()) {
    bool tx_only = g.name == "--from" || g.name == "--fee" || g.name == "--no-wait" ||
                   g.name == "--passphrase-file";
    if (!tx_only || c.signs) globals.push_back(g);
  }
  out += "\nGlobal options\n" + option_lines(globals);
  if (c.signs)
    out +=
        "\nSigns a transaction with --from and waits for its commit (up to 15 s) unless\n"
        "--no-wait. Prints the receipt; exit 1 with the chain's reason when it is refused or\n"
        "fails.\n";
  return out;
}

std::string group_help(std::string_view group) {
  std::string out =
      "usage: gridcli " + std::string(group) + " COMMAND [ARGS] [options]\n\nCommands\n";
  std::vector<std::pair<std::string, std::string_view>> lines;
  std::size_t width = 0;
  for (const auto& c : commands())
    if (c.group == group) {
      std::string left = std::string(c.name) + (c.args.empty() ? "" : " " + std::string(c.args));
      width = std::max(width, left.size());
      lines.emplace_back(std::move(left), c.summary);
    }
  for (const auto& [left, summary] : lines)
    out += "  " + left + std::string(width + 2 - left.size(), ' ') + std::string(summary) + "\n";
  out += "\nRun gridcli " + std::string(group) + " COMMAND --help for the options of a command.\n";
  return out;
}

std::string overview() {
  std::string out(kIntro);
  out += "\nCommands\n";
  std::vector<std::pair<std::string, std::string_view>> lines;
  std::size_t width = 0;
  for (const auto& c : commands()) {
    std::string left = c.path() + (c.args.empty() ? "" : " " + std::string(c.args));
    width = std::max(width, left.size());
    lines.emplace_back(std::move(left), c.summary);
  }
  for (const auto& [left, summary] : lines)
    out += "  " + left + std::string(width + 2 - left.size(), ' ') + std::string(summary) + "\n";
  out += "\nGlobal options (anywhere on the line)\n" + option_lines(global_options());
  return out + std::string(kOutro);
}

}  // namespace

std::span<const CommandSpec> commands() {
  static const std::vector<CommandSpec> table = [] {
    std::vector<CommandSpec> all;
    for (auto part :
         {key_commands(), account_commands(), farm_commands(), node_commands(), contract_commands(),
          tx_commands(), price_commands(), validator_commands(), stake_commands(), gov_commands()})
      all.insert(all.end(), part.begin(), part.end());
    return all;
  }();
  return table;
}

std::string help_text(std::string_view group, std::string_view command) {
  if (group.empty()) return overview();
  for (const auto& c : commands())
    if (c.group == group && c.name == command) return command_help(c);
  return group_help(group);
}

int run_cli(std::span<const std::string> args, const Environment& env, std::ostream& out,
            std::ostream& err) {
  auto line = parse_command_line(args, commands());
  if (!line) {
    err << "gridcli: " << line.error().message() << "\n";
    return kExitUsage;
  }
  if (line->help) {
    out << help_text(line->help_group, line->help_command);
    return kExitOk;
  }
  Context ctx(line->global, env, out, err);
  if (auto url = parse_rpc_url(ctx.node_url()); !url) {
    err << "gridcli: --node: " << url.error().message() << "\n";
    return kExitUsage;
  }
  const Invocation& inv = line->invocation;
  return inv.command->handler(ctx, inv);
}

}  // namespace grid::tools
