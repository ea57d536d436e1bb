// wire_vectors(): the golden vectors of docs/wire.md as (name, lowercase hex or text) pairs.
#pragma once

#include <string>
#include <utility>
#include <vector>

namespace grid::testing {

std::vector<std::pair<std::string, std::string>> wire_vectors();

}  // namespace grid::testing
