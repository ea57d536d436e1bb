// gridcli's values: what people type (TFT amounts, ids, hex) parsed into what the chain takes,
// and base units formatted back for people. Sizes ("8GiB") and numbers use the tools' shared
// helpers (tools/client/cli_args.hpp: parse_size_arg, parse_u64_arg, format_size).
//
// Contract:
// - parse_tft reads a TFT amount with at most 7 decimals ("12", "12.34", "0.0000001") into base
//   units (core::Amount::parse); errors name the argument: "AMOUNT_TFT: ...".
// - format_tft(units) is "12.3400000 TFT"; format_usd(units-USD, 10^-7 USD) "0.0152500 USD".
// - format_time(unix seconds) is "2026-11-26 08:01:31 UTC".
// - parse_id32 / parse_id64 read decimal ids (1 and up unless min says otherwise); parse_hex
//   reads lowercase or uppercase hex with an optional "0x".
// All errors are Code::invalid naming the argument. Pure functions; thread-safe.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "core/bytes.hpp"
#include "core/status.hpp"

namespace grid::tools {

core::Result<std::uint64_t> parse_tft(std::string_view name, std::string_view text);
core::Result<std::uint32_t> parse_id32(std::string_view name, std::string_view text,
                                       std::uint32_t min = 1);
core::Result<std::uint64_t> parse_id64(std::string_view name, std::string_view text,
                                       std::uint64_t min = 1);
core::Result<core::Bytes> parse_hex(std::string_view name, std::string_view text);

std::string format_tft(std::uint64_t units);
std::string format_usd(std::uint64_t units);
std::string format_time(std::uint64_t unix_seconds);

}  // namespace grid::tools
