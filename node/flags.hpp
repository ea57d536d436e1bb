// Flags: the small command-line parser of gridnode's subcommands: "--name value",
// "--name=value" and boolean "--name"; an unknown flag, a missing value or a stray argument is
// an error naming it. Values are read back typed with a clear error. wants_help and usage_error
// are the subcommands' shared --help check and bad-usage exit (message, help text, code 2).
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

// True when the arguments ask for help (--help or -h anywhere).
bool wants_help(const std::vector<std::string>& args);
// Prints "gridnode: <message>" and the help text to stderr; returns exit code 2.
int usage_error(const core::Status& status, const char* help);

// Seconds since the Unix epoch, from the system clock (block times, genesis times).
std::uint64_t unix_seconds();
std::uint64_t unix_millis();  // the wall clock; consensus reads it only to stamp votes

}  // namespace grid::node
