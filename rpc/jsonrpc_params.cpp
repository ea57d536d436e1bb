#include "rpc/jsonrpc_params.hpp"

#include <algorithm>
#include <vector>

namespace grid::rpc {
namespace {

using core::Status;

Status read_hex_bytes(const JsonValue& value, std::string_view path, core::Bytes& out) {
  if (!value.IsString())
    return json_invalid(path, "expected a hex string, got " + std::string(json_type_name(value)));
  std::string_view hex(value.GetString(), value.GetStringLength());
  auto upper = std::find_if(hex.begin(), hex.end(), [](char c) { return c >= 'A' && c <= 'F'; });
  if (upper != hex.end())
    return json_invalid(path,
                        "not lowercase hex at position " + std::to_string(upper - hex.begin()));
  auto bytes = core::hex_decode(hex);
  if (!bytes) return json_invalid(path, bytes.error().message());
  out = std::move(*bytes);
  return Status::ok();
}

Status read_hash(const JsonValue& value, std::string_view path, core::Hash32& out) {
  return read_lower_hex(value, path, out.bytes);
}

}  // namespace

Status invalid_params(std::string_view detail) {
  return Status::invalid(std::string(kInvalidParamsReason) + ": " + std::string(detail));
}

Status Params::check_shape() const {
  if (params_ == nullptr) return Status::ok();
  if (params_->IsArray()) {
    if (params_->Size() > names_.size())
      return invalid_params("expected at most " + std::to_string(names_.size()) +
                            " positional params, got " + std::to_string(params_->Size()));
    return Status::ok();
  }
  std::vector<std::string_view> allowed(names_.begin(), names_.end());
  Status st = check_keys(*params_, "", allowed);
  if (!st) return invalid_params(st.message());
  return Status::ok();
}

core::Result<const JsonValue*> Params::raw(std::string_view name) const {
  auto it = std::find(names_.begin(), names_.end(), name);
  if (it == names_.end())
    return Status::internal("param '" + std::string(name) + "' is not declared by the method");
  const JsonValue* value = nullptr;
  if (params_ == nullptr) {
    value = nullptr;
  } else if (params_->IsArray()) {
    auto index = static_cast<rapidjson::SizeType>(it - names_.begin());
    if (index < params_->Size()) value = &(*params_)[index];
  } else {
    value = find_member(*params_, name);
  }
  if (value != nullptr && value->IsNull()) value = nullptr;
  return value;
}

bool Params::has(std::string_view name) const {
  auto value = raw(name);
  return value.is_ok() && *value != nullptr;
}

template <class T, class Reader>
core::Result<T> Params::read(std::string_view name, Reader reader) const {
  GRID_ASSIGN(const JsonValue* value, raw(name));
  if (value == nullptr) return invalid_params(std::string(name) + ": missing");
  T out{};
  Status st = reader(*value, name, out);
  if (!st) return invalid_params(st.message());
  return out;
}

template <class T>
core::Result<T> Params::read_or(std::string_view name, T fallback,
                                core::Result<T> (Params::*getter)(std::string_view) const) const {
  GRID_ASSIGN(const JsonValue* value, raw(name));
  if (value == nullptr) return fallback;
  return (this->*getter)(name);
}

core::Result<std::uint64_t> Params::get_u64(std::string_view name) const {
  return read<std::uint64_t>(name, read_u64_string);
}
core::Result<std::uint32_t> Params::get_u32(std::string_view name) const {
  return read<std::uint32_t>(name, read_u32);
}
core::Result<bool> Params::get_bool(std::string_view name) const {
  return read<bool>(name, read_bool);
}
core::Result<std::string> Params::get_string(std::string_view name) const {
  return read<std::string>(name, read_string);
}
core::Result<core::AccountId> Params::get_address(std::string_view name) const {
  return read<core::AccountId>(name, read_address);
}
core::Result<core::Hash32> Params::get_hash(std::string_view name) const {
  return read<core::Hash32>(name, read_hash);
}
core::Result<core::Bytes> Params::get_hex(std::string_view name) const {
  return read<core::Bytes>(name, read_hex_bytes);
}

core::Result<std::uint64_t> Params::get_u64_or(std::string_view name,
                                               std::uint64_t fallback) const {
  return read_or(name, fallback, &Params::get_u64);
}
core::Result<std::uint32_t> Params::get_u32_or(std::string_view name,
                                               std::uint32_t fallback) const {
  return read_or(name, fallback, &Params::get_u32);
}

}  // namespace grid::rpc
