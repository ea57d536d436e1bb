// Params: a JSON-RPC method's parameters, read by name whether the request gave them by name
// (an object) or by position (an array), in the conventions of API.md.
//
// Contract:
// - A Params is built by the MethodRegistry with the method's declared parameter names; the
//   k-th positional value is the parameter named names[k]. check_shape() (run by the registry
//   before the handler) refuses more positional values than names, and unknown or duplicate
//   names in an object.
// - A parameter that is absent or JSON null is "missing": has() is false and the getters
//   refuse it. Getters refuse a missing or ill-typed value with invalid_params("<name>: <why>"),
//   which the registry turns into -32602. Asking for a name the method did not declare is a
//   handler bug: Code::internal (-32603).
// - Types: u64 is a canonical decimal string, u32 a JSON unsigned integer, an address bech32m,
//   a hash 64 lowercase hex characters, bytes lowercase hex of even length (json_strict.hpp).
// - all() is the raw params value (array, object, or nullptr when absent) for methods that read
//   their params themselves (MethodRegistry::add_raw).
// Thread safety: a view over one parsed request; used by one thread, valid during the call.
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <string_view>

#include "core/account_id.hpp"
#include "core/bytes.hpp"
#include "core/hash.hpp"
#include "core/status.hpp"
#include "rpc/json_strict.hpp"

namespace grid::rpc {

// The stable refusal reason that the registry maps to -32602.
inline constexpr std::string_view kInvalidParamsReason = "invalid_params";

// A refusal (Code::invalid) "invalid_params: <detail>": handlers use it for params that are
// well-typed but inconsistent (e.g. from > to), so that the caller gets -32602.
core::Status invalid_params(std::string_view detail);

class Params {
 public:
  // `params` is the request's params value (array or object) or nullptr; `names` outlives this.
  Params(const JsonValue* params, std::span<const std::string> names)
      : params_(params), names_(names) {}

  core::Status check_shape() const;

  const JsonValue* all() const { return params_; }
  bool has(std::string_view name) const;
  // The value, or nullptr when missing; Code::internal when `name` was not declared.
  core::Result<const JsonValue*> raw(std::string_view name) const;

  core::Result<std::uint64_t> get_u64(std::string_view name) const;
  core::Result<std::uint32_t> get_u32(std::string_view name) const;
  core::Result<bool> get_bool(std::string_view name) const;
  core::Result<std::string> get_string(std::string_view name) const;
  core::Result<core::AccountId> get_address(std::string_view name) const;
  core::Result<core::Hash32> get_hash(std::string_view name) const;
  core::Result<core::Bytes> get_hex(std::string_view name) const;

  // As get_u64 / get_u32, but `fallback` when the parameter is missing.
  core::Result<std::uint64_t> get_u64_or(std::string_view name, std::uint64_t fallback) const;
  core::Result<std::uint32_t> get_u32_or(std::string_view name, std::uint32_t fallback) const;

 private:
  template <class T, class Reader>
  core::Result<T> read(std::string_view name, Reader reader) const;
  template <class T>
  core::Result<T> read_or(std::string_view name, T fallback,
                          core::Result<T> (Params::*getter)(std::string_view) const) const;

  const JsonValue* params_;
  std::span<const std::string> names_;
};

}  // namespace grid::rpc
