#include "tools/cli/cli_list.hpp"

#include <ostream>

#include "tools/cli/cli_values.hpp"
#include "tools/client/cli_args.hpp"

namespace grid::tools {

const OptionSpec kPageOption = {"--page", "N", "the page to show, from 1 (default 1)"};
const OptionSpec kSizeOption = {"--size", "N", "items per page, 1..1000"};

core::Status add_u32_option(const Invocation& inv, std::string_view option, std::string_view key,
                            JsonObject& params, std::uint32_t min) {
  auto text = inv.value(option);
  if (!text) return core::Status::ok();
  GRID_ASSIGN(std::uint32_t v, parse_id32(option, *text, min));
  params.num(key, v);
  return core::Status::ok();
}

void add_flag(const Invocation& inv, std::string_view option, std::string_view key,
              JsonObject& params) {
  if (inv.has(option)) params.boolean(key, true);
}

core::Status add_paging(const Invocation& inv, JsonObject& params) {
  GRID_TRY(add_u32_option(inv, "--page", "page", params));
  if (auto size = inv.value("--size")) {
    GRID_ASSIGN(std::uint64_t n, parse_u64_arg("--size", *size, 1, 1000));
    params.num("size", n);
  }
  return core::Status::ok();
}

std::string page_footer(const rapidjson::Value& result, std::string_view items_member) {
  const rapidjson::Value* items = find_member(result, items_member);
  std::size_t shown = items && items->IsArray() ? items->Size() : 0;
  return "page " + member_text(result, "page") + ", " + std::to_string(shown) + " shown of " +
         member_text(result, "total") + "\n";
}

int show_result(Context& ctx, std::string_view what, std::string method, std::string params,
                const std::function<void(const rapidjson::Value&)>& render) {
  auto reply = ctx.call(std::move(method), std::move(params));
  if (!reply) return ctx.fail(what, reply.error());
  if (ctx.json())
    ctx.out() << json_text(reply->result(0));
  else
    render(reply->result(0));
  return kExitOk;
}

}  // namespace grid::tools
