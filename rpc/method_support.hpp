// What the JSON-RPC method handlers share: reading heights, "exactly one of" choices, height
// ranges and pages from their params, and turning an absent object into a not_found error.
//
// Contract:
// - Heights (and other counters documented as numbers in docs/api.md) are JSON unsigned integers
//   up to 2^53 - 1 (kMaxJsonSafeInteger), never strings: get_height refuses a string, a
//   fraction, a negative number and anything larger.
// - Every refusal is invalid_params("<name>: <why>") (-32602); a parameter that the method did
//   not declare is Code::internal (a handler bug), as with Params.
// - exactly_one_of: the index (in `names`) of the one parameter that is present; refused when
//   none or more than one is given ("give exactly one of height, hash").
// - get_height_range: [from, to] with from >= 1 (heights of blocks start at 1), to >= from and at
//   most max_count heights as asked (checked before clipping), then `to` clipped to `tip`; the
//   range is empty when from > tip.
// - get_page: "page" counts from 1 (default 1), "size" is 1..kMaxPageSize (default given by the
//   method); page_of returns the page's slice of a list (empty past the end).
// - answer(): one JSON value written from the latest state; write_page(): a page of a list.
// - found(): a lookup's absent value becomes Code::not_found "<what> not found" (-32001 with
//   data.reason "not_found"); its errors pass through.
// Thread safety: pure functions over one request's Params.
#pragma once

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <initializer_list>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "core/hash.hpp"
#include "core/status.hpp"
#include "rpc/json_writer.hpp"
#include "rpc/jsonrpc.hpp"
#include "rpc/jsonrpc_params.hpp"
#include "rpc/node_api.hpp"

namespace grid::rpc {

inline constexpr std::uint64_t kMaxJsonSafeInteger = (std::uint64_t{1} << 53) - 1;
inline constexpr std::uint32_t kMaxPageSize = 1000;

core::Result<std::uint64_t> get_height(const Params& params, std::string_view name);
core::Result<std::uint64_t> get_height_or(const Params& params, std::string_view name,
                                          std::uint64_t fallback);
// A u32 number <= max, or `fallback` when missing.
core::Result<std::uint32_t> get_u32_at_most(const Params& params, std::string_view name,
                                            std::uint32_t fallback, std::uint32_t max);

core::Result<std::size_t> exactly_one_of(const Params& params,
                                         std::initializer_list<std::string_view> names);

// A block chosen by "height" or by "hash" (exactly one of them).
struct BlockSelector {
  std::optional<std::uint64_t> height;  // set when chosen by height
  core::BlockHash hash;                 // when chosen by hash
};
core::Result<BlockSelector> get_block_selector(const Params& params,
                                               std::string_view height_name = "height",
                                               std::string_view hash_name = "hash");

struct HeightRange {
  std::uint64_t from = 1;
  std::uint64_t to = 0;  // inclusive; to < from means empty
  bool empty() const { return to < from; }
};
core::Result<HeightRange> get_height_range(const Params& params, std::string_view from_name,
                                           std::string_view to_name, std::uint64_t max_count,
                                           std::uint64_t tip);

struct Page {
  std::uint32_t number = 1;  // from 1
  std::uint32_t size = 0;
  std::uint64_t offset() const { return std::uint64_t{number - 1} * size; }
};
core::Result<Page> get_page(const Params& params, std::uint32_t default_size,
                            std::string_view page_name = "page",
                            std::string_view size_name = "size");

template <class T>
std::span<const T> page_of(const std::vector<T>& all, const Page& page) {
  if (page.offset() >= all.size()) return {};
  auto first = static_cast<std::size_t>(page.offset());
  std::size_t count = std::min<std::size_t>(page.size, all.size() - first);
  return std::span<const T>(all.data() + first, count);
}

core::Status not_found(std::string_view what);

// Answers one JSON value written by `write(writer, reader, height)` against the latest state.
template <class Write>
core::Result<JsonText> answer(NodeApi& node, Write&& write) {
  JsonBuilder b;
  GRID_TRY(node.with_state([&](const ledger::StateReader& reader, std::uint64_t height) {
    return write(b.w(), reader, height);
  }));
  return b.finish();
}

// The members "total", "page", "size", <name>: [page of items] of an object being written.
template <class T, class WriteItem>
void write_page_members(JsonWriter& w, std::string_view name, const std::vector<T>& all,
                        const Page& page, WriteItem&& write_item) {
  write_key(w, "total");
  write_u32(w, static_cast<std::uint32_t>(all.size()));
  write_key(w, "page");
  write_u32(w, page.number);
  write_key(w, "size");
  write_u32(w, page.size);
  write_key(w, name);
  w.StartArray();
  for (const auto& item : page_of(all, page)) write_item(w, item);
  w.EndArray();
}

// {"total", "page", "size", <name>: [page of items]}
template <class T, class WriteItem>
void write_page(JsonWriter& w, std::string_view name, const std::vector<T>& all, const Page& page,
                WriteItem&& write_item) {
  w.StartObject();
  write_page_members(w, name, all, page, write_item);
  w.EndObject();
}

template <class T>
core::Result<T> found(core::Result<std::optional<T>> lookup, std::string_view what) {
  if (!lookup) return lookup.error();
  if (!lookup->has_value()) return not_found(what);
  return std::move(**lookup);
}

// A method served from the node: its name, parameter names (positional order) and handler.
struct MethodSpec {
  std::string_view name;
  std::vector<std::string> params;
  core::Result<JsonText> (*run)(NodeApi&, const Params&);
};

// Registers every method of `methods` in `registry`, each bound to `node` (which must outlive
// the registry). Refused as MethodRegistry::add refuses (e.g. a name registered twice).
core::Status register_methods(MethodRegistry& registry, NodeApi& node,
                              std::span<const MethodSpec> methods);

}  // namespace grid::rpc
