#include "tools/cli/cli_output.hpp"

#include <gtest/gtest.h>

namespace grid::tools {
namespace {

rapidjson::Document parse(const std::string& text) {
  rapidjson::Document doc;
  doc.Parse(text.c_str());
  EXPECT_FALSE(doc.HasParseError()) << text;
  return doc;
}

TEST(CliOutput, TablePadsColumnsWithoutTrailingSpaces) {
  std::string t = render_table({"ID", "NAME", "X"}, {{"1", "alpha", ""}, {"22", "b", "z"}});
  EXPECT_EQ(t,
            "ID  NAME   X\n"
            "1   alpha\n"
            "22  b      z\n");
}

TEST(CliOutput, FieldsAlignValues) {
  EXPECT_EQ(render_fields({{"tx", "ab"}, {"height", "12"}, {"event", ""}}),
            "tx      ab\n"
            "height  12\n"
            "event\n");
}

TEST(CliOutput, JsonObjectEscapesAndParses) {
  std::string text = JsonObject()
                         .str("name", "a\"b\\c\n")
                         .num("n", 18446744073709551615u)
                         .boolean("ok", true)
                         .null("none")
                         .raw("list", "[1, 2]")
                         .text();
  rapidjson::Document doc = parse(text);
  EXPECT_STREQ(doc["name"].GetString(), "a\"b\\c\n");
  EXPECT_EQ(doc["n"].GetUint64(), 18446744073709551615u);
  EXPECT_TRUE(doc["ok"].IsBool() && doc["ok"].GetBool());
  EXPECT_TRUE(doc["none"].IsNull());
  EXPECT_EQ(doc["list"].Size(), 2u);
  EXPECT_EQ(JsonObject().text(), "{}");
}

TEST(CliOutput, MemberReadersFormatForPeople) {
  rapidjson::Document doc = parse(
      R"({"s": "x", "n": 7, "b": false, "z": null, "free": "123400000", "mru": "8589934592",
          "usd": 152500, "bad": "12x", "o": {"a": 1}})");
  EXPECT_EQ(member_text(doc, "s"), "x");
  EXPECT_EQ(member_text(doc, "n"), "7");
  EXPECT_EQ(member_text(doc, "b"), "false");
  EXPECT_EQ(member_text(doc, "z"), "-");
  EXPECT_EQ(member_text(doc, "missing"), "-");
  EXPECT_EQ(member_text(doc, "o"), R"({"a":1})");
  EXPECT_EQ(member_tft(doc, "free"), "12.3400000 TFT");
  EXPECT_EQ(member_tft(doc, "z"), "-");
  EXPECT_EQ(member_tft(doc, "bad"), "?");
  EXPECT_EQ(member_size(doc, "mru"), "8.0 GiB");
  EXPECT_EQ(member_usd(doc, "usd"), "0.0152500 USD");
}

TEST(CliOutput, JsonTextIsIndentedAndRoundTrips) {
  rapidjson::Document doc = parse(R"({"a": [1, {"b": "c"}]})");
  std::string text = json_text(doc);
  EXPECT_NE(text.find("\n  \"a\""), std::string::npos) << text;
  EXPECT_EQ(text.back(), '\n');
  rapidjson::Document again = parse(text);
  EXPECT_EQ(json_text(again), text);  // (no Value ==: TOOLCHAIN.md trap 5)
}

TEST(CliOutput, EventLineListsAttributes) {
  EventView e;
  e.kind = "transfer";
  e.attributes["amount"] = "5000";
  e.attributes["to"] = "tf1x";
  EXPECT_EQ(event_line(e), "transfer amount=0.0005000 TFT to=tf1x");
  e.attributes["amount"] = "n/a";
  EXPECT_EQ(event_line(e), "transfer amount=n/a to=tf1x");
}

TEST(CliOutput, SendResultJsonHasTheShapeOfSubmitAndWait) {
  SendResult r;
  r.id = "ab";
  r.committed = true;
  r.height = 12;
  r.ok = false;
  r.reason = "insufficient_funds";
  r.detail = "free balance 1";
  r.fee = 10173;
  EventView e;
  e.kind = "twin_created";
  e.twin = 3;
  e.contract = 18446744073709551615u;
  r.events.push_back(e);
  rapidjson::Document doc = parse(send_result_json(r, true));
  EXPECT_STREQ(doc["status"].GetString(), "committed");
  EXPECT_EQ(doc["height"].GetUint64(), 12u);
  const auto& receipt = doc["receipt"];
  EXPECT_FALSE(receipt["ok"].GetBool());
  EXPECT_STREQ(receipt["reason"].GetString(), "insufficient_funds");
  EXPECT_STREQ(receipt["fee"].GetString(), "10173");
  EXPECT_EQ(receipt["events"][0]["twin"].GetUint(), 3u);
  EXPECT_STREQ(receipt["events"][0]["contract"].GetString(), "18446744073709551615");
  EXPECT_TRUE(receipt["events"][0]["account"].IsNull());

  SendResult pending;
  pending.id = "cd";
  rapidjson::Document submitted = parse(send_result_json(pending, false));
  EXPECT_STREQ(submitted["status"].GetString(), "submitted");
  EXPECT_TRUE(submitted["receipt"].IsNull());
  rapidjson::Document timed_out = parse(send_result_json(pending, true));
  EXPECT_STREQ(timed_out["status"].GetString(), "timed_out");
}

}  // namespace
}  // namespace grid::tools
