// gridcli's output helpers: aligned tables and "name  value" blocks for people, JSON text for
// scripts, and readers that turn members of an RPC result into display text.
//
// Contract:
// - render_table pads every column to its widest cell (two spaces between columns, no trailing
//   spaces) under a header row; render_fields aligns "name  value" lines. Both end in '\n' per
//   line.
// - json_text writes a RapidJSON value as indented JSON (2 spaces) with a final '\n'.
// - JsonObject builds a one-level JSON object for local commands; values are escaped.
// - member_text: a string member as is, a number or bool in JSON form, null or absent as "-".
//   member_tft / member_size / member_usd / member_time read a u64 (JSON number or decimal string)
//   and format it (cli_values.hpp); "-" when absent or null, "?" when not a u64.
// - event_line: "kind key=value ..." of one receipt event, an "amount" in TFT.
// Pure; thread-safe.
#pragma once

#include <rapidjson/document.h>

#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "tools/client/event_view.hpp"
#include "tools/client/tx_sender.hpp"

namespace grid::tools {

using Row = std::vector<std::string>;
using Fields = std::vector<std::pair<std::string, std::string>>;

std::string render_table(const Row& header, const std::vector<Row>& rows);
std::string render_fields(const Fields& fields);
std::string json_text(const rapidjson::Value& value);

class JsonObject {
 public:
  JsonObject& str(std::string_view key, std::string_view value);
  JsonObject& num(std::string_view key, std::uint64_t value);
  JsonObject& boolean(std::string_view key, bool value);
  JsonObject& null(std::string_view key);
  JsonObject& raw(std::string_view key, std::string_view json);  // already JSON
  std::string text() const { return body_ + "}"; }

 private:
  JsonObject& add(std::string_view key, std::string_view json);
  std::string body_ = "{";
};

const rapidjson::Value* find_member(const rapidjson::Value& v, std::string_view name);
std::string member_text(const rapidjson::Value& v, std::string_view name);
std::string member_tft(const rapidjson::Value& v, std::string_view name);
std::string member_usd(const rapidjson::Value& v, std::string_view name);
std::string member_size(const rapidjson::Value& v, std::string_view name);
std::string member_time(const rapidjson::Value& v, std::string_view name);  // unix seconds

std::string event_line(const EventView& event);
// JSON of a sent transaction in the shape of tx_submitAndWait's result: {"id", "status"
// ("committed" | "submitted" | "timed_out"), "height", "receipt": {"ok", "reason", "detail",
// "fee", "events"} or null}.
std::string send_result_json(const SendResult& result, bool waited);

}  // namespace grid::tools
