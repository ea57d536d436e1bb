#include "tools/load/submitter.hpp"

#include <algorithm>
#include <set>

#include "tools/client/rpc_client.hpp"

namespace grid::tools {
namespace {

using std::chrono::milliseconds;

constexpr milliseconds kFirstBackoff{50};
constexpr milliseconds kMaxBackoff{1000};
constexpr milliseconds kIdle{5};
constexpr milliseconds kTransportPause{200};
constexpr milliseconds kStaleScanEvery{250};

const std::set<std::string, std::less<>> kRetryable = {"mempool_full", "too_many_pending",
                                                       "rate_limited", "no_reply"};
// The node does not hold the transactions before this one (lost, evicted, or not gossiped to the
// node failed over to), or this nonce is already used (committed but not yet seen).
const std::set<std::string, std::less<>> kNonceTrouble = {"bad_nonce", "nonce_gap"};

void merge(SubmitStats& into, const SubmitStats& from) {
  for (const auto& [reason, n] : from.refused) into.refused[reason] += n;
  into.requests += from.requests;
  into.accepted += from.accepted;
  into.resubmitted += from.resubmitted;
  into.transport_errors += from.transport_errors;
  into.cascaded += from.cascaded;
  into.abandoned_accounts += from.abandoned_accounts;
}

}  // namespace

struct Submitter::Account {
  const std::vector<SignedTx>* txs = nullptr;
  std::vector<TxTiming>* timings = nullptr;
  std::vector<char> accepted;  // accepted by a node and not yet seen committed
  std::vector<Clock::time_point> last_accept;
  std::size_t base = 0;  // every transaction before base is committed
  std::size_t cursor = 0;
  Clock::time_point backoff_until{};
  milliseconds backoff{0};
  bool abandoned = false;
  bool blocked = false;  // a refusal earlier in the batch being read

  bool done() const { return abandoned || base == txs->size(); }
  void back_off(Clock::time_point now) {
    backoff = std::clamp(backoff * 2, kFirstBackoff, kMaxBackoff);
    backoff_until = now + backoff;
    blocked = true;
  }
  void accept(std::size_t j, Clock::time_point sent, SubmitStats& stats) {
    if (!accepted[j]) ++stats.accepted;
    accepted[j] = 1;
    last_accept[j] = sent;
    if (!(*timings)[j].accepted) (*timings)[j].accepted = sent;
    backoff = milliseconds(0);
  }
  // Moves base past the committed transactions; resends the stale accepted ones.
  void refresh(const CommitLog& log, Clock::time_point now, std::optional<milliseconds> stale_after,
               SubmitStats& stats) {
    while (base < txs->size() && log.find((*txs)[base].id)) ++base;
    if (!stale_after) return;
    for (std::size_t j = base; j < txs->size(); ++j)
      if (accepted[j] && now - last_accept[j] > *stale_after) {
        accepted[j] = 0;
        ++stats.resubmitted;
      }
  }
};

Submitter::Submitter(std::vector<RpcEndpoint> endpoints, SubmitOptions options,
                     const CommitLog& log, LogLine log_line)
    : endpoints_(std::move(endpoints)),
      options_(options),
      log_(log),
      log_line_(std::move(log_line)) {}

Submitter::~Submitter() {
  stop();
  wait();
}

void Submitter::start(const std::vector<std::vector<SignedTx>>& queues) {
  queues_ = &queues;
  timings_.clear();
  for (const auto& q : queues) timings_.emplace_back(q.size());
  stop_ = false;
  connections_ = static_cast<std::uint32_t>(
      std::clamp<std::size_t>(queues.size(), 1, std::max<std::uint32_t>(1, options_.connections)));
  running_ = connections_;
  calls_sent_ = 0;
  started_ = Clock::now();
  for (std::uint32_t i = 0; i < connections_; ++i) threads_.emplace_back([this, i] { run(i); });
}

void Submitter::wait() {
  for (auto& t : threads_)
    if (t.joinable()) t.join();
  threads_.clear();
}

SubmitStats Submitter::stats() const {
  std::lock_guard lock(stats_mutex_);
  return stats_;
}

void Submitter::run(std::uint32_t connection) {
  std::vector<Account> accounts;
  for (std::size_t k = connection; k < queues_->size(); k += connections_) {
    Account a;
    a.txs = &(*queues_)[k];
    a.timings = &timings_[k];
    a.accepted.assign(a.txs->size(), 0);
    a.last_accept.assign(a.txs->size(), Clock::time_point{});
    accounts.push_back(std::move(a));
  }
  RpcClient client(endpoints_, connection);
  SubmitStats stats;
  Clock::time_point last_scan = Clock::now();
  std::vector<std::pair<Account*, std::size_t>> entries;
  std::vector<RpcCall> calls;
  auto log_first = [&](const std::string& key, const std::string& line) {
    std::lock_guard lock(stats_mutex_);
    if (reported_[key]) return;
    reported_[key] = true;
    log_line_(line);
  };

  while (!stop_ && Clock::now() < options_.deadline) {
    Clock::time_point now = Clock::now();
    bool scan = now - last_scan > kStaleScanEvery;
    if (scan) last_scan = now;
    bool all_done = true;
    for (auto& a : accounts) {
      a.refresh(log_, now, scan ? std::optional(options_.resubmit_after) : std::nullopt, stats);
      a.cursor = a.base;
      all_done = all_done && a.done();
    }
    if (all_done) break;

    // One batch: the accounts' next unaccepted transactions, round robin, nonce order each.
    std::size_t limit = options_.batch;
    if (options_.rate) {
      double allowed = options_.rate * std::chrono::duration<double>(now - started_).count() + 1;
      limit = std::min<double>(limit, std::max(0.0, allowed - static_cast<double>(calls_sent_)));
    }
    entries.clear();
    calls.clear();
    for (bool added = true; added && entries.size() < limit;) {
      added = false;
      for (auto& a : accounts) {
        if (entries.size() >= limit) break;
        if (a.done() || a.backoff_until > now) continue;
        while (a.cursor < a.txs->size() && a.accepted[a.cursor]) ++a.cursor;
        if (a.cursor >= a.txs->size()) continue;
        entries.emplace_back(&a, a.cursor);
        calls.push_back({"tx_submit", R"({"tx":")" + (*a.txs)[a.cursor].hex + "\"}"});
        ++a.cursor;
        added = true;
      }
    }
    if (entries.empty()) {
      std::this_thread::sleep_for(kIdle);
      continue;
    }

    calls_sent_ += entries.size();
    Clock::time_point sent = Clock::now();
    for (auto& [a, j] : entries)
      if (!(*a->timings)[j].first_sent) (*a->timings)[j].first_sent = sent;
    ++stats.requests;
    auto reply = client.send(calls);
    if (!reply) {
      ++stats.transport_errors;
      log_first("transport", "submit: " + reply.error().message() +
                                 " (moving to the next endpoint; further failures counted)");
      std::this_thread::sleep_for(kTransportPause);
      continue;
    }
    for (std::size_t i = 0; i < entries.size(); ++i) {
      auto [a, j] = entries[i];
      if (reply->ok(i)) {
        a->accept(j, sent, stats);
        continue;
      }
      if (a->blocked) {  // refused after an earlier transaction of the account: resent anyway
        ++stats.cascaded;
        continue;
      }
      const RpcError& e = reply->error(i);
      std::string reason = e.reason.empty() ? "code_" + std::to_string(e.code) : e.reason;
      ++stats.refused[reason];
      if (reason == "already_known") {
        a->accept(j, sent, stats);
      } else if (kRetryable.count(reason)) {
        log_first(reason, "refused: " + reason + ": " + e.message + " (backing off; counted)");
        a->back_off(Clock::now());
      } else if (kNonceTrouble.count(reason)) {
        log_first(reason, "refused: " + reason + " for nonce " +
                              std::to_string((*a->txs)[j].nonce) + " (first uncommitted " +
                              std::to_string((*a->txs)[a->base].nonce) + "): " + e.message +
                              " (retrying after earlier ones commit)");
        std::fill(a->accepted.begin() + a->base, a->accepted.begin() + j, 0);
        a->back_off(Clock::now());
      } else {
        log_first(reason, "refused: " + reason + ": " + e.message + " (code " +
                              std::to_string(e.code) + "); abandoning the account");
        a->abandoned = true;
        a->blocked = true;
        ++stats.abandoned_accounts;
      }
    }
    for (auto& a : accounts) a.blocked = false;
  }
  std::lock_guard lock(stats_mutex_);
  merge(stats_, stats);
  --running_;
}

}  // namespace grid::tools
