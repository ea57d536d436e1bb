#include "core/amount.hpp"

#include <limits>

namespace grid::core {

std::optional<Amount> Amount::from_tft(std::uint64_t whole_tft) {
  return Amount(1).checked_mul(kUnitsPerTft).value().checked_mul(whole_tft);
}

std::optional<Amount> Amount::checked_add(Amount other) const {
  std::uint64_t out;
  if (__builtin_add_overflow(units_, other.units_, &out)) return std::nullopt;
  return Amount(out);
}

std::optional<Amount> Amount::checked_sub(Amount other) const {
  if (other.units_ > units_) return std::nullopt;
  return Amount(units_ - other.units_);
}

std::optional<Amount> Amount::checked_mul(std::uint64_t factor) const {
  std::uint64_t out;
  if (__builtin_mul_overflow(units_, factor, &out)) return std::nullopt;
  return Amount(out);
}

Result<Amount> Amount::parse(std::string_view text) {
  auto dot = text.find('.');
  std::string_view whole = text.substr(0, dot);
  std::string_view frac = dot == std::string_view::npos ? std::string_view() : text.substr(dot + 1);
  if (whole.empty()) return Status::invalid("amount '" + std::string(text) + "' has no whole part");
  if (dot != std::string_view::npos && frac.empty())
    return Status::invalid("amount '" + std::string(text) + "' ends with a decimal point");
  if (frac.size() > kDecimals)
    return Status::invalid("amount '" + std::string(text) + "' has more than 7 decimals");
  std::uint64_t units = 0;
  auto push_digit = [&](char c) -> bool {
    if (c < '0' || c > '9') return false;
    return !__builtin_mul_overflow(units, 10, &units) &&
           !__builtin_add_overflow(units, static_cast<std::uint64_t>(c - '0'), &units);
  };
  std::string padded(frac);
  padded.resize(kDecimals, '0');
  for (char c : whole)
    if (!push_digit(c))
      return Status::invalid("amount '" + std::string(text) + "' is not a number or too large");
  for (char c : padded)
    if (!push_digit(c))
      return Status::invalid("amount '" + std::string(text) + "' is not a number or too large");
  return Amount(units);
}

std::string Amount::format() const {
  std::string frac = std::to_string(units_ % kUnitsPerTft);
  frac.insert(0, kDecimals - frac.size(), '0');
  return std::to_string(units_ / kUnitsPerTft) + "." + frac;
}

}  // namespace grid::core
