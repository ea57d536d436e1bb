#include "ledger/state_db.hpp"

#include <algorithm>

namespace grid::ledger {
namespace {

constexpr std::uint8_t kFlat = 'S', kNode = 'N', kStale = 'X', kMeta = 'M';

Bytes prefixed(std::uint8_t prefix, ByteView key) {
  Bytes out;
  out.reserve(key.size() + 1);
  out.push_back(prefix);
  out.insert(out.end(), key.begin(), key.end());
  return out;
}

Bytes meta_key() {
  return Bytes{kMeta};
}

}  // namespace

// Reads tree nodes and stale records from their prefixes of the store.
class StateDb::NodeReader final : public SmtNodeReader, public SmtStaleReader {
 public:
  explicit NodeReader(const core::KvReader& store) : store_(store) {}
  Result<std::optional<Bytes>> get_node(ByteView node_key) const override {
    return store_.get(prefixed(kNode, node_key));
  }
  Result<std::vector<SmtStaleRecord>> stale_up_to(std::uint64_t max_stale_since,
                                                  std::size_t limit) const override {
    std::vector<SmtStaleRecord> out;
    Status parse_error;
    GRID_TRY(store_.scan_prefix(Bytes{kStale}, [&](ByteView key, ByteView) {
      if (out.size() >= limit) return false;
      auto record = smt_parse_stale_key(key.subspan(1));
      if (!record) {
        parse_error = record.error();
        return false;
      }
      if (record->stale_since > max_stale_since) return false;
      out.push_back(std::move(record).value());
      return true;
    }));
    GRID_TRY(parse_error);
    return out;
  }

 private:
  const core::KvReader& store_;
};

StateDb::StateDb(core::KvStore& store, StateDbOptions options) : store_(store), options_(options) {}

Result<std::unique_ptr<StateDb>> StateDb::open(core::KvStore& store, StateDbOptions options) {
  if (options.keep_versions == 0) return Status::invalid("keep_versions must be at least 1");
  std::unique_ptr<StateDb> db(new StateDb(store, options));
  GRID_ASSIGN(auto raw, store.get(meta_key()));
  if (raw) {
    auto meta = core::decode<StateDbMeta>(*raw);
    if (!meta) return Status::corruption("state meta record is damaged: " + meta.error().message());
    db->meta_ = *meta;
  }
  return db;
}

Result<std::optional<Bytes>> StateDb::get(ByteView key) const {
  return store_.get(prefixed(kFlat, key));
}

Status StateDb::scan_prefix(ByteView prefix, const ScanVisitor& visit) const {
  return store_.scan_prefix(prefixed(kFlat, prefix), [&](ByteView key, ByteView value) {
    return visit(key.subspan(1), value);
  });
}

Result<StateDbMeta> StateDb::stage(const StateDelta& delta, std::uint64_t new_version,
                                   core::WriteBatch& batch) const {
  std::optional<std::uint64_t> base;
  if (meta_) base = meta_->version;
  if (base ? new_version != *base + 1 : new_version != 0)
    return Status::invalid("state version " + std::to_string(new_version) + " does not follow " +
                           (base ? std::to_string(*base) : "nothing"));
  std::vector<SmtUpdate> updates;
  updates.reserve(delta.size());
  for (const auto& [key, value] : delta) updates.push_back({key, value});
  NodeReader reader(store_);
  GRID_ASSIGN(SmtWrites writes, smt_apply(reader, base, new_version, updates));

  for (const auto& [key, value] : delta) {
    if (value)
      batch.put(prefixed(kFlat, key), *value);
    else
      batch.erase(prefixed(kFlat, key));
  }
  for (const auto& put : writes.puts) batch.put(prefixed(kNode, put.key), put.value);
  for (const auto& record : writes.stale) batch.put(prefixed(kStale, smt_stale_key(record)), {});

  StateDbMeta next{new_version, writes.root, meta_ ? meta_->oldest_version : 0};
  if (new_version + 1 > options_.keep_versions) {
    std::uint64_t oldest_kept = new_version + 1 - options_.keep_versions;
    GRID_ASSIGN(SmtPruneWrites prune, smt_prune(reader, oldest_kept, options_.prune_limit));
    for (const auto& key : prune.node_deletes) batch.erase(prefixed(kNode, key));
    for (const auto& key : prune.stale_deletes) batch.erase(prefixed(kStale, key));
    // Versions below oldest_kept may have lost nodes; when pruning is cut short by the limit,
    // the rest is deleted by later commits, so they are already not served.
    next.oldest_version = std::max(next.oldest_version, oldest_kept);
  }
  batch.put(meta_key(), core::encode(next));
  return next;
}

Status StateDb::check_retained(std::uint64_t version) const {
  if (!meta_ || version > meta_->version || version < meta_->oldest_version)
    return Status::not_found("state of height " + std::to_string(version) +
                             " is not retained (kept: " + std::to_string(oldest_version()) + ".." +
                             std::to_string(this->version()) + ")");
  return Status::ok();
}

Result<std::optional<Bytes>> StateDb::get_at(std::uint64_t version, ByteView key) const {
  GRID_TRY(check_retained(version));
  return smt_get(NodeReader(store_), version, key);
}

Result<SmtProvedValue> StateDb::prove(std::uint64_t version, ByteView key) const {
  GRID_TRY(check_retained(version));
  return smt_prove(NodeReader(store_), version, key);
}

}  // namespace grid::ledger
