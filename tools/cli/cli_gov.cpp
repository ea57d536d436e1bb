// gridcli gov: council motions and farm-weighted proposals: propose, vote, veto, list, show
// (calls 0x70-0x74, gov_listProposals, gov_getProposal). ACTION words: cli_gov_action.hpp.
#include <algorithm>
#include <limits>
#include <ostream>
#include <variant>

#include "ledger/governance_calls.hpp"
#include "tools/cli/cli_commands.hpp"
#include "tools/cli/cli_gov_action.hpp"
#include "tools/cli/cli_list.hpp"
#include "tools/cli/cli_values.hpp"
#include "tools/client/cli_args.hpp"
#include "tools/client/rpc_client.hpp"

namespace grid::tools {
namespace {

constexpr std::size_t kMaxText = 256;
constexpr std::uint64_t kU64Max = std::numeric_limits<std::uint64_t>::max();
constexpr std::string_view kStates[] = {"open",   "passed", "rejected",
                                        "vetoed", "failed", "expired"};

core::Result<bool> parse_vote(std::string_view text) {
  if (text == "yes") return true;
  if (text == "no") return false;
  return core::Status::invalid("VOTE: '" + std::string(text) + "' is not yes or no");
}

// The description (required) and, for proposals, the link: each at most 256 bytes.
core::Status check_texts(const Invocation& inv) {
  auto description = inv.value("--description");
  if (!description || description->empty())
    return core::Status::invalid("--description is required");
  if (description->size() > kMaxText)
    return core::Status::invalid("--description: at most 256 bytes");
  if (inv.value("--link").value_or("").size() > kMaxText)
    return core::Status::invalid("--link: at most 256 bytes");
  return core::Status::ok();
}

// The action of `gov propose` / `gov motion`: parsed offline (exit 2 on a mistake), then a
// policy edit completed from the chain's current policy (a new policy id: from the defaults).
// Returns the exit code on failure.
std::variant<ledger::GovAction, int> read_action(Context& ctx, const Invocation& inv) {
  if (auto st = check_texts(inv); !st) return ctx.usage(inv, st);
  auto parsed =
      parse_gov_action(inv.args, inv, [&](std::string_view t) { return ctx.resolve_account(t); });
  if (!parsed) return ctx.usage(inv, parsed.error());
  if (auto* action = std::get_if<ledger::GovAction>(&*parsed)) return *action;
  const PolicyEdit& edit = std::get<PolicyEdit>(*parsed);
  auto reply = ctx.call(std::string(policy_method(edit.kind)),
                        "{\"id\":" + std::to_string(edit.policy_id) + "}");
  bool is_new = !reply && reply.error().message().starts_with("not_found");
  if (!reply && !is_new) return ctx.fail(inv.command->path(), reply.error());
  if (edit.kind == PolicyKind::pricing) {
    if (is_new) return apply_policy_edit(edit, ledger::PricingPolicy{});
    auto base = pricing_policy_from_json(reply->result(0));
    if (!base) return ctx.fail(inv.command->path(), base.error());
    return apply_policy_edit(edit, *base);
  }
  if (is_new) return apply_policy_edit(edit, ledger::FarmingPolicy{});
  auto base = farming_policy_from_json(reply->result(0));
  if (!base) return ctx.fail(inv.command->path(), base.error());
  return apply_policy_edit(edit, *base);
}

// "proposal 3 closed: passed" lines for the closing events of a receipt.
void print_closed(Context& ctx, const SendResult& r) {
  for (const EventView& e : r.events) {
    std::string what = e.kind.starts_with("motion_") ? "motion" : "proposal";
    if (e.kind != what + "_executed" && e.kind != what + "_closed") continue;
    std::string reason = e.attribute("reason");
    ctx.out() << what << " " << e.attribute(what) << " closed: " << e.attribute("state")
              << (reason.empty() ? "" : " (" + reason + ")") << "\n";
  }
}

void print_opened(Context& ctx, const SendResult& r, std::string_view what) {
  std::string kind = what == "motion" ? "motion_proposed" : "proposal_created";
  if (const EventView* e = r.find_event(kind)) {
    auto end = parse_u64_arg("end", e->attribute("end"), 0, kU64Max);
    ctx.out() << what << " " << e->attribute(std::string(what))
              << " created: " << e->attribute("action") << ", voting ends at "
              << (end ? format_time(*end) : std::string("?")) << "\n";
  }
  print_closed(ctx, r);
}

int propose(Context& ctx, const Invocation& inv) {
  auto action = read_action(ctx, inv);
  if (auto* code = std::get_if<int>(&action)) return *code;
  ledger::CreateProposal call{std::get<ledger::GovAction>(action), *inv.value("--description"),
                              inv.value("--link").value_or("")};
  return ctx.submit("gov propose", call,
                    [&](const SendResult& r) { print_opened(ctx, r, "proposal"); });
}

int motion(Context& ctx, const Invocation& inv) {
  auto action = read_action(ctx, inv);
  if (auto* code = std::get_if<int>(&action)) return *code;
  ledger::ProposeMotion call{std::get<ledger::GovAction>(action), *inv.value("--description")};
  return ctx.submit("gov motion", call,
                    [&](const SendResult& r) { print_opened(ctx, r, "motion"); });
}

int vote(Context& ctx, const Invocation& inv) {
  auto id = parse_id64("ID", inv.args[0]);
  if (!id) return ctx.usage(inv, id.error());
  auto farm = parse_id32("FARM_ID", inv.args[1]);
  if (!farm) return ctx.usage(inv, farm.error());
  auto yes = parse_vote(inv.args[2]);
  if (!yes) return ctx.usage(inv, yes.error());
  return ctx.submit("gov vote", ledger::VoteProposal{*id, *farm, *yes}, [&](const SendResult& r) {
    const EventView* e = r.find_event("proposal_voted");
    ctx.out() << "voted " << inv.args[2] << " on proposal " << *id << " with farm " << *farm
              << " (weight " << (e ? e->attribute("weight") : "?") << ")\n";
  });
}

int vote_motion(Context& ctx, const Invocation& inv) {
  auto id = parse_id64("ID", inv.args[0]);
  if (!id) return ctx.usage(inv, id.error());
  auto yes = parse_vote(inv.args[1]);
  if (!yes) return ctx.usage(inv, yes.error());
  return ctx.submit("gov vote-motion", ledger::VoteMotion{*id, *yes}, [&](const SendResult& r) {
    ctx.out() << "voted " << inv.args[1] << " on motion " << *id << "\n";
    print_closed(ctx, r);
  });
}

int veto(Context& ctx, const Invocation& inv) {
  auto id = parse_id64("ID", inv.args[0]);
  if (!id) return ctx.usage(inv, id.error());
  return ctx.submit("gov veto", ledger::VetoProposal{*id}, [&](const SendResult& r) {
    ctx.out() << "vetoed proposal " << *id << "\n";
    print_closed(ctx, r);
  });
}

// "set_chain_param name=base_fee value=20"; an object member (a policy) as "{k=v ...}".
std::string action_text(const rapidjson::Value* action) {
  if (!action || !action->IsObject()) return "-";
  std::string out = member_text(*action, "kind");
  for (const auto& m : action->GetObject()) {
    std::string key(m.name.GetString(), m.name.GetStringLength());
    if (key == "kind") continue;
    std::string value;
    if (m.value.IsObject()) {
      for (const auto& f : m.value.GetObject()) {
        std::string k(f.name.GetString(), f.name.GetStringLength());
        value += (value.empty() ? "{" : " ") + k + "=" + member_text(m.value, k);
      }
      value += "}";
    } else {
      value = member_text(*action, key);
    }
    out += " " + key + "=" + value;
  }
  return out;
}

std::string action_kind(const rapidjson::Value& record) {
  const rapidjson::Value* action = find_member(record, "action");
  return action ? member_text(*action, "kind") : "-";
}

std::string list_of(const rapidjson::Value& r, std::string_view name) {
  const rapidjson::Value* list = find_member(r, name);
  std::string out;
  if (list && list->IsArray())
    for (const auto& a : list->GetArray())
      if (a.IsString()) out += (out.empty() ? "" : " ") + std::string(a.GetString());
  return out.empty() ? "-" : out;
}

void render_record(Context& ctx, const rapidjson::Value& r) {
  bool is_motion = member_text(r, "kind") == "motion";
  Fields f = {{is_motion ? "motion" : "proposal", member_text(r, "id")},
              {"state", member_text(r, "state")},
              {"action", action_text(find_member(r, "action"))},
              {"description", member_text(r, "description")},
              {"proposer", member_text(r, "proposer")},
              {"created at", member_time(r, "created_at")},
              {"ends at", member_time(r, "end")}};
  if (member_text(r, "state") == "failed") f.emplace_back("failure", member_text(r, "failure"));
  if (is_motion) {
    f.emplace_back("yes", list_of(r, "yes"));
    f.emplace_back("no", list_of(r, "no"));
    f.emplace_back("threshold", member_text(r, "threshold") + " of " +
                                    member_text(r, "council_size") + " council members");
    ctx.out() << render_fields(f);
    return;
  }
  f.emplace_back("link", member_text(r, "link"));
  f.emplace_back("yes weight", member_text(r, "yes_weight"));
  f.emplace_back("no weight", member_text(r, "no_weight"));
  f.emplace_back("farms", member_text(r, "farms_voted") + " voted, " +
                              member_text(r, "farms_needed") + " needed");
  f.emplace_back("vetoes", list_of(r, "vetoes"));
  ctx.out() << render_fields(f);
  std::vector<Row> rows;
  if (const rapidjson::Value* votes = find_member(r, "votes"); votes && votes->IsArray())
    for (const auto& v : votes->GetArray())
      rows.push_back({member_text(v, "farm_id"), member_text(v, "weight"),
                      member_text(v, "approve") == "true" ? "yes" : "no"});
  if (!rows.empty()) ctx.out() << "\n" << render_table({"FARM", "WEIGHT", "VOTE"}, rows);
}

int show(Context& ctx, const Invocation& inv) {
  auto id = parse_id64("ID", inv.args[0]);
  if (!id) return ctx.usage(inv, id.error());
  JsonObject params;
  params.str("id", std::to_string(*id)).str("kind", inv.has("--motion") ? "motion" : "proposal");
  return show_result(ctx, "gov show", "gov_getProposal", params.text(),
                     [&](const rapidjson::Value& r) { render_record(ctx, r); });
}

int list(Context& ctx, const Invocation& inv) {
  JsonObject params;
  if (auto state = inv.value("--state")) {
    if (std::find(std::begin(kStates), std::end(kStates), *state) == std::end(kStates))
      return ctx.usage(inv, "--state: '" + *state +
                                "' is not open, passed, rejected, vetoed, failed or expired");
    params.str("state", *state);
  }
  if (auto kind = inv.value("--kind")) {
    if (*kind != "proposal" && *kind != "motion")
      return ctx.usage(inv, "--kind: '" + *kind + "' is not proposal or motion");
    params.str("kind", *kind);
  }
  if (auto st = add_paging(inv, params); !st) return ctx.usage(inv, st);
  return show_result(
      ctx, "gov list", "gov_listProposals", params.text(), [&](const rapidjson::Value& r) {
        std::vector<Row> rows;
        const rapidjson::Value* ps = find_member(r, "proposals");
        if (ps && ps->IsArray())
          for (const auto& p : ps->GetArray())
            rows.push_back({member_text(p, "id"), member_text(p, "kind"), member_text(p, "state"),
                            action_kind(p), member_time(p, "end"), member_text(p, "description")});
        ctx.out() << render_table({"ID", "KIND", "STATE", "ACTION", "ENDS", "DESCRIPTION"}, rows)
                  << rows.size() << " shown of " << member_text(r, "total") << "\n";
      });
}

std::vector<OptionSpec> action_options(std::vector<OptionSpec> own) {
  const auto& policy = gov_action_options();
  own.insert(own.end(), policy.begin(), policy.end());
  return own;
}

const OptionSpec kDescription = {"--description", "TEXT", "what and why (required, <= 256 bytes)"};

}  // namespace

std::vector<CommandSpec> gov_commands() {
  return {
      {.group = "gov",
       .name = "propose",
       .args = "ACTION [WORDS]",
       .min_args = 1,
       .max_args = 3,
       .summary = "open a farm-weighted proposal (council members)",
       .details = gov_action_synopsis(),
       .options = action_options(
           {kDescription, {"--link", "URL", "a link to the discussion (<= 256 bytes)"}}),
       .handler = propose,
       .signs = true},
      {.group = "gov",
       .name = "motion",
       .args = "ACTION [WORDS]",
       .min_args = 1,
       .max_args = 3,
       .summary = "open a council motion (council members; the proposer votes yes)",
       .details = gov_action_synopsis(),
       .options = action_options({kDescription}),
       .handler = motion,
       .signs = true},
      {.group = "gov",
       .name = "vote",
       .args = "ID FARM_ID yes|no",
       .min_args = 3,
       .max_args = 3,
       .summary = "vote on a proposal with a farm of --from (weight: the farm's capacity)",
       .handler = vote,
       .signs = true},
      {.group = "gov",
       .name = "vote-motion",
       .args = "ID yes|no",
       .min_args = 2,
       .max_args = 2,
       .summary = "vote on a council motion (council members)",
       .handler = vote_motion,
       .signs = true},
      {.group = "gov",
       .name = "veto",
       .args = "ID",
       .min_args = 1,
       .max_args = 1,
       .summary = "veto an open proposal (council members)",
       .handler = veto,
       .signs = true},
      {.group = "gov",
       .name = "list",
       .summary = "list proposals and motions, newest first",
       .options = {{"--state", "S", "open, passed, rejected, vetoed, failed or expired"},
                   {"--kind", "KIND", "proposal or motion (default both)"},
                   kPageOption,
                   kSizeOption},
       .handler = list},
      {.group = "gov",
       .name = "show",
       .args = "ID",
       .min_args = 1,
       .max_args = 1,
       .summary = "show a proposal with its votes (--motion: a council motion)",
       .options = {{"--motion", "", "ID is a motion's"}},
       .handler = show},
  };
}

}  // namespace grid::tools
