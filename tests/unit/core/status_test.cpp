#include "core/status.hpp"

#include <gtest/gtest.h>

namespace grid::core {
namespace {

Result<int> half(int x) {
  if (x % 2 != 0) return Status::invalid("odd");
  return x / 2;
}

Result<int> quarter(int x) {
  GRID_ASSIGN(int h, half(x));
  GRID_ASSIGN(int q, half(h));
  return q;
}

Status check_even(int x) {
  GRID_TRY(half(x).status());
  return Status::ok();
}

TEST(Status, OkIsCheapAndEmpty) {
  Status s;
  EXPECT_TRUE(s.is_ok());
  EXPECT_EQ(s.code(), Code::ok);
  EXPECT_EQ(s.message(), "");
  EXPECT_EQ(s.to_string(), "ok");
  static_assert(sizeof(Status) == sizeof(void*));
}

TEST(Status, ErrorCarriesCodeAndMessage) {
  Status s = Status::corruption("bad block 7");
  EXPECT_FALSE(s.is_ok());
  EXPECT_EQ(s.code(), Code::corruption);
  EXPECT_EQ(s.to_string(), "corruption: bad block 7");
  Status copy = s;
  EXPECT_EQ(copy.to_string(), s.to_string());
  EXPECT_EQ(Status::error(Code::ok, "x").code(), Code::internal);
}

TEST(Result, ValueOrError) {
  EXPECT_EQ(half(8).value(), 4);
  EXPECT_FALSE(half(3).is_ok());
  EXPECT_EQ(half(3).error().message(), "odd");
  EXPECT_EQ(quarter(8).value(), 2);
  EXPECT_EQ(quarter(6).error().message(), "odd");
  EXPECT_TRUE(check_even(2).is_ok());
  EXPECT_EQ(check_even(1).code(), Code::invalid);
}

TEST(ResultDeathTest, MisuseAborts) {
  EXPECT_DEATH({ (void)half(3).value(); }, "");
  EXPECT_DEATH({ (void)half(2).error(); }, "");
}

}  // namespace
}  // namespace grid::core
