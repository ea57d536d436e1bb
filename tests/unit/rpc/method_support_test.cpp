// The shared param helpers of the method handlers: heights, one-of choices, height ranges,
// pages and not_found.
#include "rpc/method_support.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <rapidjson/document.h>

#include <string>
#include <vector>

#include "rpc/jsonrpc.hpp"

namespace grid::rpc {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;

// Params over `json` (an object or an array) with the declared `names`.
class ParamsOf {
 public:
  ParamsOf(const std::string& json, std::vector<std::string> names) : names_(std::move(names)) {
    doc_.Parse(json.c_str());
    EXPECT_FALSE(doc_.HasParseError()) << json;
  }
  Params params() const { return Params(&doc_, names_); }

 private:
  rapidjson::Document doc_;
  std::vector<std::string> names_;
};

// The JSON-RPC error code a failed helper would produce.
int code_of(const core::Status& status) {
  return error_from_status(status).code;
}
template <class T>
int code_of(const core::Result<T>& result) {
  return result.is_ok() ? 0 : code_of(result.error());
}

TEST(MethodSupportTest, HeightIsAnUnsignedNumberUpTo2Pow53Minus1) {
  auto height = [](const std::string& value) {
    ParamsOf p("{\"height\":" + value + "}", {"height"});
    return get_height(p.params(), "height");
  };
  ASSERT_TRUE(height("5").is_ok());
  EXPECT_EQ(*height("5"), 5u);
  EXPECT_EQ(*height("0"), 0u);
  EXPECT_EQ(*height("9007199254740991"), kMaxJsonSafeInteger);
  for (const char* bad : {"\"5\"", "-1", "1.5", "1e3", "9007199254740992", "true", "[1]"})
    EXPECT_EQ(code_of(height(bad)), error_code::invalid_params) << bad;
  auto missing = get_height(ParamsOf("{}", {"height"}).params(), "height");
  EXPECT_EQ(code_of(missing), error_code::invalid_params);
  EXPECT_THAT(missing.error().message(), HasSubstr("height: missing"));
  auto undeclared = get_height(ParamsOf("{}", {"height"}).params(), "other");
  EXPECT_EQ(undeclared.error().code(), core::Code::internal);
}

TEST(MethodSupportTest, HeightOrFallbackAndBoundedU32) {
  ParamsOf absent("{}", {"height", "timeout_ms"});
  EXPECT_EQ(*get_height_or(absent.params(), "height", 7), 7u);
  EXPECT_EQ(*get_u32_at_most(absent.params(), "timeout_ms", 10, 20), 10u);
  EXPECT_EQ(get_height_or(absent.params(), "nope", 7).error().code(), core::Code::internal);
  ParamsOf null_given("{\"height\":null}", {"height"});
  EXPECT_EQ(*get_height_or(null_given.params(), "height", 7), 7u);
  ParamsOf given("[3, 20]", {"height", "timeout_ms"});
  EXPECT_EQ(*get_height_or(given.params(), "height", 7), 3u);
  EXPECT_EQ(*get_u32_at_most(given.params(), "timeout_ms", 10, 20), 20u);
  EXPECT_EQ(code_of(get_u32_at_most(given.params(), "timeout_ms", 10, 19)),
            error_code::invalid_params);
}

TEST(MethodSupportTest, ExactlyOneOf) {
  std::vector<std::string> names = {"account", "twin", "node"};
  EXPECT_EQ(*exactly_one_of(ParamsOf("{\"twin\":1}", names).params(), {"account", "twin", "node"}),
            1u);
  EXPECT_EQ(*exactly_one_of(ParamsOf("[null,null,4]", names).params(), {"account", "twin", "node"}),
            2u);
  for (const char* bad : {"{}", "{\"twin\":1,\"node\":2}", "{\"account\":null}"}) {
    auto r = exactly_one_of(ParamsOf(bad, names).params(), {"account", "twin", "node"});
    EXPECT_EQ(code_of(r), error_code::invalid_params) << bad;
    EXPECT_THAT(r.error().message(), HasSubstr("give exactly one of account, twin, node"));
  }
  auto undeclared = exactly_one_of(ParamsOf("{}", names).params(), {"account", "farm"});
  EXPECT_EQ(undeclared.error().code(), core::Code::internal);
}

TEST(MethodSupportTest, BlockSelector) {
  std::vector<std::string> names = {"height", "hash"};
  auto by_height = get_block_selector(ParamsOf("{\"height\":9}", names).params());
  ASSERT_TRUE(by_height.is_ok());
  EXPECT_EQ(by_height->height, std::optional<std::uint64_t>(9));
  std::string hex(64, 'a');
  auto by_hash = get_block_selector(ParamsOf("{\"hash\":\"" + hex + "\"}", names).params());
  ASSERT_TRUE(by_hash.is_ok());
  EXPECT_FALSE(by_hash->height.has_value());
  EXPECT_EQ(by_hash->hash.hex(), hex);
  EXPECT_EQ(code_of(get_block_selector(ParamsOf("{\"hash\":\"aa\"}", names).params())),
            error_code::invalid_params);
  EXPECT_EQ(code_of(get_block_selector(
                ParamsOf("{\"height\":1,\"hash\":\"" + hex + "\"}", names).params())),
            error_code::invalid_params);
}

TEST(MethodSupportTest, HeightRangeIsCheckedThenClippedToTheTip) {
  auto range = [](const std::string& json, std::uint64_t tip) {
    return get_height_range(ParamsOf(json, {"from", "to"}).params(), "from", "to", 1000, tip);
  };
  auto full = range("[1,10]", 50);
  ASSERT_TRUE(full.is_ok());
  EXPECT_EQ(full->from, 1u);
  EXPECT_EQ(full->to, 10u);
  auto clipped = range("[40,1039]", 50);  // exactly 1000 heights asked
  ASSERT_TRUE(clipped.is_ok());
  EXPECT_EQ(clipped->to, 50u);
  EXPECT_FALSE(clipped->empty());
  auto past = range("[51,60]", 50);
  ASSERT_TRUE(past.is_ok());
  EXPECT_TRUE(past->empty());
  EXPECT_TRUE(range("[5,5]", 5).is_ok() && !range("[5,5]", 5)->empty());
  EXPECT_EQ(code_of(range("[40,1040]", 5000)), error_code::invalid_params);  // 1001 heights
  EXPECT_EQ(code_of(range("[3,2]", 50)), error_code::invalid_params);
  EXPECT_EQ(code_of(range("[0,2]", 50)), error_code::invalid_params);
  EXPECT_EQ(code_of(range("[1]", 50)), error_code::invalid_params);
  EXPECT_EQ(code_of(range("[1,9007199254740991]", 50)), error_code::invalid_params);
}

TEST(MethodSupportTest, PagesCountFromOneUpTo1000Items) {
  std::vector<std::string> names = {"page", "size"};
  auto defaults = get_page(ParamsOf("{}", names).params(), 50);
  ASSERT_TRUE(defaults.is_ok());
  EXPECT_EQ(defaults->number, 1u);
  EXPECT_EQ(defaults->size, 50u);
  EXPECT_EQ(defaults->offset(), 0u);
  auto third = get_page(ParamsOf("{\"page\":3,\"size\":2}", names).params(), 50);
  ASSERT_TRUE(third.is_ok());
  EXPECT_EQ(third->offset(), 4u);
  for (const char* bad : {"{\"page\":0}", "{\"size\":0}", "{\"size\":1001}", "{\"page\":\"1\"}"})
    EXPECT_EQ(code_of(get_page(ParamsOf(bad, names).params(), 50)), error_code::invalid_params)
        << bad;
  EXPECT_TRUE(get_page(ParamsOf("{\"size\":1000}", names).params(), 50).is_ok());

  std::vector<int> items = {1, 2, 3, 4, 5};
  auto slice = [&](std::uint32_t number, std::uint32_t size) {
    auto s = page_of(items, Page{number, size});
    return std::vector<int>(s.begin(), s.end());
  };
  EXPECT_THAT(slice(1, 2), ElementsAre(1, 2));
  EXPECT_THAT(slice(3, 2), ElementsAre(5));
  EXPECT_THAT(slice(4, 2), ElementsAre());
  EXPECT_THAT(slice(4'294'967'295u, 1000), ElementsAre());  // no overflow on the last page
}

TEST(MethodSupportTest, FoundTurnsAbsentIntoNotFound) {
  auto present = found(core::Result<std::optional<int>>(std::optional<int>(4)), "thing");
  EXPECT_EQ(*present, 4);
  auto absent = found(core::Result<std::optional<int>>(std::optional<int>()), "farm 7");
  EXPECT_EQ(absent.error().code(), core::Code::not_found);
  EXPECT_EQ(absent.error().message(), "farm 7 not found");
  EXPECT_EQ(code_of(absent), error_code::not_found);
  auto failed = found(core::Result<std::optional<int>>(core::Status::io("disk")), "thing");
  EXPECT_EQ(failed.error().code(), core::Code::io);
}

}  // namespace
}  // namespace grid::rpc
