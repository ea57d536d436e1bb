// Flags: the small command-line parser of gridnode's subcommands: "--name value",
// "--name=value" and boolean "--name"; an unknown flag, a missing value or a stray argument is
// an error naming it. Values are read back typed with a clear error.
// Thread safety: a value.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "core/status.hpp"

namespace grid::node {

class Flags {
 public:
  // `valued`: flags that take a value; `booleans`: flags that do not.
  static core::Result<Flags> parse(const std::vector<std::string>& args,
                                   const std::set<std::string>& valued,
                                   const std::set<std::string>& booleans);
  bool has(const std::string& name) const { return values_.contains(name); }
  std::string get(const std::string& name, const std::string& fallback = "") const;
  core::Result<std::uint64_t> get_u64(const std::string& name, std::uint64_t fallback) const;

 private:
  std::map<std::string, std::string> values_;
};

}  // namespace grid::node
