// The /events query: every parameter parses and filters, bad values and unknown or repeated
// parameters are refused with a one-line message naming them, Last-Event-ID resumes, and the
// filters combine with AND (kind: any of the list).
#include "rpc/event_filter.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <string>
#include <utility>
#include <vector>

#include "core/dev_accounts.hpp"

namespace grid::rpc {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;
using ::testing::StartsWith;

constexpr const char* kAlice = "tf1qzx4kl6ge7g0lv99n2xxxj892azewe9sj4wx904esgfqek2fxjmnghr0tyw";

core::Result<EventQuery> parse(std::vector<std::pair<std::string, std::string>> params,
                               std::optional<std::string_view> last_event_id = std::nullopt) {
  return parse_event_query(QueryParams(params.begin(), params.end()), last_event_id);
}

// The refusal message of a query that must fail ("" when it parsed).
std::string refusal(std::vector<std::pair<std::string, std::string>> params,
                    std::optional<std::string_view> last_event_id = std::nullopt) {
  auto query = parse(std::move(params), last_event_id);
  if (query) {
    ADD_FAILURE() << "the query parsed";
    return "";
  }
  EXPECT_EQ(query.error().code(), core::Code::invalid);
  EXPECT_THAT(query.error().message(), Not(HasSubstr("\n")));
  return query.error().message();
}

ledger::Event event(std::string kind) {
  return ledger::Event{.kind = std::move(kind)};
}

TEST(EventFilterTest, NoParametersMeansFromTheTipAndEveryEvent) {
  auto query = parse({});
  ASSERT_TRUE(query);
  EXPECT_FALSE(query->from);
  EXPECT_EQ(query->filter, EventFilter{});
  EXPECT_TRUE(query->filter.matches(event("transfer")));
  EXPECT_TRUE(query->filter.matches(ledger::Event{.kind = "x", .twin = 3, .contract = 9}));
}

TEST(EventFilterTest, EveryParameterParses) {
  auto query = parse({{"from", "12"},
                      {"account", kAlice},
                      {"twin", "4294967295"},
                      {"farm", "2"},
                      {"node", "3"},
                      {"contract", "18446744073709551615"},
                      {"kind", "transfer,contract_billed"}});
  ASSERT_TRUE(query) << query.error().message();
  EXPECT_EQ(query->from, 12u);
  EXPECT_EQ(query->filter.account, core::dev_account("alice").value());
  EXPECT_EQ(query->filter.twin, 4294967295u);
  EXPECT_EQ(query->filter.farm, 2u);
  EXPECT_EQ(query->filter.node, 3u);
  EXPECT_EQ(query->filter.contract, 18446744073709551615u);
  EXPECT_EQ(query->filter.kinds, (std::vector<std::string>{"transfer", "contract_billed"}));
}

TEST(EventFilterTest, BadValuesAreRefusedNamingTheParameter) {
  const std::vector<std::pair<std::string, std::string>> bad = {{"from", "0"},
                                                                {"from", "abc"},
                                                                {"from", "-1"},
                                                                {"from", ""},
                                                                {"from", "18446744073709551616"},
                                                                {"twin", "4294967296"},
                                                                {"twin", "01"},
                                                                {"twin", " 1"},
                                                                {"farm", "x"},
                                                                {"node", "1e3"},
                                                                {"contract", "1.5"},
                                                                {"account", "tf1bad"},
                                                                {"account", ""},
                                                                {"account", "alice"},
                                                                {"kind", ""},
                                                                {"kind", "a,,b"},
                                                                {"kind", "transfer,"},
                                                                {"kind", "Transfer"},
                                                                {"kind", "a b"}};
  for (const auto& [name, value] : bad)
    EXPECT_THAT(refusal({{name, value}}), StartsWith(name + ": ")) << name << "=" << value;
}

TEST(EventFilterTest, UnknownAndRepeatedParametersAreRefused) {
  EXPECT_THAT(refusal({{"height", "1"}}), HasSubstr("unknown parameter \"height\""));
  EXPECT_THAT(refusal({{"twin", "1"}, {"Twin", "2"}}), HasSubstr("\"Twin\""));
  // An untrusted name is shown on one line.
  EXPECT_THAT(refusal({{"a\nb", "1"}}), HasSubstr("unknown parameter \"a?b\""));
  EXPECT_EQ(refusal({{"twin", "1"}, {"twin", "2"}}), "twin: given more than once");
}

TEST(EventFilterTest, LastEventIdResumesAfterItUnlessFromIsGiven) {
  EXPECT_EQ(parse({}, "7")->from, 8u);
  EXPECT_EQ(parse({{"from", "3"}}, "7")->from, 3u);
  EXPECT_FALSE(parse({}, "")->from);  // an empty id is no id
  EXPECT_EQ(parse({}, "0")->from, 1u);
  EXPECT_THAT(refusal({}, "x7"), StartsWith("Last-Event-ID: "));
  EXPECT_THAT(refusal({}, "18446744073709551615"), StartsWith("Last-Event-ID: "));
}

TEST(EventFilterTest, EachIdFilterMatchesOnlyEventsWithThatId) {
  const core::AccountId alice = core::dev_account("alice").value();
  const core::AccountId bob = core::dev_account("bob").value();
  const ledger::Event full{
      .kind = "k", .account = alice, .twin = 1, .farm = 2, .node = 3, .contract = 4};
  struct Case {
    EventFilter filter;
    ledger::Event other;  // differs from `full` in that id
  };
  const std::vector<Case> cases = {
      {{.account = alice}, {.kind = "k", .account = bob}},
      {{.twin = 1}, {.kind = "k", .twin = 2}},
      {{.farm = 2}, {.kind = "k", .farm = 3}},
      {{.node = 3}, {.kind = "k", .node = 4}},
      {{.contract = 4}, {.kind = "k", .contract = 5}},
  };
  for (std::size_t i = 0; i < cases.size(); ++i) {
    EXPECT_TRUE(cases[i].filter.matches(full)) << i;
    EXPECT_FALSE(cases[i].filter.matches(cases[i].other)) << i;
    EXPECT_FALSE(cases[i].filter.matches(event("k"))) << i << ": an event without the id";
  }
}

TEST(EventFilterTest, KindsAreAnyOfAndFiltersCombineWithAnd) {
  auto query = parse({{"kind", "transfer,transfer_received"}, {"twin", "7"}});
  ASSERT_TRUE(query);
  const EventFilter& f = query->filter;
  EXPECT_TRUE(f.matches({.kind = "transfer", .twin = 7}));
  EXPECT_TRUE(f.matches({.kind = "transfer_received", .twin = 7}));
  EXPECT_FALSE(f.matches({.kind = "transfer", .twin = 8}));            // kind yes, twin no
  EXPECT_FALSE(f.matches({.kind = "twin_created", .twin = 7}));        // twin yes, kind no
  EXPECT_FALSE(f.matches({.kind = "transfer"}));                       // no twin at all
  EXPECT_FALSE(f.matches({.kind = "transfer_receivedx", .twin = 7}));  // whole names only
}

}  // namespace
}  // namespace grid::rpc
