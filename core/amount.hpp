// Amount: a TFT quantity in base units (1 unit = 10^-7 TFT), unsigned 64-bit.
//
// Contract: arithmetic is checked: add/sub/mul return std::nullopt on overflow or underflow,
// never wrap. parse() takes "12", "12.5" or "0.0000001" (at most 7 decimals, no sign, no
// exponent, no spaces, no empty parts) and refuses anything that does not fit in u64.
// format() always writes 7 decimals: 12.5 TFT -> "12.5000000". Values; thread-safe.
#pragma once

#include <compare>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "core/status.hpp"

namespace grid::core {

class Amount {
 public:
  static constexpr int kDecimals = 7;
  static constexpr std::uint64_t kUnitsPerTft = 10'000'000;

  constexpr Amount() = default;
  constexpr explicit Amount(std::uint64_t units) : units_(units) {}
  static constexpr Amount zero() { return Amount(); }
  static std::optional<Amount> from_tft(std::uint64_t whole_tft);

  constexpr std::uint64_t units() const { return units_; }
  constexpr auto operator<=>(const Amount&) const = default;

  [[nodiscard]] std::optional<Amount> checked_add(Amount other) const;
  [[nodiscard]] std::optional<Amount> checked_sub(Amount other) const;
  [[nodiscard]] std::optional<Amount> checked_mul(std::uint64_t factor) const;

  static Result<Amount> parse(std::string_view tft);
  std::string format() const;

 private:
  std::uint64_t units_ = 0;
};

}  // namespace grid::core
