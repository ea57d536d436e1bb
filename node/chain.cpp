#include "node/chain.hpp"

#include <filesystem>

#include "consensus/block_time.hpp"
#include "consensus/proposer.hpp"
#include "contracts/contract_modules.hpp"
#include "ledger/ledger_modules.hpp"
#include "ledger/state_keys.hpp"
#include "ledger/state_types.hpp"
#include "node/evidence_verifier.hpp"

namespace grid::node {
namespace {

constexpr std::size_t kMaxPrepared = 8;

ledger::Modules all_modules(std::shared_ptr<const ledger::EvidenceVerifier> evidence) {
  ledger::Modules modules = ledger::ledger_modules(std::move(evidence));
  for (auto& m : contracts::contract_modules()) modules.push_back(std::move(m));
  return modules;
}

}  // namespace

core::Result<consensus::ValidatorSet> consensus_set_from_state(const ledger::StateReader& state) {
  GRID_ASSIGN(auto entries, ledger::load<ledger::ValidatorSet>(state, ledger::keys::validators()));
  if (!entries) return core::Status::corruption("the state has no validator set");
  std::vector<consensus::Validator> members;
  for (const auto& e : entries->validators)
    if (e.power > 0) members.push_back({e.consensus_key, e.power});
  return consensus::ValidatorSet::create(std::move(members));
}

core::Result<std::unique_ptr<Chain>> Chain::open(const std::string& data_dir,
                                                 const ledger::Genesis& genesis) {
  std::unique_ptr<Chain> chain(new Chain());
  chain->genesis_ = genesis;
  chain->genesis_hash_ = ledger::genesis_hash(genesis);
  core::LevelDbOptions options;
  options.create_if_missing = true;
  auto path = (std::filesystem::path(data_dir) / "chain.db").string();
  GRID_ASSIGN(chain->store_, core::LevelDbStore::open(path, options));
  GRID_ASSIGN(chain->state_, ledger::StateDb::open(*chain->store_));
  chain->blocks_ = std::make_unique<BlockStore>(*chain->store_);
  chain->evidence_ =
      std::make_shared<BlockStoreEvidenceVerifier>(genesis.chain_id, *chain->blocks_);
  chain->modules_ = all_modules(chain->evidence_);
  GRID_TRY(chain->init_or_check());
  GRID_TRY(chain->load_tip());
  return chain;
}

core::Status Chain::init_or_check() {
  GRID_ASSIGN(auto recorded, blocks_->genesis());
  if (!recorded) {
    if (state_->initialized())
      return core::Status::corruption("the store has a state but no genesis record");
    core::WriteBatch batch;
    GRID_ASSIGN(auto staged, ledger::init_genesis(*state_, genesis_, batch));
    ledger::Overlay overlay(*state_);
    GRID_TRY(ledger::write_genesis_state(genesis_, overlay));
    GRID_ASSIGN(auto first_set, consensus_set_from_state(overlay));
    Tip tip{0, core::BlockHash{genesis_hash_.hash}, genesis_.genesis_time, staged.root};
    BlockStore::stage_genesis(genesis_hash_, genesis_.chain_id, first_set, tip, batch);
    GRID_TRY(store_->write(batch, true));
    state_->mark_committed(staged);
    return core::Status::ok();
  }
  if (recorded->genesis_hash != genesis_hash_)
    return core::Status::invalid("the data directory belongs to another chain (genesis " +
                                 core::hex_encode(recorded->genesis_hash.hash.bytes) + ", not " +
                                 core::hex_encode(genesis_hash_.hash.bytes) + ")");
  return core::Status::ok();
}

core::Status Chain::load_tip() {
  GRID_ASSIGN(auto tip, blocks_->tip());
  if (!tip) return core::Status::corruption("the block store has no tip record");
  if (!state_->initialized() || state_->version() != tip->height ||
      state_->root() != tip->state_root.hash)
    return core::Status::corruption("the state (version " + std::to_string(state_->version()) +
                                    ") and the block store (tip " + std::to_string(tip->height) +
                                    ") disagree: the store is damaged");
  tip_ = *tip;
  prepared_.clear();
  if (tip_.height == 0) {
    tip_header_ = ledger::BlockHeader{};
    tip_header_.chain_id = genesis_.chain_id;
    tip_header_.time = genesis_.genesis_time;
    next_time_ = genesis_.genesis_time + 1;
    return core::Status::ok();
  }
  GRID_ASSIGN(auto block, blocks_->block(tip_.height));
  if (!block)
    return core::Status::corruption("the tip block " + std::to_string(tip_.height) + " is missing");
  tip_header_ = block->header;
  GRID_ASSIGN(auto commit, blocks_->commit(tip_.height));
  if (!commit)
    return core::Status::corruption("the commit of the tip " + std::to_string(tip_.height) +
                                    " is missing");
  GRID_ASSIGN(next_time_, time_after(tip_header_, *commit));
  return core::Status::ok();
}

core::Result<std::uint64_t> Chain::time_after(const ledger::BlockHeader& header,
                                              const consensus::Commit& commit) const {
  GRID_ASSIGN(auto set, validators_at(header.height));
  auto median = consensus::commit_median_ms(set, commit);
  if (!median)
    return core::Status::invalid("the commit of block " + std::to_string(header.height) +
                                 " has no signature of a validator of its height");
  return consensus::block_time_seconds(header.time, *median);
}

ledger::BlockHeader Chain::next_header_template() const {
  ledger::BlockHeader h;
  h.chain_id = genesis_.chain_id;
  h.height = tip_.height + 1;
  h.time = next_time_;
  h.previous = tip_.hash;
  return h;
}

core::Result<consensus::ValidatorSet> Chain::validators_at(std::uint64_t height) const {
  GRID_ASSIGN(auto set, blocks_->validators(height));
  if (!set)
    return core::Status::not_found("no validator set recorded for height " +
                                   std::to_string(height));
  return *set;
}

core::Result<consensus::ValidatorSet> Chain::members_after_tip() const {
  return consensus_set_from_state(*state_);
}

core::Result<std::optional<core::AccountId>> Chain::operator_of(
    const consensus::ValidatorKey& key) const {
  GRID_ASSIGN(auto entries,
              ledger::load<ledger::ValidatorSet>(*state_, ledger::keys::validators()));
  if (entries)
    for (const auto& e : entries->validators)
      if (e.consensus_key == key) return std::optional<core::AccountId>(e.operator_account);
  return std::optional<core::AccountId>();
}

core::Result<ledger::BuiltBlock> Chain::build(ledger::BlockHeader header,
                                              std::vector<ledger::Transaction> candidates,
                                              const ledger::ExecuteOptions& options,
                                              std::vector<core::Bytes> evidence,
                                              core::Bytes last_commit) const {
  return ledger::build_block(*state_, std::move(header), std::move(candidates), modules_, options,
                             std::move(evidence), std::move(last_commit));
}

core::Status Chain::prepare(const ledger::Block& block, const core::BlockHash& hash,
                            const ledger::ExecuteOptions& options) {
  if (auto it = prepared_.find(hash);
      it != prepared_.end() && it->second.base_version == state_->version())
    return core::Status::ok();
  if (block.header.height != tip_.height + 1)
    return core::Status::invalid("block height " + std::to_string(block.header.height) +
                                 " does not follow the tip " + std::to_string(tip_.height));
  if (block.header.previous != tip_.hash)
    return core::Status::invalid("block " + std::to_string(block.header.height) +
                                 " does not build on the tip's hash");
  Prepared prepared;
  prepared.base_version = state_->version();
  GRID_ASSIGN(prepared.outcome,
              ledger::apply_block(*state_, block, modules_, options, prepared.batch));
  if (prepared_.size() >= kMaxPrepared) prepared_.erase(prepared_.begin());
  prepared_[hash] = std::move(prepared);
  return core::Status::ok();
}

core::Result<AppliedBlock> Chain::commit(const ledger::Block& block, core::ByteView block_bytes,
                                         const consensus::Commit& commit,
                                         const consensus::ValidatorSet& next_base,
                                         const ledger::ExecuteOptions& options) {
  core::BlockHash hash = ledger::block_hash(block.header);
  if (commit.block_hash != hash) return core::Status::invalid("the commit is for another block");
  GRID_TRY(prepare(block, hash, options));
  GRID_ASSIGN(std::uint64_t next_time, time_after(block.header, commit));
  auto node = prepared_.extract(hash);
  Prepared& p = node.mapped();
  BlockStore::stage_block(block, block_bytes, commit, p.outcome.results, next_base,
                          core::StateRoot{p.outcome.state.root}, p.batch);
  GRID_TRY(store_->write(p.batch, true));
  state_->mark_committed(p.outcome.state);
  tip_ = Tip{block.header.height, hash, block.header.time, core::StateRoot{p.outcome.state.root}};
  tip_header_ = block.header;
  next_time_ = next_time;
  prepared_.clear();
  return AppliedBlock{tip_.height, hash, tip_.state_root, std::move(p.outcome.results)};
}

}  // namespace grid::node
