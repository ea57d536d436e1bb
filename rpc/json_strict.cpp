#include "rpc/json_strict.hpp"

#include <rapidjson/error/en.h>
#include <rapidjson/memorystream.h>
#include <rapidjson/reader.h>

#include <algorithm>
#include <vector>

#include "core/utf8.hpp"

namespace grid::rpc {
namespace {

using core::Status;

// Forwards SAX events to a Document, refusing nesting deeper than max_depth and turning "-0"
// (which RapidJSON reports as the signed integer 0) into the double -0.0.
class GuardedHandler {
 public:
  GuardedHandler(rapidjson::Document& doc, unsigned max_depth) : doc_(doc), max_depth_(max_depth) {}

  bool too_deep() const { return too_deep_; }

  bool Null() { return doc_.Null(); }
  bool Bool(bool b) { return doc_.Bool(b); }
  bool Int(int i) { return i == 0 ? doc_.Double(-0.0) : doc_.Int(i); }
  bool Uint(unsigned u) { return doc_.Uint(u); }
  bool Int64(std::int64_t i) { return i == 0 ? doc_.Double(-0.0) : doc_.Int64(i); }
  bool Uint64(std::uint64_t u) { return doc_.Uint64(u); }
  bool Double(double d) { return doc_.Double(d); }
  bool RawNumber(const char* s, rapidjson::SizeType n, bool copy) {
    return doc_.RawNumber(s, n, copy);
  }
  bool String(const char* s, rapidjson::SizeType n, bool copy) { return doc_.String(s, n, copy); }
  bool Key(const char* s, rapidjson::SizeType n, bool copy) { return doc_.Key(s, n, copy); }
  bool StartObject() { return enter() && doc_.StartObject(); }
  bool EndObject(rapidjson::SizeType n) { return leave() && doc_.EndObject(n); }
  bool StartArray() { return enter() && doc_.StartArray(); }
  bool EndArray(rapidjson::SizeType n) { return leave() && doc_.EndArray(n); }

 private:
  bool enter() {
    if (depth_ >= max_depth_) return !(too_deep_ = true);
    ++depth_;
    return true;
  }
  bool leave() {
    --depth_;
    return true;
  }

  rapidjson::Document& doc_;
  unsigned max_depth_;
  unsigned depth_ = 0;
  bool too_deep_ = false;
};

bool is_json_space(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

// A short, printable form of untrusted text for an error message.
std::string printable(std::string_view text) {
  constexpr std::size_t kMax = 40;
  std::string out;
  for (char c : text.substr(0, kMax)) out += (c >= 0x20 && c < 0x7f) ? c : '?';
  if (text.size() > kMax) out += "...";
  return out;
}

Status wrong_type(std::string_view path, std::string_view expected, const JsonValue& value) {
  return json_invalid(
      path, "expected " + std::string(expected) + ", got " + std::string(json_type_name(value)));
}

}  // namespace

core::Result<rapidjson::Document> parse_json_strict(std::string_view text, unsigned max_depth) {
  constexpr unsigned kFlags = rapidjson::kParseIterativeFlag | rapidjson::kParseStopWhenDoneFlag |
                              rapidjson::kParseValidateEncodingFlag;
  rapidjson::Document doc;
  rapidjson::MemoryStream stream(text.data(), text.size());
  rapidjson::ParseResult result;
  bool too_deep = false;
  auto generate = [&](rapidjson::Document& target) {
    GuardedHandler handler(target, max_depth);
    rapidjson::Reader reader;
    result = reader.Parse<kFlags>(stream, handler);
    too_deep = handler.too_deep();
    return !result.IsError();
  };
  doc.Populate(generate);
  if (too_deep)
    return Status::invalid("JSON nested deeper than " + std::to_string(max_depth) +
                           " levels at offset " + std::to_string(result.Offset()));
  if (result.IsError())
    return Status::invalid("bad JSON at offset " + std::to_string(result.Offset()) + ": " +
                           rapidjson::GetParseError_En(result.Code()));
  for (std::size_t i = stream.Tell(); i < text.size(); ++i)
    if (!is_json_space(text[i]))
      return Status::invalid("unexpected bytes after the JSON value at offset " +
                             std::to_string(i));
  return doc;
}

std::string json_key_path(std::string_view parent, std::string_view key) {
  std::string out(parent);
  if (!out.empty()) out += '.';
  out += printable(key);
  return out;
}

std::string json_index_path(std::string_view parent, std::size_t index) {
  return std::string(parent) + "[" + std::to_string(index) + "]";
}

Status json_invalid(std::string_view path, std::string_view why) {
  if (path.empty()) return Status::invalid(std::string(why));
  return Status::invalid(std::string(path) + ": " + std::string(why));
}

std::string_view json_type_name(const JsonValue& value) {
  if (value.IsNull()) return "null";
  if (value.IsBool()) return "boolean";
  if (value.IsNumber()) return "number";
  if (value.IsString()) return "string";
  if (value.IsArray()) return "array";
  return "object";
}

Status check_keys(const JsonValue& object, std::string_view path,
                  std::span<const std::string_view> allowed) {
  std::vector<bool> seen(allowed.size(), false);
  for (const auto& member : object.GetObject()) {
    std::string_view name(member.name.GetString(), member.name.GetStringLength());
    std::size_t i = 0;
    while (i < allowed.size() && allowed[i] != name) ++i;
    if (i == allowed.size()) return json_invalid(json_key_path(path, name), "unknown key");
    if (seen[i]) return json_invalid(json_key_path(path, name), "duplicate key");
    seen[i] = true;
  }
  return Status::ok();
}

const JsonValue* find_member(const JsonValue& object, std::string_view key) {
  for (const auto& member : object.GetObject())
    if (std::string_view(member.name.GetString(), member.name.GetStringLength()) == key)
      return &member.value;
  return nullptr;
}

core::Result<std::uint64_t> parse_u64_decimal(std::string_view text) {
  if (text.empty()) return Status::invalid("empty number");
  std::uint64_t value = 0;
  for (char c : text) {
    if (c < '0' || c > '9')
      return Status::invalid("\"" + printable(text) +
                             "\" is not decimal digits (no sign, space, fraction or exponent)");
    if (__builtin_mul_overflow(value, 10u, &value) ||
        __builtin_add_overflow(value, static_cast<unsigned>(c - '0'), &value))
      return Status::invalid("\"" + printable(text) + "\" does not fit in u64");
  }
  if (text.size() > 1 && text[0] == '0')
    return Status::invalid("\"" + printable(text) + "\" has a leading zero");
  return value;
}

Status read_u64_string(const JsonValue& value, std::string_view path, std::uint64_t& out) {
  if (!value.IsString()) return wrong_type(path, "a decimal string (u64)", value);
  auto parsed = parse_u64_decimal({value.GetString(), value.GetStringLength()});
  if (!parsed) return json_invalid(path, parsed.error().message());
  out = *parsed;
  return Status::ok();
}

Status read_u32(const JsonValue& value, std::string_view path, std::uint32_t& out) {
  if (!value.IsNumber()) return wrong_type(path, "an unsigned integer number (u32)", value);
  if (!value.IsUint())
    return json_invalid(path, "expected an unsigned integer number up to 4294967295");
  out = value.GetUint();
  return Status::ok();
}

Status read_bool(const JsonValue& value, std::string_view path, bool& out) {
  if (!value.IsBool()) return wrong_type(path, "true or false", value);
  out = value.GetBool();
  return Status::ok();
}

Status read_string(const JsonValue& value, std::string_view path, std::string& out) {
  if (!value.IsString()) return wrong_type(path, "a string", value);
  std::string text(value.GetString(), value.GetStringLength());
  if (!core::is_valid_utf8(text)) return json_invalid(path, "invalid UTF-8");
  out = std::move(text);
  return Status::ok();
}

Status read_address(const JsonValue& value, std::string_view path, core::AccountId& out) {
  if (!value.IsString()) return wrong_type(path, "an address string", value);
  auto account = core::AccountId::from_address({value.GetString(), value.GetStringLength()});
  if (!account) return json_invalid(path, "bad address: " + account.error().message());
  out = *account;
  return Status::ok();
}

Status read_lower_hex(const JsonValue& value, std::string_view path, std::span<std::uint8_t> out) {
  if (!value.IsString()) return wrong_type(path, "a hex string", value);
  std::string_view hex(value.GetString(), value.GetStringLength());
  if (hex.size() != 2 * out.size())
    return json_invalid(path, "expected " + std::to_string(2 * out.size()) +
                                  " lowercase hex characters, got " + std::to_string(hex.size()));
  for (std::size_t i = 0; i < hex.size(); ++i)
    if (!((hex[i] >= '0' && hex[i] <= '9') || (hex[i] >= 'a' && hex[i] <= 'f')))
      return json_invalid(path, "not lowercase hex at position " + std::to_string(i));
  auto bytes = core::hex_decode(hex);
  if (!bytes) return json_invalid(path, bytes.error().message());
  std::copy(bytes->begin(), bytes->end(), out.begin());
  return Status::ok();
}

}  // namespace grid::rpc
