#include "ledger/smt.hpp"

#include <algorithm>
#include <deque>
#include <string>
#include <utility>

namespace grid::ledger {

namespace {

using core::Bytes;
using core::ByteView;
using core::Hash32;
using core::Result;
using core::Status;

Hash32 root_path() {
  return Hash32{};
}

// The path of the child `bit` of the node at `depth` on the path of `path`.
Hash32 child_path(const Hash32& path, std::uint32_t depth, unsigned bit) {
  Hash32 out = path;
  auto mask = static_cast<std::uint8_t>(0x80u >> (depth % 8));
  if (bit) {
    out.bytes[depth / 8] |= mask;
  } else {
    out.bytes[depth / 8] &= static_cast<std::uint8_t>(~mask);
  }
  return out;
}

// True when the first `depth` bits of a and b are equal.
bool same_prefix(const Hash32& a, const Hash32& b, std::uint32_t depth) {
  for (std::uint32_t i = 0; i < depth; ++i)
    if (smt_path_bit(a, i) != smt_path_bit(b, i)) return false;
  return true;
}

Result<std::optional<SmtNode>> read_node(const SmtNodeReader& reader, const Bytes& node_key) {
  auto raw = reader.get_node(node_key);
  if (!raw) return raw.error();
  if (!raw->has_value()) return std::optional<SmtNode>{};
  auto node = smt_decode_node(**raw);
  if (!node) return node.error();
  return std::optional<SmtNode>(std::move(node).value());
}

// A node that a child reference points to: it must exist and have the referenced kind.
Result<SmtNode> read_child(const SmtNodeReader& reader, const Bytes& node_key, bool is_leaf) {
  auto node = read_node(reader, node_key);
  if (!node) return node.error();
  if (!node->has_value())
    return Status::corruption("state tree node missing: " + core::hex_encode(node_key));
  auto expected = is_leaf ? SmtNode::Kind::leaf : SmtNode::Kind::internal;
  if ((*node)->kind != expected)
    return Status::corruption("state tree node of the wrong kind: " + core::hex_encode(node_key));
  return std::move(**node);
}

Result<SmtNode> read_root(const SmtNodeReader& reader, std::uint64_t version) {
  auto node = read_node(reader, smt_node_key(version, 0, root_path()));
  if (!node) return node.error();
  if (!node->has_value())
    return Status::not_found("no state tree at version " + std::to_string(version));
  return std::move(**node);
}

// ---- batch update ----------------------------------------------------------------------------

struct Item {
  Hash32 key_hash;
  const SmtUpdate* update = nullptr;
};

// A leaf not yet placed. key/value point into the caller's updates or the applier's arena.
struct Leaf {
  Hash32 key_hash;
  Hash32 hash;
  ByteView key;
  ByteView value;
  // Set when this is an unchanged stored leaf, at (origin_version, origin_depth).
  std::optional<std::uint64_t> origin_version;
  std::uint32_t origin_depth = 0;
};

// What a subtree became: empty, a node already at its position, or a lone leaf that its
// ancestors place at the shallowest depth where it is alone.
struct Pending {
  enum class Kind { empty, placed, leaf };
  Kind kind = Kind::empty;
  SmtChild ref;
  Leaf leaf;
};

// The subtree at a position before the update: nothing, a stored node at this position, or a
// stored leaf from higher up that is being pushed down ("floating").
struct Existing {
  enum class Kind { none, stored, floating };
  Kind kind = Kind::none;
  SmtChild ref;
  Leaf leaf;
};

// The internal node that stood at a position, to keep it when its children did not change.
struct OldInternal {
  Bytes node_key;
  SmtChild ref;
  std::optional<SmtChild> left;
  std::optional<SmtChild> right;
};

Pending make_placed(const SmtChild& ref) {
  Pending p;
  p.kind = Pending::Kind::placed;
  p.ref = ref;
  return p;
}

Pending make_leaf(Leaf leaf) {
  Pending p;
  p.kind = Pending::Kind::leaf;
  p.leaf = leaf;
  return p;
}

Existing existing_child(const std::optional<SmtChild>& child) {
  Existing e;
  if (child) {
    e.kind = Existing::Kind::stored;
    e.ref = *child;
  }
  return e;
}

class Applier {
 public:
  Applier(const SmtNodeReader& reader, std::uint64_t version)
      : reader_(reader), version_(version) {}

  Result<Pending> update(Existing ex, std::uint32_t depth, std::span<const Item> items);

  void put(Bytes key, Bytes value) {
    puts_.push_back(SmtNodeWrite{std::move(key), std::move(value)});
  }
  // Moves the sorted writes and stale records into `out`; `old_root` is always stale.
  Status finish(SmtWrites& out, std::optional<Bytes> old_root);

 private:
  Result<Pending> combine(std::uint32_t depth, const Hash32& path, Pending left, Pending right,
                          const OldInternal* old);
  Result<std::optional<SmtChild>> place(const Pending& p, std::uint32_t depth);
  // Loads the stored leaf `ref` at `depth` on `path` as a Leaf remembering where it is.
  Result<Leaf> load_leaf(const SmtChild& ref, std::uint32_t depth, const Hash32& path);
  Leaf leaf_from_item(const Item& item) const;

  const SmtNodeReader& reader_;
  std::uint64_t version_;
  std::vector<SmtNodeWrite> puts_;
  // Keys of the stored nodes this batch read, and of those it kept: the others become stale at
  // version_. Vectors sorted once at the end: cheaper than ordered sets on the block path.
  std::vector<Bytes> loaded_;
  std::vector<Bytes> kept_;
  std::deque<SmtNode> arena_;  // leaves read from the store; stable addresses for Leaf views
};

Leaf Applier::leaf_from_item(const Item& item) const {
  Leaf leaf;
  leaf.key_hash = item.key_hash;
  leaf.key = item.update->key;
  leaf.value = *item.update->value;
  leaf.hash = smt_leaf_hash(item.key_hash, smt_value_hash(leaf.value));
  return leaf;
}

Result<Leaf> Applier::load_leaf(const SmtChild& ref, std::uint32_t depth, const Hash32& path) {
  Bytes node_key = smt_node_key(ref.version, depth, path);
  auto node = read_child(reader_, node_key, /*is_leaf=*/true);
  if (!node) return node.error();
  loaded_.push_back(std::move(node_key));
  const SmtNode& stored = arena_.emplace_back(std::move(node).value());
  Leaf leaf;
  leaf.key = stored.key;
  leaf.value = stored.value;
  leaf.key_hash = smt_key_hash(leaf.key);
  leaf.hash = smt_leaf_hash(leaf.key_hash, smt_value_hash(leaf.value));
  if (leaf.hash != ref.hash || !same_prefix(leaf.key_hash, path, depth))
    return Status::corruption("state tree leaf does not match its reference: " +
                              core::hex_encode(loaded_.back()));
  leaf.origin_version = ref.version;
  leaf.origin_depth = depth;
  return leaf;
}

Result<Pending> Applier::update(Existing ex, std::uint32_t depth, std::span<const Item> items) {
  if (items.empty()) {
    if (ex.kind == Existing::Kind::stored) return make_placed(ex.ref);
    if (ex.kind == Existing::Kind::floating) return make_leaf(ex.leaf);
    return Pending{};
  }
  const Hash32& path = items.front().key_hash;

  if (ex.kind == Existing::Kind::stored) {
    if (ex.ref.is_leaf) {
      auto leaf = load_leaf(ex.ref, depth, path);
      if (!leaf) return leaf.error();
      ex.kind = Existing::Kind::floating;
      ex.leaf = *leaf;
    } else {
      Bytes node_key = smt_node_key(ex.ref.version, depth, path);
      auto node = read_child(reader_, node_key, /*is_leaf=*/false);
      if (!node) return node.error();
      loaded_.push_back(node_key);
      if (depth >= kSmtMaxDepth) return Status::corruption("state tree deeper than 256");
      auto mid = std::partition_point(items.begin(), items.end(), [&](const Item& it) {
        return smt_path_bit(it.key_hash, depth) == 0;
      });
      auto split = static_cast<std::size_t>(mid - items.begin());
      auto left = update(existing_child(node->left), depth + 1, items.first(split));
      if (!left) return left.error();
      auto right = update(existing_child(node->right), depth + 1, items.subspan(split));
      if (!right) return right.error();
      OldInternal old{std::move(node_key), ex.ref, node->left, node->right};
      return combine(depth, path, std::move(left).value(), std::move(right).value(), &old);
    }
  }

  if (items.size() == 1) {
    const Item& item = items.front();
    const bool is_set = item.update->value.has_value();
    if (ex.kind == Existing::Kind::none)
      return is_set ? make_leaf(leaf_from_item(item)) : Pending{};
    if (item.key_hash == ex.leaf.key_hash) {
      if (!is_set) return Pending{};  // deleted; its stored node stays in loaded_: stale
      const Bytes& value = *item.update->value;
      if (std::equal(value.begin(), value.end(), ex.leaf.value.begin(), ex.leaf.value.end()))
        return make_leaf(ex.leaf);  // same value: may be kept where it is
      return make_leaf(leaf_from_item(item));
    }
    if (!is_set) return make_leaf(ex.leaf);  // deleting an absent key
  }

  // Split items (and a floating leaf) between the two children.
  if (depth >= kSmtMaxDepth) return Status::internal("state tree keys equal over 256 bits");
  auto mid = std::partition_point(items.begin(), items.end(), [&](const Item& it) {
    return smt_path_bit(it.key_hash, depth) == 0;
  });
  auto split = static_cast<std::size_t>(mid - items.begin());
  Existing left_ex;
  Existing right_ex;
  if (ex.kind == Existing::Kind::floating)
    (smt_path_bit(ex.leaf.key_hash, depth) == 0 ? left_ex : right_ex) = ex;
  auto left = update(left_ex, depth + 1, items.first(split));
  if (!left) return left.error();
  auto right = update(right_ex, depth + 1, items.subspan(split));
  if (!right) return right.error();
  return combine(depth, path, std::move(left).value(), std::move(right).value(), nullptr);
}

Result<Pending> Applier::combine(std::uint32_t depth, const Hash32& path, Pending left,
                                 Pending right, const OldInternal* old) {
  const bool left_empty = left.kind == Pending::Kind::empty;
  const bool right_empty = right.kind == Pending::Kind::empty;
  if (left_empty && right_empty) return Pending{};
  if (left_empty || right_empty) {
    // A lone leaf moves up to the shallowest depth where it is alone.
    Pending& only = left_empty ? right : left;
    if (only.kind == Pending::Kind::leaf) return only;
    if (only.kind == Pending::Kind::placed && only.ref.is_leaf) {
      auto leaf = load_leaf(only.ref, depth + 1, child_path(path, depth, left_empty));
      if (!leaf) return leaf.error();
      return make_leaf(*leaf);
    }
  }
  auto left_ref = place(left, depth + 1);
  if (!left_ref) return left_ref.error();
  auto right_ref = place(right, depth + 1);
  if (!right_ref) return right_ref.error();
  if (old && old->left == *left_ref && old->right == *right_ref) {
    kept_.push_back(old->node_key);  // unchanged: keep it
    return make_placed(old->ref);
  }
  SmtNode node;
  node.kind = SmtNode::Kind::internal;
  node.left = *left_ref;
  node.right = *right_ref;
  SmtChild ref{node.hash(), version_, false};
  put(smt_node_key(version_, depth, path), smt_encode_node(node));
  return make_placed(ref);
}

Result<std::optional<SmtChild>> Applier::place(const Pending& p, std::uint32_t depth) {
  switch (p.kind) {
    case Pending::Kind::empty:
      return std::optional<SmtChild>{};
    case Pending::Kind::placed:
      return std::optional<SmtChild>(p.ref);
    case Pending::Kind::leaf:
      break;
  }
  const Leaf& leaf = p.leaf;
  if (leaf.origin_version && leaf.origin_depth == depth) {
    kept_.push_back(smt_node_key(*leaf.origin_version, depth, leaf.key_hash));
    return std::optional<SmtChild>(SmtChild{leaf.hash, *leaf.origin_version, true});
  }
  put(smt_node_key(version_, depth, leaf.key_hash), smt_encode_leaf(leaf.key, leaf.value));
  return std::optional<SmtChild>(SmtChild{leaf.hash, version_, true});
}

Status Applier::finish(SmtWrites& out, std::optional<Bytes> old_root) {
  std::sort(puts_.begin(), puts_.end(),
            [](const SmtNodeWrite& a, const SmtNodeWrite& b) { return a.key < b.key; });
  for (std::size_t i = 1; i < puts_.size(); ++i)
    if (puts_[i].key == puts_[i - 1].key)
      return Status::internal("state tree wrote one node twice: " + core::hex_encode(puts_[i].key));
  out.puts = std::move(puts_);

  // The old root is always stale: even when unchanged, the new version has its own copy.
  if (old_root) loaded_.push_back(*old_root);
  std::sort(kept_.begin(), kept_.end());
  std::sort(loaded_.begin(), loaded_.end());
  loaded_.erase(std::unique(loaded_.begin(), loaded_.end()), loaded_.end());
  out.stale.reserve(loaded_.size());
  for (Bytes& key : loaded_) {
    bool kept = std::binary_search(kept_.begin(), kept_.end(), key);
    if (kept && !(old_root && key == *old_root)) continue;
    out.stale.push_back(SmtStaleRecord{version_, std::move(key)});
  }
  return Status::ok();
}

// ---- reads -------------------------------------------------------------------------------------

struct Walk {
  std::optional<Bytes> value;
  std::vector<Hash32> siblings;
  std::optional<SmtProofLeaf> other_leaf;
};

Result<Walk> walk(const SmtNodeReader& reader, std::uint64_t version, ByteView key,
                  bool want_siblings) {
  const Hash32 key_hash = smt_key_hash(key);
  auto root = read_root(reader, version);
  if (!root) return root.error();
  SmtNode node = std::move(root).value();
  Walk out;
  for (std::uint32_t depth = 0;; ++depth) {
    if (node.kind == SmtNode::Kind::empty) {
      if (depth != 0) return Status::corruption("empty state tree node below the root");
      return out;
    }
    if (node.kind == SmtNode::Kind::leaf) {
      Hash32 leaf_key_hash = smt_key_hash(node.key);
      if (!same_prefix(leaf_key_hash, key_hash, depth))
        return Status::corruption("state tree leaf off its path at version " +
                                  std::to_string(version));
      if (leaf_key_hash == key_hash) {
        out.value = std::move(node.value);
      } else if (want_siblings) {
        out.other_leaf = SmtProofLeaf{leaf_key_hash, smt_value_hash(node.value)};
      }
      return out;
    }
    if (depth >= kSmtMaxDepth) return Status::corruption("state tree deeper than 256");
    const bool right = smt_path_bit(key_hash, depth) != 0;
    const std::optional<SmtChild>& next = right ? node.right : node.left;
    const std::optional<SmtChild>& sibling = right ? node.left : node.right;
    if (want_siblings) out.siblings.push_back(sibling ? sibling->hash : Hash32{});
    if (!next) return out;
    auto child =
        read_child(reader, smt_node_key(next->version, depth + 1, key_hash), next->is_leaf);
    if (!child) return child.error();
    node = std::move(child).value();
  }
}

Status collect(const SmtNodeReader& reader, const SmtChild& ref, std::uint32_t depth,
               const Hash32& path, std::vector<Bytes>& out) {
  Bytes node_key = smt_node_key(ref.version, depth, path);
  auto node = read_child(reader, node_key, ref.is_leaf);
  if (!node) return node.error();
  out.push_back(std::move(node_key));
  if (ref.is_leaf) return Status::ok();
  if (depth >= kSmtMaxDepth) return Status::corruption("state tree deeper than 256");
  if (node->left)
    GRID_TRY(collect(reader, *node->left, depth + 1, child_path(path, depth, 0), out));
  if (node->right)
    GRID_TRY(collect(reader, *node->right, depth + 1, child_path(path, depth, 1), out));
  return Status::ok();
}

}  // namespace

Result<SmtWrites> smt_apply(const SmtNodeReader& reader, std::optional<std::uint64_t> base_version,
                            std::uint64_t new_version, std::span<const SmtUpdate> updates) {
  if (base_version && *base_version >= new_version)
    return Status::invalid("state tree version " + std::to_string(new_version) +
                           " is not after its base " + std::to_string(*base_version));
  std::vector<Item> items;
  items.reserve(updates.size());
  for (const SmtUpdate& u : updates) {
    if (u.key.size() > kSmtMaxKeyBytes) return Status::invalid("state key over 1024 bytes");
    if (u.value && u.value->size() > kSmtMaxValueBytes)
      return Status::invalid("state value over 16 MiB");
    items.push_back(Item{smt_key_hash(u.key), &u});
  }
  std::sort(items.begin(), items.end(),
            [](const Item& a, const Item& b) { return a.key_hash < b.key_hash; });
  for (std::size_t i = 1; i < items.size(); ++i)
    if (items[i].key_hash == items[i - 1].key_hash)
      return Status::invalid("state key updated twice in one batch: " +
                             core::hex_encode(items[i].update->key));

  Applier applier(reader, new_version);
  Existing root_ex;
  Bytes old_root_key;
  if (base_version) {
    auto root = read_root(reader, *base_version);
    if (!root) return root.error();
    old_root_key = smt_node_key(*base_version, 0, root_path());
    if (root->kind != SmtNode::Kind::empty) {
      root_ex.kind = Existing::Kind::stored;
      root_ex.ref = SmtChild{root->hash(), *base_version, root->kind == SmtNode::Kind::leaf};
    }
  }
  auto result = applier.update(root_ex, 0, items);
  if (!result) return result.error();

  // Every version gets its own root node at (new_version, 0).
  const Bytes new_root_key = smt_node_key(new_version, 0, root_path());
  SmtWrites out;
  out.version = new_version;
  switch (result->kind) {
    case Pending::Kind::empty:
      applier.put(new_root_key, smt_encode_node(SmtNode{}));
      break;
    case Pending::Kind::leaf:
      out.root = result->leaf.hash;
      applier.put(new_root_key, smt_encode_leaf(result->leaf.key, result->leaf.value));
      break;
    case Pending::Kind::placed: {
      out.root = result->ref.hash;
      if (result->ref.version == new_version) break;  // written by this batch
      // Unchanged root: copy it to the new version.
      auto raw = reader.get_node(smt_node_key(result->ref.version, 0, root_path()));
      if (!raw) return raw.error();
      if (!raw->has_value()) return Status::corruption("state tree root vanished");
      applier.put(new_root_key, std::move(**raw));
      break;
    }
  }
  GRID_TRY(applier.finish(
      out, base_version ? std::optional<Bytes>(std::move(old_root_key)) : std::nullopt));
  return out;
}

Result<Hash32> smt_root_hash(const SmtNodeReader& reader, std::uint64_t version) {
  auto root = read_root(reader, version);
  if (!root) return root.error();
  return root->hash();
}

Result<std::optional<Bytes>> smt_get(const SmtNodeReader& reader, std::uint64_t version,
                                     ByteView key) {
  auto w = walk(reader, version, key, /*want_siblings=*/false);
  if (!w) return w.error();
  return std::move(w->value);
}

Result<SmtProvedValue> smt_prove(const SmtNodeReader& reader, std::uint64_t version, ByteView key) {
  auto w = walk(reader, version, key, /*want_siblings=*/true);
  if (!w) return w.error();
  SmtProvedValue out;
  out.value = std::move(w->value);
  out.proof.siblings = std::move(w->siblings);
  out.proof.leaf = w->other_leaf;
  return out;
}

Result<SmtPruneWrites> smt_prune(const SmtStaleReader& stale, std::uint64_t oldest_kept,
                                 std::size_t limit) {
  auto records = stale.stale_up_to(oldest_kept, limit);
  if (!records) return records.error();
  SmtPruneWrites out;
  out.node_deletes.reserve(records->size());
  out.stale_deletes.reserve(records->size());
  for (const SmtStaleRecord& r : *records) {
    if (r.stale_since > oldest_kept)
      return Status::internal("stale reader returned a record after the pruning horizon");
    out.node_deletes.push_back(r.node_key);
    out.stale_deletes.push_back(smt_stale_key(r));
  }
  out.more = limit != 0 && records->size() >= limit;
  return out;
}

Result<std::vector<Bytes>> smt_node_keys(const SmtNodeReader& reader, std::uint64_t version) {
  auto root = read_root(reader, version);
  if (!root) return root.error();
  std::vector<Bytes> out;
  out.push_back(smt_node_key(version, 0, root_path()));
  if (root->kind != SmtNode::Kind::internal) return out;
  if (root->left) GRID_TRY(collect(reader, *root->left, 1, child_path(root_path(), 0, 0), out));
  if (root->right) GRID_TRY(collect(reader, *root->right, 1, child_path(root_path(), 0, 1), out));
  return out;
}

}  // namespace grid::ledger
