// The agent's log: one line per action on stderr, "2024-05-01T12:00:00Z gridagent: <text>".
//
// Contract: agent_log writes the whole line with one write, under a mutex, so lines from the
// loop and the event stream thread never interleave. Thread-safe.
#pragma once

#include <string_view>

namespace grid::tools {

void agent_log(std::string_view text);

}  // namespace grid::tools
