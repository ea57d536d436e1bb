// BLAKE2b-256 (hash(x) of WIRE.md): known answers and incremental/one-shot agreement.
// Known answers were computed with Python's hashlib.blake2b(data, digest_size=32).
#include "core/blake2b.hpp"

#include <gtest/gtest.h>

#include <cstdint>
#include <string>

#include "core/bytes.hpp"
#include "core/hash.hpp"

namespace grid::core {
namespace {

Bytes pattern(std::size_t n) {
  Bytes out(n);
  for (std::size_t i = 0; i < n; ++i) out[i] = static_cast<std::uint8_t>(i);
  return out;
}

TEST(Blake2b256, KnownAnswers) {
  EXPECT_EQ(blake2b_256(ByteView{}).hex(),
            "0e5751c026e543b2e8ab2eb06099daa1d1e5df47778f7787faab45cdf12fe3a8");
  EXPECT_EQ(blake2b_256(as_bytes("abc")).hex(),
            "bddd813c634239723171ef3fee98579b94964e3bb1cb3e427262c8c068d52319");
  EXPECT_EQ(blake2b_256(as_bytes("The quick brown fox jumps over the lazy dog")).hex(),
            "01718cec35cd3d796dd00020e0bfecb473ad23457d063b75eff29c0ffa2e58a9");
  // bytes(range(256)) * 4097: over 1 MiB, many compression blocks.
  EXPECT_EQ(blake2b_256(pattern(256 * 4097)).hex(),
            "73c778ce05220bad4d37e3a48e93b9da36e5b23dc5724dd848ce9d4b8e191caf");
}

TEST(Blake2b256, EmptyIncrementalMatchesOneShot) {
  Blake2b256 h;
  EXPECT_EQ(h.finish(), blake2b_256(ByteView{}));
  Blake2b256 h2;
  h2.update(ByteView{}).update(ByteView{});
  EXPECT_EQ(h2.finish(), blake2b_256(ByteView{}));
}

TEST(Blake2b256, IncrementalMatchesOneShotAtEverySplit) {
  // 300 bytes crosses two 128-byte BLAKE2b blocks; split at every point, including the edges.
  const Bytes data = pattern(300);
  const Hash32 expected = blake2b_256(data);
  const ByteView all(data);
  for (std::size_t cut = 0; cut <= data.size(); ++cut) {
    Blake2b256 h;
    h.update(all.first(cut)).update(all.subspan(cut));
    EXPECT_EQ(h.finish(), expected) << "cut at " << cut;
  }
}

TEST(Blake2b256, ByteAtATimeMatchesOneShot) {
  const Bytes data = pattern(1000);
  Blake2b256 h;
  for (std::size_t i = 0; i < data.size(); ++i) h.update(ByteView(data).subspan(i, 1));
  EXPECT_EQ(h.finish(), blake2b_256(data));
}

TEST(Blake2b256, MultiPartEqualsConcatenation) {
  const Bytes a = pattern(77);
  const Bytes b = pattern(200);
  const std::string c = "gridchain";
  EXPECT_EQ(blake2b_256({ByteView(a), ByteView(b), as_bytes(c)}),
            blake2b_256(concat(concat(a, b), as_bytes(c))));
  EXPECT_EQ(blake2b_256({as_bytes("ab"), as_bytes("c")}), blake2b_256(as_bytes("abc")));
  EXPECT_EQ(blake2b_256({}), blake2b_256(ByteView{}));
  EXPECT_EQ(blake2b_256({ByteView{}, as_bytes("abc"), ByteView{}}), blake2b_256(as_bytes("abc")));
}

TEST(Blake2b256, DifferentInputsDiffer) {
  EXPECT_NE(blake2b_256(as_bytes("abc")), blake2b_256(as_bytes("abd")));
  // Concatenation is not length-prefixed: only the bytes matter, by design.
  EXPECT_EQ(blake2b_256({as_bytes("a"), as_bytes("bc")}),
            blake2b_256({as_bytes("ab"), as_bytes("c")}));
}

TEST(Blake2b256, CopyForksTheState) {
  Blake2b256 h;
  h.update(as_bytes("ab"));
  Blake2b256 fork = h;
  h.update(as_bytes("c"));
  fork.update(as_bytes("d"));
  EXPECT_EQ(h.finish(), blake2b_256(as_bytes("abc")));
  EXPECT_EQ(fork.finish(), blake2b_256(as_bytes("abd")));
}

}  // namespace
}  // namespace grid::core
