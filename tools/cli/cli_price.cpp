// gridcli price: the TFT price the chain bills with (price_get) and a feeder's submit_price.
#include <ostream>

#include "ledger/calls.hpp"
#include "tools/cli/cli_commands.hpp"
#include "tools/cli/cli_output.hpp"
#include "tools/cli/cli_values.hpp"
#include "tools/client/cli_args.hpp"

namespace grid::tools {
namespace {

int price_show(Context& ctx, const Invocation&) {
  auto reply = ctx.call("price_get", "{}");
  if (!reply) return ctx.fail("price show", reply.error());
  const rapidjson::Value& r = reply->result(0);
  if (ctx.json()) {
    ctx.out() << json_text(r);
    return kExitOk;
  }
  ctx.out() << render_fields({{"billing price", member_text(r, "effective_musd") + " mUSD/TFT"},
                              {"average", member_text(r, "average_musd") + " mUSD/TFT"},
                              {"latest sample", member_text(r, "latest_musd") + " mUSD/TFT"},
                              {"clamp", member_text(r, "price_min") + " .. " +
                                            member_text(r, "price_max") + " mUSD/TFT"}});
  return kExitOk;
}

int price_submit(Context& ctx, const Invocation& inv) {
  auto musd = parse_u64_arg("MUSD_PER_TFT", inv.args[0], 1, 0xffffffffull);
  if (!musd) return ctx.usage(inv, musd.error());
  ledger::SubmitPrice call{static_cast<std::uint32_t>(*musd)};
  return ctx.submit("price submit", call, [&](const SendResult&) {
    ctx.out() << "submitted " << *musd << " mUSD/TFT\n";
  });
}

}  // namespace

std::vector<CommandSpec> price_commands() {
  return {
      {.group = "price",
       .name = "show",
       .summary = "show the TFT price billing uses: the clamped mean of the feeders' samples",
       .handler = price_show},
      {.group = "price",
       .name = "submit",
       .args = "MUSD_PER_TFT",
       .min_args = 1,
       .max_args = 1,
       .summary = "submit a TFT price sample (price feeders only, at most once a minute)",
       .details = "The price is in mUSD per TFT: 20 means 0.020 USD. The chain keeps the mean of\n"
                  "the last price_window accepted samples and clamps it to [price_min,\n"
                  "price_max].\n",
       .handler = price_submit,
       .signs = true},
  };
}

}  // namespace grid::tools
