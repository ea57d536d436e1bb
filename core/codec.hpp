// The canonical codec of WIRE.md: the one encoding for everything hashed, signed, stored or sent.
//
// | type            | bytes                                   |
// | u8 u16 u32 u64  | little-endian, fixed width              |
// | bool            | one byte, 0 or 1                        |
// | std::array<u8,N>| the raw N bytes (bytes32, bytes64)      |
// | Bytes           | u32 length, then the bytes              |
// | std::string     | u32 length, then UTF-8 (validated)      |
// | optional<T>     | 0, or 1 then T                          |
// | vector<T>       | u32 count, then the items               |
// | struct          | its fields in order, nothing between    |
//
// A struct declares its field list ONCE, used by both directions:
//   struct Resources {
//     std::uint64_t cru = 0, mru = 0, sru = 0, hru = 0;
//     static void fields(auto& self, auto& v) { v(self.cru); v(self.mru); v(self.sru); v(self.hru);
//     }
//   };
// `v(field, Limit{n})` caps a string/bytes/vector length at n, or an integer/enum at value n;
// the decoder refuses anything over the cap. Enums are encoded as their underlying integer and
// must be given a Limit (their largest valid value). Tagged unions provide
// `void encode_to(Writer&) const` and `void decode_from(Reader&)` themselves.
//
// Decoding is strict: truncated input, trailing bytes, bad bools, bad UTF-8, lengths over a cap
// or over the remaining input are errors. Decoding allocates in proportion to the bytes it has
// read, never to a count it was told: list items are appended as they are decoded. Reader errors
// are sticky: after the first failure every read returns zeros, and status() reports the first
// failure with its byte offset. Thread safety: Writer and Reader are single-threaded values.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <type_traits>
#include <vector>

#include "core/bytes.hpp"
#include "core/hash.hpp"

namespace grid::core {

struct Limit {
  std::uint64_t max;
};

class Writer {
 public:
  void u8(std::uint8_t v) { buf_.push_back(v); }
  void u16(std::uint16_t v) { put_le(v, 2); }
  void u32(std::uint32_t v) { put_le(v, 4); }
  void u64(std::uint64_t v) { put_le(v, 8); }
  void boolean(bool v) { buf_.push_back(v ? 1 : 0); }
  void raw(ByteView data) { buf_.insert(buf_.end(), data.begin(), data.end()); }
  void bytes(ByteView data);  // u32 length + data
  void string(std::string_view s) { bytes(as_bytes(s)); }

  const Bytes& data() const { return buf_; }
  Bytes take() { return std::move(buf_); }
  std::size_t size() const { return buf_.size(); }

 private:
  void put_le(std::uint64_t v, int width) {
    for (int i = 0; i < width; ++i) buf_.push_back(static_cast<std::uint8_t>(v >> (8 * i)));
  }
  Bytes buf_;
};

class Reader {
 public:
  explicit Reader(ByteView data) : data_(data) {}

  std::uint8_t u8() { return static_cast<std::uint8_t>(get_le(1)); }
  std::uint16_t u16() { return static_cast<std::uint16_t>(get_le(2)); }
  std::uint32_t u32() { return static_cast<std::uint32_t>(get_le(4)); }
  std::uint64_t u64() { return get_le(8); }
  bool boolean();
  void raw(std::uint8_t* out, std::size_t n);
  Bytes bytes(std::uint64_t max_len);
  std::string string(std::uint64_t max_len);
  // Reads a u32 element count, refusing counts above max or above the remaining bytes.
  std::uint32_t count(std::uint64_t max);

  void fail(std::string why);
  bool ok() const { return status_.is_ok(); }
  const Status& status() const { return status_; }
  std::size_t remaining() const { return ok() ? data_.size() - pos_ : 0; }
  std::size_t position() const { return pos_; }
  // Ok when everything was read and nothing is left over.
  Status finish();

 private:
  std::uint64_t get_le(int width);
  bool need(std::size_t n);

  ByteView data_;
  std::size_t pos_ = 0;
  Status status_;
};

// ---- the generic field walk ----------------------------------------------------------------

template <class T>
struct is_std_array : std::false_type {};
template <std::size_t N>
struct is_std_array<std::array<std::uint8_t, N>> : std::true_type {};
template <class T>
struct is_optional : std::false_type {};
template <class T>
struct is_optional<std::optional<T>> : std::true_type {};
template <class T>
struct is_vector : std::false_type {};
template <class T>
struct is_vector<std::vector<T>> : std::true_type {};
template <class T>
struct is_tagged_hash : std::false_type {};
template <class Tag>
struct is_tagged_hash<TaggedHash<Tag>> : std::true_type {};

inline constexpr std::uint64_t kNoLimit = ~std::uint64_t{0};

template <class T>
void write_value(Writer& w, const T& value);
template <class T>
void read_value(Reader& r, T& value, std::uint64_t limit = kNoLimit);

struct EncodeVisitor {
  Writer& w;
  template <class T>
  void operator()(const T& field) {
    write_value(w, field);
  }
  template <class T>
  void operator()(const T& field, Limit) {
    write_value(w, field);
  }
};

struct DecodeVisitor {
  Reader& r;
  template <class T>
  void operator()(T& field) {
    read_value(r, field);
  }
  template <class T>
  void operator()(T& field, Limit limit) {
    read_value(r, field, limit.max);
  }
};

template <class T>
concept HasFields = requires(T& t, DecodeVisitor& v) {
  T::fields(t, v);
};
template <class T>
concept SelfCoded = requires(const T& ct, T& t, Writer& w, Reader& r) {
  ct.encode_to(w);
  t.decode_from(r);
};

template <class T>
void write_value(Writer& w, const T& value) {
  if constexpr (std::is_same_v<T, bool>) {
    w.boolean(value);
  } else if constexpr (std::is_enum_v<T>) {
    write_value(w, static_cast<std::underlying_type_t<T>>(value));
  } else if constexpr (std::is_same_v<T, std::uint8_t>) {
    w.u8(value);
  } else if constexpr (std::is_same_v<T, std::uint16_t>) {
    w.u16(value);
  } else if constexpr (std::is_same_v<T, std::uint32_t>) {
    w.u32(value);
  } else if constexpr (std::is_same_v<T, std::uint64_t>) {
    w.u64(value);
  } else if constexpr (is_std_array<T>::value) {
    w.raw(ByteView(value.data(), value.size()));
  } else if constexpr (std::is_same_v<T, Hash32>) {
    w.raw(value.view());
  } else if constexpr (is_tagged_hash<T>::value) {
    w.raw(value.view());
  } else if constexpr (std::is_same_v<T, std::string>) {
    w.string(value);
  } else if constexpr (std::is_same_v<T, Bytes>) {
    w.bytes(value);
  } else if constexpr (is_optional<T>::value) {
    w.u8(value ? 1 : 0);
    if (value) write_value(w, *value);
  } else if constexpr (is_vector<T>::value) {
    w.u32(static_cast<std::uint32_t>(value.size()));
    for (const auto& item : value) write_value(w, item);
  } else if constexpr (SelfCoded<T>) {
    value.encode_to(w);
  } else if constexpr (HasFields<T>) {
    EncodeVisitor v{w};
    T::fields(value, v);
  } else {
    static_assert(sizeof(T) == 0, "type has no canonical encoding");
  }
}

template <class T>
void read_value(Reader& r, T& value, std::uint64_t limit) {
  if constexpr (std::is_same_v<T, bool>) {
    value = r.boolean();
  } else if constexpr (std::is_enum_v<T>) {
    std::underlying_type_t<T> raw{};
    read_value(r, raw, limit);
    value = static_cast<T>(raw);
  } else if constexpr (std::is_integral_v<T> && std::is_unsigned_v<T>) {
    if constexpr (std::is_same_v<T, std::uint8_t>)
      value = r.u8();
    else if constexpr (std::is_same_v<T, std::uint16_t>)
      value = r.u16();
    else if constexpr (std::is_same_v<T, std::uint32_t>)
      value = r.u32();
    else
      value = r.u64();
    if (limit != kNoLimit && value > limit) {
      r.fail("value " + std::to_string(value) + " over its maximum " + std::to_string(limit));
      value = 0;
    }
  } else if constexpr (is_std_array<T>::value) {
    r.raw(value.data(), value.size());
  } else if constexpr (std::is_same_v<T, Hash32>) {
    r.raw(value.bytes.data(), 32);
  } else if constexpr (is_tagged_hash<T>::value) {
    r.raw(value.hash.bytes.data(), 32);
  } else if constexpr (std::is_same_v<T, std::string>) {
    value = r.string(limit);
  } else if constexpr (std::is_same_v<T, Bytes>) {
    value = r.bytes(limit);
  } else if constexpr (is_optional<T>::value) {
    std::uint8_t tag = r.u8();
    if (tag == 0) {
      value.reset();
    } else if (tag == 1) {
      value.emplace();
      read_value(r, *value, limit);
    } else {
      r.fail("option tag " + std::to_string(tag) + " is not 0 or 1");
    }
  } else if constexpr (is_vector<T>::value) {
    // Items are appended as they are decoded, never allocated up front from the count: an
    // announced count costs memory only for the items whose bytes actually arrived.
    std::uint32_t n = r.count(limit);
    value.clear();
    for (std::uint32_t i = 0; i < n && r.ok(); ++i) {
      typename T::value_type item{};
      read_value(r, item);
      if (r.ok()) value.push_back(std::move(item));
    }
  } else if constexpr (SelfCoded<T>) {
    value.decode_from(r);
  } else if constexpr (HasFields<T>) {
    DecodeVisitor v{r};
    T::fields(value, v);
  } else {
    static_assert(sizeof(T) == 0, "type has no canonical encoding");
  }
}

template <class T>
Bytes encode(const T& value) {
  Writer w;
  write_value(w, value);
  return w.take();
}

// Strict decode of a whole buffer: every byte must be consumed.
template <class T>
Result<T> decode(ByteView data) {
  Reader r(data);
  T value{};
  read_value(r, value);
  Status st = r.finish();
  if (!st.is_ok()) return st;
  return value;
}

}  // namespace grid::core
