// Prints the golden vectors of docs/wire.md as "name = value" lines:
//   print_wire_vectors > tests/vectors/wire_vectors.txt
#include <cstdio>

#include "tests/tools/wire_vectors.hpp"

int main() {
  for (const auto& [name, value] : grid::testing::wire_vectors())
    std::printf("%s = %s\n", name.c_str(), value.c_str());
  return 0;
}
