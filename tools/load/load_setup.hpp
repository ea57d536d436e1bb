// gridload's setup phase: reading accounts over JSON-RPC and funding the senders from a dev
// account, before the clock of the load phase starts.
//
// Contract:
// - fetch_accounts reads account_get for every address (JSON-RPC batches of up to 100); an
//   account the node does not know (error reason "not_found") reads as free 0, nonce 0; any
//   other error or a transport failure is returned (Code::io / Code::invalid with the address).
// - fund_accounts tops up every account whose free balance is below its `needed` amount with
//   one transfer of the difference from the funder (nonces from the funder's account_get),
//   submits them through a Submitter (one connection), and waits until account_get shows every
//   account at or above its need. It fails with a message saying how many accounts are funded
//   when the deadline passes, or at once when the funder cannot pay. Returns the funding
//   transactions it sent (empty when none was needed).
// Blocking; uses its own connections; the CommitLog must be fed by a running CommitWatcher.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "core/account_id.hpp"
#include "core/status.hpp"
#include "tools/client/rpc_client.hpp"
#include "tools/load/commit_watcher.hpp"
#include "tools/load/load_plan.hpp"
#include "tools/load/submitter.hpp"

namespace grid::tools {

struct AccountState {
  std::uint64_t free = 0;
  std::uint64_t nonce = 0;
};

core::Result<std::vector<AccountState>> fetch_accounts(RpcClient& client,
                                                       const std::vector<core::AccountId>& ids);

struct FundingJob {
  std::vector<RpcEndpoint> endpoints;
  std::string chain_id;
  LoadKey funder;
  std::uint64_t fee = 0;
  std::vector<core::AccountId> accounts;
  std::vector<std::uint64_t> needed;  // one per account
  Clock::time_point deadline;
};

core::Result<std::vector<SignedTx>> fund_accounts(const FundingJob& job, const CommitLog& log,
                                                  const Submitter::LogLine& log_line);

}  // namespace grid::tools
