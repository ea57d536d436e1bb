// Writing JSON-RPC results with the RapidJSON Writer, in the conventions of API.md.
//
// Contract:
// - JsonText is one complete JSON value, already serialized; it is what a JSON-RPC handler
//   returns and is spliced verbatim into the response. Build it with JsonBuilder.
// - write_u64 / write_amount write a decimal JSON string ("18446744073709551615"); write_u32
//   writes a plain JSON number; hashes and bytes are lowercase hex without prefix; addresses are
//   bech32m "tf1...". Amounts are base units (never formatted TFT).
// - JsonBuilder::finish() returns Code::internal when the written value is not complete (a
//   handler bug), which the registry reports as -32603.
// Thread safety: values; a JsonBuilder is used by one thread.
#pragma once

#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include <cstdint>
#include <string>
#include <string_view>
#include <utility>

#include "core/account_id.hpp"
#include "core/amount.hpp"
#include "core/bytes.hpp"
#include "core/hash.hpp"
#include "core/status.hpp"

namespace grid::rpc {

struct JsonText {
  std::string text;  // one complete JSON value
};

using JsonWriter = rapidjson::Writer<rapidjson::StringBuffer>;

inline void write_string(JsonWriter& w, std::string_view s) {
  w.String(s.data(), static_cast<rapidjson::SizeType>(s.size()));
}
inline void write_key(JsonWriter& w, std::string_view key) {
  w.Key(key.data(), static_cast<rapidjson::SizeType>(key.size()));
}
inline void write_u64(JsonWriter& w, std::uint64_t value) {
  write_string(w, std::to_string(value));
}
inline void write_u32(JsonWriter& w, std::uint32_t value) {
  w.Uint(value);
}
inline void write_amount(JsonWriter& w, core::Amount amount) {
  write_u64(w, amount.units());
}
inline void write_hex(JsonWriter& w, core::ByteView bytes) {
  write_string(w, core::hex_encode(bytes));
}
inline void write_hash(JsonWriter& w, const core::Hash32& hash) {
  write_hex(w, hash.view());
}
template <class Tag>
void write_hash(JsonWriter& w, const core::TaggedHash<Tag>& hash) {
  write_hex(w, hash.view());
}
inline void write_address(JsonWriter& w, const core::AccountId& account) {
  write_string(w, account.to_address());
}

// Builds one JSON value: `JsonBuilder b; b.w().StartObject(); ...; return b.finish();`.
class JsonBuilder {
 public:
  JsonBuilder() : writer_(buffer_) {}
  JsonBuilder(const JsonBuilder&) = delete;
  JsonBuilder& operator=(const JsonBuilder&) = delete;

  JsonWriter& w() { return writer_; }

  core::Result<JsonText> finish() {
    if (!writer_.IsComplete()) return core::Status::internal("incomplete JSON result");
    return JsonText{std::string(buffer_.GetString(), buffer_.GetSize())};
  }

 private:
  rapidjson::StringBuffer buffer_;
  JsonWriter writer_;
};

}  // namespace grid::rpc
