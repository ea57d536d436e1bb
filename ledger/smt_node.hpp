// Storage layout of the versioned state tree (ledger/smt.hpp): node keys, node bytes, stale
// records, and the read interfaces the tree uses to reach its store.
//
// Node key (sorts by version first, so storage groups nodes by the version that wrote them):
//   u64 version, big-endian || u16 depth (0..256), big-endian || path
// where path is the first `depth` bits of the key hash packed MSB-first into ceil(depth / 8)
// bytes, unused low bits of the last byte zero. The root of version v is always the node
// (v, 0, empty path), so every applied version has a root even when nothing changed.
//
// Node value (core/codec.hpp encoding, little-endian integers):
//   0x00                                      empty tree (only as a root)
//   0x01 || key: bytes || value: bytes        leaf, the full entry
//   0x02 || left: option<child> || right: option<child>, child = {hash: bytes32, version: u64,
//        is_leaf: bool}; the child lives at node key (child.version, depth + 1, path + bit).
//        At least one child is set.
//
// Stale record key: u64 stale_since, big-endian || node key. A node written at version c and
// replaced at version s is read by versions c..s-1 only; it is recorded as stale since s, and may
// be deleted once the oldest version kept is >= s.
//
// Errors: decoders return Code::corruption for bytes that are not a valid node or record.
// Thread safety: pure functions; the reader interfaces are implemented by the caller.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <vector>

#include "core/bytes.hpp"
#include "core/hash.hpp"
#include "core/status.hpp"

namespace grid::ledger {

inline constexpr std::size_t kSmtMaxKeyBytes = 1024;
inline constexpr std::size_t kSmtMaxValueBytes = std::size_t{16} << 20;

// A reference from an internal node to one child.
struct SmtChild {
  core::Hash32 hash;
  std::uint64_t version = 0;
  bool is_leaf = false;
  auto operator<=>(const SmtChild&) const = default;
  static void fields(auto& self, auto& v) {
    v(self.hash);
    v(self.version);
    v(self.is_leaf);
  }
};

struct SmtNode {
  enum class Kind : std::uint8_t { empty = 0, leaf = 1, internal = 2 };
  Kind kind = Kind::empty;
  core::Bytes key;                // leaf
  core::Bytes value;              // leaf
  std::optional<SmtChild> left;   // internal
  std::optional<SmtChild> right;  // internal

  // Hash of the subtree this node roots (recomputes key and value hashes for a leaf).
  core::Hash32 hash() const;
};

core::Bytes smt_encode_node(const SmtNode& node);
// The bytes of a leaf node, without building an SmtNode (same as smt_encode_node).
core::Bytes smt_encode_leaf(core::ByteView key, core::ByteView value);
core::Result<SmtNode> smt_decode_node(core::ByteView data);

// The node key of the node at `depth` on the path of `path_source` written at `version`. Bits of
// `path_source` beyond `depth` are ignored. depth <= 256.
core::Bytes smt_node_key(std::uint64_t version, std::uint32_t depth,
                         const core::Hash32& path_source);

struct SmtNodeKeyParts {
  std::uint64_t version = 0;
  std::uint32_t depth = 0;
  core::Hash32 path;  // first `depth` bits, the rest zero
};
core::Result<SmtNodeKeyParts> smt_parse_node_key(core::ByteView node_key);

// "node_key is not needed by versions >= stale_since".
struct SmtStaleRecord {
  std::uint64_t stale_since = 0;
  core::Bytes node_key;
  auto operator<=>(const SmtStaleRecord&) const = default;
};
core::Bytes smt_stale_key(const SmtStaleRecord& record);
core::Result<SmtStaleRecord> smt_parse_stale_key(core::ByteView stale_key);

// Where the tree reads its nodes. get_node returns nullopt for a key that is not stored.
class SmtNodeReader {
 public:
  virtual ~SmtNodeReader() = default;
  virtual core::Result<std::optional<core::Bytes>> get_node(core::ByteView node_key) const = 0;
};

// Where the pruner finds stale records: those with stale_since <= max_stale_since, in ascending
// (stale_since, node_key) order, at most `limit` of them.
class SmtStaleReader {
 public:
  virtual ~SmtStaleReader() = default;
  virtual core::Result<std::vector<SmtStaleRecord>> stale_up_to(std::uint64_t max_stale_since,
                                                                std::size_t limit) const = 0;
};

}  // namespace grid::ledger
