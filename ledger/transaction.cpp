#include "ledger/transaction.hpp"

#include "core/blake2b.hpp"

namespace grid::ledger {

void Transaction::encode_unsigned(core::Writer& w) const {
  core::write_value(w, version);
  core::write_value(w, chain_id);
  core::write_value(w, signer);
  core::write_value(w, nonce);
  core::write_value(w, fee);
  core::write_value(w, call);
}

void Transaction::encode_to(core::Writer& w) const {
  encode_unsigned(w);
  core::write_value(w, signature);
}

void Transaction::decode_from(core::Reader& r) {
  version = r.u8();
  if (r.ok() && version != kTxVersion) {
    r.fail("unsupported transaction version " + std::to_string(version));
    return;
  }
  core::read_value(r, chain_id);
  core::read_value(r, signer);
  core::read_value(r, nonce);
  core::read_value(r, fee);
  core::read_value(r, call);
  core::read_value(r, signature);
}

core::Hash32 signing_message(const Transaction& tx) {
  core::Writer w;
  w.raw(core::as_bytes(kTxSigningTag));
  tx.encode_unsigned(w);
  return core::blake2b_256(w.data());
}

core::TxId tx_id(const Transaction& tx) {
  return core::TxId{core::blake2b_256(core::encode(tx))};
}

bool verify_signature(const Transaction& tx) {
  core::Hash32 msg = signing_message(tx);
  return tx.signer.verify(msg.view(), tx.signature);
}

void sign_transaction(Transaction& tx, const core::SchnorrSecretKey& key,
                      const std::array<std::uint8_t, 32>& aux) {
  tx.signature = key.sign(signing_message(tx).bytes, aux);
}

void sign_transaction(Transaction& tx, const core::SchnorrSecretKey& key) {
  tx.signature = key.sign(signing_message(tx).bytes);
}

void sign_transaction(Transaction& tx, const core::Ed25519SecretKey& key) {
  tx.signature = key.sign(signing_message(tx).view());
}

}  // namespace grid::ledger
