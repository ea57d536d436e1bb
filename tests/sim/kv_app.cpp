#include "tests/sim/kv_app.hpp"

#include "core/blake2b.hpp"

namespace grid::sim {

using namespace grid::consensus;
using core::Status;

KvApp::KvApp(std::string name, ChainState genesis, bool change_powers)
    : name_(std::move(name)), chain_(std::move(genesis)), change_powers_(change_powers) {}

core::Result<ProposedBlock> KvApp::build_proposal(Height height) {
  KvBlock block{height, name_, {}};
  block.entries.push_back("k" + std::to_string(height % 5) + "=" + std::to_string(height) + "@" +
                          name_);
  for (const auto& e : pending_evidence_) block.entries.push_back(e);
  if (padding_) block.entries.push_back("pad=" + std::string(padding_, 'x'));
  core::Bytes bytes = core::encode(block);
  return ProposedBlock{bytes, BlockHash{core::blake2b_256(bytes)}};
}

Status KvApp::check_proposal(Height height, core::ByteView block, const BlockHash& hash) {
  if (BlockHash{core::blake2b_256(block)} != hash) return Status::invalid("block hash mismatch");
  auto decoded = core::decode<KvBlock>(block);
  if (!decoded) return decoded.error();
  if (decoded->height != height) return Status::invalid("block of another height");
  for (const auto& e : decoded->entries)
    if (e.find('=') == std::string::npos) return Status::invalid("entry without '='");
  return Status::ok();
}

core::Result<ApplyOutcome> KvApp::apply_committed(const CommittedBlock& committed,
                                                  const ValidatorSet& next_base) {
  if (committed.height != chain_.height)
    errors_.push_back(name_ + " applied height " + std::to_string(committed.height) +
                      " while expecting " + std::to_string(chain_.height));
  auto block = core::decode<KvBlock>(committed.block);
  if (!block) return Status::internal("a committed block does not decode");
  for (const auto& e : block->entries) {
    auto eq = e.find('=');
    state_[e.substr(0, eq)] = e.substr(eq + 1);
    pending_evidence_.erase(e);
  }
  state_hash_ = core::blake2b_256({state_hash_.view(), committed.hash.view()});
  applied_.push_back({committed.height, committed.hash});
  store_[committed.height] = committed;

  ValidatorSet after_next = chain_.next_validators;
  if (change_powers_ && committed.height % 3 == 0) {
    auto members = after_next.validators();
    members[(committed.height / 3) % members.size()].power += 1;
    after_next = ValidatorSet::create(members).value();
  }
  chain_ = ChainState{committed.height + 1, next_base, after_next};
  return ApplyOutcome{after_next, core::StateRoot{state_hash_}};
}

std::optional<CommittedBlock> KvApp::committed_block(Height height) const {
  auto it = store_.find(height);
  if (it == store_.end()) return std::nullopt;
  return it->second;
}

void KvApp::report_evidence(const Evidence& evidence) {
  evidence_.push_back(evidence);
  const Vote& v = evidence.first;
  pending_evidence_.insert("evidence/" + short_key(v.validator) + "/" + std::to_string(v.height) +
                           "/" + std::to_string(v.round) + "/" +
                           std::to_string(static_cast<int>(v.type)) + "=duplicate-vote");
}

}  // namespace grid::sim
