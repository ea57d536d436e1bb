// Reading and writing state: StateReader (read-only view), Overlay (a child layer of writes over
// a parent view, merged on success or dropped), MemoryState (a whole state in a std::map), and
// typed load/store of the codec records of ledger/state_types.hpp.
//
// Contract:
// - get() returns nullopt for an absent key; an error Status only when the store below failed
//   (io, corruption). scan_prefix() visits keys in ascending byte order and stops when the
//   visitor returns false; an Overlay's scan merges its writes over its parent's entries.
// - An Overlay never changes its parent until merge_into() / apply_to(); its writes are an
//   ordered StateDelta (nullopt = erase), so the same operations give the same delta everywhere.
// - load<T>() reports a record that does not decode as Code::corruption naming the key.
// Thread safety: none; an Overlay and its parent are used by one thread at a time.
#pragma once

#include <functional>
#include <map>
#include <optional>

#include "core/bytes.hpp"
#include "core/codec.hpp"
#include "core/status.hpp"

namespace grid::ledger {

using core::Bytes;
using core::ByteView;
using core::Result;
using core::Status;

using ScanVisitor = std::function<bool(ByteView key, ByteView value)>;
using StateDelta = std::map<Bytes, std::optional<Bytes>>;

class StateReader {
 public:
  virtual ~StateReader() = default;
  virtual Result<std::optional<Bytes>> get(ByteView key) const = 0;
  virtual Status scan_prefix(ByteView prefix, const ScanVisitor& visit) const = 0;
};

class Overlay : public StateReader {
 public:
  explicit Overlay(const StateReader& parent) : parent_(parent) {}

  Result<std::optional<Bytes>> get(ByteView key) const override;
  Status scan_prefix(ByteView prefix, const ScanVisitor& visit) const override;

  void put(Bytes key, Bytes value) { writes_[std::move(key)] = std::move(value); }
  void erase(Bytes key) { writes_[std::move(key)] = std::nullopt; }

  const StateDelta& writes() const { return writes_; }
  StateDelta take_writes() { return std::move(writes_); }
  // Moves every write of this overlay into `parent` (which must be this overlay's parent).
  void merge_into(Overlay& parent);

 private:
  const StateReader& parent_;
  StateDelta writes_;
};

class MemoryState : public StateReader {
 public:
  Result<std::optional<Bytes>> get(ByteView key) const override;
  Status scan_prefix(ByteView prefix, const ScanVisitor& visit) const override;

  void apply(const StateDelta& delta);
  const std::map<Bytes, Bytes>& entries() const { return entries_; }

 private:
  std::map<Bytes, Bytes> entries_;
};

template <class T>
Result<std::optional<T>> load(const StateReader& state, ByteView key) {
  auto raw = state.get(key);
  if (!raw) return raw.error();
  if (!raw->has_value()) return std::optional<T>();
  auto decoded = core::decode<T>(**raw);
  if (!decoded)
    return Status::corruption("state entry " + core::hex_encode(key) +
                              " does not decode: " + decoded.error().message());
  return std::optional<T>(std::move(*decoded));
}

// Loads a record that must exist; absent is Code::not_found with `what` in the message.
template <class T>
Result<T> load_required(const StateReader& state, ByteView key, const std::string& what) {
  auto r = load<T>(state, key);
  if (!r) return r.error();
  if (!r->has_value()) return Status::not_found(what + " not found");
  return std::move(**r);
}

template <class T>
void store(Overlay& state, Bytes key, const T& value) {
  state.put(std::move(key), core::encode(value));
}

}  // namespace grid::ledger
