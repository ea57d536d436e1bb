// Strict JSON reading: one parse entry point and small typed readers that name the field path
// of every refusal. Used by genesis_json and meant for the JSON-RPC params too.
//
// Contract:
// - parse_json_strict parses exactly one JSON value (RapidJSON iterative parser, so no recursion
//   on the input's nesting) and refuses bad JSON, invalid UTF-8, anything but whitespace after
//   the value (an embedded NUL included), and arrays/objects nested deeper than max_depth. "-0"
//   is kept as a floating-point value so that it is never mistaken for the unsigned 0.
// - Readers return Code::invalid with the message "<path>: <why>" (just "<why>" at the root
//   path ""). Paths are built with json_key_path ("a.b") and json_index_path ("a[2]").
// - API conventions (../shared/design/API.md): a u64 is a decimal string of digits, canonical
//   ("0" or no leading zero; no sign, space, fraction or exponent) and <= 2^64-1; a u32 is a
//   JSON unsigned integer <= 2^32-1; addresses are bech32m (core::AccountId::from_address);
//   fixed-size binary values are lowercase hex of exactly 2N characters; strings are valid UTF-8
//   (escaped lone surrogates refused).
// - Values are compared through RapidJSON getters only (TOOLCHAIN.md trap 5).
// Thread safety: pure functions.
#pragma once

#include <rapidjson/document.h>

#include <array>
#include <cstddef>
#include <cstdint>
#include <span>
#include <string>
#include <string_view>

#include "core/account_id.hpp"
#include "core/bytes.hpp"
#include "core/status.hpp"

namespace grid::rpc {

using JsonValue = rapidjson::Value;

core::Result<rapidjson::Document> parse_json_strict(std::string_view text, unsigned max_depth);

std::string json_key_path(std::string_view parent, std::string_view key);
std::string json_index_path(std::string_view parent, std::size_t index);
// Code::invalid "<path>: <why>".
core::Status json_invalid(std::string_view path, std::string_view why);
// "null", "boolean", "number", "string", "array" or "object".
std::string_view json_type_name(const JsonValue& value);

// Refuses any member of `object` whose name is not in `allowed`, and any name given twice.
core::Status check_keys(const JsonValue& object, std::string_view path,
                        std::span<const std::string_view> allowed);
// The member named `key`, or nullptr. `object` must be an object.
const JsonValue* find_member(const JsonValue& object, std::string_view key);

// Canonical decimal u64 (see the contract); the error says why, without a path.
core::Result<std::uint64_t> parse_u64_decimal(std::string_view text);

core::Status read_u64_string(const JsonValue& value, std::string_view path, std::uint64_t& out);
core::Status read_u32(const JsonValue& value, std::string_view path, std::uint32_t& out);
core::Status read_bool(const JsonValue& value, std::string_view path, bool& out);
core::Status read_string(const JsonValue& value, std::string_view path, std::string& out);
core::Status read_address(const JsonValue& value, std::string_view path, core::AccountId& out);
// Exactly 2 * out.size() lowercase hex characters.
core::Status read_lower_hex(const JsonValue& value, std::string_view path,
                            std::span<std::uint8_t> out);

}  // namespace grid::rpc
