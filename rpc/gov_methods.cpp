#include "rpc/gov_methods.hpp"

#include <algorithm>
#include <optional>
#include <string>
#include <variant>
#include <vector>

#include "ledger/executor.hpp"
#include "ledger/governance_module.hpp"
#include "ledger/governance_read.hpp"
#include "ledger/governance_types.hpp"
#include "ledger/state_keys.hpp"
#include "rpc/json_domain.hpp"
#include "rpc/method_support.hpp"

namespace grid::rpc {
namespace {

using core::Result;
using core::Status;
using ledger::StateReader;

enum class Kind { proposal, motion };

Result<std::optional<Kind>> get_kind(const Params& params) {
  if (!params.has("kind")) return std::optional<Kind>();
  GRID_ASSIGN(std::string kind, params.get_string("kind"));
  if (kind == "proposal") return std::optional<Kind>(Kind::proposal);
  if (kind == "motion") return std::optional<Kind>(Kind::motion);
  return invalid_params("kind: expected proposal or motion");
}

Result<std::optional<ledger::GovState>> get_state(const Params& params) {
  if (!params.has("state")) return std::optional<ledger::GovState>();
  GRID_ASSIGN(std::string name, params.get_string("state"));
  for (std::uint8_t i = 0; i <= ledger::kMaxGovState; ++i) {
    auto state = static_cast<ledger::GovState>(i);
    if (name == ledger::gov_state_name(state)) return std::optional<ledger::GovState>(state);
  }
  return invalid_params("state: expected open, passed, failed, rejected, vetoed or expired");
}

void write_accounts(JsonWriter& w, std::string_view key, const std::vector<core::AccountId>& list) {
  write_key(w, key);
  w.StartArray();
  for (const auto& a : list) write_address(w, a);
  w.EndArray();
}

// The members every proposal and motion has.
template <class R>
void write_common(JsonWriter& w, const R& r, std::string_view kind) {
  write_key(w, "id");
  write_u64(w, r.id);
  write_key(w, "kind");
  write_string(w, kind);
  write_key(w, "proposer");
  write_address(w, r.proposer);
  write_key(w, "action");
  write_gov_action(w, r.action);
  write_key(w, "description");
  write_string(w, r.description);
  write_key(w, "created_at");
  write_height(w, r.created_at);
  write_key(w, "end");
  write_height(w, r.end);
  write_key(w, "state");
  write_string(w, ledger::gov_state_name(r.state));
  if (r.state == ledger::GovState::failed) {
    write_key(w, "failure");
    write_string(w, r.failure);
  }
  write_key(w, "closed_at");
  write_height(w, r.closed_at);
}

// What the records do not hold: the thresholds of the current parameters and council.
struct GovContext {
  std::uint32_t farms_needed = 0;
  std::uint32_t council_size = 0;
  std::uint64_t motion_threshold = 0;
};

Result<GovContext> gov_context(const StateReader& reader) {
  GRID_ASSIGN(auto params, ledger::load_params(reader));
  GRID_ASSIGN(auto council, ledger::load<ledger::Council>(reader, ledger::keys::council()));
  GovContext c;
  c.farms_needed = params.proposal_min_farms;
  c.council_size = council ? static_cast<std::uint32_t>(council->members.size()) : 0;
  c.motion_threshold = ledger::motion_threshold(c.council_size, params.council_motion_percent);
  return c;
}

void write_proposal(JsonWriter& w, const ledger::Proposal& p, const GovContext& c,
                    const std::vector<ledger::FarmVote>* votes) {
  w.StartObject();
  write_common(w, p, "proposal");
  write_key(w, "link");
  write_string(w, p.link);
  write_key(w, "yes_weight");
  write_u64(w, p.yes_weight);
  write_key(w, "no_weight");
  write_u64(w, p.no_weight);
  write_key(w, "yes_farms");
  write_u32(w, p.yes_farms);
  write_key(w, "no_farms");
  write_u32(w, p.no_farms);
  write_key(w, "farms_voted");
  write_u32(w, p.yes_farms + p.no_farms);
  write_key(w, "farms_needed");
  write_u32(w, c.farms_needed);
  write_accounts(w, "vetoes", p.vetoes);
  if (votes) {
    write_key(w, "votes");
    w.StartArray();
    for (const auto& v : *votes) {
      w.StartObject();
      write_key(w, "farm_id");
      write_u32(w, v.farm_id);
      write_key(w, "voter");
      write_address(w, v.voter);
      write_key(w, "weight");
      write_u64(w, v.weight);
      write_key(w, "approve");
      w.Bool(v.approve);
      write_key(w, "at");
      write_height(w, v.at);
      w.EndObject();
    }
    w.EndArray();
  }
  w.EndObject();
}

void write_motion(JsonWriter& w, const ledger::Motion& m, const GovContext& c) {
  w.StartObject();
  write_common(w, m, "motion");
  write_accounts(w, "yes", m.ayes);
  write_accounts(w, "no", m.nays);
  write_key(w, "threshold");
  write_u32(w, static_cast<std::uint32_t>(c.motion_threshold));
  write_key(w, "council_size");
  write_u32(w, c.council_size);
  w.EndObject();
}

// Every record a list function yields, page after page.
template <class R, class List>
Result<std::vector<R>> collect(List&& list) {
  std::vector<R> all;
  std::uint64_t after = 0;
  for (;;) {
    GRID_ASSIGN(auto page, list(after));
    for (auto& r : page.items) all.push_back(std::move(r));
    if (!page.next_after) return all;
    after = *page.next_after;
  }
}

using AnyRecord = std::variant<ledger::Proposal, ledger::Motion>;

std::uint64_t created_at(const AnyRecord& r) {
  return std::visit([](const auto& x) { return x.created_at; }, r);
}

Result<JsonText> gov_list_proposals(NodeApi& node, const Params& params) {
  GRID_ASSIGN(auto kind, get_kind(params));
  GRID_ASSIGN(auto state, get_state(params));
  GRID_ASSIGN(Page page, get_page(params, 100));
  return answer(node, [&](JsonWriter& w, const StateReader& reader, std::uint64_t) -> Status {
    std::vector<AnyRecord> all;
    if (!kind || *kind == Kind::proposal) {
      GRID_ASSIGN(auto proposals, collect<ledger::Proposal>([&](std::uint64_t after) {
                    return ledger::list_proposals(reader, state, after, ledger::kMaxGovPage);
                  }));
      for (auto& p : proposals) all.emplace_back(std::move(p));
    }
    if (!kind || *kind == Kind::motion) {
      GRID_ASSIGN(auto motions, collect<ledger::Motion>([&](std::uint64_t after) {
                    return ledger::list_motions(reader, state, after, ledger::kMaxGovPage);
                  }));
      for (auto& m : motions) all.emplace_back(std::move(m));
    }
    // Newest first; within one block time, proposals (then higher ids) first.
    std::stable_sort(all.begin(), all.end(), [](const AnyRecord& a, const AnyRecord& b) {
      return created_at(a) > created_at(b);
    });
    GRID_ASSIGN(GovContext context, gov_context(reader));
    w.StartObject();
    write_page_members(w, "proposals", all, page, [&](JsonWriter& out, const AnyRecord& r) {
      if (const auto* p = std::get_if<ledger::Proposal>(&r))
        write_proposal(out, *p, context, nullptr);
      else
        write_motion(out, std::get<ledger::Motion>(r), context);
    });
    w.EndObject();
    return Status::ok();
  });
}

Result<JsonText> gov_get_proposal(NodeApi& node, const Params& params) {
  GRID_ASSIGN(std::uint64_t id, params.get_u64("id"));
  GRID_ASSIGN(auto kind, get_kind(params));
  return answer(node, [&](JsonWriter& w, const StateReader& reader, std::uint64_t) -> Status {
    GRID_ASSIGN(GovContext context, gov_context(reader));
    if (kind == Kind::motion) {
      GRID_ASSIGN(auto motion,
                  found(ledger::get_motion(reader, id), "motion " + std::to_string(id)));
      write_motion(w, motion, context);
      return Status::ok();
    }
    GRID_ASSIGN(auto detail,
                found(ledger::get_proposal(reader, id), "proposal " + std::to_string(id)));
    write_proposal(w, detail.proposal, context, &detail.votes);
    return Status::ok();
  });
}

}  // namespace

Status add_gov_methods(MethodRegistry& registry, NodeApi& node) {
  const MethodSpec methods[] = {
      {"gov_listProposals", {"state", "kind", "page", "size"}, gov_list_proposals},
      {"gov_getProposal", {"id", "kind"}, gov_get_proposal},
  };
  return register_methods(registry, node, methods);
}

}  // namespace grid::rpc
