#include "tools/load/load_setup.hpp"

#include <algorithm>
#include <thread>

namespace grid::tools {
namespace {

constexpr std::size_t kAccountsPerRequest = 100;
constexpr auto kFundingPoll = std::chrono::milliseconds(200);

struct Shortfall {
  std::vector<Funding> accounts;  // the accounts below their need, with what they miss
  std::uint64_t total = 0;
};

core::Result<Shortfall> shortfall(RpcClient& client, const FundingJob& job) {
  GRID_ASSIGN(auto states, fetch_accounts(client, job.accounts));
  Shortfall s;
  for (std::size_t i = 0; i < states.size(); ++i)
    if (states[i].free < job.needed[i]) {
      s.accounts.push_back({job.accounts[i], job.needed[i] - states[i].free});
      s.total += job.needed[i] - states[i].free;
    }
  return s;
}

}  // namespace

core::Result<std::vector<AccountState>> fetch_accounts(RpcClient& client,
                                                       const std::vector<core::AccountId>& ids) {
  std::vector<AccountState> out;
  out.reserve(ids.size());
  for (std::size_t start = 0; start < ids.size(); start += kAccountsPerRequest) {
    std::size_t end = std::min(ids.size(), start + kAccountsPerRequest);
    std::vector<RpcCall> calls;
    for (std::size_t i = start; i < end; ++i)
      calls.push_back({"account_get", R"({"address":")" + ids[i].to_address() + "\"}"});
    GRID_ASSIGN(RpcReply reply, client.send(calls));
    for (std::size_t i = 0; i < calls.size(); ++i) {
      std::string address = ids[start + i].to_address();
      if (!reply.ok(i)) {
        const RpcError& e = reply.error(i);
        if (e.reason == "not_found") {
          out.push_back({});
          continue;
        }
        return core::Status::invalid("account_get " + address + ": " + e.reason + " " + e.message +
                                     " (code " + std::to_string(e.code) + ")");
      }
      auto free = json_u64_member(reply.result(i), "free");
      auto nonce = json_u64_member(reply.result(i), "nonce");
      if (!free || !nonce)
        return core::Status::invalid("account_get " + address + ": " +
                                     (free ? nonce : free).error().message());
      out.push_back({*free, *nonce});
    }
  }
  return out;
}

core::Result<std::vector<SignedTx>> fund_accounts(const FundingJob& job, const CommitLog& log,
                                                  const Submitter::LogLine& log_line) {
  RpcClient client(job.endpoints, 0);
  GRID_ASSIGN(Shortfall missing, shortfall(client, job));
  if (missing.accounts.empty()) return std::vector<SignedTx>{};
  GRID_ASSIGN(auto funder_state, fetch_accounts(client, {job.funder.account}));
  std::uint64_t cost = missing.total + missing.accounts.size() * job.fee;
  if (funder_state[0].free < cost)
    return core::Status::invalid("the funder " + job.funder.account.to_address() + " holds " +
                                 std::to_string(funder_state[0].free) + " base units, funding " +
                                 std::to_string(missing.accounts.size()) + " accounts needs " +
                                 std::to_string(cost) + " (lower --txs, or raise --accounts)");
  const std::vector<Funding>& funding = missing.accounts;
  log_line("funding " + std::to_string(funding.size()) + " accounts from " +
           job.funder.account.to_address() + " (nonce " + std::to_string(funder_state[0].nonce) +
           ")");
  GRID_ASSIGN(auto txs,
              funding_transfers(job.chain_id, job.funder, funder_state[0].nonce, job.fee, funding));
  std::vector<std::vector<SignedTx>> queues = {txs};
  SubmitOptions options{.connections = 1, .batch = 100, .deadline = job.deadline};
  Submitter submitter(job.endpoints, options, log, log_line);
  submitter.start(queues);
  for (;;) {
    std::this_thread::sleep_for(kFundingPoll);
    auto now_missing = shortfall(client, job);
    if (now_missing && now_missing->accounts.empty()) break;
    if (Clock::now() >= job.deadline) {
      submitter.stop();
      submitter.wait();
      SubmitStats stats = submitter.stats();
      std::string refused;
      for (const auto& [reason, count] : stats.refused)
        refused += " " + reason + "=" + std::to_string(count);
      return core::Status::invalid(
          "funding did not complete before the deadline: " +
          (now_missing ? std::to_string(now_missing->accounts.size()) + " of " +
                             std::to_string(job.accounts.size()) + " accounts still short"
                       : "account_get failed: " + now_missing.error().message()) +
          "; funding transfers accepted " + std::to_string(stats.accepted) + " of " +
          std::to_string(txs.size()) + ", refused:" + (refused.empty() ? " none" : refused));
    }
  }
  submitter.stop();
  submitter.wait();
  return txs;
}

}  // namespace grid::tools
