// KvApp: the toy key-value application of the simulation. A block is encode(KvBlock): the height,
// the block time, the proposer's name, the commit of the previous height and "k=v" entries; its
// hash is blake2b_256 of those bytes. The state hash chains every applied block. It records what a
// real node must guarantee, so the harness can assert it: blocks applied exactly once and in
// height order, evidence reported, and the chain state that a restarted engine resumes from.
// Optionally changes validator powers every third height (the returned set takes effect two
// heights later).
//
// Block time, as the node does it (consensus/block_time.hpp): the block of height 1 carries no
// commit and the time kSimGenesisTimeS + 1; the block of height h > 1 carries the commit of h - 1
// that this app stored with that block, and the time
// block_time_seconds(time(h - 1), commit_median_ms(set of h - 1, that commit)).
// check_proposal refuses (Code::invalid) a block whose commit is not a valid commit (verify_commit
// against the set of h - 1, same block hash) of the block this app applied at h - 1, or whose
// time is not the derived one. The app keeps the validator set of every height it has seen.
// set_time_bias_for_test adds seconds to the derived time (a deliberately broken rule).
#pragma once

#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "consensus/interfaces.hpp"

namespace grid::sim {

inline constexpr std::uint64_t kSimGenesisTimeS = 1'700'000'000;  // unix s of virtual time 0
inline constexpr const char* kSimChainId = "gridchain-sim";

struct KvBlock {
  std::uint64_t height = 0;
  std::uint64_t time_s = 0;  // unix seconds
  std::string proposer;
  std::optional<consensus::Commit> last_commit;  // of height - 1; none at height 1
  std::vector<std::string> entries;
  static void fields(auto& self, auto& v) {
    v(self.height);
    v(self.time_s);
    v(self.proposer, core::Limit{64});
    v(self.last_commit);
    v(self.entries, core::Limit{1000});
  }
};

struct AppliedBlock {
  consensus::Height height = 0;
  consensus::BlockHash hash;
  std::uint64_t time_s = 0;
  std::optional<consensus::Commit> last_commit;
};

class KvApp final : public consensus::Application {
 public:
  KvApp(std::string name, consensus::ChainState genesis, bool change_powers,
        std::string chain_id = kSimChainId);

  core::Result<consensus::ProposedBlock> build_proposal(consensus::Height height) override;
  // `builder` is not checked: the simulation's blocks name their proposer for logs only.
  core::Status check_proposal(consensus::Height height, core::ByteView block,
                              const consensus::BlockHash& hash,
                              const std::optional<consensus::ValidatorKey>& builder) override;
  core::Result<consensus::ApplyOutcome> apply_committed(
      const consensus::CommittedBlock& block, const consensus::ValidatorSet& next_base) override;
  std::optional<consensus::CommittedBlock> committed_block(consensus::Height height) const override;
  void report_evidence(const consensus::Evidence& evidence) override;

  const std::string& name() const { return name_; }
  const consensus::ChainState& chain_state() const { return chain_; }
  const std::vector<AppliedBlock>& applied() const { return applied_; }
  const std::vector<std::string>& errors() const { return errors_; }
  const std::vector<consensus::Evidence>& evidence() const { return evidence_; }
  const core::Hash32& state_hash() const { return state_hash_; }
  // The validator set of `height`, if known (heights up to the current one + 1).
  const consensus::ValidatorSet* set_of(consensus::Height height) const;
  void set_block_padding(std::size_t bytes) { padding_ = bytes; }
  void set_time_bias_for_test(std::uint64_t seconds) { time_bias_s_ = seconds; }

 private:
  // Ok when last_commit is a valid commit of the block this app applied at height - 1 (none at
  // height 1); Code::invalid otherwise.
  core::Status check_last_commit(consensus::Height height,
                                 const std::optional<consensus::Commit>& last_commit) const;
  // The time of a block of `height` carrying `last_commit` (valid: see check_last_commit).
  std::uint64_t time_after(consensus::Height height,
                           const std::optional<consensus::Commit>& last_commit) const;

  std::string name_;
  std::string chain_id_;
  consensus::ChainState chain_;
  bool change_powers_;
  std::map<std::string, std::string> state_;
  core::Hash32 state_hash_;
  std::vector<AppliedBlock> applied_;
  std::map<consensus::Height, consensus::CommittedBlock> store_;
  std::map<consensus::Height, consensus::ValidatorSet> sets_;
  std::vector<std::string> errors_;
  std::vector<consensus::Evidence> evidence_;
  std::set<std::string> pending_evidence_;
  std::size_t padding_ = 0;
  std::uint64_t time_bias_s_ = 0;
};

}  // namespace grid::sim
