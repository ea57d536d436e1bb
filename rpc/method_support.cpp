#include "rpc/method_support.hpp"

#include <algorithm>

#include "rpc/json_strict.hpp"

namespace grid::rpc {
namespace {

core::Status refuse_param(std::string_view name, std::string_view why) {
  return invalid_params(std::string(name) + ": " + std::string(why));
}

}  // namespace

core::Result<std::uint64_t> get_height(const Params& params, std::string_view name) {
  GRID_ASSIGN(const JsonValue* value, params.raw(name));
  if (value == nullptr) return refuse_param(name, "missing");
  if (!value->IsUint64() || value->GetUint64() > kMaxJsonSafeInteger)
    return refuse_param(name, "expected an unsigned integer number up to 2^53-1, got " +
                                  std::string(json_type_name(*value)));
  return value->GetUint64();
}

core::Result<std::uint64_t> get_height_or(const Params& params, std::string_view name,
                                          std::uint64_t fallback) {
  if (!params.has(name)) {
    GRID_TRY(params.raw(name).status());  // an undeclared name is still a handler bug
    return fallback;
  }
  return get_height(params, name);
}

core::Result<std::uint32_t> get_u32_at_most(const Params& params, std::string_view name,
                                            std::uint32_t fallback, std::uint32_t max) {
  GRID_ASSIGN(std::uint32_t value, params.get_u32_or(name, fallback));
  if (value > max) return refuse_param(name, "at most " + std::to_string(max));
  return value;
}

core::Result<std::size_t> exactly_one_of(const Params& params,
                                         std::initializer_list<std::string_view> names) {
  std::optional<std::size_t> chosen;
  std::size_t given = 0;
  std::string listed;
  std::size_t index = 0;
  for (std::string_view name : names) {
    GRID_TRY(params.raw(name).status());
    if (params.has(name)) {
      ++given;
      chosen = index;
    }
    listed += (index == 0 ? "" : ", ") + std::string(name);
    ++index;
  }
  if (given != 1) return invalid_params("give exactly one of " + listed);
  return *chosen;
}

core::Result<BlockSelector> get_block_selector(const Params& params, std::string_view height_name,
                                               std::string_view hash_name) {
  GRID_ASSIGN(std::size_t which, exactly_one_of(params, {height_name, hash_name}));
  BlockSelector selector;
  if (which == 0) {
    GRID_ASSIGN(selector.height, get_height(params, height_name));
  } else {
    GRID_ASSIGN(selector.hash.hash, params.get_hash(hash_name));
  }
  return selector;
}

core::Result<HeightRange> get_height_range(const Params& params, std::string_view from_name,
                                           std::string_view to_name, std::uint64_t max_count,
                                           std::uint64_t tip) {
  GRID_ASSIGN(std::uint64_t from, get_height(params, from_name));
  GRID_ASSIGN(std::uint64_t to, get_height(params, to_name));
  if (from == 0) return refuse_param(from_name, "heights start at 1");
  if (to < from)
    return invalid_params(std::string(to_name) + " (" + std::to_string(to) + ") is below " +
                          std::string(from_name) + " (" + std::to_string(from) + ")");
  if (to - from >= max_count)
    return invalid_params("at most " + std::to_string(max_count) + " heights from " +
                          std::string(from_name) + " to " + std::string(to_name));
  return HeightRange{from, std::min(to, tip)};
}

core::Result<Page> get_page(const Params& params, std::uint32_t default_size,
                            std::string_view page_name, std::string_view size_name) {
  Page page;
  GRID_ASSIGN(page.number, params.get_u32_or(page_name, 1));
  if (page.number == 0) return refuse_param(page_name, "pages count from 1");
  GRID_ASSIGN(page.size, get_u32_at_most(params, size_name, default_size, kMaxPageSize));
  if (page.size == 0) return refuse_param(size_name, "at least 1");
  return page;
}

core::Status not_found(std::string_view what) {
  return core::Status::not_found(std::string(what) + " not found");
}

core::Status register_methods(MethodRegistry& registry, NodeApi& node,
                              std::span<const MethodSpec> methods) {
  for (const auto& method : methods) {
    auto run = method.run;
    GRID_TRY(registry.add(std::string(method.name), method.params,
                          [&node, run](const Params& params) { return run(node, params); }));
  }
  return core::Status::ok();
}

}  // namespace grid::rpc
