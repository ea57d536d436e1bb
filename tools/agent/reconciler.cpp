#include "tools/agent/reconciler.hpp"

#include <algorithm>
#include <array>
#include <set>

namespace grid::tools {
namespace {

constexpr std::array<std::string_view, 6> kContractKinds = {"contract_created",  "contract_updated",
                                                            "contract_canceled", "contract_deleted",
                                                            "grace_started",     "grace_ended"};

void reconcile_one(const LocalDeployments& local, const ContractView& c, std::vector<Action>& out) {
  auto it = local.find(c.id);
  const Deployment* d = it == local.end() ? nullptr : &it->second;
  auto add = [&](ActionKind kind) { out.push_back(Action{kind, c.id, c}); };
  switch (c.state) {
    case ChainState::deleted:
      if (d) add(ActionKind::remove);
      return;
    case ChainState::created:
      if (!d) return add(ActionKind::provision);
      if (d->paused) add(ActionKind::resume);
      if (d->reservation != c.reservation) add(ActionKind::update);
      return;
    case ChainState::grace_period:
      if (!d) {
        add(ActionKind::provision);
        return add(ActionKind::pause);
      }
      if (d->reservation != c.reservation) add(ActionKind::update);
      if (!d->paused) add(ActionKind::pause);
      return;
  }
}

}  // namespace

std::string_view action_name(ActionKind kind) {
  switch (kind) {
    case ActionKind::provision:
      return "provision";
    case ActionKind::update:
      return "update";
    case ActionKind::pause:
      return "pause";
    case ActionKind::resume:
      return "resume";
    case ActionKind::remove:
      return "remove";
  }
  return "?";
}

std::vector<Action> reconcile(const LocalDeployments& local, std::span<const ContractView> chain,
                              bool complete) {
  std::vector<const ContractView*> sorted;
  for (const ContractView& c : chain) sorted.push_back(&c);
  std::stable_sort(sorted.begin(), sorted.end(),
                   [](const ContractView* a, const ContractView* b) { return a->id < b->id; });
  std::set<std::uint64_t> shown;
  std::vector<Action> out;
  for (const ContractView* c : sorted) {
    if (!shown.insert(c->id).second) continue;  // the first view of an id wins
    reconcile_one(local, *c, out);
  }
  if (complete)
    for (const auto& [id, d] : local)
      if (!shown.count(id)) out.push_back(Action{ActionKind::remove, id, std::nullopt});
  std::stable_sort(out.begin(), out.end(),
                   [](const Action& a, const Action& b) { return a.contract_id < b.contract_id; });
  return out;
}

std::optional<std::uint64_t> contracts_touched(const EventView& event, std::uint32_t node) {
  if (!event.contract || event.node != node) return std::nullopt;
  if (std::find(kContractKinds.begin(), kContractKinds.end(), event.kind) == kContractKinds.end())
    return std::nullopt;
  return event.contract;
}

}  // namespace grid::tools
