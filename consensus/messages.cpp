#include "consensus/messages.hpp"

#include <algorithm>

#include "core/blake2b.hpp"

namespace grid::consensus {

using core::Status;

void Message::encode_to(core::Writer& w) const {
  w.u8(static_cast<std::uint8_t>(kind()));
  std::visit([&](const auto& m) { core::write_value(w, m); }, value);
}

void Message::decode_from(core::Reader& r) {
  switch (static_cast<MessageKind>(r.u8())) {
    case MessageKind::proposal:
      core::read_value(r, value.emplace<Proposal>());
      return;
    case MessageKind::vote:
      core::read_value(r, value.emplace<Vote>());
      return;
    case MessageKind::decision:
      core::read_value(r, value.emplace<Decision>());
      return;
  }
  r.fail("unknown consensus message kind");
}

namespace {

core::Hash32 digest(std::string_view tag, std::string_view chain_id, const core::Bytes& fields) {
  core::Writer w;
  w.raw(core::as_bytes(tag));
  w.string(chain_id);
  w.raw(fields);
  return core::blake2b_256(w.data());
}

Status check_signature(const ValidatorKey& key, const core::Hash32& digest, const Signature& sig,
                       std::string_view what) {
  if (!core::ed25519_verify(key, digest.view(), sig))
    return Status::invalid(std::string(what) + " signature of " + short_key(key) + " is invalid");
  return Status::ok();
}

}  // namespace

core::Hash32 proposal_sign_digest(std::string_view chain_id, const Proposal& p) {
  core::Writer w;
  core::write_value(w, p.height);
  core::write_value(w, p.round);
  core::write_value(w, p.pol_round);
  core::write_value(w, p.block_hash);
  return digest(kProposalTag, chain_id, w.data());
}

core::Hash32 vote_sign_digest(std::string_view chain_id, const Vote& v) {
  core::Writer w;
  core::write_value(w, v.type);
  core::write_value(w, v.height);
  core::write_value(w, v.round);
  core::write_value(w, v.block_hash);
  core::write_value(w, v.timestamp_ms);
  return digest(kVoteTag, chain_id, w.data());
}

Vote precommit_from(const Commit& commit, const CommitSig& sig) {
  return Vote{VoteType::precommit, commit.height, commit.round, commit.block_hash,
              sig.timestamp_ms,    sig.validator, sig.signature};
}

Status verify_proposal(std::string_view chain_id, const Proposal& p) {
  if (p.pol_round && *p.pol_round >= p.round)
    return Status::invalid("proposal pol_round is not below its round");
  return check_signature(p.proposer, proposal_sign_digest(chain_id, p), p.signature, "proposal");
}

Status verify_vote(std::string_view chain_id, const Vote& v) {
  return check_signature(v.validator, vote_sign_digest(chain_id, v), v.signature, "vote");
}

Status verify_commit(std::string_view chain_id, const ValidatorSet& set, const Commit& c) {
  std::uint64_t power = 0;
  for (std::size_t i = 0; i < c.signatures.size(); ++i) {
    const CommitSig& sig = c.signatures[i];
    if (i > 0 && !(c.signatures[i - 1].validator < sig.validator))
      return Status::invalid("commit signatures are not sorted and unique");
    std::uint64_t p = set.power_of(sig.validator);
    if (p == 0) return Status::invalid("commit signer " + short_key(sig.validator) + " unknown");
    GRID_TRY(verify_vote(chain_id, precommit_from(c, sig)));
    power += p;
  }
  if (!set.has_quorum(power)) return Status::invalid("commit has no 2/3 of the voting power");
  return Status::ok();
}

std::optional<Evidence> make_evidence(const Vote& a, const Vote& b) {
  if (a.validator != b.validator || a.height != b.height || a.round != b.round ||
      a.type != b.type || a.block_hash == b.block_hash)
    return std::nullopt;
  if (core::encode(b) < core::encode(a)) return Evidence{b, a};
  return Evidence{a, b};
}

Status verify_evidence(std::string_view chain_id, const ValidatorSet& set, const Evidence& e) {
  auto canonical = make_evidence(e.first, e.second);
  if (!canonical || !(*canonical == e))
    return Status::invalid("evidence votes do not conflict or are not in canonical order");
  if (!set.find(e.first.validator)) return Status::invalid("evidence against a non-validator");
  GRID_TRY(verify_vote(chain_id, e.first));
  return verify_vote(chain_id, e.second);
}

}  // namespace grid::consensus
