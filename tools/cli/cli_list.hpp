// The pieces every gridcli list command shares: the --page and --size options, their values
// added to the RPC params, the footer "page P, N shown of T", and the one call every list and
// show command makes (call, then JSON or the human rendering).
//
// Contract: add_paging reads --page (from 1) and --size (1..1000) into `params`; a bad value is
// Code::invalid naming the option. page_footer reads {"total", "page", "size"} of a list result.
// show_result calls `method` and prints the result as JSON (--json) or through `render`; it
// returns the exit code (1 with the node's words when the call fails). Thread safety: none.
#pragma once

#include <rapidjson/document.h>

#include <functional>
#include <string>
#include <string_view>

#include "tools/cli/cli_context.hpp"
#include "tools/cli/cli_output.hpp"
#include "tools/cli/cli_parser.hpp"

namespace grid::tools {

extern const OptionSpec kPageOption;
extern const OptionSpec kSizeOption;

core::Status add_paging(const Invocation& inv, JsonObject& params);
std::string page_footer(const rapidjson::Value& result, std::string_view items_member);

int show_result(Context& ctx, std::string_view what, std::string method, std::string params,
                const std::function<void(const rapidjson::Value&)>& render);

// Adds a u32 option (--farm ID -> "farm_id": ID) when given; Code::invalid naming it if bad.
core::Status add_u32_option(const Invocation& inv, std::string_view option, std::string_view key,
                            JsonObject& params, std::uint32_t min = 1);
// Adds a flag (--certified -> "certified": true) when given.
void add_flag(const Invocation& inv, std::string_view option, std::string_view key,
              JsonObject& params);

}  // namespace grid::tools
