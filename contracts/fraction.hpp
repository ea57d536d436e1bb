// Fraction and Mixed: exact non-negative rationals on u128 for pricing (contracts/pricing.cpp).
//
// Contract: no operation wraps. A result that would not fit is the "overflowed" value
// (den == 0), and every operation given an overflowed operand returns an overflowed result, so
// a chain of operations is checked once at its end with ok(). Fractions are kept reduced by gcd
// so that denominators stay small. Mixed keeps a whole part apart from a proper fraction
// (part.num < part.den), so that large amounts never force large numerators.
// Thread safety: values; no shared state.
#pragma once

#include "core/uint128.hpp"

namespace grid::contracts {

using core::u128;

u128 gcd_u128(u128 a, u128 b);
// a*b and a+b, or false (and out untouched) when the result exceeds u128.
bool checked_mul(u128 a, u128 b, u128& out);
bool checked_add(u128 a, u128 b, u128& out);

struct Fraction {
  u128 num = 0;
  u128 den = 1;
  bool ok() const { return den != 0; }
  static Fraction overflowed() { return Fraction{0, 0}; }
  static Fraction integer(u128 v) { return Fraction{v, 1}; }
};

Fraction reduced(Fraction f);
Fraction mul(Fraction a, Fraction b);
Fraction add(Fraction a, Fraction b);

struct Mixed {
  u128 whole = 0;
  Fraction part;  // proper: part.num < part.den
  bool ok() const { return part.ok(); }
  static Mixed overflowed() { return Mixed{0, Fraction::overflowed()}; }
};

// f * mul / div (div > 0) as whole + proper fraction.
Mixed scale(Fraction f, u128 mul, u128 div);
Mixed add(Mixed a, Mixed b);

}  // namespace grid::contracts
