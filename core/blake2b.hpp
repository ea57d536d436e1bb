// hash(x) of WIRE.md: BLAKE2b with a 32-byte output and no key (libsodium crypto_generichash).
//
// Contract: deterministic, thread-safe. Blake2b256 hashes incrementally; the free functions hash
// one buffer or the concatenation of several.
#pragma once

#include <initializer_list>

#include "core/bytes.hpp"
#include "core/hash.hpp"

namespace grid::core {

class Blake2b256 {
 public:
  Blake2b256();
  Blake2b256& update(ByteView data);
  Hash32 finish();  // may be called once

 private:
  alignas(64) unsigned char state_[384];
};

Hash32 blake2b_256(ByteView data);
Hash32 blake2b_256(std::initializer_list<ByteView> parts);

}  // namespace grid::core
