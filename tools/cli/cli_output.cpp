#include "tools/cli/cli_output.hpp"

#include <rapidjson/prettywriter.h>
#include <rapidjson/stringbuffer.h>

#include <algorithm>
#include <charconv>

#include "tools/cli/cli_values.hpp"
#include "tools/client/cli_args.hpp"
#include "tools/client/rpc_client.hpp"

namespace grid::tools {
namespace {

std::string trim_right(std::string line) {
  while (!line.empty() && line.back() == ' ') line.pop_back();
  return line;
}

std::string pad(const std::string& s, std::size_t width) {
  return s.size() >= width ? s : s + std::string(width - s.size(), ' ');
}

std::string member_u64_formatted(const rapidjson::Value& v, std::string_view name,
                                 std::string (*format)(std::uint64_t)) {
  const rapidjson::Value* m = find_member(v, name);
  if (!m || m->IsNull()) return "-";
  auto n = json_u64_member(v, name);
  return n ? format(*n) : "?";
}

std::string event_json(const EventView& e) {
  JsonObject o;
  o.str("kind", e.kind);
  if (e.account)
    o.str("account", *e.account);
  else
    o.null("account");
  if (e.twin)
    o.num("twin", *e.twin);
  else
    o.null("twin");
  if (e.farm)
    o.num("farm", *e.farm);
  else
    o.null("farm");
  if (e.node)
    o.num("node", *e.node);
  else
    o.null("node");
  if (e.contract)
    o.str("contract", std::to_string(*e.contract));
  else
    o.null("contract");
  JsonObject attributes;
  for (const auto& [k, v] : e.attributes) attributes.str(k, v);
  o.raw("attributes", attributes.text());
  return o.text();
}

}  // namespace

std::string render_table(const Row& header, const std::vector<Row>& rows) {
  std::vector<std::size_t> widths(header.size(), 0);
  auto measure = [&](const Row& row) {
    for (std::size_t i = 0; i < row.size() && i < widths.size(); ++i)
      widths[i] = std::max(widths[i], row[i].size());
  };
  measure(header);
  for (const Row& r : rows) measure(r);
  auto line = [&](const Row& row) {
    std::string out;
    for (std::size_t i = 0; i < widths.size(); ++i) {
      if (i) out += "  ";
      out += pad(i < row.size() ? row[i] : "", widths[i]);
    }
    return trim_right(out) + "\n";
  };
  std::string out = line(header);
  for (const Row& r : rows) out += line(r);
  return out;
}

std::string render_fields(const Fields& fields) {
  std::size_t width = 0;
  for (const auto& f : fields) width = std::max(width, f.first.size());
  std::string out;
  for (const auto& [name, value] : fields)
    out += trim_right(pad(name, width) + "  " + value) + "\n";
  return out;
}

std::string json_text(const rapidjson::Value& value) {
  rapidjson::StringBuffer buffer;
  rapidjson::PrettyWriter<rapidjson::StringBuffer> writer(buffer);
  writer.SetIndent(' ', 2);
  value.Accept(writer);
  return std::string(buffer.GetString(), buffer.GetSize()) + "\n";
}

JsonObject& JsonObject::add(std::string_view key, std::string_view json) {
  if (body_.size() > 1) body_ += ", ";
  body_ += json_quote(key) + ": " + std::string(json);
  return *this;
}
JsonObject& JsonObject::str(std::string_view key, std::string_view value) {
  return add(key, json_quote(value));
}
JsonObject& JsonObject::num(std::string_view key, std::uint64_t value) {
  return add(key, std::to_string(value));
}
JsonObject& JsonObject::boolean(std::string_view key, bool value) {
  return add(key, value ? "true" : "false");
}
JsonObject& JsonObject::null(std::string_view key) {
  return add(key, "null");
}
JsonObject& JsonObject::raw(std::string_view key, std::string_view json) {
  return add(key, json);
}

const rapidjson::Value* find_member(const rapidjson::Value& v, std::string_view name) {
  if (!v.IsObject()) return nullptr;
  auto it = v.FindMember(rapidjson::StringRef(name.data(), name.size()));
  return it == v.MemberEnd() ? nullptr : &it->value;
}

std::string member_text(const rapidjson::Value& v, std::string_view name) {
  const rapidjson::Value* m = find_member(v, name);
  if (!m || m->IsNull()) return "-";
  if (m->IsString()) return std::string(m->GetString(), m->GetStringLength());
  if (m->IsBool()) return m->GetBool() ? "true" : "false";
  if (m->IsUint64()) return std::to_string(m->GetUint64());
  if (m->IsInt64()) return std::to_string(m->GetInt64());
  rapidjson::StringBuffer buffer;
  rapidjson::Writer<rapidjson::StringBuffer> writer(buffer);
  m->Accept(writer);
  return std::string(buffer.GetString(), buffer.GetSize());
}

std::string member_time(const rapidjson::Value& v, std::string_view name) {
  return member_u64_formatted(v, name, format_time);
}

std::string member_tft(const rapidjson::Value& v, std::string_view name) {
  return member_u64_formatted(v, name, format_tft);
}
std::string member_usd(const rapidjson::Value& v, std::string_view name) {
  return member_u64_formatted(v, name, format_usd);
}
std::string member_size(const rapidjson::Value& v, std::string_view name) {
  return member_u64_formatted(v, name, format_size);
}

std::string event_line(const EventView& event) {
  std::string out = event.kind;
  for (const auto& [k, v] : event.attributes) {
    std::uint64_t units = 0;
    auto [end, ec] = std::from_chars(v.data(), v.data() + v.size(), units);
    bool amount = k == "amount" && !v.empty() && ec == std::errc() && end == v.data() + v.size();
    out += " " + k + "=" + (amount ? format_tft(units) : v);
  }
  return out;
}

std::string send_result_json(const SendResult& r, bool waited) {
  JsonObject o;
  o.str("id", r.id);
  o.str("status", r.committed ? "committed" : waited ? "timed_out" : "submitted");
  if (r.height)
    o.num("height", *r.height);
  else
    o.null("height");
  if (!r.committed) return o.null("receipt").text();
  std::string events = "[";
  for (std::size_t i = 0; i < r.events.size(); ++i)
    events += (i ? ", " : "") + event_json(r.events[i]);
  events += "]";
  JsonObject receipt;
  receipt.boolean("ok", r.ok)
      .str("reason", r.reason)
      .str("detail", r.detail)
      .str("fee", std::to_string(r.fee))
      .raw("events", events);
  return o.raw("receipt", receipt.text()).text();
}

}  // namespace grid::tools
