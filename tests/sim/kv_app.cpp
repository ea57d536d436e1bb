#include "tests/sim/kv_app.hpp"

#include "consensus/block_time.hpp"
#include "core/blake2b.hpp"

namespace grid::sim {

using namespace grid::consensus;
using core::Status;

KvApp::KvApp(std::string name, ChainState genesis, bool change_powers, std::string chain_id)
    : name_(std::move(name)),
      chain_id_(std::move(chain_id)),
      chain_(std::move(genesis)),
      change_powers_(change_powers) {
  sets_[chain_.height] = chain_.validators;
  sets_[chain_.height + 1] = chain_.next_validators;
}

const ValidatorSet* KvApp::set_of(Height height) const {
  auto it = sets_.find(height);
  return it == sets_.end() ? nullptr : &it->second;
}

Status KvApp::check_last_commit(Height height, const std::optional<Commit>& last_commit) const {
  if (height <= 1)
    return last_commit ? Status::invalid("the first block carries a commit") : Status::ok();
  if (!last_commit) return Status::invalid("no commit of the previous height");
  const ValidatorSet* set = set_of(height - 1);
  if (applied_.empty() || applied_.back().height != height - 1 || !set)
    return Status::invalid("the previous height is not applied here");
  if (last_commit->height != height - 1 || last_commit->block_hash != applied_.back().hash)
    return Status::invalid("the carried commit is not for the previous block");
  if (auto st = verify_commit(chain_id_, *set, *last_commit); !st)
    return Status::invalid("the carried commit: " + st.message());
  return Status::ok();
}

std::uint64_t KvApp::time_after(Height height, const std::optional<Commit>& last_commit) const {
  const ValidatorSet* set = set_of(height - 1);
  if (height <= 1 || !last_commit || !set || applied_.empty())
    return kSimGenesisTimeS + 1 + time_bias_s_;
  // A commit that passed check_last_commit (or this app's own) has a median.
  std::uint64_t median = commit_median_ms(*set, *last_commit).value_or(0);
  return block_time_seconds(applied_.back().time_s, median) + time_bias_s_;
}

core::Result<ProposedBlock> KvApp::build_proposal(Height height) {
  KvBlock block{height, 0, name_, std::nullopt, {}};
  if (height > 1) {
    auto previous = committed_block(height - 1);
    if (!previous)
      return Status::internal(name_ + " has no commit of height " + std::to_string(height - 1));
    block.last_commit = previous->commit;
  }
  block.time_s = time_after(height, block.last_commit);  // the engine verified that commit
  block.entries.push_back("k" + std::to_string(height % 5) + "=" + std::to_string(height) + "@" +
                          name_);
  for (const auto& e : pending_evidence_) block.entries.push_back(e);
  if (padding_) block.entries.push_back("pad=" + std::string(padding_, 'x'));
  core::Bytes bytes = core::encode(block);
  return ProposedBlock{bytes, BlockHash{core::blake2b_256(bytes)}};
}

Status KvApp::check_proposal(Height height, core::ByteView block, const BlockHash& hash,
                             const std::optional<consensus::ValidatorKey>&) {
  if (BlockHash{core::blake2b_256(block)} != hash) return Status::invalid("block hash mismatch");
  auto decoded = core::decode<KvBlock>(block);
  if (!decoded) return decoded.error();
  if (decoded->height != height) return Status::invalid("block of another height");
  for (const auto& e : decoded->entries)
    if (e.find('=') == std::string::npos) return Status::invalid("entry without '='");
  if (auto st = check_last_commit(height, decoded->last_commit); !st) return st;
  std::uint64_t time = time_after(height, decoded->last_commit);
  if (decoded->time_s != time)
    return Status::invalid("block time " + std::to_string(decoded->time_s) + ", expected " +
                           std::to_string(time));
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
  applied_.push_back({committed.height, committed.hash, block->time_s, block->last_commit});
  store_[committed.height] = committed;

  ValidatorSet after_next = chain_.next_validators;
  if (change_powers_ && committed.height % 3 == 0) {
    auto members = after_next.validators();
    members[(committed.height / 3) % members.size()].power += 1;
    after_next = ValidatorSet::create(members).value();
  }
  chain_ = ChainState{committed.height + 1, next_base, after_next};
  sets_[committed.height + 2] = after_next;
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
