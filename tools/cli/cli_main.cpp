// gridcli: the wallet, farmer and contract command-line tool of Gridchain. `gridcli help` lists
// the commands (tools/cli/cli_commands.cpp and one file per group).
#include <csignal>
#include <iostream>
#include <string>
#include <vector>

#include "tools/cli/cli_commands.hpp"

int main(int argc, char** argv) {
  std::signal(SIGPIPE, SIG_IGN);
  std::vector<std::string> args(argv + 1, argv + argc);
  int code =
      grid::tools::run_cli(args, grid::tools::Environment::from_process(), std::cout, std::cerr);
  std::cout.flush();
  return code;
}
