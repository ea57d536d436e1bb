#include "tools/cli/cli_values.hpp"

#include <cctype>
#include <ctime>
#include <limits>

#include "core/amount.hpp"
#include "tools/client/cli_args.hpp"

namespace grid::tools {
namespace {

std::string lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

core::Status bad(std::string_view name, std::string_view text, std::string_view why) {
  return core::Status::invalid(std::string(name) + ": '" + std::string(text) + "' " +
                               std::string(why));
}

}  // namespace

core::Result<std::uint64_t> parse_tft(std::string_view name, std::string_view text) {
  auto amount = core::Amount::parse(text);
  if (!amount)
    return bad(
        name, text,
        "is not a TFT amount (digits, at most 7 decimals, e.g. 12.5): " + amount.error().message());
  return amount->units();
}

core::Result<std::uint32_t> parse_id32(std::string_view name, std::string_view text,
                                       std::uint32_t min) {
  GRID_ASSIGN(std::uint64_t v,
              parse_u64_arg(name, text, min, std::numeric_limits<std::uint32_t>::max()));
  return static_cast<std::uint32_t>(v);
}

core::Result<std::uint64_t> parse_id64(std::string_view name, std::string_view text,
                                       std::uint64_t min) {
  return parse_u64_arg(name, text, min, std::numeric_limits<std::uint64_t>::max());
}

core::Result<core::Bytes> parse_hex(std::string_view name, std::string_view text) {
  std::string_view body = text;
  if (body.starts_with("0x") || body.starts_with("0X")) body.remove_prefix(2);
  auto bytes = core::hex_decode(lower(body));
  if (!bytes) return bad(name, text, "is not hex (an even number of 0-9a-f digits)");
  return std::move(*bytes);
}

std::string format_tft(std::uint64_t units) {
  return core::Amount(units).format() + " TFT";
}

std::string format_usd(std::uint64_t units) {
  return core::Amount(units).format() + " USD";
}

std::string format_time(std::uint64_t unix_seconds) {
  std::time_t t = static_cast<std::time_t>(unix_seconds);
  std::tm utc{};
  if (unix_seconds > 253'402'300'799 || !gmtime_r(&t, &utc))  // after 9999-12-31: raw
    return std::to_string(unix_seconds);
  char text[32];
  std::strftime(text, sizeof text, "%Y-%m-%d %H:%M:%S UTC", &utc);
  return text;
}

}  // namespace grid::tools
