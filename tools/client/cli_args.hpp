// Command-line helpers shared by the tools (gridagent; open to gridcli and gridload): walking
// "--name value" / "--name=value" arguments, and reading numbers and byte sizes.
//
// Contract: every function is pure and thread-safe. Errors are Code::invalid with a message
// that names the option ("--cru: not a number: 'x'"), ready to print after the program name.
// - ArgWalker yields each argument as {name, value}: "--name=value" carries its value; for
//   "--name" the caller asks take_value() for the next argument when the option wants one.
// - parse_u64_arg: plain decimal digits only, within [min, max].
// - parse_size_arg: decimal bytes with an optional unit: K, M, G, T (powers of 1000) or KiB,
//   MiB, GiB, TiB (powers of 1024), case-insensitive, a trailing "B" allowed on the decimal ones
//   ("8GiB", "512M", "100GB", "1073741824"); a fraction is allowed before a unit ("1.5GiB",
//   rounded down to whole bytes); overflow is an error.
// - format_size: bytes as "4.0 GiB" / "512.0 MiB" / "100 B" for logs.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>

#include "core/status.hpp"

namespace grid::tools {

class ArgWalker {
 public:
  explicit ArgWalker(std::span<const std::string_view> args) : args_(args) {}

  struct Arg {
    std::string_view name;                  // "--name" (or a bare word)
    std::optional<std::string_view> value;  // set for "--name=value"
  };
  // The next argument, or nullopt at the end.
  std::optional<Arg> next();
  // The value of `arg`: its "=value", else the next argument ("NAME: missing value" at the end).
  core::Result<std::string_view> take_value(const Arg& arg);

 private:
  std::span<const std::string_view> args_;
  std::size_t i_ = 0;
};

core::Result<std::uint64_t> parse_u64_arg(std::string_view name, std::string_view text,
                                          std::uint64_t min, std::uint64_t max);
core::Result<std::uint64_t> parse_size_arg(std::string_view name, std::string_view text);
std::string format_size(std::uint64_t bytes);

}  // namespace grid::tools
