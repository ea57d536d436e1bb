#include "tools/client/cli_args.hpp"

#include <array>
#include <cctype>
#include <charconv>
#include <cstdio>

#include "core/uint128.hpp"

namespace grid::tools {
namespace {

bool iequals(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i)
    if (std::tolower(static_cast<unsigned char>(a[i])) !=
        std::tolower(static_cast<unsigned char>(b[i])))
      return false;
  return true;
}

struct Unit {
  std::string_view name;
  std::uint64_t factor;
};

constexpr std::array<Unit, 14> kUnits = {{{"", 1},
                                          {"b", 1},
                                          {"k", 1'000},
                                          {"kb", 1'000},
                                          {"m", 1'000'000},
                                          {"mb", 1'000'000},
                                          {"g", 1'000'000'000},
                                          {"gb", 1'000'000'000},
                                          {"t", 1'000'000'000'000},
                                          {"tb", 1'000'000'000'000},
                                          {"kib", 1ull << 10},
                                          {"mib", 1ull << 20},
                                          {"gib", 1ull << 30},
                                          {"tib", 1ull << 40}}};

}  // namespace

std::optional<ArgWalker::Arg> ArgWalker::next() {
  if (i_ >= args_.size()) return std::nullopt;
  std::string_view arg = args_[i_++];
  if (arg.starts_with("--"))
    if (auto eq = arg.find('='); eq != std::string_view::npos)
      return Arg{arg.substr(0, eq), arg.substr(eq + 1)};
  return Arg{arg, std::nullopt};
}

core::Result<std::string_view> ArgWalker::take_value(const Arg& arg) {
  if (arg.value) return *arg.value;
  if (i_ >= args_.size()) return core::Status::invalid(std::string(arg.name) + ": missing value");
  return args_[i_++];
}

core::Result<std::uint64_t> parse_u64_arg(std::string_view name, std::string_view text,
                                          std::uint64_t min, std::uint64_t max) {
  std::uint64_t value = 0;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (text.empty() || ec != std::errc() || end != text.data() + text.size())
    return core::Status::invalid(std::string(name) + ": not a number: '" + std::string(text) + "'");
  if (value < min || value > max)
    return core::Status::invalid(std::string(name) + ": " + std::string(text) +
                                 " is out of range [" + std::to_string(min) + ", " +
                                 std::to_string(max) + "]");
  return value;
}

core::Result<std::uint64_t> parse_size_arg(std::string_view name, std::string_view text) {
  auto bad = [&](std::string why) {
    return core::Status::invalid(std::string(name) + ": " + why + ": '" + std::string(text) + "'");
  };
  std::size_t digits_end = 0;
  while (digits_end < text.size() &&
         (std::isdigit(static_cast<unsigned char>(text[digits_end])) || text[digits_end] == '.'))
    ++digits_end;
  std::string_view number = text.substr(0, digits_end);
  std::string_view unit_text = text.substr(digits_end);
  const Unit* unit = nullptr;
  for (const Unit& u : kUnits)
    if (iequals(unit_text, u.name)) unit = &u;
  if (!unit) return bad("unknown unit (use B, K, M, G, T, KiB, MiB, GiB or TiB)");
  std::size_t dot = number.find('.');
  std::string_view whole = number.substr(0, dot);
  std::string_view fraction =
      dot == std::string_view::npos ? std::string_view() : number.substr(dot + 1);
  if (whole.empty() || (dot != std::string_view::npos && fraction.empty()) ||
      fraction.find('.') != std::string_view::npos)
    return bad("not a size");
  if (!fraction.empty() && unit->factor == 1) return bad("a byte count has no fraction");
  std::uint64_t w = 0;
  auto [end, ec] = std::from_chars(whole.data(), whole.data() + whole.size(), w);
  if (ec != std::errc()) return bad("too large");
  core::u128 bytes = static_cast<core::u128>(w) * unit->factor;
  // The fraction, digit by digit: factor * 0.d1d2... rounded down.
  core::u128 scale = unit->factor;
  core::u128 frac_bytes = 0;
  core::u128 denominator = 1;
  for (char c : fraction) {
    if (denominator > (static_cast<core::u128>(1) << 100)) break;  // beyond byte precision
    frac_bytes = frac_bytes * 10 + static_cast<unsigned>(c - '0');
    denominator *= 10;
  }
  bytes += frac_bytes * scale / denominator;
  if (bytes > UINT64_MAX) return bad("too large");
  return static_cast<std::uint64_t>(bytes);
}

std::string format_size(std::uint64_t bytes) {
  constexpr std::array<std::string_view, 5> kNames = {"B", "KiB", "MiB", "GiB", "TiB"};
  if (bytes < 1024) return std::to_string(bytes) + " B";
  double value = static_cast<double>(bytes);
  std::size_t i = 0;
  while (value >= 1024 && i + 1 < kNames.size()) {
    value /= 1024;
    ++i;
  }
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.1f %s", value, std::string(kNames[i]).c_str());
  return buf;
}

}  // namespace grid::tools
