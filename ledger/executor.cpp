#include "ledger/executor.hpp"

#include "core/uint128.hpp"
#include "ledger/genesis.hpp"
#include "ledger/refusal.hpp"
#include "ledger/state_keys.hpp"
#include "ledger/state_types.hpp"

namespace grid::ledger {
namespace {

Module* module_for(const Modules& modules, const Call& call) {
  for (const auto& m : modules)
    if (m->handles(call)) return m.get();
  return nullptr;
}

Status credit(Overlay& state, const AccountId& who, std::uint64_t amount) {
  if (amount == 0) return Status::ok();
  GRID_ASSIGN(auto account, load<Account>(state, keys::account(who)));
  Account a = account.value_or(Account{});
  if (__builtin_add_overflow(a.free, amount, &a.free))
    return Status::internal("balance overflow crediting " + who.to_address());
  store(state, keys::account(who), a);
  return Status::ok();
}

// Runs one valid-or-not transaction against `block_state`. An invalid transaction returns its
// refusal and leaves block_state untouched; a valid one is charged and gets `receipt`.
Status apply_transaction(Overlay& block_state, const ChainParams& params, const BlockHeader& header,
                         const Modules& modules, const Transaction& tx, bool signature_known_good,
                         Receipt& receipt) {
  GRID_TRY(check_transaction(block_state, params, header, modules, tx, signature_known_good));
  receipt = Receipt{};
  receipt.tx_id = tx_id(tx);
  receipt.fee = tx.fee;

  // Fee and nonce: paid whatever the call does.
  GRID_ASSIGN(Account signer,
              load_required<Account>(block_state, keys::account(tx.signer), "signer account"));
  signer.free -= tx.fee;
  signer.nonce += 1;
  store(block_state, keys::account(tx.signer), signer);
  GRID_TRY(credit(block_state, header.proposer, tx.fee));

  Overlay call_state(block_state);
  std::vector<Event> events;
  TxContext ctx{{call_state, params, header, events, modules}, tx};
  Module* module = module_for(modules, tx.call);
  Status st = module ? module->apply(ctx)
                     : refuse(reason::unsupported_call,
                              std::string(tx.call.name()) + " is not supported by this chain yet");
  if (st.is_ok()) {
    call_state.merge_into(block_state);
    receipt.events = std::move(events);
  } else if (is_refusal(st)) {
    receipt.ok = false;
    receipt.reason = std::string(refusal_reason(st));
    receipt.detail = std::string(refusal_detail(st));
  } else {
    return st;  // node failure
  }
  return Status::ok();
}

Status advance_meta(Overlay& state, const BlockHeader& header) {
  GRID_ASSIGN(ChainMeta meta, load_required<ChainMeta>(state, keys::chain_meta(), "chain meta"));
  if (header.chain_id != meta.chain_id)
    return refuse(reason::wrong_chain_id, "block is for chain '" + header.chain_id + "'");
  if (header.height != meta.height + 1)
    return Status::invalid("block height " + std::to_string(header.height) + " does not follow " +
                           std::to_string(meta.height));
  if (header.time < meta.time)
    return Status::invalid("block time " + std::to_string(header.time) +
                           " is before the previous block's " + std::to_string(meta.time));
  meta.height = header.height;
  meta.time = header.time;
  meta.last_block_hash = header.previous.hash;
  store(state, keys::chain_meta(), meta);
  return Status::ok();
}

}  // namespace

Result<ChainParams> load_params(const StateReader& state) {
  return load_required<ChainParams>(state, keys::params(), "chain parameters");
}

std::uint64_t required_fee(const ChainParams& params, const Modules& modules,
                           const Transaction& tx) {
  const Module* m = module_for(modules, tx.call);
  if (m && m->is_fee_free(tx.call)) return 0;
  std::uint64_t size = core::encode(tx).size();
  return core::saturate_u64(params.base_fee + core::u128{params.byte_fee} * size);
}

Status check_transaction(const StateReader& state, const ChainParams& params,
                         const BlockHeader& header, const Modules& modules, const Transaction& tx,
                         bool signature_known_good) {
  if (tx.chain_id != header.chain_id)
    return refuse(reason::wrong_chain_id,
                  "signed for chain '" + tx.chain_id + "', this is '" + header.chain_id + "'");
  if (!signature_known_good && !verify_signature(tx))
    return refuse(reason::bad_signature, "the signature does not match the signer");
  GRID_ASSIGN(auto account, load<Account>(state, keys::account(tx.signer)));
  std::uint64_t expected_nonce = account ? account->nonce : 0;
  if (tx.nonce != expected_nonce)
    return refuse(reason::bad_nonce, "expected nonce " + std::to_string(expected_nonce) + ", got " +
                                         std::to_string(tx.nonce));
  std::uint64_t need = required_fee(params, modules, tx);
  if (tx.fee < need)
    return refuse(reason::fee_too_low, "fee " + std::to_string(tx.fee) + " is below the required " +
                                           std::to_string(need));
  if (tx.fee > 0 && (!account || account->free < tx.fee))
    return refuse(reason::cannot_pay_fee, "free balance is below the fee");
  const Module* m = module_for(modules, tx.call);
  if (m && m->is_fee_free(tx.call)) GRID_TRY(m->check_free_call(state, params, header, tx));
  return Status::ok();
}

Result<Execution> execute_block(const StateReader& state, const Block& block,
                                const Modules& modules, const ExecuteOptions& options) {
  const BlockHeader& header = block.header;
  Overlay block_state(state);
  GRID_TRY(advance_meta(block_state, header));
  GRID_ASSIGN(ChainParams params, load_params(block_state));

  Execution out;
  BlockContext begin{block_state, params, header, out.results.block_events, modules};
  for (const auto& m : modules) GRID_TRY(m->begin_block(begin, block));
  out.results.receipts.reserve(block.transactions.size());
  for (std::size_t i = 0; i < block.transactions.size(); ++i) {
    const Transaction& tx = block.transactions[i];
    bool known = options.signature_verified && options.signature_verified(tx_id(tx));
    Receipt receipt;
    Status st = apply_transaction(block_state, params, header, modules, tx, known, receipt);
    if (!st.is_ok()) {
      if (is_refusal(st))
        return Status::invalid("transaction " + std::to_string(i) + " (" + tx_id(tx).hex() +
                               ") cannot be in a block: " + st.message());
      return st;
    }
    out.results.receipts.push_back(std::move(receipt));
  }

  BlockContext ctx{block_state, params, header, out.results.block_events, modules};
  for (const auto& m : modules) GRID_TRY(m->end_block(ctx));

  if (options.check_invariants) GRID_TRY(check_invariants(block_state, modules));
  out.delta = block_state.take_writes();
  return out;
}

Result<Built> select_transactions(const StateReader& state, const BlockHeader& header,
                                  const Modules& modules, std::vector<Transaction> candidates,
                                  const ExecuteOptions& options) {
  Overlay block_state(state);
  GRID_TRY(advance_meta(block_state, header));
  GRID_ASSIGN(ChainParams params, load_params(block_state));
  Built built;
  for (auto& tx : candidates) {
    bool known = options.signature_verified && options.signature_verified(tx_id(tx));
    Receipt receipt;
    Status st = apply_transaction(block_state, params, header, modules, tx, known, receipt);
    if (st.is_ok()) {
      built.included.push_back(std::move(tx));
    } else if (is_refusal(st)) {
      built.left_out.emplace_back(tx_id(tx), st);
    } else {
      return st;
    }
  }
  return built;
}

Status check_invariants(const StateReader& state, const Modules& modules) {
  GRID_ASSIGN(Counters counters,
              load_required<Counters>(state, keys::counters(), "chain counters"));
  core::u128 held = counters.staking_pool;
  Status decode_error;
  GRID_TRY(state.scan_prefix(keys::table_key(keys::kAccount), [&](ByteView key, ByteView value) {
    auto a = core::decode<Account>(value);
    if (!a) {
      decode_error = Status::corruption("account " + core::hex_encode(key) + " does not decode");
      return false;
    }
    held += core::u128{a->free} + a->reserved + a->bonded + a->unbonding;
    return true;
  }));
  GRID_TRY(decode_error);
  for (const auto& m : modules) {
    std::uint64_t module_held = 0;
    GRID_TRY(m->check_invariants(state, module_held));
    held += module_held;
  }
  if (held != counters.total_supply)
    return Status::internal("supply invariant broken: balances and pools hold " +
                            std::to_string(static_cast<std::uint64_t>(held)) +
                            " units, the recorded total supply is " +
                            std::to_string(counters.total_supply));
  return Status::ok();
}

}  // namespace grid::ledger
