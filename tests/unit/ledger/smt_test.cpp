#include "ledger/smt.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <cstdint>
#include <map>
#include <optional>
#include <random>
#include <set>
#include <string>
#include <vector>

#include "core/blake2b.hpp"
#include "ledger/smt_memory_store.hpp"
#include "ledger/state_proof.hpp"

namespace grid::ledger {
namespace {

using core::Bytes;
using core::Hash32;
using State = std::map<Bytes, Bytes>;

Bytes b(const std::string& s) {
  return Bytes(s.begin(), s.end());
}

// ---- an independent reference: the root computed from scratch over all entries -------------

unsigned bit_of(const Hash32& h, std::uint32_t i) {
  return (h.bytes[i / 8] >> (7 - i % 8)) & 1u;
}

Hash32 ref_leaf(const Hash32& key_hash, const Bytes& value) {
  const std::uint8_t tag = 0x00;
  Hash32 value_hash = core::blake2b_256(value);
  return core::blake2b_256({core::ByteView(&tag, 1), key_hash.view(), value_hash.view()});
}

Hash32 ref_internal(const Hash32& left, const Hash32& right) {
  const std::uint8_t tag = 0x01;
  return core::blake2b_256({core::ByteView(&tag, 1), left.view(), right.view()});
}

using Entries = std::vector<std::pair<Hash32, Bytes>>;  // sorted by key hash

Hash32 ref_subtree(Entries::const_iterator first, Entries::const_iterator last, std::uint32_t d) {
  if (first == last) return Hash32{};
  if (last - first == 1) return ref_leaf(first->first, first->second);
  auto mid =
      std::partition_point(first, last, [&](const auto& e) { return bit_of(e.first, d) == 0; });
  return ref_internal(ref_subtree(first, mid, d + 1), ref_subtree(mid, last, d + 1));
}

Hash32 ref_root(const State& state) {
  Entries entries;
  for (const auto& [k, v] : state) entries.emplace_back(core::blake2b_256(k), v);
  std::sort(entries.begin(), entries.end());
  return ref_subtree(entries.begin(), entries.end(), 0);
}

// ---- helpers ---------------------------------------------------------------------------------

struct Chain {
  SmtMemoryStore store;
  std::optional<std::uint64_t> latest;

  SmtWrites apply(std::uint64_t version, const std::vector<SmtUpdate>& updates) {
    auto w = smt_apply(store, latest, version, updates);
    EXPECT_TRUE(w.is_ok()) << w.status().to_string();
    if (!w) return SmtWrites{};
    store.write(*w);
    latest = version;
    return std::move(w).value();
  }
};

void apply_to(State& state, const std::vector<SmtUpdate>& updates) {
  for (const auto& u : updates) {
    if (u.value)
      state[u.key] = *u.value;
    else
      state.erase(u.key);
  }
}

// Random updates over a key space of `key_space` keys: sets, changes, deletes, no-op rewrites.
std::vector<SmtUpdate> random_updates(std::mt19937_64& rng, const State& state, int count,
                                      int key_space) {
  std::map<Bytes, std::optional<Bytes>> chosen;
  for (int i = 0; i < count; ++i) {
    Bytes key = b("key/" + std::to_string(rng() % key_space));
    auto r = rng() % 10;
    if (r < 3) {
      chosen[key] = std::nullopt;
    } else if (r < 4 && state.count(key)) {
      chosen[key] = state.at(key);  // same value again
    } else {
      chosen[key] = b("value/" + std::to_string(rng() % 1000000));
    }
  }
  std::vector<SmtUpdate> out;
  for (auto& [k, v] : chosen) out.push_back(SmtUpdate{k, v});
  std::shuffle(out.begin(), out.end(), rng);
  return out;
}

void expect_version_matches(const SmtMemoryStore& store, std::uint64_t version, const State& state,
                            const std::set<Bytes>& all_keys) {
  auto root = smt_root_hash(store, version);
  ASSERT_TRUE(root.is_ok()) << root.status().to_string();
  EXPECT_EQ(*root, ref_root(state)) << "version " << version;
  for (const Bytes& key : all_keys) {
    auto got = smt_get(store, version, key);
    ASSERT_TRUE(got.is_ok()) << got.status().to_string();
    auto it = state.find(key);
    if (it == state.end()) {
      EXPECT_FALSE(got->has_value()) << "version " << version;
    } else {
      ASSERT_TRUE(got->has_value()) << "version " << version;
      EXPECT_EQ(**got, it->second);
    }
    auto proved = smt_prove(store, version, key);
    ASSERT_TRUE(proved.is_ok());
    EXPECT_EQ(proved->value, *got);
    std::optional<core::ByteView> value;
    if (proved->value) value = core::ByteView(*proved->value);
    EXPECT_TRUE(verify_proof(*root, key, value, proved->proof)) << "version " << version;
  }
}

// Keys whose hashes share their first 16 bits, in groups: they force deep paths, internal nodes
// with one empty child, and leaves that move down and back up.
std::vector<std::vector<Bytes>> colliding_groups(std::size_t groups, std::size_t per_group) {
  std::map<std::uint16_t, std::vector<Bytes>> buckets;
  std::vector<std::vector<Bytes>> out;
  for (std::uint32_t i = 0; out.size() < groups; ++i) {
    Bytes key = b("deep/" + std::to_string(i));
    Hash32 h = core::blake2b_256(key);
    auto& bucket = buckets[static_cast<std::uint16_t>(h.bytes[0] << 8 | h.bytes[1])];
    bucket.push_back(key);
    if (bucket.size() == per_group) out.push_back(bucket);
  }
  return out;
}

// ---- tests -------------------------------------------------------------------------------------

TEST(Smt, EmptyTreeRootIsZero) {
  Chain c;
  auto w = c.apply(0, {});
  EXPECT_TRUE(w.root.is_zero());
  EXPECT_EQ(*smt_root_hash(c.store, 0), Hash32{});
  EXPECT_FALSE(smt_get(c.store, 0, b("anything"))->has_value());
  auto proved = smt_prove(c.store, 0, b("anything"));
  ASSERT_TRUE(proved.is_ok());
  EXPECT_TRUE(proved->proof.siblings.empty());
  EXPECT_TRUE(verify_proof(Hash32{}, b("anything"), std::nullopt, proved->proof));
}

TEST(Smt, SingleKeyIsALeafAtTheRoot) {
  Chain c;
  auto w = c.apply(1, {{b("alice"), b("100")}});
  EXPECT_EQ(w.root, ref_leaf(core::blake2b_256(b("alice")), b("100")));
  ASSERT_EQ(w.puts.size(), 1u);
  EXPECT_EQ(w.puts[0].key, smt_node_key(1, 0, Hash32{}));
  EXPECT_TRUE(w.stale.empty());
  EXPECT_EQ(*smt_get(c.store, 1, b("alice")), std::optional<Bytes>(b("100")));
  EXPECT_FALSE(smt_get(c.store, 1, b("bob"))->has_value());
}

TEST(Smt, InsertUpdateDeleteBackToEmpty) {
  Chain c;
  State state;
  std::vector<SmtUpdate> insert;
  for (int i = 0; i < 50; ++i) insert.push_back({b("k" + std::to_string(i)), b(std::to_string(i))});
  apply_to(state, insert);
  EXPECT_EQ(c.apply(1, insert).root, ref_root(state));
  std::vector<SmtUpdate> update{{b("k7"), b("seven")}, {b("k8"), b("eight")}};
  apply_to(state, update);
  EXPECT_EQ(c.apply(2, update).root, ref_root(state));
  std::vector<SmtUpdate> remove;
  for (int i = 0; i < 50; ++i) remove.push_back({b("k" + std::to_string(i)), std::nullopt});
  auto w = c.apply(3, remove);
  EXPECT_TRUE(w.root.is_zero());
  EXPECT_EQ(w.puts.size(), 1u);  // only the empty root
  EXPECT_TRUE(smt_root_hash(c.store, 3)->is_zero());
  // Delete one by one as well.
  Chain d;
  d.apply(1, insert);
  for (int i = 0; i < 50; ++i) d.apply(2 + i, {{b("k" + std::to_string(i)), std::nullopt}});
  EXPECT_TRUE(smt_root_hash(d.store, 51)->is_zero());
}

TEST(Smt, MatchesReferenceForRandomSets) {
  for (std::uint64_t seed : {1u, 2u, 3u, 4u, 5u}) {
    std::mt19937_64 rng(seed);
    Chain c;
    State state;
    for (std::uint64_t v = 0; v < 30; ++v) {
      auto updates = random_updates(rng, state, static_cast<int>(rng() % 120), 400);
      apply_to(state, updates);
      EXPECT_EQ(c.apply(v, updates).root, ref_root(state)) << "seed " << seed << " v " << v;
    }
  }
}

TEST(Smt, DeepCollidingPrefixesMatchReference) {
  auto groups = colliding_groups(8, 4);
  std::mt19937_64 rng(7);
  Chain c;
  State state;
  std::set<Bytes> all;
  for (const auto& g : groups) all.insert(g.begin(), g.end());
  std::vector<Bytes> keys(all.begin(), all.end());
  for (std::uint64_t v = 0; v < 60; ++v) {
    std::map<Bytes, std::optional<Bytes>> chosen;
    for (int i = 0, n = static_cast<int>(rng() % 6) + 1; i < n; ++i)
      chosen[keys[rng() % keys.size()]] =
          rng() % 2 ? std::optional<Bytes>(b(std::to_string(rng() % 5))) : std::nullopt;
    std::vector<SmtUpdate> updates;
    for (auto& [k, val] : chosen) updates.push_back({k, val});
    apply_to(state, updates);
    EXPECT_EQ(c.apply(v, updates).root, ref_root(state)) << "v " << v;
    expect_version_matches(c.store, v, state, all);
  }
}

TEST(Smt, SameFinalSetGivesSameRootWhateverTheBatches) {
  std::mt19937_64 rng(11);
  State final_state;
  for (int i = 0; i < 300; ++i)
    final_state[b("acct/" + std::to_string(i))] = b(std::to_string(rng()));
  std::vector<SmtUpdate> all;
  for (auto& [k, v] : final_state) all.push_back({k, v});

  Chain one;
  auto w1 = one.apply(1, all);
  EXPECT_EQ(w1.root, ref_root(final_state));

  std::vector<SmtUpdate> shuffled = all;
  std::shuffle(shuffled.begin(), shuffled.end(), rng);
  Chain two;
  auto w2 = two.apply(1, shuffled);
  EXPECT_EQ(w2.root, w1.root);
  ASSERT_EQ(w2.puts.size(), w1.puts.size());  // identical writes: deterministic
  for (std::size_t i = 0; i < w1.puts.size(); ++i) {
    EXPECT_EQ(w2.puts[i].key, w1.puts[i].key);
    EXPECT_EQ(w2.puts[i].value, w1.puts[i].value);
  }

  // Key by key, with temporary keys and wrong values fixed later.
  Chain three;
  std::uint64_t v = 0;
  three.apply(v++, {{b("temp/a"), b("x")}, {b("temp/b"), b("y")}});
  for (const auto& u : shuffled) three.apply(v++, {{u.key, b("wrong")}});
  three.apply(v++, {{b("temp/a"), std::nullopt}});
  three.apply(v++, shuffled);
  auto last = three.apply(v++, {{b("temp/b"), std::nullopt}, {b("never/there"), std::nullopt}});
  EXPECT_EQ(last.root, w1.root);

  // Random batch splits.
  Chain four;
  std::size_t at = 0;
  v = 0;
  while (at < shuffled.size()) {
    std::size_t n = std::min<std::size_t>(shuffled.size() - at, 1 + rng() % 40);
    four.apply(v++, std::vector<SmtUpdate>(shuffled.begin() + at, shuffled.begin() + at + n));
    at += n;
  }
  EXPECT_EQ(four.latest.has_value() ? *smt_root_hash(four.store, *four.latest) : Hash32{}, w1.root);
}

// A reader that remembers every key asked for.
class CountingReader final : public SmtNodeReader {
 public:
  explicit CountingReader(const SmtNodeReader& inner) : inner_(inner) {}
  core::Result<std::optional<Bytes>> get_node(core::ByteView key) const override {
    reads.emplace_back(key.begin(), key.end());
    return inner_.get_node(key);
  }
  mutable std::vector<Bytes> reads;

 private:
  const SmtNodeReader& inner_;
};

TEST(Smt, BatchReadsEachNodeOnceAndWritesOnlyTouchedPaths) {
  std::mt19937_64 rng(3);
  Chain c;
  State state;
  auto initial = random_updates(rng, state, 2000, 1000000);
  apply_to(state, initial);
  c.apply(1, initial);
  auto updates = random_updates(rng, state, 1000, 2000000);
  apply_to(state, updates);
  CountingReader counting(c.store);
  auto w = smt_apply(counting, 1, 2, updates);
  ASSERT_TRUE(w.is_ok());
  EXPECT_EQ(w->root, ref_root(state));
  std::set<Bytes> unique(counting.reads.begin(), counting.reads.end());
  // The root is read once to find the base and once by the walk; every other node once.
  EXPECT_LE(counting.reads.size(), unique.size() + 1);

  // One existing key changed in a big tree: one new node per level of its path (internal nodes
  // and the leaf), each replacing exactly one old node.
  c.store.write(*w);
  c.latest = 2;
  const Bytes key = state.begin()->first;
  auto proof = smt_prove(c.store, 2, key);
  ASSERT_TRUE(proof.is_ok());
  ASSERT_TRUE(proof->value.has_value());
  auto one = c.apply(3, {{key, b("changed")}});
  EXPECT_EQ(one.puts.size(), proof->proof.siblings.size() + 1);
  EXPECT_EQ(one.stale.size(), one.puts.size());
  for (const auto& s : one.stale) EXPECT_EQ(s.stale_since, 3u);
  EXPECT_LE(proof->proof.siblings.size(), 40u);  // about 2 log2(n) at worst for n = 3000
}

TEST(Smt, NoChangeStillGivesTheVersionARoot) {
  Chain c;
  c.apply(1, {{b("a"), b("1")}, {b("b"), b("2")}});
  Hash32 root = *smt_root_hash(c.store, 1);
  auto empty = c.apply(2, {});
  EXPECT_EQ(empty.root, root);
  EXPECT_EQ(empty.puts.size(), 1u);  // the copied root
  ASSERT_EQ(empty.stale.size(), 1u);
  EXPECT_EQ(empty.stale[0].node_key, smt_node_key(1, 0, Hash32{}));
  auto noop = c.apply(3, {{b("a"), b("1")}, {b("zzz"), std::nullopt}});
  EXPECT_EQ(noop.root, root);
  EXPECT_EQ(noop.puts.size(), 1u);
  EXPECT_EQ(noop.stale.size(), 1u);
  EXPECT_EQ(*smt_get(c.store, 3, b("b")), std::optional<Bytes>(b("2")));
}

TEST(Smt, OldVersionsStayReadableAndProvable) {
  std::mt19937_64 rng(21);
  Chain c;
  std::vector<State> states;
  State state;
  std::set<Bytes> all;
  for (std::uint64_t v = 0; v < 25; ++v) {
    auto updates = random_updates(rng, state, 40, 150);
    for (const auto& u : updates) all.insert(u.key);
    apply_to(state, updates);
    c.apply(v, updates);
    states.push_back(state);
  }
  for (std::uint64_t v = 0; v < states.size(); ++v)
    expect_version_matches(c.store, v, states[v], all);
}

TEST(Smt, PruningKeepsEveryRetainedVersionAndDeletesTheRest) {
  constexpr std::uint64_t kWindow = 3;
  std::mt19937_64 rng(99);
  Chain pruned;
  Chain unpruned;
  std::map<std::uint64_t, State> states;
  State state;
  std::set<Bytes> all;
  for (std::uint64_t v = 0; v < 80; ++v) {
    auto updates = v % 9 == 4 ? std::vector<SmtUpdate>{}
                              : random_updates(rng, state, static_cast<int>(rng() % 30), 120);
    for (const auto& u : updates) all.insert(u.key);
    apply_to(state, updates);
    states[v] = state;
    pruned.apply(v, updates);
    unpruned.apply(v, updates);
    if (v + 1 < kWindow) continue;
    const std::uint64_t oldest = v + 1 - kWindow;
    // Prune in small steps to exercise the limit.
    for (;;) {
      auto p = smt_prune(pruned.store, oldest, 7);
      ASSERT_TRUE(p.is_ok());
      pruned.store.write(*p);
      if (!p->more) break;
    }
    for (std::uint64_t kept = oldest; kept <= v; ++kept)
      expect_version_matches(pruned.store, kept, states[kept], all);
    // Exactly the nodes reachable from the kept versions remain.
    std::set<Bytes> reachable;
    for (std::uint64_t kept = oldest; kept <= v; ++kept) {
      auto keys = smt_node_keys(pruned.store, kept);
      ASSERT_TRUE(keys.is_ok()) << keys.status().to_string();
      reachable.insert(keys->begin(), keys->end());
    }
    std::set<Bytes> stored;
    for (const auto& [k, _] : pruned.store.nodes()) stored.insert(k);
    EXPECT_EQ(stored, reachable) << "after version " << v;
    if (oldest > 0) {
      auto gone = smt_root_hash(pruned.store, oldest - 1);
      EXPECT_EQ(gone.status().code(), core::Code::not_found);
    }
    auto left = pruned.store.stale_up_to(oldest, 1000000);
    ASSERT_TRUE(left.is_ok());
    EXPECT_TRUE(left->empty());
  }
  EXPECT_LT(pruned.store.node_count(), unpruned.store.node_count() / 4);
  EXPECT_LT(pruned.store.stale_count(), unpruned.store.stale_count());
}

TEST(Smt, RefusesBadBatchesAndMissingVersions) {
  Chain c;
  c.apply(5, {{b("a"), b("1")}});
  std::vector<SmtUpdate> dup{{b("x"), b("1")}, {b("x"), std::nullopt}};
  EXPECT_EQ(smt_apply(c.store, 5, 6, dup).status().code(), core::Code::invalid);
  EXPECT_EQ(smt_apply(c.store, 5, 5, {}).status().code(), core::Code::invalid);
  EXPECT_EQ(smt_apply(c.store, 5, 4, {}).status().code(), core::Code::invalid);
  std::vector<SmtUpdate> big_key{{Bytes(kSmtMaxKeyBytes + 1, 1), b("1")}};
  EXPECT_EQ(smt_apply(c.store, 5, 6, big_key).status().code(), core::Code::invalid);
  EXPECT_EQ(smt_apply(c.store, 4, 6, {}).status().code(), core::Code::not_found);
  EXPECT_EQ(smt_get(c.store, 9, b("a")).status().code(), core::Code::not_found);
  EXPECT_EQ(smt_prove(c.store, 9, b("a")).status().code(), core::Code::not_found);
}

TEST(Smt, DetectsCorruptNodes) {
  Chain c;
  c.apply(1, {{b("a"), b("1")}, {b("b"), b("2")}, {b("c"), b("3")}});
  // Replace a child with garbage: reads through it report corruption, not a wrong answer.
  for (const auto& [key, value] : c.store.nodes()) {
    if (key.size() == 10) continue;  // keep the root
    SmtMemoryStore s = c.store;
    SmtWrites w;
    w.puts.push_back({key, Bytes{0x07}});
    s.write(w);
    bool any_corrupt = false;
    for (const char* k : {"a", "b", "c"}) {
      auto got = smt_get(s, 1, b(k));
      if (!got) {
        EXPECT_EQ(got.status().code(), core::Code::corruption);
        any_corrupt = true;
      }
    }
    EXPECT_TRUE(any_corrupt);
  }
}

TEST(Smt, ApplyRefusesALeafThatDoesNotMatchItsReference) {
  Chain c;
  c.apply(1, {{b("a"), b("1")}, {b("b"), b("2")}});
  auto keys = smt_node_keys(c.store, 1);
  ASSERT_TRUE(keys.is_ok());
  int replaced = 0;
  for (const Bytes& key : *keys) {
    auto raw = c.store.get_node(key);
    auto node = smt_decode_node(**raw);
    if (node->kind != SmtNode::Kind::leaf || node->key != b("a")) continue;
    SmtWrites w;
    w.puts.push_back({key, smt_encode_leaf(b("a"), b("evil"))});
    c.store.write(w);
    ++replaced;
  }
  ASSERT_EQ(replaced, 1);
  // Deleting b moves a up, which reads it: the tampered value is caught, not re-hashed.
  auto w = smt_apply(c.store, 1, 2, std::vector<SmtUpdate>{{b("b"), std::nullopt}});
  EXPECT_EQ(w.status().code(), core::Code::corruption);
}

TEST(SmtNode, KeyLayoutIsVersionDepthPath) {
  Hash32 path;
  path.bytes[0] = 0xAB;
  path.bytes[1] = 0xFF;
  Bytes key = smt_node_key(0x0102030405060708ull, 9, path);
  EXPECT_EQ(key, (Bytes{1, 2, 3, 4, 5, 6, 7, 8, 0x00, 0x09, 0xAB, 0x80}));
  auto parts = smt_parse_node_key(key);
  ASSERT_TRUE(parts.is_ok());
  EXPECT_EQ(parts->version, 0x0102030405060708ull);
  EXPECT_EQ(parts->depth, 9u);
  EXPECT_EQ(smt_node_key(7, 0, path), (Bytes{0, 0, 0, 0, 0, 0, 0, 7, 0, 0}));
  EXPECT_EQ(smt_node_key(7, 256, path).size(), 42u);
  Bytes stray_bit = key;
  stray_bit.back() |= 0x01;
  EXPECT_EQ(smt_parse_node_key(stray_bit).status().code(), core::Code::corruption);
  EXPECT_FALSE(smt_parse_node_key(Bytes{0, 0, 0, 0, 0, 0, 0, 7, 0, 1}).is_ok());
  EXPECT_FALSE(smt_parse_node_key(Bytes{0, 0, 0, 0, 0, 0, 0, 7, 1, 1, 0}).is_ok());

  SmtStaleRecord record{9, smt_node_key(3, 1, path)};
  auto parsed = smt_parse_stale_key(smt_stale_key(record));
  ASSERT_TRUE(parsed.is_ok());
  EXPECT_EQ(*parsed, record);
  EXPECT_FALSE(smt_parse_stale_key(smt_stale_key({3, smt_node_key(3, 1, path)})).is_ok());
}

TEST(SmtNode, NodesRoundTripAndRefuseGarbage) {
  SmtNode leaf;
  leaf.kind = SmtNode::Kind::leaf;
  leaf.key = b("k");
  leaf.value = b("v");
  auto leaf_back = smt_decode_node(smt_encode_node(leaf));
  ASSERT_TRUE(leaf_back.is_ok());
  EXPECT_EQ(leaf_back->key, leaf.key);
  EXPECT_EQ(leaf_back->value, leaf.value);
  EXPECT_EQ(smt_encode_leaf(leaf.key, leaf.value), smt_encode_node(leaf));

  SmtNode inner;
  inner.kind = SmtNode::Kind::internal;
  inner.right = SmtChild{leaf.hash(), 4, true};
  auto inner_back = smt_decode_node(smt_encode_node(inner));
  ASSERT_TRUE(inner_back.is_ok());
  EXPECT_FALSE(inner_back->left.has_value());
  EXPECT_EQ(inner_back->right, inner.right);
  EXPECT_EQ(inner_back->hash(), ref_internal(Hash32{}, leaf.hash()));

  EXPECT_EQ(smt_decode_node(Bytes{2, 0, 0}).status().code(), core::Code::corruption);
  EXPECT_EQ(smt_decode_node(Bytes{3}).status().code(), core::Code::corruption);
  EXPECT_EQ(smt_decode_node(Bytes{0, 0}).status().code(), core::Code::corruption);
  EXPECT_EQ(smt_decode_node(Bytes{}).status().code(), core::Code::corruption);
}

}  // namespace
}  // namespace grid::ledger
