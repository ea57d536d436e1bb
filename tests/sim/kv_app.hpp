// KvApp: the toy key-value application of the simulation. A block is encode(KvBlock): the height,
// the proposer's name and "k=v" entries; its hash is blake2b_256 of those bytes. The state hash
// chains every applied block. It records what a real node must guarantee, so the harness can
// assert it: blocks applied exactly once and in height order, evidence reported, and the chain
// state that a restarted engine resumes from. Optionally changes validator powers every third
// height (the returned set takes effect two heights later).
#pragma once

#include <map>
#include <set>
#include <string>
#include <vector>

#include "consensus/interfaces.hpp"

namespace grid::sim {

struct KvBlock {
  std::uint64_t height = 0;
  std::string proposer;
  std::vector<std::string> entries;
  static void fields(auto& self, auto& v) {
    v(self.height);
    v(self.proposer, core::Limit{64});
    v(self.entries, core::Limit{1000});
  }
};

struct AppliedBlock {
  consensus::Height height = 0;
  consensus::BlockHash hash;
};

class KvApp final : public consensus::Application {
 public:
  KvApp(std::string name, consensus::ChainState genesis, bool change_powers);

  core::Result<consensus::ProposedBlock> build_proposal(consensus::Height height) override;
  core::Status check_proposal(consensus::Height height, core::ByteView block,
                              const consensus::BlockHash& hash) override;
  core::Result<consensus::ApplyOutcome> apply_committed(
      const consensus::CommittedBlock& block, const consensus::ValidatorSet& next_base) override;
  std::optional<consensus::CommittedBlock> committed_block(consensus::Height height) const override;
  void report_evidence(const consensus::Evidence& evidence) override;

  const consensus::ChainState& chain_state() const { return chain_; }
  const std::vector<AppliedBlock>& applied() const { return applied_; }
  const std::vector<std::string>& errors() const { return errors_; }
  const std::vector<consensus::Evidence>& evidence() const { return evidence_; }
  const core::Hash32& state_hash() const { return state_hash_; }
  void set_block_padding(std::size_t bytes) { padding_ = bytes; }

 private:
  std::string name_;
  consensus::ChainState chain_;
  bool change_powers_;
  std::map<std::string, std::string> state_;
  core::Hash32 state_hash_;
  std::vector<AppliedBlock> applied_;
  std::map<consensus::Height, consensus::CommittedBlock> store_;
  std::vector<std::string> errors_;
  std::vector<consensus::Evidence> evidence_;
  std::set<std::string> pending_evidence_;
  std::size_t padding_ = 0;
};

}  // namespace grid::sim
