#include "ledger/smt_node.hpp"

#include <string>

#include "core/codec.hpp"
#include "ledger/state_proof.hpp"

namespace grid::ledger {

namespace {

constexpr std::size_t kVersionBytes = 8;
constexpr std::size_t kDepthBytes = 2;

void put_be64(core::Bytes& out, std::uint64_t v) {
  for (int i = 7; i >= 0; --i) out.push_back(static_cast<std::uint8_t>(v >> (8 * i)));
}

std::uint64_t get_be64(const std::uint8_t* p) {
  std::uint64_t v = 0;
  for (int i = 0; i < 8; ++i) v = (v << 8) | p[i];
  return v;
}

}  // namespace

core::Hash32 SmtNode::hash() const {
  switch (kind) {
    case Kind::empty:
      return core::Hash32{};
    case Kind::leaf:
      return smt_leaf_hash(smt_key_hash(key), smt_value_hash(value));
    case Kind::internal:
      return smt_internal_hash(left ? left->hash : core::Hash32{},
                               right ? right->hash : core::Hash32{});
  }
  return core::Hash32{};
}

core::Bytes smt_encode_leaf(core::ByteView key, core::ByteView value) {
  core::Writer w;
  w.u8(static_cast<std::uint8_t>(SmtNode::Kind::leaf));
  w.bytes(key);
  w.bytes(value);
  return w.take();
}

core::Bytes smt_encode_node(const SmtNode& node) {
  if (node.kind == SmtNode::Kind::leaf) return smt_encode_leaf(node.key, node.value);
  core::Writer w;
  w.u8(static_cast<std::uint8_t>(node.kind));
  if (node.kind == SmtNode::Kind::internal) {
    core::write_value(w, node.left);
    core::write_value(w, node.right);
  }
  return w.take();
}

core::Result<SmtNode> smt_decode_node(core::ByteView data) {
  core::Reader r(data);
  SmtNode node;
  std::uint8_t kind = r.u8();
  if (kind > static_cast<std::uint8_t>(SmtNode::Kind::internal))
    r.fail("unknown state tree node kind " + std::to_string(kind));
  node.kind = static_cast<SmtNode::Kind>(kind);
  if (node.kind == SmtNode::Kind::leaf) {
    node.key = r.bytes(kSmtMaxKeyBytes);
    node.value = r.bytes(kSmtMaxValueBytes);
  } else if (node.kind == SmtNode::Kind::internal) {
    core::read_value(r, node.left);
    core::read_value(r, node.right);
    if (r.ok() && !node.left && !node.right) r.fail("internal state tree node without children");
  }
  core::Status st = r.finish();
  if (!st.is_ok()) return core::Status::corruption("state tree node: " + st.message());
  return node;
}

core::Bytes smt_node_key(std::uint64_t version, std::uint32_t depth,
                         const core::Hash32& path_source) {
  core::Bytes key;
  std::size_t path_bytes = (depth + 7) / 8;
  key.reserve(kVersionBytes + kDepthBytes + path_bytes);
  put_be64(key, version);
  key.push_back(static_cast<std::uint8_t>(depth >> 8));
  key.push_back(static_cast<std::uint8_t>(depth));
  key.insert(key.end(), path_source.bytes.begin(),
             path_source.bytes.begin() + static_cast<std::ptrdiff_t>(path_bytes));
  if (depth % 8 != 0) key.back() &= static_cast<std::uint8_t>(0xFFu << (8 - depth % 8));
  return key;
}

core::Result<SmtNodeKeyParts> smt_parse_node_key(core::ByteView node_key) {
  if (node_key.size() < kVersionBytes + kDepthBytes)
    return core::Status::corruption("state tree node key too short");
  SmtNodeKeyParts parts;
  parts.version = get_be64(node_key.data());
  parts.depth = (std::uint32_t{node_key[8]} << 8) | node_key[9];
  if (parts.depth > kSmtMaxDepth)
    return core::Status::corruption("state tree node key depth over 256");
  std::size_t path_bytes = (parts.depth + 7) / 8;
  if (node_key.size() != kVersionBytes + kDepthBytes + path_bytes)
    return core::Status::corruption("state tree node key has the wrong length");
  for (std::size_t i = 0; i < path_bytes; ++i) parts.path.bytes[i] = node_key[10 + i];
  if (smt_node_key(parts.version, parts.depth, parts.path) !=
      core::Bytes(node_key.begin(), node_key.end()))
    return core::Status::corruption("state tree node key has bits set past its depth");
  return parts;
}

core::Bytes smt_stale_key(const SmtStaleRecord& record) {
  core::Bytes key;
  key.reserve(kVersionBytes + record.node_key.size());
  put_be64(key, record.stale_since);
  key.insert(key.end(), record.node_key.begin(), record.node_key.end());
  return key;
}

core::Result<SmtStaleRecord> smt_parse_stale_key(core::ByteView stale_key) {
  if (stale_key.size() < kVersionBytes)
    return core::Status::corruption("state tree stale record too short");
  SmtStaleRecord record;
  record.stale_since = get_be64(stale_key.data());
  record.node_key.assign(stale_key.begin() + kVersionBytes, stale_key.end());
  auto parts = smt_parse_node_key(record.node_key);
  if (!parts) return parts.error();
  if (parts->version >= record.stale_since)
    return core::Status::corruption("state tree stale record not after the node's version");
  return record;
}

}  // namespace grid::ledger
