#include "tools/load/load_self_test.hpp"

#include <array>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "core/codec.hpp"
#include "core/dev_accounts.hpp"
#include "ledger/executor.hpp"
#include "ledger/ledger_modules.hpp"
#include "ledger/params.hpp"
#include "tools/client/rpc_client.hpp"
#include "tools/load/load_options.hpp"
#include "tools/load/load_plan.hpp"
#include "tools/load/load_report.hpp"

namespace grid::tools {
namespace {

class Checker {
 public:
  explicit Checker(std::FILE* out) : out_(out) {}
  void check(bool ok, const std::string& what) {
    ++total_;
    if (ok) return;
    ++failed_;
    std::fprintf(out_, "FAIL: %s\n", what.c_str());
  }
  int finish() {
    std::fprintf(out_, "self-test: %d of %d checks passed\n", total_ - failed_, total_);
    return failed_;
  }

 private:
  std::FILE* out_;
  int total_ = 0;
  int failed_ = 0;
};

core::Result<ledger::Transaction> decode_hex_tx(const std::string& hex) {
  GRID_ASSIGN(core::Bytes bytes, core::hex_decode(hex));
  return core::decode<ledger::Transaction>(bytes);
}

void check_keys(Checker& c) {
  LoadKey a = derive_load_key("s", 0);
  c.check(derive_load_key("s", 0).account == a.account, "key derivation is deterministic");
  c.check(derive_load_key("s", 1).account != a.account, "indices give distinct accounts");
  c.check(derive_load_key("t", 0).account != a.account, "seeds give distinct accounts");
  c.check(derive_load_keys("s", 5).size() == 5, "derive_load_keys gives the count asked");
}

void check_fee(Checker& c) {
  ledger::Transaction sample;
  sample.chain_id = "gridchain-testnet";
  sample.call = ledger::Transfer{.to = {}, .amount = kLoadAmount};
  auto modules = ledger::ledger_modules();
  std::uint64_t required = ledger::required_fee(ledger::ChainParams{}, modules, sample);
  std::uint64_t dev_required = ledger::required_fee(ledger::dev_params(), modules, sample);
  c.check(required > 0, "a transfer is not fee-free");
  c.check(default_transfer_fee() == kFeeMultiplier * required,
          "default fee = multiplier x required fee");
  c.check(default_transfer_fee() >= dev_required, "default fee covers the dev params");
  c.check(funding_needed(3, 100) > 3 * 101, "funding covers the fees and amounts");
}

void check_transfers(Checker& c) {
  TransferPlan plan;
  plan.chain_id = "gridchain-testnet";
  plan.fee = default_transfer_fee();
  plan.txs = 10;
  plan.keys = derive_load_keys("self-test", 3);
  plan.start_nonces = {0, 7, 1};
  auto queues = plan_transfers(plan);
  c.check(queues.is_ok(), "plan_transfers succeeds");
  if (!queues) return;
  c.check(queues->size() == 3 && (*queues)[0].size() == 4 && (*queues)[1].size() == 3 &&
              (*queues)[2].size() == 3,
          "10 transfers over 3 accounts are split 4/3/3");
  std::set<core::TxId> ids;
  for (std::size_t k = 0; k < queues->size(); ++k) {
    for (std::size_t j = 0; j < (*queues)[k].size(); ++j) {
      const SignedTx& s = (*queues)[k][j];
      auto tx = decode_hex_tx(s.hex);
      std::string where = "account " + std::to_string(k) + " tx " + std::to_string(j);
      c.check(tx.is_ok(), where + " decodes");
      if (!tx) continue;
      const auto* t = tx->call.as<ledger::Transfer>();
      c.check(ledger::verify_signature(*tx), where + " verifies");
      c.check(ledger::tx_id(*tx) == s.id, where + " has the id of its encoding");
      c.check(tx->nonce == plan.start_nonces[k] + j && s.nonce == tx->nonce,
              where + " has the next nonce");
      c.check(tx->signer == plan.keys[k].account && tx->chain_id == plan.chain_id &&
                  tx->fee == plan.fee,
              where + " has its signer, chain id and fee");
      c.check(t && t->to == plan.keys[(k + 1) % 3].account && t->amount == kLoadAmount,
              where + " transfers to the next account");
      ids.insert(s.id);
      ledger::Transaction tampered = *tx;
      tampered.nonce += 1;
      c.check(!ledger::verify_signature(tampered), where + " tampered does not verify");
    }
  }
  c.check(ids.size() == 10, "every transfer has its own id");

  plan.keys.erase(plan.keys.begin() + 1, plan.keys.end());
  plan.start_nonces.resize(1);
  plan.sink = derive_load_key("sink", 0).account;
  auto single = plan_transfers(plan);
  auto first = single ? decode_hex_tx((*single)[0][0].hex) : core::Status::invalid("no plan");
  c.check(first.is_ok() && first->call.as<ledger::Transfer>()->to == plan.sink,
          "one account sends to the sink, not to itself");
}

void check_funding(Checker& c) {
  auto alice = core::dev_secret_key("alice");
  c.check(alice.is_ok(), "alice's dev key");
  if (!alice) return;
  LoadKey funder = load_key_from_secret(*alice);
  std::vector<Funding> funding = {{derive_load_key("f", 0).account, 1000},
                                  {derive_load_key("f", 1).account, 2000}};
  auto txs = funding_transfers("gridchain-dev", funder, 42, 20'000, funding);
  c.check(txs.is_ok() && txs->size() == 2, "funding transfers are signed");
  if (!txs) return;
  for (std::size_t i = 0; i < txs->size(); ++i) {
    auto tx = decode_hex_tx((*txs)[i].hex);
    c.check(tx.is_ok() && ledger::verify_signature(*tx) && tx->nonce == 42 + i &&
                tx->signer == *core::dev_account("alice") &&
                tx->call.as<ledger::Transfer>()->amount == funding[i].amount,
            "funding transfer " + std::to_string(i) + " verifies with the funder's nonce");
  }
}

core::Result<LoadOptions> parse(std::vector<std::string_view> args) {
  return parse_load_options(args);
}

void check_options(Checker& c) {
  auto d = parse({});
  c.check(d.is_ok() && d->txs == 10'000 && d->accounts == 100 && d->connections == 8 &&
              d->funder == "alice" && d->timeout_s == 120 && !d->json && !d->chain_id &&
              d->rpc.size() == 1 && d->rpc[0].host == "127.0.0.1" && d->rpc[0].port == 26657 &&
              d->rate == 0,
          "defaults");
  auto o = parse({"--rpc",       "http://127.0.0.1:27001,http://localhost:27003/rpc",
                  "--txs=200",   "--accounts",
                  "4",           "--connections",
                  "2",           "--chain-id",
                  "x",           "--funder",
                  "bob",         "--json",
                  "--ids-out",   "/tmp/ids",
                  "--timeout-s", "30",
                  "--fee",       "0",
                  "--rate",      "50"});
  c.check(o.is_ok(), "a full command line parses");
  if (o) {
    c.check(o->rpc.size() == 2 && o->rpc[1].host == "localhost" && o->rpc[1].port == 27003 &&
                o->rpc[0].url() == "http://127.0.0.1:27001",
            "--rpc list");
    c.check(o->txs == 200 && o->accounts == 4 && o->connections == 2 && o->chain_id == "x" &&
                o->funder == "bob" && o->json && o->ids_out == "/tmp/ids" && o->timeout_s == 30 &&
                o->fee == 0u && o->rate == 50,
            "option values");
  }
  for (auto bad : std::vector<std::vector<std::string_view>>{{"--txs"},
                                                             {"--txs", "0"},
                                                             {"--txs", "12x"},
                                                             {"--accounts", "-1"},
                                                             {"--bogus"},
                                                             {"--rpc", "127.0.0.1:1"},
                                                             {"--rpc", "http://h:99999"},
                                                             {"--rpc", "http://h:1,"},
                                                             {"--rpc", "http://:1"}}) {
    std::string line;
    for (auto a : bad) line += std::string(a) + " ";
    c.check(!parse(bad).is_ok(), "refuses: " + line);
  }
  c.check(parse({"--help"}).is_ok() && parse({"-h"})->help, "--help");
}

void check_rpc_bodies(Checker& c) {
  std::vector<RpcCall> calls = {{"tx_submit", R"({"tx":"00"})"}, {"chain_status", "{}"}};
  c.check(rpc_request_body(std::span(calls).first(1)) ==
              R"({"jsonrpc":"2.0","method":"tx_submit","params":{"tx":"00"},"id":0})",
          "one call is one request object");
  c.check(rpc_request_body(calls).front() == '[' &&
              rpc_request_body(calls).find(R"("id":1})") != std::string::npos,
          "several calls are a batch with ids 0..n-1");
  c.check(json_quote("a\"b\\\n") == R"("a\"b\\\u000a")", "json_quote escapes");

  auto r = parse_rpc_reply(
      R"([{"jsonrpc":"2.0","error":{"code":-32000,"message":"full","data":{"reason":"mempool_full"}},"id":2},
          {"jsonrpc":"2.0","result":{"id":"ab","height":"7"},"id":0}])",
      3);
  c.check(r.is_ok(), "a batch reply parses");
  if (r) {
    c.check(r->ok(0) && json_string_member(r->result(0), "id").value() == "ab" &&
                json_u64_member(r->result(0), "height").value() == 7,
            "results are filed by id");
    c.check(!r->ok(2) && r->error(2).reason == "mempool_full" && r->error(2).code == -32000,
            "errors carry code and data.reason");
    c.check(!r->ok(1) && r->error(1).reason == "no_reply", "a missing reply is no_reply");
  }
  auto top = parse_rpc_reply(
      R"({"jsonrpc":"2.0","error":{"code":-32600,"message":"too big"},"id":null})", 2);
  c.check(top.is_ok() && !top->ok(0) && !top->ok(1) && top->error(1).code == -32600,
          "a request-level error answers every call");
  c.check(!parse_rpc_reply("<html>", 1).is_ok(), "a non-JSON reply is an error");
  c.check(!parse_rpc_reply(R"([{"result":1,"id":5}])", 1).is_ok(), "an unknown id is an error");
}

void check_percentiles(Checker& c) {
  std::vector<double> v;
  for (int i = 100; i >= 1; --i) v.push_back(i);
  c.check(percentile_ms(v, 50) == 50 && percentile_ms(v, 99) == 99 && percentile_ms(v, 100) == 100,
          "nearest-rank percentiles");
  c.check(percentile_ms({}, 50) == 0 && percentile_ms({3}, 99) == 3, "percentile edge cases");
}

void check_summary(Checker& c) {
  TransferPlan plan{.chain_id = "c", .fee = 1, .txs = 4, .keys = derive_load_keys("sum", 2)};
  plan.start_nonces = {0, 0};
  auto queues = plan_transfers(plan);
  if (!queues) return c.check(false, "plan for the summary");
  Clock::time_point t0 = Clock::now();
  std::vector<std::vector<TxTiming>> timings(2, std::vector<TxTiming>(2));
  for (auto& q : timings)
    for (auto& t : q) t = {t0, t0 + std::chrono::milliseconds(100)};
  CommitLog log;
  log.record({(*queues)[0][0].id, (*queues)[1][0].id}, 5, t0 + std::chrono::seconds(1));
  log.record({(*queues)[0][1].id}, 6, t0 + std::chrono::seconds(2));
  SubmitStats stats;
  stats.refused["mempool_full"] = 3;
  LoadSummary s = summarize(*queues, timings, log, stats);
  c.check(s.txs == 4 && s.committed == 3 && !s.complete(), "summary counts");
  c.check(s.seconds > 1.99 && s.seconds < 2.01 && s.tps > 1.49 && s.tps < 1.51,
          "tps = committed / (last commit - first submit)");
  c.check(s.p50_ms > 899 && s.p50_ms < 901 && s.p99_ms > 1899 && s.p99_ms < 1901,
          "latency from the accepted submission");
  c.check(s.first_height == 5 && s.last_height == 6, "commit heights");
  rapidjson::Document doc;
  doc.Parse(summary_json(s).c_str());
  c.check(!doc.HasParseError() && doc["committed"].GetUint64() == 3 && !doc["complete"].GetBool() &&
              doc["refused"]["mempool_full"].GetUint64() == 3 &&
              doc["latency_ms"]["p99"].IsNumber(),
          "summary JSON");
  c.check(summary_text(s).find("INCOMPLETE") != std::string::npos, "summary text flags it");
}

}  // namespace

int run_load_self_test(std::FILE* out) {
  Checker c(out);
  check_keys(c);
  check_fee(c);
  check_transfers(c);
  check_funding(c);
  check_options(c);
  check_rpc_bodies(c);
  check_percentiles(c);
  check_summary(c);
  return c.finish();
}

}  // namespace grid::tools
