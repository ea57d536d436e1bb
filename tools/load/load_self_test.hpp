// gridload --self-test: the offline checks of the parts that need no node (key derivation,
// pre-signing and signature verification, fee, option parsing, JSON-RPC bodies and replies,
// percentiles). Prints one line per failed check and a final count.
//
// Contract: returns the number of failed checks (0 = all passed). Single-threaded.
#pragma once

#include <cstdio>

namespace grid::tools {

int run_load_self_test(std::FILE* out);

}  // namespace grid::tools
