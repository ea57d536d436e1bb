#include "contracts/fraction.hpp"

namespace grid::contracts {

u128 gcd_u128(u128 a, u128 b) {
  while (b != 0) {
    u128 t = a % b;
    a = b;
    b = t;
  }
  return a;
}

bool checked_mul(u128 a, u128 b, u128& out) {
  u128 r = 0;
  if (__builtin_mul_overflow(a, b, &r)) return false;
  out = r;
  return true;
}

bool checked_add(u128 a, u128 b, u128& out) {
  u128 r = 0;
  if (__builtin_add_overflow(a, b, &r)) return false;
  out = r;
  return true;
}

Fraction reduced(Fraction f) {
  if (!f.ok()) return f;
  if (f.num == 0) return Fraction{0, 1};
  u128 g = gcd_u128(f.num, f.den);
  return Fraction{f.num / g, f.den / g};
}

Fraction mul(Fraction a, Fraction b) {
  if (!a.ok() || !b.ok()) return Fraction::overflowed();
  a = reduced(a);
  b = reduced(b);
  if (a.num == 0 || b.num == 0) return Fraction{0, 1};
  // Cross-reduce first: the product of reduced fractions is then reduced.
  u128 g1 = gcd_u128(a.num, b.den);
  u128 g2 = gcd_u128(b.num, a.den);
  Fraction r;
  if (!checked_mul(a.num / g1, b.num / g2, r.num)) return Fraction::overflowed();
  if (!checked_mul(a.den / g2, b.den / g1, r.den)) return Fraction::overflowed();
  return r;
}

Fraction add(Fraction a, Fraction b) {
  if (!a.ok() || !b.ok()) return Fraction::overflowed();
  a = reduced(a);
  b = reduced(b);
  u128 g = gcd_u128(a.den, b.den);
  u128 left = 0;
  u128 right = 0;
  Fraction r;
  if (!checked_mul(a.den / g, b.den, r.den)) return Fraction::overflowed();
  if (!checked_mul(a.num, b.den / g, left)) return Fraction::overflowed();
  if (!checked_mul(b.num, a.den / g, right)) return Fraction::overflowed();
  if (!checked_add(left, right, r.num)) return Fraction::overflowed();
  return reduced(r);
}

namespace {

// Moves the whole units of a fraction into the whole part.
Mixed normalized(u128 whole, Fraction part) {
  if (!part.ok()) return Mixed::overflowed();
  Mixed m;
  if (!checked_add(whole, part.num / part.den, m.whole)) return Mixed::overflowed();
  m.part = reduced(Fraction{part.num % part.den, part.den});
  return m;
}

}  // namespace

Mixed scale(Fraction f, u128 mul, u128 div) {
  if (!f.ok() || div == 0) return Mixed::overflowed();
  f = reduced(f);
  // f = q + r/den, so f*mul/div = floor(q*mul/div) + ((q*mul % div)*den + r*mul) / (den*div).
  u128 q = f.num / f.den;
  u128 r = f.num % f.den;
  u128 q_mul = 0;
  if (!checked_mul(q, mul, q_mul)) return Mixed::overflowed();
  u128 den = 0;
  u128 carried = 0;
  u128 rest = 0;
  u128 num = 0;
  if (!checked_mul(f.den, div, den)) return Mixed::overflowed();
  if (!checked_mul(q_mul % div, f.den, carried)) return Mixed::overflowed();
  if (!checked_mul(r, mul, rest)) return Mixed::overflowed();
  if (!checked_add(carried, rest, num)) return Mixed::overflowed();
  return normalized(q_mul / div, Fraction{num, den});
}

Mixed add(Mixed a, Mixed b) {
  if (!a.ok() || !b.ok()) return Mixed::overflowed();
  u128 whole = 0;
  if (!checked_add(a.whole, b.whole, whole)) return Mixed::overflowed();
  return normalized(whole, add(a.part, b.part));
}

}  // namespace grid::contracts
